// Right to left (TimelineFlags_RightToLeft) in a headless Dear ImGui context: time runs from right to left, the
// pointer, the wheel and the keys follow the mirrored picture, text stays readable, and left to right is unchanged.
#include "ui/chronoscope.h"

#include "core/index.h"
#include "core/load.h"

#include "headless.h"
#include "imgui.h"
#include "imgui_internal.h"   // (the test finds the tooltip's window)

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>

using namespace chronoscope;

namespace {

// `n` points a day apart from 2020-01-01 in one group, titled "Event 0", "Event 1", ...
std::unique_ptr<TimelineData> MakeData(int n)
{
    std::string json = "{\"title\": \"RTL\", \"groups\": [{\"id\": \"g\", \"label\": \"G\"}], \"events\": [";
    for (int i = 0; i < n; i++) {
        char buf[160];
        snprintf(buf, sizeof(buf), "%s{\"id\": \"e%d\", \"start\": \"2020-01-%02dT12:00\", \"title\": \"Event %d\", \"group\": \"g\"}",
                 i ? "," : "", i, 1 + i, i);
        json += buf;
    }
    json += "]}";
    return test::LoadIndexed(json);
}

struct Host : test::TimelineHost {
    Host() { Flags = TimelineFlags_RightToLeft; }
    // calls between frames act on this timeline
    void Steer() { SetCurrentTimeline(Id); }
    ImVec2 Locate(int event)
    {
        Steer();
        ImVec2 p(-1, -1);
        EXPECT_TRUE(LocateTimelineEvent(event, &p)) << event;
        return p;
    }
    void Rect(TimelineRect which, ImVec2* a, ImVec2* b)
    {
        Steer();
        GetTimelineRect(which, a, b);
    }
    Instant WindowStart()
    {
        Steer();
        Instant a, b;
        GetTimelineWindow(&a, &b);
        return a;
    }
};

// Glyph quads (and pictures) of the last frame's draw data that run the wrong way: a glyph's texture u grows to its
// right on screen when it reads as it should. ImGui draws a glyph as a textured rectangle: 4 vertices (top left, top
// right, bottom right, bottom left) and the indices k, k+1, k+2, k, k+2, k+3; shapes use the atlas's white pixel.
int MirroredGlyphs(int* glyphs)
{
    const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
    int bad = 0, n = 0;
    ImDrawData* dd = ImGui::GetDrawData();
    for (int l = 0; l < dd->CmdListsCount; l++) {
        const ImDrawList* dl = dd->CmdLists[l];
        for (const ImDrawCmd& cmd : dl->CmdBuffer) {
            const ImDrawIdx* idx = dl->IdxBuffer.Data + cmd.IdxOffset;
            for (unsigned j = 0; j + 6 <= cmd.ElemCount; j += 3) {
                const unsigned k = idx[j];
                if (idx[j + 1] != k + 1 || idx[j + 2] != k + 2 || idx[j + 3] != k || idx[j + 4] != k + 2 || idx[j + 5] != k + 3)
                    continue;
                const ImDrawVert* v = dl->VtxBuffer.Data + cmd.VtxOffset + k;
                if (v[0].uv.x == white.x && v[0].uv.y == white.y)
                    continue;
                if (v[0].pos.y != v[1].pos.y || v[0].uv.y != v[1].uv.y || v[0].uv.x == v[1].uv.x)
                    continue;
                n++;
                if ((v[1].pos.x - v[0].pos.x) * (v[1].uv.x - v[0].uv.x) < 0.0f)
                    bad++;
                j += 3;
            }
        }
    }
    *glyphs = n;
    return bad;
}

// The x range of glyphs drawn in the row of a mark at p, within `reach` pixels of it on each side
void GlyphsNear(ImVec2 p, float reach, float* lo, float* hi)
{
    const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
    *lo = 1e9f;
    *hi = -1e9f;
    ImDrawData* dd = ImGui::GetDrawData();
    for (int l = 0; l < dd->CmdListsCount; l++)
        for (const ImDrawVert& v : dd->CmdLists[l]->VtxBuffer) {
            if ((v.uv.x == white.x && v.uv.y == white.y) || std::fabs(v.pos.y - p.y) > 8.0f || std::fabs(v.pos.x - p.x) > reach)
                continue;
            *lo = std::min(*lo, v.pos.x);
            *hi = std::max(*hi, v.pos.x);
        }
}

} // namespace

