// Reading files in tests: a file's bytes as a string, and every file of a folder (e.g. two packs to compare).
#pragma once

#include "core/file_bytes.h"

#include <gtest/gtest.h>

#include <ftw.h>
#include <sys/stat.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace chronoscope {
namespace test {

inline bool ReadFile(const std::string& path, std::string* out)
{
    std::vector<uint8_t> bytes;
    const bool ok = ReadFileBytes(path.c_str(), (size_t)1 << 31, &bytes, nullptr);
    out->assign(bytes.begin(), bytes.end());
    return ok;
}

inline std::string ReadAll(const std::string& path)
{
    std::string s;
    ReadFile(path, &s);
    return s;
}

// Every regular file under dir, by its path relative to dir, with its bytes (e.g. a pack, to compare two).
inline std::map<std::string, std::string> FilesUnder(const std::string& dir)
{
    static std::map<std::string, std::string>* files;
    static size_t skip;
    std::map<std::string, std::string> out;
    files = &out;
    skip = dir.size() + 1;
    nftw(dir.c_str(), [](const char* path, const struct stat* st, int type, struct FTW*) -> int {
        if (type == FTW_F && S_ISREG(st->st_mode))
            (*files)[std::string(path).substr(skip)] = ReadAll(path);
        return 0;
    }, 16, FTW_PHYS);
    return out;
}

// Whether got holds exactly want's files, byte for byte (e.g. two packs of one input): the first file missing, extra
// or different is named.
inline ::testing::AssertionResult SameFiles(const std::map<std::string, std::string>& want,
                                            const std::map<std::string, std::string>& got)
{
    for (const auto& f : want) {
        auto it = got.find(f.first);
        if (it == got.end())
            return ::testing::AssertionFailure() << f.first << " is missing";
        if (it->second != f.second)
            return ::testing::AssertionFailure() << f.first << " differs";
    }
    for (const auto& f : got)
        if (!want.count(f.first))
            return ::testing::AssertionFailure() << f.first << " is extra";
    return ::testing::AssertionSuccess();
}

} // namespace test
} // namespace chronoscope
