// Unit tests for src/core/index.h (lanes per group) and src/core/layout.h (level of detail).
#include "core/index.h"
#include "core/layout.h"
#include "core/timeline_data.h"
#include "core/view.h"

#include "test_util.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <set>
#include <string>

using namespace chronoscope;
using namespace chronoscope::test;

namespace {

Event MakeEvent(Timeline* tl, Instant start, Instant end, uint16_t group, const std::string& title, bool milestone = false)
{
    Event e{};
    e.SetStart(start);
    e.SetEnd(end);
    e.SetPrecision(Precision_Second, Precision_Second);
    e.Group = group;
    e.Extra = kNoExtra;
    e.Title = tl->Strings.Add(title);
    e.Flags = (uint8_t)((milestone ? EventFlags_Milestone : 0) | (end != start ? EventFlags_HasEnd : 0));
    return e;
}

void Add(Timeline* tl, Instant start, Instant end, uint16_t group = kNoGroup, bool milestone = false)
{
    tl->Events.push_back(MakeEvent(tl, start, end, group, "e" + std::to_string(tl->Events.size()), milestone));
}

void SortEvents(Timeline* tl)
{
    std::stable_sort(tl->Events.begin(), tl->Events.end(),
                     [](const Event& a, const Event& b) { return a.Start() < b.Start(); });
}

// Indexes with no minimum lane share, so that every lane the events need is its own (small test sets).
void IndexEveryLane(const Timeline& tl, TimelineIndex* idx)
{
    IndexOptions opt;
    opt.LaneMinFraction = 0.0;
    BuildTimelineIndex(tl, idx, opt);
}

bool Overlaps(const Event& e, Instant lo, Instant hi) { return e.End() >= lo && e.Start() <= hi; }

// Checks the structural invariants of an index.
void CheckIndex(const Timeline& tl, const TimelineIndex& idx)
{
    ASSERT_EQ(idx.Groups.size(), tl.Groups.size() + 1);
    std::vector<int> seen(tl.Events.size(), 0);
    int lane_pos = 0;
    for (size_t g = 0; g < idx.Groups.size(); g++) {
        const GroupLanes& gl = idx.Groups[g];
        EXPECT_EQ(gl.FirstLane, lane_pos) << "group " << g << " lanes not contiguous";
        lane_pos += gl.LaneCount;
        int count = 0;
        for (int l = gl.FirstLane; l < gl.FirstLane + gl.LaneCount; l++) {
            ASSERT_LT((size_t)l, idx.Lanes.size());
            const Lane& lane = idx.Lanes[l];
            uint16_t want = g == tl.Groups.size() ? kNoGroup : (uint16_t)g;
            EXPECT_EQ(lane.Group, want);
            count += (int)lane.Events.size();
            EXPECT_EQ(lane.BlockMaxEndSec.size(), (lane.Events.size() + kLaneBlock - 1) / kLaneBlock);
            int64_t run = INT64_MIN;
            for (size_t k = 0; k < lane.Events.size(); k++) {
                uint32_t ei = lane.Events[k];
                ASSERT_LT(ei, tl.Events.size());
                seen[ei]++;
                const Event& e = tl.Events[ei];
                uint16_t eg = e.Group >= tl.Groups.size() ? kNoGroup : e.Group;
                EXPECT_EQ(eg, lane.Group);
                if (k > 0) {
                    EXPECT_TRUE(tl.Events[lane.Events[k - 1]].Start() <= e.Start()) << "lane not sorted";
                }
                run = std::max(run, e.EndSec);
                if ((k + 1) % kLaneBlock == 0 || k + 1 == lane.Events.size()) {
                    EXPECT_EQ(lane.BlockMaxEndSec[k / kLaneBlock], run) << "block " << k / kLaneBlock;
                }
            }
        }
        EXPECT_EQ(count, gl.EventCount) << "group " << g;
    }
    EXPECT_EQ((size_t)lane_pos, idx.Lanes.size());
    for (size_t i = 0; i < seen.size(); i++)
        EXPECT_EQ(seen[i], 1) << "event " << i << " in " << seen[i] << " lanes";
}

// Checks a layout's accounting: every mark's event is in its lane, in view, and counts add up.
void CheckLayout(const Timeline& tl, const TimelineIndex& idx, const View& v, const LayoutParams& p, const Layout& lay)
{
    Instant lo = ViewTime(v, -p.OverscanPx), hi = ViewTime(v, v.Width + p.OverscanPx);
    size_t sum = 0;
    for (const Mark& m : lay.Marks) {
        ASSERT_LT(m.Lane, idx.Lanes.size());
        ASSERT_LT(m.Event, tl.Events.size());
        const Lane& lane = idx.Lanes[m.Lane];
        EXPECT_NE(std::find(lane.Events.begin(), lane.Events.end(), m.Event), lane.Events.end());
        EXPECT_GE(m.Count, 1u);
        if (m.Kind != MarkKind_Cluster) {
            EXPECT_EQ(m.Count, 1u);
        }
        EXPECT_LE(m.X0, m.X1);
        // a cluster of busy columns spans at most two cluster widths (the exceptions: the fold of ranges running in
        // from the left, which starts at the left edge, and, with drawn sizes, a bar that others overlap folded in)
        const bool sized = p.PointHalfPx > 0.0f || p.MilestoneHalfPx > 0.0f || p.RangeMinPx > 0.0f || p.ClusterMinPx > 0.0f;
        if (m.Kind == MarkKind_Cluster && m.X0 > -p.OverscanPx + 0.5f && !sized) {
            EXPECT_LE(m.X1 - m.X0, 2 * p.ClusterMaxPx + 1) << "cluster of " << m.Count << " at " << m.X0;
        }
        EXPECT_GE(m.X0, -p.OverscanPx - 1);
        EXPECT_LE(m.X1, v.Width + p.OverscanPx + 1);
        EXPECT_TRUE(Overlaps(tl.Events[m.Event], lo, hi)) << "mark event " << m.Event << " is outside the view";
        sum += m.Continued ? 0 : m.Count;  // (the rest of a bar that gave way is counted where it begins)
    }
    EXPECT_EQ(sum, lay.VisibleEvents);
}

} // namespace

