// Unit tests for TimelineJS3's Google Sheets template as CSV (src/core/load/csv.h, import_sheet.cpp): the CSV
// reading (quotes, commas and line ends in quotes, CRLF, a byte order mark), the columns' meaning, problems at
// their cell's LINE:COL, and how CSV is told from JSON.
#include "core/load.h"

#include "test_util.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <initializer_list>
#include <unistd.h>

using namespace chronoscope;
using namespace chronoscope::test;

namespace {

const Event* FindByTitle(const Timeline& tl, const char* title)
{
    for (const Event& e : tl.Events)
        if (Str(tl, e.Title) == title)
            return &e;
    return nullptr;
}

const EventExtra* ExtraOf(const Timeline& tl, const Event* e)
{
    return e && e->Extra != kNoExtra ? &tl.Extras[e->Extra] : nullptr;
}

const char* const kHeader = "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,"
                            "Media Credit,Media Caption,Media Thumbnail,Type,Group,Background";

// A sheet of the template's header and these rows (each of its 18 columns, in order), lines ended by `eol`.
std::string Sheet(std::initializer_list<std::string> rows, const char* eol = "\n")
{
    std::string s = std::string(kHeader) + eol;
    for (const std::string& r : rows)
        s += r + eol;
    return s;
}

} // namespace

// What Google Sheets writes: CRLF, a byte order mark when saved by some tools, quotes around a cell with a comma,
// a quote ("") or a line end.
TEST(LoadSheet, TheTemplateAsSheetsExportsIt)
{
    std::string csv = "\xEF\xBB\xBF" + Sheet({
        ",,,,,,,,,My story,\"<p>Intro, <b>with</b> a comma</p>\",https://example.org/t.jpg,,,,title,,",
        "1990,,,,2000,,,,,The nineties,,,,,,era,,",
        "1995,3,4,1:30 PM,1995,3,5,,,\"Quoted \"\"title\"\"\",\"Line one\r\nline two\",https://example.org/a.jpg,"
        "Me,A caption,https://example.org/a-small.jpg,,People,#ff0000",
        "\"1,200\",,,,,,,,About 1200,Medieval,,,,,,,People,https://example.org/bg.jpg",
        "-500,,,,,,,,,Antiquity,,,,,,,Places,",
    }, "\r\n");
    Loaded l = Load(csv);
    ASSERT_TRUE(l.Ok) << Dump(l.Res);
    EXPECT_EQ(l.Res.Warnings, 0) << Dump(l.Res);
    EXPECT_EQ(l.Res.Format, SourceFormat_TimelineJS3Sheet);
    const Timeline& tl = l.Tl;
    EXPECT_EQ(tl.Title, "My story");
    EXPECT_EQ(tl.Description, "Intro, with a comma");
    ASSERT_EQ(tl.Eras.size(), 1u);
    EXPECT_EQ(tl.Eras[0].Label, "The nineties");
    EXPECT_TRUE(tl.Eras[0].Start == At(1990));
    EXPECT_TRUE(tl.Eras[0].End == At(2000));
    ASSERT_EQ(tl.Events.size(), 3u);
    EXPECT_EQ(Str(tl, tl.Events[0].Title), "Antiquity");  // in order of time
    EXPECT_TRUE(tl.Events[0].Start() == At(-500));

    const Event* q = FindByTitle(tl, "Quoted \"title\"");
    ASSERT_NE(q, nullptr);
    EXPECT_TRUE(q->Start() == At(1995, 3, 4, 13, 30));
    EXPECT_EQ(q->StartPrecision(), Precision_Minute);
    EXPECT_TRUE(q->IsRange());
    EXPECT_TRUE(q->End() == At(1995, 3, 5));
    EXPECT_EQ(Str(tl, q->Text), "Line one line two");  // the text is HTML: a line end in it is a space
    const EventExtra* qx = ExtraOf(tl, q);
    ASSERT_NE(qx, nullptr);
    EXPECT_EQ(Str(tl, qx->MediaUrl), "https://example.org/a.jpg");
    EXPECT_EQ(Str(tl, qx->MediaCredit), "Me");
    EXPECT_EQ(Str(tl, qx->MediaCaption), "A caption");
    EXPECT_EQ(qx->Color, 0xFFFF0000u);
    ASSERT_NE(q->Group, kNoGroup);
    EXPECT_EQ(tl.Groups[q->Group].Label, "People");

    const Event* m = FindByTitle(tl, "Medieval");
    ASSERT_NE(m, nullptr);
    EXPECT_TRUE(m->Start() == At(1200));  // "1,200": TimelineJS3 drops the thousands comma
    EXPECT_FALSE(m->IsRange());
    ASSERT_NE(ExtraOf(tl, m), nullptr);
    EXPECT_EQ(Str(tl, ExtraOf(tl, m)->DisplayDate), "About 1200");
    EXPECT_EQ(ExtraOf(tl, m)->Color, 0u);  // a background image is not a colour
    EXPECT_EQ(tl.Groups.size(), 2u);
}

