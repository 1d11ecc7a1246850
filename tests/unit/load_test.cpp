// Unit tests for src/core/load.h: our JSON format, date forms, error positions, importers.
#include "core/generate.h"
#include "core/load.h"
#include "core/time.h"
#include "core/utf8.h"

#include "test_util.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <vector>

using namespace chronoscope;
using namespace chronoscope::test;

namespace {

const Diagnostic* FirstError(const LoadResult& r)
{
    for (const Diagnostic& d : r.Diagnostics)
        if (d.Sev == Severity_Error)
            return &d;
    return nullptr;
}

int CountSev(const LoadResult& r, Severity s)
{
    int n = 0;
    for (const Diagnostic& d : r.Diagnostics)
        if (d.Sev == s)
            n++;
    return n;
}

const Event* FindById(const Timeline& tl, const char* id)
{
    for (const Event& e : tl.Events)
        if (Str(tl, e.Id) == id)
            return &e;
    return nullptr;
}

// Every diagnostic points inside the input (line 1..lines, column 1..characters on its line + 1) or nowhere
// (0:0), and the verdict agrees with the error count: a failed load says why.
void ExpectSaneResult(const std::string& input, bool ok, const LoadResult& res)
{
    std::vector<size_t> line_chars(1, 0);
    for (size_t i = 0; i < input.size(); i++) {
        if (input[i] == '\n' || (input[i] == '\r' && i + 1 < input.size() && input[i + 1] != '\n'))
            line_chars.push_back(0);  // a line ends at LF, CRLF or a lone CR
        else
            line_chars.back() += Utf8CountChars(&input[i], 1);
    }
    for (const Diagnostic& d : res.Diagnostics) {
        if (d.Line == 0) {
            EXPECT_EQ(d.Column, 0) << FormatDiagnostic("f", d);
            continue;
        }
        ASSERT_GE(d.Line, 1) << FormatDiagnostic("f", d);
        ASSERT_LE((size_t)d.Line, line_chars.size()) << FormatDiagnostic("f", d);
        EXPECT_GE(d.Column, 1) << FormatDiagnostic("f", d);
        EXPECT_LE((size_t)d.Column, line_chars[d.Line - 1] + 1) << FormatDiagnostic("f", d);
    }
    EXPECT_EQ(ok, res.Errors == 0) << Dump(res);
    if (!ok) {
        EXPECT_NE(FirstError(res), nullptr) << "a failed load without an error";
    }
    EXPECT_LE((int)res.Diagnostics.size(), res.Errors + res.Warnings + 1) << Dump(res);
}

// A one-event file whose single event object is the given JSON text.
std::string OneEvent(const std::string& ev) { return "{\"events\": [" + ev + "]}"; }

// Expects exactly one error and returns "LINE:COL".
std::string ErrorPlace(const std::string& json)
{
    Loaded l = Load(json);
    EXPECT_FALSE(l.Ok) << json;
    const Diagnostic* d = FirstError(l.Res);
    if (!d)
        return "no error";
    return std::to_string(d->Line) + ":" + std::to_string(d->Column);
}

} // namespace

// --- our format

TEST(LoadOurFormat, AllFields)
{
    const std::string json = R"({
  "title": "BTS — road",
  "description": "desc",
  "groups": [ { "id": "music", "label": "Releases", "color": "#7b3fe4" },
              { "id": "tv", "label": "TV" } ],
  "eras":   [ { "start": "2020-08-21", "end": "2021-05-20", "label": "Dynamite era", "color": "#efe7fd" } ],
  "events": [
    { "id": "butter", "start": "2021-06-05", "end": "2021-07-17", "title": "Butter at No. 1", "group": "tv" },
    { "id": "dynamite", "start": "2020-08-21", "title": "Dynamite", "group": "music",
      "milestone": true, "text": "Plain text.", "tags": ["single", "english"],
      "link": "https://example.org/", "media": { "url": "https://example.org/a.jpg", "caption": "cap", "credit": "cred" },
      "color": "#ff0000", "display_date": "Summer 2020" }
  ]
})";
    Loaded l = Load(json);
    ASSERT_TRUE(l.Ok) << Dump(l.Res);
    EXPECT_EQ(l.Res.Errors, 0);
    EXPECT_EQ(l.Res.Format, SourceFormat_Chronoscope);
    const Timeline& tl = l.Tl;
    EXPECT_EQ(tl.Title, "BTS — road");
    EXPECT_EQ(tl.Description, "desc");
    ASSERT_EQ(tl.Groups.size(), 2u);
    EXPECT_EQ(tl.Groups[0].Id, "music");
    EXPECT_EQ(tl.Groups[0].Label, "Releases");
    EXPECT_EQ(tl.Groups[0].Color, 0xFF7B3FE4u);
    EXPECT_EQ(tl.Groups[1].Id, "tv");
    EXPECT_EQ(tl.Groups[1].Label, "TV");
    ASSERT_EQ(tl.Eras.size(), 1u);
    EXPECT_EQ(tl.Eras[0].Label, "Dynamite era");
    EXPECT_TRUE(tl.Eras[0].Start == At(2020, 8, 21));
    EXPECT_TRUE(tl.Eras[0].End == At(2021, 5, 20));
    EXPECT_EQ(tl.Eras[0].Color, 0xFFEFE7FDu);
    EXPECT_EQ(tl.Eras[0].StartPrecision, Precision_Day);

    ASSERT_EQ(tl.Events.size(), 2u);
    // sorted by start: dynamite (2020) first
    const Event& d = tl.Events[0];
    EXPECT_EQ(Str(tl, d.Id), "dynamite");
    EXPECT_EQ(Str(tl, d.Title), "Dynamite");
    EXPECT_EQ(Str(tl, d.Text), "Plain text.");
    EXPECT_TRUE(d.IsMilestone());
    EXPECT_FALSE(d.IsRange());
    EXPECT_EQ(d.Group, 0);
    EXPECT_TRUE(d.Start() == At(2020, 8, 21));
    EXPECT_TRUE(d.End() == d.Start());
    EXPECT_EQ(d.StartPrecision(), Precision_Day);
    ASSERT_NE(d.Extra, kNoExtra);
    ASSERT_LT(d.Extra, tl.Extras.size());
    const EventExtra& x = tl.Extras[d.Extra];
    ASSERT_EQ(x.Tags.size(), 2u);
    EXPECT_EQ(Str(tl, x.Tags[0]), "single");
    EXPECT_EQ(Str(tl, x.Tags[1]), "english");
    EXPECT_EQ(Str(tl, x.Link), "https://example.org/");
    EXPECT_EQ(Str(tl, x.MediaUrl), "https://example.org/a.jpg");
    EXPECT_EQ(Str(tl, x.MediaCaption), "cap");
    EXPECT_EQ(Str(tl, x.MediaCredit), "cred");
    EXPECT_EQ(Str(tl, x.DisplayDate), "Summer 2020");
    EXPECT_EQ(x.Color, 0xFFFF0000u);

    const Event& b = tl.Events[1];
    EXPECT_EQ(Str(tl, b.Id), "butter");
    EXPECT_EQ(Str(tl, b.Title), "Butter at No. 1");
    EXPECT_FALSE(b.IsMilestone());
    EXPECT_TRUE(b.IsRange());
    EXPECT_TRUE(b.Flags & EventFlags_HasEnd);
    EXPECT_EQ(b.Group, 1);
    EXPECT_TRUE(b.Start() == At(2021, 6, 5));
    EXPECT_TRUE(b.End() == At(2021, 7, 17));
    EXPECT_EQ(b.EndPrecision(), Precision_Day);
}

TEST(LoadOurFormat, MinimalEventHasDefaults)
{
    Loaded l = Load(OneEvent(R"({"start": "1066", "title": "Hastings"})"));
    ASSERT_TRUE(l.Ok) << Dump(l.Res);
    ASSERT_EQ(l.Tl.Events.size(), 1u);
    const Event& e = l.Tl.Events[0];
    EXPECT_EQ(e.Group, kNoGroup);
    EXPECT_EQ(Str(l.Tl, e.Id), "");
    EXPECT_FALSE(e.IsMilestone());
    EXPECT_FALSE(e.IsRange());
    EXPECT_EQ(e.StartPrecision(), Precision_Year);
    EXPECT_TRUE(e.Start() == At(1066));
}

TEST(LoadOurFormat, SortedByStartStable)
{
    std::string json = R"({"events": [
      {"start": "2000", "title": "c"},
      {"start": "1990", "title": "a1"},
      {"start": "1995", "title": "b"},
      {"start": "1990", "title": "a2"},
      {"start": "1990", "title": "a3"}
    ]})";
    Loaded l = Load(json);
    ASSERT_TRUE(l.Ok) << Dump(l.Res);
    ASSERT_EQ(l.Tl.Events.size(), 5u);
    const char* want[] = {"a1", "a2", "a3", "b", "c"};
    for (int i = 0; i < 5; i++)
        EXPECT_EQ(Str(l.Tl, l.Tl.Events[i].Title), want[i]) << i;
    for (size_t i = 1; i < l.Tl.Events.size(); i++)
        EXPECT_TRUE(l.Tl.Events[i - 1].Start() <= l.Tl.Events[i].Start());
}

