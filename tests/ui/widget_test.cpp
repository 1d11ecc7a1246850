// The timeline widget in a headless Dear ImGui context: real frames, real input events, no GPU.
//
// What a host relies on: state kept per id (two timelines in one window do not share a view, a selection or the
// keyboard), the flags' parts, steering between frames, new data, and the parts built on the public API alone.
#include "ui/chronoscope.h"

#include "core/index.h"
#include "core/load.h"

#include "headless.h"
#include "imgui.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace chronoscope;

namespace {

// A timeline of `n` points a day apart from 2020-01-01, in one group, ids "e0", "e1", ...
std::unique_ptr<TimelineData> MakeData(int n, const char* title = "Test", const char* top = "")
{
    std::string json = std::string("{") + top + "\"title\": \"" + title + "\", \"groups\": [{\"id\": \"g\", \"label\": \"G\"}], \"events\": [";
    for (int i = 0; i < n; i++) {
        char buf[160];
        snprintf(buf, sizeof(buf), "%s{\"id\": \"e%d\", \"start\": \"2020-01-%02dT12:00\", \"title\": \"Event %d\", \"group\": \"g\"}",
                 i ? "," : "", i, 1 + i % 28, i);
        json += buf;
    }
    json += "]}";
    return test::LoadIndexed(json);
}

// An ImGui context with a built font atlas and a Chronoscope context; frames draw one or two timelines side by
// side in one window filling a 1200x600 display.
struct Host : test::HeadlessImGui {
    const TimelineData* Left = nullptr;
    const TimelineData* Right = nullptr;
    TimelineFlags    Flags = 0;
    ImGuiID          LeftId = 0, RightId = 0;
    float            Width = 0.0f;   // each timeline's width; 0: the window's, or half of it for two

