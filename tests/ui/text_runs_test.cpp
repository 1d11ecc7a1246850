// The app's text run cache (app/text_runs.h) with a fake rasteriser and fake textures, and the widget's text seam
// (chronoscope.h [SECTION] Text runs) drawing through it in a headless ImGui frame.
//
// The fake rasteriser draws a run as a block of its colour, 8 device pixels per character wide and 1.25 x the
// text size tall; text starting with a Hebrew letter is right to left; text containing "wait" is Pending until
// the test says the fonts arrived. The fake textures keep their pixels, so a run's UVs can be read back.
#include "app/text_runs.h"
#include "ui/chronoscope.h"

#include "core/utf8.h"

#include "headless.h"
#include "imgui.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

using namespace chronoscope;

namespace {

struct Fake {
    int  Calls = 0;
    bool FontsHere = false;
    int  NextTexture = 1;
    std::map<uint64_t, std::pair<ImVec2, std::vector<uint8_t>>> Textures;   // id -> size, pixels
    int  Freed = 0;

    static int Rasterise(const char* s, size_t n, float px, uint32_t color, int flags, float wrap_px, RunBitmap* out,
                         void* user)
    {
        Fake* f = (Fake*)user;
        f->Calls++;
        std::string t(s, n);
        if (t.find("wait") != std::string::npos && !f->FontsHere)
            return RunResult_Pending;
        if (t.find("fail") != std::string::npos)
            return RunResult_Failed;
        const int chars = (int)Utf8CountChars(s, n);
        out->Width = chars * 8;
        if (wrap_px > 0 && out->Width > wrap_px)
            out->Width = (int)wrap_px;
        out->Height = (int)std::lround(px * 1.25f);
        out->Ascent = px;
        out->RightToLeft = n >= 2 && (unsigned char)s[0] == 0xD7;   // Hebrew letters are D7 xx
        out->Rgba.resize((size_t)out->Width * out->Height * 4);
        for (size_t i = 0; i < out->Rgba.size(); i += 4) {
            out->Rgba[i] = color & 0xFF;
            out->Rgba[i + 1] = (color >> 8) & 0xFF;
            out->Rgba[i + 2] = (color >> 16) & 0xFF;
            out->Rgba[i + 3] = (flags & 1) ? 200 : 255;
        }
        return RunResult_Ready;
    }
    static uint64_t Create(int w, int h, void* user)
    {
        Fake* f = (Fake*)user;
        uint64_t id = (uint64_t)f->NextTexture++;
        f->Textures[id] = { ImVec2((float)w, (float)h), std::vector<uint8_t>((size_t)w * h * 4, 0x55) };  // not cleared
        return id;
    }
    static void Update(uint64_t t, int x, int y, int w, int h, const uint8_t* rgba, void* user)
    {
        Fake* f = (Fake*)user;
        auto& tex = f->Textures.at(t);
        const int tw = (int)tex.first.x;
        ASSERT_LE(x + w, tw);
        ASSERT_LE(y + h, (int)tex.first.y);
        for (int row = 0; row < h; row++)
            memcpy(&tex.second[((size_t)(y + row) * tw + x) * 4], rgba + (size_t)row * w * 4, (size_t)w * 4);
    }
    static void Free(uint64_t t, void* user)
    {
        Fake* f = (Fake*)user;
        f->Textures.erase(t);
        f->Freed++;
    }
    // the pixel of texture t at uv
    uint32_t Pixel(ImTextureID t, ImVec2 uv) const
    {
        auto& tex = Textures.at((uint64_t)(intptr_t)t);
        int x = (int)(uv.x * tex.first.x), y = (int)(uv.y * tex.first.y);
        const uint8_t* p = &tex.second[((size_t)y * (int)tex.first.x + x) * 4];
        return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    }
};

struct Cache {
    Fake     F;
    TextRuns R;
    Cache(int page = 256)
    {
        R.Rasteriser.Rasterise = &Fake::Rasterise;
        R.Rasteriser.User = &F;
        R.Textures.Create = &Fake::Create;
        R.Textures.Update = &Fake::Update;
        R.Textures.Free = &Fake::Free;
        R.Textures.User = &F;
        R.PageSize = page;
        R.CapBytes = (size_t)page * page * 4 * 2;   // two pages
        R.EmScale = 1.0f;                           // (the fake rasteriser's sizes are the widget's)
    }
    ~Cache() { TextRunsClear(&R); }
    TimelineTextRun Get(const std::string& s, ImU32 col = IM_COL32(10, 20, 30, 255), int flags = 0, float size = 16.0f,
                        float wrap = 0.0f)
    {
        TimelineTextRun r;
        TextRunsGet(s.data(), s.data() + s.size(), size, col, flags, wrap, &r, &R);
        return r;
    }
};

bool Overlap(ImVec2 a0, ImVec2 a1, ImVec2 b0, ImVec2 b1)
{
    return a0.x < b1.x && b0.x < a1.x && a0.y < b1.y && b0.y < a1.y;
}

TEST(TextRuns, RunsArePackedWithoutOverlapAndReadBackInTheirColour)
{
    Cache c;
    std::vector<TimelineTextRun> runs;
    for (int i = 0; i < 40; i++) {
        std::string s(1 + i % 13, 'x');
        s += std::to_string(i);
        runs.push_back(c.Get(s, IM_COL32(i, 2 * i, 3 * i, 255), 0, 12.0f + (float)(i % 5)));
        ASSERT_EQ(runs.back().Status, TimelineTextRunStatus_Ready);
    }
    EXPECT_LE(c.F.Textures.size(), 2u);   // 40 small runs share a 256 px page or two
    for (size_t i = 0; i < runs.size(); i++) {
        const TimelineTextRun& a = runs[i];
        EXPECT_NEAR((a.Uv1.x - a.Uv0.x) * 256.0f, a.Size.x, 0.01f);
        // the middle of the run is its colour, straight alpha
        const ImVec2 mid((a.Uv0.x + a.Uv1.x) * 0.5f, (a.Uv0.y + a.Uv1.y) * 0.5f);
        EXPECT_EQ(c.F.Pixel(a.Texture, mid), (uint32_t)IM_COL32(i, 2 * i, 3 * i, 255)) << i;
        // a clear pixel around it, whatever the texture held before
        EXPECT_EQ(c.F.Pixel(a.Texture, ImVec2(a.Uv0.x - 0.5f / 256, mid.y)) >> 24, 0u) << i;
        EXPECT_EQ(c.F.Pixel(a.Texture, ImVec2(mid.x, a.Uv1.y + 0.5f / 256)) >> 24, 0u) << i;
        for (size_t j = 0; j < i; j++)
            if (runs[j].Texture == a.Texture)
                EXPECT_FALSE(Overlap(a.Uv0, a.Uv1, runs[j].Uv0, runs[j].Uv1)) << i << " " << j;
    }
}

TEST(TextRuns, ARunIsRasterisedOnceAndMeasuringTakesAnyColour)
{
    Cache c;
    TimelineTextRun a = c.Get("夏朝");
    EXPECT_EQ(c.F.Calls, 1);
    EXPECT_EQ(a.Size.x, 16.0f);
    EXPECT_EQ(a.Size.y, 20.0f);
    EXPECT_EQ(a.Ascent, 16.0f);
    TimelineTextRun b = c.Get("夏朝");
    EXPECT_EQ(c.F.Calls, 1);
    EXPECT_EQ(a.Texture, b.Texture);
    EXPECT_EQ(a.Uv0.x, b.Uv0.x);
    c.Get("夏朝", IM_COL32(10, 20, 30, 128));          // another alpha: the same run (the widget tints it)
    EXPECT_EQ(c.F.Calls, 1);
    c.Get("夏朝", IM_COL32(200, 20, 30, 255), TimelineTextFlags_Measure);   // measuring: any colour will do
    EXPECT_EQ(c.F.Calls, 1);
    c.Get("夏朝", IM_COL32(200, 20, 30, 255));          // drawing in another colour: a run of its own
    EXPECT_EQ(c.F.Calls, 2);
    c.Get("夏朝", IM_COL32(10, 20, 30, 255), TimelineTextFlags_Bold);
    c.Get("夏朝", IM_COL32(10, 20, 30, 255), 0, 17.0f);
    c.Get("夏朝", IM_COL32(10, 20, 30, 255), 0, 16.0f, 100.0f);
    EXPECT_EQ(c.F.Calls, 5);
}

TEST(TextRuns, DeviceScaleRasterisesAtDevicePixels)
{
    Cache c;
    c.R.DpiScale = 2.0f;
    TimelineTextRun a = c.Get("夏朝", IM_COL32(1, 2, 3, 255), 0, 16.0f);
    EXPECT_EQ(a.Size.x, 8.0f);        // 16 device pixels wide: 8 frame units
    EXPECT_EQ(a.Size.y, 20.0f);       // drawn at 32 px: 40 device pixels tall
    EXPECT_EQ(a.Ascent, 16.0f);
    EXPECT_NEAR((a.Uv1.y - a.Uv0.y) * 256.0f, 40.0f, 0.01f);
}

TEST(TextRuns, PagesStayUnderTheCapAndTheOldestIsReused)
{
    Cache c(64);   // 64 px pages, two within the cap; a run of 56 x 30 (+ its border) takes a shelf of 32: two a page
    auto big = [&](int i) {
        char s[16];
        snprintf(s, sizeof(s), "%c%c%c%c%c%02d", 'a' + i % 26, 'a' + i % 26, 'a' + i % 26, 'a' + i % 26, 'a' + i % 26, i % 100);
        return c.Get(s, IM_COL32(1, 2, 3, 255), 0, 24.0f);
    };
    for (int frame = 0; frame < 20; frame++) {
        TextRunsNewFrame(&c.R);
        TimelineTextRun r = big(frame);
        ASSERT_EQ(r.Status, TimelineTextRunStatus_Ready) << frame;
        EXPECT_LE(c.R.Bytes, c.R.CapBytes) << frame;
        EXPECT_LE(c.F.Textures.size(), 2u) << frame;
    }
    EXPECT_EQ(c.F.Freed, 0);   // pages were emptied and reused, not freed
    // a run drawn in this frame is never evicted: this frame asks for more than the cap holds
    TextRunsNewFrame(&c.R);
    std::vector<TimelineTextRun> now;
    for (int i = 100; i < 106; i++)
        now.push_back(big(i));
    for (auto& r : now)
        EXPECT_EQ(r.Status, TimelineTextRunStatus_Ready);
    EXPECT_GT(c.R.Bytes, c.R.CapBytes);
    std::vector<ImTextureID> seen;
    for (size_t i = 0; i < now.size(); i++)
        for (size_t j = 0; j < i; j++)
            if (now[i].Texture == now[j].Texture)
                EXPECT_FALSE(Overlap(now[i].Uv0, now[i].Uv1, now[j].Uv0, now[j].Uv1));
    // ... and the next frames that do not need them bring the pages back under the cap
    TextRunsNewFrame(&c.R);
    TextRunsNewFrame(&c.R);
    EXPECT_LE(c.R.Bytes, c.R.CapBytes);
    EXPECT_GT(c.F.Freed, 0);
}

TEST(TextRuns, ARunLargerThanAPageGetsItsOwn)
{
    Cache c(64);
    TimelineTextRun r = c.Get(std::string(20, 'x') + "夏", IM_COL32(1, 2, 3, 255), 0, 16.0f);   // 168 px wide
    ASSERT_EQ(r.Status, TimelineTextRunStatus_Ready);
    EXPECT_EQ(r.Size.x, 168.0f);
    EXPECT_NEAR(r.Uv1.x - r.Uv0.x, 168.0f / 170.0f, 1e-4f);
}

TEST(TextRuns, PendingWhileFontsLoadThenReady)
{
    Cache c;
    TextRunsNewFrame(&c.R);
    EXPECT_EQ(c.Get("wait 夏").Status, TimelineTextRunStatus_Pending);
    EXPECT_EQ(c.Get("wait 夏").Status, TimelineTextRunStatus_Pending);
    EXPECT_EQ(c.F.Calls, 1);            // not asked again every frame
    EXPECT_EQ(c.Get("fail 夏").Status, TimelineTextRunStatus_Failed);
    EXPECT_EQ(c.R.WaitingFonts, 1);
    c.F.FontsHere = true;
    TextRunsFontsChanged(&c.R);
    EXPECT_TRUE(c.R.WantFrame);         // the host draws a frame
    TextRunsNewFrame(&c.R);
    EXPECT_EQ(c.Get("wait 夏").Status, TimelineTextRunStatus_Ready);
    EXPECT_EQ(c.Get("fail 夏").Status, TimelineTextRunStatus_Failed);   // failed ones are asked again too
    EXPECT_EQ(c.F.Calls, 4);
}

TEST(TextRuns, AFrameRasterisesAtMostItsBudgetAndAsksForTheNext)
{
    Cache c;
    c.R.RasteriseBudget = 3;
    TextRunsNewFrame(&c.R);
    int ready = 0;
    for (int i = 0; i < 5; i++)
        ready += c.Get("夏" + std::to_string(i)).Status == TimelineTextRunStatus_Ready;
    EXPECT_EQ(ready, 3);
    EXPECT_TRUE(c.R.WantFrame);
    TextRunsNewFrame(&c.R);
    EXPECT_FALSE(c.R.WantFrame);
    ready = 0;
    for (int i = 0; i < 5; i++)
        ready += c.Get("夏" + std::to_string(i)).Status == TimelineTextRunStatus_Ready;
    EXPECT_EQ(ready, 5);
}

// ------------------------------------------------------------------------------------------------ the widget

// The quads textured with t in the draw list: their smallest and largest u, and their screen x extent.
struct Drawn { int Quads = 0; float U0 = 1e9f, U1 = -1e9f, X0 = 1e9f, X1 = -1e9f; float AlphaMin = 255, AlphaMax = 0; };
Drawn DrawnWith(ImDrawList* dl, ImTextureID t)
{
    Drawn d;
    unsigned idx = 0;
    for (const ImDrawCmd& cmd : dl->CmdBuffer) {
        if (cmd.TextureId == t) {
            d.Quads += (int)cmd.ElemCount / 6;
            for (unsigned i = 0; i < cmd.ElemCount; i++) {
                const ImDrawVert& v = dl->VtxBuffer[dl->IdxBuffer[(int)(cmd.IdxOffset + i)] + (int)cmd.VtxOffset];
                d.U0 = std::min(d.U0, v.uv.x);
                d.U1 = std::max(d.U1, v.uv.x);
                d.X0 = std::min(d.X0, v.pos.x);
                d.X1 = std::max(d.X1, v.pos.x);
                d.AlphaMin = std::min(d.AlphaMin, (float)(v.col >> IM_COL32_A_SHIFT));
                d.AlphaMax = std::max(d.AlphaMax, (float)(v.col >> IM_COL32_A_SHIFT));
            }
        }
        idx += cmd.ElemCount;
    }
    return d;
}

struct WidgetHost : test::HeadlessImGui {
    Cache C{1024};
    WidgetHost() { SetTimelineTextProvider(&TextRunsGet, &C.R); }
    template <typename Fn> ImDrawList* Frame(Fn fn)
    {
        TextRunsNewFrame(&C.R);
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(800, 400));
        ImGui::Begin("w", nullptr, ImGuiWindowFlags_NoDecoration);
        fn(ImGui::GetWindowDrawList());
        ImDrawList* dl = ImGui::GetWindowDrawList();
        ImGui::End();
        ImGui::Render();
        return dl;
    }
};