TEST(LoadOurFormat, KeepOrderLeavesTheInputsOrder)
{
    std::string json = R"({"events": [
      {"start": "2000", "title": "c"},
      {"start": "1990", "title": "a1"},
      {"start": "1995", "title": "b"}
    ]})";
    LoadOptions opt;
    opt.KeepOrder = true;
    Timeline tl;
    LoadResult res;
    ASSERT_TRUE(LoadTimeline(json.data(), json.size(), opt, &tl, &res));
    ASSERT_EQ(tl.Events.size(), 3u);
    const char* want[] = {"c", "a1", "b"};
    for (int i = 0; i < 3; i++)
        EXPECT_EQ(Str(tl, tl.Events[i].Title), want[i]) << i;
}

TEST(LoadOurFormat, DateForms)
{
    std::string json = R"({"events": [
      {"id": "iso-year", "start": "1066"},
      {"id": "iso-month", "start": "2020-08"},
      {"id": "iso-day", "start": "2020-08-21"},
      {"id": "iso-minute", "start": "2021-07-21T09:30"},
      {"id": "iso-ms", "start": "2021-07-21T09:30:00.250Z"},
      {"id": "iso-offset", "start": "2021-07-21T09:30+09:00"},
      {"id": "expanded", "start": "-4500000000-06-01"},
      {"id": "plus", "start": "+12345"},
      {"id": "num-big", "start": -13800000000},
      {"id": "num-year", "start": 1066},
      {"id": "num-frac", "start": 2020.5},
      {"id": "obj", "start": {"year": 1969, "month": 7, "day": 20, "hour": 20, "minute": 17}},
      {"id": "obj-str", "start": {"year": "1969", "month": "7", "day": "20"}},
      {"id": "obj-year", "start": {"year": -500}}
    ]})";
    Loaded l = Load(json);
    ASSERT_TRUE(l.Ok) << Dump(l.Res);
    const Timeline& tl = l.Tl;
    auto get = [&](const char* id) -> const Event& {
        const Event* e = FindById(tl, id);
        EXPECT_NE(e, nullptr) << id;
        static Event none{};
        return e ? *e : none;
    };
    EXPECT_TRUE(get("iso-year").Start() == At(1066));
    EXPECT_EQ(get("iso-year").StartPrecision(), Precision_Year);
    EXPECT_TRUE(get("iso-month").Start() == At(2020, 8));
    EXPECT_EQ(get("iso-month").StartPrecision(), Precision_Month);
    EXPECT_TRUE(get("iso-day").Start() == At(2020, 8, 21));
    EXPECT_EQ(get("iso-day").StartPrecision(), Precision_Day);
    EXPECT_TRUE(get("iso-minute").Start() == At(2021, 7, 21, 9, 30));
    EXPECT_EQ(get("iso-minute").StartPrecision(), Precision_Minute);
    EXPECT_TRUE(get("iso-ms").Start() == At(2021, 7, 21, 9, 30, 0, 250000000));
    EXPECT_EQ(get("iso-ms").StartPrecision(), Precision_Millisecond);
    EXPECT_TRUE(get("iso-offset").Start() == At(2021, 7, 21, 0, 30));
    CivilTime c = CivilFromInstant(get("expanded").Start());
    EXPECT_EQ(c.year, -4500000000LL);
    EXPECT_EQ(c.month, 6);
    EXPECT_EQ(c.day, 1);
    EXPECT_EQ(get("expanded").StartPrecision(), Precision_Day);
    EXPECT_EQ(CivilFromInstant(get("plus").Start()).year, 12345);
    EXPECT_EQ(CivilFromInstant(get("num-big").Start()).year, -13800000000LL);
    EXPECT_TRUE(get("num-year").Start() == At(1066));
    CivilTime h = CivilFromInstant(get("num-frac").Start());
    EXPECT_EQ(h.year, 2020);
    EXPECT_EQ(h.month, 7);  // 2020 has 366 days: half of it is 2 July
    EXPECT_EQ(h.day, 2);
    EXPECT_TRUE(get("obj").Start() == At(1969, 7, 20, 20, 17));
    EXPECT_EQ(get("obj").StartPrecision(), Precision_Minute);
    EXPECT_TRUE(get("obj-str").Start() == At(1969, 7, 20));
    EXPECT_EQ(get("obj-str").StartPrecision(), Precision_Day);
    EXPECT_TRUE(get("obj-year").Start() == At(-500));
    EXPECT_EQ(get("obj-year").StartPrecision(), Precision_Year);
}

TEST(LoadOurFormat, NanosecondPrecisionKept)
{
    Loaded l = Load(OneEvent(R"({"start": "2021-07-21T09:30:00.123456789Z", "end": "2021-07-21T09:30:00.123457Z"})"));
    ASSERT_TRUE(l.Ok) << Dump(l.Res);
    const Event& e = l.Tl.Events[0];
    EXPECT_EQ(e.StartNsec, 123456789);
    EXPECT_EQ(e.StartPrecision(), Precision_Nanosecond);
    EXPECT_EQ(e.EndNsec, 123457000);
    EXPECT_EQ(e.EndPrecision(), Precision_Microsecond);
    EXPECT_TRUE(e.IsRange());
}

// --- errors with exact places

TEST(LoadErrors, InvalidDayAtValue)
{
    std::string json = "{\n"
                       "  \"events\": [\n"
                       "    {\"start\": \"2021-02-01\", \"title\": \"ok\"},\n"
                       "    {\"start\": \"2021-02-30\", \"title\": \"bad day\"}\n"
                       "  ]\n"
                       "}\n";
    Loaded l = Load(json);
    EXPECT_FALSE(l.Ok);
    EXPECT_EQ(l.Res.Errors, 1) << Dump(l.Res);
    const Diagnostic* d = FirstError(l.Res);
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->Line, 4);
    EXPECT_EQ(d->Column, 15);
    std::string f = FormatDiagnostic("story.json", *d);
    EXPECT_EQ(f.rfind("story.json:4:15: error: ", 0), 0u) << f;
    EXPECT_FALSE(d->Message.empty());
}

TEST(LoadErrors, FormatDiagnosticWithoutPlace)
{
    Diagnostic d;
    d.Message = "boom";
    EXPECT_EQ(FormatDiagnostic("x.json", d), "x.json: error: boom");
    d.Line = 2; d.Column = 3;
    EXPECT_EQ(FormatDiagnostic("x.json", d), "x.json:2:3: error: boom");
}

TEST(LoadErrors, SyntaxErrorTrailingComma)
{
    std::string json = "{\"events\": [\n"
                       "  {\"start\": \"2020\"},\n"
                       "]}\n";
    Loaded l = Load(json);
    EXPECT_FALSE(l.Ok);
    const Diagnostic* d = FirstError(l.Res);
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->Line, 3) << Dump(l.Res);
    EXPECT_EQ(d->Column, 1) << Dump(l.Res);

    Diagnostic e;
    EXPECT_FALSE(CheckJsonSyntax(json.data(), json.size(), &e));
    EXPECT_EQ(e.Line, 3);
    EXPECT_EQ(e.Column, 1);
}

TEST(LoadErrors, SyntaxErrorMidLine)
{
    // a missing comma between members: the error is at the second key's opening quote (column 30)
    std::string json = "{\"events\": [{\"start\": \"2020\" \"title\": \"x\"}]}";
    Diagnostic e;
    EXPECT_FALSE(CheckJsonSyntax(json.data(), json.size(), &e));
    EXPECT_EQ(FormatDiagnostic("f.json", e), "f.json:1:30: error: unexpected '\"'; expected ',' or '}' after an object member");
    Loaded l = Load(json);
    EXPECT_FALSE(l.Ok);
    EXPECT_EQ(Dump(l.Res), FormatDiagnostic("f.json", e) + "\n");
}

TEST(LoadErrors, MissingStart)
{
    std::string json = "{\"events\": [\n"
                       "  {\"start\": \"2020\"},\n"
                       "  {\"title\": \"no start\"}\n"
                       "]}";
    Loaded l = Load(json);
    EXPECT_FALSE(l.Ok);
    EXPECT_EQ(l.Res.Errors, 1) << Dump(l.Res);
    const Diagnostic* d = FirstError(l.Res);
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->Line, 3) << Dump(l.Res);
    EXPECT_EQ(d->Column, 3) << Dump(l.Res);   // at the event object
    EXPECT_NE(d->Message.find("start"), std::string::npos) << d->Message;
}

TEST(LoadErrors, EndBeforeStart)
{
    std::string json = "{\"events\": [\n"
                       "  {\"start\": \"2020\", \"end\": \"2019\"}\n"
                       "]}";
    Loaded l = Load(json);
    EXPECT_FALSE(l.Ok);
    EXPECT_EQ(l.Res.Errors, 1) << Dump(l.Res);
    const Diagnostic* d = FirstError(l.Res);
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->Line, 2);
    EXPECT_EQ(d->Column, 28) << Dump(l.Res);  // at the end value
}