// --- index

TEST(Index, EmptyTimeline)
{
    Timeline tl;
    TimelineIndex idx;
    BuildTimelineIndex(tl, &idx);
    EXPECT_TRUE(idx.Empty);
    EXPECT_TRUE(idx.Lanes.empty());
    EXPECT_EQ(idx.Groups.size(), 1u);
    EXPECT_TRUE(idx.Min == idx.Max);
    Layout lay;
    LayoutView(tl, idx, View(), LayoutParams(), nullptr, &lay);
    EXPECT_TRUE(lay.Marks.empty());
    EXPECT_EQ(lay.VisibleEvents, 0u);
}

TEST(Index, OverlappingRangesStack)
{
    Timeline tl;
    tl.Groups.resize(2);
    tl.Groups[0].Id = "a";
    tl.Groups[1].Id = "b";
    Add(&tl, At(2000), At(2010), 0);
    Add(&tl, At(2002), At(2004), 0);   // overlaps the first: lane 2
    Add(&tl, At(2003), At(2008), 0);   // overlaps both: lane 3
    Add(&tl, At(2005), At(2006), 0);   // lane 2 freed at 2004
    Add(&tl, At(2001), At(2003), 1);   // another group: its own lane
    Add(&tl, At(2050), At(2051));      // ungrouped
    SortEvents(&tl);
    TimelineIndex idx;
    IndexEveryLane(tl, &idx);
    CheckIndex(tl, idx);
    EXPECT_FALSE(idx.Empty);
    EXPECT_TRUE(idx.Min == At(2000));
    EXPECT_TRUE(idx.Max == At(2051));
    ASSERT_EQ(idx.Groups.size(), 3u);
    EXPECT_EQ(idx.Groups[0].LaneCount, 3);
    EXPECT_EQ(idx.Groups[0].EventCount, 4);
    EXPECT_EQ(idx.Groups[1].LaneCount, 1);
    EXPECT_EQ(idx.Groups[2].LaneCount, 1);
    EXPECT_EQ(idx.Groups[2].EventCount, 1);
    // no two events in a lane overlap (there are fewer than MaxLanesPerGroup)
    for (const Lane& lane : idx.Lanes)
        for (size_t k = 1; k < lane.Events.size(); k++)
            EXPECT_TRUE(tl.Events[lane.Events[k - 1]].End() <= tl.Events[lane.Events[k]].Start());
    // the 2000-2010 event and the 2002-2004 one are in different lanes
    auto lane_of = [&](Instant s) {
        for (size_t l = 0; l < idx.Lanes.size(); l++)
            for (uint32_t e : idx.Lanes[l].Events)
                if (tl.Events[e].Start() == s)
                    return (int)l;
        return -1;
    };
    EXPECT_NE(lane_of(At(2000)), lane_of(At(2002)));
    EXPECT_NE(lane_of(At(2003)), lane_of(At(2002)));
    EXPECT_NE(lane_of(At(2003)), lane_of(At(2000)));
    EXPECT_EQ(lane_of(At(2005)), lane_of(At(2002)));
}

TEST(Index, ErasExtendExtent)
{
    Timeline tl;
    Add(&tl, At(2000), At(2000));
    Era era;
    era.Start = At(1990);
    era.End = At(2020);
    tl.Eras.push_back(era);
    TimelineIndex idx;
    BuildTimelineIndex(tl, &idx);
    EXPECT_TRUE(idx.Min == At(1990));
    EXPECT_TRUE(idx.Max == At(2020));
}

TEST(Index, MaxLanesPerGroupCapAndRandomInvariants)
{
    std::mt19937 rng(7);
    Timeline tl;
    tl.Groups.resize(3);
    for (int i = 0; i < 5000; i++) {
        int64_t s = (int64_t)(rng() % 1000000);
        int64_t len = (rng() % 4 == 0) ? 0 : (int64_t)(rng() % 50000);
        uint16_t g = (uint16_t)(rng() % 4);
        Add(&tl, MakeInstant(s, 0), MakeInstant(s + len, 0), g == 3 ? kNoGroup : g, rng() % 2 == 0);
    }
    SortEvents(&tl);
    IndexOptions opt;
    opt.MaxLanesPerGroup = 4;
    TimelineIndex idx;
    BuildTimelineIndex(tl, &idx, opt);
    CheckIndex(tl, idx);
    for (const GroupLanes& gl : idx.Groups)
        EXPECT_LE(gl.LaneCount, 4);
    // FirstEndingAtOrAfter: every event before the answer ends before t (whole seconds)
    for (const Lane& lane : idx.Lanes)
        for (int q = 0; q < 50; q++) {
            Instant t = MakeInstant((int64_t)(rng() % 1100000), 0);
            size_t k = lane.FirstEndingAtOrAfter(t);
            k = std::min(k, lane.Events.size());  // past-the-end answers: see FirstEndingAtOrAfterPastEnd
            for (size_t j = 0; j < k; j++)
                EXPECT_LT(tl.Events[lane.Events[j]].EndSec, t.sec);
            // and no visible event is skipped by more than a block
            if (k < lane.Events.size()) {
                size_t first = lane.Events.size();
                for (size_t j = 0; j < lane.Events.size(); j++)
                    if (tl.Events[lane.Events[j]].End() >= t) {
                        first = j;
                        break;
                    }
                EXPECT_LE(k, first);
                EXPECT_LT(first - k, (size_t)kLaneBlock + 1);
            }
        }
}