TEST(RightToLeft, LaterEventsAreLeftOfEarlierOnesAndTextReads)
{
    Host h;
    auto d = MakeData(5);
    h.Data = d.get();
    h.Frames(3);
    const ImVec2 e1 = h.Locate(1), e3 = h.Locate(3);
    EXPECT_LT(e3.x, e1.x - 100.0f);
    EXPECT_FLOAT_EQ(e1.y, e3.y);
    // the first event near the right edge, the last one with room for its label at its left
    ImVec2 p0, p1;
    h.Rect(TimelineRect_Plot, &p0, &p1);
    EXPECT_GT(h.Locate(0).x, p0.x + (p1.x - p0.x) * 0.6f);
    EXPECT_LT(h.Locate(4).x, p0.x + (p1.x - p0.x) * 0.4f);
    EXPECT_GT(h.Locate(4).x, p0.x + 60.0f);
    // the time <-> x mapping both ways
    h.Steer();
    const Instant t1 = d->Tl.Events[1].Start();
    EXPECT_NEAR(TimelineTimeToScreenX(t1), e1.x, 0.5f);
    EXPECT_NEAR(ToSeconds(TimelineScreenXToTime(e1.x) - t1), 0.0, 120.0);
    EXPECT_TRUE(IsTimelineRightToLeft());
    // a label on the reading side: it ends at its mark, set from the right, and reads left to right in its box
    float lo, hi;
    GlyphsNear(e1, 120.0f, &lo, &hi);
    EXPECT_LT(hi, e1.x - 4.0f);
    EXPECT_GT(hi, e1.x - 20.0f);
    EXPECT_LT(lo, e1.x - 40.0f);
    int glyphs = 0;
    EXPECT_EQ(MirroredGlyphs(&glyphs), 0);
    EXPECT_GT(glyphs, 50);
    SetCurrentTimeline(0);
}

TEST(RightToLeft, LeftToRightIsUnchanged)
{
    Host h;
    auto d = MakeData(5);
    h.Data = d.get();
    h.Flags = 0;
    h.Frames(3);
    const ImVec2 e1 = h.Locate(1), e3 = h.Locate(3);
    EXPECT_GT(e3.x, e1.x + 100.0f);
    float lo, hi;
    GlyphsNear(e1, 120.0f, &lo, &hi);
    EXPECT_GT(lo, e1.x + 4.0f);
    EXPECT_LT(lo, e1.x + 20.0f);
    EXPECT_FALSE(IsTimelineRightToLeft());
    int glyphs = 0;
    EXPECT_EQ(MirroredGlyphs(&glyphs), 0);
    SetCurrentTimeline(0);
}

TEST(RightToLeft, AClickOnAMarkSelectsIt)
{
    Host h;
    auto d = MakeData(5);
    h.Data = d.get();
    h.Frames(3);
    h.Click(h.Locate(3));
    h.Steer();
    EXPECT_EQ(GetTimelineSelection(), 3);
    // the details panel opens at the left; the plot keeps the right
    ImVec2 f0, f1, d0, d1, p0, p1;
    h.Rect(TimelineRect_Frame, &f0, &f1);
    h.Rect(TimelineRect_Details, &d0, &d1);
    h.Rect(TimelineRect_Plot, &p0, &p1);
    EXPECT_EQ(d0.x, f0.x);
    EXPECT_GT(d1.x, d0.x + 100.0f);
    EXPECT_EQ(p0.x, d1.x);
    EXPECT_EQ(p1.x, f1.x);
    // ... and the selected mark is still where a click finds it
    h.Frames(40);
    h.Click(h.Locate(1));
    h.Steer();
    EXPECT_EQ(GetTimelineSelection(), 1);
    int glyphs = 0;
    EXPECT_EQ(MirroredGlyphs(&glyphs), 0);
    SetCurrentTimeline(0);
}