// LF, CRLF and lone CR line ends read the same; the last line may lack one; the byte order mark is optional.
TEST(LoadSheet, LineEnds)
{
    for (const char* eol : { "\n", "\r\n", "\r" }) {
        for (bool last_eol : { true, false }) {
            SCOPED_TRACE(std::string("eol ") + (eol[0] == '\n' ? "LF" : eol[1] ? "CRLF" : "CR") + (last_eol ? "" : " (none last)"));
            std::string csv = Sheet({ "2001,,,,,,,,,a,,,,,,,,", "2002,,,,,,,,,b,,,,,,,\"x" + std::string(eol) + "y\"," }, eol);
            if (!last_eol)
                csv.resize(csv.size() - strlen(eol));
            Loaded l = Load(csv);
            ASSERT_TRUE(l.Ok) << Dump(l.Res);
            EXPECT_EQ(l.Res.Warnings, 0) << Dump(l.Res);
            ASSERT_EQ(l.Tl.Events.size(), 2u);
            ASSERT_NE(l.Tl.Events[1].Group, kNoGroup);  // (a group's name is plain text, kept as it is)
            EXPECT_EQ(l.Tl.Groups[l.Tl.Events[1].Group].Label, "x" + std::string(eol) + "y");
            // a problem on the third line is reported there, whatever ends the lines
            std::string bad = Sheet({ "2001,,,,,,,,,a,,,,,,,,", "2002,13,,,,,,,,b,,,,,,,," }, eol);
            Loaded e = Load(bad);
            EXPECT_FALSE(e.Ok);
            EXPECT_EQ(Dump(e.Res), "f.json:3:6: error: start: month 13 out of range 1..12\n");
        }
    }
}

// Only the columns present matter, in any order; cells are trimmed as TimelineJS3 trims them.
TEST(LoadSheet, ColumnsInAnyOrderAndTrimmed)
{
    Loaded l = Load("Headline, Year ,Tag\n  Spaced  , 1969 ,  Apollo \n\"  quoted  \",1970,\n");
    ASSERT_TRUE(l.Ok) << Dump(l.Res);
    ASSERT_EQ(l.Tl.Events.size(), 2u);
    EXPECT_EQ(Str(l.Tl, l.Tl.Events[0].Title), "Spaced");
    EXPECT_TRUE(l.Tl.Events[0].Start() == At(1969));
    ASSERT_NE(l.Tl.Events[0].Group, kNoGroup);  // "Tag": the older sheets' name of "Group"
    EXPECT_EQ(l.Tl.Groups[l.Tl.Events[0].Group].Label, "Apollo");
    EXPECT_EQ(Str(l.Tl, l.Tl.Events[1].Title), "quoted");
    // spaces before an opening quote, as people write CSV by hand: the cell is quoted
    Loaded h = Load("Year, Headline\n1969, \"Apollo, 11\"\n1970,  \"13\"x\n");
    ASSERT_TRUE(h.Ok) << Dump(h.Res);
    EXPECT_EQ(Str(h.Tl, h.Tl.Events[0].Title), "Apollo, 11");
    EXPECT_EQ(Str(h.Tl, h.Tl.Events[1].Title), "13x");
    EXPECT_EQ(Dump(h.Res), "f.json:3:12: warning: text after a cell's closing quote; kept with the cell\n");
}

