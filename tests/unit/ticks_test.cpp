// Unit tests for src/core/ticks.h: the ticks of a log axis ("13.8 Ga" ... "1 second ago").
#include "core/ticks.h"

#include "test_util.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <vector>

using namespace chronoscope;
using namespace chronoscope::test;

namespace {

const Instant kPresent = At(2026, 11, 29, 18, 0, 0);
const float kLabelPx = 96.0f;  // the widget's TickSpacing at 15 px text

Instant Ago(double seconds) { return kPresent - DurationFromSeconds(seconds); }

View LogView(double old_age, double young_age, double width = 1280.0)
{
    View v;
    v.Width = width;
    v.Scale = TimeScale_Log;
    v.Present = kPresent;
    ViewSetRange(&v, Ago(old_age), Ago(young_age));
    return v;
}

std::vector<const Tick*> Labelled(const TickSet& ts)
{
    std::vector<const Tick*> out;
    for (const Tick& t : ts.Ticks)
        if (t.Major)
            out.push_back(&t);
    return out;
}

const Tick* Find(const TickSet& ts, const std::string& label)
{
    for (const Tick& t : ts.Ticks)
        if (t.Major && t.Label == label)
            return &t;
    return nullptr;
}

std::string Labels(const TickSet& ts)
{
    std::string s;
    for (const Tick* t : Labelled(ts))
        s += "[" + t->Label + "] ";
    return s;
}

// About how wide the axis's small text (12.6 px Noto Sans) draws a label: no glyph of it is wider than 7.2 px.
double LabelWidth(const std::string& s) { return 7.2 * (double)s.size(); }

}  // namespace

// The whole deep-time story on one axis: one label per power of ten of years, each where its age is.
TEST(LogTicksTest, DecadesFromGigayearsToYearsAgo)
{
    View v = LogView(2.3e10 * kYear, 0.55 * kYear);
    TickSet ts;
    ComputeTicks(v, kLabelPx, &ts);
    struct { const char* label; double years; } want[] = {
        { "10 Ga", 1e10 }, { "1 Ga", 1e9 }, { "100 Ma", 1e8 }, { "10 Ma", 1e7 }, { "1 Ma", 1e6 }, { "100 ka", 1e5 },
        { "10 ka", 1e4 }, { "1,000 years ago", 1e3 }, { "100 years ago", 100 }, { "10 years ago", 10 }, { "1 year ago", 1 },
    };
    for (const auto& w : want) {
        const Tick* t = Find(ts, w.label);
        ASSERT_TRUE(t) << w.label << " missing from " << Labels(ts);
        EXPECT_EQ(t->Time, Ago(w.years * kYear)) << w.label;
        EXPECT_NEAR(t->X, ViewX(v, Ago(w.years * kYear)), 1e-9) << w.label;
    }
    EXPECT_EQ(ts.Context, "log scale: ages before 29 Nov 2026");
    EXPECT_GT(ts.MinorPx, 14.0);
}

// Zoomed in, the stretch between two anchors fills with round multiples of its unit.
TEST(LogTicksTest, BetweenTheAnchors)
{
    TickSet ts;
    ComputeTicks(LogView(1.2e10 * kYear, 0.9e9 * kYear), kLabelPx, &ts);
    for (const char* l : { "10 Ga", "1 Ga", "2 Ga", "4 Ga" })
        EXPECT_TRUE(Find(ts, l)) << l << " missing from " << Labels(ts);
    EXPECT_GE(Labelled(ts).size(), 5u) << Labels(ts);
    // around the Big Bang: a tenth of a gigayear
    ComputeTicks(LogView(13.95e9 * kYear, 13.65e9 * kYear), kLabelPx, &ts);
    EXPECT_TRUE(Find(ts, "13.8 Ga")) << Labels(ts);
    EXPECT_TRUE(Find(ts, "13.7 Ga")) << Labels(ts);
    // the young end, with the anchors under a year
    ComputeTicks(LogView(kYear, 1.0), kLabelPx, &ts);
    for (const char* l : { "1 year ago", "1 month ago", "1 day ago", "1 hour ago", "1 minute ago", "1 second ago" })
        EXPECT_TRUE(Find(ts, l)) << l << " missing from " << Labels(ts);
    ComputeTicks(LogView(kYear, 20 * 86400.0), kLabelPx, &ts);
    EXPECT_TRUE(Find(ts, "6 months ago")) << Labels(ts);
    // years: grouped, and as many digits as the step needs
    ComputeTicks(LogView(3000 * kYear, 1900 * kYear), kLabelPx, &ts);
    EXPECT_TRUE(Find(ts, "2,400 years ago")) << Labels(ts);
    EXPECT_FALSE(Find(ts, "2,500 years ago")) << Labels(ts);  // a step of 200 years: no 2,500
    ComputeTicks(LogView(66.05e6 * kYear, 65.95e6 * kYear), kLabelPx, &ts);
    EXPECT_TRUE(Find(ts, "66 Ma")) << Labels(ts);
    EXPECT_TRUE(Find(ts, "65.99 Ma")) << Labels(ts);
}

