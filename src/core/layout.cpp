// Chronoscope core: visible marks with level of detail (see layout.h).
#include "core/layout.h"

#include <algorithm>
#include <cmath>

namespace chronoscope {

// The first position k in [from, n) whose event starts at or after t (n if none), by galloping from `from`.
static inline size_t GallopStart(const Timeline& tl, const Lane& lane, size_t from, Instant t)
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

// The first position whose event starts at or after t, searching from the lane's running-max hint.
static size_t FirstStartAtOrAfter(const Timeline& tl, const Lane& lane, Instant t)
{
    return GallopStart(tl, lane, lane.FirstEndingAtOrAfter(t), t);
}

float MarkLeftPx(const Mark& m, const LayoutParams& p)
{
    switch (m.Kind) {
    case MarkKind_Point: return m.X0 - p.PointHalfPx;
    case MarkKind_Milestone: return m.X0 - p.MilestoneHalfPx;
    default: return m.X0;
    }
}

float MarkRightPx(const Mark& m, const LayoutParams& p)
{
    switch (m.Kind) {
    case MarkKind_Point: return m.X0 + p.PointHalfPx;
    case MarkKind_Milestone: return m.X0 + p.MilestoneHalfPx;
    case MarkKind_Range: return std::max(m.X1, m.X0 + p.RangeMinPx);
    default: return std::max(m.X1, m.X0 + p.ClusterMinPx);
    }
}

// Keeps the marks [first, end of out) of one lane apart as drawn, left to right. A mark that starts inside a bar and
// ends before it does interrupts the bar: the bar gives way (it is drawn up to the mark and resumes after it, as two
// or more marks of the same event), so short events under long ones stay visible at every zoom. Any other mark that
// would reach into the one before it folds into that one, which becomes a cluster over both. Touching is not
// overlapping (busy columns give clusters that abut). Keeps the marks in order of X0 (they come in that order), and
// clusters within [lo_px, hi_px] as all marks are.
static void SeparateMarks(Layout* out, size_t first, const LayoutParams& p, float lo_px, float hi_px)
{
    std::vector<Mark>& ms = out->Marks;
    const float min_bar = std::max(p.RangeMinPx, 1.0f);
    std::vector<Mark> kept;  // (the lane's marks are few: bounded by its columns)
    kept.reserve(ms.size() - first);
    float right = 0.0f;      // the drawn right end of kept.back()
    bool tail_on = false;    // the rest of an interrupted bar, from tail.X0 (after what interrupted it) to tail.X1
    Mark tail{};
    auto place = [&](const Mark& m) {
        kept.push_back(m);
        right = MarkRightPx(m, p);
    };
    for (size_t r = first; r < ms.size(); r++) {
        const Mark m = ms[r];
        const float left = MarkLeftPx(m, p);
        if (tail_on && left >= tail.X0) {
            // the bar resumes before this mark: up to it, or to its own end
            Mark seg = tail;
            seg.X1 = std::min(tail.X1, left);
            if (seg.X1 - seg.X0 >= min_bar)
                place(seg);
            tail_on = tail.X1 > left;
        }
        if (!kept.empty() && left < right) {
            Mark& prev = kept.back();
            const float m_right = MarkRightPx(m, p);
            if (!tail_on && prev.Kind == MarkKind_Range && left - prev.X0 >= min_bar && prev.X1 - m_right >= min_bar) {
                // a bar and a mark inside it: the bar gives way
                tail = prev;
                tail.X0 = m_right;
                tail.Continued = 1;
                tail_on = true;
                prev.X1 = left;
                place(m);
                continue;
            }
            if (prev.Continued) {
                // the rest of a bar, counted where the bar begins: the cluster counts what folds into it
                prev.Continued = 0;
                prev.Count = 0;
            }
            if (prev.Kind != MarkKind_Cluster) {
                // a point or milestone folded into a cluster starts where its shape did
                prev.X0 = std::max(MarkLeftPx(prev, p), lo_px);
                prev.X1 = std::min(std::max(prev.X1, MarkRightPx(prev, p)), hi_px);
                prev.Kind = MarkKind_Cluster;
            }
            if (!m.Continued)
                prev.Count += m.Count;
            prev.X1 = std::max(prev.X1, std::min(m_right, hi_px));
            right = std::max(right, MarkRightPx(prev, p));
            if (tail_on && tail.X0 < right)
                tail.X0 = right;  // the bar resumes after the cluster
            if (tail_on && tail.X1 - tail.X0 < min_bar)
                tail_on = false;
            continue;
        }
        place(m);
        if (tail_on && tail.X0 < right)
            tail.X0 = right;
    }
    if (tail_on && tail.X1 - tail.X0 >= min_bar && tail.X0 >= right)
        place(tail);
    ms.resize(first);
    ms.insert(ms.end(), kept.begin(), kept.end());
}

void LayoutView(const Timeline& tl, const TimelineIndex& index, const View& view, const LayoutParams& p,
                const std::vector<uint8_t>* lane_shown, Layout* out)
{
    out->Marks.clear();
    out->VisibleEvents = 0;
    const bool log = view.Scale == TimeScale_Log;
    const double px_per_sec = view.Width / view.Span;  // (linear)
    const float lo_px = -p.OverscanPx, hi_px = (float)view.Width + p.OverscanPx;
    const float bin_px = std::max(1.0f, p.MinMarkPx);
    const int nbins = (int)std::ceil((hi_px - lo_px) / bin_px);
    const double bin_sec = bin_px / px_per_sec;
    const int run_max_bins = std::max(1, (int)(p.ClusterMaxPx / bin_px));
    const Instant left = ViewTime(view, lo_px);
    const Event* ev = tl.Events.data();
    // weights (a tiled window's proxies): null when every event is itself
    const uint32_t* weight = !tl.Weights.empty() && tl.Weights.size() == tl.Events.size() ? tl.Weights.data() : nullptr;
    // x of an instant, in double, relative to the view's start (exact difference first)
    auto X = [&](int64_t sec, int32_t nsec) {
        if (log) {
            Instant t;
            t.sec = sec;
            t.nsec = nsec;
            return ViewX(view, t);
        }
        int64_t ds = sec - view.Start.sec;
        return ((double)ds + (double)(nsec - view.Start.nsec) * 1e-9) * px_per_sec;
    };
    // Column boundaries as instants, shared by every lane that searches (exact: used by the galloping
    // searches). Each is computed when first asked for: sparse lanes jump over most columns, and lanes that
    // count from their pyramid ask for none (on a linear view). On a log view, the column that reaches the youngest
    // age on the axis also takes everything after it (those instants are drawn there).
    std::vector<Instant>& edge = out->Edges;
    const int64_t kUnset = INT64_MIN;
    edge.assign((size_t)nbins + 1, Instant{ kUnset, 0 });
    const Instant youngest = log ? ViewYoungest(view) : Instant();
    auto edge_at = [&](int j) -> Instant {
        Instant& t = edge[(size_t)j];
        if (t.sec == kUnset) {
            t = ViewTime(view, lo_px + j * bin_px);
            if (log && !(t < youngest))
                t = MaxInstant();
        }
        return t;
    };

    auto single = [&](uint16_t li, uint32_t idx) {
        const Event& e = ev[idx];
        double x0 = X(e.StartSec, e.StartNsec), x1 = X(e.EndSec, e.EndNsec);
        Mark m;
        m.Continued = 0;
        m.Lane = li;
        m.Event = idx;
        m.Count = weight ? weight[idx] : 1;
        m.Kind = m.Count > 1 ? MarkKind_Cluster  // a proxy for several events is never drawn as one of them
                 : (x1 - x0 >= p.MinMarkPx) ? MarkKind_Range : e.IsMilestone() ? MarkKind_Milestone : MarkKind_Point;
        m.X0 = ClipX(x0, lo_px, hi_px);
        m.X1 = ClipX(std::max(x0, x1), lo_px, hi_px);
        out->Marks.push_back(m);
        out->VisibleEvents += m.Count;
    };

    for (size_t li = 0; li < index.Lanes.size(); li++) {
        if (lane_shown && (li >= lane_shown->size() || !(*lane_shown)[li]))
            continue;
        const Lane& lane = index.Lanes[li];
        const size_t n = lane.Events.size();
        if (n == 0)
            continue;
        const uint16_t lane_id = (uint16_t)li;
        const size_t lane_first = out->Marks.size();
        // Fine columns: where a level's buckets are no wider than a column, counts come from the pyramid in
        // O(1) per column; otherwise a galloping search per column (a few steps: columns then hold few events).
        // A linear view gives every column the same time, so one level serves the lane. On a log view a column
        // covers less time the younger it is: each column takes the level for its own seconds per pixel, and
        // once the columns are finer than the finest buckets (toward the present), the search takes over.
        int level = log ? lane.LevelFor(p.BucketMaxPx / bin_px * ToSeconds(edge_at(1) - edge_at(0)))
                        : lane.LevelFor(p.BucketMaxPx / px_per_sec);
        LaneLevel lv = level >= 0 ? lane.Level(level) : LaneLevel();
        const double d0 = level >= 0 ? ToSeconds(left - lane.T0) : 0.0;
        size_t a = level >= 0 ? lv.CountBefore(d0) : FirstStartAtOrAfter(tl, lane, left);
        if (a > n)
            a = n;

        // Events that started before the left edge and still run into the view: only blocks whose own
        // latest end reaches the view are looked into.
        // At most kMaxRunning of them get their own bar; the rest (only in lanes of heavily overlapping
        // ranges) fold into one cluster mark, so what a frame draws stays bounded. Those are told from the lane's
        // own arrays (every event before `started` began before the view; EndSec): in a lane of thousands of
        // running ranges, reading each one's Event (a cache miss apiece) was most of a frame.
        const int kMaxRunning = 64;
        int running = 0;
        Mark rest;
        rest.Count = 0;
        rest.Continued = 0;
        size_t latest = 0;  // the folded event that ends last
        const size_t started = level >= 0 ? std::min(a, FirstStartAtOrAfter(tl, lane, left)) : a;
        for (size_t blk = lane.FirstEndingAtOrAfter(left) / kLaneBlock; blk * kLaneBlock < started; blk++) {
            if (lane.BlockEndSec[blk] < left.sec)
                continue;
            size_t end = std::min(started, (blk + 1) * (size_t)kLaneBlock);
            for (size_t k = blk * kLaneBlock; k < end; k++) {
                if (lane.EndSec[k] < left.sec)
                    continue;  // ended before the view (whole seconds; within left's second, the exact test)
                if (lane.EndSec[k] == left.sec && !(ev[lane.Events[k]].End() > left))
                    continue;
                if (running++ < kMaxRunning) {
                    single(lane_id, lane.Events[k]);
                    continue;
                }
                if (rest.Count == 0) {
                    rest.Lane = lane_id;
                    rest.Event = lane.Events[k];
                    rest.Kind = MarkKind_Cluster;
                    rest.X0 = lo_px;
                    latest = k;
                } else if (lane.EndSec[k] > lane.EndSec[latest] ||
                           (lane.EndSec[k] == lane.EndSec[latest] && ev[lane.Events[latest]].End() < ev[lane.Events[k]].End())) {
                    latest = k;
                }
                rest.Count += weight ? weight[lane.Events[k]] : 1;
            }
        }
        if (rest.Count) {
            const Event& e = ev[lane.Events[latest]];
            rest.X1 = ClipX(X(e.EndSec, e.EndNsec), lo_px, hi_px);
            out->Marks.push_back(rest);
            out->VisibleEvents += rest.Count;
        }

        // One pass over the columns; runs of busy columns fold into clusters.
        int run_first_bin = -1, run_last_bin = -1, run_bins = 0;
        size_t run_first = 0, run_count = 0;  // the run's first position and its events (positions)
        uint64_t run_weight = 0;              // what they stand for (run_count without weights)
        auto flush = [&](int last_bin) {
            if (run_count == 0)
                return;
            if (run_count == 1) {
                single(lane_id, lane.Events[run_first]);
            } else {
                Mark m;
                m.Continued = 0;
                m.Lane = lane_id;
                m.Event = lane.Events[run_first];
                m.Count = (uint32_t)std::min<uint64_t>(weight ? run_weight : run_count, UINT32_MAX);
                m.Kind = MarkKind_Cluster;
                const Event& e0 = ev[m.Event];
                double x0 = X(e0.StartSec, e0.StartNsec);
                float bin_x0 = lo_px + run_first_bin * bin_px;
                m.X0 = ClipX(std::max<double>(x0, bin_x0), lo_px, hi_px);
                m.X1 = std::min(hi_px, lo_px + (last_bin + 1) * bin_px);
                out->Marks.push_back(m);
                out->VisibleEvents += m.Count;
            }
            run_first_bin = -1;
            run_bins = 0;
            run_count = 0;
            run_weight = 0;
        };
        // with the pyramid, step a bucket's worth of columns at a time (counts change only at bucket edges; on a
        // log view, one column at a time: each has its own level)
        int stride = 1;
        if (level >= 0 && !log)
            stride = std::max(1, std::min(run_max_bins, (int)(lv.BucketSec / bin_sec)));
        for (int j0 = 0; j0 < nbins && a < n; j0 += stride) {
            if (log && level >= 0 && j0 > 0) {
                // this column's level: never coarser than the last one (columns only get finer to the right)
                int l = lane.LevelFor(p.BucketMaxPx / bin_px * ToSeconds(edge_at(j0 + 1) - edge_at(j0)));
                if (l < level) {
                    level = l;
                    if (level >= 0)
                        lv = lane.Level(level);
                }
            }
            if (level < 0 && run_count == 0) {
                // zoomed in, between runs: jump over the empty columns before the next event (one column early,
                // so rounding never skips the event's own column), so a sparse lane costs its events, not its
                // columns
                const Event& e = ev[lane.Events[a]];
                double cols = (X(e.StartSec, e.StartNsec) - lo_px) / bin_px;
                if (cols > (double)j0 + 2.0)
                    j0 = cols >= (double)nbins ? nbins : (int)cols - 1;
                if (j0 >= nbins)
                    break;
            }
            const int j = std::min(nbins, j0 + stride) - 1;  // the last column of this step
            size_t b;
            if (level >= 0)
                b = lv.CountBefore(log ? ToSeconds(edge_at(j + 1) - lane.T0) : d0 + (j + 1) * bin_sec);
            else
                b = GallopStart(tl, lane, a, edge_at(j + 1));
            if (b > n)
                b = n;
            if (b <= a) {
                flush(j0 - 1);
                continue;
            }
            size_t cnt = b - a;
            if (cnt == 1 && run_count == 0) {
                // an event at least a cluster wide is a bar, never part of a cluster (narrower ones fold
                // with busy neighbours; alone, they are still drawn as bars when the run is flushed)
                const Event& e = ev[lane.Events[a]];
                if (X(e.EndSec, e.EndNsec) - X(e.StartSec, e.StartNsec) >= p.ClusterMaxPx) {
                    single(lane_id, lane.Events[a]);
                    a = b;
                    continue;
                }
            }
            if (run_count == 0) {
                run_first_bin = j0;
                run_first = a;
            }
            run_count += cnt;
            if (weight)
                run_weight += lane.WeightCum[b] - lane.WeightCum[a];
            run_bins += j - j0 + 1;
            run_last_bin = j;
            a = b;
            if (run_bins >= run_max_bins)
                flush(j);
        }
        flush(run_last_bin);  // (the lane's events may end before the view does: the run ends at its last column)
        SeparateMarks(out, lane_first, p, lo_px, hi_px);
    }
}

void FitView(View* v, const Timeline& tl, const TimelineIndex& ix)
{
    if (ix.Empty)
        return;
    if (v->Scale == TimeScale_Log) {
        Instant young = tl.Events.empty() ? ix.Max : tl.Events.back().Start();  // (events are in start order)
        Instant hi = ViewShift(*v, young, ViewOffset(*v, ix.Min, young) * 0.10);
        ViewFit(v, ix.Min, hi, 0.03);
        return;
    }
    Instant hi = ix.Max + DurationFromSeconds(ToSeconds(ix.Max - ix.Min) * 0.10);
    ViewFit(v, ix.Min, hi, 0.03);
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

} // namespace chronoscope