    void Frame() override
    {
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
        ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
        ImGui::Begin("host", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
        float w = Width > 0.0f ? Width : Right ? 600.0f : 1200.0f;
        if (BeginTimeline("left", Left, ImVec2(w, 600), Flags)) {
            LeftId = GetTimelineID();
            EndTimeline();
        }
        if (Right) {
            ImGui::SameLine();
            if (BeginTimeline("right", Right, ImVec2(w, 600), Flags)) {
                RightId = GetTimelineID();
                EndTimeline();
            }
        }
        ImGui::End();
        ImGui::PopStyleVar(2);
        ImGui::Render();
    }
    // fn() on the timeline with this id, between frames
    template <typename Fn>
    static auto On(ImGuiID id, Fn fn)
    {
        SetCurrentTimeline(id);
        auto r = fn();
        SetCurrentTimeline(0);
        return r;
    }
    double Span(ImGuiID id)
    {
        return On(id, [] {
            Instant a, b;
            GetTimelineWindow(&a, &b);
            return ToSeconds(b - a);
        });
    }
    int Selection(ImGuiID id) { return On(id, [] { return GetTimelineSelection(); }); }
    ImVec2 PlotCentre(ImGuiID id)
    {
        return On(id, [] {
            ImVec2 a, b;
            GetTimelineRect(TimelineRect_Plot, &a, &b);
            return ImVec2((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
        });
    }
};

} // namespace

TEST(Widget, TwoTimelinesInOneWindowKeepTheirOwnView)
{
    Host h;
    auto a = MakeData(20), b = MakeData(20);
    h.Left = a.get();
    h.Right = b.get();
    h.Frames(3);
    ASSERT_NE(h.LeftId, 0u);
    ASSERT_NE(h.RightId, 0u);
    EXPECT_NE(h.LeftId, h.RightId);
    double left0 = h.Span(h.LeftId), right0 = h.Span(h.RightId);
    // the wheel over the right timeline zooms it, and only it
    h.MouseTo(h.PlotCentre(h.RightId));
    ImGui::GetIO().AddMouseWheelEvent(0.0f, 3.0f);
    h.Frames(60);
    EXPECT_LT(h.Span(h.RightId), right0 * 0.7);
    EXPECT_DOUBLE_EQ(h.Span(h.LeftId), left0);
}

TEST(Widget, KeysGoToTheHoveredTimelineOnly)
{
    Host h;
    auto a = MakeData(20), b = MakeData(20);
    h.Left = a.get();
    h.Right = b.get();
    h.Frames(3);
    h.MouseTo(h.PlotCentre(h.LeftId));
    h.Key(ImGuiKey_RightArrow);  // story mode: the next event after the middle of the view
    EXPECT_GE(h.Selection(h.LeftId), 0);
    EXPECT_EQ(h.Selection(h.RightId), -1);
    h.MouseTo(h.PlotCentre(h.RightId));
    h.Key(ImGuiKey_Home);
    EXPECT_EQ(h.Selection(h.RightId), 0);
}

TEST(Widget, AClickOnAMarkSelectsItsEvent)
{
    Host h;
    auto a = MakeData(5);
    h.Left = a.get();
    h.Frames(3);
    SetCurrentTimeline(h.LeftId);
    ImVec2 at;
    ASSERT_TRUE(LocateTimelineEvent(2, &at));
    SetCurrentTimeline(0);
    h.MouseTo(at);
    ImGui::GetIO().AddMouseButtonEvent(0, true);
    h.Frame();
    ImGui::GetIO().AddMouseButtonEvent(0, false);
    h.Frames(2);
    EXPECT_EQ(h.Selection(h.LeftId), 2);
}

TEST(Widget, SteeringBetweenFramesAndBeforeTheFirst)
{
    Host h;
    auto a = MakeData(10);
    h.Left = a.get();
    // before its first frame: the state is made by SetCurrentTimeline; the window holds through the first frame
    const ImGuiID id = 0x7E57u;  // a host's own fixed id
    SetCurrentTimeline(id);
    SetTimelineData(a.get(), false);
    CivilTime c0, c1;
    c0.year = 1990;
    c1.year = 1991;
    SetTimelineWindow(InstantFromCivil(c0), InstantFromCivil(c1));
    SetCurrentTimeline(0);
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(1200, 600));
    ImGui::Begin("host", nullptr, ImGuiWindowFlags_NoDecoration);
    ASSERT_TRUE(BeginTimeline(id, a.get()));
    Instant s, e;
    GetTimelineWindow(&s, &e);
    EXPECT_EQ(CivilFromInstant(s).year, 1990);
    EXPECT_NEAR(ToSeconds(e - s), ToSeconds(InstantFromCivil(c1) - InstantFromCivil(c0)), 1.0);
    EndTimeline();
    // after EndTimeline the timeline just drawn is still the current one
    EXPECT_EQ(GetTimelineID(), id);
    ImGui::End();
    ImGui::Render();
}

TEST(Widget, NewDataStartsOverAndFits)
{
    Host h;
    auto a = MakeData(10), b = MakeData(3);
    h.Left = a.get();
    h.Frames(2);
    SetCurrentTimeline(h.LeftId);
    SetTimelineSelection(4);
    EXPECT_EQ(SetTimelineSearch("Event"), 10);
    SetCurrentTimeline(0);
    h.Left = b.get();  // a new TimelineData: selection cleared, the query kept and run again, the view fitted
    h.Frame();
    SetCurrentTimeline(h.LeftId);
    EXPECT_EQ(GetTimelineSelection(), -1);
    EXPECT_EQ(GetTimelineMatchCount(), 3);
    EXPECT_STREQ(GetTimelineSearch(), "Event");
    Instant s, e;
    GetTimelineWindow(&s, &e);
    EXPECT_LE(s, b->Index.Min);
    EXPECT_GE(e, b->Index.Max);
    // the same object changed in place: MarkChanged tells the widget
    SetTimelineSelection(1);
    SetCurrentTimeline(0);
    b->MarkChanged();
    h.Frame();
    EXPECT_EQ(h.Selection(h.LeftId), -1);
}

TEST(Widget, FlagsLeaveOutTheBarAndTheDetailsPanel)
{
    Host h;
    auto a = MakeData(5);
    h.Left = a.get();
    h.Frames(2);
    SetCurrentTimeline(h.LeftId);
    SetTimelineSelection(1);
    SetCurrentTimeline(0);
    h.Frame();
    SetCurrentTimeline(h.LeftId);
    ImVec2 p0, p1, d0, d1, f0, f1;
    GetTimelineRect(TimelineRect_Frame, &f0, &f1);
    GetTimelineRect(TimelineRect_Plot, &p0, &p1);
    GetTimelineRect(TimelineRect_Details, &d0, &d1);
    EXPECT_GT(p0.y, f0.y);        // the bar is above the plot
    EXPECT_GT(d1.x - d0.x, 0.0f);  // the details panel is open for the selection
    EXPECT_LT(p1.x, f1.x);
    SetCurrentTimeline(0);
    h.Flags = TimelineFlags_PlotOnly;
    h.Frame();
    SetCurrentTimeline(h.LeftId);
    GetTimelineRect(TimelineRect_Frame, &f0, &f1);
    GetTimelineRect(TimelineRect_Plot, &p0, &p1);
    GetTimelineRect(TimelineRect_Details, &d0, &d1);
    EXPECT_EQ(p0.y, f0.y);
    EXPECT_EQ(d1.x - d0.x, 0.0f);
    EXPECT_EQ(p1.x, f1.x);
    SetCurrentTimeline(0);
}

TEST(Widget, NoInputsKeepsTheViewUnderTheWheel)
{
    Host h;
    auto a = MakeData(10);
    h.Left = a.get();
    h.Flags = TimelineFlags_NoInputs;
    h.Frames(2);
    double span = h.Span(h.LeftId);
    h.MouseTo(h.PlotCentre(h.LeftId));
    ImGui::GetIO().AddMouseWheelEvent(0.0f, 3.0f);
    h.Frames(30);
    EXPECT_DOUBLE_EQ(h.Span(h.LeftId), span);
}

TEST(Widget, StyleSizesScaleWithTheTextSize)
{
    Host h;
    auto a = MakeData(5);
    h.Left = a.get();
    h.Frames(2);
    SetCurrentTimeline(h.LeftId);
    ImVec2 f0, f1, p0, p1;
    GetTimelineRect(TimelineRect_Frame, &f0, &f1);
    GetTimelineRect(TimelineRect_Plot, &p0, &p1);
    float bar = p0.y - f0.y;
    EXPECT_FLOAT_EQ(bar, GetStyle().BarHeight * GetTimelineTextSize() / 15.0f);
    SetCurrentTimeline(0);
    GetStyle().FontSize = 30.0f;
    h.Frame();
    SetCurrentTimeline(h.LeftId);
    GetTimelineRect(TimelineRect_Frame, &f0, &f1);
    GetTimelineRect(TimelineRect_Plot, &p0, &p1);
    EXPECT_FLOAT_EQ(p0.y - f0.y, GetStyle().BarHeight * 2.0f);
    SetCurrentTimeline(0);
}

TEST(Widget, OnlyHttpLinksAreRequested)
{
    Host h;
    auto a = MakeData(2);
    h.Left = a.get();
    h.Frame();
    SetCurrentTimeline(h.LeftId);
    OpenTimelineLink("javascript:alert(1)");
    EXPECT_EQ(GetTimelineLinkRequest(), nullptr);
    OpenTimelineLink("https://example.org/");
    ASSERT_NE(GetTimelineLinkRequest(), nullptr);
    EXPECT_STREQ(GetTimelineLinkRequest(), "https://example.org/");
    SetCurrentTimeline(0);
    h.Frame();  // a request lasts one frame
    SetCurrentTimeline(h.LeftId);
    EXPECT_EQ(GetTimelineLinkRequest(), nullptr);
    SetCurrentTimeline(0);
}

// The parts are written with the public API only: they include chronoscope.h and not the internal header.
TEST(Widget, PartsUseOnlyThePublicHeader)
{
    for (const char* part : { "title_bar.cpp", "details_panel.cpp", "tooltip.cpp", "title_card.cpp", "panel.cpp", "media.cpp", "rich_text.cpp",
                              "cluster_list.cpp" }) {
        std::ifstream f(std::string(CS_SOURCE_DIR) + "/src/ui/" + part);
        ASSERT_TRUE(f.good()) << part;
        std::stringstream ss;
        ss << f.rdbuf();
        std::string src = ss.str();
        EXPECT_NE(src.find("#include \"ui/chronoscope.h\""), std::string::npos) << part;
        EXPECT_EQ(src.find("chronoscope_internal.h"), std::string::npos) << part;
        EXPECT_EQ(src.find("imgui_internal.h"), std::string::npos) << part;
    }
}

TEST(Widget, ALongQueryIsCutBetweenCharacters)
{
    Host h;
    auto a = MakeData(3);
    h.Left = a.get();
    h.Frame();
    SetCurrentTimeline(h.LeftId);
    std::string q;
    for (int i = 0; i < 300; i++)
        q += "\xED\x95\x9C";  // 한, 3 bytes each: 255 is not a multiple of 3 plus the last one
    q = "x" + q;
    SetTimelineSearch(q.c_str());
    const std::string got = GetTimelineSearch();
    EXPECT_LE(got.size(), 255u);
    EXPECT_EQ(got.size() % 3, 1u);  // "x" and whole characters
    EXPECT_EQ(q.compare(0, got.size(), got), 0);
    SetCurrentTimeline(0);
}

// The title card: first for data with a description; story mode goes from it to the first event and back.
// On a narrow widget (a phone) the details panel is a sheet below the axis, the plot keeps the whole width; on a
// wide one it is a column at the right.
TEST(Widget, ANarrowWidgetHoldsTheDetailsAsASheetBelow)
{
    Host h;
    auto a = MakeData(10);
    h.Left = a.get();
    for (float width : { 390.0f, 1200.0f }) {
        h.Width = width;
        h.Frames(2);
        h.On(h.LeftId, [] { SetTimelineSelection(3, true); return 0; });
        h.Frames(2);
        SetCurrentTimeline(h.LeftId);
        ImVec2 f0, f1, d0, d1, p0, p1, a0, a1;
        GetTimelineRect(TimelineRect_Frame, &f0, &f1);
        GetTimelineRect(TimelineRect_Details, &d0, &d1);
        GetTimelineRect(TimelineRect_Plot, &p0, &p1);
        GetTimelineRect(TimelineRect_Axis, &a0, &a1);
        SetCurrentTimeline(0);
        EXPECT_FLOAT_EQ(f1.x - f0.x, width);
        ASSERT_GT(d1.x - d0.x, 0.0f) << width;
        ASSERT_GT(d1.y - d0.y, 0.0f) << width;
        EXPECT_FLOAT_EQ(d1.x, f1.x);
        EXPECT_FLOAT_EQ(d1.y, f1.y);
        if (width < 500.0f) {
            EXPECT_FLOAT_EQ(d0.x, f0.x);                 // the whole width
            EXPECT_GE(d0.y, a1.y);                       // below the axis
            EXPECT_FLOAT_EQ(p1.x, f1.x);                 // the plot keeps the width
            EXPECT_GT(d1.y - d0.y, (f1.y - f0.y) * 0.3f);
        } else {
            EXPECT_FLOAT_EQ(d0.x, p1.x);                 // a column at the right of the plot
            EXPECT_FLOAT_EQ(a1.y, f1.y);                 // the axis at the bottom
        }
        h.On(h.LeftId, [] { SetTimelineSelection(-1, false); return 0; });
    }
}

TEST(Widget, TheTitleCardComesFirstAndStoryModeReturnsToIt)
{
    Host h;
    auto a = MakeData(10, "Story", "\"description\": \"About it.\", ");
    h.Left = a.get();
    h.Frames(2);
    SetCurrentTimeline(h.LeftId);
    EXPECT_TRUE(HasTimelineTitleCard());
    EXPECT_TRUE(IsTimelineTitleCardShown());
    ImVec2 d0, d1;
    GetTimelineRect(TimelineRect_Details, &d0, &d1);
    EXPECT_GT(d1.x - d0.x, 0.0f);  // the card has the details area
    StepTimelineSelection(+1);
    EXPECT_EQ(GetTimelineSelection(), 0);
    EXPECT_FALSE(IsTimelineTitleCardShown());
    StepTimelineSelection(-1);
    EXPECT_EQ(GetTimelineSelection(), -1);
    EXPECT_TRUE(IsTimelineTitleCardShown());
    SetCurrentTimeline(0);
    // with the flag: no card, no details area
    h.Flags = TimelineFlags_NoTitleCard;
    h.Frame();
    SetCurrentTimeline(h.LeftId);
    EXPECT_FALSE(IsTimelineTitleCardShown());
    GetTimelineRect(TimelineRect_Details, &d0, &d1);
    EXPECT_EQ(d1.x - d0.x, 0.0f);
    SetCurrentTimeline(0);
    // data without a description has no card
    auto b = MakeData(3);
    h.Flags = 0;
    h.Left = b.get();
    h.Frame();
    SetCurrentTimeline(h.LeftId);
    EXPECT_FALSE(HasTimelineTitleCard());
    SetCurrentTimeline(0);
}

TEST(Widget, StoryModeFollowsTheDatasOrder)
{
    Host h;
    auto a = MakeData(10, "Story", "\"description\": \"d\", \"story\": [\"e5\", \"e2\", \"e7\"], ");
    ASSERT_EQ(a->Tl.Story.size(), 3u);
    h.Left = a.get();
    h.Frames(2);
    auto id = [&](int ev) { return std::string(ev >= 0 ? a->Tl.Str(a->Tl.Events[ev].Id) : "card"); };
    std::vector<std::string> seen;
    SetCurrentTimeline(h.LeftId);
    for (int i = 0; i < 4; i++) {
        StepTimelineSelection(+1);
        seen.push_back(id(GetTimelineSelection()));
    }
    for (int i = 0; i < 3; i++) {
        StepTimelineSelection(-1);
        seen.push_back(IsTimelineTitleCardShown() ? "card" : id(GetTimelineSelection()));
    }
    SetCurrentTimeline(0);
    const std::vector<std::string> want = { "e5", "e2", "e7", "e7", "e2", "e5", "card" };
    EXPECT_EQ(seen, want);
}

// A step flies to the event: zoomed in among its neighbours, centred; with ReducedMotion it jumps there.
TEST(Widget, AStoryStepFliesToTheEventOrJumpsWithReducedMotion)
{
    for (bool reduced : { false, true }) {
        SCOPED_TRACE(reduced ? "reduced motion" : "animated");
        Host h;
        auto a = MakeData(20);
        h.Left = a.get();
        h.Frames(2);
        GetInputMap().ReducedMotion = reduced;
        const double fitted = h.Span(h.LeftId);
        SetCurrentTimeline(h.LeftId);
        SetTimelineSelection(5, false);
        StepTimelineSelection(+1);
        EXPECT_EQ(GetTimelineSelection(), 6);
        SetCurrentTimeline(0);
        h.Frame();
        SetCurrentTimeline(h.LeftId);
        EXPECT_EQ(IsTimelineAnimating(), !reduced);
        SetCurrentTimeline(0);
        h.Frames(120);
        EXPECT_LT(h.Span(h.LeftId), fitted * 0.5);  // zoomed in: a day apart, three days across
        SetCurrentTimeline(h.LeftId);
        ImVec2 at, p0, p1;
        ASSERT_TRUE(LocateTimelineEvent(6, &at));
        GetTimelineRect(TimelineRect_Plot, &p0, &p1);
        EXPECT_NEAR(at.x, (p0.x + p1.x) * 0.5f, (p1.x - p0.x) * 0.05f);
        SetCurrentTimeline(0);
    }
}

// The log axis: the L key switches it and fits everything (the deep-time story, 13.8 Ga to the 2020s), the window
// stays in dates, the wheel zooms about the time under the pointer, and L again gives the linear axis back.
TEST(Widget, TheLKeySwitchesToALogAxisOfDates)
{
    Host h;
    std::unique_ptr<TimelineData> d = test::LoadIndexedFile(CS_SOURCE_DIR "/assets/demo/deeptime.json");
    ASSERT_TRUE(d);
    h.Left = d.get();
    h.Frames(2);
    EXPECT_EQ(h.On(h.LeftId, [] { return GetTimelineTimeScale(); }), TimelineTimeScale_Linear);
    const int linear_titles = h.On(h.LeftId, [] { return GetTimelineLabelledEvents(nullptr); });
    h.MouseTo(h.PlotCentre(h.LeftId));
    h.Key(ImGuiKey_L);
    SetCurrentTimeline(h.LeftId);
    EXPECT_EQ(GetTimelineTimeScale(), TimelineTimeScale_Log);
    ImVec2 p0, p1;
    GetTimelineRect(TimelineRect_Plot, &p0, &p1);
    // fitted: the Big Bang near the left edge, the last event with room for its label after it
    const float big_bang = TimelineTimeToScreenX(d->Index.Min), last = TimelineTimeToScreenX(d->Tl.Events.back().Start());
    EXPECT_GT(big_bang, p0.x);
    EXPECT_LT(big_bang, p0.x + (p1.x - p0.x) * 0.05f);
    EXPECT_GT(last, p0.x + (p1.x - p0.x) * 0.8f);
    EXPECT_LT(last, p1.x - 100.0f);
    // every group (cosmos, life, humans, technology) has titles drawn, not only clusters
    const uint32_t* shown = nullptr;
    const int n_shown = GetTimelineLabelledEvents(&shown);
    std::vector<int> per_group(d->Tl.Groups.size(), 0);
    for (int i = 0; i < n_shown; i++)
        if (d->Tl.Events[shown[i]].Group < per_group.size())
            per_group[d->Tl.Events[shown[i]].Group]++;
    ASSERT_EQ(per_group.size(), 4u);
    for (size_t g = 0; g < per_group.size(); g++)
        EXPECT_GE(per_group[g], 3) << d->Tl.Groups[g].Id;
    EXPECT_GT(n_shown, linear_titles + 10);
    // the window in dates, both ways
    CivilTime c0, c1;
    c0.year = -66000000;
    c1.year = 1969;
    const Instant a = InstantFromCivil(c0), b = InstantFromCivil(c1);
    SetTimelineWindow(a, b);
    Instant s, e;
    GetTimelineWindow(&s, &e);
    EXPECT_EQ(s, a);
    EXPECT_NEAR(ToSeconds(e - b), 0.0, 1e-3);
    // a decade of age is as wide at 10 Ma as at 1,000 years
    CivilTime y;
    y.year = 2026 - 10000000;
    const float x_10ma = TimelineTimeToScreenX(InstantFromCivil(y));
    y.year = 2026 - 1000000;
    const float x_1ma = TimelineTimeToScreenX(InstantFromCivil(y));
    y.year = 2026 - 10000;
    const float x_10ka = TimelineTimeToScreenX(InstantFromCivil(y));
    y.year = 2026 - 1000;
    const float x_1ka = TimelineTimeToScreenX(InstantFromCivil(y));
    EXPECT_NEAR(x_1ma - x_10ma, x_1ka - x_10ka, 1.0f);
    // the wheel zooms about the time under the pointer
    const ImVec2 at((p0.x + p1.x) * 0.4f, (p0.y + p1.y) * 0.5f);
    const Instant under = TimelineScreenXToTime(at.x);
    SetCurrentTimeline(0);
    h.MouseTo(at);
    ImGui::GetIO().AddMouseWheelEvent(0.0f, 2.0f);
    h.Frames(60);
    SetCurrentTimeline(h.LeftId);
    GetTimelineWindow(&s, &e);
    EXPECT_GT(s, a);  // zoomed in
    EXPECT_NEAR(TimelineTimeToScreenX(under), at.x, 1.0f);
    SetTimelineWindow(a, b);
    SetCurrentTimeline(0);
    // L again: linear, the same window
    h.Key(ImGuiKey_L);
    SetCurrentTimeline(h.LeftId);
    EXPECT_EQ(GetTimelineTimeScale(), TimelineTimeScale_Linear);
    GetTimelineWindow(&s, &e);
    EXPECT_EQ(s, a);
    EXPECT_NEAR(ToSeconds(e - b), 0.0, 1e-3);
    SetCurrentTimeline(0);
}

// Story steps on a log axis fly in the axis's e-folds: each event of the deep-time story lands on screen, its
// neighbours around it, the axis still log.
TEST(Widget, StoryStepsOnALogAxisShowEachEvent)
{
    Host h;
    std::unique_ptr<TimelineData> d = test::LoadIndexedFile(CS_SOURCE_DIR "/assets/demo/deeptime.json");
    ASSERT_TRUE(d);
    h.Left = d.get();
    h.Frames(2);
    h.On(h.LeftId, [] { SetTimelineTimeScale(TimelineTimeScale_Log); return 0; });
    int seen = 0;
    for (int step = 0; step < 12; step++) {
        h.On(h.LeftId, [] { StepTimelineSelection(+1); return 0; });
        h.Frames(90);  // the flight ends
        SetCurrentTimeline(h.LeftId);
        const int sel = GetTimelineSelection();
        if (sel >= 0) {
            seen++;
            ImVec2 p0, p1;
            GetTimelineRect(TimelineRect_Plot, &p0, &p1);
            const float x = TimelineTimeToScreenX(d->Tl.Events[sel].Start());
            EXPECT_GT(x, p0.x) << d->Tl.Str(d->Tl.Events[sel].Title);
            EXPECT_LT(x, p1.x) << d->Tl.Str(d->Tl.Events[sel].Title);
            // zoomed in on it: not everything in view any more
            Instant s, e;
            GetTimelineWindow(&s, &e);
            EXPECT_FALSE(s < d->Index.Min && d->Tl.Events.back().Start() < e) << d->Tl.Str(d->Tl.Events[sel].Title);
        }
        EXPECT_EQ(GetTimelineTimeScale(), TimelineTimeScale_Log);
        SetCurrentTimeline(0);
    }
    EXPECT_GE(seen, 10);
}

// A TimelineJS3 text's formatting is drawn in the details panel: its http(s) link is a link (the hand cursor over
// it, a click asks to open it), a javascript: one is plain text.
TEST(Widget, FormattedTextInTheDetailsPanelHasItsLinks)
{
    for (const char* href : { "https://example.org/story", "javascript:alert(1)" }) {
        SCOPED_TRACE(href);
        std::string json = std::string(R"({"events": [{"start_date": {"year": 1990}, "text": {"headline": "T", "text":
            "<p><b>Bold</b> words.</p><ul><li>item</li></ul><p><a href=')") + href +
            R"('>a link long enough to be found by a pointer moving down</a></p>"}}]})";
        TimelineData d;
        LoadResult res;
        ASSERT_TRUE(LoadTimeline(json.data(), json.size(), LoadOptions(), &d.Tl, &res));
        BuildTimelineIndex(d.Tl, &d.Index);
        Host h;
        h.Left = &d;
        h.Frame();
        ImVec2 d0, d1;
        Host::On(h.LeftId, [&] {
            SetTimelineSelection(0, false);
            return 0;
        });
        h.Frame();
        Host::On(h.LeftId, [&] {
            GetTimelineRect(TimelineRect_Details, &d0, &d1);
            return 0;
        });
        ASSERT_GT(d1.x - d0.x, 100.0f);
        // down the panel, 60 px in: the pointer meets the link's words somewhere
        float hand_at = -1;
        for (float y = d0.y; y < d1.y && hand_at < 0; y += 3) {
            h.MouseTo(ImVec2(d0.x + 60, y));
            h.Frame();
            if (ImGui::GetMouseCursor() == ImGuiMouseCursor_Hand)
                hand_at = y;
        }
        if (href[0] == 'j') {
            EXPECT_LT(hand_at, 0) << "a javascript: link is no link";
            continue;
        }
        ASSERT_GE(hand_at, 0) << "no link found in the panel";
        ImGui::GetIO().AddMouseButtonEvent(0, true);
        h.Frame();
        const char* req = Host::On(h.LeftId, [] { return GetTimelineLinkRequest(); });
        ASSERT_NE(req, nullptr);
        EXPECT_STREQ(req, href);
        ImGui::GetIO().AddMouseButtonEvent(0, false);
        h.Frame();
    }
}

