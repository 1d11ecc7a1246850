// Chronoscope core: the time model.
//
// One instant type covers every moment from before the Big Bang (13.8 billion years ago) to the far
// future at nanosecond resolution, exactly: 64-bit seconds plus 32-bit nanoseconds since
// 1970-01-01T00:00:00 on the proleptic Gregorian calendar (no leap seconds, no time zones: every
// time is UTC). 2^63 seconds is about 292 billion years, so the supported year range is
// +/- 100 billion years with room left for differences and arithmetic.
//
// Years are ASTRONOMICAL here: year 0 is 1 BCE, year -1 is 2 BCE. Labels (format.h) convert to
// historical years (no year 0).
//
// Index of this file
// - Instant / Duration        plain structs, normalised so that 0 <= nsec < 1e9
// - arithmetic and comparison
// - Precision                 how much of a date was given (a year, a month, ... a nanosecond)
// - CivilTime                 year, month, day, hour, minute, second, nanosecond
// - calendar conversions      days_from_civil / civil_from_days (Hinnant's algorithms, int64-safe)
#pragma once

#include <cstdint>

namespace chronoscope {

static const int64_t kNanosPerSecond = 1000000000;
static const int64_t kSecondsPerDay = 86400;
static const int64_t kMinYear = -100000000000LL;  // 100 billion years before year 0
static const int64_t kMaxYear = 100000000000LL;

// An offset from UTC that was not written (core/date_parse.h ParsedDate::OffsetMin, Event::StartOffsetMin).
static const int kNoOffsetMin = -32768;

// A moment: seconds since 1970-01-01T00:00:00 (floor) and the nanoseconds past that second.
struct Instant {
    int64_t sec = 0;
    int32_t nsec = 0;  // always in [0, 1e9)
};

// A signed span of time, with the same normalisation: -1.5 s is {sec = -2, nsec = 500000000}.
struct Duration {
    int64_t sec = 0;
    int32_t nsec = 0;  // always in [0, 1e9)
};

// Construction and normalisation.
Instant  MakeInstant(int64_t sec, int64_t nsec);   // nsec may be any value; normalised
Duration MakeDuration(int64_t sec, int64_t nsec);  // nsec may be any value; normalised
Duration DurationFromSeconds(double seconds);      // rounds to the nearest nanosecond; saturates
double   ToSeconds(Duration d);                    // exact to double precision

// Arithmetic. Results saturate at the representable range instead of overflowing.
Duration operator-(Instant a, Instant b);
Instant  operator+(Instant a, Duration d);
Instant  operator-(Instant a, Duration d);
Duration operator+(Duration a, Duration b);
Duration operator-(Duration a, Duration b);
Duration operator-(Duration a);

inline bool operator==(Instant a, Instant b) { return a.sec == b.sec && a.nsec == b.nsec; }
inline bool operator!=(Instant a, Instant b) { return !(a == b); }
inline bool operator<(Instant a, Instant b) { return a.sec < b.sec || (a.sec == b.sec && a.nsec < b.nsec); }
inline bool operator>(Instant a, Instant b) { return b < a; }
inline bool operator<=(Instant a, Instant b) { return !(b < a); }
inline bool operator>=(Instant a, Instant b) { return !(a < b); }
inline bool operator==(Duration a, Duration b) { return a.sec == b.sec && a.nsec == b.nsec; }
inline bool operator!=(Duration a, Duration b) { return !(a == b); }
inline bool operator<(Duration a, Duration b) { return a.sec < b.sec || (a.sec == b.sec && a.nsec < b.nsec); }
inline bool operator>(Duration a, Duration b) { return b < a; }
inline bool operator<=(Duration a, Duration b) { return !(b < a); }
inline bool operator>=(Duration a, Duration b) { return !(a < b); }

// How much of a date was given. A year-only date is labelled "1066", not "1 Jan 1066 00:00".
enum Precision : uint8_t {
    Precision_Year = 0,
    Precision_Month,
    Precision_Day,
    Precision_Hour,
    Precision_Minute,
    Precision_Second,
    Precision_Millisecond,
    Precision_Microsecond,
    Precision_Nanosecond,
};

// A broken-down proleptic Gregorian date and time (UTC), astronomical year numbering.
struct CivilTime {
    int64_t year = 1970;
    int month = 1;    // 1..12
    int day = 1;      // 1..31
    int hour = 0;     // 0..23
    int minute = 0;   // 0..59
    int second = 0;   // 0..59
    int32_t nsec = 0; // 0..999999999
};

// a / b rounded toward negative infinity (b != 0).
inline int64_t FloorDiv(int64_t a, int64_t b) { int64_t q = a / b; return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q; }

// Days since 1970-01-01 of a proleptic Gregorian date, and back. Valid for kMinYear..kMaxYear.
// (DaysFromCivil is Howard Hinnant's days_from_civil in 64-bit arithmetic, valid far beyond +/-1e11 years; inline,
// since the loader reads a date per event with it.)
inline int64_t DaysFromCivil(int64_t y, int m, int d)
{
    y -= m <= 2;
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;   // [0, 365]
    if ((uint64_t)y < 1u << 20) {   // (the common years: the same sum with whole years, in 32-bit unsigned steps)
        const uint32_t u = (uint32_t)y;
        return (int64_t)(u * 365 + u / 4 - u / 100 + u / 400) + doy - 719468;
    }
    const int64_t era = FloorDiv(y, 400);
    const int64_t yoe = y - era * 400;                                     // [0, 399]
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;             // [0, 146096]
    return era * 146097 + doe - 719468;
}
void    CivilFromDays(int64_t days, int64_t* year, int* month, int* day);
bool    IsLeapYear(int64_t year);
int     DaysInMonth(int64_t year, int month);

// Instant <-> civil. InstantFromCivil does not validate; use ValidCivil first for untrusted input.
bool      ValidCivil(const CivilTime& c);
Instant   InstantFromCivil(const CivilTime& c);
CivilTime CivilFromInstant(Instant t);

// Fractional astronomical year (2020.5 is about 1 Jul 2020), for the JS API and for deep-time
// labels. Exact to double precision; InstantFromDecimalYear saturates outside the year range.
double  DecimalYearFromInstant(Instant t);
Instant InstantFromDecimalYear(double year);

// The earliest and latest representable instants (1 Jan kMinYear, 31 Dec kMaxYear 23:59:59.999999999).
Instant MinInstant();
Instant MaxInstant();

} // namespace chronoscope
