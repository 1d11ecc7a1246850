// json_read.h against nlohmann_json's own parser: the same inputs accepted, the same values read.
#include "core/generate.h"
#include "core/json_read.h"
#include "core/load.h"
#include "corpora.h"
#include "json_dom_builder.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

using namespace chronoscope;
using namespace chronoscope::test;
using nlohmann::json;

namespace {

using DomBuilder = chronoscope::test::JsonDomBuilder;

struct Outcome {
    bool        Ok = false;
    json        Value;
    size_t      ErrorOffset = 0;
    std::string Error;
    bool        CursorOk = true;
};

Outcome Ours(const std::string& s)
{
    DomBuilder b;
    const char *cursor = nullptr, *start = nullptr;
    b.Begin = s.data();
    b.Cursor = &cursor;
    b.Start = &start;
    Outcome o;
    o.Ok = JsonRead(s.data(), s.size(), &b, &cursor, &start);
    o.Value = std::move(b.Root);
    o.ErrorOffset = b.ErrorOffset;
    o.Error = b.Error;
    o.CursorOk = b.CursorOk;
    return o;
}

// The same input read in pieces: cut before each offset in `cuts` (ascending), then the rest.
Outcome OursInPieces(const std::string& s, const std::vector<size_t>& cuts, int* need_more = nullptr)
{
    DomBuilder b;
    const char *cursor = nullptr, *start = nullptr;
    b.Begin = s.data();
    b.Cursor = &cursor;
    b.Start = &start;
    JsonReader<DomBuilder> r;
    r.Init(s.data(), &b, &cursor, &start);
    Outcome o;
    int st = JsonReader<DomBuilder>::kNeedMore;
    for (size_t c : cuts) {
        st = r.Resume(c, false);
        if (st != JsonReader<DomBuilder>::kNeedMore)
            break;
        if (need_more)
            ++*need_more;
    }
    if (st == JsonReader<DomBuilder>::kNeedMore)
        st = r.Resume(s.size(), true);
    o.Ok = st == JsonReader<DomBuilder>::kDone;
    o.Value = std::move(b.Root);
    o.ErrorOffset = b.ErrorOffset;
    o.Error = b.Error;
    o.CursorOk = b.CursorOk;
    return o;
}

// One-shot and in pieces must agree on everything: verdict, value, error place and message.
void ComparePieces(const std::string& name, const std::string& s, std::mt19937& rng)
{
    Outcome whole = Ours(s);
    std::vector<std::vector<size_t>> ways;
    std::vector<size_t> every;
    if (s.size() <= 400)
        for (size_t i = 0; i <= s.size(); i++)
            every.push_back(i);  // a byte at a time
    ways.push_back(every);
    for (int k = 0; k < 3; k++) {
        std::vector<size_t> cuts;
        for (int n = 1 + (int)(rng() % 6); n > 0; n--)
            cuts.push_back(s.empty() ? 0 : rng() % (s.size() + 1));
        std::sort(cuts.begin(), cuts.end());
        ways.push_back(cuts);
    }
    for (const std::vector<size_t>& cuts : ways) {
        Outcome o = OursInPieces(s, cuts);
        ASSERT_EQ(o.Ok, whole.Ok) << name << " in " << cuts.size() << " pieces: " << o.Error << " vs " << whole.Error;
        if (o.Ok) {
            EXPECT_EQ(o.Value, whole.Value) << name;
            EXPECT_TRUE(o.CursorOk) << name;
        } else {
            EXPECT_EQ(o.ErrorOffset, whole.ErrorOffset) << name << " in " << cuts.size() << " pieces";
            EXPECT_EQ(o.Error, whole.Error) << name;
        }
    }
}

// nlohmann's verdict and value (it also skips one leading byte order mark). It takes a NUL byte for the end
// of its input (it accepts "123\0"), where JSON allows none anywhere: such inputs must be rejected.
bool Theirs(const std::string& s, json* out)
{
    *out = json::parse(s.begin(), s.end(), nullptr, false);
    return !out->is_discarded() && s.find('\0') == std::string::npos;
}

void Compare(const std::string& name, const std::string& s)
{
    Outcome o = Ours(s);
    json ref;
    bool ok = Theirs(s, &ref);
    ASSERT_EQ(o.Ok, ok) << name << ": ours " << (o.Ok ? "accepts" : "rejects (" + o.Error + ")") << ", nlohmann "
                        << (ok ? "accepts" : "rejects");
    if (ok) {
        EXPECT_EQ(o.Value, ref) << name;
        EXPECT_TRUE(o.CursorOk) << name;
    } else {
        EXPECT_LE(o.ErrorOffset, s.size()) << name;
        EXPECT_FALSE(o.Error.empty()) << name;
    }
}

const char* kSample =
    "{\"title\": \"Road to a billion \\\"plays\\\" \\u2014 \xEB\xB0\xA9\xED\x83\x84\xEC\x86\x8C\xEB\x85\x84\xEB\x8B\xA8\",\n"
    " \"n\": [0, -0, 1, -1, 12.5e3, 1E-2, 9223372036854775807, -9223372036854775808, 18446744073709551615,\n"
    "       18446744073709551616, -9223372036854775809, 0.1, 1e308],\n"
    " \"esc\": \"\\/\\b\\f\\n\\r\\t\\\\ \\ud83c\\udfb5 \\u0000 end\",\n"
    " \"lit\": [true, false, null, {}, [], {\"a\": {\"b\": [[]]}}],\n"
    " \"emoji\": \"\xF0\x9F\x8E\xB5\"}\n";

} // namespace