TEST(LoadSheet, Times)
{
    struct Case {
        const char* Time;
        Instant     Want;
        Precision   Prec;
    } cases[] = {
        { "9:05", At(2020, 1, 2, 9, 5), Precision_Minute },
        { "09:05:30", At(2020, 1, 2, 9, 5, 30), Precision_Second },
        { "9:05:30.25", At(2020, 1, 2, 9, 5, 30, 250000000), Precision_Millisecond },
        { "1330", At(2020, 1, 2, 13, 30), Precision_Minute },
        { "9.30", At(2020, 1, 2, 9, 30), Precision_Minute },
        { "12 AM", At(2020, 1, 2, 0, 0), Precision_Hour },
        { "12:30 p.m.", At(2020, 1, 2, 12, 30), Precision_Minute },
        { "7:15pm", At(2020, 1, 2, 19, 15), Precision_Minute },
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.Time);
        Loaded l = Load(std::string("Year,Month,Day,Time,Headline\n2020,1,2,") + c.Time + ",t\n");
        ASSERT_TRUE(l.Ok) << Dump(l.Res);
        ASSERT_EQ(l.Tl.Events.size(), 1u);
        EXPECT_TRUE(l.Tl.Events[0].Start() == c.Want);
        EXPECT_EQ(l.Tl.Events[0].StartPrecision(), c.Prec);
    }
    for (const char* bad : { "25:00", "9:75", "9:05:61", "13 PM", "noon", "1:2:3:4:5", "PM" }) {
        Loaded l = Load(std::string("Year,Time,Headline\n2020,") + bad + ",t\n");
        EXPECT_FALSE(l.Ok) << bad;
        ASSERT_EQ(l.Res.Errors, 1) << bad << "\n" << Dump(l.Res);
        EXPECT_EQ(l.Res.Diagnostics[0].Line, 2) << bad;
        EXPECT_EQ(l.Res.Diagnostics[0].Column, 6) << bad;
        EXPECT_NE(l.Res.Diagnostics[0].Message.find("Time"), std::string::npos) << Dump(l.Res);
    }
}

// Each problem at its cell: LINE:COL of the cell's first character (its quote when quoted), columns in characters.
TEST(LoadSheet, ErrorsAtTheirCell)
{
    auto dump = [](const std::string& csv) { return Dump(Load(csv).Res); };
    EXPECT_EQ(dump("Year,Month,Headline\n2020,\"13\",a\n"), "f.json:2:6: error: start: month 13 out of range 1..12\n");
    EXPECT_EQ(dump("Headline,Year\n\xC3\xA9t\xC3\xA9,  20x0\n"), "f.json:2:7: error: start: year must be a whole number\n");
    EXPECT_EQ(dump("Year,End Year,Headline\n2020,2010,a\n"), "f.json:2:6: error: end is before start\n");
    EXPECT_EQ(dump("Year,Time,End Time,Headline\n2020,,10:00,a\n"), "f.json:2:7: error: End Time without an End Year\n");
    EXPECT_EQ(dump("Year,Headline\n2020,\"never closed\n2021,b\n"),
              "f.json:2:6: error: a quoted cell is not closed (its quote is here)\n");
    EXPECT_EQ(dump(std::string("Year,Headline\n2020,a\0b\n", 23)), "f.json:2:7: error: a CSV file cannot contain a NUL byte\n");
    EXPECT_EQ(dump("Year,Headline\n2020,a\xFF\n"), "f.json:2:7: error: invalid UTF-8\n");
    EXPECT_EQ(dump("Year,Type,End Year,Headline\n2020,era,,a\n"), "f.json:2:1: error: an era row needs a Year and an End Year\n");
    // a .csv that is no TimelineJS3 sheet, or empty
    LoadOptions csv;
    csv.Csv = true;
    EXPECT_EQ(Dump(Load("Date,Event\n2020,a\n", csv).Res),
              "f.json:1:1: error: a TimelineJS3 sheet needs a \"Year\" column (its header row names Year, Month, Day, "
              "..., Headline, Text)\n");
    Loaded empty = Load("", csv);
    EXPECT_FALSE(empty.Ok);
    EXPECT_EQ(Dump(empty.Res), "f.json: error: the CSV file is empty (a TimelineJS3 sheet starts with its header row)\n");
}

