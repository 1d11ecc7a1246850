// Conformance: JSONTestSuite's parsing cases and TimelineJS3's sample timelines. The npm corpora (tests/corpora)
// always run; the shared folder's byte-exact JSONTestSuite and TimelineJS3 examples run where it is present and
// are skipped where it is absent (corpora.h).
#include "core/load.h"
#include "core/time.h"

#include "corpora.h"
#include "test_util.h"

#include <gtest/gtest.h>

#include <cstring>
#include <set>
#include <string>
#include <vector>

using namespace chronoscope;
using namespace chronoscope::test;

namespace {

struct Verdicts {
    int Y = 0, N = 0, I = 0, IAccepted = 0, LoadFailed = 0;
};

// Every case of a test_parsing folder: y_ accepted, n_ rejected at a line and column, i_ either way without a
// crash; LoadTimeline reads each without a crash and places every diagnostic it gives a place.
void CheckJsonTestSuite(const std::string& dir, size_t min_cases, Verdicts* v)
{
    std::vector<std::string> files = ListFiles(dir);
    ASSERT_GE(files.size(), min_cases) << "too few cases in " << dir;
    for (const std::string& name : files) {
        std::string data;
        ASSERT_TRUE(ReadFile(dir + "/" + name, &data)) << name;
        Diagnostic err;
        bool ok = CheckJsonSyntax(data.data(), data.size(), &err);
        if (name[0] == 'y') {
            v->Y++;
            EXPECT_TRUE(ok) << name << ": " << FormatDiagnostic(name.c_str(), err);
        } else if (name[0] == 'n') {
            v->N++;
            EXPECT_FALSE(ok) << name << " accepted";
            if (!ok) {
                EXPECT_GE(err.Line, 1) << name;
                EXPECT_GE(err.Column, 1) << name;
            }
        } else if (name[0] == 'i') {
            v->I++;
            if (ok)
                v->IAccepted++;
        } else {
            ADD_FAILURE() << name << " is not a y_, n_ or i_ case";
        }
        Timeline tl;
        LoadResult res;
        if (!LoadTimeline(data.data(), data.size(), LoadOptions(), &tl, &res)) {
            v->LoadFailed++;
            for (const Diagnostic& d : res.Diagnostics)
                if (d.Line != 0 || d.Column != 0) {
                    EXPECT_GE(d.Line, 1) << name;
                    EXPECT_GE(d.Column, 1) << name;
                }
        }
    }
    printf("[ conformance ] %s: %d y_, %d n_, %d i_ (%d accepted); LoadTimeline failed on %d\n", dir.c_str(), v->Y,
           v->N, v->I, v->IAccepted, v->LoadFailed);
}

// Loads one TimelineJS3 file: it must load as TimelineJS3, with events, in time order.
void LoadTimelineJS3(const std::string& path, const std::string& name, Timeline* tl)
{
    std::string data;
    ASSERT_TRUE(ReadFile(path, &data)) << path;
    LoadResult res;
    bool ok = LoadTimeline(data.data(), data.size(), LoadOptions(), tl, &res);
    EXPECT_TRUE(ok) << name << "\n" << Dump(res);
    EXPECT_GT(tl->Events.size(), 0u) << name;
    EXPECT_EQ(res.Format, SourceFormat_TimelineJS3) << name;
    for (size_t k = 1; k < tl->Events.size(); k++)
        EXPECT_TRUE(tl->Events[k - 1].Start() <= tl->Events[k].Start()) << name << " not sorted at " << k;
}

int64_t StartYear(const Event& e) { return CivilFromInstant(e.Start()).year; }

bool HasBigBang(const Timeline& tl)
{
    for (const Event& e : tl.Events)
        if (StartYear(e) < -13.0e9 && StartYear(e) > -14.5e9)
            return true;
    return false;
}

} // namespace

TEST(Conformance, JSONTestSuite)
{
    CS_NPM_CORPUS(dir, "JSONTestSuite/test_parsing");
    Verdicts v;
    CheckJsonTestSuite(dir, kNpmJsonTestSuiteCases, &v);
    EXPECT_GE(v.Y, 95);
    EXPECT_GE(v.N, 176);
    EXPECT_GE(v.I, 22);
}