TEST(Index, FirstEndingAtOrAfterPastEnd)
{
    // 40 events in one lane (two blocks, the second partial); a time after every end has no visible event:
    // the answer is a position in the lane, Events.size() ("none"), never past it.
    Timeline tl;
    for (int i = 0; i < 40; i++)
        Add(&tl, MakeInstant(i * 10, 0), MakeInstant(i * 10 + 5, 0));
    TimelineIndex idx;
    IndexEveryLane(tl, &idx);
    ASSERT_EQ(idx.Lanes.size(), 1u);
    const Lane& lane = idx.Lanes[0];
    ASSERT_EQ(lane.Events.size(), 40u);
    EXPECT_EQ(lane.FirstEndingAtOrAfter(MakeInstant(0, 0)), 0u);
    EXPECT_LE(lane.FirstEndingAtOrAfter(MakeInstant(395, 0)), 39u);
    EXPECT_EQ(lane.FirstEndingAtOrAfter(MakeInstant(1000, 0)), 40u);
}

TEST(Index, PointsStackByLaneMinFraction)
{
    // close points in one group stack into several lanes (LaneMinFraction of the extent)
    Timeline tl;
    for (int i = 0; i < 3; i++)
        Add(&tl, At(2000, 1, 1 + i), At(2000, 1, 1 + i), kNoGroup, true);
    Add(&tl, At(2100), At(2100));
    SortEvents(&tl);
    TimelineIndex idx;
    BuildTimelineIndex(tl, &idx);
    CheckIndex(tl, idx);
    EXPECT_EQ(idx.Groups[0].LaneCount, 3);
}

// --- layout

TEST(Layout, SmallTimelineAllSingleMarks)
{
    Timeline tl;
    tl.Groups.resize(1);
    Add(&tl, At(1900), At(1900), 0, false);
    Add(&tl, At(1950), At(1950), 0, true);
    Add(&tl, At(1960), At(1990), kNoGroup);
    Add(&tl, At(2000), At(2000));
    SortEvents(&tl);
    TimelineIndex idx;
    BuildTimelineIndex(tl, &idx);
    CheckIndex(tl, idx);
    View v = MakeView(At(1890), 120 * kYear, 1200);
    LayoutParams p;
    Layout lay;
    LayoutView(tl, idx, v, p, nullptr, &lay);
    CheckLayout(tl, idx, v, p, lay);
    EXPECT_EQ(lay.VisibleEvents, 4u);
    ASSERT_EQ(lay.Marks.size(), 4u);
    int points = 0, miles = 0, ranges = 0;
    for (const Mark& m : lay.Marks) {
        const Event& e = tl.Events[m.Event];
        EXPECT_EQ(m.Count, 1u);
        if (m.Kind == MarkKind_Point) {
            points++;
            EXPECT_FALSE(e.IsRange());
        } else if (m.Kind == MarkKind_Milestone) {
            miles++;
            EXPECT_TRUE(e.IsMilestone());
        } else if (m.Kind == MarkKind_Range) {
            ranges++;
            EXPECT_NEAR(m.X0, ViewX(v, e.Start()), 0.5);
            EXPECT_NEAR(m.X1, ViewX(v, e.End()), 0.5);
        } else {
            ADD_FAILURE() << "unexpected cluster";
        }
        // hit test at the mark's x finds it
        int hit = LayoutHitTest(lay, m.Lane, (m.X0 + m.X1) * 0.5f, 3.0f);
        ASSERT_GE(hit, 0);
        EXPECT_EQ(lay.Marks[hit].Event, m.Event);
    }
    EXPECT_EQ(points, 2);
    EXPECT_EQ(miles, 1);
    EXPECT_EQ(ranges, 1);
    // far from every mark: nothing (marks are at x = 100, 500, 600..850, 1100)
    EXPECT_EQ(LayoutHitTest(lay, lay.Marks[0].Lane, -150.0f, 3.0f), -1);
    EXPECT_EQ(LayoutHitTest(lay, 999, 100.0f, 3.0f), -1);
}