TEST(JsonRead, SameValuesAsNlohmannOnSamples)
{
    Compare("sample", kSample);
    GenerateParams p;
    p.Count = 3000;
    p.Seed = 7;
    std::string gen;
    GenerateTimelineJson(p, &gen);
    Compare("generated", gen);
    Compare("demo bts.json", ReadAll(std::string(CS_SOURCE_DIR) + "/assets/demo/bts.json"));
    Compare("demo deeptime.json", ReadAll(std::string(CS_SOURCE_DIR) + "/assets/demo/deeptime.json"));
    for (const char* s : { "", " ", "\xEF\xBB\xBF", "\xEF\xBB\xBF{}", "1", "-", "01", "1.", ".1", "1e", "1e+", "[1,]",
                           "{\"a\":1,}", "{\"a\" 1}", "[1 2]", "\"\\uD800\"", "\"\\uDC00\"", "\"\\uD800\\u0041\"",
                           "\"\\x\"", "\"a\tb\"", "\"\xC0\xAF\"", "\"\xED\xA0\x80\"", "\"\xF4\x90\x80\x80\"", "tru",
                           "nul", "[", "]", "{", "{\"a\"", "{\"a\":", "[] []", "1e400", "-1e400", "1e-400", "[\"a\"\x00]" })
        Compare(std::string("literal ") + s, s);
}

TEST(JsonReadCorpus, SameVerdictsAsNlohmannOnJSONTestSuite)
{
    CS_NPM_CORPUS(dir, "JSONTestSuite/test_parsing");
    std::vector<std::string> files = ListFiles(dir);
    ASSERT_GE(files.size(), kNpmJsonTestSuiteCases) << dir;
    for (const std::string& name : files)
        Compare(name, ReadAll(dir + "/" + name));
}

TEST(JsonReadCorpus, SameVerdictsAsNlohmannOnJSONTestSuiteByteExact)
{
    CS_SHARED_CORPUS(dir, "conformance/JSONTestSuite/test_parsing");
    std::vector<std::string> files = ListFiles(dir);
    ASSERT_GE(files.size(), kSharedJsonTestSuiteCases) << dir;
    for (const std::string& name : files)
        Compare(name, ReadAll(dir + "/" + name));
}

