// Unit tests for src/core/format.h.
#include "core/date_parse.h"
#include "core/format.h"

#include "test_util.h"

#include <gtest/gtest.h>

#include <string>

using namespace chronoscope;
using namespace chronoscope::test;

namespace {

const std::string kDash = " \xE2\x80\x93 ";  // " – "

}  // namespace

TEST(FormatYearTest, HistoricalYears)
{
    EXPECT_EQ(FormatYear(1066), "1066");
    EXPECT_EQ(FormatYear(1), "1");
    EXPECT_EQ(FormatYear(0), "1 BCE");
    EXPECT_EQ(FormatYear(-1), "2 BCE");
    EXPECT_EQ(FormatYear(-499), "500 BCE");
    EXPECT_EQ(FormatYear(-500), "501 BCE");
    EXPECT_EQ(FormatYear(2020), "2020");
    EXPECT_EQ(FormatYear(9999), "9999");
    EXPECT_EQ(FormatYear(-11999), "12,000 BCE");
}

TEST(FormatYearTest, DeepTime)
{
    EXPECT_EQ(FormatYear(-13800000000LL), "13.8 Ga");
    EXPECT_EQ(FormatYear(-66000000), "66 Ma");
    EXPECT_EQ(FormatYear(-4500000000LL), "4.5 Ga");
    EXPECT_EQ(FormatYear(-300000), "300 ka");
}

TEST(FormatAgeTest, Units)
{
    EXPECT_EQ(FormatAge(13.8e9, 3), "13.8 Ga");
    EXPECT_EQ(FormatAge(66e6, 3), "66 Ma");
    EXPECT_EQ(FormatAge(300e3, 3), "300 ka");
    EXPECT_EQ(FormatAge(10e3, 3), "10 ka");
    EXPECT_EQ(FormatAge(65.99e6, 4), "65.99 Ma");
}

// The young end of a log axis: whole years grouped, one year singular, then ka from ten thousand years.
TEST(FormatAgeTest, YearsAgo)
{
    EXPECT_EQ(FormatAge(1000, 1), "1,000 years ago");
    EXPECT_EQ(FormatAge(2500, 2), "2,500 years ago");
    EXPECT_EQ(FormatAge(9999, 4), "9,999 years ago");
    EXPECT_EQ(FormatAge(100, 1), "100 years ago");
    EXPECT_EQ(FormatAge(10, 1), "10 years ago");
    EXPECT_EQ(FormatAge(1, 1), "1 year ago");
    EXPECT_EQ(FormatAge(2.5, 2), "2.5 years ago");
    EXPECT_EQ(FormatAgeIn(1, "month"), "1 month ago");
    EXPECT_EQ(FormatAgeIn(3, "month"), "3 months ago");
    EXPECT_EQ(FormatAgeIn(1, "second"), "1 second ago");
    EXPECT_EQ(FormatAgeIn(12, "hour"), "12 hours ago");
}

TEST(FormatGroupedTest, Digits)
{
    EXPECT_EQ(FormatGrouped(0), "0");
    EXPECT_EQ(FormatGrouped(999), "999");
    EXPECT_EQ(FormatGrouped(1000), "1,000");
    EXPECT_EQ(FormatGrouped(12345678), "12,345,678");
    EXPECT_EQ(FormatGrouped(-12345678), "-12,345,678");
    EXPECT_EQ(FormatGrouped(INT64_MIN), "-9,223,372,036,854,775,808");
    EXPECT_EQ(FormatGrouped(INT64_MAX), "9,223,372,036,854,775,807");
}

TEST(FormatTest, MonthShortName)
{
    EXPECT_STREQ(MonthShortName(1), "Jan");
    EXPECT_STREQ(MonthShortName(8), "Aug");
    EXPECT_STREQ(MonthShortName(12), "Dec");
    EXPECT_STREQ(MonthShortName(0), "?");
    EXPECT_STREQ(MonthShortName(13), "?");
}