TEST(TextRunsWidget, LatinStaysOnTheFontAndOtherTextIsARun)
{
    WidgetHost h;
    ImFont* f = ImGui::GetIO().Fonts->Fonts[0];
    h.Frame([&](ImDrawList* dl) {
        DrawTimelineText(dl, f, 16.0f, ImVec2(10, 10), IM_COL32(0, 0, 0, 255), "Hastings, Ἀθῆναι, Пётр", 500.0f);
    });
    EXPECT_EQ(h.C.F.Calls, 0);
    float w = 0.0f;
    ImDrawList* dl = h.Frame([&](ImDrawList* dl) {
        w = MeasureTimelineText(f, 16.0f, "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D world", 500.0f);   // "שלום world"
        DrawTimelineText(dl, f, 16.0f, ImVec2(10.3f, 10), (GetColorU32(TimelineCol_Text) & 0x00FFFFFF) | IM_COL32(0, 0, 0, 128),
                         "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D world", 500.0f);
    });
    EXPECT_EQ(h.C.F.Calls, 1);   // measured and drawn from one run
    EXPECT_EQ(w, 80.0f);
    TimelineTextRun r = h.C.Get("\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D world", GetColorU32(TimelineCol_Text));
    Drawn d = DrawnWith(dl, r.Texture);
    EXPECT_EQ(d.Quads, 1);
    EXPECT_EQ(d.X0, 10.0f);              // on a device pixel
    EXPECT_EQ(d.X1 - d.X0, 80.0f);
    EXPECT_EQ(d.AlphaMin, 128.0f);       // tinted white at the text's alpha
    EXPECT_EQ(d.AlphaMax, 128.0f);
}

