// A cluster too wide to zoom into (ranges that all run across the view) is listed on a click, and an event chosen
// from the list is selected; a narrow cluster is still zoomed into.
#include "ui/chronoscope.h"

#include "core/index.h"
#include "core/date_parse.h"
#include "core/load.h"

#include "headless.h"
#include "imgui.h"
#include "imgui_internal.h"   // (the test finds the list's window)

#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <string>

using namespace chronoscope;

namespace {

// n ranges of one group, from 2000 on (a day apart) to 2030: more than a group's lanes, so its last lane holds
// the overlapping rest; seen over a day of 2020 that lane is one cluster across the plot.
std::unique_ptr<TimelineData> PiledRanges(int n)
{
    std::string json = "{\"groups\": [{\"id\": \"g\", \"label\": \"G\"}], \"events\": [";
    for (int i = 0; i < n; i++) {
        char buf[200];
        snprintf(buf, sizeof(buf), "%s{\"id\": \"r%d\", \"start\": \"2000-%02d-%02d\", \"end\": \"2030-01-01\", \"title\": \"Range %d\", \"group\": \"g\"}",
                 i ? "," : "", i, 1 + i / 28, 1 + i % 28, i);
        json += buf;
    }
    json += "]}";
    return test::LoadIndexed(json);
}

struct Host : test::TimelineHost {
    Host()
    {
        Flags = TimelineFlags_NoTitleCard;
        Size = ImVec2(1200, 600);
    }
    // A point over a cluster (wide: one a click lists), found by moving the pointer over the plot
    bool FindCluster(bool wide, ImVec2* at)
    {
        ImVec2 a, b;
        On([&] { GetTimelineRect(TimelineRect_Plot, &a, &b); return 0; });
        for (float y = a.y + 2.0f; y < b.y; y += 4.0f)
            for (float x = a.x + 3.0f; x < b.x; x += 6.0f) {
                MouseTo(ImVec2(x, y));
                TimelineHover h = On([] { return GetTimelineHover(); });
                if (h.Count > 1 && h.Lists == wide) {
                    *at = ImVec2(x, y);
                    return true;
                }
            }
        return false;
    }
    // `d` shown over a day of 2020, and a point over its cluster across the view
    bool ShowPiled(const TimelineData* d, ImVec2* at)
    {
        Data = d;
        Frames(2);
        Window("2020-06-01", "2020-06-02");
        Frame();
        return FindCluster(true, at);
    }
    void Window(const char* a, const char* b)
    {
        On([&] {
            ParsedDate da, db;
            std::string err;
            EXPECT_TRUE(ParseIsoDate(a, strlen(a), &da, &err) && ParseIsoDate(b, strlen(b), &db, &err));
            SetTimelineWindow(da.Time, db.Time);
            return 0;
        });
    }
};

// The list's rows (its child window) when it is drawn
ImGuiWindow* ListRows()
{
    for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
        if (w->Active && strstr(w->Name, "##events"))
            return w;
    return nullptr;
}
bool ListDrawn() { return ListRows() != nullptr; }

} // namespace

TEST(ClusterList, AClickOnAClusterAcrossTheViewListsItsEventsAndOneCanBeChosen)
{
    Host h;
    auto d = PiledRanges(60);
    ImVec2 at;
    ASSERT_TRUE(h.ShowPiled(d.get(), &at)) << "no cluster across the view";
    const TimelineHover hov = h.On([] { return GetTimelineHover(); });
    double span0 = h.On([] { Instant a, b; GetTimelineWindow(&a, &b); return ToSeconds(b - a); });
    h.Click(at);
    TimelineClusterListing l = h.On([] { return GetTimelineClusterList(); });
    ASSERT_TRUE(l.Open);
    EXPECT_EQ(l.Count, hov.Count);
    // the lane's events over the cluster's time: the overlapping ranges past the group's own lanes
    ASSERT_GE(l.Shown, hov.Count);
    EXPECT_LE(l.Shown, 60);
    for (int k = 1; k < l.Shown; k++)
        EXPECT_FALSE(d->Tl.Events[l.Events[k]].Start() < d->Tl.Events[l.Events[k - 1]].Start());
    const int first = (int)l.Events[0], third = (int)l.Events[2];
    // the view did not move (a zoom to the cluster would zoom out)
    EXPECT_DOUBLE_EQ(h.On([] { Instant a, b; GetTimelineWindow(&a, &b); return ToSeconds(b - a); }), span0);
    // the list's window and its third row; a click there selects that event and closes the list
    h.Frames(2);   // (a popup sizes itself to its content over its first frames)
    ImGuiWindow* rows = ListRows();
    ASSERT_NE(rows, nullptr) << "the list is not drawn";
    const float row = ImGui::GetTextLineHeight() + ImGui::GetStyle().ItemSpacing.y;
    EXPECT_GT(first, -1);
    h.Click(ImVec2(rows->Pos.x + 40.0f, rows->Pos.y + row * 2.5f));
    EXPECT_EQ(h.On([] { return GetTimelineSelection(); }), third);
    EXPECT_FALSE(h.On([] { return GetTimelineClusterList(); }).Open);
}

