// The packer's line reader (core/load/load_internal.h: LineLoader): a plain line read at once (ReadPlain) must give
// what the full way (the JSON reader, record builder and ReadOwnEvent) gives for it, and every other line must go the
// full way. Each line here, and every one-byte change of it, is read both ways and compared.
#include "core/load/load_internal.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

using namespace chronoscope;
using namespace chronoscope::load;

namespace {

std::vector<Group> TestGroups()
{
    std::vector<Group> g(3);
    g[0].Id = "g0";
    g[1].Id = "g1";
    g[2].Id = "Ünïcode group";
    return g;
}

// What a line read says, as text, for comparing the two ways.
std::string Reading(LineLoader& ll, const std::string& line, bool* plain)
{
    *plain = !ll.NoPlain && ll.ReadPlain(line.data(), line.size());
    const int st = ll.Read(line.data(), line.size());
    std::string s = "result " + std::to_string(st) + "\n";
    if (st == LineLoader::Line_Failed) {
        for (const Diagnostic& d : ll.LineRes.Diagnostics)
            s += std::to_string(d.Line) + ":" + std::to_string(d.Column) + " " + d.Message + "\n";
        return s;
    }
    if (st != LineLoader::Line_Event)
        return s;
    char ev[sizeof(Event) * 2 + 1];
    for (size_t i = 0; i < sizeof(Event); i++)
        snprintf(ev + 2 * i, 3, "%02x", ((const unsigned char*)&ll.Ev)[i]);
    s += std::string("event ") + ev + "\n";
    s += "color " + std::to_string(ll.Color) + " id [" + std::string(ll.IdAt, ll.IdLen) + "]\n";
    s += "title [" + std::string(ll.Title()) + "] text [" + std::string(ll.Text()) + "]\n";
    s += "object " + std::to_string(ll.ObjectAt) + " " + std::to_string(ll.ObjectLen) + "\n";
    for (int c : ll.Own.Tags)
        s += "tag [" + std::string(ll.Rec->Nodes[c].String()) + "]\n";
    s += "fields " + std::to_string(ll.Own.Id) + " " + std::to_string(ll.Own.Title) + " " + std::to_string(ll.Own.Text) +
         " " + std::to_string(ll.Own.Group) + " " + std::to_string(ll.Own.Link) + " " + std::to_string(ll.Own.DisplayDate) +
         " " + std::to_string(ll.Own.Milestone) + "\n";
    // the record, node by node (a container's Bool, Int and Num are the builder's leftovers: not compared)
    // (the builder clears its record, Count 0, once handed on: its nodes stay, up to the root's Last)
    const Record& r = *ll.Rec;
    const int count = r.Nodes[0].Last + 1;
    s += "record " + std::to_string(count) + "\n";
    for (int i = 0; i < count; i++) {
        const Node& n = r.Nodes[i];
        s += std::to_string(n.Type) + " key " + std::to_string(n.KeyId) + " [" + n.Key + "] at " + std::to_string(n.Start) +
             " parent " + std::to_string(n.Parent) + " last " + std::to_string(n.Last);
        if (n.Type != Node_Object && n.Type != Node_Array)
            s += " bool " + std::to_string(n.Bool) + " int " + std::to_string(n.Int) + " num " + std::to_string(n.Num);
        if (n.Type == Node_String)
            s += " [" + std::string(n.String()) + "] view " + std::to_string(n.View != nullptr);
        s += "\n";
    }
    return s;
}

// The lines both ways: the same reading; returns how many were read the plain way.
int Compare(const std::vector<std::string>& lines)
{
    LineLoader fast, full;
    fast.Begin(TestGroups(), 10);
    full.Begin(TestGroups(), 10);
    full.NoPlain = true;
    int plain = 0;
    for (const std::string& line : lines) {
        bool p = false, q = false;
        const std::string a = Reading(fast, line, &p);
        const std::string b = Reading(full, line, &q);
        EXPECT_EQ(a, b) << "line: " << line;
        if (a != b)
            return -1;
        plain += p;
    }
    return plain;
}

const char* const kLines[] = {
    R"({ "id": "e1", "start": "1909-05-25", "end": "1911-04-22", "title": "Little Petition of the Baltic", "group": "g1" })",
    R"({ "id": "e0", "start": "1533-03-23", "title": "The Forgotten Dispute", "group": "g4" })",
    R"({"id":"e2","start":"1533","title":"t","group":"g0"})",
    R"({ "id": "e3", "start": "2020-08-21T09:30:15Z", "end": "2020-08-21T09:30:15", "title": "same", "text": "body text" })",
    R"({ "id": "e4", "start": "1800", "milestone": true, "tags": ["war", "", "peace"], "title": "m" })",
    R"({ "id": "e5", "start": "1800", "milestone": false, "tags": [], "title": "" })",
    R"(  {  "start" : "0001-01-01" ,"end":"9999-12-31"  , "title":"Чбыйшмвсш Анюяэуь 💡 🗿 نغتزز سدبنل", "group": "Ünïcode group"}  )",
    "{\t\"start\":\t\"2000-02-29\",\r\"title\": \"tabs\"}\r",
    R"({ "id": "", "start": "1999-12", "group": "" })",
    R"({ "id": "e6", "start": "1900-02-29", "title": "not a leap day" })",
    R"({ "id": "e7", "start": "2001", "end": "2000", "title": "end before start" })",
    R"({ "id": "e8", "start": "2001", "group": "nope" })",
    R"({ "id": "e9", "start": "2001", "title": "dup", "title": "again" })",
    R"({ "id": "e10", "start": "2001", "title": "esc \" aped \u00e9 \n" })",
    R"({ "id": 11, "start": "2001", "group": 1 })",
    R"({ "id": "e12", "start": 1950, "end": 1960.5 })",
    R"({ "id": "e13", "start": "-0500", "end": "+12345-01-01" })",
    R"({ "id": "e14", "start": "2001", "end": null, "title": null })",
    R"({ "id": "e15", "start": "2001", "color": "#ff0000", "link": "https://example.com", "display_date": "x" })",
    R"({ "id": "e16", "start": "2001", "media": { "url": "u" }, "_own": 1, "unknown": [1, {"a": 2}] })",
    R"({ "id": "e17", "start_date": { "year": 2001 }, "text": { "headline": "tjs" } })",
    R"({ "id": "e18", "start": "2001", "content": "vis" })",
    R"({ "id": "e19", "start": "2001", "milestone": "yes", "tags": "x" })",
    R"({ "id": "e20", "start": "2001", "tags": ["a", 1, ["b"]] })",
    R"({ "id": "e21", "start": "2001", "title": "trailing", })",
    R"({ "id": "e22", "start": "2001" } x)",
    R"({ "id": "e23", "start": "2001" }})",
    R"([{ "id": "e24", "start": "2001" }])",
    R"("just a string")",
    R"({})",
    R"({ "title": "no start" })",
    R"({ "id": "e25", "start": "2001-13-01" })",
    R"({ "id": "e26", "start": "2001-02-30T25:00" })",
    R"({ "id": "e27", "start": "20010101" })",
    R"({ "id": "e28", "start": "2001-01-01T00:00:00.5Z" })",
    R"({ "id": "e29", "start": "2001-01-01Z" })",
    "\xEF\xBB\xBF{ \"id\": \"bom\", \"start\": \"2001\" }",
    "{ \"id\": \"bad utf8 \xC3\x28\", \"start\": \"2001\" }",
    "{ \"id\": \"ctrl \x01\", \"start\": \"2001\" }",
    R"({ "id": "e30", "start": "2001", "milestone": tru })",
    R"({ "id": "e31", "start": "2001", "milestone": truex })",
    R"({ "mileston": "2001", "start": "2001" })",
    R"({ "milestones": true, "start": "2001" })",
    R"({ "ids": "x", "start": "2001", "tagsx": [] })",
    R"({ "start": "2001", "id":"e32"})",
    R"({ "start": "2001", "id":""})",
    R"({"start":"2001"})",
    R"({"end":"2001","start":"2001"})",
    "",
    "   ",
    "{",
    "{ \"start\": \"2001\"",
};

} // namespace