TEST(FormatInstantTest, EachPrecision)
{
    EXPECT_EQ(FormatInstant(At(1066, 10, 14), Precision_Year), "1066");
    EXPECT_EQ(FormatInstant(At(2020, 8, 21), Precision_Month), "Aug 2020");
    EXPECT_EQ(FormatInstant(At(2021, 7, 21), Precision_Day), "21 Jul 2021");
    EXPECT_EQ(FormatInstant(At(2021, 7, 21, 9, 30), Precision_Minute), "21 Jul 2021 09:30");
    EXPECT_EQ(FormatInstant(At(2021, 7, 21, 9, 30, 0, 250000000), Precision_Millisecond), "21 Jul 2021 09:30:00.250");
    EXPECT_EQ(FormatInstant(At(2021, 7, 21, 9, 30, 5), Precision_Second), "21 Jul 2021 09:30:05");
    EXPECT_EQ(FormatInstant(At(2021, 7, 21, 9, 30, 5, 123456789), Precision_Microsecond), "21 Jul 2021 09:30:05.123456");
    EXPECT_EQ(FormatInstant(At(2021, 7, 21, 9, 30, 5, 123456789), Precision_Nanosecond), "21 Jul 2021 09:30:05.123456789");
    EXPECT_EQ(FormatInstant(At(-499, 3, 15), Precision_Day), "15 Mar 500 BCE");
    EXPECT_EQ(FormatInstant(At(0), Precision_Year), "1 BCE");
    EXPECT_EQ(FormatInstant(At(-499), Precision_Year), "500 BCE");
}

TEST(FormatInstantTest, DeepTime)
{
    EXPECT_EQ(FormatInstant(At(-13800000000LL), Precision_Year), "13.8 Ga");
    EXPECT_EQ(FormatInstant(At(-66000000), Precision_Year), "66 Ma");
    // Deep time reads as an age whatever the precision.
    EXPECT_EQ(FormatInstant(At(-13800000000LL, 6, 1), Precision_Day), "13.8 Ga");
}

TEST(FormatRangeTest, Ranges)
{
    EXPECT_EQ(FormatRange(At(2020, 8), Precision_Month, At(2021, 5), Precision_Month), "Aug 2020" + kDash + "May 2021");
    EXPECT_EQ(FormatRange(At(1939), Precision_Year, At(1945), Precision_Year), "1939" + kDash + "1945");
    EXPECT_EQ(FormatRange(At(2021, 7, 21, 9, 30), Precision_Minute, At(2021, 7, 21, 11, 0), Precision_Minute),
              "21 Jul 2021 09:30" + kDash + "11:00");
    EXPECT_EQ(FormatRange(At(1066), Precision_Year, At(1066), Precision_Year), "1066");
    EXPECT_EQ(FormatRange(At(-499), Precision_Year, At(10), Precision_Year), "500 BCE" + kDash + "10");
    EXPECT_EQ(FormatRange(At(2021, 7, 21, 23, 0), Precision_Minute, At(2021, 7, 22, 1, 0), Precision_Minute),
              "21 Jul 2021 23:00" + kDash + "22 Jul 2021 01:00");
}

TEST(FormatIsoTest, Examples)
{
    EXPECT_EQ(FormatIso(At(2020, 8, 21), Precision_Day), "2020-08-21");
    EXPECT_EQ(FormatIso(At(-4500000000LL, 6, 1), Precision_Day), "-4500000000-06-01");
    EXPECT_EQ(FormatIso(At(2021, 7, 21, 9, 30, 0, 250000000), Precision_Millisecond), "2021-07-21T09:30:00.250Z");
    EXPECT_EQ(FormatIso(At(1066), Precision_Year), "1066");
    EXPECT_EQ(FormatIso(At(0), Precision_Year), "0000");
    EXPECT_EQ(FormatIso(At(-500), Precision_Year), "-0500");
    EXPECT_EQ(FormatIso(At(12345), Precision_Year), "+12345");
    EXPECT_EQ(FormatIso(At(2020, 8), Precision_Month), "2020-08");
}

