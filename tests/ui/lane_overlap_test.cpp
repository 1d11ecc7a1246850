// Property: marks of one lane never overlap as drawn. Over random data shapes (1-50 groups, 0-90% ranges, durations
// log-uniform from a day to 20 years or short ones, clustered or uniform starts, short or long titles, milestones)
// (a third of them weighted, as a tiled window's proxies are) and random views (fit-all, zoomed in and out, panned),
// every frame the widget draws, the horizontal extents of
// what it drew for each mark of a lane (shape, count, label: the vertices DrawMarks added for that mark, clipped to
// the plot) are disjoint, give or take the anti-aliased fringe.
#include "ui/chronoscope.h"
#include "ui/chronoscope_internal.h"

#include "core/index.h"
#include "core/load.h"

#include "headless.h"
#include "imgui.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

using namespace chronoscope;

namespace {

struct Shape {
    int    Groups;
    double RangeShare;     // 0..0.9
    bool   ShortRanges;    // minutes to days, else a day to 20 years (log-uniform)
    bool   Clustered;      // starts around a few centres, else uniform over 1900-2025
    bool   LongTitles;
    double MilestoneShare;
    int    Events;
};

std::string Iso(int64_t sec)
{
    CivilTime c = CivilFromInstant(MakeInstant(sec, 0));
    char b[48];
    snprintf(b, sizeof(b), "%04lld-%02d-%02dT%02d:%02d:%02dZ", (long long)c.year, c.month, c.day, c.hour, c.minute, c.second);
    return b;
}

std::unique_ptr<TimelineData> MakeShape(const Shape& s, std::mt19937_64& rng)
{
    static const char* kWords[] = { "New", "Observatory", "found", "river", "treaty", "signed", "bridge", "opens",
                                    "war", "ends", "comet", "seen", "king", "crowned", "city", "founded" };
    std::uniform_real_distribution<double> u(0.0, 1.0);
    const int64_t t0 = InstantFromCivil(CivilTime{ 1900, 1, 1 }).sec, t1 = InstantFromCivil(CivilTime{ 2025, 1, 1 }).sec;
    const double day = 86400.0, year = 365.25 * day;
    std::vector<double> centres;
    for (int i = 0; i < 5; i++)
        centres.push_back(t0 + u(rng) * (double)(t1 - t0));
    std::string json = "{\"groups\": [";
    for (int g = 0; g < s.Groups; g++)
        json += (g ? "," : "") + std::string("{\"id\": \"g") + std::to_string(g) + "\", \"label\": \"Group " + std::to_string(g) + "\"}";
    json += "], \"events\": [";
    for (int i = 0; i < s.Events; i++) {
        double start;
        if (s.Clustered) {
            std::normal_distribution<double> nd(centres[(size_t)(u(rng) * centres.size()) % centres.size()], 2.0 * year);
            start = std::min(std::max(nd(rng), (double)t0), (double)t1);
        } else {
            start = t0 + u(rng) * (double)(t1 - t0);
        }
        std::string ev = "{\"start\": \"" + Iso((int64_t)start) + "\"";
        if (u(rng) < s.RangeShare) {
            double lo = s.ShortRanges ? 600.0 : day, hi = s.ShortRanges ? 3 * day : 20 * year;
            double dur = std::exp(std::log(lo) + u(rng) * (std::log(hi) - std::log(lo)));
            ev += ", \"end\": \"" + Iso((int64_t)(start + dur) + 1) + "\"";
        } else if (u(rng) < s.MilestoneShare) {
            ev += ", \"milestone\": true";
        }
        std::string title;
        int words = s.LongTitles ? 6 + (int)(u(rng) * 10) : 1 + (int)(u(rng) * 3);
        for (int w = 0; w < words; w++)
            title += (w ? " " : "") + std::string(kWords[(size_t)(u(rng) * 16) % 16]);
        ev += ", \"title\": \"" + title + "\", \"group\": \"g" + std::to_string((int)(u(rng) * s.Groups) % s.Groups) + "\"}";
        json += (i ? "," : "") + ev;
    }
    json += "]}";
    return test::LoadIndexed(json);
}

struct Host : test::TimelineHost {
    Host()
    {
        Flags = TimelineFlags_NoDetails;
        Size = ImVec2(1200, 600);
    }
};

// The overlaps between drawn marks of one lane in the last frame, described (empty: none).
std::string Overlaps(ImGuiID id)
{
    SetCurrentTimeline(id);
    const TimelineState* st = Cur();
    std::vector<DrawnMark> d = st->Drawn;
    SetCurrentTimeline(0);
    std::sort(d.begin(), d.end(), [](const DrawnMark& a, const DrawnMark& b) { return a.Lane < b.Lane || (a.Lane == b.Lane && a.X0 < b.X0); });
    // neighbours that touch share their anti-aliased edges: half a pixel out, up to half a diagonal at a diamond's tip
    const float kFringe = 1.5f;
    std::string out;
    for (size_t i = 1; i < d.size(); i++) {
        if (d[i].Lane != d[i - 1].Lane || d[i].X0 >= d[i - 1].X1 - kFringe)
            continue;
        const Mark& a = st->Lay.Marks[d[i - 1].Mark];
        const Mark& b = st->Lay.Marks[d[i].Mark];
        char buf[256];
        snprintf(buf, sizeof(buf), "lane %u: mark kind %d x %.1f..%.1f (count %u) drawn %.3f..%.3f overlaps kind %d x %.3f..%.3f (count %u) drawn %.3f..%.3f\n",
                 a.Lane, a.Kind, a.X0, a.X1, a.Count, d[i - 1].X0, d[i - 1].X1, b.Kind, b.X0, b.X1, b.Count, d[i].X0, d[i].X1);
        out += buf;
        if (out.size() > 2000)
            break;
    }
    return out;
}

} // namespace

