// JSON Lines (LoadOptions::JsonLines): the loader reads the packer's .jsonl input, the same timeline as the JSON
// document of the same data, with every problem at its LINE:COL in the file, whole or fed in pieces.
#include "core/generate.h"
#include "core/load.h"
#include "test_util.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <unistd.h>

using namespace chronoscope;
using namespace chronoscope::test;

namespace {

LoadOptions Lines()
{
    LoadOptions o;
    o.JsonLines = true;
    return o;
}

std::string Generated(const GenerateParams& gp, bool jsonl)
{
    std::string s;
    GenerateTimeline(gp, jsonl, [](void* u, const char* d, size_t n) { ((std::string*)u)->append(d, n); }, &s);
    return s;
}

void ExpectSameTimeline(const Timeline& a, const Timeline& b)
{
    EXPECT_EQ(a.Title, b.Title);
    ASSERT_EQ(a.Groups.size(), b.Groups.size());
    for (size_t g = 0; g < a.Groups.size(); g++)
        EXPECT_EQ(a.Groups[g].Id, b.Groups[g].Id);
    ASSERT_EQ(a.Events.size(), b.Events.size());
    ASSERT_EQ(a.Eras.size(), b.Eras.size());
    for (size_t i = 0; i < a.Events.size(); i++) {
        ASSERT_EQ(a.Events[i].Start(), b.Events[i].Start()) << i;
        ASSERT_EQ(a.Events[i].End(), b.Events[i].End()) << i;
        ASSERT_EQ(a.Events[i].Group, b.Events[i].Group) << i;
        ASSERT_STREQ(a.Str(a.Events[i].Title), b.Str(b.Events[i].Title)) << i;
        ASSERT_STREQ(a.Str(a.Events[i].Id), b.Str(b.Events[i].Id)) << i;
    }
}

} // namespace

TEST(JsonLines, TheSameTimelineAsTheDocumentOfTheSameData)
{
    for (int groups : { 1, 6, 40 }) {
        GenerateParams gp;
        gp.Count = 3000;
        gp.Seed = 9;
        gp.Groups = groups;
        gp.TitleScripts = groups == 40 ? ~0u : 0u;
        Loaded doc = Load(Generated(gp, false));
        Loaded lines = Load(Generated(gp, true), Lines());
        ASSERT_TRUE(doc.Ok) << Dump(doc.Res);
        ASSERT_TRUE(lines.Ok) << Dump(lines.Res);
        ExpectSameTimeline(lines.Tl, doc.Tl);
    }
}

TEST(JsonLines, WithoutAFieldsLineBlankLinesAndCrlf)
{
    const std::string text = "\xEF\xBB\xBF\n{\"id\": \"a\", \"start\": \"2020-01-01\", \"title\": \"A\"}\r\n\r\n  \n"
                             "{\"id\": \"b\", \"start\": \"2021-01-01\", \"end\": \"2022\", \"title\": \"B\"}   \n\n";
    Loaded l = Load(text, Lines());
    ASSERT_TRUE(l.Ok) << Dump(l.Res);
    ASSERT_EQ(l.Tl.Events.size(), 2u);
    EXPECT_STREQ(l.Tl.Str(l.Tl.Events[1].Title), "B");
    // the last line without its newline
    Loaded m = Load("{\"title\": \"T\"}\n{\"start\": \"1999\", \"title\": \"X\"}", Lines());
    ASSERT_TRUE(m.Ok) << Dump(m.Res);
    EXPECT_EQ(m.Tl.Title, "T");
    EXPECT_EQ(m.Tl.Events.size(), 1u);
}