// What TimelineJS3 tolerates is a warning here, and the rest loads.
TEST(LoadSheet, Tolerated)
{
    std::string csv = "Year,Headline,Type,Notes\n"                 // 1: a column TimelineJS3 does not read
                      "2001,a,,\n"                                // 2
                      ",no year,,\n"                              // 3: left out, as TimelineJS3 leaves it out
                      ",,,\n"                                     // 4: empty: nothing to say
                      "\n"                                        // 5
                      "2002,\"b\"c,,\n"                           // 6: text after the closing quote stays
                      "2003,5\" floppy,,\n"                       // 7: a quote inside an unquoted cell is a quote
                      ",T,title,\n"                               // 8
                      "2004,second title,title,\n"                // 9: read as an event
                      "2005,e,Event,\n"                           // 10: neither title nor era: an event
                      "2006,f,,,extra\n";                         // 11: a cell past the last column
    Loaded l = Load(csv);
    ASSERT_TRUE(l.Ok) << Dump(l.Res);
    EXPECT_EQ(Dump(l.Res), "f.json:1:20: warning: unknown column \"Notes\"; ignored\n"
                           "f.json:3:1: warning: row without a Year left out (TimelineJS3 leaves it out too)\n"
                           "f.json:6:9: warning: text after a cell's closing quote; kept with the cell\n"
                           "f.json:9:19: warning: a second title row; read as an event, as TimelineJS3 does\n"
                           "f.json:10:8: warning: Type \"Event\" is neither \"title\" nor \"era\"; read as an event\n"
                           "f.json:11:10: warning: a cell past the last column; ignored\n");
    EXPECT_EQ(l.Tl.Title, "T");
    ASSERT_EQ(l.Tl.Events.size(), 6u);
    EXPECT_EQ(Str(l.Tl, l.Tl.Events[1].Title), "bc");
    EXPECT_EQ(Str(l.Tl, l.Tl.Events[2].Title), "5\" floppy");
    EXPECT_EQ(Str(l.Tl, l.Tl.Events[3].Title), "second title");
}

// The input may come in pieces cut anywhere (in the byte order mark, in a character, between CR and LF): the same
// events and diagnostics.
TEST(LoadSheet, InPieces)
{
    std::string csv = "\xEF\xBB\xBF" + Sheet({
        ",,,,,,,,,T\xC3\xAEtle,,,,,,title,,",
        "1995,3,4,,,,,,,\"a, \"\"b\"\"\",\"x\r\ny\",,,,,,,",
        "1996,13,,,,,,,,\xE2\x82\xAC,,,,,,,,",
        "1997,,,,,,,,,\xF0\x9F\x98\x80 c,,,,,,,,",
    }, "\r\n");
    Loaded whole = Load(csv);
    EXPECT_EQ(whole.Res.Errors, 1) << Dump(whole.Res);
    EXPECT_EQ(whole.Tl.Events.size(), 2u);
    for (size_t piece = 1; piece <= 5; piece++) {
        Timeline tl;
        LoadResult res;
        LoadStream* st = LoadBegin(csv.data(), csv.size(), LoadOptions(), &tl, &res);
        for (size_t have = piece; have < csv.size(); have += piece)
            ASSERT_TRUE(LoadFeed(st, have)) << piece;
        bool ok = LoadFinish(st, csv.size());
        EXPECT_EQ(ok, whole.Ok) << piece;
        EXPECT_EQ(Dump(res), Dump(whole.Res)) << piece;
        EXPECT_EQ(res.Format, SourceFormat_TimelineJS3Sheet) << piece;
        ASSERT_EQ(tl.Events.size(), whole.Tl.Events.size()) << piece;
        for (size_t i = 0; i < tl.Events.size(); i++) {
            EXPECT_TRUE(tl.Events[i].Start() == whole.Tl.Events[i].Start()) << piece;
            EXPECT_EQ(Str(tl, tl.Events[i].Title), Str(whole.Tl, whole.Tl.Events[i].Title)) << piece;
            EXPECT_EQ(Str(tl, tl.Events[i].Text), Str(whole.Tl, whole.Tl.Events[i].Text)) << piece;
        }
    }
}