TEST(TextRunsWidget, ACutRunKeepsItsStartLeftToRightAndRightToLeft)
{
    WidgetHost h;
    ImFont* f = ImGui::GetIO().Fonts->Fonts[0];
    const std::string ltr = "夏朝 " + std::string(30, 'x'), rtl = "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D " + std::string(30, 'x');
    ImDrawList* dl = h.Frame([&](ImDrawList* dl) {
        DrawTimelineText(dl, f, 16.0f, ImVec2(0, 10), IM_COL32(0, 0, 0, 255), ltr.c_str(), 100.0f);
        DrawTimelineText(dl, f, 16.0f, ImVec2(0, 40), IM_COL32(0, 0, 0, 255), rtl.c_str(), 100.0f);
    });
    TimelineTextRun a = h.C.Get(ltr, IM_COL32(0, 0, 0, 255)), b = h.C.Get(rtl, IM_COL32(0, 0, 0, 255));
    ASSERT_FALSE(b.Texture != a.Texture);
    ASSERT_GT(a.Size.x, 100.0f);
    // both runs are on one page and drawn in one command: tell them apart by their u range
    Drawn d = DrawnWith(dl, a.Texture);
    EXPECT_EQ(d.Quads, 4);               // each: the kept part and its fading end
    EXPECT_EQ(d.X0, 0.0f);
    EXPECT_EQ(d.X1, 100.0f);             // within the room
    EXPECT_EQ(d.AlphaMin, 0.0f);         // faded at the cut
    // the left-to-right run shows its left end, the right-to-left one its right end
    bool ltr_start = false, rtl_start = false, ltr_end = false, rtl_end = false;
    for (const ImDrawVert& v : dl->VtxBuffer) {
        if (std::fabs(v.uv.x - a.Uv0.x) < 1e-6f && std::fabs(v.uv.y - a.Uv0.y) < 1e-6f) ltr_start = true;
        if (std::fabs(v.uv.x - a.Uv1.x) < 1e-6f && std::fabs(v.uv.y - a.Uv0.y) < 1e-6f) ltr_end = true;
        if (std::fabs(v.uv.x - b.Uv1.x) < 1e-6f && std::fabs(v.uv.y - b.Uv0.y) < 1e-6f) rtl_start = true;
        if (std::fabs(v.uv.x - b.Uv0.x) < 1e-6f && std::fabs(v.uv.y - b.Uv0.y) < 1e-6f) rtl_end = true;
    }
    EXPECT_TRUE(ltr_start);
    EXPECT_FALSE(ltr_end);
    EXPECT_TRUE(rtl_start);
    EXPECT_FALSE(rtl_end);
}