TEST(LoadErrors, UnknownGroupAtGroupValue)
{
    std::string json = "{\"groups\": [{\"id\": \"a\"}],\n"
                       " \"events\": [\n"
                       "  {\"start\": \"2020\", \"group\": \"b\"}\n"
                       "]}";
    Loaded l = Load(json);
    EXPECT_FALSE(l.Ok);
    EXPECT_EQ(l.Res.Errors, 1) << Dump(l.Res);
    const Diagnostic* d = FirstError(l.Res);
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->Line, 3);
    EXPECT_EQ(d->Column, 30) << Dump(l.Res);
}

TEST(LoadErrors, DuplicateIdAtSecondId)
{
    std::string json = "{\"events\": [\n"
                       "  {\"id\": \"x\", \"start\": \"2020\"},\n"
                       "  {\"start\": \"2021\", \"id\": \"x\"}\n"
                       "]}";
    Loaded l = Load(json);
    EXPECT_FALSE(l.Ok);
    EXPECT_EQ(l.Res.Errors, 1) << Dump(l.Res);
    const Diagnostic* d = FirstError(l.Res);
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->Line, 3);
    EXPECT_EQ(d->Column, 27) << Dump(l.Res);
}

// A NUL inside a string would cut it short where strings are NUL-terminated (ids "k\u0000x" and "k\u0000y" were one
// id "k"; a link "https://ok.example/\u0000javascript:..." opened "https://ok.example/"): refused at its escape.
TEST(LoadErrors, NulInAStringIsRefusedAtItsEscape)
{
    const std::string nul = "a string cannot contain U+0000 (\\u0000)";
    Loaded l = Load("{\"events\": [{\"id\": \"k\\u0000x\", \"start\": \"2020\"},\n"
                    "            {\"id\": \"k\\u0000y\", \"start\": \"2020\"}]}");
    EXPECT_FALSE(l.Ok);
    EXPECT_EQ(Dump(l.Res), "f.json:1:22: error: " + nul + "\nf.json:2:22: error: " + nul + "\n");
    l = Load("{\"events\": [{\"start\": \"2020\", \"link\": \"https://ok.example/\\u0000javascript:alert(1)\"}]}");
    EXPECT_FALSE(l.Ok);
    EXPECT_EQ(Dump(l.Res), "f.json:1:59: error: " + nul + "\n");

    // every string value, in each format, kept or not; S is a string holding a NUL
    for (std::string json : {
             "{\"title\": S, \"description\": S, \"_note\": S, \"groups\": [{\"id\": S, \"label\": S, \"color\": S}],"
             " \"eras\": [{\"start\": \"2020\", \"end\": \"2021\", \"label\": S}],"
             " \"events\": [{\"start\": \"2020\", \"id\": S, \"title\": S, \"text\": S, \"group\": S, \"tags\": [\"a\", S],"
             " \"link\": S, \"media\": {\"url\": S, \"caption\": S, \"credit\": S}, \"display_date\": S, \"color\": S,"
             " \"_x\": [S]}, {\"start\": S}, {\"start\": \"2020\", \"end\": S}, {\"start\": {\"year\": S}}]}",
             "{\"title\": {\"text\": {\"headline\": S, \"text\": S}}, \"events\": [{\"start_date\": {\"year\": 2020,"
             " \"display_date\": S}, \"text\": {\"headline\": S, \"text\": S}, \"unique_id\": S, \"group\": S,"
             " \"media\": {\"url\": S, \"caption\": S, \"credit\": S}, \"background\": {\"color\": S}}]}",
             "[{\"start\": \"2020\", \"content\": S, \"title\": S, \"group\": S, \"id\": S, \"type\": S}]" }) {
        int strings = 0;
        for (size_t at; (at = json.find('S')) != std::string::npos; strings++)
            json.replace(at, 1, "\"a\\u0000b\"");
        l = Load(json);
        EXPECT_FALSE(l.Ok) << json;
        int refused = 0;
        for (const Diagnostic& d : l.Res.Diagnostics)
            refused += d.Message == nul;
        EXPECT_EQ(refused, strings) << json << "\n" << Dump(l.Res);
    }

    // keys are only compared (whole, by length) and quoted escaped; the JSON itself is valid
    l = Load("{\"events\": [{\"start\": \"2020\", \"id\\u0000\": \"a\"}]}");
    EXPECT_TRUE(l.Ok);
    EXPECT_EQ(Dump(l.Res), "f.json:1:43: warning: unknown key \"id\\u0000\" in an event; ignored\n");
    Diagnostic err;
    EXPECT_TRUE(CheckJsonSyntax("[\"\\u0000\"]", 10, &err));
}

TEST(LoadErrors, BadMonthInObjectField)
{
    std::string json = "{\"events\": [\n"
                       "  {\"start\": {\"year\": 1969, \"month\": 13}}\n"
                       "]}";
    Loaded l = Load(json);
    EXPECT_FALSE(l.Ok);
    EXPECT_EQ(l.Res.Errors, 1) << Dump(l.Res);
    const Diagnostic* d = FirstError(l.Res);
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->Line, 2);
    EXPECT_EQ(d->Column, 37) << Dump(l.Res);
    EXPECT_NE(d->Message.find("13"), std::string::npos) << d->Message;
}

TEST(LoadErrors, BadMonthInIsoText)
{
    EXPECT_EQ(ErrorPlace("{\"events\": [{\"start\": \"2020-13-01\"}]}"), "1:23");
}

TEST(LoadErrors, ColumnsCountUtf8Characters)
{
    // "가나다" is 3 characters but 9 bytes; the bad date's column must count characters.
    std::string json = "{\"events\": [\n"
                       "  {\"title\": \"가나다\", \"start\": \"2021-02-30\"}\n"
                       "]}";
    Loaded l = Load(json);
    EXPECT_FALSE(l.Ok);
    const Diagnostic* d = FirstError(l.Res);
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->Line, 2);
    // 2 spaces, {"title": "가나다", "start": → the value's quote is character 29 (byte 35)
    EXPECT_EQ(d->Column, 29) << Dump(l.Res);
}

TEST(LoadErrors, AllErrorsReported)
{
    std::string json = "{\"events\": [\n"
                       "  {\"start\": \"2021-02-30\"},\n"
                       "  {\"start\": \"2021\"},\n"
                       "  {\"start\": \"2021-13\"},\n"
                       "  {\"start\": \"nope\"}\n"
                       "]}";
    Loaded l = Load(json);
    EXPECT_FALSE(l.Ok);
    EXPECT_EQ(l.Res.Errors, 3) << Dump(l.Res);
    ASSERT_EQ(CountSev(l.Res, Severity_Error), 3);
    int lines[3];
    int k = 0;
    for (const Diagnostic& d : l.Res.Diagnostics)
        if (d.Sev == Severity_Error && k < 3)
            lines[k++] = d.Line;
    EXPECT_EQ(lines[0], 2);
    EXPECT_EQ(lines[1], 4);
    EXPECT_EQ(lines[2], 5);
}

TEST(LoadErrors, MaxDiagnosticsCap)
{
    std::string json = "{\"events\": [\n";
    for (int i = 0; i < 200; i++)
        json += std::string(i ? "," : "") + "{\"start\": \"2021-02-30\"}\n";
    json += "]}";
    LoadOptions opt;
    opt.MaxDiagnostics = 50;
    Loaded l = Load(json, opt);
    EXPECT_FALSE(l.Ok);
    EXPECT_EQ(l.Res.Errors, 200);
    ASSERT_EQ(l.Res.Diagnostics.size(), 51u);
    for (int i = 0; i < 50; i++) {
        EXPECT_EQ(l.Res.Diagnostics[i].Line, i + 2);
        EXPECT_EQ(l.Res.Diagnostics[i].Column, i == 0 ? 11 : 12);
    }
    const Diagnostic& last = l.Res.Diagnostics.back();
    EXPECT_EQ(last.Sev, Severity_Error);
    EXPECT_EQ(last.Line, 0);
    EXPECT_NE(last.Message.find("more errors"), std::string::npos) << last.Message;
    EXPECT_NE(last.Message.find("150"), std::string::npos) << last.Message;
}

TEST(LoadWarnings, UnknownKeyAndBadColorStillLoad)
{
    std::string json = "{\"events\": [\n"
                       "  {\"start\": \"2020\", \"colour\": \"#fff\"},\n"
                       "  {\"start\": \"2021\", \"color\": \"red\"}\n"
                       "], \"wat\": 1}";
    Loaded l = Load(json);
    EXPECT_TRUE(l.Ok) << Dump(l.Res);
    EXPECT_EQ(l.Res.Errors, 0);
    EXPECT_EQ(l.Res.Warnings, 3) << Dump(l.Res);  // "colour", "red" and "wat"
    EXPECT_EQ(l.Tl.Events.size(), 2u);
    bool key_warn = false, color_warn = false;
    for (const Diagnostic& d : l.Res.Diagnostics) {
        EXPECT_EQ(d.Sev, Severity_Warning);
        if (d.Line == 2 && d.Message.find("colour") != std::string::npos)
            key_warn = true;
        if (d.Line == 3 && d.Column == 30)
            color_warn = true;
    }
    EXPECT_TRUE(key_warn) << Dump(l.Res);
    EXPECT_TRUE(color_warn) << Dump(l.Res);
    std::string f = FormatDiagnostic("a.json", l.Res.Diagnostics[0]);
    EXPECT_NE(f.find("warning"), std::string::npos) << f;
}

