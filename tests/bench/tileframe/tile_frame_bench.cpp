// Tile frame benchmark (native, core only): replays a view path over a packed set (fit-all, zoom in to about a day
// at the middle, pans, zoom out, pans across the whole extent) and times what a frame of the tiled viewer spends
// outside the widget: taking tiles in (TileSetArrived), decoding big covers a slice at a time (TileSetDecodeSome,
// after the frame), building the window (TileSetBuildWindowSome, with its index). Times are the thread's CPU time.
// It names the slowest steps: each call of those is one step of the engine's (no step should take more than a few
// ms, whatever the set's size).
//
// The heap is measured as the web engine's is: wasm memory is one heap grown at its top (sbrk) that never shrinks,
// so its size is the high-water mark of what was live plus the holes between. Here glibc is told to serve every
// block from the same one heap (no mmap for big blocks, no trimming), the files are mapped (not on the heap, as
// the page's fetched bytes are not), and each arrival hands over its bytes in a block of their own
// (TileSetArrivedOwned, as tiles.js does): "heap" is how far the heap's top went, "live" the most bytes in blocks at
// once.
//
//   cs_tile_frame_bench DIR [--width 1280] [--budget MS] [--decode MS] [--decode-frame MS] [--heap-log]
//       --budget        the window build's budget per frame (default 3, 0: all at once)
//       --decode        the budget of one call decoding covers after a frame (2, as the page's calls)
//       --decode-frame  calls after a frame until this much is spent (8, as the page; at least one call)
//       --cache         the tile cache's size in MB (TileSetOptions::CacheBytes; default its default)
//       --heap-log      each step that grew the heap's top
#include "core/file_bytes.h"
#include "core/index.h"
#include "core/tileset.h"

#include <algorithm>
#include <fcntl.h>
#include <malloc.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <ctime>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

using namespace chronoscope;

// the thread's CPU time (the machine may be shared: wall time would count the others' work)
static double Now()
{
    timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static double Q(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, (size_t)(p * v.size()))];
}

// The heap's top and the bytes live in blocks, their highest so far (Heap() after each step).
static char*  g_base = nullptr;
static size_t g_top = 0, g_live = 0;
static bool g_log = false;   // --heap-log: each step that moved the top up, with what was live then
static void Heap(const char* what = "")
{
    const size_t top = (size_t)((char*)sbrk(0) - g_base), live = (size_t)mallinfo2().uordblks;
    if (g_log && top > g_top + (1u << 20))
        printf("  heap top %.1f MB (+%.1f), live %.1f MB: %s\n", top / 1048576.0, (top - g_top) / 1048576.0,
               live / 1048576.0, what);
    g_top = std::max(g_top, top);
    g_live = std::max(g_live, live);
}

