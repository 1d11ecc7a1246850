// Chronoscope core: parsing the date forms of the JSON format (see date_parse.h).
#include "core/date_parse.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace chronoscope {

static bool Fail(std::string* error, const char* msg)
{
    if (error)
        *error = msg;
    return false;
}

static bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly n digits at s[*i].
static bool Digits(const char* s, size_t len, size_t* i, int n, int* out)
{
    int v = 0;
    for (int k = 0; k < n; k++) {
        if (*i >= len || !IsDigit(s[*i]))
            return false;
        v = v * 10 + (s[(*i)++] - '0');
    }
    *out = v;
    return true;
}

static bool RangeError(std::string* error, const char* what, int64_t v, int lo, int hi)
{
    if (error) {
        char buf[96];
        snprintf(buf, sizeof(buf), "%s %lld out of range %d..%d", what, (long long)v, lo, hi);
        *error = buf;
    }
    return false;
}

static bool Finish(CivilTime c, Precision p, int64_t offset_sec, ParsedDate* out, std::string* error)
{
    if (c.year < kMinYear || c.year > kMaxYear)
        return Fail(error, "year out of range (100 billion years either side of year 0)");
    if (c.month < 1 || c.month > 12)
        return RangeError(error, "month", c.month, 1, 12);
    int dim = DaysInMonth(c.year, c.month);
    if (c.day < 1 || c.day > dim)
        return RangeError(error, "day", c.day, 1, dim);
    if (c.hour < 0 || c.hour > 23)
        return RangeError(error, "hour", c.hour, 0, 23);
    if (c.minute < 0 || c.minute > 59)
        return RangeError(error, "minute", c.minute, 0, 59);
    if (c.second < 0 || c.second > 59)
        return RangeError(error, "second", c.second, 0, 59);
    out->Time = InstantFromCivil(c);
    if (offset_sec)
        out->Time = out->Time - MakeDuration(offset_sec, 0);
    out->Prec = p;
    out->OffsetMin = kNoOffsetMin;
    return true;
}

// The common forms, each byte at its place: YYYY, then -MM, -DD, Thh (or " hh"), :mm, :ss, each needing the one
// before, and Z after a time. Anything else (a sign, a fraction, an offset, a problem to report) is left to the full
// reader.
// Two digits at u as their value, or a value past 99 when either is not a digit.
static inline unsigned TwoDigits(const unsigned char* u)
{
    const unsigned a = u[0] - '0', b = u[1] - '0';
    return a > 9 || b > 9 ? 100 : a * 10 + b;
}

bool ParseIsoDateCommon(const char* s, size_t len, ParsedDate* out)
{
    size_t n = len;
    if (n > 13 && s[n - 1] == 'Z')   // (Z ends a time: after a date alone it is the full reader's error)
        n--;
    if (n < 4 || n > 19 || (n - 4) % 3 != 0)
        return false;
    const unsigned parts = (unsigned)(n - 1) / 3;   // 4: 1 (the year) ... 19: 6 (to the second)
    const unsigned char* u = (const unsigned char*)s;
    const unsigned y0 = u[0] - '0', y1 = u[1] - '0', y2 = u[2] - '0', y3 = u[3] - '0';
    if (y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9)
        return false;
    const int year = (int)(y0 * 1000 + y1 * 100 + y2 * 10 + y3);
    // each part needs its separator and two digits, and its range (a value past 99 is no digits)
    unsigned month = 1, day = 1, hour = 0, minute = 0, second = 0;
    if (parts >= 2 && (u[4] != '-' || (month = TwoDigits(u + 5)) - 1 > 11))
        return false;
    if (parts >= 3 && (u[7] != '-' || ((day = TwoDigits(u + 8)) - 1 > 27 &&
                                            (day < 29 || day > (unsigned)DaysInMonth(year, (int)month)))))
        return false;
    if (parts >= 4 && ((u[10] != 'T' && u[10] != ' ') || (hour = TwoDigits(u + 11)) > 23))
        return false;
    if (parts >= 5 && (u[13] != ':' || (minute = TwoDigits(u + 14)) > 59))
        return false;
    if (parts >= 6 && (u[16] != ':' || (second = TwoDigits(u + 17)) > 59))
        return false;
    static const Precision kPrec[6] = { Precision_Year, Precision_Month, Precision_Day, Precision_Hour,
                                        Precision_Minute, Precision_Second };
    out->Time.sec = DaysFromCivil(year, (int)month, (int)day) * kSecondsPerDay + (int64_t)(hour * 3600 + minute * 60 + second);
    out->Time.nsec = 0;
    out->Prec = kPrec[parts - 1];
    out->OffsetMin = kNoOffsetMin;
    return true;
}

