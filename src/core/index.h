// Chronoscope core: the index of a loaded timeline: lanes per group.
//
// Events of a group are packed into lanes so that overlapping events stack: each event goes into the first lane
// whose last event ended before it starts. Points count as occupying a small slice of the whole timeline
// (LaneMinFraction of its extent) so that close milestones stack too instead of overprinting their labels.
// A group has at most MaxLanesPerGroup lanes; past that, events share the lane that frees up first (the layout
// folds what overlaps into clusters anyway).
//
// Each lane lists its events in start order, and for every block of kLaneBlock events the running maximum of
// their end times, so the first event visible in a window is a binary search (plus at most one block) away: the
// visible-range query is O(log N + visible). Memory: about 12 bytes per event on top of the 48-byte Event.
#pragma once

#include "core/model.h"

#include <vector>

namespace chronoscope {

static const int kLaneBlock = 32;

// One level of a lane's count pyramid, ready for O(1) lookups (Lane::Level).
struct LaneLevel {
    const uint32_t* Cum = nullptr;     // Cum[b] = events starting before the end of bucket b
    size_t          Size = 0;          // buckets
    double          BucketSec = 0.0;
    double          InvBucketSec = 0.0;
    size_t          Total = 0;         // events in the lane

    // About how many events start before T0 + seconds_since_t0 (exact at bucket edges).
    size_t CountBefore(double seconds_since_t0) const
    {
        double k = seconds_since_t0 * InvBucketSec;
        if (!(k >= 1.0))  // also NaN
            return 0;
        if (k >= (double)Size + 1.0)
            return Total;
        return Cum[(size_t)k - 1];
    }
};

struct Lane {
    uint16_t              Group = kNoGroup;   // index into Timeline::Groups, or kNoGroup
    std::vector<uint32_t> Events;             // indices into Timeline::Events, sorted by start
    std::vector<int64_t>  BlockMaxEndSec;     // [b] = max EndSec over Events[0 .. (b+1)*kLaneBlock), non-decreasing
    std::vector<int64_t>  BlockEndSec;        // [b] = max EndSec over the events of block b alone
    std::vector<int64_t>  EndSec;             // [k] = EndSec of Events[k]: events running into a view are found by a
                                              // sequential scan of these, not by reading each event's record

    // Counts of starts at multiple resolutions, for level of detail in O(1) per pixel column (layout.h).
    // Level L has buckets BucketSec * 2^L seconds wide from T0; Cum[LevelAt[L] + b] is the number of events
    // that start before the end of bucket b. Lanes with few events have no levels.
    Instant               T0;
    double                BucketSec = 0.0;
    std::vector<uint32_t> Cum;
    std::vector<uint32_t> LevelAt;            // offset of each level in Cum; LevelAt.size() = number of levels
    // With Timeline::Weights: WeightCum[k] = sum of the weights of Events[0 .. k) (k = 0 .. Events.size()), so the
    // events between two positions weigh WeightCum[b] - WeightCum[a]. Empty without weights.
    std::vector<uint64_t> WeightCum;

    // The first position whose event may still be visible at or after t (its running max end >= t).
    size_t FirstEndingAtOrAfter(Instant t) const;
    // The coarsest level whose buckets are at most max_bucket_sec wide, or -1.
    int       LevelFor(double max_bucket_sec) const;
    LaneLevel Level(int level) const;
};

struct GroupLanes {
    int FirstLane = 0;
    int LaneCount = 0;
    int EventCount = 0;
};

struct TimelineIndex {
    std::vector<Lane>       Lanes;       // grouped: all lanes of group 0, then group 1, ..., then ungrouped
    std::vector<GroupLanes> Groups;      // one per Timeline::Groups entry, then one for ungrouped events (last)
    Instant                 Min, Max;    // extent of all events and eras (Min == Max when empty)
    bool                    Empty = true;
};

struct IndexOptions {
    int    MaxLanesPerGroup = 6;
    double LaneMinFraction = 0.05;       // points occupy this fraction of the timeline's extent for lane packing
    // Lanes assigned beforehand (a tiled window: lanes as packed, so an event keeps its row whatever is loaded):
    // Lanes[i] is event i's lane within its group, and LanesPerGroup[g] the lanes of group g (Timeline::Groups,
    // then one for ungrouped events), so a group shows all its rows even when the events loaded use fewer. Null:
    // lanes are assigned as above. A lane number past the group's count goes to its last lane.
    const uint8_t* Lanes = nullptr;
    const uint8_t* LanesPerGroup = nullptr;
};

void BuildTimelineIndex(const Timeline& tl, TimelineIndex* out, const IndexOptions& opt = IndexOptions());

// The same build in steps, a little at a time (a tiled window's index, a frame's budget at a time): Start, then
// Step until it returns true; *out is complete then (and must not be used before). tl, out and opt.Lanes /
// opt.LanesPerGroup must stay as they are until then. Step(work) does about `work` events' worth of the build.
class TimelineIndexBuilder {
public:
    TimelineIndexBuilder();
    ~TimelineIndexBuilder();
    TimelineIndexBuilder(const TimelineIndexBuilder&) = delete;
    TimelineIndexBuilder& operator=(const TimelineIndexBuilder&) = delete;
    void Start(const Timeline& tl, TimelineIndex* out, const IndexOptions& opt = IndexOptions());
    bool Step(size_t work);
    bool Busy() const;   // started and not done

private:
    struct State;
    State* S;
};

// The lane rule, written once for the index and the packer (core/pack.h): the events of one group, given in start
// order, each go into the first lane free at their start (a point stays busy for MinLength), or past MaxLanes
// into the lane that frees up first.
struct LaneAssigner {
    int                  MaxLanes = 6;
    Duration             MinLength;          // LaneMinLength of the timeline
    std::vector<Instant> Free;               // per lane: when it frees up (Free.size(): lanes so far)
    int Assign(Instant start, Instant end);  // the event's lane
};
// How long a point occupies its lane: IndexOptions::LaneMinFraction of the extent [min, max] of events and eras.
Duration LaneMinLength(Instant min, Instant max, const IndexOptions& opt);

// The events that overlap [start, end] (a point at either edge counts), in time order (start, then index), at most
// max of them: the first max in time order. *more says whether there were others. skip_group(g, user), if given,
// leaves out the events of group g (kNoGroup: ungrouped). O(lanes * (log N + max)).
void ListEventsInWindow(const Timeline& tl, const TimelineIndex& index, Instant start, Instant end, size_t max,
                        std::vector<uint32_t>* out, bool* more, bool (*skip_group)(int group, void* user) = nullptr,
                        void* user = nullptr);

// The same for one lane (ListEventsInWindow's part per lane): its first max events that overlap [start, end] in
// its order (start, then index), appended to *out; *more is set when the lane has others there. What a cluster
// mark of that lane holds is among them (the widget lists a cluster a click cannot zoom into).
void ListLaneEventsInWindow(const Timeline& tl, const Lane& lane, Instant start, Instant end, size_t max,
                            std::vector<uint32_t>* out, bool* more);

// Bytes the index holds (for the memory benchmark).
size_t IndexMemoryBytes(const TimelineIndex& index);

} // namespace chronoscope
