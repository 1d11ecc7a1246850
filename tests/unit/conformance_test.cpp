// Conformance: the JSONTestSuite parsing corpus and sample TimelineJS3 files (CS_SHARED_DIR/conformance).
#include "core/load.h"
#include "core/time.h"

#include "test_util.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <dirent.h>
#include <string>
#include <sys/stat.h>
#include <vector>

using namespace chronoscope;
using namespace chronoscope::test;

namespace {

std::string SharedDir() { return CS_SHARED_DIR; }

bool IsDir(const std::string& p)
{
    struct stat st;
    return stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::vector<std::string> ListFiles(const std::string& dir, const std::string& suffix)
{
    std::vector<std::string> out;
    DIR* d = opendir(dir.c_str());
    if (!d)
        return out;
    while (dirent* e = readdir(d)) {
        std::string n = e->d_name;
        if (n.size() >= suffix.size() && n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0)
            out.push_back(n);
    }
    closedir(d);
    std::sort(out.begin(), out.end());
    return out;
}

bool ReadFile(const std::string& path, std::string* out)
{
    FILE* f = fopen(path.c_str(), "rb");
    if (!f)
        return false;
    out->clear();
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        out->append(buf, n);
    fclose(f);
    return true;
}

} // namespace

TEST(Conformance, SharedDirExists)
{
    ASSERT_TRUE(IsDir(SharedDir() + "/conformance"))
        << "CS_SHARED_DIR conformance data missing: " << SharedDir() << "/conformance does not exist";
}

TEST(Conformance, JSONTestSuiteParsing)
{
    const std::string dir = SharedDir() + "/conformance/JSONTestSuite/test_parsing";
    ASSERT_TRUE(IsDir(dir)) << "missing JSONTestSuite corpus: " << dir;
    std::vector<std::string> files = ListFiles(dir, ".json");
    ASSERT_GT(files.size(), 100u) << "too few files in " << dir;
    int y = 0, n = 0, i = 0, i_accepted = 0, load_failed = 0;
    for (const std::string& name : files) {
        std::string data;
        ASSERT_TRUE(ReadFile(dir + "/" + name, &data)) << name;
        Diagnostic err;
        bool ok = CheckJsonSyntax(data.data(), data.size(), &err);
        if (name[0] == 'y') {
            y++;
            EXPECT_TRUE(ok) << name << ": " << FormatDiagnostic(name.c_str(), err);
        } else if (name[0] == 'n') {
            n++;
            EXPECT_FALSE(ok) << name << " accepted";
            if (!ok) {
                EXPECT_GE(err.Line, 1) << name;
                EXPECT_GE(err.Column, 1) << name;
            }
        } else if (name[0] == 'i') {
            i++;
            if (ok)
                i_accepted++;
        }
        Timeline tl;
        LoadResult res;
        if (!LoadTimeline(data.data(), data.size(), LoadOptions(), &tl, &res)) {
            load_failed++;
            for (const Diagnostic& d : res.Diagnostics)
                if (d.Line != 0 || d.Column != 0) {
                    EXPECT_GE(d.Line, 1) << name;
                    EXPECT_GE(d.Column, 1) << name;
                }
        }
    }
    RecordProperty("y_files", y);
    RecordProperty("n_files", n);
    RecordProperty("i_files", i);
    RecordProperty("i_accepted", i_accepted);
    SCOPED_TRACE("y=" + std::to_string(y) + " n=" + std::to_string(n) + " i=" + std::to_string(i) +
                 " (accepted " + std::to_string(i_accepted) + ") load_failed=" + std::to_string(load_failed));
    EXPECT_GT(y, 0);
    EXPECT_GT(n, 0);
    printf("[ conformance ] JSONTestSuite: %d y_, %d n_, %d i_ (%d accepted); LoadTimeline failed on %d\n", y, n, i,
           i_accepted, load_failed);
}

TEST(Conformance, TimelineJS3Samples)
{
    const std::string dir = SharedDir() + "/conformance/timelinejs3";
    ASSERT_TRUE(IsDir(dir)) << "missing TimelineJS3 samples: " << dir;
    std::vector<std::string> files = ListFiles(dir, ".json");
    ASSERT_FALSE(files.empty()) << "no .json in " << dir;
    bool saw_cosmo = false, saw_ms = false, saw_groups = false;
    for (const std::string& name : files) {
        SCOPED_TRACE(name);
        std::string data;
        ASSERT_TRUE(ReadFile(dir + "/" + name, &data));
        Timeline tl;
        LoadResult res;
        bool ok = LoadTimeline(data.data(), data.size(), LoadOptions(), &tl, &res);
        EXPECT_TRUE(ok) << name << "\n" << Dump(res);
        EXPECT_GT(tl.Events.size(), 0u) << name;
        EXPECT_EQ(res.Format, SourceFormat_TimelineJS3) << name;
        for (size_t k = 1; k < tl.Events.size(); k++)
            EXPECT_TRUE(tl.Events[k - 1].Start() <= tl.Events[k].Start()) << name << " not sorted at " << k;
        if (name == "cosmological.json") {
            saw_cosmo = true;
            bool found = false;
            for (const Event& e : tl.Events) {
                int64_t yr = CivilFromInstant(e.Start()).year;
                if (yr < -13.0e9 && yr > -14.5e9)
                    found = true;
            }
            EXPECT_TRUE(found) << "no event around -13.8e9 years";
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
