// Chronoscope core: locales and time zones for the formatters (see locale.h).
#include "core/locale.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace chronoscope {

const Locale& EnglishLocale()
{
    static const Locale en;
    return en;
}

static const char* const kPatternNames[LocalePattern_COUNT] = {
    "year", "year.bce", "month", "month.bce", "day", "day.bce", "minute", "minute.bce", "second", "second.bce",
    "day_month", "time_minute", "time_second",
};
// CLDR skeletons, as Intl.DateTimeFormat's options map to them (year: numeric -> y, month: short -> MMM, day:
// numeric -> d, hour: 2-digit with hourCycle h23 -> HH, minute/second: 2-digit -> mm/ss, era: long -> GGGG; the long
// era because CLDR's short Korean era is "BC", its long one "기원전").
static const char* const kPatternSkeletons[LocalePattern_COUNT] = {
    "y", "GGGGy", "yMMM", "GGGGyMMM", "yMMMd", "GGGGyMMMd", "yMMMdHHmm", "GGGGyMMMdHHmm", "yMMMdHHmmss", "GGGGyMMMdHHmmss",
    "MMMd", "HHmm", "HHmmss",
};
static const char* const kAgoUnits[AgoUnit_COUNT] = { "year", "month", "week", "day", "hour", "minute", "second" };
static const char* const kPluralNames[Plural_COUNT] = { "zero", "one", "two", "few", "many", "other" };

const std::vector<LocaleField>& LocaleFields()
{
    static const std::vector<LocaleField> fields = [] {
        std::vector<LocaleField> f;
        for (int i = 0; i < LocalePattern_COUNT; i++)
            f.push_back({ std::string("pattern.") + kPatternNames[i], kPatternSkeletons[i] });
        for (const char* kind : { "short", "short_alone", "long" })
            for (int m = 1; m <= 12; m++)
                f.push_back({ std::string("month.") + kind + "." + std::to_string(m), nullptr });
        for (int d = 0; d < 10; d++)
            f.push_back({ "digit." + std::to_string(d), nullptr });
        for (const char* n : { "number.decimal", "number.group", "number.group_size", "number.group_size2",
                               "number.min_grouping", "plural.int", "plural.frac" })
            f.push_back({ n, nullptr });
        for (int u = 0; u < AgoUnit_COUNT; u++)
            for (int c = 0; c < Plural_COUNT; c++)
                f.push_back({ std::string("ago.") + kAgoUnits[u] + "." + kPluralNames[c], nullptr });
        for (int k = 0; k < kCompactMax; k++) {
            f.push_back({ "compact." + std::to_string(k), nullptr });
            f.push_back({ "compact." + std::to_string(k) + ".div", nullptr });
        }
        return f;
    }();
    return fields;
}

static bool ReadInt(const std::string& v, int lo, int hi, int* out)
{
    if (v.empty() || v.size() > 4)
        return false;
    char* end = nullptr;
    long x = strtol(v.c_str(), &end, 10);
    if (*end || x < lo || x > hi)
        return false;
    *out = (int)x;
    return true;
}