// Random edits of valid documents: every verdict and value must match the reference parser.
TEST(JsonRead, SameVerdictsAsNlohmannOnRandomEdits)
{
    std::vector<std::string> bases = { kSample };
    GenerateParams p;
    p.Count = 20;
    GenerateTimelineJson(p, &bases.emplace_back());
    static const char kBytes[] = "{}[]:,\" \\/bfnrtu0123456789-+.eEaDdF\n\t\x01\x7f\x80\xBF\xC2\xE0\xED\xEF\xF0\xF4\xFF";
    std::mt19937 rng(12345);
    int accepted = 0, rejected = 0;
    for (int iter = 0; iter < 6000 && !HasFatalFailure(); iter++) {
        std::string s = bases[iter % bases.size()];
        int edits = 1 + (int)(rng() % 3);
        for (int e = 0; e < edits && !s.empty(); e++) {
            size_t at = rng() % s.size();
            char b = kBytes[rng() % (sizeof(kBytes) - 1)];
            switch (rng() % 3) {
            case 0: s[at] = b; break;
            case 1: s.insert(s.begin() + (long)at, b); break;
            default: s.erase(at, 1 + rng() % 4); break;
            }
        }
        Compare("edit " + std::to_string(iter), s);
        Outcome o = Ours(s);
        (o.Ok ? accepted : rejected)++;
    }
    // the edits must exercise both outcomes
    EXPECT_GT(accepted, 100);
    EXPECT_GT(rejected, 100);
}

// A string is read a run of plain bytes at a time (16 or 8 at once): each byte that ends a run, at every place of
// strings around those widths, as a value and as a key, reads as nlohmann reads it.
TEST(JsonRead, EveryStopByteAtEveryPlaceOfARun)
{
    const std::string stops[] = { "\"", "\\n", "\\", "\x01", "\x1f", "\x7f", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80",
                                  "\xff", "\xc3", "\x80", "\xed\xa0\x80", " ", "~" };
    for (size_t len = 0; len <= 40 && !HasFatalFailure(); len++)
        for (size_t at = 0; at <= len; at++)
            for (const std::string& stop : stops) {
                std::string text(len, 'a');
                for (size_t i = 0; i < len; i++)
                    text[i] = (char)('a' + i % 26);
                text.replace(at, at < len ? 1 : 0, stop);
                Compare("value", "[\"" + text + "\", 1]");
                Compare("key", "{\"" + text + "\": 1}");
            }
}

// A handler that takes a string or key without escapes as it stands in the text (key_text, string_text): the reader
// then finds where such a string ends without copying it (StringRun: its first 16 bytes inline, then RunEnd). The
// same grid of stop bytes, each at every place of strings around that width, must read as the copying reader reads
// it: the same verdict, values, error places and messages, and token places.
namespace {
struct TextDomBuilder : DomBuilder {
    bool string_text(const char* s, size_t n) { std::string t(s, n); return string(t); }
    bool key_text(const char* k, size_t n) { std::string t(k, n); return key(t); }
};
} // namespace
static_assert(JsonReader<TextDomBuilder>::kHasText, "TextDomBuilder takes texts as they stand");

TEST(JsonRead, TextsAsTheyStandReadAsCopies)
{
    const std::string stops[] = { "\"", "\\n", "\\", "\x01", "\x1f", "\x7f", "\xc3\xa9", "\xe2\x82\xac",
                                  "\xf0\x9f\x98\x80", "\xff", "\xc3", "\x80", "\xed\xa0\x80", " ", "~" };
    auto read = [](auto* b, const std::string& s) {
        const char *cursor = nullptr, *start = nullptr;
        b->Begin = s.data();
        b->Cursor = &cursor;
        b->Start = &start;
        return JsonRead(s.data(), s.size(), b, &cursor, &start);
    };
    for (size_t len = 0; len <= 40 && !HasFatalFailure(); len++)
        for (size_t at = 0; at <= len; at++)
            for (const std::string& stop : stops)
                for (const char* tail : { "", " ", "                    " }) {   // the end of the input near, or not
                    std::string text(len, 'a');
                    for (size_t i = 0; i < len; i++)
                        text[i] = (char)('a' + i % 26);
                    text.replace(at, at < len ? 1 : 0, stop);
                    for (const std::string& s : { "[\"" + text + "\", 1]" + tail, "{\"" + text + "\": 1}" + tail,
                                                  "\"" + text + "\"" + tail }) {
                        DomBuilder copies;
                        TextDomBuilder texts;
                        const bool ok = read(&copies, s);
                        ASSERT_EQ(read(&texts, s), ok) << s;
                        EXPECT_EQ(texts.Root, copies.Root) << s;
                        EXPECT_TRUE(texts.CursorOk) << s;
                        EXPECT_EQ(texts.ErrorOffset, copies.ErrorOffset) << s;
                        EXPECT_EQ(texts.Error, copies.Error) << s;
                    }
                }
}

