// Chronoscope core: lanes per group (see index.h).
#include "core/index.h"

#include <algorithm>
#include <cmath>

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
static void BuildCounts(const Timeline& tl, Lane* lane)
{
    const size_t n = lane->Events.size();
    if (n < 64)
        return;
    Instant t0 = tl.Events[lane->Events.front()].Start();
    double span = ToSeconds(tl.Events[lane->Events.back()].Start() - t0);
    if (!(span > 0.0))
        return;
    size_t m = (n + 7) / 8;
    double w = span / (double)m * (1.0 + 1e-9) + 1e-9;
    lane->T0 = t0;
    lane->BucketSec = w;
    lane->Cum.assign(m, 0);
    for (size_t i = 0; i < n; i++) {
        double d = ToSeconds(tl.Events[lane->Events[i]].Start() - t0);
        size_t b = (size_t)std::floor(d / w);
        if (b >= m)
            b = m - 1;
        lane->Cum[b]++;
    }
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

void BuildTimelineIndex(const Timeline& tl, TimelineIndex* out, const IndexOptions& opt)
{
    *out = TimelineIndex();
    const std::vector<Event>& ev = tl.Events;
    size_t ngroups = tl.Groups.size();
    out->Groups.resize(ngroups + 1);

    // extent
    bool any = false;
    for (const Era& e : tl.Eras) {
        if (!any || e.Start < out->Min) out->Min = e.Start;
        if (!any || e.End > out->Max) out->Max = e.End;
        any = true;
    }
    if (!ev.empty()) {
        Instant lo = ev.front().Start();  // events are sorted by start
        Instant hi = ev.front().End();
        for (const Event& e : ev)
            if (e.End() > hi)
                hi = e.End();
        if (!any || lo < out->Min) out->Min = lo;
        if (!any || hi > out->Max) out->Max = hi;
        any = true;
    }
    out->Empty = !any;
    Duration min_len = LaneMinLength(out->Min, out->Max, opt);

    // count per group to size the lanes
    std::vector<int> counts(ngroups + 1, 0);
    for (const Event& e : ev)
        counts[e.Group == kNoGroup || e.Group >= ngroups ? ngroups : e.Group]++;

    // lanes: group g's lanes are [first, first + count)
    int max_lanes = std::max(1, opt.MaxLanesPerGroup);
    std::vector<LaneAssigner> lane_free(ngroups + 1);
    for (LaneAssigner& a : lane_free) {
        a.MaxLanes = max_lanes;
        a.MinLength = min_len;
    }
    std::vector<std::vector<int>> lane_ids(ngroups + 1);
    std::vector<Lane> lanes;
    if (opt.Lanes) {
        // lanes as given: each group has its rows from the start, used or not
        std::vector<int> used(ngroups + 1, 0);
        for (size_t i = 0; i < ev.size(); i++) {
            size_t g = ev[i].Group == kNoGroup || ev[i].Group >= ngroups ? ngroups : ev[i].Group;
            used[g] = std::max(used[g], (int)opt.Lanes[i] + 1);
        }
        for (size_t g = 0; g <= ngroups; g++) {
            int nl = opt.LanesPerGroup ? std::max<int>(opt.LanesPerGroup[g], counts[g] ? 1 : 0) : used[g];
            for (int l = 0; l < nl; l++) {
                Lane lane;
                lane.Group = g == ngroups ? kNoGroup : (uint16_t)g;
                lane_ids[g].push_back((int)lanes.size());
                lanes.push_back(std::move(lane));
            }
        }
    }
    for (size_t i = 0; i < ev.size(); i++) {
        const Event& e = ev[i];
        size_t g = e.Group == kNoGroup || e.Group >= ngroups ? ngroups : e.Group;
        if (opt.Lanes) {
            int l = std::min<int>(opt.Lanes[i], (int)lane_ids[g].size() - 1);
            AppendToLane(&lanes[lane_ids[g][l]], e, (uint32_t)i);
            continue;
        }
        const size_t before = lane_free[g].Free.size();
        const int pick = lane_free[g].Assign(e.Start(), e.End());
        if (lane_free[g].Free.size() > before) {
            Lane lane;
            lane.Group = g == ngroups ? kNoGroup : (uint16_t)g;
            lane.Events.reserve(counts[g] / max_lanes + 1);
            lane.EndSec.reserve(counts[g] / max_lanes + 1);
            lane_ids[g].push_back((int)lanes.size());
            lanes.push_back(std::move(lane));
        }
        AppendToLane(&lanes[lane_ids[g][pick]], e, (uint32_t)i);
    }
    const bool weighted = !tl.Weights.empty() && tl.Weights.size() == ev.size();
    if (weighted) {
        std::fill(counts.begin(), counts.end(), 0);
        for (size_t i = 0; i < ev.size(); i++) {
            size_t g = ev[i].Group == kNoGroup || ev[i].Group >= ngroups ? ngroups : ev[i].Group;
            counts[g] = (int)std::min<uint64_t>((uint64_t)counts[g] + tl.Weights[i], INT32_MAX);
        }
        for (Lane& lane : lanes) {
            lane.WeightCum.resize(lane.Events.size() + 1);
            lane.WeightCum[0] = 0;
            for (size_t k = 0; k < lane.Events.size(); k++)
                lane.WeightCum[k + 1] = lane.WeightCum[k] + tl.Weights[lane.Events[k]];
        }
    }
    // order lanes by group
    for (size_t g = 0; g <= ngroups; g++) {
        GroupLanes& gl = out->Groups[g];
        gl.FirstLane = (int)out->Lanes.size();
        gl.LaneCount = (int)lane_ids[g].size();
        gl.EventCount = counts[g];
        for (int id : lane_ids[g]) {
            lanes[id].Events.shrink_to_fit();
            BuildCounts(tl, &lanes[id]);
            lanes[id].BlockMaxEndSec.shrink_to_fit();
            lanes[id].BlockEndSec.shrink_to_fit();
            lanes[id].EndSec.shrink_to_fit();
            out->Lanes.push_back(std::move(lanes[id]));
        }
    }
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
    int pick = -1;
    for (size_t l = 0; l < Free.size(); l++)
        if (Free[l] <= s) {
            pick = (int)l;
            break;
        }
    if (pick < 0) {
        if ((int)Free.size() < std::max(1, MaxLanes)) {
            pick = (int)Free.size();
            Free.push_back(busy_until);
            return pick;
        }
        pick = 0;  // share the lane that frees up first
        for (size_t l = 1; l < Free.size(); l++)
            if (Free[l] < Free[pick])
                pick = (int)l;
    }
    if (Free[pick] < busy_until)
        Free[pick] = busy_until;
    return pick;
}

size_t IndexMemoryBytes(const TimelineIndex& index)
{
    size_t n = sizeof(index) + index.Groups.capacity() * sizeof(GroupLanes) + index.Lanes.capacity() * sizeof(Lane);
    for (const Lane& l : index.Lanes)
        n += l.Events.capacity() * sizeof(uint32_t) + (l.BlockMaxEndSec.capacity() + l.BlockEndSec.capacity() + l.EndSec.capacity()) * sizeof(int64_t) +
             l.Cum.capacity() * sizeof(uint32_t) + l.LevelAt.capacity() * sizeof(uint32_t) + l.WeightCum.capacity() * sizeof(uint64_t);
    return n;
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
    for (const Lane& lane : index.Lanes) {
        if (skip_group && skip_group(lane.Group, user))
            continue;
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