// CSV is told by its header row; everything else is read as JSON, with the errors it had.
TEST(LoadSheet, ToldFromJson)
{
    EXPECT_EQ(Load("[\"a\",\"Year\"]").Res.Format, SourceFormat_VisTimeline);  // JSON with a "Year" on its first line
    Loaded j = Load("[\"a\",\"Year\"]");
    EXPECT_FALSE(j.Ok);
    EXPECT_EQ(Load("  \"Year\",Headline\n1990,a\n").Res.Format, SourceFormat_TimelineJS3Sheet);
    Loaded header_only = Load("Year,Headline\n");  // a sheet without rows is still a sheet
    EXPECT_TRUE(header_only.Ok) << Dump(header_only.Res);
    EXPECT_EQ(header_only.Res.Format, SourceFormat_TimelineJS3Sheet);
    Loaded text = Load("Date,Event\n2020,a\n");  // not a sheet, and not JSON
    EXPECT_FALSE(text.Ok);
    ASSERT_FALSE(text.Res.Diagnostics.empty());
    EXPECT_EQ(text.Res.Diagnostics[0].Line, 1);
    EXPECT_EQ(text.Res.Diagnostics[0].Column, 1);
    EXPECT_EQ(text.Res.Format, SourceFormat_Chronoscope);
    // JSON is known by its first byte, and binary data by its first control character, without waiting for a
    // line end: input that cannot load stops a stream at once
    for (const std::string& bad : { std::string("\n  {\"events\": [x, 3, "), std::string("\xEF\xBB\xBF[1, x, 3, "),
                                     std::string("PK\x03\x04 zip, 3, ") }) {
        Timeline tl;
        LoadResult res;
        LoadStream* st = LoadBegin(bad.data(), bad.size() + 100, LoadOptions(), &tl, &res);
        EXPECT_FALSE(LoadFeed(st, bad.size())) << bad;
        LoadAbandon(st);
    }
}

// A file named *.csv is read as CSV: one that is not a TimelineJS3 sheet hears so, not a JSON syntax error.
TEST(LoadSheet, FileNamedCsv)
{
    char dir[] = "/tmp/cs_sheet_XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    std::string good = std::string(dir) + "/story.CSV", bad = std::string(dir) + "/other.csv";
    FILE* f = fopen(good.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    fputs("Year,Headline\n1990,a\n", f);
    fclose(f);
    f = fopen(bad.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    fputs("Date,Event\n2020,a\n", f);
    fclose(f);
    Timeline tl;
    LoadResult res;
    EXPECT_TRUE(LoadTimelineFile(good.c_str(), LoadOptions(), &tl, &res)) << Dump(res);
    EXPECT_EQ(tl.Events.size(), 1u);
    EXPECT_FALSE(LoadTimelineFile(bad.c_str(), LoadOptions(), &tl, &res));
    EXPECT_NE(Dump(res).find("needs a \"Year\" column"), std::string::npos) << Dump(res);
    unlink(good.c_str());
    unlink(bad.c_str());
    rmdir(dir);
}