// The string field a name stands for, or null; *num: an int field instead.
static std::string* StringField(Locale* L, const std::string& name, int** num, uint8_t** table)
{
    *num = nullptr;
    *table = nullptr;
    for (int i = 0; i < LocalePattern_COUNT; i++)
        if (name == std::string("pattern.") + kPatternNames[i])
            return &L->Pattern[i];
    int n = 0;
    auto indexed = [&](const char* prefix, int lo, int hi) {
        size_t pl = strlen(prefix);
        return name.compare(0, pl, prefix) == 0 && ReadInt(name.substr(pl), lo, hi, &n);
    };
    if (indexed("month.short.", 1, 12)) return &L->MonthShort[n - 1];
    if (indexed("month.short_alone.", 1, 12)) return &L->MonthShortAlone[n - 1];
    if (indexed("month.long.", 1, 12)) return &L->MonthLong[n - 1];
    if (indexed("digit.", 0, 9)) return &L->Digits[n];
    if (name == "number.decimal") return &L->Decimal;
    if (name == "number.group") return &L->Group;
    if (name == "number.group_size") { *num = &L->GroupSize; return nullptr; }
    if (name == "number.group_size2") { *num = &L->GroupSize2; return nullptr; }
    if (name == "number.min_grouping") { *num = &L->MinGrouping; return nullptr; }
    if (name == "plural.int") { *table = L->PluralInt; return nullptr; }
    if (name == "plural.frac") { *table = L->PluralFrac; return nullptr; }
    for (int u = 0; u < AgoUnit_COUNT; u++)
        for (int c = 0; c < Plural_COUNT; c++)
            if (name == std::string("ago.") + kAgoUnits[u] + "." + kPluralNames[c])
                return &L->Ago[u][c];
    if (name.compare(0, 8, "compact.") == 0) {
        std::string rest = name.substr(8);
        bool div = rest.size() > 4 && rest.compare(rest.size() - 4, 4, ".div") == 0;
        if (div)
            rest.resize(rest.size() - 4);
        if (ReadInt(rest, 0, kCompactMax - 1, &n)) {
            if (div) { *num = &L->CompactDiv[n]; return nullptr; }
            return &L->Compact[n];
        }
    }
    return nullptr;
}

bool SetLocaleField(Locale* loc, const std::string& name, const std::string& value)
{
    int* num;
    uint8_t* table;
    std::string* s = StringField(loc, name, &num, &table);
    if (s) {
        if (value.size() > 200)
            return false;
        *s = value;
        return true;
    }
    if (num)
        return ReadInt(value, 0, 20, num);
    if (table) {
        if (value.size() != 200)
            return false;
        for (char c : value)
            if (c < '0' || c >= '0' + Plural_COUNT)
                return false;
        for (int i = 0; i < 200; i++)
            table[i] = (uint8_t)(value[i] - '0');
        return true;
    }
    return false;
}

std::string GetLocaleField(const Locale& loc, const std::string& name)
{
    int* num;
    uint8_t* table;
    std::string* s = StringField(const_cast<Locale*>(&loc), name, &num, &table);
    if (s)
        return *s;
    if (num)
        return std::to_string(*num);
    if (table) {
        std::string out;
        for (int i = 0; i < 200; i++)
            out += (char)('0' + table[i]);
        return out;
    }
    return "";
}

bool IsEnglishTag(const std::string& tag)
{
    return tag.empty() || tag == "en" || (tag.size() > 3 && tag.compare(0, 3, "en-") == 0) ||
           (tag.size() > 3 && tag.compare(0, 3, "en_") == 0);
}

bool LocaleFromFields(const std::string& tag, const std::vector<std::pair<std::string, std::string>>& fields,
                      Locale* out, std::string* error)
{
    Locale L;
    L.Tag = tag;
    L.English = false;
    const std::vector<LocaleField>& want = LocaleFields();
    std::vector<uint8_t> got(want.size(), 0);
    for (const auto& kv : fields) {
        size_t i = 0;
        while (i < want.size() && want[i].Name != kv.first)
            i++;
        if (i == want.size()) {
            if (error) *error = "unknown locale field " + kv.first;
            return false;
        }
        if (got[i]++) {
            if (error) *error = "locale field " + kv.first + " given twice";
            return false;
        }
        if (!SetLocaleField(&L, kv.first, kv.second)) {
            if (error) *error = "bad value for locale field " + kv.first;
            return false;
        }
    }
    for (size_t i = 0; i < want.size(); i++)
        if (!got[i]) {
            if (error) *error = "locale field " + want[i].Name + " missing";
            return false;
        }
    *out = std::move(L);
    return true;
}

std::string LocaleDigits(const Locale& loc, const std::string& ascii)
{
    if (loc.English)
        return ascii;
    std::string out;
    for (char c : ascii) {
        if (c >= '0' && c <= '9')
            out += loc.Digits[c - '0'];
        else if (c == '.')
            out += loc.Decimal;
        else
            out += c;
    }
    return out;
}