TEST(JsonLines, ErrorsAtTheirPlaceInTheFile)
{
    const std::string head = "{\"title\": \"T\", \"groups\": [{\"id\": \"g\", \"label\": \"G\"}]}\n";
    struct Case { std::string Body; std::string Want; };
    const Case cases[] = {
        // a bad date on line 3
        { "{\"id\": \"a\", \"start\": \"2020\"}\n{\"id\": \"b\", \"start\": \"2020-13-01\"}\n", "f.json:3:22: error:" },
        // an unknown group on line 2
        { "{\"start\": \"2020\", \"group\": \"nope\"}\n", "f.json:2:" },
        // something after a line's value
        { "{\"start\": \"2020\"} {\"start\": \"2021\"}\n", "f.json:2:19: error: unexpected '{'; expected the end of the line" },
        // a value over two lines
        { "{\"start\": \"2020\",\n\"title\": \"x\"}\n", "f.json:2:18: error: a value goes on past the end of its line" },
        // a line that is not an object
        { "[1, 2]\n", "f.json:2:1: error:" },
        // a syntax error
        { "{\"start\": \"2020\", }\n", "f.json:2:19: error: a trailing comma" },
    };
    for (const Case& c : cases) {
        Loaded l = Load(head + c.Body, Lines());
        EXPECT_FALSE(l.Ok) << c.Body;
        EXPECT_NE(Dump(l.Res).find(c.Want), std::string::npos) << c.Body << "\n" << Dump(l.Res);
    }
    // events in the first line's fields
    Loaded h = Load("{\"title\": \"T\", \"events\": [{\"start\": \"2020\"}]}\n{\"start\": \"2021\"}\n", Lines());
    EXPECT_FALSE(h.Ok);
    EXPECT_NE(Dump(h.Res).find("f.json:1:27: error: the first line holds the timeline's fields"), std::string::npos)
        << Dump(h.Res);
    // without the option the same text is one value followed by more
    Loaded d = Load(head + "{\"start\": \"2020\"}\n");
    EXPECT_FALSE(d.Ok);
    EXPECT_NE(Dump(d.Res).find("f.json:2:1: error: unexpected '{'; expected the end of the input"), std::string::npos)
        << Dump(d.Res);
}

// Fed in pieces (a download, a FIFO): the same timeline and the same errors as the whole, however it is cut.
TEST(JsonLines, PiecesGiveTheSameAsTheWhole)
{
    GenerateParams gp;
    gp.Count = 2000;
    gp.Seed = 4;
    const std::string good = Generated(gp, true);
    std::string bad = good;
    const size_t at = bad.find("\"start\": \"", bad.size() / 2) + 10;
    bad.replace(at, 4, "20x0");
    std::string junk = good;
    junk.insert(junk.find('\n', junk.size() / 3), " 7");
    for (const std::string* text : { &good, (const std::string*)&bad, (const std::string*)&junk }) {
        Loaded whole = Load(*text, Lines());
        for (size_t piece : { (size_t)1, (size_t)13, (size_t)4096 }) {
            Timeline tl;
            LoadResult res;
            LoadStream* st = LoadBegin(text->data(), text->size(), Lines(), &tl, &res);
            bool fed = true;
            for (size_t have = piece; have < text->size() && fed; have += piece)
                fed = LoadFeed(st, have);
            const bool ok = LoadFinish(st, text->size());
            EXPECT_EQ(ok, whole.Ok) << piece;
            EXPECT_EQ(Dump(res), Dump(whole.Res)) << piece;
            if (whole.Ok)
                ExpectSameTimeline(tl, whole.Tl);
        }
    }
}

// A file named .jsonl is read as JSON Lines
TEST(JsonLines, AFileNamedJsonl)
{
    char path[] = "/tmp/cs-jsonl-XXXXXX";
    const int fd = mkstemp(path);
    ASSERT_GE(fd, 0);
    close(fd);
    const std::string named = std::string(path) + ".jsonl";
    ASSERT_EQ(rename(path, named.c_str()), 0);
    std::ofstream(named) << "{\"title\": \"T\"}\n{\"start\": \"2020\", \"title\": \"A\"}\n{\"start\": \"2021\", \"title\": \"B\"}\n";
    Timeline tl;
    LoadResult res;
    EXPECT_TRUE(LoadTimelineFile(named.c_str(), LoadOptions(), &tl, &res)) << Dump(res);
    EXPECT_EQ(tl.Events.size(), 2u);
    EXPECT_EQ(tl.Title, "T");
    unlink(named.c_str());
}
