// The pack benchmark (printed, not a timed test): generates JSON Lines sets with chronoscope-gen's data
// (core/generate.h), packs each with PackTimeline (core/pack.h) in a child process of its own (so each peak
// resident set and CPU time is its own), and prints per set, beside issue 14's floors: events per CPU-second (the
// rate per core: on a shared machine the fair figure) and per wall-second, CPU seconds, peak RSS (VmHWM), seconds
// per stage, and bytes per event of each part (per level of the tree, text pages, search and id shards).
//
//   cs_pack_bench [--sizes 1m,10m] [--100m] [--dir DIR] [--memory MB] [--keep] [--groups G --ranges P --bursts P]
//                 [--cached-io]
//
// Defaults: --sizes 1m,10m; --100m adds 100m (about 13 GB of input, 18 GB of output). A temporary --dir is removed
// after. A set already generated in DIR (DIR/1m.jsonl) is reused; packs go to DIR/1m/ ... and stay with --keep (the
// browser benchmark reads them). --groups/--ranges/--bursts generate another shape of data (core/generate.h), in
// files named after it (1m-g50-r60-b50.jsonl). --cached-io packs through the page cache (PackOptions::DirectIo = false),
// to pair with the default.
// Floors (issue 14): >= 1M events/s per core, peak RSS <= 2 GB at 100M.
#include "core/generate.h"
#include "core/pack.h"
#include "core/tiles.h"

#include <dirent.h>
#include <ftw.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

using namespace chronoscope;