TEST(LoadErrors, MaxBytesRefused)
{
    std::string json = OneEvent(R"({"start": "2020"})");
    LoadOptions opt;
    opt.MaxBytes = 10;
    Loaded l = Load(json, opt);
    EXPECT_FALSE(l.Ok);
    EXPECT_GE(l.Res.Errors, 1);
    ASSERT_FALSE(l.Res.Diagnostics.empty());
    EXPECT_FALSE(l.Res.Diagnostics[0].Message.empty());
    EXPECT_NE(l.Res.Diagnostics[0].Message.find("limit"), std::string::npos) << l.Res.Diagnostics[0].Message;
    EXPECT_EQ(l.Res.Diagnostics[0].Message, TooBigMessage(json.size(), 10));
    // a file is refused before it is read, with the same message
    std::string path = TempPath("cs_too_big", ".json");
    FILE* f = fopen(path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    fwrite(json.data(), 1, json.size(), f);
    fclose(f);
    Timeline tl;
    LoadResult res;
    EXPECT_FALSE(LoadTimelineFile(path.c_str(), opt, &tl, &res));
    remove(path.c_str());
    ASSERT_EQ(res.Diagnostics.size(), 1u);
    EXPECT_EQ(res.Diagnostics[0].Message, TooBigMessage(json.size(), 10));
}

// The one limit and its message, as the product and the web page show them.
TEST(LoadErrors, TooBigMessage)
{
    EXPECT_EQ(kMaxInputBytes, (size_t)1 << 30);
    EXPECT_EQ(LoadOptions().MaxBytes, kMaxInputBytes);
    EXPECT_EQ(TooBigMessage(1500000000), "the file is 1500.0 MB, more than the limit of 1073.7 MB");
    EXPECT_EQ(TooBigMessage(kMaxInputBytes + 1), "the file is 1073.7 MB, more than the limit of 1073.7 MB");
    EXPECT_EQ(TooBigMessage(6000000000ULL), "the file is 6000.0 MB, more than the limit of 1073.7 MB");
    EXPECT_EQ(TooBigMessage(123456, 100000), "the file is 0.1 MB, more than the limit of 0.1 MB");
}

TEST(LoadErrors, MissingFile)
{
    Timeline tl;
    LoadResult res;
    EXPECT_FALSE(LoadTimelineFile("/nonexistent/dir/none.json", LoadOptions(), &tl, &res));
    EXPECT_GE(res.Errors, 1);
    ASSERT_FALSE(res.Diagnostics.empty());
    EXPECT_FALSE(res.Diagnostics[0].Message.empty());
}

TEST(LoadErrors, LoadFileWorks)
{
    std::string path = TempPath("cs_load_test", ".json");
    FILE* f = fopen(path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::string json = OneEvent(R"({"start": "2020", "title": "t"})");
    fwrite(json.data(), 1, json.size(), f);
    fclose(f);
    Timeline tl;
    LoadResult res;
    EXPECT_TRUE(LoadTimelineFile(path.c_str(), LoadOptions(), &tl, &res)) << Dump(res);
    EXPECT_EQ(tl.Events.size(), 1u);
    remove(path.c_str());
}

// Odd inputs: each gets its exact verdict and first diagnostic.
TEST(LoadRobustness, GarbageGetsExactAnswers)
{
    const char* kNotATimeline = ":1:1: error: a timeline is a JSON object with \"events\" (or an array of vis-timeline items)";
    const char* kNotAnEvent = "error: an event is an object with at least \"start\"";
    const char* kYearRange = "year out of range (100 billion years either side of year 0)";
    struct Case { std::string Json; bool Ok; std::string First; };
    const Case cases[] = {
        { "", false, "f.json:1:1: error: no JSON value (the input is empty)" },
        { "null", false, std::string("f.json") + kNotATimeline },
        { "true", false, std::string("f.json") + kNotATimeline },
        { "1", false, std::string("f.json") + kNotATimeline },
        { "\"x\"", false, std::string("f.json") + kNotATimeline },
        { "[]", true, "f.json: warning: no events" },
        { "{}", true, "f.json: warning: no events" },
        { "{\"events\": null}", false, "f.json:1:12: error: \"events\" must be an array" },
        { "{\"events\": [null, 1, \"x\", []]}", false, std::string("f.json:1:13: ") + kNotAnEvent },
        { "{\"events\": {}}", false, "f.json:1:12: error: \"events\" must be an array" },
        { "{\"events\": [{\"start\": 1e999}]}", false, "f.json:1:23: error: number out of range" },
        { "{\"events\": [{\"start\": -1e300}]}", false, std::string("f.json:1:23: error: start: ") + kYearRange },
        { "{\"events\": [{\"start\": 123456789012345678901234567890}]}", false,
          std::string("f.json:1:23: error: start: ") + kYearRange },
        { "{\"events\": [{\"start\": \"99999999999999999999-01-01\"}]}", false,
          std::string("f.json:1:23: error: start: ") + kYearRange },
        { "{\"events\": [{\"start\": {\"year\": 1e300}}]}", false, std::string("f.json:1:32: error: start: ") + kYearRange },
        { "{\"events\": [{\"start\": \"2020\", \"end\": 1e308}]}", false, std::string("f.json:1:38: error: end: ") + kYearRange },
        { "[{\"content\": 1, \"start\": 1e300}]", false, "f.json:1:26: error: start: time out of range" },
        { "{\"items\": 5}", false, "f.json:1:11: error: \"items\" must be an array" },
        { std::string("\xff\xfe\x00", 3), false,
          "f.json:1:1: error: unexpected byte FF; expected a value (object, array, string, number, true, false or null)" },
        { "{\"a\":", false, "f.json:1:6: error: unexpected end of input; expected a value" },
    };
    for (const Case& c : cases) {
        Loaded l = Load(c.Json);
        EXPECT_EQ(l.Ok, c.Ok) << c.Json;
        ASSERT_FALSE(l.Res.Diagnostics.empty()) << c.Json;
        EXPECT_EQ(FormatDiagnostic("f.json", l.Res.Diagnostics[0]), c.First) << c.Json;
        EXPECT_TRUE(l.Tl.Events.empty()) << c.Json;
        ExpectSaneResult(c.Json, l.Ok, l.Res);
    }
    // nullptr data is an empty input
    Timeline tl;
    LoadResult res;
    EXPECT_FALSE(LoadTimeline(nullptr, 0, LoadOptions(), &tl, &res));
    EXPECT_EQ(Dump(res), "f.json:1:1: error: no JSON value (the input is empty)\n");
}

// Random bytes: never a crash, every place inside the input, and what is not JSON never loads: the load stops at
// CheckJsonSyntax's error, reports it exactly, and reports nothing after it.
TEST(LoadRobustness, RandomBytes)
{
    std::mt19937 rng(1234);
    LoadOptions opt;
    opt.MaxDiagnostics = 1000;  // keep every diagnostic, the syntax error included
    int not_json = 0, json = 0, loaded = 0;
    for (int iter = 0; iter < 600; iter++) {
        std::string s(rng() % 400, '\0');
        for (char& c : s)
            c = (char)(rng() & 0xFF);
        if (iter % 2) {  // mostly JSON-ish
            const char alphabet[] = "{}[]\":,0123456789-.eE truefalsnl\\\n";
            for (char& c : s)
                c = alphabet[rng() % (sizeof(alphabet) - 1)];
        }
        if (iter % 10 == 9)  // and some JSON: a bare array of numbers, strings and objects
            s = "[" + std::to_string(rng() % 1000) + ", \"" + std::to_string(rng()) + "\", {\"start\": " +
                std::to_string(rng() % 3000) + "}]";
        Timeline tl;
        LoadResult res;
        bool ok = LoadTimeline(s.data(), s.size(), opt, &tl, &res);
        ExpectSaneResult(s, ok, res);
        Diagnostic syntax;
        if (CheckJsonSyntax(s.data(), s.size(), &syntax)) {
            json++;
            loaded += ok;
            continue;
        }
        not_json++;
        ASSERT_FALSE(ok) << s;
        ASSERT_GE(syntax.Line, 1) << s;
        bool found = false;
        for (const Diagnostic& d : res.Diagnostics) {
            if (d.Line == syntax.Line && d.Column == syntax.Column && d.Message == syntax.Message && d.Sev == Severity_Error)
                found = true;
            if (d.Line > 0) {
                EXPECT_TRUE(d.Line < syntax.Line || (d.Line == syntax.Line && d.Column <= syntax.Column))
                    << FormatDiagnostic("f", d) << " after the syntax error " << FormatDiagnostic("f", syntax);
            }
        }
        EXPECT_TRUE(found) << FormatDiagnostic("f", syntax) << " missing from\n" << Dump(res);
    }
    EXPECT_GT(not_json, 400);
    EXPECT_GE(json, 60);
    EXPECT_EQ(loaded, 0);  // a bare array of items with a number and a string among them never loads
}

// Nesting without end is read without recursion, and answered exactly.
TEST(LoadRobustness, DeeplyNested)
{
    const size_t n = 100000;
    std::string open(n, '[');
    Loaded l = Load(open);
    EXPECT_FALSE(l.Ok);
    EXPECT_EQ(Dump(l.Res), "f.json:1:100001: error: unexpected end of input; expected a value\n");
    Diagnostic d;
    EXPECT_FALSE(CheckJsonSyntax(open.data(), open.size(), &d));
    EXPECT_EQ(FormatDiagnostic("f.json", d), "f.json:1:100001: error: unexpected end of input; expected a value");

    // balanced: valid JSON, a bare array whose one item is an array, not an event
    std::string closed = open + std::string(n, ']');
    EXPECT_TRUE(CheckJsonSyntax(closed.data(), closed.size(), &d));
    l = Load(closed);
    EXPECT_FALSE(l.Ok);
    EXPECT_TRUE(l.Tl.Events.empty());
    EXPECT_EQ(Dump(l.Res), "f.json:1:2: error: an event is an object with at least \"start\"\n");

    // a deep value inside an event is one unknown key: the event loads
    std::string o = "{\"events\": [{\"start\": \"2020\", \"x\": ";
    for (size_t i = 0; i < n; i++)
        o += "{\"a\":";
    o += "1";
    o += std::string(n, '}');
    o += "}]}";
    l = Load(o);
    EXPECT_TRUE(l.Ok) << Dump(l.Res);
    ASSERT_EQ(l.Tl.Events.size(), 1u);
    EXPECT_TRUE(l.Tl.Events[0].Start() == At(2020));
    EXPECT_EQ(Dump(l.Res), "f.json:1:36: warning: unknown key \"x\" in an event; ignored\n");
}

// --- vis-timeline

TEST(LoadVis, ItemsAndGroups)
{
    std::string json = R"({
  "items": [
    {"id": 1, "content": "<b>a</b> &amp; b", "start": 1577836800000, "type": "box", "group": "g1"},
    {"id": 2, "content": "pt", "start": 1577836800000, "type": "point"},
    {"id": 3, "content": "rng", "start": 1580515200000, "end": 1583020800000, "type": "range", "group": "g2"},
    {"id": 4, "content": "bg", "start": 1546300800000, "end": 1559347200000, "type": "background"}
  ],
  "groups": [{"id": "g1", "content": "Group <i>one</i>"}, {"id": "g2", "content": "Two"}]
})";
    Loaded l = Load(json);
    ASSERT_TRUE(l.Ok) << Dump(l.Res);
    EXPECT_EQ(l.Res.Format, SourceFormat_VisTimeline);
    const Timeline& tl = l.Tl;
    ASSERT_EQ(tl.Groups.size(), 2u);
    EXPECT_EQ(tl.Groups[0].Label, "Group one");
    EXPECT_EQ(tl.Groups[1].Label, "Two");
    ASSERT_EQ(tl.Eras.size(), 1u);
    EXPECT_EQ(tl.Eras[0].Label, "bg");
    EXPECT_TRUE(tl.Eras[0].Start == At(2019));
    EXPECT_TRUE(tl.Eras[0].End == At(2019, 6, 1));
    ASSERT_EQ(tl.Events.size(), 3u);
    const Event* a = FindById(tl, "1");
    const Event* p = FindById(tl, "2");
    const Event* r = FindById(tl, "3");
    ASSERT_TRUE(a && p && r);
    EXPECT_EQ(Str(tl, a->Title), "a & b");
    EXPECT_TRUE(a->IsMilestone());
    EXPECT_EQ(a->Group, 0);
    EXPECT_TRUE(p->IsMilestone());
    EXPECT_TRUE(p->Start() == At(2020));  // 1577836800000 ms
    EXPECT_EQ(p->Group, kNoGroup);
    EXPECT_TRUE(r->IsRange());
    EXPECT_FALSE(r->IsMilestone());
    EXPECT_EQ(r->Group, 1);
    EXPECT_TRUE(r->End() == At(2020, 3, 1));
}

