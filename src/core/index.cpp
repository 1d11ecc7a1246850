// Chronoscope core: lanes per group (see index.h).
#include "core/index.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace chronoscope {

size_t Lane::FirstEndingAtOrAfter(Instant t) const
{
    // BlockMaxEndSec is non-decreasing: the first block that may hold an event still running at t. Whole seconds
    // are compared (an event ending within t's second counts), so the answer may start a little early.
    auto it = std::lower_bound(BlockMaxEndSec.begin(), BlockMaxEndSec.end(), t.sec);
    return std::min(Events.size(), (size_t)(it - BlockMaxEndSec.begin()) * kLaneBlock);
}

int Lane::LevelFor(double max_bucket_sec) const
{
    if (LevelAt.empty() || !(BucketSec <= max_bucket_sec))
        return -1;
    int L = 0;
    double w = BucketSec;
    while (L + 1 < (int)LevelAt.size() && w * 2.0 <= max_bucket_sec) {
        w *= 2.0;
        L++;
    }
    return L;
}

LaneLevel Lane::Level(int level) const
{
    LaneLevel lv;
    size_t begin = LevelAt[level];
    size_t end = level + 1 < (int)LevelAt.size() ? LevelAt[level + 1] : Cum.size();
    lv.Cum = Cum.data() + begin;
    lv.Size = end - begin;
    lv.BucketSec = std::ldexp(BucketSec, level);
    lv.InvBucketSec = 1.0 / lv.BucketSec;
    lv.Total = Events.size();
    return lv;
}

// Count pyramid of one lane: about 8 events per finest bucket, then halving the resolution level by level.
// PrepareCounts sizes the finest buckets (false: the lane has too few events for levels); the starts are then
// counted into them (CountStart) in one pass over all events in order, since a lane's events are spread over
// the whole array and reading them lane by lane misses the cache at almost every event; FinishCounts sums them up
// and builds the coarser levels.
static bool PrepareCounts(const Timeline& tl, Lane* lane)
{
    const size_t n = lane->Events.size();
    if (n < 64)
        return false;
    Instant t0 = tl.Events[lane->Events.front()].Start();
    double span = ToSeconds(tl.Events[lane->Events.back()].Start() - t0);
    if (!(span > 0.0))
        return false;
    size_t m = (n + 7) / 8;
    double w = span / (double)m * (1.0 + 1e-9) + 1e-9;
    lane->T0 = t0;
    lane->BucketSec = w;
    lane->Cum.assign(m, 0);
    return true;
}

static inline void CountStart(Lane* lane, const Event& e)
{
    const size_t m = lane->Cum.size();
    double d = ToSeconds(e.Start() - lane->T0);
    size_t b = (size_t)std::floor(d / lane->BucketSec);
    if (b >= m)
        b = m - 1;
    lane->Cum[b]++;
}

static void FinishCounts(Lane* lane)
{
    const size_t m = lane->Cum.size();
    if (m == 0)
        return;
    for (size_t b = 1; b < m; b++)
        lane->Cum[b] += lane->Cum[b - 1];
    lane->LevelAt.push_back(0);
    size_t at = 0, size = m;
    while (size > 1) {
        size_t next = (size + 1) / 2;
        size_t base = lane->Cum.size();
        for (size_t b = 0; b < next; b++)
            lane->Cum.push_back(lane->Cum[at + std::min(2 * b + 1, size - 1)]);
        lane->LevelAt.push_back((uint32_t)base);
        at = base;
        size = next;
    }
    lane->Cum.shrink_to_fit();
}

static inline void AppendToLane(Lane* lane, const Event& e, uint32_t i)
{
    if (lane->Events.size() % kLaneBlock == 0) {
        lane->BlockMaxEndSec.push_back(lane->BlockMaxEndSec.empty() ? e.EndSec : std::max(lane->BlockMaxEndSec.back(), e.EndSec));
        lane->BlockEndSec.push_back(e.EndSec);
    } else {
        if (e.EndSec > lane->BlockMaxEndSec.back())
            lane->BlockMaxEndSec.back() = e.EndSec;
        if (e.EndSec > lane->BlockEndSec.back())
            lane->BlockEndSec.back() = e.EndSec;
    }
    lane->Events.push_back(i);
    lane->EndSec.push_back(e.EndSec);
}

// The build in phases, each a pass over the events (or the lanes) that can stop after any element and go on at the
// next Step: so a big index (a tiled window's) is built a frame's budget at a time.
enum BuildPhase {
    Phase_Extent,    // extent and events per group
    Phase_Lanes,     // lanes given: each event's lane and each lane's size; else: lanes assigned and filled
    Phase_Fill,      // lanes given: the lanes filled
    Phase_Counts,    // the count pyramids' starts (PrepareCounts)
    Phase_Finish,    // per lane: pyramids, weights, lanes put in group order
    Phase_Done,
};