TEST(TextRunsWidget, AHugeTitleHandsTheProviderOnlyWhatCanShow)
{
    WidgetHost h;
    ImFont* f = ImGui::GetIO().Fonts->Fonts[0];
    std::string huge;
    while (huge.size() < (5u << 20))
        huge += "夏朝的历史 ";
    size_t longest = 0;
    TimelineTextGetter spy = [](const char* s, const char* e, float size, ImU32 col, int flags, float wrap,
                                TimelineTextRun* out, void* user) {
        size_t* longest = (size_t*)((void**)user)[1];
        *longest = std::max(*longest, (size_t)(e - s));
        TextRunsGet(s, e, size, col, flags, wrap, out, ((void**)user)[0]);
    };
    void* both[2] = { &h.C.R, &longest };
    SetTimelineTextProvider(spy, both);
    for (int frame = 0; frame < 3; frame++)
        h.Frame([&](ImDrawList* dl) {
            for (float room = 100.0f; room < 400.0f; room += 7.0f)   // a room that changes (zooming)
                DrawTimelineText(dl, f, 16.0f, ImVec2(0, 10), IM_COL32(0, 0, 0, 255), huge.c_str(), room);
        });
    EXPECT_LE(longest, 1024u * 3u);      // a prefix of at most a few hundred characters
    EXPECT_LE(h.C.F.Calls, 3);           // the same few prefixes for every room: rounded up to powers of two
}