TEST(JsonRead, ErrorsPointAtTheProblem)
{
    struct Case { const char* Json; size_t Offset; const char* Says; };
    const Case cases[] = {
        { "{\"a\": 1,\n }", 10, "trailing comma" },
        { "[1, 2,]", 6, "trailing comma" },
        { "[01]", 1, "leading zero" },
        { "{\"a\": \"x\\q\"}", 8, "invalid escape" },
        { "{\"a\": \"x\n\"}", 8, "control character U+000A" },
        { "\"\\ud800 \"", 1, "low surrogate" },
        { "  \"abc", 2, "unterminated string" },
        { "{\"a\" 1}", 5, "expected ':'" },
        { "[1 2]", 3, "expected ',' or ']'" },
        { "[tru]", 1, "invalid literal" },
        { "{} x", 3, "end of the input" },
        { "[\"\xFF\"]", 2, "invalid UTF-8" },
        { "[1e999]", 1, "out of range" },
        { "", 0, "empty" },
    };
    for (const Case& c : cases) {
        Outcome o = Ours(c.Json);
        EXPECT_FALSE(o.Ok) << c.Json;
        EXPECT_EQ(o.ErrorOffset, c.Offset) << c.Json << ": " << o.Error;
        EXPECT_NE(o.Error.find(c.Says), std::string::npos) << c.Json << ": " << o.Error;
    }
}

// Each token's start and end, as the handler sees them: [start, cursor) is the token's text.
TEST(JsonRead, ReportsWhereEachTokenStarts)
{
    struct Spans {
        const char*  Begin;
        const char** Cursor;
        const char** Start;
        std::string  Out;
        void Add(const char* kind)
        {
            Out += std::string(kind) + "@" + std::to_string(*Start - Begin) + ":" + std::string(*Start, *Cursor) + " ";
        }
        bool null() { Add("null"); return true; }
        bool boolean(bool) { Add("bool"); return true; }
        bool number_integer(int64_t) { Add("int"); return true; }
        bool number_unsigned(uint64_t) { Add("uint"); return true; }
        bool number_float(double) { Add("float"); return true; }
        bool string(std::string&) { Add("str"); return true; }
        bool key(std::string&) { Add("key"); return true; }
        bool start_object() { Add("obj"); return true; }
        bool start_array() { Add("arr"); return true; }
        bool end_object() { Add("end"); return true; }
        bool end_array() { Add("end"); return true; }
        void syntax_error(size_t, const char*) {}
    };
    const std::string text = " {\"k\\\"\": \"a\\\"b\\\\\",\n \"n\":[-12.5e3,0, 18446744073709551615,true,false , null],\"o\":{}}";
    const char* want = "obj@1:{ key@2:\"k\\\"\" str@9:\"a\\\"b\\\\\" key@20:\"n\" arr@24:[ float@25:-12.5e3 int@33:0 "
                       "uint@36:18446744073709551615 bool@57:true bool@62:false null@70:null end@74:] key@76:\"o\" "
                       "obj@80:{ end@81:} end@82:} ";
    for (size_t piece : { text.size(), (size_t)1, (size_t)5 }) {
        const char *cursor = nullptr, *start = nullptr;
        Spans h{ text.data(), &cursor, &start, "" };
        JsonReader<Spans> r;
        r.Init(text.data(), &h, &cursor, &start);
        int st = JsonReader<Spans>::kNeedMore;
        for (size_t have = piece; have < text.size() && st == JsonReader<Spans>::kNeedMore; have += piece)
            st = r.Resume(have, false);
        if (st == JsonReader<Spans>::kNeedMore)
            st = r.Resume(text.size(), true);
        EXPECT_EQ(st, JsonReader<Spans>::kDone) << piece;
        EXPECT_EQ(h.Out, want) << piece;
    }
}