TEST(LoadVis, IsoDateStrings)
{
    // vis items may give dates as ISO text; "2020-02-01" is a date, not 2020 milliseconds
    std::string json = R"({"items": [
    {"id": "r", "content": "rng", "start": "2020-02-01", "end": "2020-03-01", "type": "range"},
    {"id": "t", "content": "t", "start": "2021-07-21T09:30:00.250Z"},
    {"id": "b", "content": "bg", "start": "2019-01-01", "end": "2019-06-01", "type": "background"}]})";
    Loaded l = Load(json);
    ASSERT_TRUE(l.Ok) << Dump(l.Res);
    EXPECT_EQ(l.Res.Format, SourceFormat_VisTimeline);
    const Event* r = FindById(l.Tl, "r");
    const Event* t = FindById(l.Tl, "t");
    ASSERT_TRUE(r && t);
    EXPECT_TRUE(r->Start() == At(2020, 2, 1)) << r->StartSec;
    EXPECT_TRUE(r->End() == At(2020, 3, 1)) << r->EndSec;
    EXPECT_TRUE(r->IsRange());
    EXPECT_TRUE(t->Start() == At(2021, 7, 21, 9, 30, 0, 250000000)) << t->StartSec;
    ASSERT_EQ(l.Tl.Eras.size(), 1u);
    EXPECT_TRUE(l.Tl.Eras[0].Start == At(2019)) << l.Tl.Eras[0].Start.sec;
    EXPECT_TRUE(l.Tl.Eras[0].End == At(2019, 6, 1)) << l.Tl.Eras[0].End.sec;
}

TEST(LoadVis, BareArray)
{
    std::string json = R"([
  {"id": "x", "content": "first", "start": 0},
  {"id": "y", "content": "second", "start": 1620172800000, "end": 1622505600000}
])";
    Loaded l = Load(json);
    ASSERT_TRUE(l.Ok) << Dump(l.Res);
    EXPECT_EQ(l.Res.Format, SourceFormat_VisTimeline);
    ASSERT_EQ(l.Tl.Events.size(), 2u);
    EXPECT_EQ(Str(l.Tl, l.Tl.Events[0].Title), "first");
    EXPECT_TRUE(l.Tl.Events[0].Start() == At(1970));
    EXPECT_TRUE(l.Tl.Events[1].IsRange());  // no type + end: a range
}

TEST(LoadVis, MillisecondsKeepPrecision)
{
    Loaded l = Load(R"([{"content": "ms", "start": 1577836800123}])");
    ASSERT_TRUE(l.Ok) << Dump(l.Res);
    ASSERT_EQ(l.Tl.Events.size(), 1u);
    EXPECT_EQ(l.Tl.Events[0].StartSec, 1577836800);
    EXPECT_EQ(l.Tl.Events[0].StartNsec, 123000000);
}

TEST(LoadHtml, PlainTextFromHtml)
{
    auto P = [](const std::string& s) { return PlainTextFromHtml(s.data(), s.size()); };
    EXPECT_EQ(P("<b>a</b> &amp; b"), "a & b");
    EXPECT_EQ(P("plain"), "plain");
    EXPECT_EQ(P(""), "");
    EXPECT_EQ(P("&lt;script&gt;"), "<script>");
    EXPECT_EQ(P("<script>x</script>y").find('<'), std::string::npos);
    EXPECT_EQ(P("a&quot;b&#39;c"), "a\"b'c");
    std::string br = P("a<br>b");
    EXPECT_EQ(br, "a\nb");
    std::string p = P("<p>one</p><p>two</p>");
    EXPECT_NE(p.find("one"), std::string::npos);
    EXPECT_NE(p.find('\n'), std::string::npos);
    EXPECT_NE(p.find("two"), std::string::npos);
    // unterminated tags and entities: a tag to the end is dropped, an entity without ';' stays text
    EXPECT_EQ(P("<b"), "");
    EXPECT_EQ(P("&"), "&");
    EXPECT_EQ(P("&amp"), "&amp");
    EXPECT_EQ(P("<<<>>>&&&;;"), ">>&&&;;");
    EXPECT_EQ(P("a &#x41;&#66; &bogus; &#0; b"), "a AB &bogus; &#0; b");
}

// --- TimelineJS3

TEST(LoadTimelineJS3, Minimal)
{
    std::string json = R"({"title": {"text": {"headline": "T"}},
 "events": [{"start_date": {"year": "1969", "month": "7", "day": "20"},
             "text": {"headline": "<i>Moon</i>", "text": "<p>x</p>"},
             "unique_id": "moon", "group": "Space"}],
 "eras": [{"start_date": {"year": "1960"}, "end_date": {"year": "1970"}, "text": {"headline": "Sixties"}}]})";
    Loaded l = Load(json);
    ASSERT_TRUE(l.Ok) << Dump(l.Res);
    EXPECT_EQ(l.Res.Format, SourceFormat_TimelineJS3);
    const Timeline& tl = l.Tl;
    EXPECT_EQ(tl.Title, "T");
    ASSERT_EQ(tl.Events.size(), 1u);
    const Event& e = tl.Events[0];
    EXPECT_EQ(Str(tl, e.Title), "Moon");
    EXPECT_EQ(Str(tl, e.Text).find('<'), std::string::npos);
    EXPECT_NE(Str(tl, e.Text).find('x'), std::string::npos);
    EXPECT_EQ(Str(tl, e.Id), "moon");
    EXPECT_TRUE(e.Start() == At(1969, 7, 20));
    EXPECT_EQ(e.StartPrecision(), Precision_Day);
    ASSERT_EQ(tl.Groups.size(), 1u);
    EXPECT_EQ(e.Group, 0);
    EXPECT_EQ(tl.Groups[0].Label, "Space");
    ASSERT_EQ(tl.Eras.size(), 1u);
    EXPECT_EQ(tl.Eras[0].Label, "Sixties");
    EXPECT_TRUE(tl.Eras[0].Start == At(1960));
}