TEST(TextRunsWidget, PendingLeavesTheRoomEmptyAndFailedFallsBackToTheFont)
{
    WidgetHost h;
    ImFont* f = ImGui::GetIO().Fonts->Fonts[0];
    const int empty = h.Frame([&](ImDrawList*) {})->VtxBuffer.Size;   // the window's own
    ImDrawList* dl = h.Frame([&](ImDrawList* dl) {
        DrawTimelineText(dl, f, 16.0f, ImVec2(0, 10), IM_COL32(0, 0, 0, 255), "wait 夏", 300.0f);
    });
    EXPECT_EQ(dl->VtxBuffer.Size, empty);
    dl = h.Frame([&](ImDrawList* dl) {
        DrawTimelineText(dl, f, 16.0f, ImVec2(0, 10), IM_COL32(0, 0, 0, 255), "fail 夏", 300.0f);
    });
    EXPECT_GT(dl->VtxBuffer.Size, empty + 4 * 4);   // the font's glyphs
    SetTimelineTextProvider(nullptr, nullptr);
    const int calls = h.C.F.Calls;
    dl = h.Frame([&](ImDrawList* dl) {
        DrawTimelineText(dl, f, 16.0f, ImVec2(0, 10), IM_COL32(0, 0, 0, 255), "夏朝", 300.0f);
    });
    EXPECT_EQ(h.C.F.Calls, calls);
    EXPECT_GT(dl->VtxBuffer.Size, empty);
}