TEST(Layout, ManyEventsAreBoundedByPixels)
{
    const int N = 100000;
    Timeline tl;
    tl.Events.reserve(N);
    Instant t0 = At(2020);
    std::mt19937 rng(99);
    for (int i = 0; i < N; i++) {
        int64_t s = (int64_t)((double)rng() / 4294967296.0 * kYear);
        Add(&tl, MakeInstant(t0.sec + s, 0), MakeInstant(t0.sec + s, 0), kNoGroup, i % 3 == 0);
    }
    SortEvents(&tl);
    TimelineIndex idx;
    BuildTimelineIndex(tl, &idx);
    CheckIndex(tl, idx);
    const double W = 1000.0;
    View v = MakeView(t0, kYear, W);
    LayoutParams p;
    Layout lay;
    LayoutView(tl, idx, v, p, nullptr, &lay);
    CheckLayout(tl, idx, v, p, lay);
    size_t lanes = idx.Lanes.size();
    double bound = (double)lanes * ((W + 2 * p.OverscanPx) / p.MinMarkPx + 1) * 2;
    EXPECT_LE((double)lay.Marks.size(), bound) << "lanes " << lanes;
    EXPECT_LT(lay.Marks.size(), (size_t)N / 10);
    // the whole year is in view: every event is counted
    EXPECT_EQ(lay.VisibleEvents, (size_t)N);
    size_t clusters = 0;
    for (const Mark& m : lay.Marks)
        if (m.Kind == MarkKind_Cluster) {
            clusters++;
            EXPECT_GE(m.Count, 2u);
        }
    EXPECT_GT(clusters, 0u);

    // zoom into one day in the middle: only events in or near the window
    View z = MakeView(MakeInstant(t0.sec + (int64_t)(kYear / 2), 0), 86400.0, W);
    LayoutView(tl, idx, z, p, nullptr, &lay);
    CheckLayout(tl, idx, z, p, lay);
    Instant lo = ViewTime(z, -p.OverscanPx), hi = ViewTime(z, W + p.OverscanPx);
    size_t expect = 0;
    for (const Event& e : tl.Events)
        if (Overlaps(e, lo, hi))
            expect++;
    EXPECT_GT(expect, 0u);
    // events are counted once; clusters may reach a little past the right overscan edge
    EXPECT_GE(lay.VisibleEvents, expect);
    EXPECT_LE(lay.VisibleEvents, expect + lanes * 64);
}

// Shared lanes (more overlapping events than MaxLanesPerGroup) and dots wider than a column: the marks of a lane,
// as wide as they are drawn, never overlap, and every event in view is still counted once.
TEST(Layout, MarksOfALaneNeverOverlapAsDrawn)
{
    std::mt19937 rng(14);
    Timeline tl;
    tl.Groups.resize(2);
    for (int i = 0; i < 20000; i++) {
        int64_t s = (int64_t)(rng() % 10000000);
        int64_t len = (rng() % 3 == 0) ? (int64_t)(rng() % 2000000) : 0;
        Add(&tl, MakeInstant(s, 0), MakeInstant(s + len, 0), (uint16_t)(rng() % 2), rng() % 4 == 0);
    }
    SortEvents(&tl);
    TimelineIndex idx;
    BuildTimelineIndex(tl, &idx);
    LayoutParams p;
    p.PointHalfPx = 5.0f;
    p.MilestoneHalfPx = 7.5f;
    p.RangeMinPx = 2.0f;
    p.ClusterMinPx = 6.0f;
    Layout lay;
    for (int k = 0; k < 200; k++) {
        double span = 1e7 * std::pow(10.0, -(double)(k % 20) * 0.3);
        View v = MakeView(MakeInstant((int64_t)(rng() % 10000000) - (int64_t)(span / 2), 0), span, 1200.0);
        LayoutView(tl, idx, v, p, nullptr, &lay);
        CheckLayout(tl, idx, v, p, lay);
        for (size_t i = 1; i < lay.Marks.size(); i++) {
            const Mark& a = lay.Marks[i - 1];
            const Mark& b = lay.Marks[i];
            if (a.Lane == b.Lane) {
                ASSERT_GE(MarkLeftPx(b, p), MarkRightPx(a, p)) << "view " << k << ", lane " << a.Lane << ": kinds " << (int)a.Kind
                                                                << " at " << a.X0 << ".." << a.X1 << " and " << (int)b.Kind << " at "
                                                                << b.X0 << ".." << b.X1;
            }
        }
    }
}

TEST(Layout, LongRangeBeforeViewIsFound)
{
    Timeline tl;
    Add(&tl, At(1000), At(3000));  // long range starting far before the view
    for (int i = 0; i < 200; i++)  // many short events after it in the same lane
        Add(&tl, At(1001 + i), At(1001 + i, 6));
    SortEvents(&tl);
    IndexOptions opt;
    opt.MaxLanesPerGroup = 1;  // everything shares one lane: the running max must carry the long range
    TimelineIndex idx;
    BuildTimelineIndex(tl, &idx, opt);
    CheckIndex(tl, idx);
    ASSERT_EQ(idx.Lanes.size(), 1u);
    View v = MakeView(At(2500), 10 * kYear, 1000);
    LayoutParams p;
    Layout lay;
    LayoutView(tl, idx, v, p, nullptr, &lay);
    CheckLayout(tl, idx, v, p, lay);
    ASSERT_EQ(lay.Marks.size(), 1u);
    EXPECT_EQ(lay.Marks[0].Kind, MarkKind_Range);
    EXPECT_EQ(tl.Events[lay.Marks[0].Event].Start().sec, At(1000).sec);
    EXPECT_EQ(lay.VisibleEvents, 1u);
    EXPECT_NEAR(lay.Marks[0].X0, -p.OverscanPx, 1.0);
    EXPECT_NEAR(lay.Marks[0].X1, 1000 + p.OverscanPx, 1.0);
    EXPECT_GE(LayoutHitTest(lay, 0, 500.0f, 0.0f), 0);
}