bool ParseIsoDate(const char* s, size_t len, ParsedDate* out, std::string* error)
{
    return ParseIsoDateCommon(s, len, out) || ParseIsoDateFull(s, len, out, error);
}

bool ParseIsoDateFull(const char* s, size_t len, ParsedDate* out, std::string* error)
{
    static const char* kExpect = "expected an ISO 8601 date like 2020-08-21 or 2020-08-21T09:30:00Z";
    size_t i = 0;
    if (len == 0)
        return Fail(error, "empty date");
    CivilTime c;
    c.year = 0;
    // Year: 4 digits, or a sign and 1+ digits (expanded years).
    bool neg = false, sign = false;
    if (s[0] == '-' || s[0] == '+') {
        neg = s[0] == '-';
        sign = true;
        i++;
    }
    size_t y0 = i;
    int64_t year = 0;
    while (i < len && IsDigit(s[i])) {
        if (i - y0 >= 12)
            return Fail(error, "year out of range (100 billion years either side of year 0)");
        year = year * 10 + (s[i] - '0');
        i++;
    }
    size_t ydigits = i - y0;
    if (ydigits == 0 || (!sign && ydigits != 4))
        return Fail(error, kExpect);
    c.year = neg ? -year : year;
    Precision p = Precision_Year;
    int64_t offset = 0;
    bool written = false;   // an offset other than Z
    if (i < len && s[i] == '-') {
        i++;
        if (!Digits(s, len, &i, 2, &c.month))
            return Fail(error, kExpect);
        p = Precision_Month;
        if (i < len && s[i] == '-') {
            i++;
            if (!Digits(s, len, &i, 2, &c.day))
                return Fail(error, kExpect);
            p = Precision_Day;
            if (i < len && (s[i] == 'T' || s[i] == ' ')) {
                i++;
                if (!Digits(s, len, &i, 2, &c.hour))
                    return Fail(error, kExpect);
                p = Precision_Hour;
                if (i < len && s[i] == ':') {
                    i++;
                    if (!Digits(s, len, &i, 2, &c.minute))
                        return Fail(error, kExpect);
                    p = Precision_Minute;
                    if (i < len && s[i] == ':') {
                        i++;
                        if (!Digits(s, len, &i, 2, &c.second))
                            return Fail(error, kExpect);
                        p = Precision_Second;
                        if (i < len && (s[i] == '.' || s[i] == ',')) {
                            i++;
                            int n = 0;
                            int64_t frac = 0;
                            while (i < len && IsDigit(s[i])) {
                                if (n == 9)
                                    return Fail(error, "at most 9 digits of fractional seconds");
                                frac = frac * 10 + (s[i++] - '0');
                                n++;
                            }
                            if (n == 0)
                                return Fail(error, kExpect);
                            for (int k = n; k < 9; k++)
                                frac *= 10;
                            c.nsec = (int32_t)frac;
                            p = n <= 3 ? Precision_Millisecond : n <= 6 ? Precision_Microsecond : Precision_Nanosecond;
                        }
                    }
                }
                // Zone: Z, +hh, +hh:mm, +hhmm
                if (i < len && s[i] == 'Z') {
                    i++;
                } else if (i < len && (s[i] == '+' || s[i] == '-')) {
                    int sgn = s[i] == '-' ? -1 : 1;
                    i++;
                    int oh = 0, om = 0;
                    if (!Digits(s, len, &i, 2, &oh))
                        return Fail(error, "bad time zone offset (use Z or +hh:mm)");
                    if (i < len && s[i] == ':')
                        i++;
                    if (i < len && !Digits(s, len, &i, 2, &om))
                        return Fail(error, "bad time zone offset (use Z or +hh:mm)");
                    if (oh > 23 || om > 59)
                        return Fail(error, "bad time zone offset (use Z or +hh:mm)");
                    offset = sgn * (oh * 3600 + om * 60);
                    written = true;
                }
            }
        }
    }
    if (i != len)
        return Fail(error, kExpect);
    if (!Finish(c, p, offset, out, error))
        return false;
    if (written)
        out->OffsetMin = (int)(offset / 60);
    return true;
}

bool DateFromYearNumber(double year, ParsedDate* out, std::string* error)
{
    if (!std::isfinite(year))
        return Fail(error, "the year is not a finite number");
    if (year < (double)kMinYear || year >= (double)kMaxYear + 1)
        return Fail(error, "year out of range (100 billion years either side of year 0)");
    out->Time = InstantFromDecimalYear(year);
    out->Prec = Precision_Year;
    if (year != std::floor(year) && std::fabs(year) < 1e7) {
        // A fractional year names a day at best.
        out->Prec = Precision_Day;
    }
    return true;
}