TEST(LoadTimelineJS3, ErrorPlaceInStartDate)
{
    std::string json = "{\"events\": [\n"
                       "  {\"start_date\": {\"year\": \"1969\", \"month\": \"13\"}}\n"
                       "]}";
    Loaded l = Load(json);
    EXPECT_FALSE(l.Ok);
    const Diagnostic* d = FirstError(l.Res);
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->Line, 2);
    EXPECT_EQ(d->Column, 44) << Dump(l.Res);
}

// --- colors

TEST(LoadColor, ParseColor)
{
    auto C = [](const char* s, Color32* out) { return ParseColor(s, strlen(s), out); };
    Color32 c = 0;
    EXPECT_TRUE(C("#fff", &c));
    EXPECT_EQ(c, 0xFFFFFFFFu);
    EXPECT_TRUE(C("#f00", &c));
    EXPECT_EQ(c, 0xFFFF0000u);
    EXPECT_TRUE(C("#7b3fe4", &c));
    EXPECT_EQ(c, 0xFF7B3FE4u);
    EXPECT_TRUE(C("#7B3FE4", &c));
    EXPECT_EQ(c, 0xFF7B3FE4u);
    EXPECT_TRUE(C("#11223380", &c));
    EXPECT_EQ(c, 0x80112233u);
    // fully transparent black: 0 means "not given" in the model, so only the alpha is checked
    EXPECT_TRUE(C("#00000000", &c));
    EXPECT_EQ(c >> 24, 0u);
    EXPECT_NE(c, 0u);
    const char* bad[] = {"", "#", "fff", "#ff", "#ffff", "#fffff", "#fffffff", "#fffffffff", "#ggg", "red",
                         "#12345g", " #fff", "#fff ", "rgb(1,2,3)"};
    for (const char* b : bad)
        EXPECT_FALSE(C(b, &c)) << b;
    EXPECT_FALSE(ParseColor("#fff", 3, &c));  // length respected
}

TEST(LoadVis, HugeNumericStringIsAnError)
{
    const char* json = "[{\"content\": \"x\", \"start\": \"99999999999999999999999\"}]";
    chronoscope::Timeline tl;
    chronoscope::LoadResult res;
    EXPECT_FALSE(chronoscope::LoadTimeline(json, strlen(json), chronoscope::LoadOptions(), &tl, &res));
    ASSERT_FALSE(res.Diagnostics.empty());
    EXPECT_NE(res.Diagnostics[0].Message.find("out of range"), std::string::npos) << res.Diagnostics[0].Message;
    EXPECT_EQ(res.Diagnostics[0].Line, 1);
    EXPECT_EQ(res.Diagnostics[0].Column, 28);  // the opening quote of the value
}

// Every kind of value is reported at its first character: a string's opening quote (escaped quotes and
// backslashes inside it included), a number's sign or first digit, a literal's first letter, a container's
// bracket. `at` is the text the error must point at (its first occurrence in the one-line file).
TEST(LoadErrors, PlacesOfEveryKindOfValue)
{
    struct Case { const char* Json; const char* At; const char* Says; };
    const Case cases[] = {
        { R"({"events": [{"id": "a\"b\\", "start": "2020"}, {"start": "2021", "id": "a\"b\\"}]})",
          R"("a\"b\\"}]})", "duplicate id" },
        { R"({"groups": [], "events": [{"start": "2020", "group": "\"g\\\""}]})", R"("\"g)", "unknown group" },
        { R"({"events": [{"start": "2020", "title": "\\", "text": "x\"y\\\"z", "link": 5}]})", "5}", "link" },
        { R"({"events": [{"start": "2020", "text": "\"\"", "title": -12.5e3}]})", "-12.5e3", "title" },
        { R"({"events": [{"start": "2020", "title": 0}]})", "0}", "title" },
        { R"({"events": [{"start": "2020", "end": 1e2, "title": "t"}]})", "1e2", "end is before start" },
        { R"({"events": [{"start": "2020", "id": true}]})", "true", "id" },
        { R"({"events": [{"start": "2020", "tags": [false]}]})", "false", "tag" },
        { R"({"events": [{"start": "2020", "milestone": null, "title": null, "text": "n", "group": {}}]})", "{}}", "group" },
        { R"({"events": [{"start": "2020", "media": []}]})", "[]", "media" },
        { R"({"events": [{"start": "2020", "title": {"a": [1]}}]})", R"({"a")", "title" },
        { R"({"events": [{"start": ["2020"]}]})", R"(["2020"])", "start" },
        { R"({"title": "x", "events": {}})", "{}}", "must be an array" },
        { R"({"events": [], "title": 7})", "7}", "title" },
        { R"({"events": [null]})", "null", "an event is an object" },
        { R"([{"content": "x", "start": "2020"}, 17])", "17", "an event is an object" },
        { R"("a \"timeline\"")", R"("a)", "a timeline is a JSON object" },
        { R"(-0.5e-3)", "-0.5e-3", "a timeline is a JSON object" },
    };
    for (const Case& c : cases) {
        std::string json = c.Json;
        Loaded l = Load(json);
        EXPECT_FALSE(l.Ok) << json;
        const Diagnostic* d = FirstError(l.Res);
        ASSERT_NE(d, nullptr) << json;
        size_t at = json.find(c.At);
        ASSERT_NE(at, std::string::npos) << c.At;
        EXPECT_EQ(d->Line, 1) << json << "\n" << Dump(l.Res);
        EXPECT_EQ(d->Column, (int)at + 1) << json << "\n" << Dump(l.Res);
        EXPECT_NE(d->Message.find(c.Says), std::string::npos) << json << "\n" << Dump(l.Res);
    }
}

// An unknown group written as a number is reported at the number, not at the key before it.
TEST(LoadErrors, UnknownNumericGroupPointsAtTheValue)
{
    std::string json = "{\"groups\":[{\"id\":\"a\"}],\"events\":[{\"start\":\"2020\",\"group\":7}]}";
    Loaded l = Load(json);
    EXPECT_FALSE(l.Ok);
    const Diagnostic* d = FirstError(l.Res);
    ASSERT_NE(d, nullptr);
    EXPECT_NE(d->Message.find("unknown group \"7\""), std::string::npos) << Dump(l.Res);
    EXPECT_EQ(d->Line, 1);
    EXPECT_EQ(d->Column, (int)json.find("7}") + 1) << Dump(l.Res);
}

// A load fed in pieces (a download) gives exactly what a load of the whole gives, errors included, and a
// syntax error stops it before the rest arrives.
TEST(LoadStream, PiecesGiveTheSameTimelineAsTheWhole)
{
    GenerateParams gp;
    gp.Count = 4000;
    gp.Seed = 3;
    std::string json;
    GenerateTimelineJson(gp, &json);
    std::string bad_date = json;
    size_t at = bad_date.find("\"start\": \"", json.size() / 3) + 10;
    bad_date.replace(at, 4, "20x0");  // a bad value: an error, but the reading goes on
    for (const std::string* text : { &json, &bad_date }) {
        Loaded whole = Load(*text);
        for (size_t piece : { (size_t)1, (size_t)7, (size_t)4096, (size_t)100000 }) {
            Timeline tl;
            LoadResult res;
            LoadStream* st = LoadBegin(text->data(), text->size(), LoadOptions(), &tl, &res);
            for (size_t have = piece; have < text->size(); have += piece)
                ASSERT_TRUE(LoadFeed(st, have)) << piece;
            bool ok = LoadFinish(st, text->size());
            EXPECT_EQ(ok, whole.Ok) << piece;
            EXPECT_EQ(Dump(res), Dump(whole.Res)) << piece;
            ASSERT_EQ(tl.Events.size(), whole.Tl.Events.size()) << piece;
            for (size_t i = 0; i < tl.Events.size(); i++) {
                ASSERT_EQ(tl.Events[i].Start(), whole.Tl.Events[i].Start()) << i;
                ASSERT_STREQ(tl.Strings.Get(tl.Events[i].Title), whole.Tl.Strings.Get(whole.Tl.Events[i].Title)) << i;
            }
        }
    }
    // a syntax error a third of the way in: LoadFeed says stop at the first piece past it
    std::string broken = json;
    size_t colon = broken.find("\"title\":", json.size() / 3) + 7;
    broken[colon] = ';';
    Timeline tl;
    LoadResult res;
    LoadStream* st = LoadBegin(broken.data(), broken.size(), LoadOptions(), &tl, &res);
    size_t have = 0, stopped = 0;
    while ((have += 8192) < broken.size())
        if (!LoadFeed(st, have)) {
            stopped = have;
            break;
        }
    EXPECT_GT(stopped, colon);
    EXPECT_LT(stopped, colon + 2 * 8192) << "the error was found only at the end";
    EXPECT_FALSE(LoadFinish(st, broken.size()));
    Loaded whole = Load(broken);
    EXPECT_EQ(Dump(res), Dump(whole.Res));
    EXPECT_NE(Dump(res).find("expected ':'"), std::string::npos) << Dump(res);
}