TEST(Layout, LaneShownFilter)
{
    Timeline tl;
    tl.Groups.resize(2);
    Add(&tl, At(2000), At(2000), 0);
    Add(&tl, At(2001), At(2001), 1);
    Add(&tl, At(2002), At(2002), kNoGroup);
    SortEvents(&tl);
    TimelineIndex idx;
    BuildTimelineIndex(tl, &idx);
    ASSERT_EQ(idx.Lanes.size(), 3u);
    View v = MakeView(At(1999), 4 * kYear, 800);
    LayoutParams p;
    Layout lay;
    std::vector<uint8_t> shown = {1, 0, 1};
    LayoutView(tl, idx, v, p, &shown, &lay);
    CheckLayout(tl, idx, v, p, lay);
    EXPECT_EQ(lay.VisibleEvents, 2u);
    for (const Mark& m : lay.Marks)
        EXPECT_NE(m.Lane, 1);
    std::vector<uint8_t> none = {0, 0, 0};
    LayoutView(tl, idx, v, p, &none, &lay);
    EXPECT_TRUE(lay.Marks.empty());
    EXPECT_EQ(lay.VisibleEvents, 0u);
    LayoutView(tl, idx, v, p, nullptr, &lay);
    EXPECT_EQ(lay.VisibleEvents, 3u);
}

TEST(Layout, ClusterAndHitTest)
{
    Timeline tl;
    Instant t0 = At(2020);
    for (int i = 0; i < 10; i++)  // 10 events one second apart
        Add(&tl, MakeInstant(t0.sec + i, 0), MakeInstant(t0.sec + i, 0));
    Add(&tl, MakeInstant(t0.sec + 86400 * 300, 0), MakeInstant(t0.sec + 86400 * 300, 0));
    SortEvents(&tl);
    TimelineIndex idx;
    IndexEveryLane(tl, &idx);
    ASSERT_EQ(idx.Lanes.size(), 1u);
    View v = MakeView(MakeInstant(t0.sec - 86400, 0), 400 * 86400.0, 1000);
    LayoutParams p;
    Layout lay;
    LayoutView(tl, idx, v, p, nullptr, &lay);
    CheckLayout(tl, idx, v, p, lay);
    EXPECT_EQ(lay.VisibleEvents, 11u);
    ASSERT_EQ(lay.Marks.size(), 2u);
    EXPECT_EQ(lay.Marks[0].Kind, MarkKind_Cluster);
    EXPECT_EQ(lay.Marks[0].Count, 10u);
    EXPECT_EQ(lay.Marks[1].Kind, MarkKind_Point);
    int hit = LayoutHitTest(lay, 0, lay.Marks[0].X0, 2.0f);
    EXPECT_EQ(hit, 0);
    hit = LayoutHitTest(lay, 0, lay.Marks[1].X0 + 1.0f, 2.0f);
    EXPECT_EQ(hit, 1);
    EXPECT_EQ(LayoutHitTest(lay, 0, 500.0f, 2.0f), -1);
}

// A lane whose last events fold into a cluster: the cluster ends at its own columns, not at the view's right edge
// (a lane that ends early, as the human lanes of the deep-time demo do, must not draw a bar to the screen's edge).
TEST(Layout, ClusterAtTheEndOfALaneEndsWithItsColumns)
{
    Timeline tl;
    Instant t0 = At(2020);
    Add(&tl, MakeInstant(t0.sec - 86400 * 300, 0), MakeInstant(t0.sec - 86400 * 300, 0));
    for (int i = 0; i < 5; i++)  // the lane's last events, one second apart: one column
        Add(&tl, MakeInstant(t0.sec + i, 0), MakeInstant(t0.sec + i, 0));
    SortEvents(&tl);
    TimelineIndex idx;
    IndexEveryLane(tl, &idx);
    ASSERT_EQ(idx.Lanes.size(), 1u);
    LayoutParams p;
    for (double span_days : { 400.0, 4000.0, 4e6 }) {  // zoomed in (column search) and out (pyramid counts)
        View v = MakeView(MakeInstant(t0.sec - (int64_t)(span_days * 86400 / 2), 0), span_days * 86400.0, 1000);
        Layout lay;
        LayoutView(tl, idx, v, p, nullptr, &lay);
        CheckLayout(tl, idx, v, p, lay);
        double x = ViewX(v, t0);
        bool found = false;
        for (const Mark& m : lay.Marks)
            if (m.Kind == MarkKind_Cluster) {
                found = true;
                EXPECT_LE(m.X1, x + 2 * p.ClusterMaxPx) << span_days << " days: cluster " << m.X0 << ".." << m.X1;
            }
        EXPECT_TRUE(found) << span_days << " days";
    }
}

// --- log scale

namespace {

// The single marks of a lane that have room for a label: inside the plot, at least min_room pixels before the next
// mark of their lane (or the plot's right edge).
int LabelledSingles(const Layout& lay, int lane, double width, double min_room)
{
    std::vector<const Mark*> marks;
    for (const Mark& m : lay.Marks)
        if (m.Lane == lane)
            marks.push_back(&m);
    int n = 0;
    for (size_t i = 0; i < marks.size(); i++) {
        const Mark& m = *marks[i];
        if (m.Count != 1 || m.X0 < 0.0f || m.X0 > width)
            continue;
        double next = i + 1 < marks.size() ? marks[i + 1]->X0 : width;
        if (next - m.X1 >= min_room)
            n++;
    }
    return n;
}

} // namespace