TEST(LineLoader, PlainLinesReadAsTheFullWay)
{
    std::vector<std::string> lines(std::begin(kLines), std::end(kLines));
    lines.push_back(std::string("{ \"start\": \"2001\", \"title\": \"a raw NUL \0 byte\" }", 46));
    lines.push_back(std::string("{ \"start\": \"2001\" }\0", 20));
    const int plain = Compare(lines);
    EXPECT_EQ(plain, 11);   // the plain way is taken where it can be (the lines above marked so)
}

// Every line above with each byte changed to one of a few that matter to JSON, or dropped, or the line cut there:
// the two ways still agree (thousands of lines, most of them broken or unusual).
TEST(LineLoader, PlainLinesOneByteChangedReadAsTheFullWay)
{
    static const char kBytes[] = { '"', '\\', '{', '}', '[', ']', ',', ':', ' ', '\t', '0', 't', 'x', '\x80', '\xC3', '\0' };
    std::vector<std::string> lines;
    for (const char* base : kLines) {
        const std::string s = base;
        for (size_t i = 0; i < s.size(); i++) {
            for (char c : kBytes) {
                std::string t = s;
                t[i] = c;
                lines.push_back(t);
            }
            lines.push_back(s.substr(0, i) + s.substr(i + 1));
            lines.push_back(s.substr(0, i));
        }
    }
    const int plain = Compare(lines);
    EXPECT_GT(plain, 1000);
}
