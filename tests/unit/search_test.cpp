// Unit tests for src/core/search.h (case-insensitive UTF-8 search) and src/core/validate.h (the summary line).
#include "core/load.h"
#include "core/search.h"
#include "core/validate.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

using namespace chronoscope;

namespace {

Timeline LoadOrDie(const std::string& json)
{
    Timeline tl;
    LoadResult res;
    bool ok = LoadTimeline(json.data(), json.size(), LoadOptions(), &tl, &res);
    std::string diags;
    for (const Diagnostic& d : res.Diagnostics)
        diags += FormatDiagnostic("t.json", d) + "\n";
    EXPECT_TRUE(ok) << diags;
    return tl;
}

const char* kJson = R"({"events": [
  {"id": "bts",      "start": "2013-06-13", "title": "방탄소년단 (BTS) debut", "tags": ["K-pop"]},
  {"id": "dynamite", "start": "2020-08-21", "title": "Dynamite", "text": "First all-English single", "tags": ["single", "No. 1"]},
  {"id": "ecole",    "start": "1794", "title": "ÉCOLE polytechnique"},
  {"id": "greek",    "start": "-490", "title": "ΜΆΧΗ ΤΟΥ ΜΑΡΑΘΏΝΟΣ", "text": "Ἀθηναῖοι"},
  {"id": "greek2",   "start": "-480", "title": "ΣΑΛΑΜΙΣ"},
  {"id": "sputnik",  "start": "1957-10-04", "title": "Спутник-1", "text": "ПЕРВЫЙ спутник"},
  {"id": "butter",   "start": "2021-05-21", "title": "Butter", "text": "Another single by BTS", "tags": ["single"]},
  {"id": "hangul",   "start": "2016", "title": "Blood Sweat & Tears", "tags": ["피 땀 눈물"]}
]})";

std::vector<std::string> Ids(const Timeline& tl, const char* q)
{
    std::vector<uint32_t> r;
    SearchEvents(tl, q, &r);
    std::vector<std::string> ids;
    for (uint32_t i : r) {
        EXPECT_LT(i, tl.Events.size());
        if (i < tl.Events.size())
            ids.push_back(tl.Str(tl.Events[i].Id));
    }
    return ids;
}

typedef std::vector<std::string> V;

bool ValidUtf8(const std::string& s)
{
    size_t i = 0;
    const unsigned char* u = (const unsigned char*)s.data();
    while (i < s.size()) {
        unsigned char c = u[i];
        int n;
        uint32_t cp;
        if (c < 0x80) { i++; continue; }
        else if (c >= 0xC2 && c <= 0xDF) { n = 1; cp = c & 0x1F; }
        else if (c >= 0xE0 && c <= 0xEF) { n = 2; cp = c & 0x0F; }
        else if (c >= 0xF0 && c <= 0xF4) { n = 3; cp = c & 0x07; }
        else return false;
        if (i + n >= s.size()) return false;  // truncated
        for (int k = 1; k <= n; k++) {
            if ((u[i + k] & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (u[i + k] & 0x3F);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF))) return false;  // overlong/range
        if (cp >= 0xD800 && cp <= 0xDFFF) return false;                                             // surrogates
        i += n + 1;
    }
    return true;
}

std::string F(const std::string& s) { return FoldCase(s.data(), s.size()); }

} // namespace

TEST(Search, AsciiCaseInsensitive)
{
    Timeline tl = LoadOrDie(kJson);
    EXPECT_EQ(Ids(tl, "dynamite"), V({"dynamite"}));
    EXPECT_EQ(Ids(tl, "DYNAMITE"), V({"dynamite"}));
    EXPECT_EQ(Ids(tl, "DyNaMiTe"), V({"dynamite"}));
    EXPECT_EQ(Ids(tl, "nomatch"), V());
}

TEST(Search, MatchesTextAndTags)
{
    Timeline tl = LoadOrDie(kJson);
    EXPECT_EQ(Ids(tl, "all-english"), V({"dynamite"}));     // text
    EXPECT_EQ(Ids(tl, "k-POP"), V({"bts"}));                 // tag
    EXPECT_EQ(Ids(tl, "No. 1"), V({"dynamite"}));            // tag, two words
    EXPECT_EQ(Ids(tl, "SINGLE"), V({"dynamite", "butter"})); // text and tags, time order
}