// With TimelineFlags_NoClusterList the click opens the listing for the host and the widget draws no list
TEST(ClusterList, TheFlagLeavesTheListToTheHost)
{
    Host h;
    h.Flags |= TimelineFlags_NoClusterList;
    auto d = PiledRanges(40);
    ImVec2 at;
    ASSERT_TRUE(h.ShowPiled(d.get(), &at));
    h.Click(at);
    h.Frames(2);
    TimelineClusterListing l = h.On([] { return GetTimelineClusterList(); });
    EXPECT_TRUE(l.Open);
    EXPECT_GT(l.Shown, 1);
    EXPECT_FALSE(ListDrawn());
    // without the flag the same click draws it
    h.Flags &= ~TimelineFlags_NoClusterList;
    h.Click(at);
    h.Frames(2);
    EXPECT_TRUE(ListDrawn());
}

TEST(ClusterList, AClickElsewhereClosesItAndNewDataToo)
{
    Host h;
    auto d = PiledRanges(40);
    ImVec2 at;
    ASSERT_TRUE(h.ShowPiled(d.get(), &at));
    h.Click(at);
    ASSERT_TRUE(h.On([] { return GetTimelineClusterList(); }).Open);
    h.Click(ImVec2(5.0f, 590.0f));   // outside the list
    EXPECT_FALSE(h.On([] { return GetTimelineClusterList(); }).Open);
    EXPECT_EQ(h.On([] { return GetTimelineSelection(); }), -1);
    h.Click(at);
    ASSERT_TRUE(h.On([] { return GetTimelineClusterList(); }).Open);
    h.Key(ImGuiKey_Escape);
    EXPECT_FALSE(h.On([] { return GetTimelineClusterList(); }).Open) << "Esc";
    h.Click(at);
    ASSERT_TRUE(h.On([] { return GetTimelineClusterList(); }).Open);
    auto e = PiledRanges(10);
    h.Data = e.get();
    h.Frame();
    EXPECT_FALSE(h.On([] { return GetTimelineClusterList(); }).Open);
}

TEST(ClusterList, ANarrowClusterIsStillZoomedInto)
{
    Host h;
    // 300 points of one group within a few hours of each other, in a decade: one narrow cluster
    std::string json = "{\"groups\": [{\"id\": \"g\", \"label\": \"G\"}], \"events\": [";
    for (int i = 0; i < 300; i++) {
        char buf[160];
        snprintf(buf, sizeof(buf), "%s{\"start\": \"2015-03-04T%02d:%02d\", \"title\": \"P%d\", \"group\": \"g\"}",
                 i ? "," : "", i / 60 % 24, i % 60, i);
        json += buf;
    }
    json += ", {\"start\": \"2010-01-01\", \"title\": \"A\", \"group\": \"g\"}, {\"start\": \"2020-01-01\", \"title\": \"B\", \"group\": \"g\"}]}";
    auto d = test::LoadIndexed(json);
    h.Data = d.get();
    h.Frames(2);
    ImVec2 at;
    ASSERT_TRUE(h.FindCluster(false, &at));
    double span0 = h.On([] { Instant a, b; GetTimelineWindow(&a, &b); return ToSeconds(b - a); });
    h.Click(at);
    for (int i = 0; i < 60; i++)
        h.Frame();
    EXPECT_FALSE(h.On([] { return GetTimelineClusterList(); }).Open);
    EXPECT_LT(h.On([] { Instant a, b; GetTimelineWindow(&a, &b); return ToSeconds(b - a); }), span0 * 0.5);
}

// The dates' column is measured when the list opens and kept; a locale that writes its dates wider, set while the
// list is open, widens it at once (it had kept the old width until the list reopened)
TEST(ClusterList, ALocaleSetWhileOpenRemeasuresTheDates)
{
    Host h;
    auto d = PiledRanges(40);
    ImVec2 at;
    ASSERT_TRUE(h.ShowPiled(d.get(), &at));
    h.Click(at);
    h.Frames(3);
    ImGuiWindow* rows = ListRows();
    ASSERT_NE(rows, nullptr);
    const float english = rows->Size.x;
    Locale wide;   // a test locale: English's day written with a long word around it
    wide.Tag = "x-wide";
    wide.English = false;
    for (int m = 0; m < 12; m++)
        wide.MonthShort[m] = wide.MonthShortAlone[m] = wide.MonthLong[m] = "Month" + std::to_string(m + 1);
    for (int k = 0; k < 10; k++)
        wide.Digits[k] = std::to_string(k);
    for (int p = 0; p < LocalePattern_COUNT; p++)
        wide.Pattern[p] = "the day {d} of the month {M} of the year {y}";
    h.On([&] { SetTimelineLocale(wide); return 0; });
    h.Frames(3);
    ASSERT_TRUE(h.On([] { return GetTimelineClusterList(); }).Open);
    rows = ListRows();
    ASSERT_NE(rows, nullptr);
    EXPECT_GT(rows->Size.x, english + 100.0f) << "the dates' column kept its English width";
    h.On([] { SetTimelineLocale(EnglishLocale()); return 0; });
}