// The original bytes, the invalid UTF-8 and UTF-16 cases included.
TEST(Conformance, JSONTestSuiteByteExact)
{
    CS_SHARED_CORPUS(dir, "conformance/JSONTestSuite/test_parsing");
    Verdicts v;
    CheckJsonTestSuite(dir, kSharedJsonTestSuiteCases, &v);
    EXPECT_GE(v.Y, 95);
    EXPECT_GE(v.N, 188);
    EXPECT_GE(v.I, 35);
}

// TimelineJS3's own templates (src/template/*.json of @knight-lab/timelinejs).
TEST(Conformance, TimelineJS3Templates)
{
    CS_NPM_CORPUS(dir, "timelinejs3");
    std::vector<std::string> files = ListFiles(dir);
    std::set<std::string> seen;
    for (const std::string& name : files) {
        SCOPED_TRACE(name);
        Timeline tl;
        LoadTimelineJS3(dir + "/" + name, name, &tl);
        seen.insert(name);
        for (const Event& e : tl.Events)
            EXPECT_EQ(strstr(tl.Str(e.Text), "<p>"), nullptr) << "HTML left in the text of " << tl.Str(e.Title);
        if (name == "cosmo.json") {
            EXPECT_EQ(tl.Events.size(), 7u);
            EXPECT_TRUE(HasBigBang(tl)) << "no event around -13.8e9 years";
            bool range = false;  // the Phanerozoic's first eras, -538.8 to -251.9 million years
            for (const Event& e : tl.Events)
                if (e.IsRange() && StartYear(e) == -538800000 && CivilFromInstant(e.End()).year == -251902000)
                    range = true;
            EXPECT_TRUE(range) << "no range from -538,800,000 to -251,902,000";
        } else if (name == "cosmo-mixed.json") {
            EXPECT_EQ(tl.Events.size(), 11u);
            EXPECT_TRUE(HasBigBang(tl)) << "no event around -13.8e9 years";
            bool moon = false;  // a day on the same axis as the Big Bang
            for (const Event& e : tl.Events) {
                CivilTime c = CivilFromInstant(e.Start());
                if (c.year == 1969 && c.month == 7 && c.day == 20 && e.StartPrecision() == Precision_Day)
                    moon = true;
            }
            EXPECT_TRUE(moon) << "no event on 1969-07-20 at day precision";
        } else if (name == "eras.json") {
            EXPECT_EQ(tl.Events.size(), 20u);
            ASSERT_EQ(tl.Eras.size(), 3u);
            for (size_t k = 0; k < tl.Eras.size(); k++) {
                EXPECT_TRUE(tl.Eras[k].Start <= tl.Eras[k].End) << k;
                EXPECT_FALSE(tl.Eras[k].Label.empty()) << k;
                if (k > 0) {
                    EXPECT_TRUE(tl.Eras[k - 1].Start <= tl.Eras[k].Start) << "eras not sorted at " << k;
                }
            }
            EXPECT_EQ(CivilFromInstant(tl.Eras[0].Start).year, 600);
        } else if (name == "all-media-types.json") {
            EXPECT_EQ(tl.Events.size(), 41u);
            EXPECT_EQ(tl.Groups.size(), 5u);  // Video, Social Media, Audio, HTML, Image
            size_t grouped = 0, media = 0;
            for (const Event& e : tl.Events) {
                if (e.Group != kNoGroup) {
                    grouped++;
                    EXPECT_LT(e.Group, tl.Groups.size());
                }
                if (e.Extra != kNoExtra && tl.Extras[e.Extra].MediaUrl != 0)
                    media++;
            }
            EXPECT_GT(grouped, 20u);
            EXPECT_GT(media, 35u);
        }
    }
    for (const char* name : { "all-media-types.json", "cosmo-mixed.json", "cosmo.json", "eras.json" })
        EXPECT_TRUE(seen.count(name)) << name << " missing from " << dir;
}

