// Chronoscope native benchmarks (Google Benchmark).
//
//   build-native/cs_bench                          everything, then the summary table
//   build-native/cs_bench --benchmark_filter=Load  one family
//   build-native/cs_bench --dense=DIR              only the dense-view table: the worst whole frame of each data set
//                                                  in DIR (node tests/bench/dense_data.mjs DIR writes them);
//                                                  with CS_DENSE_EVERY=1 in the environment, every view's time too
//
// Data: the seeded generator (core/generate.h), the same as the demo's 100k story and the browser benchmark.
// Families:
//   BM_Load/N            LoadTimeline of our own format; reports MB/s (bytes_per_second)
//   BM_Index/N           BuildTimelineIndex; reports bytes per event (records + index + extras, text excluded)
//   BM_Frame/N/Z         one frame of the core: visible query + layout + level of detail for a 1280-px view
//   BM_FrameUi/N/Z       one whole frame of the widget: the above + ImGui draw-list build (no GPU)
// Z: 0 = zoomed out (everything), 1 = middle (a decade), 2 = zoomed in (a week), 3 = about 1,000 events in view (the
// middle 1000/N of the extent: every N shows about as much as the 1k set zoomed out).
// After the runs, a table of frame cost at 1k..1M and the ratio frame(1M) / frame(1k) per zoom is printed.
#include "core/generate.h"
#include "core/index.h"
#include "core/layout.h"
#include "core/load.h"
#include "core/view.h"

#if defined(CS_BENCH_UI)
#include "imgui.h"
#include "app/fonts.h"
#include "ui/chronoscope.h"
#endif

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <ctime>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

using namespace chronoscope;

static const double kWidth = 1280.0;

struct Dataset {
    std::string  Json;
    TimelineData Data;
};

static Dataset& Get(size_t n)
{
    static std::map<size_t, std::unique_ptr<Dataset>> cache;
    auto it = cache.find(n);
    if (it != cache.end())
        return *it->second;
    std::unique_ptr<Dataset> d(new Dataset());
    GenerateParams gp;
    gp.Count = n;
    gp.Seed = 1;
    GenerateTimelineJson(gp, &d->Json);
    LoadResult res;
    LoadTimeline(d->Json.data(), d->Json.size(), LoadOptions(), &d->Data.Tl, &res);
    BuildTimelineIndex(d->Data.Tl, &d->Data.Index);
    Dataset& ref = *d;
    cache[n] = std::move(d);
    return ref;
}

static View ZoomView(const TimelineIndex& ix, int zoom, size_t n)
{
    View v;
    v.Width = kWidth;
    if (zoom == 0 || (zoom == 3 && n <= 1000)) {
        ViewFit(&v, ix.Min, ix.Max, 0.03);
        return v;
    }
    if (zoom == 3) {
        double ext = ToSeconds(ix.Max - ix.Min), span = ext * 1.06 * 1000.0 / (double)n;
        v.Start = ix.Min + DurationFromSeconds(ext * 0.5 - span * 0.5);
        v.Span = span;
        return v;
    }
    CivilTime c;
    c.year = 1900;
    c.month = 6;
    Instant mid = InstantFromCivil(c);
    double span = zoom == 1 ? 10 * 365.2425 * 86400.0 : 7 * 86400.0;
    v.Start = mid - DurationFromSeconds(span * 0.5);
    v.Span = span;
    return v;
}

static void BM_Load(benchmark::State& st)
{
    Dataset& d = Get((size_t)st.range(0));
    for (auto _ : st) {
        Timeline tl;
        LoadResult res;
        bool ok = LoadTimeline(d.Json.data(), d.Json.size(), LoadOptions(), &tl, &res);
        benchmark::DoNotOptimize(ok);
    }
    st.SetBytesProcessed((int64_t)st.iterations() * (int64_t)d.Json.size());
    st.counters["events"] = (double)st.range(0);
}
BENCHMARK(BM_Load)->Arg(10000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);