// A file's bytes, mapped (off the heap).
struct Mapped {
    const uint8_t* P = nullptr;
    size_t N = 0;
    bool Open(const std::string& path)
    {
        Close();
        const int fd = open(path.c_str(), O_RDONLY);
        if (fd < 0)
            return false;
        struct stat st;
        if (fstat(fd, &st) == 0 && st.st_size > 0) {
            void* p = mmap(nullptr, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
            if (p != MAP_FAILED) {
                P = (const uint8_t*)p;
                N = (size_t)st.st_size;
            }
        } else if (fstat(fd, &st) == 0) {
            P = (const uint8_t*)"";
        }
        close(fd);
        return P != nullptr;
    }
    void Close()
    {
        if (N)
            munmap((void*)P, N);
        P = nullptr;
        N = 0;
    }
    ~Mapped() { Close(); }
};

int main(int argc, char** argv)
{
    mallopt(M_MMAP_MAX, 0);
    mallopt(M_TRIM_THRESHOLD, -1);
    mallopt(M_TOP_PAD, 0);
    g_base = (char*)sbrk(0);
    if (argc < 2) {
        fprintf(stderr, "usage: cs_tile_frame_bench DIR [--width PX] [--budget MS]\n");
        return 2;
    }
    std::string dir = argv[1];
    if (dir.back() != '/')
        dir += '/';
    double width = 1280, budget = 3.0, decode = 2.0, decode_frame = 8.0, cache_mb = 0;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--width") && i + 1 < argc)
            width = atof(argv[i + 1]);
        if (!strcmp(argv[i], "--budget") && i + 1 < argc)
            budget = atof(argv[i + 1]);
        if (!strcmp(argv[i], "--decode") && i + 1 < argc)
            decode = atof(argv[i + 1]);
        if (!strcmp(argv[i], "--decode-frame") && i + 1 < argc)
            decode_frame = atof(argv[i + 1]);
        if (!strcmp(argv[i], "--cache") && i + 1 < argc)
            cache_mb = atof(argv[i + 1]);
        if (!strcmp(argv[i], "--heap-log"))
            g_log = true;
    }
    std::vector<uint8_t> bytes;
    if (!ReadFileBytes((dir + "manifest.json").c_str(), (size_t)1 << 30, &bytes, nullptr)) {
        fprintf(stderr, "%smanifest.json: cannot read\n", dir.c_str());
        return 1;
    }
    TileSetOptions opt;
    if (cache_mb > 0)
        opt.CacheBytes = (size_t)(cache_mb * 1048576);
    TileSet* ts = TileSetCreate(opt);
    std::string err;
    if (!TileSetOpen(ts, (const char*)bytes.data(), bytes.size(), &err)) {
        fprintf(stderr, "%s\n", err.c_str());
        return 1;
    }
    const TileManifest& m = TileSetManifest(ts);
    View v;
    v.Width = width;
    ViewFit(&v, m.Min, m.Max, 0.02);
    const View fit = v;
    // the path: one view per frame
    std::vector<View> path;
    path.push_back(fit);
    const double day_zoom = std::pow(86400.0 / fit.Span, 1.0 / 24);
    for (int i = 0; i < 24; i++) {   // zoom in to about a day, 4 frames per wheel step
        for (int k = 0; k < 4; k++) {
            ViewZoom(&v, std::pow(day_zoom, 0.25), width / 2);
            path.push_back(v);
        }
    }
    for (int i = 0; i < 120; i++) {   // pan back and forth
        ViewPan(&v, std::sin(i * 0.1) * 30);
        path.push_back(v);
    }
    for (int i = 0; i < 24; i++)
        for (int k = 0; k < 4; k++) {
            ViewZoom(&v, std::pow(1 / day_zoom, 0.25), width / 2);
            path.push_back(v);
        }
    // across the whole extent at a sixteenth of it
    View s = fit;
    ViewSetRange(&s, m.Min, m.Min + DurationFromSeconds(ToSeconds(m.Max - m.Min) / 16));
    for (int i = 0; i < 20 * 16; i++) {
        ViewPan(&s, -width * 0.8 / 16);
        path.push_back(s);
    }