// The content follows the pointer: the instant under it stays under it, so a drag to the right brings later time
// in from the left (right to left, the window moves to later time).
TEST(RightToLeft, ADragMovesTheContentWithThePointer)
{
    Host h;
    auto d = MakeData(10);
    h.Data = d.get();
    h.Frames(3);
    h.Steer();
    ZoomTimeline(2.0f, 600.0f);
    SetCurrentTimeline(0);
    h.Frames(2);
    ImVec2 p0, p1;
    h.Rect(TimelineRect_Plot, &p0, &p1);
    const ImVec2 from(600.0f, (p0.y + p1.y) * 0.5f);
    h.Steer();
    const Instant under = TimelineScreenXToTime(from.x);
    const Instant start0 = h.WindowStart();
    SetCurrentTimeline(0);
    h.MouseTo(from);
    ImGui::GetIO().AddMouseButtonEvent(0, true);
    h.Frame();
    for (int i = 1; i <= 10; i++)
        h.MouseTo(ImVec2(from.x + 10.0f * i, from.y));
    h.Steer();
    EXPECT_NEAR(TimelineTimeToScreenX(under), from.x + 100.0f, 1.0f);
    EXPECT_GT(h.WindowStart(), start0);
    SetCurrentTimeline(0);
    ImGui::GetIO().AddMouseButtonEvent(0, false);
    h.Frames(2);
}

TEST(RightToLeft, TheWheelZoomsAboutThePointer)
{
    Host h;
    auto d = MakeData(10);
    h.Data = d.get();
    h.Frames(3);
    const ImVec2 at(400.0f, 300.0f);
    h.Steer();
    const Instant under = TimelineScreenXToTime(at.x);
    SetCurrentTimeline(0);
    h.MouseTo(at);
    ImGui::GetIO().AddMouseWheelEvent(0.0f, 2.0f);
    h.Frames(60);
    h.Steer();
    EXPECT_NEAR(TimelineTimeToScreenX(under), at.x, 1.0f);
    SetCurrentTimeline(0);
}

// The arrow pointing to later time steps to the next event: Left right to left, Right left to right.
TEST(RightToLeft, LeftArrowStepsToALaterEvent)
{
    for (TimelineFlags flags : { (TimelineFlags)TimelineFlags_RightToLeft, (TimelineFlags)0 }) {
        Host h;
        auto d = MakeData(5);
        h.Data = d.get();
        h.Flags = flags | TimelineFlags_NoTitleCard;
        h.Frames(3);
        h.Steer();
        SetTimelineSelection(2);
        SetCurrentTimeline(0);
        h.MouseTo(ImVec2(300, 300));
        h.Key(ImGuiKey_LeftArrow);
        h.Steer();
        EXPECT_EQ(GetTimelineSelection(), flags ? 3 : 1);
        SetCurrentTimeline(0);
        h.Key(ImGuiKey_RightArrow);
        h.Key(ImGuiKey_RightArrow);
        h.Steer();
        EXPECT_EQ(GetTimelineSelection(), flags ? 1 : 3);
        SetCurrentTimeline(0);
    }
}

// Deep time on a log axis: the Big Bang at the right end, the present at the left.
TEST(RightToLeft, ALogAxisRunsFromTheRight)
{
    Host h;
    std::unique_ptr<TimelineData> d = test::LoadIndexedFile(CS_SOURCE_DIR "/assets/demo/deeptime.json");
    ASSERT_TRUE(d);
    h.Data = d.get();
    h.Frames(2);
    h.Steer();
    SetTimelineTimeScale(TimelineTimeScale_Log);
    SetCurrentTimeline(0);
    h.Frames(2);
    ImVec2 p0, p1;
    h.Rect(TimelineRect_Plot, &p0, &p1);
    h.Steer();
    const float big_bang = TimelineTimeToScreenX(d->Index.Min), last = TimelineTimeToScreenX(d->Tl.Events.back().Start());
    EXPECT_LT(big_bang, p1.x);
    EXPECT_GT(big_bang, p1.x - (p1.x - p0.x) * 0.05f);
    EXPECT_LT(last, p0.x + (p1.x - p0.x) * 0.2f);
    EXPECT_GT(last, p0.x + 100.0f);
    SetCurrentTimeline(0);
    int glyphs = 0;
    EXPECT_EQ(MirroredGlyphs(&glyphs), 0);
}