static void BM_Index(benchmark::State& st)
{
    Dataset& d = Get((size_t)st.range(0));
    TimelineIndex ix;
    for (auto _ : st) {
        BuildTimelineIndex(d.Data.Tl, &ix);
        benchmark::DoNotOptimize(ix.Lanes.data());
    }
    const Timeline& tl = d.Data.Tl;
    size_t extras = tl.Extras.capacity() * sizeof(EventExtra);
    for (const EventExtra& x : tl.Extras)
        extras += x.Tags.capacity() * sizeof(StrId);
    double per_event = (double)(tl.Events.capacity() * sizeof(Event) + IndexMemoryBytes(ix) + extras) / (double)tl.Events.size();
    st.counters["bytes/event"] = per_event;
    st.counters["text bytes/event"] = (double)tl.Strings.Bytes.capacity() / (double)tl.Events.size();
}
BENCHMARK(BM_Index)->Arg(1000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);

static void BM_Frame(benchmark::State& st)
{
    Dataset& d = Get((size_t)st.range(0));
    View v = ZoomView(d.Data.Index, (int)st.range(1), (size_t)st.range(0));
    Layout lay;
    LayoutParams lp;
    for (auto _ : st) {
        LayoutView(d.Data.Tl, d.Data.Index, v, lp, nullptr, &lay);
        benchmark::DoNotOptimize(lay.Marks.data());
    }
    st.counters["marks"] = (double)lay.Marks.size();
    st.counters["visible"] = (double)lay.VisibleEvents;
}
BENCHMARK(BM_Frame)->ArgsProduct({ { 1000, 10000, 100000, 1000000 }, { 0, 1, 2, 3 } })->Unit(benchmark::kMicrosecond);

#if defined(CS_BENCH_UI)
// A headless ImGui frame: the widget builds its draw lists exactly as on screen; nothing is rasterised.
struct UiHarness {
    static const ImGuiID kId = 1;
    ImGuiContext*       Ctx = nullptr;
    UiFonts             Fonts;
    const TimelineData* Shown = nullptr;
    UiHarness()
    {
        Ctx = ImGui::CreateContext();
        chronoscope::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2((float)kWidth, 720.0f);
        io.DeltaTime = 1.0f / 60.0f;
        UiBuildFonts(nullptr, "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
                     "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf", nullptr, 15.0f, 1.0f, &Fonts);
        unsigned char* px;
        int w, h;
        io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);
        TimelineStyle& style = GetStyle();
        style.Font = Fonts.Regular;
        style.FontBold = Fonts.Bold;
        style.FontSmall = Fonts.Small;
        style.FillBackground = false;  // as the product draws it (its frame is cleared with the plot's colour)
    }
    ~UiHarness()
    {
        chronoscope::DestroyContext();
        ImGui::DestroyContext(Ctx);
    }
    void Show(const TimelineData* data, const View* v)
    {
        SetCurrentTimeline(kId);
        if (data != Shown)
            SetTimelineData(data, false);
        Shown = data;
        if (v)
            SetTimelineWindow(v->Start, ViewEnd(*v));
        SetCurrentTimeline(0);
    }
    void Frame()
    {
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
        // no background: the product's host window has none (its frame is cleared), so the fill printed is the
        // widget's own
        ImGui::Begin("##bench", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBackground);
        ImGui::PopStyleVar();
        if (BeginTimeline(kId, Shown))
            EndTimeline();
        ImGui::End();
        ImGui::Render();
    }
};

static UiHarness& Ui()
{
    static UiHarness h;
    return h;
}

static void BM_FrameUi(benchmark::State& st)
{
    Dataset& d = Get((size_t)st.range(0));
    UiHarness& ui = Ui();
    ui.Show(&d.Data, nullptr);
    ui.Frame();  // settles the plot width
    View v = ZoomView(d.Data.Index, (int)st.range(1), (size_t)st.range(0));
    ui.Show(&d.Data, &v);
    size_t vtx = 0;
    for (auto _ : st) {
        ui.Frame();
        vtx = (size_t)ImGui::GetDrawData()->TotalVtxCount;
    }
    st.counters["vertices"] = (double)vtx;
}
BENCHMARK(BM_FrameUi)->ArgsProduct({ { 1000, 10000, 100000, 1000000 }, { 0, 1, 2, 3 } })->Unit(benchmark::kMicrosecond);

// An idle frame whose data holds one huge string: its cost must not grow with the string (what is visible is
// what a frame pays for). 20 events; the huge one is selected where it matters (the details panel shows it).
enum HugeCase { Huge_None, Huge_TimelineTitle, Huge_EventTitle, Huge_EventText, Huge_Tags, Huge_GroupLabel, Huge_COUNT };
static const char* const kHugeNames[Huge_COUNT] = { "nothing huge", "5 MB title", "5 MB event title",
                                                    "5 MB event text", "1M tags", "5 MB group name" };