// The deep-time story fitted on a log axis: every lane of every group (cosmos, life, humans, technology) shows events
// of its own with room for their titles, not clusters squeezed against the right edge (as the linear axis does).
TEST(Layout, DeepTimeOnALogAxisLabelsEveryLane)
{
    TimelineData data;
    LoadResult res;
    ASSERT_TRUE(LoadTimelineFile((std::string(CS_SOURCE_DIR) + "/assets/demo/deeptime.json").c_str(), LoadOptions(),
                                 &data.Tl, &res)) << Dump(res);
    BuildTimelineIndex(data.Tl, &data.Index);
    ASSERT_EQ(data.Tl.Groups.size(), 4u);
    const double W = 1280.0;
    // the present: the data's last instant, today, and in twenty years
    for (Instant present : { data.Index.Max, At(2026, 11, 29), At(2046, 6, 1) }) {
        View v;
        v.Width = W;
        v.Scale = TimeScale_Log;
        v.Present = present;
        FitView(&v, data.Tl, data.Index);
        // everything is in view, the Big Bang near the left edge, the last event with room after it
        EXPECT_GT(ViewX(v, data.Index.Min), 0.0);
        EXPECT_LT(ViewX(v, data.Index.Min), W * 0.05);
        double last = ViewX(v, data.Tl.Events.back().Start());
        EXPECT_GT(last, W * 0.8);
        EXPECT_LT(last, W * 0.9);
        LayoutParams p;
        Layout lay;
        LayoutView(data.Tl, data.Index, v, p, nullptr, &lay);
        CheckLayout(data.Tl, data.Index, v, p, lay);
        EXPECT_EQ(lay.VisibleEvents, data.Tl.Events.size());
        for (size_t g = 0; g < data.Tl.Groups.size(); g++) {
            const GroupLanes& gl = data.Index.Groups[g];
            ASSERT_GT(gl.LaneCount, 0);
            for (int l = gl.FirstLane; l < gl.FirstLane + gl.LaneCount; l++)
                EXPECT_GE(LabelledSingles(lay, l, W, 40.0), 1) << data.Tl.Groups[g].Id << " lane " << l - gl.FirstLane;
        }
    }
}

// A million-event-like spread (here 200,000, over five centuries) on a log axis: counts add up, marks stay bounded by
// the pixels, and the young end (columns finer than any bucket) is found event by event.
TEST(Layout, LogAxisCountsEveryEventAndStaysBounded)
{
    const int N = 200000;
    Timeline tl;
    tl.Events.reserve(N);
    Instant t0 = At(1500);
    const double extent = 525 * kYear;
    std::mt19937 rng(7);
    for (int i = 0; i < N; i++) {
        int64_t s = (int64_t)((double)rng() / 4294967296.0 * extent);
        Add(&tl, MakeInstant(t0.sec + s, 0), MakeInstant(t0.sec + s, 0), kNoGroup, i % 7 == 0);
    }
    SortEvents(&tl);
    TimelineIndex idx;
    BuildTimelineIndex(tl, &idx);
    CheckIndex(tl, idx);
    const double W = 1000.0;
    View v;
    v.Width = W;
    v.Scale = TimeScale_Log;
    v.Present = idx.Max + DurationFromSeconds(86400.0);
    ViewSetRange(&v, t0 - DurationFromSeconds(kYear), v.Present);  // to the youngest age: 10 decades
    LayoutParams p;
    Layout lay;
    LayoutView(tl, idx, v, p, nullptr, &lay);
    CheckLayout(tl, idx, v, p, lay);
    EXPECT_EQ(lay.VisibleEvents, (size_t)N);
    double bound = (double)idx.Lanes.size() * ((W + 2 * p.OverscanPx) / p.MinMarkPx + 1) * 2;
    EXPECT_LE((double)lay.Marks.size(), bound);
    // the last events (about one a day, the last a day before the present) have pixels of their own: single marks
    // where they are, the last one among them
    const double x_month = ViewX(v, v.Present - DurationFromSeconds(30 * 86400.0));
    int singles_at_the_end = 0;
    bool last_single = false;
    for (const Mark& m : lay.Marks)
        if (m.Count == 1 && m.X0 > x_month) {
            singles_at_the_end++;
            EXPECT_NEAR(m.X0, ViewX(v, tl.Events[m.Event].Start()), 0.5);
            last_single = last_single || m.Event + 1 == (uint32_t)tl.Events.size();
        }
    EXPECT_GT(singles_at_the_end, 3);
    EXPECT_TRUE(last_single);
    // a narrow window in the middle: the count matches the events there (clusters may reach past the overscan)
    View z = v;
    ViewSetRange(&z, At(1800), At(1801));
    LayoutView(tl, idx, z, p, nullptr, &lay);
    CheckLayout(tl, idx, z, p, lay);
    Instant lo = ViewTime(z, -p.OverscanPx), hi = ViewTime(z, W + p.OverscanPx);
    size_t expect = 0;
    for (const Event& e : tl.Events)
        if (Overlaps(e, lo, hi))
            expect++;
    EXPECT_GT(expect, 0u);
    EXPECT_GE(lay.VisibleEvents, expect);
    EXPECT_LE(lay.VisibleEvents, expect + idx.Lanes.size() * 64);
}