TEST(Search, Latin1)
{
    Timeline tl = LoadOrDie(kJson);
    EXPECT_EQ(Ids(tl, "école"), V({"ecole"}));
    EXPECT_EQ(Ids(tl, "ÉCOLE"), V({"ecole"}));
    EXPECT_EQ(Ids(tl, "POLYTECHNIQUE"), V({"ecole"}));
    EXPECT_EQ(F("ÉCOLE"), F("école"));
    EXPECT_EQ(F("ÀÖØÞ"), "àöøþ");
    EXPECT_EQ(F("×"), "×");  // the multiplication sign has no case
    EXPECT_EQ(F("ß"), "ß");
}

TEST(Search, LatinExtendedA)
{
    EXPECT_EQ(F("ĀĂĄĆ"), F("āăąć"));
    EXPECT_EQ(F("ŁŃŇ"), "łńň");
    EXPECT_EQ(F("ŠŽŹŻ"), "šžźż");
    EXPECT_EQ(F("Œ"), "œ");
    EXPECT_EQ(F("łńňšžźżœ"), "łńňšžźżœ");  // lower case stays
}

TEST(Search, LatinExtendedAYDiaeresis)
{
    // U+0178 LATIN CAPITAL LETTER Y WITH DIAERESIS folds to U+00FF (ÿ), not to U+0179 (Ź).
    EXPECT_EQ(F("Ÿ"), "ÿ");
    EXPECT_EQ(F("ÿ"), "ÿ");
}

TEST(Search, GreekAndCyrillic)
{
    Timeline tl = LoadOrDie(kJson);
    EXPECT_EQ(Ids(tl, "μαραθ"), V({"greek"}));
    EXPECT_EQ(Ids(tl, "ΜΑΡΑΘ"), V({"greek"}));
    EXPECT_EQ(Ids(tl, "σαλαμις"), V({"greek2"}));
    EXPECT_EQ(Ids(tl, "σαλαμιςΣ").size(), 0u);
    EXPECT_EQ(F("ΑΒΓΔΩ"), "αβγδω");
    EXPECT_EQ(F("ς"), F("Σ"));  // final sigma folds with sigma
    EXPECT_EQ(Ids(tl, "спутник"), V({"sputnik"}));
    EXPECT_EQ(Ids(tl, "СПУТНИК-1"), V({"sputnik"}));
    EXPECT_EQ(Ids(tl, "первый"), V({"sputnik"}));
    EXPECT_EQ(F("АБВЯ"), "абвя");
    EXPECT_EQ(F("ЁЂЏ"), "ёђџ");
}

TEST(Search, Hangul)
{
    Timeline tl = LoadOrDie(kJson);
    EXPECT_EQ(Ids(tl, "방탄"), V({"bts"}));
    EXPECT_EQ(Ids(tl, "소년단"), V({"bts"}));
    EXPECT_EQ(Ids(tl, "방탄소년단 (BTS)"), V({"bts"}));
    EXPECT_EQ(Ids(tl, "땀"), V({"hangul"}));           // a tag
    EXPECT_EQ(Ids(tl, "방탄 bts"), V({"bts"}));
    EXPECT_EQ(F("방탄소년단"), "방탄소년단");
}

TEST(Search, AllWordsMustMatch)
{
    Timeline tl = LoadOrDie(kJson);
    EXPECT_EQ(Ids(tl, "bts"), V({"bts", "butter"}));
    EXPECT_EQ(Ids(tl, "bts single"), V({"butter"}));
    EXPECT_EQ(Ids(tl, "  single   BTS  "), V({"butter"}));
    EXPECT_EQ(Ids(tl, "single\tdynamite"), V({"dynamite"}));
    EXPECT_EQ(Ids(tl, "bts nomatch"), V());
}

TEST(Search, TimeOrderAndEmptyQuery)
{
    Timeline tl = LoadOrDie(kJson);
    std::vector<uint32_t> r;
    SearchEvents(tl, "e", &r);
    EXPECT_GT(r.size(), 2u);
    for (size_t i = 1; i < r.size(); i++)
        EXPECT_TRUE(tl.Events[r[i - 1]].Start() <= tl.Events[r[i]].Start());
    r.push_back(42);
    SearchEvents(tl, "", &r);
    EXPECT_TRUE(r.empty());
    SearchEvents(tl, "   \t ", &r);
    EXPECT_TRUE(r.empty());
    Timeline empty;
    SearchEvents(empty, "x", &r);
    EXPECT_TRUE(r.empty());
}