struct TimelineIndexBuilder::State {
    const Timeline* Tl = nullptr;
    TimelineIndex*  Out = nullptr;
    IndexOptions    Opt;
    int             Phase = Phase_Done;
    size_t          At = 0;          // the next event (or lane) of the phase
    size_t          NGroups = 0;
    bool            Any = false;
    Instant         Hi;
    Duration        MinLen;
    std::vector<int> Counts;
    std::vector<LaneAssigner> LaneFree;
    std::vector<std::vector<int>> LaneIds;
    std::vector<Lane> Lanes;
    std::vector<uint32_t> LaneOf;    // each event's lane (in Lanes)
    std::vector<size_t> PerLane;
    std::vector<char> Counted;
    std::vector<int> Order;          // lane ids in group order (Phase_Finish)
};

TimelineIndexBuilder::TimelineIndexBuilder() : S(new State()) {}
TimelineIndexBuilder::~TimelineIndexBuilder() { delete S; }

bool TimelineIndexBuilder::Busy() const { return S->Phase != Phase_Done; }

void TimelineIndexBuilder::Start(const Timeline& tl, TimelineIndex* out, const IndexOptions& opt)
{
    *S = State();
    S->Tl = &tl;
    S->Out = out;
    S->Opt = opt;
    S->Phase = Phase_Extent;
    *out = TimelineIndex();
    S->NGroups = tl.Groups.size();
    out->Groups.resize(S->NGroups + 1);
    S->Counts.assign(S->NGroups + 1, 0);
    for (const Era& e : tl.Eras) {
        if (!S->Any || e.Start < out->Min) out->Min = e.Start;
        if (!S->Any || e.End > out->Max) out->Max = e.End;
        S->Any = true;
    }
    if (!tl.Events.empty())
        S->Hi = tl.Events.front().End();
    S->LaneOf.resize(tl.Events.size());
}

