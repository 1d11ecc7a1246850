// Where the unit tests find their conformance corpora, and reading them.
//
//   SharedDir()   extra corpora beside the clone (../shared: CI has it, a user's clone does not), or the folder
//                 named by the environment variable CS_SHARED_DIR. Tests on it are skipped where it is absent.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <dirent.h>
#include <string>
#include <sys/stat.h>
#include <vector>

namespace chronoscope {
namespace test {

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

inline bool ReadFile(const std::string& path, std::string* out)
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

inline std::string ReadAll(const std::string& path)
{
    std::string s;
    ReadFile(path, &s);
    return s;
}

// The cases of JSONTestSuite's test_parsing.
static const size_t kSharedJsonTestSuiteCases = 318;

} // namespace test
} // namespace chronoscope

// The folder SUB of the shared corpora. Skips the test where the shared folder is absent; fails it where the
// shared folder is there without SUB.
#define CS_SHARED_CORPUS(dir, sub)                                                                                  \
    if (!::chronoscope::test::IsDir(::chronoscope::test::SharedDir()))                                             \
        GTEST_SKIP() << "no shared corpora: " << ::chronoscope::test::SharedDir()                                  \
                     << " is absent (CI has ../shared beside the clone; CS_SHARED_DIR=DIR names another)";         \
    const std::string dir = ::chronoscope::test::SharedDir() + "/" + (sub);                                       \
    ASSERT_TRUE(::chronoscope::test::IsDir(dir)) << "the shared folder has no " << (sub) << ": " << dir