// The buffer of a download may grow and move (no size announced, or a wrong one): the reading follows it.
TEST(LoadStream, FollowsAGrowingBuffer)
{
    GenerateParams gp;
    gp.Count = 3000;
    std::string json;
    GenerateTimelineJson(gp, &json);
    Loaded whole = Load(json);
    ASSERT_TRUE(whole.Ok) << Dump(whole.Res);
    Timeline tl;
    LoadResult res;
    LoadStream* st = LoadBegin(nullptr, 0, LoadOptions(), &tl, &res);  // size unknown
    std::unique_ptr<char[]> buf;
    size_t cap = 0, have = 0, moves = 0;
    std::mt19937 rng(5);
    while (have < json.size()) {
        size_t piece = std::min(json.size() - have, (size_t)(1 + rng() % 20000));
        if (have + piece > cap) {  // grow and move, as the worker's buffer does
            size_t ncap = std::max(have + piece, cap * 3 / 2 + 1024);
            std::unique_ptr<char[]> nbuf(new char[ncap]);
            if (cap) {
                memcpy(nbuf.get(), buf.get(), have);
                memset(buf.get(), 'x', cap);  // the old bytes must not be read again
            }
            buf.swap(nbuf);
            cap = ncap;
            ASSERT_TRUE(LoadRebase(st, buf.get(), cap));
            moves++;
        }
        memcpy(buf.get() + have, json.data() + have, piece);
        have += piece;
        ASSERT_TRUE(LoadFeed(st, have)) << Dump(res);
    }
    EXPECT_GT(moves, 5u);
    ASSERT_TRUE(LoadFinish(st, have)) << Dump(res);
    ASSERT_EQ(tl.Events.size(), whole.Tl.Events.size());
    for (size_t i = 0; i < tl.Events.size(); i++) {
        ASSERT_EQ(tl.Events[i].Start(), whole.Tl.Events[i].Start()) << i;
        ASSERT_STREQ(tl.Strings.Get(tl.Events[i].Title), whole.Tl.Strings.Get(whole.Tl.Events[i].Title)) << i;
    }
    // more bytes than the buffer holds is an error, not a truncated read
    Timeline t2;
    LoadResult r2;
    LoadStream* s2 = LoadBegin(json.data(), 100, LoadOptions(), &t2, &r2);
    EXPECT_FALSE(LoadFeed(s2, 200));
    EXPECT_FALSE(LoadFinish(s2, 200));
    EXPECT_NE(Dump(r2).find("outgrew"), std::string::npos) << Dump(r2);
}

TEST(LoadStory, TheStoryListsEventsInTheAuthorsOrder)
{
    Loaded l = Load(R"({"story": ["c", "a"], "media": {"url": "cover.png", "caption": "Cap", "credit": "Me"},
        "events": [{"id": "a", "start": "2001", "title": "A"}, {"id": "b", "start": "2002", "title": "B"},
                   {"id": "c", "start": "2003", "title": "C"}]})");
    ASSERT_TRUE(l.Ok) << Dump(l.Res);
    ASSERT_EQ(l.Tl.Story.size(), 2u);
    EXPECT_STREQ(l.Tl.Str(l.Tl.Events[l.Tl.Story[0]].Id), "c");
    EXPECT_STREQ(l.Tl.Str(l.Tl.Events[l.Tl.Story[1]].Id), "a");
    EXPECT_EQ(l.Tl.MediaUrl, "cover.png");
    EXPECT_EQ(l.Tl.MediaCaption, "Cap");
    EXPECT_EQ(l.Tl.MediaCredit, "Me");
    // without a story: time order (an empty Story)
    Loaded t = Load(R"({"events": [{"id": "a", "start": "2001"}]})");
    EXPECT_TRUE(t.Tl.Story.empty());
}

TEST(LoadStory, UnknownAndRepeatedIdsAreErrorsAtTheirPlace)
{
    Loaded l = Load("{\"story\": [\"a\", \"zz\", \"a\"],\n \"events\": [{\"id\": \"a\", \"start\": \"2001\"}]}");
    EXPECT_FALSE(l.Ok);
    std::string d = Dump(l.Res);
    EXPECT_NE(d.find("1:17: error: the story names no event \"zz\""), std::string::npos) << d;
    EXPECT_NE(d.find("1:23: error: the story names \"a\" twice"), std::string::npos) << d;
    Loaded n = Load(R"({"story": "a", "events": [{"id": "a", "start": "2001"}]})");
    EXPECT_FALSE(n.Ok);
    EXPECT_NE(Dump(n.Res).find("must be an array of event ids"), std::string::npos);
}

TEST(LoadStory, TimelineJS3TitleSlideMediaIsTheTitleCards)
{
    Loaded l = Load(R"({"title": {"text": {"headline": "H", "text": "<p>T</p>"},
        "media": {"url": "https://example.org/c.jpg", "caption": "<i>cap</i>", "credit": "cred"}},
        "events": [{"start_date": {"year": 2000}, "text": {"headline": "x"}}]})");
    ASSERT_TRUE(l.Ok) << Dump(l.Res);
    EXPECT_EQ(l.Tl.Title, "H");
    EXPECT_EQ(l.Tl.MediaUrl, "https://example.org/c.jpg");
    EXPECT_EQ(l.Tl.MediaCaption, "cap");
    EXPECT_EQ(l.Tl.MediaCredit, "cred");
}

// --- what the original tools tolerate: warnings here, not errors

// TimelineJS3 skips an entry without "start_date" (its TimelineConfig.addEvent throws for that entry alone) and
// shows the others: here it is left out with a warning at the entry, wherever it stands in the file.
TEST(LoadTolerance, TimelineJS3EntryWithoutStartDateIsLeftOut)
{
    std::string json = "{\"events\": [\n"
                       "  {\"media\": {\"url\": \"https://example.org/a.jpg\"}},\n"
                       "  {\"start_date\": {\"year\": 1995}, \"text\": {\"headline\": \"a\"}},\n"
                       "  {\"text\": {\"headline\": \"no date\"}, \"unique_id\": \"x\"}\n"
                       "]}";
    Loaded l = Load(json);
    ASSERT_TRUE(l.Ok) << Dump(l.Res);
    EXPECT_EQ(l.Res.Format, SourceFormat_TimelineJS3);
    ASSERT_EQ(l.Tl.Events.size(), 1u);
    EXPECT_EQ(Str(l.Tl, l.Tl.Events[0].Title), "a");
    ASSERT_EQ(l.Res.Warnings, 2) << Dump(l.Res);
    EXPECT_EQ(Dump(l.Res), "f.json:2:3: warning: entry without \"start_date\" left out (TimelineJS3 leaves it out too)\n"
                           "f.json:4:3: warning: entry without \"start_date\" left out (TimelineJS3 leaves it out too)\n");
    ExpectSaneResult(json, l.Ok, l.Res);
}

// In our own format an event without "start" stays an error, "media" or not.
TEST(LoadTolerance, OwnEventWithoutStartIsStillAnError)
{
    std::string json = "{\"events\": [\n"
                       "  {\"start\": \"2020\", \"title\": \"a\"},\n"
                       "  {\"media\": {\"url\": \"https://example.org/a.jpg\"}}\n"
                       "]}";
    Loaded l = Load(json);
    EXPECT_FALSE(l.Ok);
    EXPECT_EQ(Dump(l.Res), "f.json:3:3: error: event without \"start\"\n");
    // and a file of nothing but such entries is not TimelineJS3 either
    Loaded m = Load(OneEvent("{\"media\": {\"url\": \"https://example.org/a.jpg\"}}"));
    EXPECT_FALSE(m.Ok);
    EXPECT_EQ(m.Res.Errors, 1) << Dump(m.Res);
}

// vis reads date strings with moment: what is not ISO 8601 goes to the browser's Date, which reads "1872/08/01";
// a bare year string is a year; a time without a zone is local there, UTC here (a timeline has no local zone).
TEST(LoadTolerance, VisDatesAsMomentReadsThem)
{
    std::string json = R"([
  {"id": "slash", "content": "a", "start": "1872/08/01"},
  {"id": "short", "content": "b", "start": "1872/8/1", "end": "1872/12/31 23:59"},
  {"id": "secs", "content": "c", "start": "2014/06/28 9:05:30"},
  {"id": "year", "content": "d", "start": "1911"},
  {"id": "space", "content": "e", "start": "2014-06-28 13:00"},
  {"id": "local", "content": "f", "start": "2014-06-28T13:00"},
  {"id": "ms", "content": "g", "start": "1577836800000"}
])";
    Loaded l = Load(json);
    ASSERT_TRUE(l.Ok) << Dump(l.Res);
    EXPECT_EQ(l.Res.Warnings, 0) << Dump(l.Res);
    const Timeline& tl = l.Tl;
    auto ev = [&](const char* id) { const Event* e = FindById(tl, id); EXPECT_NE(e, nullptr) << id; return e ? *e : Event(); };
    EXPECT_TRUE(ev("slash").Start() == At(1872, 8, 1));
    EXPECT_EQ(ev("slash").StartPrecision(), Precision_Day);
    EXPECT_TRUE(ev("short").Start() == At(1872, 8, 1));
    EXPECT_TRUE(ev("short").End() == At(1872, 12, 31, 23, 59));
    EXPECT_EQ(ev("short").EndPrecision(), Precision_Minute);
    EXPECT_TRUE(ev("secs").Start() == At(2014, 6, 28, 9, 5, 30));
    EXPECT_TRUE(ev("year").Start() == At(1911));
    EXPECT_EQ(ev("year").StartPrecision(), Precision_Year);
    EXPECT_TRUE(ev("space").Start() == At(2014, 6, 28, 13, 0));
    EXPECT_TRUE(ev("local").Start() == At(2014, 6, 28, 13, 0));
    EXPECT_TRUE(ev("ms").Start() == At(2020));
}

