// The native app's Locale from ICU (src/platform/locale_icu.h): literal CLDR strings for ko, ja, de and ar, and the
// same strings as the browser's Intl gives, where the browser test has written its table (tests/out/intl-labels.json,
// or $CS_INTL_LABELS, written by tests/browser/locale.mjs, which then runs this test; without it that part is skipped
// and says so).
#include "platform/locale_icu.h"

#include "core/date_parse.h"
#include "core/format.h"
#include "core/ticks.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

using namespace chronoscope;

static Instant Iso(const char* s)
{
    ParsedDate d;
    std::string err;
    EXPECT_TRUE(ParseIsoDate(s, strlen(s), &d, &err)) << s << ": " << err;
    return d.Time;
}

static Locale Icu(const char* tag)
{
    Locale l;
    std::string err;
    EXPECT_TRUE(IcuLocale(tag, &l, &err)) << tag << ": " << err;
    return l;
}

TEST(IcuLocale, KoreanReadsAsCldrWritesIt)
{
    Locale ko = Icu("ko");
    EXPECT_FALSE(ko.English);
    EXPECT_EQ("2020년 8월", FormatInstant(Iso("2020-08-21"), Precision_Month, ko));
    EXPECT_EQ("기원전 500년", FormatInstant(Iso("-0499"), Precision_Year, ko));
    EXPECT_EQ("2020년 8월 21일", FormatInstant(Iso("2020-08-21"), Precision_Day, ko));
}

TEST(IcuLocale, JapaneseGermanArabic)
{
    Locale ja = Icu("ja"), de = Icu("de_DE.UTF-8"), ar = Icu("ar");
    EXPECT_EQ("2020年8月", FormatInstant(Iso("2020-08-21"), Precision_Month, ja));
    EXPECT_EQ("紀元前500年", FormatYear(-499, ja));
    EXPECT_EQ("21. Aug. 2020", FormatInstant(Iso("2020-08-21"), Precision_Day, de));
    EXPECT_EQ("500 v. Chr.", FormatYear(-499, de));
    EXPECT_EQ("vor 13,8\xC2\xA0Mrd. Jahren", FormatYear(-13800000000LL, de));   // a no-break space before Mrd.
    EXPECT_EQ("\xD9\xA2\xD9\xA0\xD9\xA2\xD9\xA0", FormatYear(2020, ar));   // ٢٠٢٠: Arabic-Indic digits
}

TEST(IcuLocale, EnglishAndUnknown)
{
    EXPECT_TRUE(Icu("C").English);
    EXPECT_TRUE(Icu("en-US").English);
    Locale l;
    std::string err;
    EXPECT_FALSE(IcuLocale("zz-not-a-language", &l, &err));
    EXPECT_FALSE(err.empty());
}

TEST(IcuTimeZone, NamedZonesAndErrors)
{
    TimeZoneSetting z;
    std::string err;
    ASSERT_TRUE(IcuTimeZone("Asia/Seoul", &z, &err)) << err;
    EXPECT_EQ(ZoneMode_Named, z.Mode);
    EXPECT_EQ(9 * 3600, z.OffsetAt(z.Name.c_str(), Iso("2020-08-21").sec, z.User));
    ASSERT_TRUE(IcuTimeZone("America/New_York", &z, &err));
    EXPECT_EQ(-4 * 3600, z.OffsetAt(z.Name.c_str(), Iso("2020-08-21").sec, z.User));   // summer time
    EXPECT_EQ(-5 * 3600, z.OffsetAt(z.Name.c_str(), Iso("2020-01-21").sec, z.User));
    EXPECT_FALSE(IcuTimeZone("Mars/Olympus_Mons", &z, &err));
    EXPECT_NE(std::string::npos, err.find("Mars/Olympus_Mons"));
    ASSERT_TRUE(IcuTimeZone("UTC", &z, &err));
    EXPECT_EQ(ZoneMode_Utc, z.Mode);
}

// The same text up to what CLDR versions change between Debian's ICU and a browser's: the kind of space (U+00A0,
// U+202F, U+2009 for a plain one) and the digits (Arabic-Indic for ASCII: CLDR moved Arabic's default numbering to
// Latin digits after the CLDR 42 of Debian 12's ICU 72).
static std::string Normalised(const std::string& s)
{
    static const char* const map[][2] = {
        { "\xC2\xA0", " " }, { "\xE2\x80\xAF", " " }, { "\xE2\x80\x89", " " }, { "\xD9\xAB", "." }, { "\xD9\xAC", "," },
        { "\xD9\xA0", "0" }, { "\xD9\xA1", "1" }, { "\xD9\xA2", "2" }, { "\xD9\xA3", "3" }, { "\xD9\xA4", "4" },
        { "\xD9\xA5", "5" }, { "\xD9\xA6", "6" }, { "\xD9\xA7", "7" }, { "\xD9\xA8", "8" }, { "\xD9\xA9", "9" },
    };
    std::string out = s;
    for (const auto& m : map)
        for (size_t at; (at = out.find(m[0])) != std::string::npos;)
            out.replace(at, strlen(m[0]), m[1]);
    return out;
}

// The browser test writes, per locale, the engine's labels next to Intl's: the ICU-filled Locale must give the
// same strings here (both are CLDR; a difference is a filler's bug, or a CLDR change Normalised does not know).
TEST(IcuLocale, AgreesWithTheBrowsersIntl)
{
    const char* env = getenv("CS_INTL_LABELS");
    std::ifstream f(env ? std::string(env) : std::string(CS_SOURCE_DIR) + "/tests/out/intl-labels.json");
    if (!f)
        GTEST_SKIP() << "tests/out/intl-labels.json not written yet (run tests/browser/run.mjs --only locale)";
    std::stringstream ss;
    ss << f.rdbuf();
    nlohmann::json j = nlohmann::json::parse(ss.str(), nullptr, false);
    ASSERT_TRUE(j.is_object());
    int compared = 0, differ = 0, normalised = 0;
    for (auto it = j.begin(); it != j.end(); ++it) {
        Locale loc = Icu(it.key().c_str());
        for (const auto& row : it.value()) {
            Instant t = Iso(row["iso"].get<std::string>().c_str());
            Precision p = (Precision)row["precision"].get<int>();
            std::string want = row["intl"].get<std::string>();
            std::string got = FormatInstant(t, p, loc);
            compared++;
            if (got != want && Normalised(got) == Normalised(want)) {
                normalised++;
                continue;
            }
            if (got != want) {
                differ++;
                ADD_FAILURE() << it.key() << " " << row["iso"] << ": ICU " << got << ", Intl " << want;
            }
        }
    }
    EXPECT_GT(compared, 30);
    EXPECT_EQ(0, differ);
    printf("%d labels compared, %d equal only up to spaces and digits (CLDR versions)\n", compared, normalised);
}
