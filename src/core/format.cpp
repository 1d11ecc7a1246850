// Chronoscope core: dates as people read them (see format.h).
#include "core/format.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace chronoscope {

static const char* const kMonths[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

const char* MonthShortName(int month) { return (month >= 1 && month <= 12) ? kMonths[month - 1] : "?"; }

std::string MonthTickName(int month, const Locale& loc)
{
    if (loc.English || month < 1 || month > 12)
        return MonthShortName(month);
    return loc.MonthShortAlone[month - 1];
}

std::string FormatGrouped(int64_t v, const Locale& loc)
{
    if (!loc.English)
        return LocaleInteger(loc, v, true);
    char digits[32];
    unsigned long long u = v < 0 ? (unsigned long long)(-(v + 1)) + 1ULL : (unsigned long long)v;
    int n = snprintf(digits, sizeof(digits), "%llu", u);
    std::string out;
    if (v < 0)
        out += '-';
    for (int i = 0; i < n; i++) {
        out += digits[i];
        int left = n - 1 - i;
        if (left > 0 && left % 3 == 0)
            out += ',';
    }
    return out;
}

// "%.*g" without a trailing ".0" and without exponent notation for the magnitudes we print.
static std::string Significant(double v, int significant)
{
    if (significant < 1)
        significant = 1;
    double mag = v == 0.0 ? 0.0 : std::floor(std::log10(std::fabs(v)));
    int decimals = significant - 1 - (int)mag;
    if (decimals < 0)
        decimals = 0;
    if (decimals > 9)
        decimals = 9;
    char buf[64];
    snprintf(buf, sizeof(buf), "%.*f", decimals, v);
    std::string s = buf;
    if (s.find('.') != std::string::npos) {
        while (!s.empty() && s.back() == '0')
            s.pop_back();
        if (!s.empty() && s.back() == '.')
            s.pop_back();
    }
    if (s == "-0")
        s = "0";
    return s;
}

// Significant() with the whole part grouped: "1,500", "2,500.5".
static std::string SignificantGrouped(double v, int significant)
{
    std::string s = Significant(v, significant);
    size_t dot = s.find('.');
    std::string whole = s.substr(0, dot), rest = dot == std::string::npos ? "" : s.substr(dot);
    bool neg = !whole.empty() && whole[0] == '-';
    std::string digits = neg ? whole.substr(1) : whole;
    std::string out;
    for (size_t i = 0; i < digits.size(); i++) {
        out += digits[i];
        size_t left = digits.size() - 1 - i;
        if (left > 0 && left % 3 == 0)
            out += ',';
    }
    return (neg ? "-" : "") + out + rest;
}

// A number with `significant` digits in the locale's digits, its whole part grouped.
static std::string LocaleSignificant(const Locale& loc, double v, int significant)
{
    std::string s = Significant(v, significant);
    size_t dot = s.find('.');
    std::string whole = s.substr(0, dot), rest = dot == std::string::npos ? "" : s.substr(dot);
    return LocaleInteger(loc, strtoll(whole.c_str(), nullptr, 10), true) + LocaleDigits(loc, rest);
}

// "{n} years ago" for a number as written (its plural category read from the number).
static std::string LocaleAgo(const Locale& loc, int unit, double n, const std::string& written)
{
    int cat = LocalePlural(loc, n, n != std::floor(n));
    const std::string& pat = loc.Ago[unit][cat].empty() ? loc.Ago[unit][Plural_Other] : loc.Ago[unit][cat];
    return ApplyPattern(pat, "n", &written);
}

std::string FormatAgeIn(double count, const char* unit, const Locale& loc)
{
    if (!loc.English) {
        static const char* const units[AgoUnit_COUNT] = { "year", "month", "week", "day", "hour", "minute", "second" };
        int u = 0;
        while (u < AgoUnit_COUNT - 1 && strcmp(units[u], unit) != 0)
            u++;
        return LocaleAgo(loc, u, count, LocaleSignificant(loc, count, 6));
    }
    std::string n = SignificantGrouped(count, 6);
    return n + " " + unit + (n == "1" ? "" : "s") + " ago";
}

std::string FormatAge(double years_ago, int significant, const Locale& loc)
{
    double a = std::fabs(years_ago);
    if (!loc.English) {
        if (a < 1e4)
            return LocaleAgo(loc, AgoUnit_Year, years_ago, LocaleSignificant(loc, years_ago, significant));
        int k = (int)std::floor(std::log10(a) + 1e-9);
        if (k >= kCompactMax)
            k = kCompactMax - 1;
        double n = years_ago / std::pow(10.0, loc.CompactDiv[k]);
        // the plural of the number as read: "vor 1 Mio. Jahren" counts a million years, not one
        double shown = std::strtod(Significant(n, significant).c_str(), nullptr);
        double read = loc.CompactDiv[k] > 0 ? std::round(shown * std::pow(10.0, loc.CompactDiv[k])) : shown;
        std::string num = LocaleSignificant(loc, n, significant);
        std::string compact = ApplyPattern(loc.Compact[k], "n", &num);
        return LocaleAgo(loc, AgoUnit_Year, read, compact);
    }
    const char* unit;
    double scaled;
    if (a >= 1e9) { scaled = years_ago / 1e9; unit = " Ga"; }
    else if (a >= 1e6) { scaled = years_ago / 1e6; unit = " Ma"; }
    else if (a >= 1e4) { scaled = years_ago / 1e3; unit = " ka"; }
    else {
        std::string n = SignificantGrouped(years_ago, significant);
        return n + (n == "1" ? " year ago" : " years ago");
    }
    return Significant(scaled, significant) + unit;
}

std::string FormatYear(int64_t y, const Locale& loc)
{
    if (!loc.English) {
        if (y < kDeepTimeYear)
            return FormatAge(-(double)y, 3, loc);
        std::string n = LocaleInteger(loc, y <= 0 ? 1 - y : y, false);
        return ApplyPattern(loc.Pattern[y <= 0 ? LocalePattern_YearBce : LocalePattern_Year], "y", &n);
    }
    if (y < kDeepTimeYear) {
        // An age in years before present; 3 significant digits is what deep-time labels need.
        double age = -(double)y;
        return FormatAge(age, 3);
    }
    if (y <= 0) {
        int64_t bce = 1 - y;
        return (bce >= 10000 ? FormatGrouped(bce) : std::to_string(bce)) + " BCE";
    }
    if (y >= 10000)
        return FormatGrouped(y);
    return std::to_string(y);
}

static std::string TimeOfDay(const CivilTime& c, Precision p)
{
    char buf[64];
    if (p <= Precision_Minute)
        snprintf(buf, sizeof(buf), "%02d:%02d", c.hour, c.minute);
    else if (p == Precision_Second)
        snprintf(buf, sizeof(buf), "%02d:%02d:%02d", c.hour, c.minute, c.second);
    else if (p == Precision_Millisecond)
        snprintf(buf, sizeof(buf), "%02d:%02d:%02d.%03d", c.hour, c.minute, c.second, (int)(c.nsec / 1000000));
    else if (p == Precision_Microsecond)
        snprintf(buf, sizeof(buf), "%02d:%02d:%02d.%06d", c.hour, c.minute, c.second, (int)(c.nsec / 1000));
    else
        snprintf(buf, sizeof(buf), "%02d:%02d:%02d.%09d", c.hour, c.minute, c.second, (int)c.nsec);
    return buf;
}

// A date in a locale's pattern for its precision (CE or BCE), hours and minutes 00..23 and 00..59, seconds with
// the fraction the precision has.
static std::string LocaleDateTime(const Locale& L, const CivilTime& c, Precision p, int pattern_ce)
{
    const bool bce = c.year <= 0;
    char buf[32];
    std::string v[9];   // y M L d H m s o O
    v[0] = LocaleInteger(L, bce ? 1 - c.year : c.year, false);
    v[1] = L.MonthShort[c.month - 1];
    v[2] = L.MonthShortAlone[c.month - 1];
    v[3] = LocaleInteger(L, c.day, false);
    snprintf(buf, sizeof(buf), "%02d", c.hour);
    v[4] = LocaleDigits(L, buf);
    snprintf(buf, sizeof(buf), "%02d", c.minute);
    v[5] = LocaleDigits(L, buf);
    if (p == Precision_Millisecond)
        snprintf(buf, sizeof(buf), "%02d.%03d", c.second, (int)(c.nsec / 1000000));
    else if (p == Precision_Microsecond)
        snprintf(buf, sizeof(buf), "%02d.%06d", c.second, (int)(c.nsec / 1000));
    else if (p == Precision_Nanosecond)
        snprintf(buf, sizeof(buf), "%02d.%09d", c.second, (int)c.nsec);
    else
        snprintf(buf, sizeof(buf), "%02d", c.second);
    v[6] = LocaleDigits(L, buf);
    v[7] = LocaleInteger(L, c.month, false);
    snprintf(buf, sizeof(buf), "%02d", c.month);
    v[8] = LocaleDigits(L, buf);
    int pat = pattern_ce;
    if (pat < LocalePattern_DayMonth && bce)
        pat++;
    return ApplyPattern(L.Pattern[pat], "yMLdHmsoO", v);
}

static int PatternFor(Precision p)
{
    switch (p) {
    case Precision_Year: return LocalePattern_Year;
    case Precision_Month: return LocalePattern_Month;
    case Precision_Day: return LocalePattern_Day;
    case Precision_Hour:
    case Precision_Minute: return LocalePattern_Minute;
    default: return LocalePattern_Second;
    }
}

std::string FormatInstant(Instant t, Precision p, const Locale& loc)
{
    CivilTime c = CivilFromInstant(t);
    if (!loc.English) {
        if (p == Precision_Year || c.year < kDeepTimeYear)
            return FormatYear(c.year, loc);
        return LocaleDateTime(loc, c, p, PatternFor(p));
    }
    if (p == Precision_Year || c.year < kDeepTimeYear)
        return FormatYear(c.year);
    std::string year = FormatYear(c.year);
    if (p == Precision_Month)
        return std::string(kMonths[c.month - 1]) + " " + year;
    std::string date = std::to_string(c.day) + " " + kMonths[c.month - 1] + " " + year;
    if (p == Precision_Day)
        return date;
    if (p == Precision_Hour)
        p = Precision_Minute;
    return date + " " + TimeOfDay(c, p);
}

std::string FormatRange(Instant a, Precision pa, Instant b, Precision pb, const Locale& loc)
{
    std::string sa = FormatInstant(a, pa, loc);
    std::string sb = FormatInstant(b, pb, loc);
    if (sa == sb)
        return sa;
    // "21 Jul 2021 09:30 – 11:00" when both are on the same day at sub-day precision
    if (pa >= Precision_Hour && pb >= Precision_Hour) {
        CivilTime ca = CivilFromInstant(a), cb = CivilFromInstant(b);
        if (ca.year == cb.year && ca.month == cb.month && ca.day == cb.day) {
            if (!loc.English)
                return sa + " \xE2\x80\x93 " +
                       LocaleDateTime(loc, cb, pb, pb <= Precision_Minute ? LocalePattern_TimeMinute : LocalePattern_TimeSecond);
            return sa + " \xE2\x80\x93 " + TimeOfDay(cb, pb == Precision_Hour ? Precision_Minute : pb);
        }
    }
    return sa + " \xE2\x80\x93 " + sb;  // en dash
}

std::string FormatIso(Instant t, Precision p)
{
    CivilTime c = CivilFromInstant(t);
    char year[32];
    if (c.year >= 0 && c.year <= 9999)
        snprintf(year, sizeof(year), "%04lld", (long long)c.year);
    else if (c.year < 0)
        snprintf(year, sizeof(year), "-%04lld", -(long long)c.year);
    else
        snprintf(year, sizeof(year), "+%lld", (long long)c.year);
    char buf[96];
    switch (p) {
    case Precision_Year: return year;
    case Precision_Month: snprintf(buf, sizeof(buf), "%s-%02d", year, c.month); return buf;
    case Precision_Day: snprintf(buf, sizeof(buf), "%s-%02d-%02d", year, c.month, c.day); return buf;
    case Precision_Hour:
    case Precision_Minute:
        snprintf(buf, sizeof(buf), "%s-%02d-%02dT%02d:%02dZ", year, c.month, c.day, c.hour, c.minute);
        return buf;
    case Precision_Second:
        snprintf(buf, sizeof(buf), "%s-%02d-%02dT%02d:%02d:%02dZ", year, c.month, c.day, c.hour, c.minute, c.second);
        return buf;
    case Precision_Millisecond:
        snprintf(buf, sizeof(buf), "%s-%02d-%02dT%02d:%02d:%02d.%03dZ", year, c.month, c.day, c.hour, c.minute,
                 c.second, (int)(c.nsec / 1000000));
        return buf;
    case Precision_Microsecond:
        snprintf(buf, sizeof(buf), "%s-%02d-%02dT%02d:%02d:%02d.%06dZ", year, c.month, c.day, c.hour, c.minute,
                 c.second, (int)(c.nsec / 1000));
        return buf;
    default:
        snprintf(buf, sizeof(buf), "%s-%02d-%02dT%02d:%02d:%02d.%09dZ", year, c.month, c.day, c.hour, c.minute,
                 c.second, (int)c.nsec);
        return buf;
    }
}

std::string FormatLoadProgress(const char* name, size_t bytes, size_t total_bytes, size_t events)
{
    std::string msg = std::string("Reading ") + (name ? name : "");
    if (events > 0)
        msg += ": " + FormatGrouped((int64_t)events) + " events";
    if (total_bytes > 0 && bytes > 0)
        msg += " (" + std::to_string((int)(100.0 * (double)bytes / (double)total_bytes)) + "%)";
    else
        msg += "\xE2\x80\xA6";  // an ellipsis
    return msg;
}

std::string FormatInstantAt(Instant t, Precision p, int offset_sec, bool shown, bool utc_word, const Locale& loc)
{
    if (p < Precision_Hour)
        return FormatInstant(t, p, loc);   // a calendar date: no zone moves it
    std::string s = FormatInstant(t + MakeDuration(offset_sec, 0), p, loc);
    return shown ? s + FormatOffset(offset_sec, utc_word) : s;
}

int DataWrittenOffset(const Timeline& tl)
{
    int common = kNoOffsetMin;
    for (const Event& e : tl.Events) {
        for (int o : { e.StartOffsetMin(), e.EndOffsetMin() }) {
            if (o == kNoOffsetMin)
                continue;
            if (common != kNoOffsetMin && o != common)
                return kNoOffsetMin;
            common = o;
        }
    }
    return common;
}

std::string FormatEventDate(const Timeline& tl, const Event& e, const Locale& loc, const TimeZoneSetting& zone)
{
    if (e.Extra != kNoExtra && e.Extra < tl.Extras.size() && tl.Extras[e.Extra].DisplayDate)
        return tl.Str(tl.Extras[e.Extra].DisplayDate);
    bool shown_a = false, shown_b = false;
    const Precision pa = e.StartPrecision(), pb = e.EndPrecision();
    int oa = pa >= Precision_Hour ? ZoneOffsetFor(zone, e.StartSec, e.StartOffsetMin(), &shown_a) : 0;
    shown_a = shown_a && pa >= Precision_Hour;
    const bool utc_word = zone.Mode == ZoneMode_Utc;
    if (e.Flags & EventFlags_HasEnd) {
        int ob = pb >= Precision_Hour ? ZoneOffsetFor(zone, e.EndSec, e.EndOffsetMin(), &shown_b) : 0;
        shown_b = shown_b && pb >= Precision_Hour;
        if (!shown_a && !shown_b)
            return FormatRange(e.Start(), pa, e.End(), pb, loc);
        const Instant a = pa >= Precision_Hour ? e.Start() + MakeDuration(oa, 0) : e.Start();
        const Instant b = pb >= Precision_Hour ? e.End() + MakeDuration(ob, 0) : e.End();
        if (oa == ob && shown_a == shown_b)   // "21 Aug 2020 13:00 – 15:00 +09:00"
            return FormatRange(a, pa, b, pb, loc) + FormatOffset(oa, utc_word);
        std::string sa = FormatInstant(a, pa, loc) + (shown_a ? FormatOffset(oa, utc_word) : "");
        std::string sb = FormatInstant(b, pb, loc) + (shown_b ? FormatOffset(ob, utc_word) : "");
        return sa == sb ? sa : sa + " \xE2\x80\x93 " + sb;
    }
    return FormatInstantAt(e.Start(), pa, oa, shown_a, utc_word, loc);
}

} // namespace chronoscope