// The bar's search field, not being edited, draws its text as a run (any script), not from the font atlas, which
// holds only the characters of the data: a query in a script the data lacks would show as boxes.
TEST(TextRunsWidget, TheSearchFieldDrawsItsTextAsARunWhenNotEdited)
{
    WidgetHost h;
    std::unique_ptr<TimelineData> data = test::LoadIndexed(
        R"({"title": "Runs", "events": [{"id": "a", "start": "2020-01-01", "title": "Alpha"}]})");
    const std::string query = "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D";   // "שלום": not in the data
    auto frame = [&](bool search) {
        return h.Frame([&](ImDrawList*) {
            if (BeginTimeline("runs", data.get(), ImVec2(780, 380))) {
                if (search)
                    SetTimelineSearch(query.c_str());
                EndTimeline();
            }
        });
    };
    frame(false);
    frame(true);
    ImDrawList* dl = frame(false);   // the query set, its field drawn
    TimelineTextRun r = h.C.Get(query, ImGui::GetColorU32(ImGuiCol_Text), 0, ImGui::GetFontSize());
    ASSERT_EQ(r.Status, TimelineTextRunStatus_Ready);
    Drawn d = DrawnWith(dl, r.Texture);
    EXPECT_GE(d.Quads, 1);
    ImVec2 a, b;
    GetTimelineRect(TimelineRect_Search, &a, &b);
    EXPECT_GE(d.X0, a.x);
    EXPECT_LE(d.X1, b.x);
}

} // namespace