// Lanes given beforehand (a tiled window): every event goes to its lane, and each group has the rows it was packed
// with even when the events loaded use fewer.
TEST(Index, PresetLanes)
{
    Timeline tl;
    tl.Groups.resize(2);
    Instant t0 = At(2020);
    for (int i = 0; i < 10; i++)
        Add(&tl, MakeInstant(t0.sec + i * 100, 0), MakeInstant(t0.sec + i * 100, 0), (uint16_t)(i % 2));
    std::vector<uint8_t> lanes = { 0, 2, 1, 0, 0, 2, 1, 0, 0, 2 };
    std::vector<uint8_t> per_group = { 3, 4, 1 };
    IndexOptions opt;
    opt.Lanes = lanes.data();
    opt.LanesPerGroup = per_group.data();
    TimelineIndex idx;
    BuildTimelineIndex(tl, &idx, opt);
    ASSERT_EQ(idx.Groups.size(), 3u);
    EXPECT_EQ(idx.Groups[0].LaneCount, 3);
    EXPECT_EQ(idx.Groups[1].LaneCount, 4);
    EXPECT_EQ(idx.Groups[2].LaneCount, 1);   // ungrouped: one (empty) row as packed
    for (size_t i = 0; i < tl.Events.size(); i++) {
        const GroupLanes& g = idx.Groups[tl.Events[i].Group];
        const Lane& lane = idx.Lanes[(size_t)(g.FirstLane + lanes[i])];
        EXPECT_NE(std::find(lane.Events.begin(), lane.Events.end(), (uint32_t)i), lane.Events.end()) << i;
        EXPECT_EQ(lane.Group, tl.Events[i].Group);
    }
    EXPECT_TRUE(idx.Lanes[(size_t)idx.Groups[1].FirstLane + 3].Events.empty());
    EXPECT_TRUE(idx.Lanes[(size_t)idx.Groups[1].FirstLane + 1].Events.empty());
}

namespace {
// A timeline of N points in one lane and the same folded: every run of k neighbours replaced by the first of them
// with weight k (a tiled window's proxies).
void MakeFolded(int n, int k, Timeline* whole, Timeline* folded, std::mt19937* rng)
{
    Instant t0 = At(2000);
    std::vector<int64_t> s;
    for (int i = 0; i < n; i++)
        s.push_back((int64_t)((double)(*rng)() / 4294967296.0 * 20 * kYear));
    std::sort(s.begin(), s.end());
    for (int i = 0; i < n; i++)
        Add(whole, MakeInstant(t0.sec + s[(size_t)i], 0), MakeInstant(t0.sec + s[(size_t)i], 0));
    for (int i = 0; i < n; i += k) {
        Add(folded, MakeInstant(t0.sec + s[(size_t)i], 0), MakeInstant(t0.sec + s[(size_t)i], 0));
        folded->Weights.push_back((uint32_t)std::min(k, n - i));
    }
}
} // namespace

// Counts are sums of weights, from the pyramid (zoomed out) and from the searches (zoomed in) alike.
TEST(Layout, WeightsAreCounted)
{
    std::mt19937 rng(7);
    Timeline whole, folded;
    MakeFolded(200000, 16, &whole, &folded, &rng);
    TimelineIndex iw, ifo;
    BuildTimelineIndex(whole, &iw);
    BuildTimelineIndex(folded, &ifo);
    ASSERT_FALSE(ifo.Lanes.empty());
    EXPECT_EQ(ifo.Lanes[0].WeightCum.size(), ifo.Lanes[0].Events.size() + 1);
    EXPECT_TRUE(iw.Lanes[0].WeightCum.empty());
    EXPECT_EQ(ifo.Groups.back().EventCount, 200000);
    LayoutParams p;
    Layout lw, lf;
    const double W = 1200.0;
    // fit-all: both count every event
    View v = MakeView(At(1999), 22 * kYear, W);
    LayoutView(whole, iw, v, p, nullptr, &lw);
    LayoutView(folded, ifo, v, p, nullptr, &lf);
    CheckLayout(folded, ifo, v, p, lf);
    EXPECT_EQ(lw.VisibleEvents, 200000u);
    EXPECT_EQ(lf.VisibleEvents, 200000u);
    uint64_t sum = 0;
    for (const Mark& m : lf.Marks)
        sum += m.Count;
    EXPECT_EQ(sum, 200000u);
    // a month: counts agree within the folds cut by the view's edges
    View z = MakeView(At(2010), kYear / 12, W);
    LayoutView(whole, iw, z, p, nullptr, &lw);
    LayoutView(folded, ifo, z, p, nullptr, &lf);
    EXPECT_GT(lw.VisibleEvents, 100u);
    EXPECT_NEAR((double)lf.VisibleEvents, (double)lw.VisibleEvents, 2.0 * 16);
    for (const Mark& m : lf.Marks)
        EXPECT_NE(m.Kind, MarkKind_Point) << "a proxy of 16 events drawn as a point";
}