TEST(FormatIsoTest, RoundTripsThroughParseIsoDate)
{
    const int64_t years[] = { kMinYear, -13800000000LL, -4500000000LL, -66000000, -100000, -10000, -9999, -4713, -500,
                              -1, 0, 1, 999, 1066, 1970, 2020, 9999, 10000, 12345, 4500000000LL, kMaxYear };
    const Precision precs[] = { Precision_Year, Precision_Month, Precision_Day, Precision_Minute, Precision_Second,
                                Precision_Millisecond, Precision_Microsecond, Precision_Nanosecond };
    for (int64_t y : years)
        for (Precision p : precs) {
            // An instant that carries exactly the information of its precision.
            int mo = p >= Precision_Month ? 11 : 1;
            int d = p >= Precision_Day ? 30 : 1;
            int h = p >= Precision_Hour ? 23 : 0;
            int mi = p >= Precision_Minute ? 59 : 0;
            int s = p >= Precision_Second ? 58 : 0;
            int32_t ns = p == Precision_Millisecond ? 250000000 : p == Precision_Microsecond ? 250001000
                       : p == Precision_Nanosecond ? 999999999 : 0;
            Instant t = At(y, mo, d, h, mi, s, ns);
            std::string iso = FormatIso(t, p);
            ParsedDate out;
            std::string err;
            ASSERT_TRUE(ParseIsoDate(iso.data(), iso.size(), &out, &err)) << iso << ": " << err;
            EXPECT_EQ(out.Time, t) << iso;
            EXPECT_EQ((int)out.Prec, (int)p) << iso;
            EXPECT_EQ(FormatIso(out.Time, out.Prec), iso);
        }
    // The expanded-year example exactly.
    ParsedDate out;
    std::string err;
    const std::string s = "-4500000000-06-01";
    ASSERT_TRUE(ParseIsoDate(s.data(), s.size(), &out, &err)) << err;
    EXPECT_EQ(FormatIso(out.Time, out.Prec), s);
}

TEST(FormatIsoTest, HourPrecisionRoundTripsTheTime)
{
    Instant t = At(2020, 8, 21, 9);
    std::string iso = FormatIso(t, Precision_Hour);
    ParsedDate out;
    std::string err;
    EXPECT_EQ(iso, "2020-08-21T09:00Z");  // an hour is written with its minutes
    ASSERT_TRUE(ParseIsoDate(iso.data(), iso.size(), &out, &err)) << iso << ": " << err;
    EXPECT_EQ(out.Time, t) << iso;
    EXPECT_EQ(out.Prec, Precision_Minute);
}

// The status of a load in progress, as the native app shows it (and the web page, through the engine).
TEST(FormatLoadProgressTest, NativeText)
{
    const std::string ell = "\xE2\x80\xA6";
    EXPECT_EQ(FormatLoadProgress("big.json", 0, 0, 0), "Reading big.json" + ell);
    EXPECT_EQ(FormatLoadProgress("big.json", 0, 1000, 0), "Reading big.json" + ell);  // nothing read yet
    EXPECT_EQ(FormatLoadProgress("big.json", 4096, 0, 0), "Reading big.json" + ell);  // size unknown
    EXPECT_EQ(FormatLoadProgress("big.json", 4096, 0, 16384), "Reading big.json: 16,384 events" + ell);
    EXPECT_EQ(FormatLoadProgress("big.json", 500, 1000, 507904), "Reading big.json: 507,904 events (50%)");
    EXPECT_EQ(FormatLoadProgress("big.json", 999, 1000, 1), "Reading big.json: 1 events (99%)");  // rounded down
    EXPECT_EQ(FormatLoadProgress("big.json", 1000, 1000, 1234567), "Reading big.json: 1,234,567 events (100%)");
    EXPECT_EQ(FormatLoadProgress("a.json", 1, 3, 0), "Reading a.json (33%)");
    EXPECT_EQ(FormatLoadProgress("\xEA\xB0\x80.json", 2, 3, 0), "Reading \xEA\xB0\x80.json (66%)");
    EXPECT_EQ(FormatLoadProgress("big.json", (size_t)1 << 30, (size_t)1 << 30, 20000000),
              "Reading big.json: 20,000,000 events (100%)");
}
