// Chronoscope platform (native): Locale and time zones from ICU (see locale_icu.h). Each field is filled the way
// web/src/locale.js fills it from Intl (V8's Intl is ICU too): patterns from the CLDR skeleton core names,
// months from the symbols the patterns use, numbers from a formatted sample.
#if !defined(__EMSCRIPTEN__)
#include "platform/locale_icu.h"

#include <unicode/datefmt.h>
#include <unicode/dcfmtsym.h>
#include <unicode/dtfmtsym.h>
#include <unicode/dtptngen.h>
#include <unicode/locid.h>
#include <unicode/numberformatter.h>
#include <unicode/numfmt.h>
#include <unicode/plurrule.h>
#include <unicode/reldatefmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>

namespace chronoscope {

static std::string Utf8(const icu::UnicodeString& u)
{
    std::string s;
    u.toUTF8String(s);
    return s;
}

std::string EnvironmentLocale()
{
    for (const char* v : { "LC_ALL", "LC_TIME", "LANG" }) {
        const char* s = getenv(v);
        if (s && s[0])
            return s;
    }
    return "";
}

// "de_DE.UTF-8@euro" -> "de-DE"; "C", "POSIX" -> ""
static std::string TagOf(std::string t)
{
    size_t cut = t.find_first_of(".@");
    if (cut != std::string::npos)
        t.resize(cut);
    for (char& c : t)
        if (c == '_')
            c = '-';
    if (t == "C" || t == "POSIX")
        return "";
    return t;
}

// An ICU date pattern as core's pattern: y -> {y}, MMM -> {M}, LLL -> {L}, M -> {o}, MM -> {O}, d -> {d}, H -> {H},
// m -> {m}, s -> {s}, G -> the era word (GGGG: long); quoted text literal. False for a field core does not write.
static bool CorePattern(const icu::UnicodeString& p, const std::string& era_short, const std::string& era_long,
                        std::string* out)
{
    std::string pat = Utf8(p), o;
    for (size_t i = 0; i < pat.size();) {
        char c = pat[i];
        if (c == '\'') {
            size_t j = i + 1;
            if (j < pat.size() && pat[j] == '\'') { o += '\''; i += 2; continue; }
            while (j < pat.size()) {
                if (pat[j] == '\'' && j + 1 < pat.size() && pat[j + 1] == '\'') { o += '\''; j += 2; continue; }
                if (pat[j] == '\'') break;
                o += pat[j++];
            }
            i = j + 1;
            continue;
        }
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            size_t j = i;
            while (j < pat.size() && pat[j] == c)
                j++;
            size_t n = j - i;
            i = j;
            switch (c) {
            case 'y': o += "{y}"; break;
            case 'M': o += n >= 3 ? "{M}" : n == 2 ? "{O}" : "{o}"; break;
            case 'L': o += n >= 3 ? "{L}" : n == 2 ? "{O}" : "{o}"; break;
            case 'd': o += "{d}"; break;
            case 'H': o += "{H}"; break;
            case 'm': o += "{m}"; break;
            case 's': o += "{s}"; break;
            case 'G': o += n >= 4 ? era_long : era_short; break;
            default: return false;
            }
            continue;
        }
        o += c;
        i++;
    }
    *out = o;
    return true;
}

// The number as the locale's NumberFormat writes it.
static std::string Num(icu::NumberFormat& nf, double v)
{
    icu::UnicodeString u;
    nf.format(v, u);
    return Utf8(u);
}

static std::string Replace(const std::string& s, const std::string& what, const std::string& with, bool* found)
{
    size_t at = what.empty() ? std::string::npos : s.find(what);
    *found = at != std::string::npos;
    if (!*found)
        return s;
    return s.substr(0, at) + with + s.substr(at + what.size());
}