// With TimelineFlags_HostSteps the widget's steps (keys, parts, the step calls) select nothing: each is a request
// the host takes once; the host's match cursor is what the bar counts.
TEST(Widget, HostStepsAreRequestsTheHostTakes)
{
    Host h;
    auto a = MakeData(10, "Story", "\"description\": \"d\", ");
    h.Left = a.get();
    h.Flags = TimelineFlags_HostSteps;
    h.Frames(2);
    int dir = 0;
    EXPECT_EQ(h.On(h.LeftId, [&] { return TakeTimelineStepRequest(&dir); }), TimelineStep_None);
    h.MouseTo(h.PlotCentre(h.LeftId));
    const struct { ImGuiKey Key; TimelineStep Step; int Dir; } keys[] = {
        { ImGuiKey_RightArrow, TimelineStep_Story, 1 }, { ImGuiKey_LeftArrow, TimelineStep_Story, -1 },
        { ImGuiKey_Home, TimelineStep_First, -1 },      { ImGuiKey_End, TimelineStep_Last, 1 },
    };
    for (const auto& k : keys) {
        h.Key(k.Key);
        EXPECT_EQ(h.On(h.LeftId, [&] { return TakeTimelineStepRequest(&dir); }), k.Step) << k.Key;
        EXPECT_EQ(dir, k.Dir) << k.Key;
        EXPECT_EQ(h.On(h.LeftId, [&] { return TakeTimelineStepRequest(&dir); }), TimelineStep_None);  // (taken)
        EXPECT_EQ(h.Selection(h.LeftId), -1) << k.Key;
        EXPECT_TRUE(h.On(h.LeftId, [] { return IsTimelineTitleCardShown(); })) << k.Key;
    }
    SetCurrentTimeline(h.LeftId);
    EXPECT_EQ(SetTimelineSearch("Event"), 10);
    EXPECT_EQ(StepTimelineMatch(-1), -1);
    EXPECT_EQ(GetTimelineSelection(), -1);
    EXPECT_EQ(TakeTimelineStepRequest(&dir), TimelineStep_Match);
    EXPECT_EQ(dir, -1);
    // the host's answer: a match of its own count, the cursor the bar shows, and a story step's flight
    const uint32_t held[] = { 2, 3 };
    SetTimelineMatches(held, 2, "Event", 120);
    SetTimelineMatchCursor(57);
    EXPECT_EQ(GetTimelineMatchCursor(), 57);
    EXPECT_EQ(GetTimelineMatchCount(), 120);
    SetTimelineMatchCursor(120);
    EXPECT_EQ(GetTimelineMatchCursor(), -1);
    const double fitted = h.Span(h.LeftId);
    SetCurrentTimeline(h.LeftId);
    FlyTimelineTo(5);
    EXPECT_EQ(GetTimelineSelection(), 5);
    EXPECT_FALSE(IsTimelineTitleCardShown());
    SetCurrentTimeline(0);
    h.Frames(120);
    EXPECT_LT(h.Span(h.LeftId), fitted * 0.5);
    // without the flag the same calls step as ever
    h.Flags = 0;
    h.Frame();
    SetCurrentTimeline(h.LeftId);
    StepTimelineSelection(+1);
    EXPECT_EQ(GetTimelineSelection(), 6);
    EXPECT_EQ(TakeTimelineStepRequest(&dir), TimelineStep_None);
    SetCurrentTimeline(0);
}