TEST(LaneOverlap, MarksOfALaneNeverOverlapAsDrawn)
{
    Host h;
    Ctx()->RecordDrawn = true;
    std::mt19937_64 rng(14);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    int frames = 0, drawn = 0, failures = 0;
    for (int trial = 0; trial < 40 && failures < 3; trial++) {
        Shape s;
        s.Groups = 1 + (int)(u(rng) * 50);
        s.RangeShare = u(rng) * 0.9;
        s.ShortRanges = u(rng) < 0.3;
        s.Clustered = u(rng) < 0.5;
        s.LongTitles = u(rng) < 0.5;
        s.MilestoneShare = u(rng) < 0.5 ? 0.0 : 0.3;
        s.Events = 200 + (int)(u(rng) * 2800);
        std::unique_ptr<TimelineData> data = MakeShape(s, rng);
        // a third of the shapes as a tiled window holds them: events standing for others (weights) are cluster marks
        const bool weighted = trial % 3 == 2;
        if (weighted) {
            data->Tl.Weights.resize(data->Tl.Events.size());
            for (uint32_t& w : data->Tl.Weights)
                w = u(rng) < 0.6 ? 1u : 2u + (uint32_t)(u(rng) * 200);
            BuildTimelineIndex(data->Tl, &data->Index);
        }
        h.Data = data.get();
        h.Frame();
        h.Frame();
        Instant a, b;
        SetCurrentTimeline(h.Id);
        GetTimelineWindow(&a, &b);
        SetCurrentTimeline(0);
        const double full = ToSeconds(b - a);
        for (int view = 0; view < 12 && failures < 3; view++) {
            if (view > 0) {
                // from fit-all down to about an hour, anywhere in the data
                double span = full * std::pow(10.0, -u(rng) * 6.0);
                double mid = ToSeconds(a - Instant()) + u(rng) * full;
                SetCurrentTimeline(h.Id);
                SetTimelineWindow(Instant() + DurationFromSeconds(mid - span / 2), Instant() + DurationFromSeconds(mid + span / 2));
                SetCurrentTimeline(0);
            }
            h.Frame();
            frames++;
            SetCurrentTimeline(h.Id);
            drawn += (int)Cur()->Drawn.size();
            SetCurrentTimeline(0);
            std::string o = Overlaps(h.Id);
            if (!o.empty()) {
                failures++;
                ADD_FAILURE() << "trial " << trial << " (" << s.Groups << " groups, " << s.Events << " events, ranges "
                              << s.RangeShare << (s.ShortRanges ? " short" : " long") << (s.Clustered ? ", clustered" : ", uniform")
                              << (s.LongTitles ? ", long titles" : ", short titles") << (weighted ? ", weighted" : "")
                              << ") view " << view << ":\n" << o;
            }
        }
    }
    EXPECT_GT(drawn, frames * 10) << "the frames drew almost nothing: the property was not exercised";
}