// The examples of TimelineJS3's repository (compiled/examples and contrib/).
TEST(Conformance, TimelineJS3Samples)
{
    CS_SHARED_CORPUS(dir, "conformance/timelinejs3");
    std::vector<std::string> files = ListFiles(dir);
    ASSERT_FALSE(files.empty()) << "no .json in " << dir;
    bool saw_cosmo = false, saw_ms = false, saw_groups = false;
    for (const std::string& name : files) {
        SCOPED_TRACE(name);
        Timeline tl;
        LoadTimelineJS3(dir + "/" + name, name, &tl);
        if (name == "cosmological.json") {
            saw_cosmo = true;
            EXPECT_TRUE(HasBigBang(tl)) << "no event around -13.8e9 years";
        } else if (name == "milliseconds.json") {
            saw_ms = true;
            bool ms_prec = false, sub_second = false;
            for (const Event& e : tl.Events) {
                EXPECT_EQ(e.StartNsec % 1000000, 0);
                if (e.StartPrecision() == Precision_Millisecond)
                    ms_prec = true;
                if (e.StartNsec != 0)
                    sub_second = true;
            }
            EXPECT_TRUE(ms_prec) << "no event kept millisecond precision";
            EXPECT_TRUE(sub_second) << "no event has a millisecond part";
        } else if (name == "group_sample.json") {
            saw_groups = true;
            EXPECT_GT(tl.Groups.size(), 0u);
            size_t grouped = 0;
            for (const Event& e : tl.Events)
                if (e.Group != kNoGroup) {
                    grouped++;
                    EXPECT_LT(e.Group, tl.Groups.size());
                }
            EXPECT_GT(grouped, 0u);
        }
    }
    EXPECT_TRUE(saw_cosmo) << "cosmological.json missing";
    EXPECT_TRUE(saw_ms) << "milliseconds.json missing";
    EXPECT_TRUE(saw_groups) << "group_sample.json missing";
}

// Real files written by other people for TimelineJS3 and vis-timeline (../shared/conformance/realworld): each loads
// with the number of events its README's table says the original tool shows, and with warnings at most (what the
// original tolerates is never an error here). The table is read from the README, so a file added there is checked.
TEST(Conformance, RealWorldFiles)
{
    CS_SHARED_CORPUS(dir, "conformance/realworld");
    std::string readme;
    ASSERT_TRUE(ReadFile(dir + "/README.md", &readme)) << dir << "/README.md";
    // rows "| name.json | format | N | notes |"
    std::vector<std::pair<std::string, size_t>> table;
    size_t at = 0;
    while (at < readme.size()) {
        size_t end = readme.find('\n', at);
        if (end == std::string::npos)
            end = readme.size();
        std::string line = readme.substr(at, end - at);
        at = end + 1;
        std::vector<std::string> cells;
        size_t p = 0;
        while ((p = line.find('|', p)) != std::string::npos) {
            size_t q = line.find('|', p + 1);
            if (q == std::string::npos)
                break;
            std::string c = line.substr(p + 1, q - p - 1);
            c.erase(0, c.find_first_not_of(' '));
            c.erase(c.find_last_not_of(' ') + 1);
            cells.push_back(c);
            p = q;
        }
        if (cells.size() >= 3 && cells[0].find('.') != std::string::npos && cells[0] != "file" &&
            cells[2].find_first_not_of("0123456789") == std::string::npos && !cells[2].empty())
            table.emplace_back(cells[0], (size_t)std::stoul(cells[2]));
    }
    ASSERT_GE(table.size(), 4u) << "the README's table has too few rows";
    std::set<std::string> listed;
    for (const auto& row : table) {
        SCOPED_TRACE(row.first);
        listed.insert(row.first);
        std::string data;
        ASSERT_TRUE(ReadFile(dir + "/" + row.first, &data)) << row.first;
        Timeline tl;
        LoadResult res;
        bool ok = LoadTimeline(data.data(), data.size(), LoadOptions(), &tl, &res);
        EXPECT_TRUE(ok) << row.first << "\n" << Dump(res);
        EXPECT_EQ(res.Errors, 0) << Dump(res);
        EXPECT_EQ(tl.Events.size(), row.second) << row.first << "\n" << Dump(res);
        printf("[ conformance ] %s: %zu events, %d warnings\n", row.first.c_str(), tl.Events.size(), res.Warnings);
    }
    for (const char* name : { "tjs-streamlit-example.json", "tjs-ganaderia-cuba-es.json", "vis-geometry-dash.json",
                              "vis-worldcup-2014.json" })
        EXPECT_TRUE(listed.count(name)) << name << " missing from the README's table";
}
