// Unit tests for src/core/date_parse.h and src/core/date_text.h.
#include "core/date_parse.h"
#include "core/date_text.h"

#include "test_util.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <string>

using namespace chronoscope;
using namespace chronoscope::test;

namespace {

bool Iso(const std::string& s, ParsedDate* out, std::string* err)
{
    return ParseIsoDate(s.data(), s.size(), out, err);
}

void ExpectIso(const std::string& s, Instant t, Precision p)
{
    ParsedDate out;
    std::string err;
    ASSERT_TRUE(Iso(s, &out, &err)) << s << ": " << err;
    EXPECT_EQ(out.Time, t) << s << " -> sec " << out.Time.sec << " nsec " << out.Time.nsec;
    EXPECT_EQ((int)out.Prec, (int)p) << s;
}

void ExpectIsoError(const std::string& s, const char* must_contain = nullptr)
{
    ParsedDate out;
    std::string err;
    EXPECT_FALSE(Iso(s, &out, &err)) << "accepted: " << s;
    EXPECT_FALSE(err.empty()) << "no error message for: " << s;
    if (must_contain) {
        EXPECT_NE(err.find(must_contain), std::string::npos) << s << ": " << err;
    }
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------------
// ParseIsoDate

TEST(ParseIsoDateTest, Precisions)
{
    ExpectIso("2020", At(2020), Precision_Year);
    ExpectIso("2020-08", At(2020, 8), Precision_Month);
    ExpectIso("2020-08-21", At(2020, 8, 21), Precision_Day);
    ExpectIso("2020-08-21T09", At(2020, 8, 21, 9), Precision_Hour);
    ExpectIso("2020-08-21T09:30", At(2020, 8, 21, 9, 30), Precision_Minute);
    ExpectIso("2020-08-21T09:30:15", At(2020, 8, 21, 9, 30, 15), Precision_Second);
    ExpectIso("2020-08-21T09:30:15Z", At(2020, 8, 21, 9, 30, 15), Precision_Second);
    ExpectIso("2020-08-21 09:30", At(2020, 8, 21, 9, 30), Precision_Minute);
    ExpectIso("1066", At(1066), Precision_Year);
    ExpectIso("0000", At(0), Precision_Year);
}

TEST(ParseIsoDateTest, FractionalSeconds)
{
    ParsedDate out;
    std::string err;
    ASSERT_TRUE(Iso("2020-08-21T09:30:15.250Z", &out, &err)) << err;
    EXPECT_EQ(out.Time.nsec, 250000000);
    EXPECT_EQ(out.Time.sec, 1598002215);
    EXPECT_EQ(out.Prec, Precision_Millisecond);

    ExpectIso("2020-08-21T09:30:15.2Z", At(2020, 8, 21, 9, 30, 15, 200000000), Precision_Millisecond);
    ExpectIso("2020-08-21T09:30:15.250001Z", At(2020, 8, 21, 9, 30, 15, 250001000), Precision_Microsecond);
    ExpectIso("2020-08-21T09:30:15.123456789Z", At(2020, 8, 21, 9, 30, 15, 123456789), Precision_Nanosecond);
    ExpectIso("2020-08-21T09:30:15.0001", At(2020, 8, 21, 9, 30, 15, 100000), Precision_Microsecond);
    ExpectIso("2020-08-21T09:30:15,5", At(2020, 8, 21, 9, 30, 15, 500000000), Precision_Millisecond);
    ExpectIsoError("2020-08-21T09:30:15.1234567891Z");
    ExpectIsoError("2020-08-21T09:30:15.Z");
}

TEST(ParseIsoDateTest, OffsetsConvertToUtc)
{
    ExpectIso("2020-08-21T09:30+09:00", At(2020, 8, 21, 0, 30), Precision_Minute);
    ExpectIso("2020-08-21 09:30+09:00", At(2020, 8, 21, 0, 30), Precision_Minute);
    ExpectIso("2020-08-21T09:30+0900", At(2020, 8, 21, 0, 30), Precision_Minute);
    ExpectIso("2020-08-21T09:30+09", At(2020, 8, 21, 0, 30), Precision_Minute);
    ExpectIso("2020-08-21T09:30-05:30", At(2020, 8, 21, 15, 0), Precision_Minute);
    ExpectIso("2020-08-21T09:30:15.250+01:00", At(2020, 8, 21, 8, 30, 15, 250000000), Precision_Millisecond);
    // Crossing midnight and a year boundary.
    ExpectIso("2021-01-01T01:00+02:00", At(2020, 12, 31, 23, 0), Precision_Minute);
    ExpectIso("2020-12-31T23:00-02:00", At(2021, 1, 1, 1, 0), Precision_Minute);
    ExpectIsoError("2020-08-21T09:30+25:00");
    ExpectIsoError("2020-08-21T09:30+09:60");
    ExpectIsoError("2020-08-21T09:30+9");
    ExpectIsoError("2020-08-21T09:30Zjunk");
}

TEST(ParseIsoDateTest, ExpandedYears)
{
    ExpectIso("-4500000000-06-01", At(-4500000000LL, 6, 1), Precision_Day);
    ExpectIso("+12345", At(12345), Precision_Year);
    ExpectIso("+2020-08-21", At(2020, 8, 21), Precision_Day);
    ExpectIso("-13800000000", At(-13800000000LL), Precision_Year);
    ExpectIso("-100000000000", At(kMinYear), Precision_Year);
    ExpectIso("+100000000000-12-31", At(kMaxYear, 12, 31), Precision_Day);
    ExpectIso("-1", At(-1), Precision_Year);
    ExpectIso("-0001", At(-1), Precision_Year);
    ExpectIso("-0000", At(0), Precision_Year);
    // -0500 is astronomical -500 = 501 BCE
    ParsedDate out;
    std::string err;
    ASSERT_TRUE(Iso("-0500", &out, &err)) << err;
    EXPECT_EQ(CivilFromInstant(out.Time).year, -500);
    EXPECT_EQ(out.Prec, Precision_Year);
    ASSERT_TRUE(Iso("-0499-03-15", &out, &err)) << err;
    CivilTime c = CivilFromInstant(out.Time);
    EXPECT_EQ(c.year, -499);
    EXPECT_EQ(c.month, 3);
    EXPECT_EQ(c.day, 15);
    // leap day of 1 BCE (astronomical 0) exists; of 2 BCE does not
    ExpectIso("0000-02-29", At(0, 2, 29), Precision_Day);
    ExpectIsoError("-0001-02-29", "day");
    // beyond the year range
    ExpectIsoError("-100000000001", "year");
    ExpectIsoError("+100000000001", "year");
    ExpectIsoError("-999999999999999");
    ExpectIsoError("+99999999999999999999999999");
}

TEST(ParseIsoDateTest, Errors)
{
    ExpectIsoError("2020-13", "month");
    ExpectIsoError("2020-00", "month");
    ExpectIsoError("2021-02-29", "day");
    ExpectIsoError("2020-04-31", "day");
    ExpectIsoError("2020-08-00", "day");
    ExpectIsoError("2020-08-21T24:00", "hour");
    ExpectIsoError("2020-08-21T23:60", "minute");
    ExpectIsoError("2020-08-21T23:59:60", "second");
    ExpectIsoError("20x0");
    ExpectIsoError("");
    ExpectIsoError("202");
    ExpectIsoError("20200");
    ExpectIsoError("2020-8");
    ExpectIsoError("2020-08-1");
    ExpectIsoError("2020-08-21T9:30");
    ExpectIsoError("2020-08-21T");
    ExpectIsoError("2020-08-21X");
    ExpectIsoError("2020-");
    ExpectIsoError("-");
    ExpectIsoError("+");
    ExpectIsoError(" 2020");
    ExpectIsoError("2020 ");
    ExpectIsoError("abcd");
    ExpectIsoError("2020-08-21T09:30:15.250Zjunk");

    // The month message names the month (like "month 13 out of range 1..12").
    ParsedDate out;
    std::string err;
    EXPECT_FALSE(Iso("2020-13", &out, &err));
    EXPECT_NE(err.find("13"), std::string::npos) << err;
    // A null error pointer is allowed.
    EXPECT_FALSE(ParseIsoDate("2020-13", 7, &out, nullptr));
}

TEST(ParseIsoDateTest, LengthIsRespected)
{
    // Only len bytes are read: "2020-08-21" cut to 7 bytes is "2020-08".
    const char* s = "2020-08-21";
    ParsedDate out;
    std::string err;
    ASSERT_TRUE(ParseIsoDate(s, 7, &out, &err)) << err;
    EXPECT_EQ(out.Prec, Precision_Month);
    EXPECT_EQ(out.Time, At(2020, 8));
    // Embedded NUL is not a terminator inside len.
    std::string withnul("2020\0-08", 8);
    EXPECT_FALSE(Iso(withnul, &out, &err));
    EXPECT_FALSE(err.empty());
}

TEST(ParseIsoDateTest, GarbageNeverCrashes)
{
    std::mt19937 rng(12345);
    const char alphabet[] = "0123456789-+:TZ., xe\xff\x80";
    for (int i = 0; i < 200000; i++) {
        int n = (int)(rng() % 24);
        std::string s;
        for (int k = 0; k < n; k++) {
            if (rng() % 4 == 0)
                s += (char)(rng() & 0xff);
            else
                s += alphabet[rng() % (sizeof(alphabet) - 1)];
        }
        ParsedDate out;
        std::string err;
        bool ok = Iso(s, &out, &err);
        if (ok) {
            ASSERT_TRUE(out.Time.nsec >= 0 && out.Time.nsec < 1000000000) << s;
            ASSERT_GE(out.Time, MinInstant() - MakeDuration(86400, 0)) << s;  // offsets may move a day
            ASSERT_LE(out.Time, MaxInstant() + MakeDuration(86400, 0)) << s;
        } else {
            ASSERT_FALSE(err.empty()) << s;
        }
    }
    // Specific garbage bytes.
    const std::string bad[] = { std::string("\xff\xfe\xfd\xfc", 4), std::string("\0\0\0\0", 4), std::string("2020\xff", 5),
                                std::string("--2020"), std::string("++1"), std::string("2020--08"), std::string("9999999999999999999999") };
    for (const std::string& s : bad)
        ExpectIsoError(s);
}

// The common forms' fast reading gives what the full reader gives, and takes every valid text of those forms.
TEST(ParseIsoDateTest, CommonFormsAgreeWithTheFullReader)
{
    int taken = 0;
    // Same result as the full reader whenever the fast reading takes a text; `common`: the text is of a common form
    // (no sign, fraction or offset), so the fast reading must take it when the full reader does.
    auto check = [&](const std::string& s, bool common) {
        ParsedDate fast, full;
        std::string err;
        const bool f = ParseIsoDateCommon(s.data(), s.size(), &fast);
        const bool ok = ParseIsoDateFull(s.data(), s.size(), &full, &err);
        if (f) {
            taken++;
            ASSERT_TRUE(ok) << s;
            ASSERT_EQ(fast.Time, full.Time) << s;
            ASSERT_EQ((int)fast.Prec, (int)full.Prec) << s;
            ASSERT_EQ(fast.OffsetMin, full.OffsetMin) << s;
        } else if (common) {
            ASSERT_FALSE(ok) << s << " is read by the full reader only";
        }
        ParsedDate both;
        ASSERT_EQ(ParseIsoDate(s.data(), s.size(), &both, &err), ok) << s;
    };
    auto two = [](int v) {
        char b[8];
        snprintf(b, sizeof(b), "%02d", v);
        return std::string(b);
    };
    // every month and day (and the values just outside) of years around the leap rules, cut at every part
    const char* years[] = { "0000", "0001", "0004", "0100", "1500", "1582", "1600", "1700", "1899", "1900", "1970",
                            "1999", "2000", "2023", "2024", "2100", "9996", "9999" };
    for (const char* y : years)
        for (int m = 0; m <= 13; m++)
            for (int d = 0; d <= 32; d++) {
                const std::string date = std::string(y) + "-" + two(m) + "-" + two(d);
                check(std::string(y), true);
                check(date.substr(0, 7), true);
                check(date, true);
            }
    const int hours[] = { 0, 1, 9, 23, 24, 99 }, minutes[] = { 0, 30, 59, 60 }, seconds[] = { 0, 1, 59, 60, 99 };
    for (const char* y : { "1692", "2024", "0000", "9999" })
        for (const char* md : { "-02-29", "-03-12", "-12-31", "-02-28", "-13-01" })
            for (int h : hours)
                for (int mi : minutes)
                    for (int sec : seconds)
                        for (const char* t : { "T", " ", "t", "_" }) {
                            const std::string full = std::string(y) + md + t + two(h) + ":" + two(mi) + ":" + two(sec);
                            for (size_t cut : { 13, 16, 19 }) {
                                check(full.substr(0, cut), true);
                                check(full.substr(0, cut) + "Z", true);
                                check(full.substr(0, cut) + "+09:00", false);
                            }
                            check(full + ".250Z", false);
                        }
    // the near misses: a valid text with one or two bytes changed, cut anywhere, or grown
    std::mt19937 rng(2024);
    const char alphabet[] = "0123456789-+:TZ., tz\x7f\xff";
    const std::string seeds[] = { "2020-08-21T09:30:15Z", "1533-03-23", "1909-05", "2024-02-29 23:59:59", "0000",
                                  "9999-12-31T23:59Z" };
    for (int i = 0; i < 300000; i++) {
        std::string s = seeds[rng() % 6];
        for (int k = (int)(rng() % 3); k > 0; k--)
            s[rng() % s.size()] = alphabet[rng() % (sizeof(alphabet) - 1)];
        if (rng() % 3 == 0)
            s.resize(rng() % (s.size() + 1));
        if (rng() % 5 == 0)
            s += alphabet[rng() % (sizeof(alphabet) - 1)];
        check(s, false);
    }
    EXPECT_GT(taken, 100000);
}

// ---------------------------------------------------------------------------------------------------------------
// DateFromYearNumber

TEST(DateFromYearNumberTest, WholeYears)
{
    ParsedDate out;
    std::string err;
    ASSERT_TRUE(DateFromYearNumber(1066, &out, &err)) << err;
    EXPECT_EQ(out.Time, At(1066));
    EXPECT_EQ(out.Prec, Precision_Year);

    ASSERT_TRUE(DateFromYearNumber(-13.8e9, &out, &err)) << err;
    EXPECT_EQ(out.Time, At(-13800000000LL));
    EXPECT_EQ(out.Prec, Precision_Year);

    ASSERT_TRUE(DateFromYearNumber(0, &out, &err)) << err;
    EXPECT_EQ(out.Time, At(0));
    ASSERT_TRUE(DateFromYearNumber(-500, &out, &err)) << err;
    EXPECT_EQ(out.Time, At(-500));
    ASSERT_TRUE(DateFromYearNumber((double)kMinYear, &out, &err)) << err;
    EXPECT_EQ(out.Time, MinInstant());
    ASSERT_TRUE(DateFromYearNumber((double)kMaxYear, &out, &err)) << err;
    EXPECT_EQ(out.Time, At(kMaxYear));
}

TEST(DateFromYearNumberTest, Fractions)
{
    ParsedDate out;
    std::string err;
    ASSERT_TRUE(DateFromYearNumber(2020.5, &out, &err)) << err;
    CivilTime c = CivilFromInstant(out.Time);
    EXPECT_EQ(c.year, 2020);
    EXPECT_EQ(c.month, 7);
    EXPECT_GE(c.day, 1);
    EXPECT_LE(c.day, 3);
    EXPECT_NEAR(ToSeconds(out.Time - At(2020, 7, 2)), 0.0, 86400.0);
    EXPECT_GT(out.Prec, Precision_Year);  // a fraction says more than the year
}

TEST(DateFromYearNumberTest, Errors)
{
    ParsedDate out;
    std::string err;
    EXPECT_FALSE(DateFromYearNumber(std::nan(""), &out, &err));
    EXPECT_FALSE(err.empty());
    err.clear();
    EXPECT_FALSE(DateFromYearNumber(INFINITY, &out, &err));
    EXPECT_FALSE(err.empty());
    err.clear();
    EXPECT_FALSE(DateFromYearNumber(-INFINITY, &out, &err));
    EXPECT_FALSE(err.empty());
    err.clear();
    EXPECT_FALSE(DateFromYearNumber(-1e12, &out, &err));
    EXPECT_FALSE(err.empty());
    err.clear();
    EXPECT_FALSE(DateFromYearNumber(1e12, &out, &err));
    EXPECT_FALSE(err.empty());
}

// ---------------------------------------------------------------------------------------------------------------
// DateFromParts

TEST(DateFromPartsTest, Apollo11)
{
    DateParts p;
    p.Has[DatePart_Year] = true;   p.Value[DatePart_Year] = 1969;
    p.Has[DatePart_Month] = true;  p.Value[DatePart_Month] = 7;
    p.Has[DatePart_Day] = true;    p.Value[DatePart_Day] = 20;
    p.Has[DatePart_Hour] = true;   p.Value[DatePart_Hour] = 20;
    p.Has[DatePart_Minute] = true; p.Value[DatePart_Minute] = 17;
    ParsedDate out;
    std::string err;
    ASSERT_TRUE(DateFromParts(p, &out, &err)) << err;
    EXPECT_EQ(out.Time, At(1969, 7, 20, 20, 17));
    EXPECT_EQ(out.Prec, Precision_Minute);
}

TEST(DateFromPartsTest, PrecisionFollowsLastPart)
{
    DateParts p;
    p.Has[DatePart_Year] = true;
    p.Value[DatePart_Year] = -500;
    ParsedDate out;
    std::string err;
    ASSERT_TRUE(DateFromParts(p, &out, &err)) << err;
    EXPECT_EQ(out.Time, At(-500));
    EXPECT_EQ(out.Prec, Precision_Year);

    p.Has[DatePart_Month] = true;
    p.Value[DatePart_Month] = 3;
    ASSERT_TRUE(DateFromParts(p, &out, &err)) << err;
    EXPECT_EQ(out.Time, At(-500, 3));
    EXPECT_EQ(out.Prec, Precision_Month);

    p.Has[DatePart_Day] = true;   p.Value[DatePart_Day] = 15;
    p.Has[DatePart_Hour] = true;  p.Value[DatePart_Hour] = 6;
    p.Has[DatePart_Minute] = true; p.Value[DatePart_Minute] = 7;
    p.Has[DatePart_Second] = true; p.Value[DatePart_Second] = 8;
    p.Has[DatePart_Millisecond] = true; p.Value[DatePart_Millisecond] = 9;
    ASSERT_TRUE(DateFromParts(p, &out, &err)) << err;
    EXPECT_EQ(out.Time, At(-500, 3, 15, 6, 7, 8, 9000000));
    EXPECT_EQ(out.Prec, Precision_Millisecond);
}

TEST(DateFromPartsTest, Errors)
{
    ParsedDate out;
    std::string err;
    DateParts none;
    EXPECT_FALSE(DateFromParts(none, &out, &err));
    EXPECT_NE(err.find("year"), std::string::npos) << err;

    DateParts gap;
    gap.Has[DatePart_Year] = true; gap.Value[DatePart_Year] = 2020;
    gap.Has[DatePart_Day] = true;  gap.Value[DatePart_Day] = 3;
    err.clear();
    EXPECT_FALSE(DateFromParts(gap, &out, &err));
    EXPECT_FALSE(err.empty());

    DateParts bad;
    bad.Has[DatePart_Year] = true;  bad.Value[DatePart_Year] = 2020;
    bad.Has[DatePart_Month] = true; bad.Value[DatePart_Month] = 13;
    err.clear();
    EXPECT_FALSE(DateFromParts(bad, &out, &err));
    EXPECT_NE(err.find("month"), std::string::npos) << err;

    bad.Value[DatePart_Month] = 1000000000000LL;  // huge values must not wrap into range
    err.clear();
    EXPECT_FALSE(DateFromParts(bad, &out, &err));
    EXPECT_FALSE(err.empty());
    bad.Value[DatePart_Month] = 4294967297LL;  // 2^32 + 1 would truncate to 1 as an int
    err.clear();
    EXPECT_FALSE(DateFromParts(bad, &out, &err));
    EXPECT_FALSE(err.empty());

    bad.Value[DatePart_Month] = 2;
    bad.Has[DatePart_Day] = true;
    bad.Value[DatePart_Day] = 30;
    err.clear();
    EXPECT_FALSE(DateFromParts(bad, &out, &err));
    EXPECT_NE(err.find("day"), std::string::npos) << err;

    DateParts ms;
    ms.Has[DatePart_Year] = true; ms.Value[DatePart_Year] = 2020;
    for (int k = DatePart_Month; k <= DatePart_Millisecond; k++) {
        ms.Has[k] = true;
        ms.Value[k] = 1;
    }
    ms.Value[DatePart_Millisecond] = 1000;
    err.clear();
    EXPECT_FALSE(DateFromParts(ms, &out, &err));
    EXPECT_NE(err.find("millisecond"), std::string::npos) << err;

    DateParts far;
    far.Has[DatePart_Year] = true;
    far.Value[DatePart_Year] = kMaxYear + 1;
    err.clear();
    EXPECT_FALSE(DateFromParts(far, &out, &err));
    EXPECT_FALSE(err.empty());
}

// ---------------------------------------------------------------------------------------------------------------
// ParseDateText

TEST(ParseDateTextTest, Forms)
{
    ParsedDate out;
    std::string err;
    ASSERT_TRUE(ParseDateText("2020-08-21", &out, &err)) << err;
    EXPECT_EQ(out.Time, At(2020, 8, 21));
    EXPECT_EQ(out.Prec, Precision_Day);

    ASSERT_TRUE(ParseDateText("2020-08-21T09:30:00.250Z", &out, &err)) << err;
    EXPECT_EQ(out.Time, At(2020, 8, 21, 9, 30, 0, 250000000));
    EXPECT_EQ(out.Prec, Precision_Millisecond);

    ASSERT_TRUE(ParseDateText("-13.8e9", &out, &err)) << err;
    EXPECT_EQ(out.Time, At(-13800000000LL));
    EXPECT_EQ(out.Prec, Precision_Year);

    ASSERT_TRUE(ParseDateText("1066", &out, &err)) << err;
    EXPECT_EQ(out.Time, At(1066));
    EXPECT_EQ(out.Prec, Precision_Year);

    ASSERT_TRUE(ParseDateText("2020.5", &out, &err)) << err;
    EXPECT_EQ(CivilFromInstant(out.Time).year, 2020);
    EXPECT_EQ(CivilFromInstant(out.Time).month, 7);

    ASSERT_TRUE(ParseDateText("-4500000000-06-01", &out, &err)) << err;
    EXPECT_EQ(out.Time, At(-4500000000LL, 6, 1));
    EXPECT_EQ(out.Prec, Precision_Day);

    ASSERT_TRUE(ParseDateText("{\"year\": -500, \"month\": 3}", &out, &err)) << err;
    EXPECT_EQ(out.Time, At(-500, 3));
    EXPECT_EQ(out.Prec, Precision_Month);

    ASSERT_TRUE(ParseDateText("{\"year\": \"1969\", \"month\": \"7\", \"day\": 20}", &out, &err)) << err;
    EXPECT_EQ(out.Time, At(1969, 7, 20));
    EXPECT_EQ(out.Prec, Precision_Day);

    ASSERT_TRUE(ParseDateText("\"2020-08\"", &out, &err)) << err;
    EXPECT_EQ(out.Time, At(2020, 8));
    EXPECT_EQ(out.Prec, Precision_Month);

    ASSERT_TRUE(ParseDateText("  2020-08-21 \n", &out, &err)) << err;
    EXPECT_EQ(out.Time, At(2020, 8, 21));
}

TEST(ParseDateTextTest, Errors)
{
    const char* bad[] = { "", "   ", "hello", "2020-13", "{", "{\"month\": 3}", "{\"year\": 2020.5}", "{\"year\": \"x\"}",
                          "{\"year\": [1]}", "[1]", "\"\"", "\"2021-02-29\"", "nan", "inf", "1e300", "true", "\"" };
    for (const char* s : bad) {
        ParsedDate out;
        std::string err;
        EXPECT_FALSE(ParseDateText(s, &out, &err)) << "accepted: " << s;
        EXPECT_FALSE(err.empty()) << "no message for: " << s;
    }
    ParsedDate out;
    std::string err;
    EXPECT_FALSE(ParseDateText(nullptr, &out, &err));
    EXPECT_FALSE(err.empty());
    err.clear();
    EXPECT_FALSE(ParseDateText("2020-13", &out, &err));
    EXPECT_NE(err.find("month"), std::string::npos) << err;
}

TEST(DateParts, NumbersAndTextOfOnePart)
{
    int64_t v = -7;
    std::string err;
    EXPECT_EQ(DatePartFromNumber(DatePart_Month, 12, &v, &err), 1);
    EXPECT_EQ(v, 12);
    EXPECT_EQ(DatePartFromNumber(DatePart_Month, 13, &v, &err), -1);
    EXPECT_EQ(err, "month 13 out of range 1..12");
    EXPECT_EQ(DatePartFromNumber(DatePart_Day, 2.5, &v, &err), -1);
    EXPECT_EQ(err, "day must be a whole number");
    EXPECT_EQ(DatePartFromNumber(DatePart_Year, -13.8e9, &v, &err), 1);
    EXPECT_EQ(v, -13800000000LL);
    EXPECT_EQ(DatePartFromNumber(DatePart_Year, 2e11, &v, &err), -1);
    EXPECT_NE(err.find("year out of range"), std::string::npos) << err;
    EXPECT_EQ(DatePartFromNumber(DatePart_Millisecond, 1000, &v, &err), -1);
    EXPECT_EQ(DatePartFromText(DatePart_Hour, " 23 ", 4, &v, &err), 1);
    EXPECT_EQ(v, 23);
    v = 99;
    EXPECT_EQ(DatePartFromText(DatePart_Hour, "   ", 3, &v, &err), 0);
    EXPECT_EQ(v, 99);
    EXPECT_EQ(DatePartFromText(DatePart_Hour, "", 0, &v, &err), 0);
    EXPECT_EQ(DatePartFromText(DatePart_Hour, "9pm", 3, &v, &err), -1);
    EXPECT_EQ(err, "hour must be a whole number");
    EXPECT_EQ(DatePartFromText(DatePart_Minute, "60", 2, &v, &err), -1);
    EXPECT_EQ(err, "minute 60 out of range 0..59");
    // an escaped NUL inside the text is not the end of it
    EXPECT_EQ(DatePartFromText(DatePart_Year, "2020\0junk", 9, &v, &err), -1);
    EXPECT_EQ(err, "year must be a whole number");
    // whole numbers past int64 are out of range, not "not whole"
    EXPECT_EQ(DatePartFromNumber(DatePart_Month, 9223372036854775807.0, &v, &err), -1);
    EXPECT_EQ(err, "month 9223372036854775808 out of range 1..12");
    EXPECT_EQ(DatePartFromNumber(DatePart_Day, 1e300, &v, &err), -1);   // (not 301 digits cut at 95 bytes)
    EXPECT_EQ(err, "day 1e+300 out of range 1..31");
    EXPECT_EQ(DatePartFromNumber(DatePart_Hour, -1.5e20, &v, &err), -1);
    EXPECT_EQ(err, "hour -1.5e+20 out of range 0..23");
    EXPECT_EQ(DatePartFromNumber(DatePart_Year, -1e30, &v, &err), -1);
    EXPECT_NE(err.find("year out of range"), std::string::npos) << err;
}

// A date object means the same in a file and as text (the JS API's setWindow, the CLI's --window), and a wrong
// one is reported with the same message.
TEST(DateParts, FileAndTextAgree)
{
    const char* objects[] = {
        "{\"year\": 2020, \"month\": 8, \"day\": 21}", "{\"year\": \"2020\", \"month\": \" 8 \", \"day\": \"\"}",
        "{\"year\": -500}", "{\"year\": 2020, \"month\": 13}", "{\"year\": 2020, \"day\": 3}", "{\"month\": 3}",
        "{\"year\": 2021, \"month\": 2, \"day\": 29}", "{\"year\": 2020, \"month\": 1, \"day\": 1, \"hour\": 24}",
        "{\"year\": \"x\"}", "{\"year\": 1e12}", "{\"year\": 2020, \"month\": 6, \"day\": 1, \"hour\": 12, \"minute\": 30, "
        "\"second\": 15, \"millisecond\": 250}",
        "{\"year\": [1]}", "{\"year\": true}", "{\"year\": 1969, \"month\": {}}", "[2020]",
    };
    for (const char* o : objects) {
        ParsedDate a;
        std::string err;
        bool text_ok = ParseDateText(o, &a, &err);
        std::string json = std::string("{\"events\": [{\"start\": ") + o + ", \"title\": \"t\"}]}";
        Timeline tl;
        LoadResult res;
        bool file_ok = LoadTimeline(json.data(), json.size(), LoadOptions(), &tl, &res);
        EXPECT_EQ(text_ok, file_ok) << o << ": text says " << (text_ok ? "ok" : err) << "; file says " << Dump(res);
        if (text_ok && file_ok) {
            ASSERT_EQ(tl.Events.size(), 1u);
            EXPECT_EQ(tl.Events[0].Start(), a.Time) << o;
            EXPECT_EQ(tl.Events[0].StartPrecision(), a.Prec) << o;
        } else if (!text_ok && !file_ok) {
            // and they say the same: the file names the field ("start: ...")
            ASSERT_EQ(res.Errors, 1) << o << ": " << Dump(res);
            ASSERT_FALSE(res.Diagnostics.empty());
            EXPECT_EQ(res.Diagnostics[0].Message, "start: " + err) << o;
            EXPECT_FALSE(err.empty()) << o;
        }
    }
}

// The JSON of a date given as text is read as strictly as a file, and a syntax error says what is wrong.
TEST(ParseDateTextTest, JsonIsReadStrictly)
{
    ParsedDate out;
    std::string err;
    EXPECT_FALSE(ParseDateText("{\"year\": 2020,}", &out, &err));
    EXPECT_EQ(err, "not valid JSON: a trailing comma is not allowed before '}'");
    EXPECT_FALSE(ParseDateText("{\"year\": 2020} x", &out, &err));
    EXPECT_EQ(err, "not valid JSON: unexpected 'x'; expected the end of the input after the top-level value");
    EXPECT_FALSE(ParseDateText("{\"year\": [2020]}", &out, &err));
    EXPECT_EQ(err, "year must be a whole number");
    EXPECT_FALSE(ParseDateText("\"2020\\u0000junk\"", &out, &err));  // a NUL inside is not the end of the text
    EXPECT_FALSE(err.empty());
    ASSERT_TRUE(ParseDateText("\" 2020-08 \"", &out, &err)) << err;  // a JSON string holds any text form
    EXPECT_EQ(out.Time, At(2020, 8));
    ASSERT_TRUE(ParseDateText("\"\\u0032\\u0030\\u0032\\u0030\"", &out, &err)) << err;  // escapes decoded
    EXPECT_EQ(out.Time, At(2020));
    ASSERT_TRUE(ParseDateText("{\"year\": 1969, \"month\": null, \"x\": {\"day\": 3}}", &out, &err)) << err;
    EXPECT_EQ(out.Time, At(1969));
    EXPECT_EQ(out.Prec, Precision_Year);
}
