// Chronoscope core: lanes per group (see index.h).
#include "core/index.h"

#include <algorithm>

namespace cs {

size_t Lane::FirstEndingAtOrAfter(Instant t) const
{
    // BlockMaxEndSec is non-decreasing: the first block that may hold an event still running at t. Whole seconds
    // are compared (an event ending within t's second counts), so the answer may start a little early.
    auto it = std::lower_bound(BlockMaxEndSec.begin(), BlockMaxEndSec.end(), t.sec);
    return std::min(Events.size(), (size_t)(it - BlockMaxEndSec.begin()) * kLaneBlock);
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
    double extent = any ? ToSeconds(out->Max - out->Min) : 0.0;
    Duration min_len = DurationFromSeconds(extent * opt.LaneMinFraction);

    // count per group to size the lanes
    std::vector<int> counts(ngroups + 1, 0);
    for (const Event& e : ev)
        counts[e.Group == kNoGroup || e.Group >= ngroups ? ngroups : e.Group]++;

    // lanes: group g's lanes are [first, first + count)
    int max_lanes = std::max(1, opt.MaxLanesPerGroup);
    std::vector<std::vector<Instant>> lane_free(ngroups + 1);  // per group: when each lane frees up
    std::vector<std::vector<int>> lane_ids(ngroups + 1);
    std::vector<Lane> lanes;
    for (size_t i = 0; i < ev.size(); i++) {
        const Event& e = ev[i];
        size_t g = e.Group == kNoGroup || e.Group >= ngroups ? ngroups : e.Group;
        Instant s = e.Start();
        Instant busy_until = e.End();
        Instant min_end = s + min_len;
        if (busy_until < min_end)
            busy_until = min_end;
        std::vector<Instant>& fr = lane_free[g];
        int pick = -1;
        for (size_t l = 0; l < fr.size(); l++)
            if (fr[l] <= s) {
                pick = (int)l;
                break;
            }
        if (pick < 0) {
            if ((int)fr.size() < max_lanes) {
                pick = (int)fr.size();
                fr.push_back(busy_until);
                Lane lane;
                lane.Group = g == ngroups ? kNoGroup : (uint16_t)g;
                lane.Events.reserve(counts[g] / max_lanes + 1);
                lane_ids[g].push_back((int)lanes.size());
                lanes.push_back(std::move(lane));
            } else {
                pick = 0;  // share the lane that frees up first
                for (size_t l = 1; l < fr.size(); l++)
                    if (fr[l] < fr[pick])
                        pick = (int)l;
            }
        }
        if (fr[pick] < busy_until)
            fr[pick] = busy_until;
        Lane& lane = lanes[lane_ids[g][pick]];
        if (lane.Events.size() % kLaneBlock == 0)
            lane.BlockMaxEndSec.push_back(lane.BlockMaxEndSec.empty() ? e.EndSec : std::max(lane.BlockMaxEndSec.back(), e.EndSec));
        else if (e.EndSec > lane.BlockMaxEndSec.back())
            lane.BlockMaxEndSec.back() = e.EndSec;
        lane.Events.push_back((uint32_t)i);
    }
    // order lanes by group
    for (size_t g = 0; g <= ngroups; g++) {
        GroupLanes& gl = out->Groups[g];
        gl.FirstLane = (int)out->Lanes.size();
        gl.LaneCount = (int)lane_ids[g].size();
        gl.EventCount = counts[g];
        for (int id : lane_ids[g]) {
            lanes[id].Events.shrink_to_fit();
            lanes[id].BlockMaxEndSec.shrink_to_fit();
            out->Lanes.push_back(std::move(lanes[id]));
        }
    }
}

size_t IndexMemoryBytes(const TimelineIndex& index)
{
    size_t n = sizeof(index) + index.Groups.capacity() * sizeof(GroupLanes) + index.Lanes.capacity() * sizeof(Lane);
    for (const Lane& l : index.Lanes)
        n += l.Events.capacity() * sizeof(uint32_t) + l.BlockMaxEndSec.capacity() * sizeof(int64_t);
    return n;
}

} // namespace cs