bool IcuLocale(const std::string& tag_in, Locale* out, std::string* error)
{
    const std::string tag = TagOf(tag_in);
    if (IsEnglishTag(tag)) {
        *out = Locale();
        out->Tag = tag;
        return true;
    }
    UErrorCode st = U_ZERO_ERROR;
    icu::Locale loc = icu::Locale::forLanguageTag(tag, st);
    if (U_FAILURE(st) || loc.isBogus() || !loc.getLanguage()[0]) {
        if (error) *error = "'" + tag_in + "' is not a locale";
        return false;
    }
    // Does ICU have data for its language? (an unknown language falls back to the root locale)
    {
        int32_t n = 0;
        const icu::Locale* all = icu::Locale::getAvailableLocales(n);
        bool known = false;
        for (int32_t i = 0; i < n && !known; i++)
            known = !strcmp(all[i].getLanguage(), loc.getLanguage());
        if (!known) {
            if (error) *error = "no locale data for '" + tag_in + "'";
            return false;
        }
    }
    loc.setKeywordValue("calendar", "gregorian", st);
    st = U_ZERO_ERROR;

    std::vector<std::pair<std::string, std::string>> fields;
    std::unique_ptr<icu::DateTimePatternGenerator> gen(icu::DateTimePatternGenerator::createInstance(loc, st));
    icu::DateFormatSymbols sym(loc, st);
    std::unique_ptr<icu::NumberFormat> nf(icu::NumberFormat::createInstance(loc, st));
    std::unique_ptr<icu::PluralRules> pr(icu::PluralRules::forLocale(loc, st));
    icu::RelativeDateTimeFormatter rel(loc, st);
    if (U_FAILURE(st)) {
        if (error) *error = std::string("ICU: ") + u_errorName(st);
        return false;
    }
    int32_t ne = 0;
    const icu::UnicodeString* eras = sym.getEras(ne);
    const std::string bce = ne > 0 ? Utf8(eras[0]) : "BC";
    int32_t nl = 0;
    const icu::UnicodeString* era_names = sym.getEraNames(nl);
    const std::string bce_long = nl > 0 ? Utf8(era_names[0]) : bce;
    int32_t nm = 0;
    const icu::UnicodeString* ms = sym.getMonths(nm, icu::DateFormatSymbols::FORMAT, icu::DateFormatSymbols::ABBREVIATED);
    int32_t na = 0;
    const icu::UnicodeString* ma = sym.getMonths(na, icu::DateFormatSymbols::STANDALONE, icu::DateFormatSymbols::ABBREVIATED);
    int32_t nw = 0;
    const icu::UnicodeString* mw = sym.getMonths(nw, icu::DateFormatSymbols::FORMAT, icu::DateFormatSymbols::WIDE);
    const char* const plurals[Plural_COUNT] = { "zero", "one", "two", "few", "many", "other" };
    auto category = [&](double v) {
        std::string c = Utf8(pr->select(v));
        for (int i = 0; i < Plural_COUNT; i++)
            if (c == plurals[i])
                return i;
        return (int)Plural_Other;
    };
    // grouping: the digit runs of 1234567.5 (the last is the first group from the right)
    icu::DecimalFormatSymbols dfs(loc, st);
    const std::string group = Utf8(dfs.getConstSymbol(icu::DecimalFormatSymbols::kGroupingSeparatorSymbol));
    const std::string decimal = Utf8(dfs.getConstSymbol(icu::DecimalFormatSymbols::kDecimalSeparatorSymbol));
    std::string sample = Num(*nf, 1234567.5);
    sample = sample.substr(0, sample.find(decimal));
    std::vector<int> runs;
    {
        icu::UnicodeString u = icu::UnicodeString::fromUTF8(sample), g = icu::UnicodeString::fromUTF8(group);
        int32_t from = 0;
        while (true) {
            int32_t at = g.isEmpty() ? -1 : u.indexOf(g, from);
            runs.push_back((at < 0 ? u.length() : at) - from);
            if (at < 0) break;
            from = at + g.length();
        }
    }
    const int size1 = runs.size() > 1 ? runs.back() : 3;
    const int size2 = runs.size() > 2 ? runs[runs.size() - 2] : size1;
    int min_grouping = 1;
    while (min_grouping < 4 && Num(*nf, std::pow(10.0, size1 + min_grouping - 1)).find(group) == std::string::npos)
        min_grouping++;
    std::string digits[10];
    for (int d = 0; d < 10; d++)
        digits[d] = Num(*nf, d);

    for (const LocaleField& f : LocaleFields()) {
        const std::string& n = f.Name;
        std::string v;
        if (f.Skeleton) {
            icu::UnicodeString p = gen->getBestPattern(icu::UnicodeString(f.Skeleton), st);
            if (U_FAILURE(st) || !CorePattern(p, bce, bce_long, &v)) {
                if (error) *error = "ICU gave no usable pattern for " + n;
                return false;
            }
        } else if (n.compare(0, 6, "month.") == 0) {
            int m = atoi(n.c_str() + n.rfind('.') + 1) - 1;
            const icu::UnicodeString* list = n.compare(0, 17, "month.short_alone") == 0 ? ma : n.compare(0, 10, "month.long") == 0 ? mw : ms;
            int32_t count = list == ma ? na : list == mw ? nw : nm;
            v = m >= 0 && m < count ? Utf8(list[m]) : "";
        } else if (n.compare(0, 6, "digit.") == 0) {
            v = digits[atoi(n.c_str() + 6)];
        } else if (n == "number.decimal") {
            v = decimal;
        } else if (n == "number.group") {
            v = group;
        } else if (n == "number.group_size") {
            v = std::to_string(size1);
        } else if (n == "number.group_size2") {
            v = std::to_string(size2);
        } else if (n == "number.min_grouping") {
            v = std::to_string(min_grouping);
        } else if (n == "plural.int" || n == "plural.frac") {
            for (int i = 0; i < 200; i++)
                v += (char)('0' + category(n == "plural.int" ? i : i + 0.5));
        } else if (n.compare(0, 4, "ago.") == 0) {
            static const char* const units[] = { "year", "month", "week", "day", "hour", "minute", "second" };
            static const URelativeDateTimeUnit rel_units[] = { UDAT_REL_UNIT_YEAR, UDAT_REL_UNIT_MONTH, UDAT_REL_UNIT_WEEK,
                                                               UDAT_REL_UNIT_DAY, UDAT_REL_UNIT_HOUR, UDAT_REL_UNIT_MINUTE,
                                                               UDAT_REL_UNIT_SECOND };
            std::string unit = n.substr(4, n.rfind('.') - 4), cat = n.substr(n.rfind('.') + 1);
            int u = 0;
            while (u < 6 && unit != units[u])
                u++;
            double sample_n = -1;
            for (int i = 0; i < 200 && sample_n < 0; i++)
                if (plurals[category(i)] == cat) sample_n = i;
            for (int i = 0; i < 200 && sample_n < 0; i++)
                if (plurals[category(i + 0.5)] == cat) sample_n = i + 0.5;
            if (sample_n < 0)
                sample_n = category(1.5) == Plural_Other ? 1.5 : 5;
            icu::UnicodeString r;
            rel.formatNumeric(-sample_n, rel_units[u], r, st);
            bool found;
            // (a category may name its count in words: Arabic's one and two, "قبل سنة واحدة")
            v = Replace(Utf8(r), Num(*nf, sample_n), "{n}", &found);
            if (U_FAILURE(st)) {
                if (error) *error = "ICU gave no relative time for " + n;
                return false;
            }
        } else if (n.compare(0, 8, "compact.") == 0) {
            int k = atoi(n.c_str() + 8);
            icu::UnicodeString r = icu::number::NumberFormatter::withLocale(loc)
                                       .notation(icu::number::Notation::compactShort())
                                       .formatDouble(std::pow(10.0, k), st)
                                       .toString(st);
            std::string s = Utf8(r), pat;
            int div = 0;
            for (int j = std::min(k, 3); j >= 0; j--) {
                std::string one = digits[1];
                for (int z = 0; z < j; z++)
                    one += digits[0];
                bool found;
                pat = Replace(s, one, "{n}", &found);
                if (!found && j == 3) {
                    std::string grouped = digits[1] + group + digits[0] + digits[0] + digits[0];
                    pat = Replace(s, grouped, "{n}", &found);
                }
                if (found) {
                    div = k - j;
                    break;
                }
                pat.clear();
            }
            if (pat.empty()) {
                if (error) *error = "ICU gave no compact number for " + n;
                return false;
            }
            v = n.size() > 4 && n.compare(n.size() - 4, 4, ".div") == 0 ? std::to_string(div) : pat;
        } else {
            if (error) *error = "no ICU source for locale field " + n;
            return false;
        }
        fields.emplace_back(n, v);
    }
    return LocaleFromFields(tag, fields, out, error);
}