static TimelineData& HugeData(int which)
{
    static std::unique_ptr<TimelineData> cache[Huge_COUNT];
    if (cache[which])
        return *cache[which];
    const std::string big(5u << 20, 'A');
    std::string json = "{\"title\": \"" + std::string(which == Huge_TimelineTitle ? big : "Huge strings") +
                       "\", \"groups\": [{\"id\": \"g\", \"label\": \"" + (which == Huge_GroupLabel ? big : "Group") +
                       "\"}], \"events\": [";
    for (int i = 0; i < 20; i++) {
        const bool huge = i == 10;
        json += i ? "," : "";
        json += "{\"id\": \"e" + std::to_string(i) + "\", \"start\": \"2020-01-" + std::to_string(10 + i) +
                "\", \"group\": \"g\", \"title\": \"" + (huge && which == Huge_EventTitle ? big : "Event " + std::to_string(i)) +
                "\", \"text\": \"" + (huge && which == Huge_EventText ? big : "Some text.") + "\"";
        if (huge && which == Huge_Tags) {
            json += ", \"tags\": [";
            for (int t = 0; t < 1000000; t++)
                json += t ? ",\"tag\"" : "\"tag\"";
            json += "]";
        }
        json += "}";
    }
    json += "]}";
    cache[which].reset(new TimelineData());
    LoadResult res;
    LoadTimeline(json.data(), json.size(), LoadOptions(), &cache[which]->Tl, &res);
    BuildTimelineIndex(cache[which]->Tl, &cache[which]->Index);
    return *cache[which];
}

#endif

// Median time of fn over `reps` runs, in microseconds.
template <typename Fn>
static double MedianUs(Fn fn, int reps)
{
    std::vector<double> t;
    for (int i = 0; i < reps; i++) {
        auto a = std::chrono::steady_clock::now();
        fn();
        t.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - a).count());
    }
    std::sort(t.begin(), t.end());
    return t[t.size() / 2];
}

static void PrintSummary()
{
    static const size_t sizes[] = { 1000, 10000, 100000, 1000000 };
    static const char* zooms[] = { "zoomed out", "middle", "zoomed in", "~1k in view" };
    printf("\nPer-frame cost, median of 200 frames, 1280-px view (microseconds)\n");
    printf("%-12s %-12s %10s %10s %10s %10s %12s\n", "frame", "zoom", "1k", "10k", "100k", "1M", "1M / 1k");
    for (int ui = 0; ui < 2; ui++) {
#if !defined(CS_BENCH_UI)
        if (ui)
            break;
#endif
        for (int z = 0; z < 4; z++) {
            double us[4];
            for (int k = 0; k < 4; k++) {
                Dataset& d = Get(sizes[k]);
                View v = ZoomView(d.Data.Index, z, sizes[k]);
                if (!ui) {
                    Layout lay;
                    us[k] = MedianUs([&] { LayoutView(d.Data.Tl, d.Data.Index, v, LayoutParams(), nullptr, &lay); }, 200);
                }
#if defined(CS_BENCH_UI)
                else {
                    UiHarness& h = Ui();
                    h.Show(&d.Data, nullptr);
                    h.Frame();
                    h.Show(&d.Data, &v);
                    h.Frame();
                    us[k] = MedianUs([&] { h.Frame(); }, 200);
                }
#endif
            }
            printf("%-12s %-12s %10.1f %10.1f %10.1f %10.1f %12.2f\n", ui ? "core + ImGui" : "core", zooms[z], us[0], us[1],
                   us[2], us[3], us[3] / us[0]);
        }
    }
}