// The bar mirrors: right to left the title ends near the right edge (left to right, that end of the bar holds the
// search field, whose hint ends well before it).
TEST(RightToLeft, TheBarPutsTheTitleAtTheRight)
{
    for (TimelineFlags flags : { (TimelineFlags)TimelineFlags_RightToLeft, (TimelineFlags)0 }) {
        Host h;
        auto d = MakeData(5);
        h.Data = d.get();
        h.Flags = flags;
        h.Frames(3);
        ImVec2 b0, b1;
        h.Rect(TimelineRect_Bar, &b0, &b1);
        SetCurrentTimeline(0);
        float lo, hi;
        GlyphsNear(ImVec2(b1.x - 40.0f, (b0.y + b1.y) * 0.5f), 30.0f, &lo, &hi);
        if (flags)
            EXPECT_GT(hi, b1.x - 30.0f) << "the title's last glyph";
        else
            EXPECT_GT(lo, hi) << "no glyph in the bar's last 70 px, left to right";
    }
}

// The tooltip opens at the pointer's left right to left, at its right left to right.
TEST(RightToLeft, TheTooltipOpensOnTheReadingSide)
{
    for (TimelineFlags flags : { (TimelineFlags)TimelineFlags_RightToLeft, (TimelineFlags)0 }) {
        Host h;
        auto d = MakeData(5);
        h.Data = d.get();
        h.Flags = flags;
        h.Frames(3);
        const ImVec2 at = h.Locate(2);
        SetCurrentTimeline(0);
        h.MouseTo(at);
        h.Frames(3);
        ImGuiWindow* tip = ImGui::FindWindowByName("##Tooltip_00");
        ASSERT_NE(tip, nullptr);
        ASSERT_TRUE(tip->Active || tip->WasActive);
        if (flags)
            EXPECT_LE(tip->Pos.x + tip->Size.x, at.x) << "right to left";
        else
            EXPECT_GE(tip->Pos.x, at.x) << "left to right";
    }
}

// Formatted text is set from the right: a short link sits at the panel's right end right to left (its left end left
// to right), and a click on it there asks for it.
TEST(RightToLeft, FormattedTextEndsAtTheRightAndItsLinksWork)
{
    for (TimelineFlags flags : { (TimelineFlags)TimelineFlags_RightToLeft, (TimelineFlags)0 }) {
        SCOPED_TRACE(flags ? "right to left" : "left to right");
        const std::string json = R"({"events": [{"start_date": {"year": 1990}, "text": {"headline": "T", "text":
            "<p><b>Bold</b> words.</p><ul><li>item</li></ul><p><a href='https://example.org/story'>short link</a></p>"}}]})";
        TimelineData d;
        LoadResult res;
        ASSERT_TRUE(LoadTimeline(json.data(), json.size(), LoadOptions(), &d.Tl, &res));
        BuildTimelineIndex(d.Tl, &d.Index);
        Host h;
        h.Data = &d;
        h.Flags = flags;
        h.Frame();
        h.Steer();
        SetTimelineSelection(0, false);
        SetCurrentTimeline(0);
        h.Frame();
        ImVec2 d0, d1;
        h.Rect(TimelineRect_Details, &d0, &d1);
        SetCurrentTimeline(0);
        ASSERT_GT(d1.x - d0.x, 100.0f);
        // down the panel, 40 px in from each side: where the pointer meets the link
        auto hand_along = [&](float x) {
            for (float y = d0.y; y < d1.y; y += 3) {
                h.MouseTo(ImVec2(x, y));
                h.Frame();
                if (ImGui::GetMouseCursor() == ImGuiMouseCursor_Hand)
                    return y;
            }
            return -1.0f;
        };
        const float left = hand_along(d0.x + 40), right = hand_along(d1.x - 40);
        if (flags) {
            EXPECT_LT(left, 0.0f);
            ASSERT_GE(right, 0.0f);
        } else {
            EXPECT_LT(right, 0.0f);
            ASSERT_GE(left, 0.0f);
        }
        h.MouseTo(ImVec2(flags ? d1.x - 40 : d0.x + 40, flags ? right : left));
        ImGui::GetIO().AddMouseButtonEvent(0, true);
        h.Frame();
        h.Steer();
        const char* req = GetTimelineLinkRequest();
        ASSERT_NE(req, nullptr);
        EXPECT_STREQ(req, "https://example.org/story");
        SetCurrentTimeline(0);
        ImGui::GetIO().AddMouseButtonEvent(0, false);
        h.Frame();
    }
}