    TimelineData data;
    TileWindow win;
    std::vector<double> arrive_frame, build_frame, start_frame, total_frame, one_arrive, decode_step, all_steps;
    size_t max_events = 0, builds = 0, tiles = 0;
    uint64_t bytes_in = 0;
    std::vector<TileRequest> req;
    Mapped file;
    struct Slow { double Ms; size_t Bytes; std::string Path; };
    std::vector<Slow> slowest;   // the tiles slowest to take in
    std::vector<Slow> steps;     // the slowest steps of any kind (Path: what it was)
    auto step = [&](double ms, size_t bytes, const std::string& what) {
        all_steps.push_back(ms);
        steps.push_back(Slow{ ms, bytes, what });
        std::sort(steps.begin(), steps.end(), [](const Slow& x, const Slow& y) { return x.Ms > y.Ms; });
        if (steps.size() > 5)
            steps.pop_back();
    };
    for (const View& pv : path) {
        double a = 0, b = 0;
        // requests are answered within the frame (a fast disk); the frame then rebuilds once
        for (int round = 0; round < 1; round++) {
            TileSetUpdate(ts, pv);
            TileSetTakeRequests(ts, &req);
            for (const TileRequest& r : req) {
                if (!file.Open(dir + r.Path)) {
                    TileSetFailed(ts, r.Path.c_str(), "missing");
                    continue;
                }
                // (the bytes in a block of their own, handed over, as the page does)
                uint8_t* in = (uint8_t*)malloc(std::max<size_t>(1, file.N));
                memcpy(in, file.P, file.N);
                const double t0 = Now();
                std::string e;
                TileSetArrivedOwned(ts, r.Path.c_str(), in, file.N, &e);
                const double dt = Now() - t0;
                Heap(("arrived " + r.Path).c_str());
                const size_t n_bytes = file.N;
                a += dt;
                one_arrive.push_back(dt);
                slowest.push_back(Slow{ dt, n_bytes, r.Path });
                std::sort(slowest.begin(), slowest.end(), [](const Slow& x, const Slow& y) { return x.Ms > y.Ms; });
                if (slowest.size() > 5)
                    slowest.pop_back();
                step(dt, n_bytes, "arrived " + r.Path);
                tiles++;
                bytes_in += n_bytes;
            }
        }
        TileSetUpdate(ts, pv);
        if (TileSetBuildingWindow(ts) || TileSetWindowChanged(ts)) {
            // as the app does: a frame's budget of the build at a time (the first step copies the tiles' events)
            const bool starts = !TileSetBuildingWindow(ts);
            const double t0 = Now();
            const bool done = TileSetBuildWindowSome(ts, &data, &win, budget);
            b = Now() - t0;
            Heap(starts ? "window build's first step" : done ? "window build's last step" : "window build step");
            if (starts)
                start_frame.push_back(b);
            step(b, 0, starts ? "window build's first step" : done ? "window build's last step" : "window build step");
            if (done) {
                builds++;
                max_events = std::max(max_events, data.Tl.Events.size());
            }
        }
        // after the frame: the covers taken in and not all decoded, calls of `decode` ms until `decode_frame` ms
        // are spent (at least one call)
        for (double spent = 0; TileSetDecoding(ts) && (spent == 0 || spent < decode_frame);) {
            const double t0 = Now();
            std::string e;
            TileSetDecodeSome(ts, decode, &e);
            const double dt = Now() - t0;
            Heap("cover decode step");
            decode_step.push_back(dt);
            a += dt;
            spent += dt;
            step(dt, 0, "cover decode step");
        }
        arrive_frame.push_back(a);
        build_frame.push_back(b);
        total_frame.push_back(a + b);
    }
    printf("%zu frames, %zu tiles (%.1f MB), %zu window builds, largest window %zu events\n", path.size(), tiles,
           bytes_in / 1048576.0, builds, max_events);
    printf("per frame p50/p95/max: arrive %.2f/%.2f/%.2f ms, build %.2f/%.2f/%.2f ms (budget %.1f; a build's first "
           "step %.2f/%.2f/%.2f), total %.2f/%.2f/%.2f\n",
           Q(arrive_frame, .5), Q(arrive_frame, .95), Q(arrive_frame, 1), Q(build_frame, .5), Q(build_frame, .95),
           Q(build_frame, 1), budget, Q(start_frame, .5), Q(start_frame, .95), Q(start_frame, 1), Q(total_frame, .5),
           Q(total_frame, .95), Q(total_frame, 1));
    printf("one tile's arrival p50/p95/max: %.2f/%.2f/%.2f ms; slowest:", Q(one_arrive, .5), Q(one_arrive, .95), Q(one_arrive, 1));
    for (const Slow& sl : slowest)
        printf(" %s (%.0f KB) %.2f ms", sl.Path.c_str(), sl.Bytes / 1024.0, sl.Ms);
    printf("\n");
    printf("cover decode steps (budget %.1f ms a call, %.1f after a frame): %zu, p50/p95/max %.2f/%.2f/%.2f ms\n", decode,
           decode_frame, decode_step.size(), Q(decode_step, .5), Q(decode_step, .95), Q(decode_step, 1));
    const TileSetStats st = TileSetGetStats(ts);
    printf("heap %.1f MB (its top's high-water mark), live at most %.1f MB; at the end the cache holds %.1f MB in %d "
           "tiles, the window %zu events\n", g_top / 1048576.0, g_live / 1048576.0, st.CacheBytes / 1048576.0, st.Nodes,
           data.Tl.Events.size());
    printf("engine steps: %zu, p95 %.2f ms, worst %.2f ms; slowest steps:", all_steps.size(), Q(all_steps, .95),
           steps.empty() ? 0.0 : steps[0].Ms);
    for (const Slow& sl : steps)
        printf(" %s %.2f ms;", sl.Path.c_str(), sl.Ms);
    printf("\n");
    TileSetDestroy(ts);
    return 0;
}