std::string LocaleInteger(const Locale& loc, int64_t v, bool grouped)
{
    char buf[32];
    unsigned long long u = v < 0 ? (unsigned long long)(-(v + 1)) + 1ULL : (unsigned long long)v;
    int n = snprintf(buf, sizeof(buf), "%llu", u);
    std::string out = v < 0 ? "-" : "";
    const int g1 = loc.GroupSize > 0 ? loc.GroupSize : 3, g2 = loc.GroupSize2 > 0 ? loc.GroupSize2 : g1;
    const bool group = grouped && n >= g1 + (loc.English ? 1 : loc.MinGrouping);
    for (int i = 0; i < n; i++) {
        out += loc.English ? std::string(1, buf[i]) : loc.Digits[buf[i] - '0'];
        int left = n - 1 - i;   // digits to the right of this one
        if (group && left > 0 && (left == g1 || (left > g1 && (left - g1) % g2 == 0)))
            out += loc.English ? std::string(",") : loc.Group;
    }
    return out;
}

std::string ApplyPattern(const std::string& pattern, const char* names, const std::string* vals)
{
    std::string out;
    for (size_t i = 0; i < pattern.size(); i++) {
        if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}') {
            const char* p = strchr(names, pattern[i + 1]);
            if (p && pattern[i + 1]) {
                out += vals[p - names];
                i += 2;
                continue;
            }
        }
        out += pattern[i];
    }
    return out;
}

int LocalePlural(const Locale& loc, double n, bool has_fraction)
{
    double a = std::fabs(n);
    if (!(a < 9e15))
        return Plural_Other;
    int64_t i = (int64_t)a;
    int k = i < 200 ? (int)i : (int)(i % 100 + 100);
    return has_fraction ? loc.PluralFrac[k] : loc.PluralInt[k];
}

std::string LocaleText(const Locale& loc)
{
    if (loc.English)
        return "";
    std::string s;
    for (int i = 0; i < 12; i++)
        s += loc.MonthShort[i] + loc.MonthShortAlone[i] + loc.MonthLong[i];
    for (const std::string& p : loc.Pattern) s += p;
    for (const std::string& d : loc.Digits) s += d;
    s += loc.Decimal + loc.Group;
    for (const auto& u : loc.Ago)
        for (const std::string& p : u) s += p;
    for (const std::string& c : loc.Compact) s += c;
    return s;
}

// ------------------------------------------------------------------------------------------------ time zones

int ZoneOffsetFor(const TimeZoneSetting& z, int64_t utc_sec, int written_min, bool* shown)
{
    if (z.Mode == ZoneMode_Utc) {
        *shown = true;
        return 0;
    }
    if (z.Mode == ZoneMode_Named && z.OffsetAt) {
        *shown = true;
        return z.OffsetAt(z.Name.c_str(), utc_sec, z.User);
    }
    *shown = written_min != kNoOffsetMin;
    return *shown ? written_min * 60 : 0;
}

int ZoneAxisOffset(const TimeZoneSetting& z, int64_t center_sec, int data_offset_min)
{
    if (z.Mode == ZoneMode_Utc)
        return 0;
    if (z.Mode == ZoneMode_Named)
        return z.OffsetAt ? z.OffsetAt(z.Name.c_str(), center_sec, z.User) : 0;
    return data_offset_min == kNoOffsetMin ? 0 : data_offset_min * 60;
}

std::string FormatOffset(int s, bool utc_word)
{
    if (s == 0 && utc_word)
        return " UTC";
    char buf[32];
    int a = s < 0 ? -s : s;
    if (a % 60)
        snprintf(buf, sizeof(buf), " %c%02d:%02d:%02d", s < 0 ? '-' : '+', a / 3600, a / 60 % 60, a % 60);
    else
        snprintf(buf, sizeof(buf), " %c%02d:%02d", s < 0 ? '-' : '+', a / 3600, a / 60 % 60);
    return buf;
}

} // namespace chronoscope