TEST(LoadTolerance, VisSlashDateErrorsAtTheValue)
{
    EXPECT_EQ(ErrorPlace("[{\"content\": \"x\",\n \"start\": \"1872/13/01\"}]"), "2:11");
    Loaded l = Load("[{\"content\": \"x\", \"start\": \"1872/13/01\"}]");
    EXPECT_NE(Dump(l.Res).find("month 13 out of range"), std::string::npos) << Dump(l.Res);
    // other slashed forms are not dates: the message is the usual one
    for (const char* s : { "72/08/01", "1872/08", "1872/08/01T10:00", "1872/08/01 10", "1872/08/01 10:0", "1872/080/01" }) {
        Loaded m = Load(std::string("[{\"content\": \"x\", \"start\": \"") + s + "\"}]");
        EXPECT_FALSE(m.Ok) << s;
        EXPECT_NE(Dump(m.Res).find("expected an ISO 8601 date"), std::string::npos) << s << ": " << Dump(m.Res);
    }
}

// What real TimelineJS3 files write and TimelineJS3 reads: a numeric unique_id, "background" as a string (as its
// spreadsheets give it: a colour or a URL), a title slide with dates of its own (a title has no place on the
// axis: they are ignored), display_date inside start_date and end_date, a UTF-8 byte order mark.
TEST(LoadTolerance, TimelineJS3AsRealFilesWriteIt)
{
    std::string json = "\xEF\xBB\xBF" R"({
  "title": {"start_date": {"year": 1900}, "end_date": {"year": 2000}, "text": {"headline": "T", "text": "<p>d</p>"}},
  "events": [
    {"unique_id": 12, "start_date": {"year": 1990}, "text": {"headline": "a"}, "background": "#ff0000"},
    {"unique_id": 13, "start_date": {"year": 1991}, "text": {"headline": "b"}, "background": "https://example.org/b.jpg"},
    {"unique_id": 14, "start_date": {"year": 1992, "display_date": "ca. 1992"},
     "end_date": {"year": 1995, "display_date": "the mid-90s"}, "text": {"headline": "c"}},
    {"unique_id": 15, "start_date": {"year": 1993, "display_date": "early 1993"}, "end_date": {"year": 1996},
     "text": {"headline": "d"}, "background": {"color": "#00f"}},
    {"unique_id": 16, "start_date": {"year": 1994}, "end_date": {"year": 1997, "display_date": "later"},
     "text": {"headline": "e"}, "display_date": "the slide's own"}
  ]
})";
    Loaded l = Load(json);
    ASSERT_TRUE(l.Ok) << Dump(l.Res);
    EXPECT_EQ(l.Res.Warnings, 0) << Dump(l.Res);
    EXPECT_EQ(l.Res.Format, SourceFormat_TimelineJS3);
    const Timeline& tl = l.Tl;
    EXPECT_EQ(tl.Title, "T");
    ASSERT_EQ(tl.Events.size(), 5u);
    auto extra = [&](const char* id) -> const EventExtra* {
        const Event* e = FindById(tl, id);
        EXPECT_NE(e, nullptr) << id;
        return e && e->Extra != kNoExtra ? &tl.Extras[e->Extra] : nullptr;
    };
    ASSERT_TRUE(extra("12"));
    EXPECT_EQ(extra("12")->Color, 0xFFFF0000u);
    EXPECT_EQ(extra("13"), nullptr);  // a background image is not shown
    ASSERT_TRUE(extra("14"));
    EXPECT_EQ(Str(tl, extra("14")->DisplayDate), "ca. 1992 \xE2\x80\x93 the mid-90s");
    ASSERT_TRUE(extra("15"));
    EXPECT_EQ(Str(tl, extra("15")->DisplayDate), "early 1993 \xE2\x80\x93 1996");
    EXPECT_EQ(extra("15")->Color, 0xFF0000FFu);
    ASSERT_TRUE(extra("16"));
    EXPECT_EQ(Str(tl, extra("16")->DisplayDate), "the slide's own");
}

// TimelineJS3's text is HTML: the event's text is its plain text, and the HTML is kept when it has formatting to
// draw (bold, italic, links, lists), read back with RichTextFromHtml.
TEST(LoadTimelineJS3, FormattedTextIsKept)
{
    std::string json = R"({"events": [
  {"start_date": {"year": 1990}, "text": {"headline": "a", "text": "<p>Some <b>bold</b></p><ul><li>item</li></ul>"}},
  {"start_date": {"year": 1991}, "text": {"headline": "b", "text": "<p>plain</p><p>paragraphs</p>"}}
]})";
    Loaded l = Load(json);
    ASSERT_TRUE(l.Ok) << Dump(l.Res);
    const Timeline& tl = l.Tl;
    ASSERT_EQ(tl.Events.size(), 2u);
    EXPECT_EQ(Str(tl, tl.Events[0].Text), "Some bold\nitem");
    ASSERT_NE(tl.Events[0].Extra, kNoExtra);
    std::string html = Str(tl, tl.Extras[tl.Events[0].Extra].TextHtml);
    RichText rich = RichTextFromHtml(html.data(), html.size());
    ASSERT_EQ(rich.Blocks.size(), 2u);
    EXPECT_EQ(rich.Blocks[1].Kind, RichBlock_Bullet);
    ASSERT_EQ(rich.Blocks[0].SpanCount, 2u);
    EXPECT_EQ(rich.Spans[1].Style, RichStyle_Bold);
    EXPECT_EQ(Str(tl, tl.Events[1].Text), "plain\nparagraphs");
    EXPECT_EQ(tl.Events[1].Extra, kNoExtra);  // nothing that plain text loses: no HTML kept
}

TEST(LoadTolerance, TimelineJS3BackgroundThatIsNoColourIsAWarning)
{
    Loaded l = Load(OneEvent(R"({"start_date": {"year": 1990}, "background": "red"})"));
    ASSERT_TRUE(l.Ok) << Dump(l.Res);
    EXPECT_EQ(Dump(l.Res), "f.json:1:58: warning: background colour must be \"#rgb\", \"#rrggbb\" or \"#rrggbbaa\"; ignored\n");
}

// vis items without "id" or "content" (a page may render items through a template), and "end": null.
TEST(LoadTolerance, VisItemsWithoutIdOrContent)
{
    std::string json = R"([
  {"start": "2014-06-28T13:00", "player1": "Brazil"},
  {"content": "x", "start": "2014-06-29", "end": null, "group": "1"},
  {"id": 3, "start": "2014-06-30", "end": "2014-07-01"}
])";
    Loaded l = Load(json);
    ASSERT_TRUE(l.Ok) << Dump(l.Res);
    EXPECT_EQ(l.Res.Warnings, 0) << Dump(l.Res);
    EXPECT_EQ(l.Res.Format, SourceFormat_VisTimeline);
    ASSERT_EQ(l.Tl.Events.size(), 3u);
    EXPECT_FALSE(l.Tl.Events[1].Flags & EventFlags_HasEnd);
    EXPECT_TRUE(l.Tl.Events[2].IsRange());
    ASSERT_EQ(l.Tl.Groups.size(), 1u);  // made for the item that names it
}

// A title slide's text keeps its formatting for the title card, as an event's does; plain text keeps none.
TEST(LoadStory, TimelineJS3TitleSlideTextKeepsItsFormatting)
{
    Loaded l = Load(R"({"title": {"text": {"headline": "H", "text": "<p>The <b>first</b> of many</p><ul><li>one</li></ul>"}},
        "events": [{"start_date": {"year": 2000}, "text": {"headline": "x"}}]})");
    ASSERT_TRUE(l.Ok) << Dump(l.Res);
    EXPECT_EQ(l.Tl.Description, "The first of many\none");
    EXPECT_EQ(l.Tl.DescriptionHtml, "<p>The <b>first</b> of many</p><ul><li>one</li></ul>");
    Loaded p = Load(R"({"title": {"text": {"headline": "H", "text": "<p>Plain words</p>"}},
        "events": [{"start_date": {"year": 2000}, "text": {"headline": "x"}}]})");
    ASSERT_TRUE(p.Ok) << Dump(p.Res);
    EXPECT_EQ(p.Tl.Description, "Plain words");
    EXPECT_TRUE(p.Tl.DescriptionHtml.empty());
}
