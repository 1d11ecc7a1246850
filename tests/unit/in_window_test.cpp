// Unit tests for ListEventsInWindow (src/core/index.h): the events a window holds, in time order, as the
// accessible list of the events in view reads them. Checked against a plain scan over many data shapes.
#include "core/index.h"
#include "test_util.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

using namespace chronoscope;
using namespace chronoscope::test;

namespace {

struct Shape {
    int    Groups;
    double RangeShare;     // share of events with an end
    double MaxLenDays;     // longest range
    bool   Clustered;      // starts in a few tight clusters, else uniform
};

Timeline Make(const Shape& sh, int n, std::mt19937* rng)
{
    Timeline tl;
    for (int g = 0; g < sh.Groups; g++)
        tl.Groups.push_back(Group{ "g" + std::to_string(g), "G" + std::to_string(g), 0 });
    std::uniform_real_distribution<double> u(0.0, 1.0);
    const Instant t0 = At(1900);
    const double extent = 125 * kYear;
    for (int i = 0; i < n; i++) {
        double at = u(*rng) * extent;
        if (sh.Clustered)
            at = (double)(int)(u(*rng) * 5) * extent / 5 + u(*rng) * 86400.0 * 3;
        Event e{};
        e.SetStart(t0 + DurationFromSeconds(at));
        const bool range = u(*rng) < sh.RangeShare;
        e.SetEnd(range ? e.Start() + DurationFromSeconds(std::exp(u(*rng) * std::log(sh.MaxLenDays)) * 86400.0)
                       : e.Start());
        e.Group = sh.Groups && u(*rng) < 0.9 ? (uint16_t)(u(*rng) * sh.Groups) : kNoGroup;
        e.Extra = kNoExtra;
        e.Flags = range ? EventFlags_HasEnd : 0;
        tl.Events.push_back(e);
    }
    std::stable_sort(tl.Events.begin(), tl.Events.end(), [](const Event& a, const Event& b) { return a.Start() < b.Start(); });
    return tl;
}

} // namespace

TEST(InWindow, SameAsAScanOverManyShapesAndWindows)
{
    std::mt19937 rng(7);
    const Shape shapes[] = { { 0, 0.0, 1, false }, { 1, 0.3, 7300, false }, { 20, 0.3, 7300, false },
                             { 50, 0.9, 30, true }, { 5, 0.5, 40000, true } };
    std::uniform_real_distribution<double> u(0.0, 1.0);
    for (const Shape& sh : shapes) {
        Timeline tl = Make(sh, 3000, &rng);
        TimelineIndex idx;
        BuildTimelineIndex(tl, &idx);
        for (int w = 0; w < 60; w++) {
            const double span = std::exp(u(rng) * std::log(130 * kYear));
            const Instant a = At(1895) + DurationFromSeconds(u(rng) * 130 * kYear), b = a + DurationFromSeconds(span);
            const size_t max = w % 3 == 0 ? 5 : w % 3 == 1 ? 100 : 100000;
            const int skip = w % 4 == 0 && sh.Groups ? 0 : -1;  // some windows leave group 0 out
            std::vector<uint32_t> want;
            for (uint32_t i = 0; i < tl.Events.size(); i++) {
                const Event& e = tl.Events[i];
                if (!(e.End() < a) && !(b < e.Start()) && e.Group != skip)
                    want.push_back(i);
            }
            std::vector<uint32_t> got;
            bool more = false;
            ListEventsInWindow(tl, idx, a, b, max, &got, &more,
                               skip < 0 ? nullptr : +[](int g, void*) { return g == 0; });
            const bool want_more = want.size() > max;
            if (want_more)
                want.resize(max);
            ASSERT_EQ(got, want) << "shape groups=" << sh.Groups << " window " << w << " max " << max;
            EXPECT_EQ(more, want_more) << "window " << w;
        }
    }
}

TEST(InWindow, EdgesEmptyAndBackwards)
{
    std::mt19937 rng(1);
    Timeline tl = Make({ 2, 0.5, 100, false }, 50, &rng);
    TimelineIndex idx;
    BuildTimelineIndex(tl, &idx);
    std::vector<uint32_t> got;
    bool more = true;
    const Event& e = tl.Events[10];
    ListEventsInWindow(tl, idx, e.Start(), e.Start(), 1000, &got, &more);  // a window of one instant
    EXPECT_NE(std::find(got.begin(), got.end(), 10u), got.end());
    EXPECT_FALSE(more);
    ListEventsInWindow(tl, idx, At(2100), At(1900), 1000, &got, &more);  // backwards
    EXPECT_TRUE(got.empty());
    Timeline empty;
    TimelineIndex none;
    BuildTimelineIndex(empty, &none);
    ListEventsInWindow(empty, none, At(1900), At(2100), 10, &got, &more);
    EXPECT_TRUE(got.empty() && !more);
}

// One lane's list (what the widget shows for a cluster a click cannot zoom into): the lane's events that overlap
// the window, in the lane's order, the first max of them, appended after what the list held.
TEST(InWindow, OneLaneSameAsAScanOfTheLane)
{
    std::mt19937 rng(11);
    const Shape shapes[] = { { 1, 0.3, 7300, false }, { 3, 0.9, 40000, true }, { 20, 0.5, 30, false } };
    std::uniform_real_distribution<double> u(0.0, 1.0);
    for (const Shape& sh : shapes) {
        Timeline tl = Make(sh, 3000, &rng);
        TimelineIndex idx;
        BuildTimelineIndex(tl, &idx);
        for (int w = 0; w < 40; w++) {
            const double span = std::exp(u(rng) * std::log(130 * kYear));
            const Instant a = At(1895) + DurationFromSeconds(u(rng) * 130 * kYear), b = a + DurationFromSeconds(span);
            const size_t max = w % 2 ? 7 : 100000;
            for (const Lane& lane : idx.Lanes) {
                std::vector<uint32_t> want(1, 123456u);   // appended after what was there
                for (uint32_t i : lane.Events)
                    if (!(tl.Events[i].End() < a) && !(b < tl.Events[i].Start()))
                        want.push_back(i);
                const bool want_more = want.size() - 1 > max;
                if (want_more)
                    want.resize(max + 1);
                std::vector<uint32_t> got(1, 123456u);
                bool more = false;
                ListLaneEventsInWindow(tl, lane, a, b, max, &got, &more);
                ASSERT_EQ(got, want) << "groups=" << sh.Groups << " window " << w << " max " << max;
                EXPECT_EQ(more, want_more) << "window " << w;
            }
        }
    }
}