const char* const kDatePartNames[DatePart_COUNT] = { "year", "month", "day", "hour", "minute", "second", "millisecond" };

int DatePartFromNumber(DatePart part, double v, int64_t* value, std::string* error)
{
    static const int lo[DatePart_COUNT] = { 0, 1, 1, 0, 0, 0, 0 };
    static const int hi[DatePart_COUNT] = { 0, 12, 31, 23, 59, 59, 999 };
    const char* name = kDatePartNames[part];
    if (!std::isfinite(v) || v != std::floor(v)) {
        if (error)
            *error = std::string(name) + " must be a whole number";
        return -1;
    }
    if (std::fabs(v) > 9.2e18) {  // whole, but past int64: out of every part's range
        if (part == DatePart_Year) {
            Fail(error, "year out of range (100 billion years either side of year 0)");
        } else if (error) {
            // whole digits up to 20 of them ("month 9223372036854775808"), else short ("month 1e+300")
            char buf[96];
            snprintf(buf, sizeof(buf),
                     std::fabs(v) < 1e20 ? "%s %.0f out of range %d..%d" : "%s %.3g out of range %d..%d", name, v,
                     lo[part], hi[part]);
            *error = buf;
        }
        return -1;
    }
    int64_t x = (int64_t)v;
    if (part == DatePart_Year) {
        if (x < kMinYear || x > kMaxYear) {
            Fail(error, "year out of range (100 billion years either side of year 0)");
            return -1;
        }
    } else if (x < lo[part] || x > hi[part]) {
        RangeError(error, name, x, lo[part], hi[part]);
        return -1;
    }
    *value = x;
    return 1;
}

int DatePartFromText(DatePart part, const char* s, size_t len, int64_t* value, std::string* error)
{
    const char* e = s + len;
    while (s < e && *s == ' ')
        s++;
    while (e > s && e[-1] == ' ')
        e--;
    if (s == e)
        return 0;
    std::string text(s, (size_t)(e - s));  // (NUL-terminated for strtod; an embedded NUL stops it short: an error)
    char* end = nullptr;
    double d = strtod(text.c_str(), &end);
    if (!end || end != text.c_str() + text.size() || end == text.c_str()) {
        if (error)
            *error = std::string(kDatePartNames[part]) + " must be a whole number";
        return -1;
    }
    return DatePartFromNumber(part, d, value, error);
}

bool DateFromParts(const DateParts& p, ParsedDate* out, std::string* error)
{
    const char* const* names = kDatePartNames;
    if (!p.Has[DatePart_Year])
        return Fail(error, "a date object needs a year");
    // Parts must be given from the year down without gaps (a day without a month means nothing).
    int last = 0;
    for (int k = 1; k < DatePart_COUNT; k++) {
        if (!p.Has[k])
            continue;
        if (last != k - 1) {
            if (error)
                *error = std::string(names[k]) + " given without " + names[k - 1];
            return false;
        }
        last = k;
    }
    CivilTime c;
    c.year = p.Value[DatePart_Year];
    c.month = p.Has[DatePart_Month] ? (int)std::max<int64_t>(-1, std::min<int64_t>(p.Value[DatePart_Month], 99)) : 1;
    c.day = p.Has[DatePart_Day] ? (int)std::max<int64_t>(-1, std::min<int64_t>(p.Value[DatePart_Day], 99)) : 1;
    c.hour = p.Has[DatePart_Hour] ? (int)std::max<int64_t>(-1, std::min<int64_t>(p.Value[DatePart_Hour], 99)) : 0;
    c.minute = p.Has[DatePart_Minute] ? (int)std::max<int64_t>(-1, std::min<int64_t>(p.Value[DatePart_Minute], 99)) : 0;
    c.second = p.Has[DatePart_Second] ? (int)std::max<int64_t>(-1, std::min<int64_t>(p.Value[DatePart_Second], 99)) : 0;
    if (p.Has[DatePart_Millisecond]) {
        int64_t ms = p.Value[DatePart_Millisecond];
        if (ms < 0 || ms > 999)
            return RangeError(error, "millisecond", ms, 0, 999);
        c.nsec = (int32_t)(ms * 1000000);
    }
    static const Precision precs[DatePart_COUNT] = { Precision_Year, Precision_Month, Precision_Day, Precision_Hour,
                                                     Precision_Minute, Precision_Second, Precision_Millisecond };
    return Finish(c, precs[last], 0, out, error);
}

} // namespace chronoscope