// ------------------------------------------------------------------------------------------------ time zones

// Zones by name, made once (an ICU TimeZone is safe to read from one thread: the UI's).
static int IcuOffset(const char* name, int64_t sec, void*)
{
    static std::map<std::string, std::unique_ptr<icu::TimeZone>> zones;
    static std::mutex lock;
    std::lock_guard<std::mutex> hold(lock);
    std::unique_ptr<icu::TimeZone>& z = zones[name];
    if (!z)
        z.reset(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(name)));
    int32_t raw = 0, dst = 0;
    UErrorCode st = U_ZERO_ERROR;
    z->getOffset((double)sec * 1000.0, false, raw, dst, st);
    return U_FAILURE(st) ? 0 : (raw + dst) / 1000;
}

bool IcuTimeZone(const std::string& zone, TimeZoneSetting* out, std::string* error)
{
    TimeZoneSetting z;
    if (zone.empty()) {
        *out = z;
        return true;
    }
    if (zone == "UTC" || zone == "utc") {
        z.Mode = ZoneMode_Utc;
        *out = z;
        return true;
    }
    std::unique_ptr<icu::TimeZone> tz(zone == "local" ? icu::TimeZone::createDefault()
                                                      : icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(zone)));
    icu::UnicodeString id;
    tz->getID(id);
    if (!tz || id == icu::UnicodeString("Etc/Unknown")) {
        if (error) *error = "unknown time zone '" + zone + "' (use UTC, local or an IANA name such as Asia/Seoul)";
        return false;
    }
    z.Mode = ZoneMode_Named;
    z.Name = Utf8(id);
    z.OffsetAt = &IcuOffset;
    *out = z;
    return true;
}

} // namespace chronoscope
#endif
