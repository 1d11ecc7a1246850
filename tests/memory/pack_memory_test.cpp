// The packer's memory cap (core/pack.h PackOptions::MemoryBytes), measured. This binary replaces operator new and
// delete with ones that count the bytes live (malloc_usable_size: what the allocator really hands out), which is why
// it is a binary of its own. It packs a generated JSON Lines set at a cap small enough that every stage spills (the
// event sort, the word lists, the ids, the text pages in passes), checks that the most the packer held at once
// stays under the cap, and that the files are byte for byte those of a pack that never spills.
#include "core/generate.h"
#include "core/pack.h"

#include "../unit/files.h"

#include <gtest/gtest.h>

#include <ftw.h>
#include <malloc.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <new>
#include <string>

namespace {

std::atomic<size_t> g_live{ 0 }, g_peak{ 0 };

void* Counted(size_t n)
{
    void* p = malloc(n ? n : 1);
    if (!p)
        throw std::bad_alloc();
    const size_t now = g_live.fetch_add(malloc_usable_size(p), std::memory_order_relaxed) + malloc_usable_size(p);
    size_t peak = g_peak.load(std::memory_order_relaxed);
    while (now > peak && !g_peak.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {
    }
    return p;
}
void Uncounted(void* p)
{
    if (p) {
        g_live.fetch_sub(malloc_usable_size(p), std::memory_order_relaxed);
        free(p);
    }
}

} // namespace

void* operator new(size_t n) { return Counted(n); }
void* operator new[](size_t n) { return Counted(n); }
void operator delete(void* p) noexcept { Uncounted(p); }
void operator delete[](void* p) noexcept { Uncounted(p); }
void operator delete(void* p, size_t) noexcept { Uncounted(p); }
void operator delete[](void* p, size_t) noexcept { Uncounted(p); }

namespace chronoscope {
namespace {

struct TempDir {
    std::string Path;
    TempDir()
    {
        char t[] = "/tmp/cs_pack_memory_XXXXXX";
        Path = mkdtemp(t);
    }
    ~TempDir()
    {
        nftw(Path.c_str(), [](const char* p, const struct stat*, int, struct FTW*) { return remove(p); }, 16,
             FTW_DEPTH | FTW_PHYS);
    }
    std::string operator/(const char* name) const { return Path + "/" + name; }
};

void WriteTo(void* user, const char* data, size_t n) { fwrite(data, 1, n, (FILE*)user); }

TEST(PackMemory, EveryStageStaysUnderTheCapAndWritesTheSameFiles)
{
    TempDir tmp;
    GenerateParams gp;
    gp.Count = 300000;     // about 40 MB of JSON Lines, 30 MB of sort records
    gp.RangePercent = 3;   // few ranges: the covers they hold back (until they end) stay small beside the cap
    FILE* f = fopen((tmp / "in.jsonl").c_str(), "wb");
    ASSERT_TRUE(f);
    GenerateTimeline(gp, true, WriteTo, f);
    fclose(f);
    PackOptions opt;
    opt.LeafEvents = 256;
    opt.Fanout = 4;
    opt.Bins = 32;   // the tree's open nodes stay small beside the cap
    PackStats whole, capped;
    std::string err;
    ASSERT_TRUE(PackTimeline((tmp / "in.jsonl").c_str(), (tmp / "whole").c_str(), opt, &whole, &err)) << err;
    EXPECT_EQ(whole.SortRuns + whole.WordRuns + whole.IdRuns, 0u);
    EXPECT_EQ(whole.TextPasses, 1u);

    opt.MemoryBytes = (size_t)6 << 20;
    const size_t before = g_live.load();
    g_peak.store(before);
    ASSERT_TRUE(PackTimeline((tmp / "in.jsonl").c_str(), (tmp / "capped").c_str(), opt, &capped, &err)) << err;
    const size_t peak = g_peak.load() - before;
    EXPECT_LE(peak, opt.MemoryBytes) << "at most " << (peak >> 10) << " KB were live at once";
    printf("cap %zu KB: at most %zu KB live; %llu sort runs, %llu word runs, %llu id runs, %llu text passes\n",
           opt.MemoryBytes >> 10, peak >> 10, (unsigned long long)capped.SortRuns,
           (unsigned long long)capped.WordRuns, (unsigned long long)capped.IdRuns,
           (unsigned long long)capped.TextPasses);
    // every stage had to spill
    EXPECT_GT(capped.SortRuns, 1u);
    EXPECT_GT(capped.WordRuns, 1u);
    EXPECT_GT(capped.IdRuns, 1u);
    EXPECT_GT(capped.TextPasses, 1u);

    std::map<std::string, std::string> a = test::FilesUnder(tmp / "whole"), b = test::FilesUnder(tmp / "capped");
    ASSERT_EQ(a.size(), b.size());
    for (const auto& kv : a) {
        auto it = b.find(kv.first);
        ASSERT_NE(it, b.end()) << kv.first;
        EXPECT_TRUE(it->second == kv.second) << kv.first << " differs";
    }
}

} // namespace
} // namespace chronoscope