// Zoomed in so far that one unit of the stretch is too coarse: calendar ticks, with the calendar's context line.
TEST(LogTicksTest, CalendarTicksWhenZoomedFarIn)
{
    View v;
    v.Width = 1280.0;
    v.Scale = TimeScale_Log;
    v.Present = kPresent;
    ViewSetRange(&v, At(1969, 7, 20), At(1969, 7, 21, 12));
    TickSet ts;
    ComputeTicks(v, kLabelPx, &ts);
    EXPECT_TRUE(Find(ts, "21 Jul")) << Labels(ts);
    EXPECT_TRUE(Find(ts, "12:00")) << Labels(ts);
    EXPECT_EQ(ts.Context, "20 Jul 1969");
    for (const Tick* t : Labelled(ts))
        EXPECT_EQ(t->Label.find("ago"), std::string::npos) << t->Label;
    // in deep time, a calendar year reads as its age before Present, to the year, like the anchors around it
    ComputeTicks(LogView(143460 * kYear, 143455 * kYear), kLabelPx, &ts);
    int years = 0;
    for (const Tick* t : Labelled(ts)) {
        if (t->Label.find(" ka") == std::string::npos)
            continue;
        years++;
        double age = ViewAge(LogView(143460 * kYear, 143455 * kYear), t->Time) / kYear;
        EXPECT_NEAR(std::stod(t->Label) * 1000.0, age, 0.5) << t->Label;
    }
    EXPECT_GE(years, 3) << Labels(ts);
}

// A sweep of zooms and positions from the Big Bang to a second ago: every view has labels, in order, unique, and no
// two labels closer than their widths and a gap.
TEST(LogTicksTest, NoCollisionsAtAnyZoom)
{
    int views = 0;
    for (double span = 45.0; span >= 1e-5; span /= 1.7) {
        for (double mid = std::log(13.9e9 * kYear); mid >= 0.0; mid -= 0.37) {
            View v;
            v.Width = 1280.0;
            v.Scale = TimeScale_Log;
            v.Present = kPresent;
            v.Span = span;
            v.Start = Ago(std::exp(mid + span * 0.5));
            if (ViewAge(v, v.Start) > 9e10 * kYear)
                continue;
            ViewClamp(&v, Ago(1.4e10 * kYear), kPresent, 0.5);
            TickSet ts;
            ComputeTicks(v, kLabelPx, &ts);
            views++;
            std::vector<const Tick*> l = Labelled(ts);
            ASSERT_GE(l.size(), 1u) << "span " << span << " mid age " << std::exp(mid);
            std::set<std::string> seen;
            for (size_t i = 0; i < l.size(); i++) {
                EXPECT_FALSE(l[i]->Label.empty());
                // ages are unique; calendar labels ("Jul", "12:00") repeat as on a linear axis
                bool age = l[i]->Label.find(" ago") != std::string::npos || l[i]->Label.find("a") == l[i]->Label.size() - 1;
                EXPECT_TRUE(!age || seen.insert(l[i]->Label).second) << "twice: " << l[i]->Label << " in " << Labels(ts);
                EXPECT_GE(l[i]->X, -1.0);
                EXPECT_LE(l[i]->X, v.Width + 1.0);
                if (i == 0)
                    continue;
                double gap = l[i]->X - l[i - 1]->X;
                double need = (LabelWidth(l[i]->Label) + LabelWidth(l[i - 1]->Label)) * 0.5 + 8.0;
                EXPECT_GE(gap, need) << "[" << l[i - 1]->Label << "] and [" << l[i]->Label << "] " << gap
                                     << " px apart; span " << span << ", mid age " << std::exp(mid) << " s: " << Labels(ts);
                // ticks are where their instants are, and later to the right
                EXPECT_LT(l[i - 1]->Time, l[i]->Time);
            }
            for (size_t i = 1; i < ts.Ticks.size(); i++)
                EXPECT_LE(ts.Ticks[i - 1].X, ts.Ticks[i].X);
            for (const Tick& t : ts.Ticks)
                EXPECT_NEAR(t.X, ViewX(v, t.Time), 1e-6);
        }
    }
    EXPECT_GT(views, 1000);
}

// Linear views keep their calendar ticks (and say how far apart the minor ones are).
TEST(LinearTicksTest, YearsAndMinorSpacing)
{
    View v = MakeView(At(2018), 4 * kYear, 1280.0);
    TickSet ts;
    ComputeTicks(v, kLabelPx, &ts);
    EXPECT_TRUE(Find(ts, "2019")) << Labels(ts);
    EXPECT_TRUE(Find(ts, "2020")) << Labels(ts);
    EXPECT_NEAR(ts.MinorPx, ts.MinorStep.ApproxSeconds / v.Span * v.Width, 1e-9);
}