#if defined(CS_BENCH_UI)
static double HugeFrameUs(int which)
{
    UiHarness& h = Ui();
    TimelineData& d = HugeData(which);
    h.Show(&d, nullptr);
    SetCurrentTimeline(UiHarness::kId);
    SetTimelineSelection(10, false);
    SetCurrentTimeline(0);
    for (int i = 0; i < 3; i++)
        h.Frame();
    return MedianUs([&] { h.Frame(); }, 30);
}
// Median CPU time of this thread running fn, over `reps` runs, in microseconds (not wall time: on a loaded machine,
// time spent waiting for a core is not the frame's cost).
template <typename Fn>
static double MedianCpuUs(Fn fn, int reps)
{
    std::vector<double> t;
    for (int i = 0; i < reps; i++) {
        timespec a, b;
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
        fn();
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b);
        t.push_back((double)(b.tv_sec - a.tv_sec) * 1e6 + (double)(b.tv_nsec - a.tv_nsec) * 1e-3);
    }
    std::sort(t.begin(), t.end());
    return t[t.size() / 2];
}

// What one draw data costs the GPU: vertices, draw calls, and fill: the pixels its triangles cover (each layer
// counted: overdraw), over the display's pixels (1.0 = every pixel painted once). Triangles wholly outside their
// clip rectangle are not counted (the rasteriser culls them).
struct DrawCost {
    int    Vertices = 0, Commands = 0, Triangles = 0, TexTriangles = 0;
    double Fill = 0.0, TexFill = 0.0;   // TexFill, TexTriangles: those that sample a texture (text, pictures)
};
static DrawCost MeasureDrawData()
{
    DrawCost c;
    const ImDrawData* dd = ImGui::GetDrawData();
    c.Vertices = dd->TotalVtxCount;
    double px = 0.0, tex_px = 0.0;
    const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
    for (int l = 0; l < dd->CmdListsCount; l++) {
        const ImDrawList* dl = dd->CmdLists[l];
        c.Commands += dl->CmdBuffer.Size;
        for (const ImDrawCmd& cmd : dl->CmdBuffer) {
            const ImVec4 r = cmd.ClipRect;
            for (unsigned i = 0; i + 2 < cmd.ElemCount; i += 3) {
                const ImDrawVert& a = dl->VtxBuffer[cmd.VtxOffset + dl->IdxBuffer[cmd.IdxOffset + i]];
                const ImDrawVert& b = dl->VtxBuffer[cmd.VtxOffset + dl->IdxBuffer[cmd.IdxOffset + i + 1]];
                const ImDrawVert& d = dl->VtxBuffer[cmd.VtxOffset + dl->IdxBuffer[cmd.IdxOffset + i + 2]];
                float x0 = std::min(a.pos.x, std::min(b.pos.x, d.pos.x)), x1 = std::max(a.pos.x, std::max(b.pos.x, d.pos.x));
                float y0 = std::min(a.pos.y, std::min(b.pos.y, d.pos.y)), y1 = std::max(a.pos.y, std::max(b.pos.y, d.pos.y));
                if (x1 <= r.x || x0 >= r.z || y1 <= r.y || y0 >= r.w)
                    continue;
                const double area = std::fabs((b.pos.x - a.pos.x) * (d.pos.y - a.pos.y) - (d.pos.x - a.pos.x) * (b.pos.y - a.pos.y)) * 0.5;
                px += area;
                c.Triangles++;
                if (a.uv.x != white.x || a.uv.y != white.y) {
                    c.TexTriangles++;
                    tex_px += area;
                }
            }
        }
    }
    c.Fill = px / ((double)dd->DisplaySize.x * dd->DisplaySize.y);
    c.TexFill = tex_px / ((double)dd->DisplaySize.x * dd->DisplaySize.y);
    return c;
}