namespace {

int RemoveOne(const char* path, const struct stat*, int, struct FTW*) { return remove(path); }

struct DirSize {
    uint64_t Files = 0, Bytes = 0;
};
DirSize Measure(const std::string& dir)
{
    DirSize s;
    if (DIR* d = opendir(dir.c_str())) {
        while (dirent* e = readdir(d)) {
            struct stat st;
            std::string p = dir + "/" + e->d_name;
            if (e->d_name[0] != '.' && stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
                s.Files++;
                s.Bytes += (uint64_t)st.st_size;
            }
        }
        closedir(d);
    }
    return s;
}

uint64_t ParseSize(const std::string& s)
{
    double v = atof(s.c_str());
    char unit = s.empty() ? 0 : s.back();
    if (unit == 'k' || unit == 'K') v *= 1e3;
    if (unit == 'm' || unit == 'M') v *= 1e6;
    if (unit == 'b' || unit == 'B' || unit == 'g' || unit == 'G') v *= 1e9;
    return (uint64_t)v;
}

void Write(void* user, const char* data, size_t n) { fwrite(data, 1, n, (FILE*)user); }

bool g_cached_io = false;

int PackOne(const std::string& in, const std::string& out, size_t memory)
{
    PackOptions opt;
    opt.DirectIo = !g_cached_io;
    if (memory)
        opt.MemoryBytes = memory;
    PackStats st;
    std::string err;
    if (!PackTimeline(in.c_str(), out.c_str(), opt, &st, &err)) {
        fprintf(stderr, "%s\n", err.c_str());
        return 1;
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double cpu = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
    double user = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6;
    const double ev = (double)st.Events;
    printf("  %llu events from %.1f MB (%.0f bytes/event)\n", (unsigned long long)st.Events, st.InputBytes / 1e6,
           st.InputBytes / std::max(ev, 1.0));
    printf("  per CPU-second: %.3f M events/s (floor 1.00 per core)  [%.1f CPU-s: %.1f user + %.1f system]\n",
           ev / cpu / 1e6, cpu, user, cpu - user);
    printf("  per wall-second: %.3f M events/s  [%.1f s wall; %.2f CPUs busy on average]\n", ev / st.Seconds / 1e6,
           st.Seconds, cpu / st.Seconds);
    printf("  peak RSS (VmHWM): %.0f MB (floor at 100M: 2048)\n", st.PeakBytes / 1048576.0);
    printf("  input read %s\n", st.DirectRead ? "past the page cache (direct)" : "through the page cache");
    printf("  stages (wall s): read+parse+sort runs %.1f | sort/merge start %.1f | tree+shards %.1f | text pages %.1f\n",
           st.ReadSeconds, st.SortSeconds, st.WriteSeconds - st.SortSeconds - st.TextSeconds, st.TextSeconds);
    std::string mj;
    if (FILE* f = fopen((out + "/manifest.json").c_str(), "rb")) {
        char buf[65536];
        size_t n;
        while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
            mj.append(buf, n);
        fclose(f);
    }
    TileManifest m;
    if (!ReadTileManifest(mj.data(), mj.size(), &m, &err)) {
        fprintf(stderr, "%s\n", err.c_str());
        return 1;
    }
    printf("  bytes per event: tiles %.2f, text pages %.2f, search %.2f (whole pack %.2f)\n", st.TileBytes / std::max(ev, 1.0),
           st.TextBytes / std::max(ev, 1.0), st.ShardBytes / std::max(ev, 1.0),
           (st.TileBytes + st.TextBytes + st.ShardBytes) / std::max(ev, 1.0));
    printf("  tree: %u levels, %u events a leaf, fanout %u\n", m.Levels, m.LeafEvents, m.Fanout);
    for (uint32_t l = 0; l < m.Levels; l++) {
        DirSize d = Measure(out + "/t/" + std::to_string(l));
        printf("    level %u: %8llu tiles, %10.1f MB, %7.2f bytes/event, %8.0f bytes/tile\n", l,
               (unsigned long long)d.Files, d.Bytes / 1e6, (double)d.Bytes / std::max<uint64_t>(m.Events, 1),
               (double)d.Bytes / std::max<uint64_t>(d.Files, 1));
    }
    DirSize x = Measure(out + "/x"), s = Measure(out + "/s"), i = Measure(out + "/i");
    printf("    text pages: %6llu files, %10.1f MB, %7.2f bytes/event\n", (unsigned long long)x.Files, x.Bytes / 1e6,
           (double)x.Bytes / std::max<uint64_t>(m.Events, 1));
    printf("    search:     %6llu shards, %9.1f MB, %7.2f bytes/event\n", (unsigned long long)s.Files, s.Bytes / 1e6,
           (double)s.Bytes / std::max<uint64_t>(m.Events, 1));
    printf("    ids:        %6llu shards, %9.1f MB, %7.2f bytes/event\n", (unsigned long long)i.Files, i.Bytes / 1e6,
           (double)i.Bytes / std::max<uint64_t>(m.Events, 1));
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    std::string sizes = "1m,10m", dir;
    size_t memory = 0;
    bool keep = false;
    GenerateParams shape;
    bool shaped = false;
    for (int i = 1; i < argc; i++) {
        std::string a = argv[i];
        if (a == "--sizes" && i + 1 < argc)
            sizes = argv[++i];
        else if (a == "--dir" && i + 1 < argc)
            dir = argv[++i];
        else if (a == "--memory" && i + 1 < argc)
            memory = (size_t)atoll(argv[++i]) << 20;
        else if (a == "--keep")
            keep = true;
        else if (a == "--cached-io")
            g_cached_io = true;
        else if (a == "--100m")
            sizes += ",100m";
        else if ((a == "--groups" || a == "--ranges" || a == "--bursts") && i + 1 < argc) {
            int v = atoi(argv[++i]);
            (a == "--groups" ? shape.Groups : a == "--ranges" ? shape.RangePercent : shape.BurstPercent) = v;
            shaped = true;
        } else {
            fprintf(stderr, "usage: cs_pack_bench [--sizes 1m,10m] [--100m] [--dir DIR] [--memory MB] [--keep] "
                            "[--groups G --ranges P --bursts P] [--cached-io]\n");
            return 2;
        }
    }
    bool temp = dir.empty();
    if (temp) {
        char tmpl[] = "/tmp/cs-pack-bench-XXXXXX";
        dir = mkdtemp(tmpl);
        keep = false;
    }
    mkdir(dir.c_str(), 0755);
    int status = 0;
    size_t at = 0;
    while (at <= sizes.size()) {
        size_t comma = sizes.find(',', at);
        std::string name = sizes.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
        at = comma == std::string::npos ? sizes.size() + 1 : comma + 1;
        uint64_t n = ParseSize(name);
        if (!n)
            continue;
        if (shaped)
            name += "-g" + std::to_string(shape.Groups) + "-r" + std::to_string(shape.RangePercent) + "-b" +
                    std::to_string(shape.BurstPercent);
        std::string in = dir + "/" + name + ".jsonl", out = dir + "/" + name;
        struct stat st;
        if (stat(in.c_str(), &st) != 0) {
            auto t0 = std::chrono::steady_clock::now();
            FILE* f = fopen(in.c_str(), "wb");
            if (!f) {
                fprintf(stderr, "cannot write %s\n", in.c_str());
                return 1;
            }
            GenerateParams gp = shape;
            gp.Count = (size_t)n;
            GenerateTimeline(gp, true, Write, f);
            fclose(f);
            printf("%s: generated in %.1f s\n", in.c_str(),
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
        }
        printf("pack %s -> %s/ (groups %d, ranges %d%%, bursts %d%%)\n", in.c_str(), out.c_str(), shape.Groups,
               shape.RangePercent, shape.BurstPercent);
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) {
            int rc = PackOne(in, out, memory);
            fflush(stdout);
            _exit(rc);
        }
        int ws = 0;
        waitpid(pid, &ws, 0);
        if (!WIFEXITED(ws) || WEXITSTATUS(ws) != 0)
            status = 1;
        if (!keep)
            nftw(out.c_str(), RemoveOne, 16, FTW_DEPTH | FTW_PHYS);
    }
    if (temp)
        nftw(dir.c_str(), RemoveOne, 16, FTW_DEPTH | FTW_PHYS);
    return status;
}