// Bytes that are not UTF-8, byte for byte: the kinds of input of JSONTestSuite's invalid UTF-8 and UTF-16 cases
// (invalid bytes in strings, keys, numbers and at the top level; overlong forms, encoded surrogates, code points
// past U+10FFFF, truncated sequences, an incomplete byte order mark, UTF-16 text). The npm corpus cannot carry
// those cases (its strings hold U+FFFD where the bytes were; tests/corpora/extract.mjs names them). Each is
// rejected at the bad byte, as nlohmann rejects it, the same whole and in pieces.
TEST(JsonRead, InvalidUtf8ByteExact)
{
    struct Case { const char* Name; std::string Json; size_t Offset; const char* Says; };
#define CS_BYTES(lit) std::string(lit, sizeof(lit) - 1)
    const char* kInString = "invalid UTF-8 in a string";
    const Case cases[] = {
        // in strings
        { "lone continuation byte", CS_BYTES("[\"a\x81" "b\"]"), 3, kInString },
        { "overlong 2-byte '/'", CS_BYTES("[\"\xC0\xAF\"]"), 2, kInString },
        { "overlong 2-byte NUL", CS_BYTES("[\"\xC1\x80\"]"), 2, kInString },
        { "overlong 3-byte", CS_BYTES("[\"\xE0\x80\xAF\"]"), 2, kInString },
        { "6-byte form", CS_BYTES("[\"x\xFC\x83\xBF\xBF\xBF\xBF\"]"), 3, kInString },
        { "6-byte form of NUL", CS_BYTES("[\"\xFC\x80\x80\x80\x80\x80\"]"), 2, kInString },
        { "truncated 3-byte", CS_BYTES("[\"\xE2\x82\"]"), 2, kInString },
        { "truncated 4-byte before the end", CS_BYTES("{\"k\":\"\xF0\x9F\x8E\"}"), 6, kInString },
        { "encoded high surrogate U+D800", CS_BYTES("[\"\xED\xA0\x80\"]"), 2, kInString },
        { "encoded low surrogate U+DFFF", CS_BYTES("[\"\xED\xBF\xBF\"]"), 2, kInString },
        { "past U+10FFFF", CS_BYTES("[\"\xF4\x90\x80\x80\"]"), 2, kInString },
        { "lead byte F5", CS_BYTES("[\"\xF5\x80\x80\x80\"]"), 2, kInString },
        { "ISO 8859-1 e acute", CS_BYTES("[\"caf\xE9\"]"), 5, kInString },
        { "bad byte after valid ones", CS_BYTES("[\"\xE6\x97\xA5\xD1\x88\xFA\"]"), 7, kInString },
        { "byte FF", CS_BYTES("[\"\xFF\"]"), 2, kInString },
        { "byte FE", CS_BYTES("[\"\xFE\xFF\"]"), 2, kInString },
        { "after an escape", CS_BYTES("[\"\\n\xE5\"]"), 4, kInString },
        { "in a key before a trailing comma", CS_BYTES("{\"\xB9\":\"0\",}"), 2, kInString },
        { "as an escape", CS_BYTES("[\"\\\xE5\"]"), 2, "invalid escape" },
        // outside strings
        { "a lone byte E9", CS_BYTES("\xE9"), 0, "byte E9" },
        { "in an array", CS_BYTES("[\xFF]"), 1, "byte FF" },
        { "after an array element", CS_BYTES("[1\xE5]"), 2, "byte E5" },
        { "in an integer", CS_BYTES("[123\xE5]"), 4, "byte E5" },
        { "in an exponent", CS_BYTES("[1e\xE5]"), 3, "byte E5" },
        { "after the decimal point", CS_BYTES("[0.\xFF]"), 3, "byte FF" },
        { "after a minus", CS_BYTES("[-\x81]"), 2, "byte 81" },
        { "incomplete byte order mark", CS_BYTES("\xEF\xBB{}"), 0, "byte EF" },
        { "UTF-16LE with a byte order mark", CS_BYTES("\xFF\xFE[\0\"\0\xE9\0\"\0]\0"), 0, "byte FF" },
        { "UTF-16BE without a byte order mark", CS_BYTES("\0[\0\"\0\xE9\0\"\0]"), 0, "byte 00" },
        { "UTF-16LE without a byte order mark", CS_BYTES("[\0\"\0\xE9\0\"\0]\0"), 1, "byte 00" },
    };
#undef CS_BYTES
    std::mt19937 rng(99);
    for (const Case& c : cases) {
        SCOPED_TRACE(c.Name);
        Outcome o = Ours(c.Json);
        EXPECT_FALSE(o.Ok);
        EXPECT_EQ(o.ErrorOffset, c.Offset) << o.Error;
        EXPECT_NE(o.Error.find(c.Says), std::string::npos) << o.Error;
        Compare(c.Name, c.Json);
        ComparePieces(c.Name, c.Json, rng);
    }
}

