// Chronoscope core: the time model (see time.h).
#include "core/time.h"

#include <cmath>
#include <limits>

namespace chronoscope {

static const int64_t kMaxSec = std::numeric_limits<int64_t>::max() - 1;  // saturation bound of Instant and Duration
static const int64_t kMinSec = -kMaxSec;

static int64_t SatAdd(int64_t a, int64_t b)
{
    int64_t r;
    if (__builtin_add_overflow(a, b, &r))
        return b > 0 ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
    return r;
}

template <typename T>
static T Normalised(int64_t sec, int64_t nsec)
{
    // the operators' usual cases: nsec of two normalised values added or subtracted, within one second either side
    T r;
    if (sec <= kMaxSec && sec > kMinSec && nsec > -kNanosPerSecond && nsec < kNanosPerSecond) {
        const bool borrow = nsec < 0;
        r.sec = sec - borrow;
        r.nsec = (int32_t)(nsec + (borrow ? kNanosPerSecond : 0));
        return r;
    }
    int64_t carry = FloorDiv(nsec, kNanosPerSecond);
    r.sec = SatAdd(sec, carry);
    r.nsec = (int32_t)(nsec - carry * kNanosPerSecond);
    if (r.sec > kMaxSec) { r.sec = kMaxSec; r.nsec = 999999999; }
    if (r.sec < kMinSec) { r.sec = kMinSec; r.nsec = 0; }
    return r;
}

Instant  MakeInstant(int64_t sec, int64_t nsec) { return Normalised<Instant>(sec, nsec); }
Duration MakeDuration(int64_t sec, int64_t nsec) { return Normalised<Duration>(sec, nsec); }

Duration DurationFromSeconds(double seconds)
{
    if (std::isnan(seconds))
        return Duration();
    if (seconds >= (double)kMaxSec)
        return MakeDuration(kMaxSec, 0);
    if (seconds <= (double)kMinSec)
        return MakeDuration(kMinSec, 0);
    double whole = std::floor(seconds);
    double frac = seconds - whole;  // exact for doubles
    return MakeDuration((int64_t)whole, (int64_t)std::llround(frac * 1e9));
}

double ToSeconds(Duration d)
{
    // -1 ns is {-1, 999999999}: add the parts so they do not cancel
    if (d.sec < 0 && d.nsec > 0)
        return (double)(d.sec + 1) - (double)(kNanosPerSecond - d.nsec) * 1e-9;
    return (double)d.sec + (double)d.nsec * 1e-9;
}

Duration operator-(Instant a, Instant b) { return MakeDuration(SatAdd(a.sec, -b.sec), (int64_t)a.nsec - b.nsec); }
Instant  operator+(Instant a, Duration d) { return MakeInstant(SatAdd(a.sec, d.sec), (int64_t)a.nsec + d.nsec); }
Instant  operator-(Instant a, Duration d) { return MakeInstant(SatAdd(a.sec, -d.sec), (int64_t)a.nsec - d.nsec); }
Duration operator+(Duration a, Duration b) { return MakeDuration(SatAdd(a.sec, b.sec), (int64_t)a.nsec + b.nsec); }
Duration operator-(Duration a, Duration b) { return MakeDuration(SatAdd(a.sec, -b.sec), (int64_t)a.nsec - b.nsec); }
Duration operator-(Duration a) { return MakeDuration(-a.sec, -(int64_t)a.nsec); }

// Howard Hinnant's civil_from_days (days_from_civil, DaysFromCivil, is inline in time.h), in 64-bit arithmetic
// (valid far beyond +/-1e11 years).
void CivilFromDays(int64_t z, int64_t* year, int* month, int* day)
{
    z += 719468;
    const int64_t era = FloorDiv(z, 146097);
    const int64_t doe = z - era * 146097;                                  // [0, 146096]
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t y = yoe + era * 400;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);           // [0, 365]
    const int64_t mp = (5 * doy + 2) / 153;                                // [0, 11]
    const int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    const int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = y + (m <= 2);
    *month = m;
    *day = d;
}

bool IsLeapYear(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int64_t y, int m)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && IsLeapYear(y) ? 29 : days[m - 1];
}

bool ValidCivil(const CivilTime& c)
{
    return c.year >= kMinYear && c.year <= kMaxYear && c.month >= 1 && c.month <= 12 && c.day >= 1 &&
           c.day <= DaysInMonth(c.year, c.month) && c.hour >= 0 && c.hour <= 23 && c.minute >= 0 && c.minute <= 59 &&
           c.second >= 0 && c.second <= 59 && c.nsec >= 0 && c.nsec < kNanosPerSecond;
}

Instant InstantFromCivil(const CivilTime& c)
{
    int64_t days = DaysFromCivil(c.year, c.month, c.day);
    return MakeInstant(days * kSecondsPerDay + c.hour * 3600 + c.minute * 60 + c.second, c.nsec);
}

CivilTime CivilFromInstant(Instant t)
{
    CivilTime c;
    int64_t days = FloorDiv(t.sec, kSecondsPerDay);
    int64_t rem = t.sec - days * kSecondsPerDay;
    CivilFromDays(days, &c.year, &c.month, &c.day);
    c.hour = (int)(rem / 3600);
    c.minute = (int)(rem / 60 % 60);
    c.second = (int)(rem % 60);
    c.nsec = t.nsec;
    return c;
}

static Instant YearStart(int64_t y)
{
    Instant t;
    t.sec = DaysFromCivil(y, 1, 1) * kSecondsPerDay;
    return t;
}

double DecimalYearFromInstant(Instant t)
{
    int64_t y = CivilFromInstant(t).year;
    Instant a = YearStart(y), b = YearStart(y + 1);
    return (double)y + ToSeconds(t - a) / ToSeconds(b - a);
}

Instant InstantFromDecimalYear(double year)
{
    if (std::isnan(year))
        return Instant();
    if (year <= (double)kMinYear)
        return MinInstant();
    if (year >= (double)kMaxYear + 1)
        return MaxInstant();
    double whole = std::floor(year);
    int64_t y = (int64_t)whole;
    Instant a = YearStart(y), b = YearStart(y + 1);
    return a + DurationFromSeconds((year - whole) * ToSeconds(b - a));
}

Instant MinInstant() { return YearStart(kMinYear); }
Instant MaxInstant() { return MakeInstant(YearStart(kMaxYear + 1).sec - 1, 999999999); }

} // namespace chronoscope
