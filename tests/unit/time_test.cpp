// Unit tests for src/core/time.h: Instant/Duration, calendar conversions, decimal years.
#include "core/time.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>

using namespace chronoscope;

namespace {

const int64_t kI64Max = std::numeric_limits<int64_t>::max();
const int64_t kI64Min = std::numeric_limits<int64_t>::min();
const int64_t kUnixEpochJdn = 2440588;  // JDN of 1970-01-01

int64_t FloorDivT(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// Fliegel & Van Flandern (1968) Gregorian calendar -> JDN, written with floor division on the year terms
// so it holds for every proleptic year (the classic truncating form needs Y > -4800).
int64_t FliegelVanFlandernJdn(int64_t y, int m, int d)
{
    const int64_t a = m <= 2 ? -1 : 0;  // (M - 14) / 12 with truncating division
    return FloorDivT(1461 * (y + 4800 + a), 4) + (367 * (m - 2 - 12 * a)) / 12 -
           FloorDivT(3 * FloorDivT(y + 4900 + a, 100), 4) + d - 32075;
}

bool Normalised(Instant t) { return t.nsec >= 0 && t.nsec < kNanosPerSecond; }
bool Normalised(Duration d) { return d.nsec >= 0 && d.nsec < kNanosPerSecond; }

}  // namespace

// ---------------------------------------------------------------------------------------------------------------
// Instant / Duration

TEST(InstantTest, DefaultIsEpoch)
{
    Instant t;
    EXPECT_EQ(t.sec, 0);
    EXPECT_EQ(t.nsec, 0);
    Duration d;
    EXPECT_EQ(d.sec, 0);
    EXPECT_EQ(d.nsec, 0);
}

TEST(InstantTest, MakeInstantNormalises)
{
    Instant a = MakeInstant(10, 1500000000);
    EXPECT_EQ(a.sec, 11);
    EXPECT_EQ(a.nsec, 500000000);

    Instant b = MakeInstant(10, -1);
    EXPECT_EQ(b.sec, 9);
    EXPECT_EQ(b.nsec, 999999999);

    Instant c = MakeInstant(0, -1000000000);
    EXPECT_EQ(c.sec, -1);
    EXPECT_EQ(c.nsec, 0);

    Instant d = MakeInstant(-5, -2500000000LL);
    EXPECT_EQ(d.sec, -8);
    EXPECT_EQ(d.nsec, 500000000);

    Instant e = MakeInstant(3, 999999999);
    EXPECT_EQ(e.sec, 3);
    EXPECT_EQ(e.nsec, 999999999);

    Instant f = MakeInstant(0, 7 * kNanosPerSecond);
    EXPECT_EQ(f.sec, 7);
    EXPECT_EQ(f.nsec, 0);
}

TEST(InstantTest, MakeDurationNormalises)
{
    // -1.5 s is {-2, 500000000}
    Duration d = MakeDuration(-1, -500000000);
    EXPECT_EQ(d.sec, -2);
    EXPECT_EQ(d.nsec, 500000000);
    EXPECT_DOUBLE_EQ(ToSeconds(d), -1.5);

    Duration e = MakeDuration(0, -1);
    EXPECT_EQ(e.sec, -1);
    EXPECT_EQ(e.nsec, 999999999);

    Duration f = MakeDuration(2, 3000000001LL);
    EXPECT_EQ(f.sec, 5);
    EXPECT_EQ(f.nsec, 1);
}

TEST(InstantTest, DurationFromSecondsRoundsToNearestNanosecond)
{
    Duration a = DurationFromSeconds(-1.5);
    EXPECT_EQ(a.sec, -2);
    EXPECT_EQ(a.nsec, 500000000);

    Duration b = DurationFromSeconds(1.5);
    EXPECT_EQ(b.sec, 1);
    EXPECT_EQ(b.nsec, 500000000);

    Duration c = DurationFromSeconds(2.0000000004);  // rounds down
    EXPECT_EQ(c.sec, 2);
    EXPECT_EQ(c.nsec, 0);

    Duration d = DurationFromSeconds(2.0000000006);  // rounds up
    EXPECT_EQ(d.sec, 2);
    EXPECT_EQ(d.nsec, 1);

    Duration e = DurationFromSeconds(0.9999999999);  // rounds up into the next second
    EXPECT_EQ(e.sec, 1);
    EXPECT_EQ(e.nsec, 0);

    Duration f = DurationFromSeconds(-1e-9);
    EXPECT_EQ(f.sec, -1);
    EXPECT_EQ(f.nsec, 999999999);

    Duration z = DurationFromSeconds(0.0);
    EXPECT_EQ(z, Duration());

    Duration n = DurationFromSeconds(std::nan(""));
    EXPECT_TRUE(Normalised(n));
}

TEST(InstantTest, DurationFromSecondsSaturates)
{
    Duration big = DurationFromSeconds(1e300);
    Duration huge = DurationFromSeconds(std::numeric_limits<double>::infinity());
    EXPECT_TRUE(Normalised(big));
    EXPECT_TRUE(Normalised(huge));
    EXPECT_GT(big.sec, (int64_t)4e18);
    EXPECT_EQ(big.sec, huge.sec);

    Duration small = DurationFromSeconds(-1e300);
    Duration tiny = DurationFromSeconds(-std::numeric_limits<double>::infinity());
    EXPECT_TRUE(Normalised(small));
    EXPECT_LT(small.sec, (int64_t)-4e18);
    EXPECT_EQ(small.sec, tiny.sec);
}

TEST(InstantTest, ToSecondsExactForSmallValues)
{
    EXPECT_DOUBLE_EQ(ToSeconds(MakeDuration(3, 250000000)), 3.25);
    EXPECT_DOUBLE_EQ(ToSeconds(MakeDuration(-3, -250000000)), -3.25);
    EXPECT_DOUBLE_EQ(ToSeconds(Duration()), 0.0);
    EXPECT_NEAR(ToSeconds(MakeDuration(0, 1)), 1e-9, 1e-24);
}

// time.h: ToSeconds is "exact to double precision". Short negative durations are stored as {-1, 1e9 - n}; the
// conversion must not lose the value to cancellation (-1 ns must read as -1e-9 to within a few ulps).
TEST(InstantTest, ToSecondsExactForShortNegativeDurations)
{
    EXPECT_DOUBLE_EQ(ToSeconds(MakeDuration(0, -1)), -1e-9);
    EXPECT_DOUBLE_EQ(ToSeconds(MakeDuration(0, -7)), -7e-9);
    EXPECT_DOUBLE_EQ(ToSeconds(MakeDuration(0, -123456)), -123456e-9);
    EXPECT_DOUBLE_EQ(ToSeconds(MakeInstant(0, 0) - MakeInstant(0, 1)), -1e-9);
}

TEST(InstantTest, Arithmetic)
{
    Instant a = MakeInstant(100, 900000000);
    Instant b = MakeInstant(98, 950000000);
    Duration d = a - b;
    EXPECT_EQ(d.sec, 1);
    EXPECT_EQ(d.nsec, 950000000);
    EXPECT_EQ(b + d, a);
    EXPECT_EQ(a - d, b);

    Duration back = b - a;
    EXPECT_EQ(back.sec, -2);
    EXPECT_EQ(back.nsec, 50000000);
    EXPECT_EQ(back, -d);
    EXPECT_EQ(a + back, b);

    Duration x = MakeDuration(1, 600000000), y = MakeDuration(2, 700000000);
    EXPECT_EQ(x + y, MakeDuration(4, 300000000));
    EXPECT_EQ(x - y, MakeDuration(-1, -100000000));
    EXPECT_EQ(y - x, MakeDuration(1, 100000000));
    EXPECT_EQ(-(-x), x);
    EXPECT_EQ(-Duration(), Duration());
    EXPECT_EQ(x + (-x), Duration());

    // Nanosecond steps across a second boundary, far from 1970.
    Instant far = MakeInstant(-435485000000000000LL, 999999999);
    Instant next = far + MakeDuration(0, 1);
    EXPECT_EQ(next.sec, -435485000000000000LL + 1);
    EXPECT_EQ(next.nsec, 0);
    EXPECT_EQ(next - far, MakeDuration(0, 1));
    EXPECT_EQ(far - next, MakeDuration(0, -1));
}

TEST(InstantTest, ArithmeticAlwaysNormalised)
{
    const int64_t secs[] = { -1000000000000LL, -86401, -1, 0, 1, 59, 86400, 1000000000000LL };
    const int64_t nanos[] = { 0, 1, 499999999, 500000000, 999999999 };
    for (int64_t s1 : secs)
        for (int64_t n1 : nanos)
            for (int64_t s2 : secs)
                for (int64_t n2 : nanos) {
                    Instant a = MakeInstant(s1, n1), b = MakeInstant(s2, n2);
                    Duration d = a - b;
                    ASSERT_TRUE(Normalised(d));
                    ASSERT_EQ(b + d, a);
                    ASSERT_EQ(a - d, b);
                    ASSERT_TRUE(Normalised(-d));
                    ASSERT_EQ(-(-d), d);
                    Duration e = MakeDuration(s2, n2);
                    ASSERT_EQ((d + e) - e, d);
                    // ToSeconds agrees with the sign
                    if (a < b)
                        ASSERT_LT(ToSeconds(d), 0.0);
                    else if (a > b)
                        ASSERT_GT(ToSeconds(d), 0.0);
                    else
                        ASSERT_EQ(ToSeconds(d), 0.0);
                }
}

TEST(InstantTest, ArithmeticSaturates)
{
    Instant top = MakeInstant(kI64Max, 0);
    Instant bottom = MakeInstant(kI64Min, 0);
    EXPECT_TRUE(Normalised(top));
    EXPECT_TRUE(Normalised(bottom));
    EXPECT_GT(top, MaxInstant());
    EXPECT_LT(bottom, MinInstant());

    Duration big = MakeDuration(kI64Max, 0);
    Duration neg = MakeDuration(kI64Min, 0);

    // Adding more to the top stays at the top; no wrap-around.
    EXPECT_EQ(top + big, top);
    EXPECT_EQ(top + MakeDuration(1, 0), top);
    EXPECT_EQ(bottom - big, bottom);
    EXPECT_EQ(bottom + neg, bottom);
    EXPECT_EQ(bottom - MakeDuration(1, 0), bottom);

    // Differences of extreme instants saturate and keep their sign.
    Duration span = top - bottom;
    EXPECT_GT(span.sec, 0);
    EXPECT_TRUE(Normalised(span));
    Duration rspan = bottom - top;
    EXPECT_LT(rspan.sec, 0);
    EXPECT_TRUE(Normalised(rspan));

    EXPECT_GT((big + big).sec, 0);
    EXPECT_LT((neg + neg).sec, 0);
    EXPECT_GT((big - neg).sec, 0);
    EXPECT_LT((neg - big).sec, 0);
    EXPECT_GT((-neg).sec, 0);
    EXPECT_LT((-big).sec, 0);

    // A normal instant plus a saturated duration moves toward the end, never wraps.
    Instant now = MakeInstant(1600000000, 0);
    EXPECT_GT(now + big, MaxInstant());
    EXPECT_LT(now + neg, MinInstant());
    EXPECT_LT(now - big, MinInstant());
}

TEST(InstantTest, Comparisons)
{
    Instant a = MakeInstant(5, 1), b = MakeInstant(5, 2), c = MakeInstant(6, 0), d = MakeInstant(-1, 999999999);
    EXPECT_TRUE(a < b);
    EXPECT_TRUE(b < c);
    EXPECT_TRUE(d < a);
    EXPECT_TRUE(a <= a);
    EXPECT_TRUE(a >= a);
    EXPECT_FALSE(a < a);
    EXPECT_FALSE(a > a);
    EXPECT_TRUE(c > a);
    EXPECT_TRUE(c >= b);
    EXPECT_TRUE(a != b);
    EXPECT_TRUE(a == MakeInstant(4, 1000000001));
    EXPECT_TRUE(d < Instant());

    Duration x = MakeDuration(-1, 0), y = MakeDuration(0, -1), z = MakeDuration(0, 1);
    EXPECT_TRUE(x < y);
    EXPECT_TRUE(y < Duration());
    EXPECT_TRUE(Duration() < z);
    EXPECT_TRUE(z > y);
    EXPECT_TRUE(y <= y);
    EXPECT_TRUE(z >= z);
    EXPECT_TRUE(x != y);
    EXPECT_TRUE(y == MakeDuration(-1, 999999999));
}

// ---------------------------------------------------------------------------------------------------------------
// Calendar

TEST(CalendarTest, Epoch)
{
    EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
    EXPECT_EQ(DaysFromCivil(1970, 1, 2), 1);
    EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
    EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
    EXPECT_EQ(DaysFromCivil(2020, 8, 21), 18495);
    int64_t y;
    int m, d;
    CivilFromDays(0, &y, &m, &d);
    EXPECT_EQ(y, 1970);
    EXPECT_EQ(m, 1);
    EXPECT_EQ(d, 1);
    CivilFromDays(-1, &y, &m, &d);
    EXPECT_EQ(y, 1969);
    EXPECT_EQ(m, 12);
    EXPECT_EQ(d, 31);
}

// DaysFromCivil and CivilFromDays (separate code) agree on every day of the years either side of DaysFromCivil's
// 32-bit path (March-based years 0 .. 2^20 - 1) and of its ends, and consecutive days are one apart.
TEST(CalendarTest, DaysRoundTrip)
{
    for (int64_t y0 : { (int64_t)-3, (int64_t)1495, (int64_t)9998, (int64_t)1048572 }) {
        int64_t prev = DaysFromCivil(y0, 1, 1) - 1;
        for (int64_t y = y0; y <= y0 + 5; y++)
            for (int m = 1; m <= 12; m++)
                for (int d = 1; d <= DaysInMonth(y, m); d++) {
                    const int64_t z = DaysFromCivil(y, m, d);
                    ASSERT_EQ(z, prev + 1) << y << "-" << m << "-" << d;
                    prev = z;
                    int64_t yy;
                    int mm, dd;
                    CivilFromDays(z, &yy, &mm, &dd);
                    ASSERT_TRUE(yy == y && mm == m && dd == d) << y << "-" << m << "-" << d;
                }
    }
    EXPECT_EQ(DaysFromCivil(0, 3, 1), -719468);
    EXPECT_EQ(DaysFromCivil(0, 2, 29), -719469);
    EXPECT_EQ(DaysFromCivil(9999, 12, 31), 2932896);
}

TEST(CalendarTest, LeapYears)
{
    EXPECT_TRUE(IsLeapYear(2000));
    EXPECT_TRUE(IsLeapYear(2020));
    EXPECT_TRUE(IsLeapYear(2024));
    EXPECT_TRUE(IsLeapYear(1600));
    EXPECT_FALSE(IsLeapYear(1900));
    EXPECT_FALSE(IsLeapYear(2100));
    EXPECT_FALSE(IsLeapYear(2021));
    EXPECT_FALSE(IsLeapYear(1));
    // Astronomical year 0 (1 BCE) is a leap year in the proleptic Gregorian calendar; so are -4, -400.
    EXPECT_TRUE(IsLeapYear(0));
    EXPECT_TRUE(IsLeapYear(-4));
    EXPECT_TRUE(IsLeapYear(-400));
    EXPECT_TRUE(IsLeapYear(-2000));
    EXPECT_FALSE(IsLeapYear(-1));
    EXPECT_FALSE(IsLeapYear(-100));
    EXPECT_FALSE(IsLeapYear(-1900));
    EXPECT_FALSE(IsLeapYear(-3));
    EXPECT_TRUE(IsLeapYear(kMinYear));   // -1e11 is divisible by 400
    EXPECT_TRUE(IsLeapYear(kMaxYear));
    EXPECT_FALSE(IsLeapYear(kMaxYear - 1));
    EXPECT_FALSE(IsLeapYear(kMinYear + 100));

    // IsLeapYear agrees with the day count of every year in a wide sample.
    for (int64_t y = -3000; y <= 3000; y++)
        ASSERT_EQ(DaysFromCivil(y + 1, 1, 1) - DaysFromCivil(y, 1, 1), IsLeapYear(y) ? 366 : 365) << y;
    for (int64_t y : { kMinYear, kMinYear + 1, kMinYear + 4, kMinYear + 100, kMaxYear - 1, kMaxYear - 4, kMaxYear - 100 })
        ASSERT_EQ(DaysFromCivil(y + 1, 1, 1) - DaysFromCivil(y, 1, 1), IsLeapYear(y) ? 366 : 365) << y;
}

TEST(CalendarTest, DaysInMonth)
{
    const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    for (int m = 1; m <= 12; m++) {
        EXPECT_EQ(DaysInMonth(2021, m), days[m - 1]);
        EXPECT_EQ(DaysInMonth(2020, m), m == 2 ? 29 : days[m - 1]);
    }
    EXPECT_EQ(DaysInMonth(1900, 2), 28);
    EXPECT_EQ(DaysInMonth(2000, 2), 29);
    EXPECT_EQ(DaysInMonth(0, 2), 29);
    EXPECT_EQ(DaysInMonth(-1, 2), 28);
    EXPECT_EQ(DaysInMonth(2020, 0), 0);
    EXPECT_EQ(DaysInMonth(2020, 13), 0);
    EXPECT_EQ(DaysInMonth(2020, -1), 0);
    // DaysInMonth agrees with the day counts.
    for (int64_t y : { (int64_t)-401, (int64_t)-1, (int64_t)0, (int64_t)1999, (int64_t)2000, kMinYear, kMaxYear })
        for (int m = 1; m <= 12; m++) {
            int64_t next = m == 12 ? DaysFromCivil(y + 1, 1, 1) : DaysFromCivil(y, m + 1, 1);
            ASSERT_EQ(next - DaysFromCivil(y, m, 1), DaysInMonth(y, m)) << y << "-" << m;
        }
}

TEST(CalendarTest, KnownJulianDayNumbers)
{
    // JDN = DaysFromCivil + 2440588
    EXPECT_EQ(DaysFromCivil(1970, 1, 1) + kUnixEpochJdn, 2440588);
    EXPECT_EQ(DaysFromCivil(2000, 1, 1) + kUnixEpochJdn, 2451545);
    EXPECT_EQ(DaysFromCivil(1858, 11, 17) + kUnixEpochJdn, 2400001);   // MJD 0 is JD 2400000.5
    EXPECT_EQ(DaysFromCivil(-4713, 11, 24) + kUnixEpochJdn, 0);       // JDN 0, proleptic Gregorian
    EXPECT_EQ(DaysFromCivil(-4713, 11, 25) + kUnixEpochJdn, 1);
    EXPECT_EQ(DaysFromCivil(-4713, 11, 23) + kUnixEpochJdn, -1);
    EXPECT_EQ(DaysFromCivil(0, 1, 1) + kUnixEpochJdn, 1721060);        // 1 January 1 BCE
    EXPECT_EQ(DaysFromCivil(1, 1, 1) + kUnixEpochJdn, 1721426);        // 1 January 1 CE
    EXPECT_EQ(DaysFromCivil(0, 12, 31) + kUnixEpochJdn, 1721425);      // 1 BCE is a leap year (366 days)
    EXPECT_EQ(DaysFromCivil(1582, 10, 15) + kUnixEpochJdn, 2299161);   // first day of the Gregorian calendar

    int64_t y;
    int m, d;
    CivilFromDays(0 - kUnixEpochJdn, &y, &m, &d);
    EXPECT_EQ(y, -4713);
    EXPECT_EQ(m, 11);
    EXPECT_EQ(d, 24);
    CivilFromDays(1721060 - kUnixEpochJdn, &y, &m, &d);
    EXPECT_EQ(y, 0);
    EXPECT_EQ(m, 1);
    EXPECT_EQ(d, 1);
}

TEST(CalendarTest, IndependentFormulaSelfCheck)
{
    // The reference formula reproduces the textbook values on its own.
    EXPECT_EQ(FliegelVanFlandernJdn(2000, 1, 1), 2451545);
    EXPECT_EQ(FliegelVanFlandernJdn(1970, 1, 1), 2440588);
    EXPECT_EQ(FliegelVanFlandernJdn(-4713, 11, 24), 0);
    EXPECT_EQ(FliegelVanFlandernJdn(0, 1, 1), 1721060);
    EXPECT_EQ(FliegelVanFlandernJdn(1, 1, 1), 1721426);
}

TEST(CalendarTest, BceDatesAgainstFliegelVanFlandern)
{
    // Every day of some BCE years, and one date per month for every year -10000..0.
    for (int64_t y : { (int64_t)-10000, (int64_t)-4801, (int64_t)-4800, (int64_t)-4713, (int64_t)-500, (int64_t)-499,
                       (int64_t)-401, (int64_t)-400, (int64_t)-100, (int64_t)-4, (int64_t)-1, (int64_t)0 })
        for (int m = 1; m <= 12; m++)
            for (int d = 1; d <= DaysInMonth(y, m); d++)
                ASSERT_EQ(DaysFromCivil(y, m, d) + kUnixEpochJdn, FliegelVanFlandernJdn(y, m, d))
                    << y << "-" << m << "-" << d;
    for (int64_t y = -10000; y <= 0; y++)
        for (int m = 1; m <= 12; m++) {
            const int ds[3] = { 1, 15, DaysInMonth(y, m) };
            for (int d : ds) {
                int64_t jdn = FliegelVanFlandernJdn(y, m, d);
                ASSERT_EQ(DaysFromCivil(y, m, d) + kUnixEpochJdn, jdn) << y << "-" << m << "-" << d;
                int64_t yy;
                int mm, dd;
                CivilFromDays(jdn - kUnixEpochJdn, &yy, &mm, &dd);
                ASSERT_EQ(yy, y);
                ASSERT_EQ(mm, m);
                ASSERT_EQ(dd, d);
            }
        }
    // 15 March 500 BCE (astronomical -499).
    EXPECT_EQ(DaysFromCivil(-499, 3, 15) + kUnixEpochJdn, FliegelVanFlandernJdn(-499, 3, 15));
    // Deep time: the formula still agrees (floor arithmetic).
    for (int64_t y : { (int64_t)-4500000000LL, (int64_t)-13800000000LL, kMinYear, kMaxYear, (int64_t)12345 })
        for (int m = 1; m <= 12; m++)
            ASSERT_EQ(DaysFromCivil(y, m, DaysInMonth(y, m)) + kUnixEpochJdn, FliegelVanFlandernJdn(y, m, DaysInMonth(y, m)))
                << y << "-" << m;
}

TEST(CalendarTest, RoundTripWideRange)
{
    // Consecutive days around many points, including the year-range boundaries.
    const int64_t centres[] = {
        0,
        DaysFromCivil(0, 1, 1),
        DaysFromCivil(-4713, 11, 24),
        DaysFromCivil(2000, 2, 28),
        DaysFromCivil(-13800000000LL, 1, 1),
        DaysFromCivil(-4500000000LL, 6, 1),
        DaysFromCivil(kMinYear, 1, 1),
        DaysFromCivil(kMaxYear, 12, 31),
        DaysFromCivil(kMinYear, 1, 1) + 146097 * 5,
        DaysFromCivil(kMaxYear, 1, 1) - 146097 * 5,
    };
    for (int64_t c : centres) {
        int64_t py = 0;
        int pm = 0, pd = 0;
        bool first = true;
        for (int64_t z = c - 800; z <= c + 800; z++) {
            int64_t y;
            int m, d;
            CivilFromDays(z, &y, &m, &d);
            ASSERT_GE(m, 1);
            ASSERT_LE(m, 12);
            ASSERT_GE(d, 1);
            ASSERT_LE(d, DaysInMonth(y, m));
            ASSERT_EQ(DaysFromCivil(y, m, d), z);
            if (!first) {
                // consecutive days are consecutive dates
                bool next_day = (y == py && m == pm && d == pd + 1);
                bool next_month = (y == py && m == pm + 1 && d == 1 && pd == DaysInMonth(py, pm));
                bool next_year = (y == py + 1 && m == 1 && d == 1 && pm == 12 && pd == 31);
                ASSERT_TRUE(next_day || next_month || next_year) << z;
            }
            py = y;
            pm = m;
            pd = d;
            first = false;
        }
    }
    // Sparse samples across the full range.
    for (int64_t y = kMinYear; y <= kMaxYear; y += 99999999877LL / 1000) {
        for (int m = 1; m <= 12; m++) {
            int64_t z = DaysFromCivil(y, m, DaysInMonth(y, m));
            int64_t yy;
            int mm, dd;
            CivilFromDays(z, &yy, &mm, &dd);
            ASSERT_EQ(yy, y);
            ASSERT_EQ(mm, m);
            ASSERT_EQ(dd, DaysInMonth(y, m));
        }
    }
    // The boundary years exactly.
    int64_t y;
    int m, d;
    CivilFromDays(DaysFromCivil(kMinYear, 1, 1), &y, &m, &d);
    EXPECT_EQ(y, kMinYear);
    EXPECT_EQ(m, 1);
    EXPECT_EQ(d, 1);
    CivilFromDays(DaysFromCivil(kMaxYear, 12, 31), &y, &m, &d);
    EXPECT_EQ(y, kMaxYear);
    EXPECT_EQ(m, 12);
    EXPECT_EQ(d, 31);
    // 400-year cycles: 146097 days each, anywhere.
    EXPECT_EQ(DaysFromCivil(kMaxYear, 1, 1) - DaysFromCivil(kMaxYear - 400, 1, 1), 146097);
    EXPECT_EQ(DaysFromCivil(kMinYear + 400, 1, 1) - DaysFromCivil(kMinYear, 1, 1), 146097);
    EXPECT_EQ(DaysFromCivil(400, 3, 1) - DaysFromCivil(0, 3, 1), 146097);
    EXPECT_EQ(DaysFromCivil(0, 3, 1) - DaysFromCivil(-400, 3, 1), 146097);
    // ±1e11 years: 1e11/400 cycles of 146097 days either side of year 0.
    EXPECT_EQ(DaysFromCivil(0, 1, 1) - DaysFromCivil(kMinYear, 1, 1), (kMaxYear / 400) * 146097);
    EXPECT_EQ(DaysFromCivil(kMaxYear, 1, 1) - DaysFromCivil(0, 1, 1), (kMaxYear / 400) * 146097);
}

// Every day of years 1..9999 against Python's datetime (an independent implementation), generated at test time.
TEST(CalendarTest, ReferenceTableFromPythonDatetime)
{
    const char* cmd =
        "python3 -c '"
        "import sys, datetime\n"
        "fo = datetime.date.fromordinal\n"
        "w = sys.stdout.write\n"
        "last = datetime.date(9999, 12, 31).toordinal()\n"
        "buf = []\n"
        "for o in range(1, last + 1):\n"
        "    d = fo(o)\n"
        "    buf.append(\"%d %d %d %d\\n\" % (d.year, d.month, d.day, o))\n"
        "    if len(buf) >= 65536:\n"
        "        w(\"\".join(buf)); buf = []\n"
        "w(\"\".join(buf))\n"
        "w(\"END\\n\")\n"
        "' 2>&1";
    FILE* f = popen(cmd, "r");
    ASSERT_NE(f, nullptr) << "could not run python3 (popen failed); python3 is required for this test";
    char line[256];
    int64_t rows = 0, mismatches = 0;
    int64_t prev_ordinal = 0;
    bool saw_end = false;
    std::string first_bad;
    while (fgets(line, sizeof(line), f)) {
        if (strncmp(line, "END", 3) == 0) {
            saw_end = true;
            break;
        }
        char* p = line;
        char* e;
        long long y = strtoll(p, &e, 10);
        if (e == p) {
            first_bad = std::string("unexpected output from python3: ") + line;
            break;
        }
        p = e;
        long m = strtol(p, &e, 10);
        p = e;
        long d = strtol(p, &e, 10);
        p = e;
        long long ord = strtoll(p, &e, 10);
        if (e == p) {
            first_bad = std::string("unexpected output from python3: ") + line;
            break;
        }
        rows++;
        if (ord != prev_ordinal + 1) {
            first_bad = "ordinals not consecutive near " + std::to_string(ord);
            break;
        }
        prev_ordinal = ord;
        int64_t expect = ord - 719163;  // date(1970, 1, 1).toordinal() == 719163
        int64_t got = DaysFromCivil(y, (int)m, (int)d);
        int64_t by;
        int bm, bd;
        CivilFromDays(expect, &by, &bm, &bd);
        if (got != expect || by != y || bm != m || bd != d) {
            if (mismatches == 0) {
                char buf[256];
                snprintf(buf, sizeof(buf), "%lld-%02ld-%02ld: DaysFromCivil=%lld expected %lld; CivilFromDays(%lld)=%lld-%02d-%02d",
                         y, m, d, (long long)got, (long long)expect, (long long)expect, (long long)by, bm, bd);
                first_bad = buf;
            }
            mismatches++;
        }
    }
    int status = pclose(f);
    ASSERT_TRUE(first_bad.empty() || mismatches > 0) << first_bad;
    ASSERT_TRUE(saw_end) << "python3 did not produce the reference table (is python3 installed? exit status " << status
                         << ", rows read " << rows << "). This test requires python3; it fails rather than skips.";
    EXPECT_EQ(status, 0);
    EXPECT_EQ(rows, 3652059);  // days from 0001-01-01 to 9999-12-31
    EXPECT_EQ(mismatches, 0) << "first mismatch: " << first_bad;
}

// ---------------------------------------------------------------------------------------------------------------
// Instant <-> civil

TEST(CivilTest, ValidCivil)
{
    CivilTime c;
    EXPECT_TRUE(ValidCivil(c));
    c.year = 2021; c.month = 2; c.day = 29;
    EXPECT_FALSE(ValidCivil(c));
    c.year = 2020;
    EXPECT_TRUE(ValidCivil(c));
    c.month = 13;
    EXPECT_FALSE(ValidCivil(c));
    c.month = 0;
    EXPECT_FALSE(ValidCivil(c));
    c = CivilTime();
    c.day = 0;
    EXPECT_FALSE(ValidCivil(c));
    c = CivilTime();
    c.hour = 24;
    EXPECT_FALSE(ValidCivil(c));
    c = CivilTime();
    c.minute = 60;
    EXPECT_FALSE(ValidCivil(c));
    c = CivilTime();
    c.second = 60;
    EXPECT_FALSE(ValidCivil(c));
    c = CivilTime();
    c.nsec = 1000000000;
    EXPECT_FALSE(ValidCivil(c));
    c = CivilTime();
    c.nsec = -1;
    EXPECT_FALSE(ValidCivil(c));
    c = CivilTime();
    c.year = kMaxYear;
    EXPECT_TRUE(ValidCivil(c));
    c.year = kMaxYear + 1;
    EXPECT_FALSE(ValidCivil(c));
    c.year = kMinYear;
    EXPECT_TRUE(ValidCivil(c));
    c.year = kMinYear - 1;
    EXPECT_FALSE(ValidCivil(c));
}

TEST(CivilTest, KnownInstants)
{
    CivilTime c;
    c.year = 2020; c.month = 8; c.day = 21; c.hour = 9; c.minute = 30; c.second = 15; c.nsec = 250000000;
    Instant t = InstantFromCivil(c);
    EXPECT_EQ(t.sec, 1598002215);
    EXPECT_EQ(t.nsec, 250000000);

    CivilTime e = CivilFromInstant(MakeInstant(-1, 999999999));
    EXPECT_EQ(e.year, 1969);
    EXPECT_EQ(e.month, 12);
    EXPECT_EQ(e.day, 31);
    EXPECT_EQ(e.hour, 23);
    EXPECT_EQ(e.minute, 59);
    EXPECT_EQ(e.second, 59);
    EXPECT_EQ(e.nsec, 999999999);

    CivilTime z = CivilFromInstant(Instant());
    EXPECT_EQ(z.year, 1970);
    EXPECT_EQ(z.month, 1);
    EXPECT_EQ(z.day, 1);
    EXPECT_EQ(z.hour, 0);
}

TEST(CivilTest, RoundTripWithNanoseconds)
{
    const int64_t years[] = { kMinYear, kMinYear + 1, -13800000000LL, -4500000000LL, -66000000, -100000, -4713,
                              -500, -1, 0, 1, 1066, 1969, 1970, 2000, 2020, 9999, 10000, 12345, kMaxYear - 1, kMaxYear };
    const int32_t nanos[] = { 0, 1, 250000000, 999999999 };
    for (int64_t y : years)
        for (int m : { 1, 2, 3, 7, 12 })
            for (int d : { 1, 15, DaysInMonth(y, m) })
                for (int h : { 0, 12, 23 })
                    for (int mi : { 0, 30, 59 })
                        for (int s : { 0, 59 })
                            for (int32_t ns : nanos) {
                                CivilTime c;
                                c.year = y; c.month = m; c.day = d; c.hour = h; c.minute = mi; c.second = s; c.nsec = ns;
                                ASSERT_TRUE(ValidCivil(c));
                                Instant t = InstantFromCivil(c);
                                ASSERT_TRUE(Normalised(t));
                                ASSERT_GE(t, MinInstant());
                                ASSERT_LE(t, MaxInstant());
                                CivilTime r = CivilFromInstant(t);
                                ASSERT_EQ(r.year, y);
                                ASSERT_EQ(r.month, m);
                                ASSERT_EQ(r.day, d);
                                ASSERT_EQ(r.hour, h);
                                ASSERT_EQ(r.minute, mi);
                                ASSERT_EQ(r.second, s);
                                ASSERT_EQ(r.nsec, ns);
                                ASSERT_EQ(InstantFromCivil(r), t);
                            }
}

TEST(CivilTest, MinMaxInstant)
{
    CivilTime lo = CivilFromInstant(MinInstant());
    EXPECT_EQ(lo.year, kMinYear);
    EXPECT_EQ(lo.month, 1);
    EXPECT_EQ(lo.day, 1);
    EXPECT_EQ(lo.hour, 0);
    EXPECT_EQ(lo.minute, 0);
    EXPECT_EQ(lo.second, 0);
    EXPECT_EQ(lo.nsec, 0);

    CivilTime hi = CivilFromInstant(MaxInstant());
    EXPECT_EQ(hi.year, kMaxYear);
    EXPECT_EQ(hi.month, 12);
    EXPECT_EQ(hi.day, 31);
    EXPECT_EQ(hi.hour, 23);
    EXPECT_EQ(hi.minute, 59);
    EXPECT_EQ(hi.second, 59);
    EXPECT_EQ(hi.nsec, 999999999);

    CivilTime after = CivilFromInstant(MaxInstant() + MakeDuration(0, 1));
    EXPECT_EQ(after.year, kMaxYear + 1);

    EXPECT_LT(MinInstant(), MaxInstant());
    EXPECT_TRUE(Normalised(MinInstant()));
    EXPECT_TRUE(Normalised(MaxInstant()));
}

// time.h: "the supported year range is +/- 100 billion years with room left for differences and arithmetic".
// The difference of any two representable instants must therefore be exact, not saturated.
TEST(CivilTest, DifferenceOfExtremeInstantsIsExact)
{
    Duration all = MaxInstant() - MinInstant();
    EXPECT_EQ(all.sec, MaxInstant().sec - MinInstant().sec);
    EXPECT_EQ(MinInstant() + all, MaxInstant());
    EXPECT_EQ(MaxInstant() - all, MinInstant());
    Duration back = MinInstant() - MaxInstant();
    EXPECT_EQ(MaxInstant() + back, MinInstant());
    // A smaller case: year -1e11 to year +6e10 (about 5e18 s).
    CivilTime a, b;
    a.year = kMinYear;
    b.year = 60000000000LL;
    Duration d = InstantFromCivil(b) - InstantFromCivil(a);
    EXPECT_EQ(InstantFromCivil(a) + d, InstantFromCivil(b));
    // DurationFromSeconds covers the whole range too.
    Duration ds = DurationFromSeconds(5.7e18);
    EXPECT_EQ(ds.sec, (int64_t)5.7e18);
}

// ---------------------------------------------------------------------------------------------------------------
// Decimal years

TEST(DecimalYearTest, WholeYears)
{
    for (int64_t y : { (int64_t)-13800000000LL, (int64_t)-500, (int64_t)0, (int64_t)1066, (int64_t)1970, (int64_t)2020 }) {
        CivilTime c;
        c.year = y;
        Instant t = InstantFromCivil(c);
        EXPECT_EQ(InstantFromDecimalYear((double)y), t) << y;
        EXPECT_DOUBLE_EQ(DecimalYearFromInstant(t), (double)y) << y;
    }
}

TEST(DecimalYearTest, Fractions)
{
    // 2020.5: 2020 has 366 days; half is 183 days after 1 Jan = 2 Jul 2020 00:00.
    Instant t = InstantFromDecimalYear(2020.5);
    CivilTime c = CivilFromInstant(t);
    EXPECT_EQ(c.year, 2020);
    EXPECT_EQ(c.month, 7);
    EXPECT_EQ(c.day, 2);
    EXPECT_NEAR(DecimalYearFromInstant(t), 2020.5, 1e-9);

    // 2021.5: 365 days, half = 182.5 days -> 2 Jul 2021 12:00.
    CivilTime d = CivilFromInstant(InstantFromDecimalYear(2021.5));
    EXPECT_EQ(d.month, 7);
    EXPECT_EQ(d.day, 2);
    EXPECT_EQ(d.hour, 12);

    // Negative fractional years count forward from the start of their (floor) year.
    CivilTime n = CivilFromInstant(InstantFromDecimalYear(-0.5));  // year -1 (2 BCE), 365 days
    EXPECT_EQ(n.year, -1);
    EXPECT_EQ(n.month, 7);
    EXPECT_EQ(n.day, 2);
    EXPECT_EQ(n.hour, 12);
}

TEST(DecimalYearTest, RoundTripRoughly)
{
    const double years[] = { -13.8e9, -4.5e9, -66e6, -12345.678, -499.25, -0.75, 0.0, 0.001, 1066.3, 1969.999,
                             2020.5, 2024.123456, 9999.9, 123456.5, 5e9 };
    for (double y : years) {
        Instant t = InstantFromDecimalYear(y);
        double back = DecimalYearFromInstant(t);
        double tol = std::max(1e-9, std::fabs(y) * 1e-14);
        EXPECT_NEAR(back, y, tol) << y;
    }
    const Instant instants[] = { Instant(), MakeInstant(1598002215, 250000000), MakeInstant(-62135596800LL, 0),
                                 MakeInstant(-435485000000000000LL, 123), MakeInstant(-1, 999999999) };
    for (Instant t : instants) {
        double y = DecimalYearFromInstant(t);
        Instant back = InstantFromDecimalYear(y);
        double err = std::fabs(ToSeconds(back - t));
        double tol = std::max(1e-5, std::fabs(y) * 365.2425 * 86400.0 * 1e-15);
        EXPECT_LE(err, tol) << y;
    }
}

TEST(DecimalYearTest, Saturates)
{
    EXPECT_EQ(InstantFromDecimalYear(-1e300), MinInstant());
    EXPECT_EQ(InstantFromDecimalYear(1e300), MaxInstant());
    EXPECT_EQ(InstantFromDecimalYear(-std::numeric_limits<double>::infinity()), MinInstant());
    EXPECT_EQ(InstantFromDecimalYear(std::numeric_limits<double>::infinity()), MaxInstant());
    EXPECT_EQ(InstantFromDecimalYear((double)kMinYear), MinInstant());
    Instant n = InstantFromDecimalYear(std::nan(""));
    EXPECT_TRUE(Normalised(n));
    EXPECT_NEAR(DecimalYearFromInstant(MinInstant()), (double)kMinYear, 1.0);
    EXPECT_NEAR(DecimalYearFromInstant(MaxInstant()), (double)kMaxYear + 1, 1.0);
}