namespace {
struct Counter {
    size_t Opened = 0, Closed = 0, MaxDepth = 0, Depth = 0, ErrorOffset = 0;
    bool null() { return true; }
    bool boolean(bool) { return true; }
    bool number_integer(int64_t) { return true; }
    bool number_unsigned(uint64_t) { return true; }
    bool number_float(double) { return true; }
    bool string(std::string&) { return true; }
    bool key(std::string&) { return true; }
    bool start_object() { return Open(); }
    bool start_array() { return Open(); }
    bool end_object() { return Close(); }
    bool end_array() { return Close(); }
    bool Open() { Opened++; MaxDepth = std::max(MaxDepth, ++Depth); return true; }
    bool Close() { Closed++; Depth--; return true; }
    void syntax_error(size_t offset, const char*) { ErrorOffset = offset; }
};
} // namespace

TEST(JsonRead, DeepNestingNeedsNoRecursion)
{
    const size_t n = 2000000;
    std::string deep;
    for (size_t i = 0; i < n; i++)
        deep += i % 2 ? "{\"k\":" : "[";
    deep += "0";
    for (size_t i = n; i-- > 0;)
        deep += i % 2 ? "}" : "]";
    Counter c;
    const char* cursor;
    EXPECT_TRUE(JsonRead(deep.data(), deep.size(), &c, &cursor));
    EXPECT_EQ(c.Opened, n);
    EXPECT_EQ(c.Closed, n);
    EXPECT_EQ(c.MaxDepth, n);
    std::string open_only(n, '[');
    Counter d;
    EXPECT_FALSE(JsonRead(open_only.data(), open_only.size(), &d, &cursor));
    EXPECT_EQ(d.ErrorOffset, open_only.size());
}

// A handler that says stop ends the read without a syntax error.
TEST(JsonRead, HandlerCanStop)
{
    struct Stopper : Counter {
        bool number_integer(int64_t v) { return v != 2; }
    } s;
    s.ErrorOffset = 99;
    const char* cursor;
    std::string text = "[1, 2, 3]";
    EXPECT_FALSE(JsonRead(text.data(), text.size(), &s, &cursor));
    EXPECT_EQ(s.ErrorOffset, 99u);
    EXPECT_EQ(cursor, text.data() + 5);
}

namespace {
void ComparePiecesInFolder(const std::string& dir, size_t min_cases)
{
    std::mt19937 rng(777);
    std::vector<std::string> files = ListFiles(dir);
    ASSERT_GE(files.size(), min_cases) << dir;
    for (const std::string& name : files) {
        ComparePieces(name, ReadAll(dir + "/" + name), rng);
        if (::testing::Test::HasFatalFailure())
            return;
    }
}
} // namespace

TEST(JsonReadCorpus, InPiecesReadsTheSameAsWholeOnJSONTestSuite)
{
    CS_NPM_CORPUS(dir, "JSONTestSuite/test_parsing");
    ComparePiecesInFolder(dir, kNpmJsonTestSuiteCases);
}

TEST(JsonReadCorpus, InPiecesReadsTheSameAsWholeOnJSONTestSuiteByteExact)
{
    CS_SHARED_CORPUS(dir, "conformance/JSONTestSuite/test_parsing");
    ComparePiecesInFolder(dir, kSharedJsonTestSuiteCases);
}

TEST(JsonRead, InPiecesReadsTheSameAsWhole)
{
    std::mt19937 rng(777);
    ComparePieces("sample", kSample, rng);
    GenerateParams p;
    p.Count = 2000;
    std::string gen;
    GenerateTimelineJson(p, &gen);
    ComparePieces("generated", gen, rng);
    // random edits, cut at random
    static const char kBytes[] = "{}[]:,\" \\/bfnrtu0123456789-+.eEaDdF\n\t\x01\x80\xC2\xED\xF0";
    for (int iter = 0; iter < 3000 && !HasFatalFailure(); iter++) {
        std::string s = kSample;
        for (int e = 0; e < 1 + (int)(rng() % 3); e++) {
            size_t at = rng() % s.size();
            char b = kBytes[rng() % (sizeof(kBytes) - 1)];
            if (rng() % 2)
                s[at] = b;
            else
                s.insert(s.begin() + (long)at, b);
        }
        ComparePieces("edit " + std::to_string(iter), s, rng);
    }
}