// FoldCaseTo and the packer's word loop copy every sequence past U+042F (and U+0080..U+00BF) without folding it:
// a fold added past there must change them too, and this test says so.
TEST(Search, FoldChangesNoCodePointPastCyrillicCapitals)
{
    for (uint32_t c = 0x80; c <= 0xBF; c++) ASSERT_EQ(FoldCodePoint(c), c) << "U+" << std::hex << c;
    for (uint32_t c = 0x430; c <= 0x10FFFF; c++) ASSERT_EQ(FoldCodePoint(c), c) << "U+" << std::hex << c;
    EXPECT_EQ(FoldCodePoint(0x42F), 0x44Fu);   // the last it changes
    EXPECT_EQ(FoldCodePoint(0xC0), 0xE0u);
}

TEST(Search, FoldCaseInvalidUtf8NeverCrashes)
{
    const char* cases[] = {"\x80", "\xC3", "\xE2\x82", "\xF0\x9F\x98", "\xFF\xFE", "a\xC3(b", "\xC0\xAF",
                           "\xF5\x80\x80\x80", "abc\xE2"};
    for (const char* c : cases) {
        std::string out = FoldCase(c, strlen(c));
        EXPECT_TRUE(ValidUtf8(out)) << "output of a bad input is not valid UTF-8";
        EXPECT_NE(out.find("\xEF\xBF\xBD"), std::string::npos);  // U+FFFD
    }
    EXPECT_EQ(F("a\xC3(b"), "a\xEF\xBF\xBD(b");
    EXPECT_EQ(F(""), "");
    // any bytes fold to valid UTF-8 that folding leaves as it is
    std::mt19937 rng(5);
    for (int it = 0; it < 2000; it++) {
        std::string s(rng() % 32, '\0');
        for (char& ch : s)
            ch = (char)(rng() & 0xFF);
        std::string out = F(s);
        ASSERT_TRUE(ValidUtf8(out)) << ::testing::PrintToString(s);
        ASSERT_EQ(F(out), out) << ::testing::PrintToString(s);
    }
    // valid multi-byte text survives unchanged when it has no case
    EXPECT_EQ(F("😀漢字"), "😀漢字");
}

TEST(Search, FoldCaseOverlongAndSurrogatesBecomeReplacement)
{
    // invalid UTF-8 per RFC 3629: overlong 3-byte form of '/', a UTF-16 surrogate, a code point past U+10FFFF
    const char* cases[] = {"\xE0\x80\xAF", "\xE0\x80\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xF0\x80\x80\xAF"};
    for (const char* c : cases) {
        std::string out = FoldCase(c, strlen(c));
        EXPECT_TRUE(ValidUtf8(out)) << "input bytes " << ::testing::PrintToString(std::string(c));
        EXPECT_NE(out.find("\xEF\xBF\xBD"), std::string::npos) << "input bytes " << ::testing::PrintToString(std::string(c));
    }
}

// --- ValidateSummary

TEST(Validate, SummaryLine)
{
    Timeline tl = LoadOrDie(R"({
  "groups": [{"id": "g", "label": "G"}, {"id": "h"}],
  "eras": [{"start": "2014", "end": "2015", "label": "era"}],
  "events": [
    {"start": "2013-06-13", "title": "a", "milestone": true, "group": "g"},
    {"start": "2015-02", "title": "b"},
    {"start": "2020-08-21", "end": "2021-07-21", "title": "c", "milestone": true},
    {"start": "2018", "title": "d", "group": "h"}
  ]})");
    EXPECT_EQ(ValidateSummary("story.json", tl),
              "story.json: 4 events, 2 milestones, 1 eras, 2 groups, span 13 Jun 2013 .. 21 Jul 2021");
}

TEST(Validate, SummaryPrecisionAndDeepTime)
{
    Timeline tl = LoadOrDie(R"({"events": [
    {"start": -13800000000, "title": "big bang"},
    {"start": "1066", "title": "hastings"}
  ]})");
    EXPECT_EQ(ValidateSummary("d.json", tl), "d.json: 2 events, 0 milestones, 0 eras, 0 groups, span 13.8 Ga .. 1066");
}

TEST(Validate, SummaryEmpty)
{
    Timeline tl;
    std::string s = ValidateSummary("e.json", tl);
    EXPECT_EQ(s.rfind("e.json: 0 events, 0 milestones, 0 eras, 0 groups, span ", 0), 0u) << s;
}
