// The packer's memory cap (core/pack.h PackOptions::MemoryBytes), measured. This binary replaces operator new and
// delete with ones that count the bytes live (malloc_usable_size: what the allocator really hands out), which is why
// it is a binary of its own. It packs generated JSON Lines sets at a cap small enough that every stage spills (the
// event sort, the word lists, the ids, the text pages in passes, the covers that long ranges hold back), checks that
// the most the packer held at once stays under the cap, and that the files are byte for byte those of a pack that
// never spills.
#include "core/generate.h"
#include "core/pack.h"
#include "core/time.h"

#include "../unit/files.h"

#include <gtest/gtest.h>

#include <ftw.h>
#include <malloc.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cmath>
#include <cstdlib>
#include <functional>
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
// (the packer's buffers for direct reads and writes are aligned)
void* operator new(size_t n, std::align_val_t a)
{
    void* p = aligned_alloc((size_t)a, ((n ? n : 1) + (size_t)a - 1) & ~((size_t)a - 1));
    if (!p)
        throw std::bad_alloc();
    const size_t now = g_live.fetch_add(malloc_usable_size(p), std::memory_order_relaxed) + malloc_usable_size(p);
    size_t peak = g_peak.load(std::memory_order_relaxed);
    while (now > peak && !g_peak.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {
    }
    return p;
}
void operator delete(void* p, std::align_val_t) noexcept { Uncounted(p); }
void operator delete(void* p, size_t, std::align_val_t) noexcept { Uncounted(p); }

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

// Packs a JSON Lines set (written by `make`) twice, with no cap to speak of and at 6 MB: the capped pack holds at
// most 6 MB at once and writes the same files.
void PackCappedAndWhole(const std::function<void(FILE*)>& make, PackStats* whole, PackStats* capped)
{
    TempDir tmp;
    FILE* f = fopen((tmp / "in.jsonl").c_str(), "wb");
    ASSERT_TRUE(f);
    make(f);
    fclose(f);
    PackOptions opt;
    opt.LeafEvents = 256;
    opt.Fanout = 4;
    opt.Bins = 32;   // the tree's open nodes stay small beside the cap
    std::string err;
    ASSERT_TRUE(PackTimeline((tmp / "in.jsonl").c_str(), (tmp / "whole").c_str(), opt, whole, &err)) << err;
    EXPECT_EQ(whole->SortRuns + whole->WordRuns + whole->IdRuns, 0u);
    EXPECT_EQ(whole->TextPasses, 1u);

    opt.MemoryBytes = (size_t)6 << 20;
    const size_t before = g_live.load();
    g_peak.store(before);
    ASSERT_TRUE(PackTimeline((tmp / "in.jsonl").c_str(), (tmp / "capped").c_str(), opt, capped, &err)) << err;
    const size_t peak = g_peak.load() - before;
    EXPECT_LE(peak, opt.MemoryBytes) << "at most " << (peak >> 10) << " KB were live at once";
    printf("cap %zu KB: at most %zu KB live; %llu sort runs, %llu word runs, %llu id runs, %llu text passes, "
           "%llu cover spills\n",
           opt.MemoryBytes >> 10, peak >> 10, (unsigned long long)capped->SortRuns,
           (unsigned long long)capped->WordRuns, (unsigned long long)capped->IdRuns,
           (unsigned long long)capped->TextPasses, (unsigned long long)capped->CoverRuns);

    EXPECT_TRUE(test::SameFiles(test::FilesUnder(tmp / "whole"), test::FilesUnder(tmp / "capped")));
}

TEST(PackMemory, EveryStageStaysUnderTheCapAndWritesTheSameFiles)
{
    GenerateParams gp;
    gp.Count = 300000;     // about 40 MB of JSON Lines, 30 MB of sort records
    gp.RangePercent = 3;   // few ranges: the covers stay small, the lists and ids spill
    PackStats whole, capped;
    PackCappedAndWhole([&](FILE* f) { GenerateTimeline(gp, true, WriteTo, f); }, &whole, &capped);
    // every stage had to spill
    EXPECT_GT(capped.SortRuns, 1u);
    EXPECT_GT(capped.WordRuns, 1u);
    EXPECT_GT(capped.IdRuns, 1u);
    EXPECT_GT(capped.TextPasses, 1u);
}

// Days since 1970-01-01 as "YYYY-MM-DD" (proleptic Gregorian).
std::string Day(int64_t z)
{
    int64_t y;
    int m, d;
    CivilFromDays(z, &y, &m, &d);
    char b[32];
    snprintf(b, sizeof(b), "%04lld-%02d-%02d", (long long)y, m, d);
    return b;
}

// Starts uniform over a century, 40 % ranges with durations log-uniform between a day and thirty years (the dense
// benchmark's shape, with longer ranges). A long range holds back the cover of every node it reaches until it
// ends, and the ranges that end meanwhile fill those covers: tens of MB of them wait at once.
void LongRanges(FILE* f, size_t count)
{
    static const char* kWords[] = { "treaty", "river", "crown", "harbour", "mill", "council", "comet", "bridge",
                                    "charter", "siege", "canal", "abbey", "market", "frontier", "railway", "guild" };
    uint64_t x = 88172645463325252ull;
    auto next = [&x] {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        return x;
    };
    const int64_t first = -25567, span = 36524;   // 1900-01-01, a century of days
    for (size_t i = 0; i < count; i++) {
        const int64_t start = first + (int64_t)(next() % (uint64_t)span);
        fprintf(f, "{\"id\": \"e%zu\", \"start\": \"%s\"", i, Day(start).c_str());
        if (next() % 100 < 40) {
            const double days = exp((double)(next() % 100000) / 100000.0 * log(30 * 365.25));
            fprintf(f, ", \"end\": \"%s\"", Day(start + 1 + (int64_t)days).c_str());
        }
        fprintf(f, ", \"title\": \"%s %s %s\"}\n", kWords[next() % 16], kWords[next() % 16], kWords[next() % 16]);
    }
}

TEST(PackMemory, CoversHeldBackByLongRangesSpillUnderTheCap)
{
    PackStats whole, capped;
    PackCappedAndWhole([](FILE* f) { LongRanges(f, 300000); }, &whole, &capped);
    EXPECT_EQ(whole.CoverRuns, 0u);
    EXPECT_GT(capped.CoverRuns, 1u);
}

} // namespace
} // namespace chronoscope