// Reading the whole text, the members after a scalar value are read on in Member (and the object's '}' closed there);
// in pieces every member goes the round through Resume. Both must read the same values and words the same errors at
// the same places, and agree with nlohmann.
TEST(JsonRead, MembersReadOnInMemberAsThroughResume)
{
    std::mt19937 rng(41);
    const char* texts[] = {
        "{\"a\": 1, \"b\": \"x\", \"c\": true, \"d\": null, \"e\": -2.5e3}",
        "{\"a\":1,\"b\":2}", "{ \"a\" : 1 ,\n\t\"b\" : 2 \r\n}", "{}", "{ }", "[{\"a\": 1}, {\"b\": [1, {\"c\": 2}], \"d\": 3}]",
        "{\"a\": 1, \"o\": {\"p\": 2, \"q\": 3}, \"r\": 4, \"s\": [5, 6], \"t\": 7}",
        "{\"a\": \"es\\u00e9c\\\"ape\", \"b\": \"\u00e9t\u00e9\", \"\\u0062\": 2}",
        "{\"a\": 1,}", "{\"a\": 1 \"b\": 2}", "{\"a\": 1]", "{\"a\": 1", "{\"a\": 1,", "{\"a\": 1, }", "{\"a\": 1 , 2}",
        "{\"a\": 1}}", "{\"a\": 1} x", "{\"a\": 1, \"b\": tru}", "{\"a\": 1, \"b\" 2}", "[{\"a\": 1} {\"b\": 2}]",
        "{\"a\": 1, \"b\": 01}", "{\"a\": \"x\", \"b\": \"\x01\"}",
        // around the ": " and ", " taken at once
        "{\"a\":  1,  \"b\":\t2}", "{\"a\": \x01}", "{\"a\": \n1}", "{\"a\": ", "{\"a\": 1, ", "{\"a\": 1, \"", "{\"a\": 1, \"b\"}",
        "{\"a\": 1, \"b\": }", "{\"a\" : 1 , \"b\" : 2}", "{\"a\": 1, 2: 3}", "{\"a\": [1], \"b\": {}, \"c\": 3}",
    };
    for (const char* t : texts) {
        Compare(t, t);
        ComparePieces(t, t, rng);
        if (HasFatalFailure())
            return;
    }
}

// Bytes that arrive a piece at a time are read as they come, not all at the end.
TEST(JsonRead, InPiecesReadsAsTheBytesArrive)
{
    GenerateParams p;
    p.Count = 3000;
    std::string gen;
    GenerateTimelineJson(p, &gen);
    struct Count : Counter {
        size_t Strings = 0;
        bool string(std::string&) { Strings++; return true; }
    } c;
    const char* cursor;
    JsonReader<Count> r;
    r.Init(gen.data(), &c, &cursor);
    EXPECT_EQ(r.Resume(gen.size() / 2, false), JsonReader<Count>::kNeedMore);
    size_t half = c.Strings;
    EXPECT_GT(half, 1000u) << "the first half was not read";
    EXPECT_EQ(r.Resume(gen.size(), true), JsonReader<Count>::kDone);
    EXPECT_GT(c.Strings, half);
    EXPECT_LE((size_t)(cursor - gen.data()), gen.size());
    // an error in the first half is found before the rest arrives
    std::string bad = gen;
    size_t at = bad.find("\"start\":", bad.size() / 4) + 7;  // a ':' after a key, a quarter in
    ASSERT_EQ(bad[at], ':');
    bad[at] = '#';
    Counter d;
    JsonReader<Counter> r2;
    r2.Init(bad.data(), &d, &cursor);
    EXPECT_EQ(r2.Resume(bad.size() / 2, false), JsonReader<Counter>::kFailed);
    EXPECT_EQ(d.ErrorOffset, at);
}
