// Unit tests for src/core/quote.h: how a message quotes a value, and that a load's messages stay short however long
// the values they are about.
#include "core/load.h"
#include "core/quote.h"

#include "test_util.h"

#include <gtest/gtest.h>

#include <string>

using namespace chronoscope;
using namespace chronoscope::test;

static std::string Repeat(const std::string& s, size_t n)
{
    std::string out;
    for (size_t i = 0; i < n; i++)
        out += s;
    return out;
}

TEST(Quote, ShortValuesWholeAndEscapedAsInJson)
{
    EXPECT_EQ(QuoteExcerpt("music"), "\"music\"");
    EXPECT_EQ(QuoteExcerpt(""), "\"\"");
    EXPECT_EQ(QuoteExcerpt("방탄소년단 🎵"), "\"방탄소년단 🎵\"");
    EXPECT_EQ(QuoteExcerpt("a \"b\" \\ \b\f\n\r\t\x01\x1F\x7F"),
              "\"a \\\"b\\\" \\\\ \\b\\f\\n\\r\\t\\u0001\\u001F\\u007F\"");
    EXPECT_EQ(QuoteExcerpt(std::string("k\0x", 3)), "\"k\\u0000x\"");
    // C1 controls, line and paragraph separators, bidirectional controls, the BOM
    EXPECT_EQ(QuoteExcerpt("\xC2\x85|\xE2\x80\xA8|\xE2\x80\xAE|\xE2\x81\xA6|\xEF\xBB\xBF"),
              "\"\\u0085|\\u2028|\\u202E|\\u2066|\\uFEFF\"");
    EXPECT_EQ(QuoteExcerpt("a\xFF" "b"), "\"a\xEF\xBF\xBD" "b\"");  // invalid UTF-8 as U+FFFD
}

TEST(Quote, LongValuesCutBetweenCharactersWithTheirLength)
{
    const std::string ell = "\xE2\x80\xA6";
    EXPECT_EQ(QuoteExcerpt(std::string(60, 'A')), "\"" + std::string(60, 'A') + "\"");
    EXPECT_EQ(QuoteExcerpt(std::string(61, 'A')), "\"" + std::string(60, 'A') + ell + "\" (61 characters)");
    EXPECT_EQ(QuoteExcerpt(std::string(300000, 'A')),
              "\"" + std::string(60, 'A') + ell + "\" (300,000 characters)");
    // at most 100 bytes between the quotes: 33 three-byte characters, 25 four-byte ones, 50 two-byte escapes,
    // 16 six-byte escapes (never half an escape or half a character)
    EXPECT_EQ(QuoteExcerpt(Repeat("가", 300000)), "\"" + Repeat("가", 33) + ell + "\" (300,000 characters)");
    EXPECT_EQ(QuoteExcerpt(Repeat("🎵", 1000)), "\"" + Repeat("🎵", 25) + ell + "\" (1,000 characters)");
    EXPECT_EQ(QuoteExcerpt(std::string(300000, '\n')), "\"" + Repeat("\\n", 50) + ell + "\" (300,000 characters)");
    EXPECT_EQ(QuoteExcerpt(std::string(100, '\x01')), "\"" + Repeat("\\u0001", 16) + ell + "\" (100 characters)");
}

// Every value a message quotes, 300,000 characters long: each message stays under 200 bytes, the file's name and
// place included.
TEST(Quote, ALoadOfHugeValuesGivesShortMessages)
{
    for (const std::string& unit : { std::string("A"), std::string("가"), std::string("\\n") }) {
        const std::string big = Repeat(unit, 300000);
        const std::string q = "\"" + big + "\"";
        const std::string other = "\"" + big + "z\"";  // a group that is not listed
        std::string json = "{" + q + ": 1, \"groups\": [{\"id\": " + q + "}, {\"id\": " + q + "}], \"events\": [" +
                           "{\"start\": \"2020\", \"group\": " + other + "}," +
                           "{\"start\": \"2020\", \"id\": " + q + "}, {\"start\": \"2021\", \"id\": " + q + "}," +
                           "{\"start\": " + q + "}, {\"start\": \"2020\", \"end\": " + q + "}," +
                           "{\"start\": {\"year\": " + q + "}}," +
                           "{\"start\": \"2020\", \"color\": " + q + "}," +
                           "{\"start\": \"2020\", " + q + ": 1}]}";
        Timeline tl;
        LoadResult res;
        EXPECT_FALSE(LoadTimeline(json.data(), json.size(), LoadOptions(), &tl, &res));
        std::string all;
        for (const Diagnostic& d : res.Diagnostics) {
            std::string line = FormatDiagnostic("f.json", d);
            EXPECT_LT(line.size(), 200u) << line.substr(0, 300);
            all += line + "\n";
        }
        EXPECT_EQ(res.Diagnostics.size(), 9u) << all;
        for (const char* what : { "unknown key \"", "duplicate group id \"", "unknown group \"", "duplicate id \"",
                                  "error: start: expected", "error: end: ", "error: start: year must be", "color must be",
                                  "unknown key \"" })
            EXPECT_NE(all.find(what), std::string::npos) << what << "\n" << all;
    }
    std::string json = "{\"events\": [{\"start\": \"2020\", \"group\": \"" + std::string(300000, 'A') + "\"}]}";
    Timeline tl;
    LoadResult res;
    EXPECT_FALSE(LoadTimeline(json.data(), json.size(), LoadOptions(), &tl, &res));
    EXPECT_EQ(Dump(res), "f.json:1:40: error: unknown group \"" + std::string(60, 'A') +
                             "\xE2\x80\xA6\" (300,000 characters)\n");
}