bool TimelineIndexBuilder::Step(size_t work)
{
    State& st = *S;
    if (st.Phase == Phase_Done)
        return true;
    const Timeline& tl = *st.Tl;
    const std::vector<Event>& ev = tl.Events;
    TimelineIndex* out = st.Out;
    const IndexOptions& opt = st.Opt;
    const size_t ngroups = st.NGroups;
    const size_t n = ev.size();
    auto group_of = [&](const Event& e) -> size_t { return e.Group == kNoGroup || e.Group >= ngroups ? ngroups : e.Group; };
    size_t budget = std::max<size_t>(work, 1);
    while (budget > 0 && st.Phase != Phase_Done) {
        switch (st.Phase) {
        case Phase_Extent: {
            const size_t end = std::min(n, st.At + budget);
            for (size_t i = st.At; i < end; i++) {
                if (ev[i].End() > st.Hi)
                    st.Hi = ev[i].End();
                st.Counts[group_of(ev[i])]++;
            }
            budget -= end - st.At;
            st.At = end;
            if (st.At < n)
                break;
            if (n > 0) {
                Instant lo = ev.front().Start();  // events are sorted by start
                if (!st.Any || lo < out->Min) out->Min = lo;
                if (!st.Any || st.Hi > out->Max) out->Max = st.Hi;
                st.Any = true;
            }
            out->Empty = !st.Any;
            st.MinLen = LaneMinLength(out->Min, out->Max, opt);
            // lanes: group g's lanes are [first, first + count)
            const int max_lanes = std::max(1, opt.MaxLanesPerGroup);
            st.LaneFree.resize(ngroups + 1);
            for (LaneAssigner& a : st.LaneFree) {
                a.MaxLanes = max_lanes;
                a.MinLength = st.MinLen;
            }
            st.LaneIds.resize(ngroups + 1);
            if (opt.Lanes) {
                // lanes as given: each group has its rows from the start, used or not
                std::vector<int> used(ngroups + 1, 0);
                for (size_t i = 0; i < n; i++) {
                    size_t g = group_of(ev[i]);
                    used[g] = std::max(used[g], (int)opt.Lanes[i] + 1);
                }
                for (size_t g = 0; g <= ngroups; g++) {
                    int nl = opt.LanesPerGroup ? std::max<int>(opt.LanesPerGroup[g], st.Counts[g] ? 1 : 0) : used[g];
                    for (int l = 0; l < nl; l++) {
                        Lane lane;
                        lane.Group = g == ngroups ? kNoGroup : (uint16_t)g;
                        st.LaneIds[g].push_back((int)st.Lanes.size());
                        st.Lanes.push_back(std::move(lane));
                    }
                }
                st.PerLane.assign(st.Lanes.size(), 0);
            }
            st.Phase = Phase_Lanes;
            st.At = 0;
            break;
        }
        case Phase_Lanes: {
            const size_t end = std::min(n, st.At + budget);
            if (opt.Lanes) {
                // each lane's size first, so its arrays are allocated once
                for (size_t i = st.At; i < end; i++) {
                    size_t g = group_of(ev[i]);
                    int l = std::min<int>(opt.Lanes[i], (int)st.LaneIds[g].size() - 1);
                    st.LaneOf[i] = (uint32_t)st.LaneIds[g][l];
                    st.PerLane[st.LaneOf[i]]++;
                }
            } else {
                const int max_lanes = std::max(1, opt.MaxLanesPerGroup);
                for (size_t i = st.At; i < end; i++) {
                    const Event& e = ev[i];
                    size_t g = group_of(e);
                    LaneAssigner& a = st.LaneFree[g];
                    const size_t before = a.Free.size();
                    const int pick = a.Assign(e.Start(), e.End());
                    if (a.Free.size() > before) {
                        Lane lane;
                        lane.Group = g == ngroups ? kNoGroup : (uint16_t)g;
                        lane.Events.reserve(st.Counts[g] / max_lanes + 1);
                        lane.EndSec.reserve(st.Counts[g] / max_lanes + 1);
                        st.LaneIds[g].push_back((int)st.Lanes.size());
                        st.Lanes.push_back(std::move(lane));
                    }
                    st.LaneOf[i] = (uint32_t)st.LaneIds[g][pick];
                    AppendToLane(&st.Lanes[st.LaneOf[i]], e, (uint32_t)i);
                }
            }
            budget -= end - st.At;
            st.At = end;
            if (st.At < n)
                break;
            if (opt.Lanes) {
                for (size_t l = 0; l < st.Lanes.size(); l++) {
                    st.Lanes[l].Events.reserve(st.PerLane[l]);
                    st.Lanes[l].EndSec.reserve(st.PerLane[l]);
                    st.Lanes[l].BlockMaxEndSec.reserve(st.PerLane[l] / kLaneBlock + 1);
                    st.Lanes[l].BlockEndSec.reserve(st.PerLane[l] / kLaneBlock + 1);
                }
                st.Phase = Phase_Fill;
            } else {
                st.Phase = Phase_Counts;
            }
            st.At = 0;
            break;
        }
        case Phase_Fill: {
            const size_t end = std::min(n, st.At + budget);
            for (size_t i = st.At; i < end; i++)
                AppendToLane(&st.Lanes[st.LaneOf[i]], ev[i], (uint32_t)i);
            budget -= end - st.At;
            st.At = end;
            if (st.At < n)
                break;
            st.Phase = Phase_Counts;
            st.At = 0;
            break;
        }
        case Phase_Counts: {
            if (st.At == 0) {
                st.Counted.assign(st.Lanes.size(), 0);
                for (size_t l = 0; l < st.Lanes.size(); l++)
                    st.Counted[l] = PrepareCounts(tl, &st.Lanes[l]);
            }
            const size_t end = std::min(n, st.At + budget);
            for (size_t i = st.At; i < end; i++)
                if (st.Counted[st.LaneOf[i]])
                    CountStart(&st.Lanes[st.LaneOf[i]], ev[i]);
            budget -= std::max<size_t>(1, end - st.At);
            st.At = end;
            if (st.At < n)
                break;
            if (!tl.Weights.empty() && tl.Weights.size() == n) {
                std::fill(st.Counts.begin(), st.Counts.end(), 0);
                for (size_t i = 0; i < n; i++) {
                    size_t g = group_of(ev[i]);
                    st.Counts[g] = (int)std::min<uint64_t>((uint64_t)st.Counts[g] + tl.Weights[i], INT32_MAX);
                }
            }
            // lanes by group
            for (size_t g = 0; g <= ngroups; g++) {
                GroupLanes& gl = out->Groups[g];
                gl.FirstLane = (int)st.Order.size();
                gl.LaneCount = (int)st.LaneIds[g].size();
                gl.EventCount = st.Counts[g];
                for (int id : st.LaneIds[g])
                    st.Order.push_back(id);
            }
            out->Lanes.reserve(st.Order.size());
            st.Phase = Phase_Finish;
            st.At = 0;
            break;
        }
        case Phase_Finish: {
            if (st.At >= st.Order.size()) {
                st.Phase = Phase_Done;
                break;
            }
            Lane& lane = st.Lanes[st.Order[st.At++]];
            FinishCounts(&lane);
            if (!tl.Weights.empty() && tl.Weights.size() == n) {
                lane.WeightCum.resize(lane.Events.size() + 1);
                lane.WeightCum[0] = 0;
                for (size_t k = 0; k < lane.Events.size(); k++)
                    lane.WeightCum[k + 1] = lane.WeightCum[k] + tl.Weights[lane.Events[k]];
            }
            lane.Events.shrink_to_fit();
            lane.BlockMaxEndSec.shrink_to_fit();
            lane.BlockEndSec.shrink_to_fit();
            lane.EndSec.shrink_to_fit();
            budget -= std::min(budget, lane.Events.size() + 1);
            out->Lanes.push_back(std::move(lane));
            break;
        }
        default:
            st.Phase = Phase_Done;
        }
    }
    if (st.Phase == Phase_Done) {
        st = State();   // (frees the build's scratch)
        return true;
    }
    return false;
}

