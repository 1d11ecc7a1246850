// Chronoscope core: dates as people read them (see format.h).
#include "core/format.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace chronoscope {

static const char* const kMonths[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

const char* MonthShortName(int month) { return (month >= 1 && month <= 12) ? kMonths[month - 1] : "?"; }

std::string FormatGrouped(int64_t v)
{
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

std::string FormatAgeIn(double count, const char* unit)
{
    std::string n = SignificantGrouped(count, 6);
    return n + " " + unit + (n == "1" ? "" : "s") + " ago";
}

std::string FormatAge(double years_ago, int significant)
{
    double a = std::fabs(years_ago);
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

std::string FormatYear(int64_t y)
{
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

std::string FormatInstant(Instant t, Precision p)
{
    CivilTime c = CivilFromInstant(t);
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

std::string FormatRange(Instant a, Precision pa, Instant b, Precision pb)
{
    std::string sa = FormatInstant(a, pa);
    std::string sb = FormatInstant(b, pb);
    if (sa == sb)
        return sa;
    // "21 Jul 2021 09:30 – 11:00" when both are on the same day at sub-day precision
    if (pa >= Precision_Hour && pb >= Precision_Hour) {
        CivilTime ca = CivilFromInstant(a), cb = CivilFromInstant(b);
        if (ca.year == cb.year && ca.month == cb.month && ca.day == cb.day)
            return sa + " \xE2\x80\x93 " + TimeOfDay(cb, pb == Precision_Hour ? Precision_Minute : pb);
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

std::string FormatEventDate(const Timeline& tl, const Event& e)
{
    if (e.Extra != kNoExtra && e.Extra < tl.Extras.size() && tl.Extras[e.Extra].DisplayDate)
        return tl.Str(tl.Extras[e.Extra].DisplayDate);
    if (e.Flags & EventFlags_HasEnd)
        return FormatRange(e.Start(), e.StartPrecision(), e.End(), e.EndPrecision());
    return FormatInstant(e.Start(), e.StartPrecision());
}

} // namespace chronoscope
