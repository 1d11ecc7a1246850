// Chronoscope core: visible marks with level of detail (see layout.h).
#include "core/layout.h"

#include <algorithm>
#include <cmath>

namespace cs {

// The first position k in [from, n) whose event starts at or after t (n if none), by galloping from `from`.
static size_t GallopStart(const Timeline& tl, const Lane& lane, size_t from, Instant t)
{
    const size_t n = lane.Events.size();
    const Event* ev = tl.Events.data();
    const uint32_t* idx = lane.Events.data();
    auto before = [&](size_t k) { const Event& e = ev[idx[k]]; return e.StartSec < t.sec || (e.StartSec == t.sec && e.StartNsec < t.nsec); };
    if (from >= n || !before(from))
        return from;
    size_t lo = from, step = 1, hi = from + 1;  // before(lo) is true
    while (hi < n && before(hi)) {
        lo = hi;
        step <<= 1;
        hi = lo + step;
    }
    if (hi > n)
        hi = n;
    // before(lo) true; answer in (lo, hi]
    size_t a = lo + 1, b = hi;
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (before(m))
            a = m + 1;
        else
            b = m;
    }
    return a;
}

static inline float ClipX(double x, float lo, float hi) { return (float)(x < lo ? lo : x > hi ? hi : x); }

void LayoutView(const Timeline& tl, const TimelineIndex& index, const View& view, const LayoutParams& p,
                const std::vector<uint8_t>* lane_shown, Layout* out)
{
    out->Marks.clear();
    out->VisibleEvents = 0;
    const double px_per_sec = view.Width / view.Span;
    const float lo_px = -p.OverscanPx, hi_px = (float)view.Width + p.OverscanPx;
    const Instant left = ViewTime(view, lo_px);
    const Instant right = ViewTime(view, hi_px);
    const Event* ev = tl.Events.data();
    // x of an instant, in double, relative to the view's start (exact difference first)
    auto X = [&](int64_t sec, int32_t nsec) {
        int64_t ds = sec - view.Start.sec;
        return ((double)ds + (double)(nsec - view.Start.nsec) * 1e-9) * px_per_sec;
    };

    for (size_t li = 0; li < index.Lanes.size(); li++) {
        if (lane_shown && (li >= lane_shown->size() || !(*lane_shown)[li]))
            continue;
        const Lane& lane = index.Lanes[li];
        const size_t n = lane.Events.size();
        size_t i = lane.FirstEndingAtOrAfter(left);
        while (i < n) {
            const Event& e = ev[lane.Events[i]];
            if (e.Start() > right)
                break;
            double x0 = X(e.StartSec, e.StartNsec);
            double x1 = X(e.EndSec, e.EndNsec);
            if (x1 < lo_px) {  // an earlier long event kept the running max high: skip this one
                i++;
                continue;
            }
            Mark m;
            m.Lane = (uint16_t)li;
            m.Event = lane.Events[i];
            m.Count = 1;
            if (x1 - x0 >= p.MinMarkPx) {
                m.Kind = MarkKind_Range;
                m.X0 = ClipX(x0, lo_px, hi_px);
                m.X1 = ClipX(x1, lo_px, hi_px);
                out->Marks.push_back(m);
                out->VisibleEvents++;
                i++;
                continue;
            }
            // a narrow event: does a neighbour start within MinMarkPx?
            double cx = x0 + p.MinMarkPx;
            size_t k = GallopStart(tl, lane, i + 1, ViewTime(view, cx));
            if (k == i + 1) {
                m.Kind = e.IsMilestone() ? MarkKind_Milestone : MarkKind_Point;
                m.X0 = ClipX(x0, lo_px, hi_px);
                m.X1 = ClipX(std::max(x1, x0), lo_px, hi_px);
                out->Marks.push_back(m);
                out->VisibleEvents++;
                i++;
                continue;
            }
            // a cluster: take every event starting within ClusterMaxPx (one galloping search, the events inside
            // are never visited), then end the mark at its last event
            k = GallopStart(tl, lane, k, ViewTime(view, x0 + p.ClusterMaxPx));
            {
                const Event& last = ev[lane.Events[k - 1]];
                double xl = X(last.StartSec, last.StartNsec);
                cx = std::max(cx, xl + p.MinMarkPx);
            }
            m.Kind = MarkKind_Cluster;
            m.Count = (uint32_t)(k - i);
            m.X0 = ClipX(x0, lo_px, hi_px);
            m.X1 = ClipX(cx, lo_px, hi_px);
            out->Marks.push_back(m);
            out->VisibleEvents += m.Count;
            i = k;
        }
    }
}

int LayoutHitTest(const Layout& lay, int lane, float x, float slack_px)
{
    int best = -1;
    float best_d = 1e30f;
    for (size_t i = 0; i < lay.Marks.size(); i++) {
        const Mark& m = lay.Marks[i];
        if (m.Lane != lane)
            continue;
        float d = x < m.X0 ? m.X0 - x : x > m.X1 ? x - m.X1 : 0.0f;
        if (d <= slack_px && (d < best_d || (d == best_d && m.Kind != MarkKind_Range))) {
            best = (int)i;
            best_d = d;
        }
    }
    return best;
}

} // namespace cs