// --dense=DIR: for each dense-SHAPE-N.json in DIR (tests/bench/dense_data.mjs writes them), whole frames of the widget
// over views from fit-all down to an hour at five places in the data: the worst frame's CPU time (this thread's, the
// median of 5 frames of that view), and the most vertices, triangles, draw calls and fill of any of those views
// (software WebGL pays for each triangle and each row it spans as well as for each pixel). With CS_DENSE_EVERY=1,
// each view's figures, textured triangles and fill (text, pictures) apart.
static void PrintDenseSummary(const std::string& dir)
{
    std::vector<std::string> files;
    if (FILE* ls = popen(("ls " + dir + "/dense-*.json 2>/dev/null").c_str(), "r")) {
        char line[4096];
        while (fgets(line, sizeof(line), ls)) {
            std::string f(line);
            while (!f.empty() && (f.back() == '\n' || f.back() == '\r'))
                f.pop_back();
            files.push_back(f);
        }
        pclose(ls);
    }
    printf("\nDense views (%s): whole widget frames, 1280x720, fit-all and 50 zooms from 1/3 of the extent to 1/100000\n", dir.c_str());
    printf("%-36s %10s %14s %10s %9s %10s %8s %12s\n", "data", "events", "worst frame us", "at span", "vertices", "triangles",
           "draws", "fill (max)");
    double worst_all = 0.0;
    for (const std::string& file : files) {
        std::string json;
        if (FILE* f = fopen(file.c_str(), "rb")) {
            char buf[1 << 16];
            size_t k;
            while ((k = fread(buf, 1, sizeof(buf), f)) > 0)
                json.append(buf, k);
            fclose(f);
        }
        std::unique_ptr<TimelineData> data(new TimelineData());
        LoadResult res;
        if (!LoadTimeline(json.data(), json.size(), LoadOptions(), &data->Tl, &res)) {
            printf("%-36s could not be read\n", file.c_str());
            continue;
        }
        json.clear();
        json.shrink_to_fit();
        BuildTimelineIndex(data->Tl, &data->Index);
        UiHarness& h = Ui();
        h.Show(data.get(), nullptr);
        h.Frame();
        h.Frame();
        SetCurrentTimeline(UiHarness::kId);
        Instant a, b;
        GetTimelineWindow(&a, &b);
        SetCurrentTimeline(0);
        const double full = ToSeconds(b - a);
        double worst = 0.0, worst_span = full;
        DrawCost most;
        for (int k = 0; k <= 50; k++) {
            double span = full, mid = 0.5;
            if (k > 0) {
                span = full * std::pow(10.0, -0.5 - (double)((k - 1) / 5) * 0.5);
                mid = 0.1 + 0.2 * (double)((k - 1) % 5);
            }
            Instant s = a + DurationFromSeconds(full * mid - span * 0.5);
            SetCurrentTimeline(UiHarness::kId);
            SetTimelineWindow(s, s + DurationFromSeconds(span));
            SetCurrentTimeline(0);
            h.Frame();
            double us = MedianCpuUs([&] { h.Frame(); }, 5);
            DrawCost c = MeasureDrawData();
            if (getenv("CS_DENSE_EVERY"))
                fprintf(stderr, "  span %.3gd mid %.1f: %.1f us, %d vertices, %d triangles (%d textured), %d draws, fill %.2f (textured %.2f)\n",
                        span / 86400.0, mid, us, c.Vertices, c.Triangles, c.TexTriangles, c.Commands, c.Fill, c.TexFill);
            if (us > worst) {
                worst = us;
                worst_span = span;
            }
            most.Vertices = std::max(most.Vertices, c.Vertices);
            most.Triangles = std::max(most.Triangles, c.Triangles);
            most.Commands = std::max(most.Commands, c.Commands);
            most.Fill = std::max(most.Fill, c.Fill);
        }
        h.Show(nullptr, nullptr);
        std::string name = file.substr(file.find_last_of('/') + 1);
        printf("%-36s %10zu %14.1f %9.2gd %9d %10d %8d %12.2f\n", name.c_str(), data->Tl.Events.size(), worst, worst_span / 86400.0,
               most.Vertices, most.Triangles, most.Commands, most.Fill);
        worst_all = std::max(worst_all, worst);
    }
    printf("worst frame over all dense views: %.1f us\n", worst_all);
}

static void PrintHugeSummary()
{
    printf("\nAn idle frame with one huge string (20 events, the huge one selected), median of 30 frames (microseconds)\n");
    for (int c = 0; c < Huge_COUNT; c++)
        printf("%-20s %12.1f\n", kHugeNames[c], HugeFrameUs(c));
}
#endif

int main(int argc, char** argv)
{
    // --dense=DIR: only the dense-view summary (see PrintDenseSummary)
    for (int i = 1; i < argc; i++)
        if (strncmp(argv[i], "--dense=", 8) == 0) {
#if defined(CS_BENCH_UI)
            PrintDenseSummary(argv[i] + 8);
            return 0;
#else
            fprintf(stderr, "cs_bench: --dense needs the widget (built with the app)\n");
            return 1;
#endif
        }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    PrintSummary();
#if defined(CS_BENCH_UI)
    PrintHugeSummary();
#endif
    return 0;
}