void BuildTimelineIndex(const Timeline& tl, TimelineIndex* out, const IndexOptions& opt)
{
    TimelineIndexBuilder b;
    b.Start(tl, out, opt);
    while (!b.Step(SIZE_MAX / 2))
        ;
}

Duration LaneMinLength(Instant min, Instant max, const IndexOptions& opt)
{
    double extent = max > min ? ToSeconds(max - min) : 0.0;
    return DurationFromSeconds(extent * opt.LaneMinFraction);
}

int LaneAssigner::Assign(Instant s, Instant end)
{
    Instant busy_until = end;
    Instant min_end = s + MinLength;
    if (busy_until < min_end)
        busy_until = min_end;
    // the first lane free by s (n: none), and in the same pass the lane that frees up first (the first such), for
    // when none is and there are lanes enough (one pass over the lanes, not two)
    const size_t n = Free.size();
    size_t vacant = n, first_end = 0;
    for (size_t l = 0; l < n; l++) {
        if (Free[l] <= s) {
            vacant = l;
            break;
        }
        if (Free[l] < Free[first_end])
            first_end = l;
    }
    size_t pick = vacant;
    if (vacant == n) {
        if ((int)n < std::max(1, MaxLanes)) {
            Free.push_back(busy_until);
            return (int)n;
        }
        pick = first_end;  // share the lane that frees up first
    }
    if (Free[pick] < busy_until)
        Free[pick] = busy_until;
    return (int)pick;
}

size_t IndexMemoryBytes(const TimelineIndex& index)
{
    size_t n = sizeof(index) + index.Groups.capacity() * sizeof(GroupLanes) + index.Lanes.capacity() * sizeof(Lane);
    for (const Lane& l : index.Lanes)
        n += l.Events.capacity() * sizeof(uint32_t) + (l.BlockMaxEndSec.capacity() + l.BlockEndSec.capacity() + l.EndSec.capacity()) * sizeof(int64_t) +
             l.Cum.capacity() * sizeof(uint32_t) + l.LevelAt.capacity() * sizeof(uint32_t) + l.WeightCum.capacity() * sizeof(uint64_t);
    return n;
}

void ListLaneEventsInWindow(const Timeline& tl, const Lane& lane, Instant start, Instant end, size_t max,
                            std::vector<uint32_t>* out, bool* more)
{
    size_t taken = 0;
    for (size_t k = lane.FirstEndingAtOrAfter(start); k < lane.Events.size(); k++) {
        const uint32_t i = lane.Events[k];
        const Event& e = tl.Events[i];
        if (end < e.Start())
            break;
        if (e.End() < start)
            continue;
        if (taken == max) {
            *more = true;
            break;
        }
        out->push_back(i);
        taken++;
    }
}

void ListEventsInWindow(const Timeline& tl, const TimelineIndex& index, Instant start, Instant end, size_t max,
                        std::vector<uint32_t>* out, bool* more, bool (*skip_group)(int group, void* user), void* user)
{
    out->clear();
    *more = false;
    if (index.Empty || end < start)
        return;
    // each lane gives its first max events in the window (a lane is in start order); the first max of all of them
    // are among those
    for (const Lane& lane : index.Lanes)
        if (!skip_group || !skip_group(lane.Group, user))
            ListLaneEventsInWindow(tl, lane, start, end, max, out, more);
    std::sort(out->begin(), out->end(), [&](uint32_t a, uint32_t b) {
        const Instant ta = tl.Events[a].Start(), tb = tl.Events[b].Start();
        return ta < tb || (!(tb < ta) && a < b);
    });
    if (out->size() > max) {
        out->resize(max);
        *more = true;
    }
}

} // namespace chronoscope