// An event standing for several is a cluster mark even alone, and also when it runs into the view from the left.
TEST(Layout, AHeavyEventIsAlwaysACluster)
{
    Timeline tl;
    Instant t0 = At(2020);
    Add(&tl, t0, MakeInstant(t0.sec + 10 * 86400, 0));                         // a long range, weight 3
    Add(&tl, MakeInstant(t0.sec + 20 * 86400, 0), MakeInstant(t0.sec + 20 * 86400, 0));  // a point, weight 5
    Add(&tl, MakeInstant(t0.sec + 30 * 86400, 0), MakeInstant(t0.sec + 30 * 86400, 0));  // a point, weight 1
    tl.Weights = { 3, 5, 1 };
    TimelineIndex idx;
    IndexEveryLane(tl, &idx);
    LayoutParams p;
    Layout lay;
    View v = MakeView(MakeInstant(t0.sec - 86400, 0), 40 * 86400.0, 1000.0);
    LayoutView(tl, idx, v, p, nullptr, &lay);
    EXPECT_EQ(lay.VisibleEvents, 9u);
    std::vector<uint32_t> counts(3, 0);
    for (const Mark& m : lay.Marks) {
        counts[m.Event] += m.Count;
        EXPECT_EQ(m.Kind == MarkKind_Cluster, tl.Weights[m.Event] > 1) << m.Event;
    }
    EXPECT_EQ(counts, (std::vector<uint32_t>{ 3, 5, 1 }));
    // the range begins before the view: still a cluster of 3
    View r = MakeView(MakeInstant(t0.sec + 5 * 86400, 0), 86400.0 * 2, 1000.0);
    LayoutView(tl, idx, r, p, nullptr, &lay);
    ASSERT_EQ(lay.Marks.size(), 1u);
    EXPECT_EQ(lay.Marks[0].Kind, MarkKind_Cluster);
    EXPECT_EQ(lay.Marks[0].Count, 3u);
    EXPECT_EQ(lay.VisibleEvents, 3u);
}

// The index built a little at a time (TimelineIndexBuilder, as a tiled window's is) is the index built at once,
// with lanes assigned or given, with and without weights.
TEST(Index, BuiltInStepsIsBuiltAtOnce)
{
    std::mt19937 rng(11);
    Timeline tl;
    tl.Groups.resize(3);
    for (int i = 0; i < 3000; i++) {
        int64_t s = (int64_t)(rng() % 1000000);
        int64_t len = (rng() % 4 == 0) ? 0 : (int64_t)(rng() % 50000);
        uint16_t g = (uint16_t)(rng() % 4);
        Add(&tl, MakeInstant(s, 0), MakeInstant(s + len, 0), g == 3 ? kNoGroup : g, rng() % 2 == 0);
    }
    SortEvents(&tl);
    std::vector<uint8_t> lanes(tl.Events.size()), per_group = { 3, 2, 4, 1 };
    for (uint8_t& l : lanes)
        l = (uint8_t)(rng() % 5);
    for (int variant = 0; variant < 4; variant++) {
        IndexOptions opt;
        if (variant & 1) {
            opt.Lanes = lanes.data();
            opt.LanesPerGroup = per_group.data();
        }
        tl.Weights.clear();
        if (variant & 2)
            for (size_t i = 0; i < tl.Events.size(); i++)
                tl.Weights.push_back(1 + (uint32_t)(rng() % 9));
        TimelineIndex whole, steps;
        BuildTimelineIndex(tl, &whole, opt);
        TimelineIndexBuilder b;
        b.Start(tl, &steps, opt);
        int calls = 1;
        while (!b.Step(7))
            calls++;
        EXPECT_FALSE(b.Busy());
        EXPECT_GT(calls, 100) << variant;   // (it did stop and go on)
        ASSERT_EQ(whole.Lanes.size(), steps.Lanes.size()) << variant;
        ASSERT_EQ(whole.Groups.size(), steps.Groups.size()) << variant;
        EXPECT_EQ(whole.Min, steps.Min);
        EXPECT_EQ(whole.Max, steps.Max);
        EXPECT_EQ(whole.Empty, steps.Empty);
        for (size_t g = 0; g < whole.Groups.size(); g++) {
            EXPECT_EQ(whole.Groups[g].FirstLane, steps.Groups[g].FirstLane) << variant << " " << g;
            EXPECT_EQ(whole.Groups[g].LaneCount, steps.Groups[g].LaneCount) << variant << " " << g;
            EXPECT_EQ(whole.Groups[g].EventCount, steps.Groups[g].EventCount) << variant << " " << g;
        }
        for (size_t l = 0; l < whole.Lanes.size(); l++) {
            const Lane& a = whole.Lanes[l];
            const Lane& c = steps.Lanes[l];
            EXPECT_EQ(a.Group, c.Group);
            EXPECT_EQ(a.Events, c.Events) << variant << " " << l;
            EXPECT_EQ(a.BlockMaxEndSec, c.BlockMaxEndSec);
            EXPECT_EQ(a.BlockEndSec, c.BlockEndSec);
            EXPECT_EQ(a.EndSec, c.EndSec);
            EXPECT_EQ(a.Cum, c.Cum) << variant << " " << l;
            EXPECT_EQ(a.LevelAt, c.LevelAt);
            EXPECT_EQ(a.WeightCum, c.WeightCum);
            EXPECT_EQ(a.BucketSec, c.BucketSec);
        }
        if (variant == 0)
            CheckIndex(tl, steps);   // (its counts are of events, not weights)
    }
}
