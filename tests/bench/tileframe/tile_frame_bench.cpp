// Tile frame benchmark (native, core only): replays a view path over a packed set (fit-all, zoom in to about a day
// at the middle, pans, zoom out, pans across the whole extent) and times what a frame of the tiled viewer spends
// outside the widget: taking tiles in (TileSetArrived), decoding big covers a slice at a time (TileSetDecodeSome,
// after the frame), building the window (TileSetBuildWindowSome, with its index). Times are the thread's CPU time.
// It names the slowest steps: each call of those is one step of the engine's (no step should take more than a few
// ms, whatever the set's size).
//
//   cs_tile_frame_bench DIR [--width 1280] [--budget MS] [--decode MS]   (the window build's budget per frame,
//                                        default 3, 0: all at once; the covers' decoding budget after a frame, 4)
#include "core/file_bytes.h"
#include "core/index.h"
#include "core/tileset.h"

#include <algorithm>
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

int main(int argc, char** argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: cs_tile_frame_bench DIR [--width PX] [--budget MS]\n");
        return 2;
    }
    std::string dir = argv[1];
    if (dir.back() != '/')
        dir += '/';
    double width = 1280, budget = 3.0, decode = 4.0;
    for (int i = 2; i + 1 < argc; i++) {
        if (!strcmp(argv[i], "--width"))
            width = atof(argv[i + 1]);
        if (!strcmp(argv[i], "--budget"))
            budget = atof(argv[i + 1]);
        if (!strcmp(argv[i], "--decode"))
            decode = atof(argv[i + 1]);
    }
    std::vector<uint8_t> bytes;
    if (!ReadFileBytes((dir + "manifest.json").c_str(), (size_t)1 << 30, &bytes, nullptr)) {
        fprintf(stderr, "%smanifest.json: cannot read\n", dir.c_str());
        return 1;
    }
    TileSet* ts = TileSetCreate();
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
    std::vector<double> arrive_frame, build_frame, start_frame, total_frame, one_arrive, decode_step;
    size_t max_events = 0, builds = 0, tiles = 0;
    uint64_t bytes_in = 0;
    std::vector<TileRequest> req;
    struct Slow { double Ms; size_t Bytes; std::string Path; };
    std::vector<Slow> slowest;   // the tiles slowest to take in
    std::vector<Slow> steps;     // the slowest steps of any kind (Path: what it was)
    auto step = [&](double ms, size_t bytes, const std::string& what) {
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
                if (!ReadFileBytes((dir + r.Path).c_str(), (size_t)1 << 30, &bytes, nullptr)) {
                    TileSetFailed(ts, r.Path.c_str(), "missing");
                    continue;
                }
                const double t0 = Now();
                std::string e;
                TileSetArrived(ts, r.Path.c_str(), bytes.data(), bytes.size(), &e);
                const double dt = Now() - t0;
                a += dt;
                one_arrive.push_back(dt);
                slowest.push_back(Slow{ dt, bytes.size(), r.Path });
                std::sort(slowest.begin(), slowest.end(), [](const Slow& x, const Slow& y) { return x.Ms > y.Ms; });
                if (slowest.size() > 5)
                    slowest.pop_back();
                step(dt, bytes.size(), "arrived " + r.Path);
                tiles++;
                bytes_in += bytes.size();
            }
        }
        TileSetUpdate(ts, pv);
        if (TileSetBuildingWindow(ts) || TileSetWindowChanged(ts)) {
            // as the app does: a frame's budget of the build at a time (the first step copies the tiles' events)
            const bool starts = !TileSetBuildingWindow(ts);
            const double t0 = Now();
            const bool done = TileSetBuildWindowSome(ts, &data, &win, budget);
            b = Now() - t0;
            if (starts)
                start_frame.push_back(b);
            step(b, 0, starts ? "window build's first step" : done ? "window build's last step" : "window build step");
            if (done) {
                builds++;
                max_events = std::max(max_events, data.Tl.Events.size());
            }
        }
        // after the frame: the covers taken in and not all decoded, a budget's worth
        if (TileSetDecoding(ts)) {
            const double t0 = Now();
            std::string e;
            TileSetDecodeSome(ts, decode, &e);
            const double dt = Now() - t0;
            decode_step.push_back(dt);
            a += dt;
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
    printf("cover decode steps (budget %.1f ms): %zu, p50/p95/max %.2f/%.2f/%.2f ms\n", decode, decode_step.size(),
           Q(decode_step, .5), Q(decode_step, .95), Q(decode_step, 1));
    printf("worst engine step %.2f ms; slowest steps:", steps.empty() ? 0.0 : steps[0].Ms);
    for (const Slow& sl : steps)
        printf(" %s %.2f ms;", sl.Path.c_str(), sl.Ms);
    printf("\n");
    TileSetDestroy(ts);
    return 0;
}
