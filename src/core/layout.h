// Chronoscope core: what one frame shows: visible marks per lane, with level of detail.
//
// LayoutView walks each shown lane from its first visible event (a binary search) to the right edge of the
// view. An event wider than MinMarkPx is a range bar. Narrow events (points, milestones, short ranges) that
// have a neighbour closer than MinMarkPx fold with it into a cluster mark with a count, the way Tracy folds
// zones; a cluster takes every event that starts within ClusterMaxPx of its first one, found with one
// galloping search (the events inside are never visited). So a frame costs O(marks * log N): it follows what
// is on screen, not how many events there are.
//
//   Layout lay;
//   LayoutView(tl, index, view, LayoutParams(), lane_shown, &lay);
//   for (const Mark& m : lay.Marks) draw m in row m.Lane from m.X0 to m.X1
#pragma once

#include "core/index.h"
#include "core/view.h"

#include <vector>

namespace cs {

enum MarkKind : uint8_t {
    MarkKind_Point = 0,    // an event without duration (or too short to see) and without close neighbours
    MarkKind_Milestone,    // the same, flagged as a milestone: a diamond
    MarkKind_Range,        // a bar from X0 to X1
    MarkKind_Cluster,      // Count events folded together, from X0 to X1
};

struct Mark {
    float    X0, X1;       // pixels from the view's left edge (ranges are clipped to a little beyond the view)
    uint32_t Event;        // the event (for clusters: the first one)
    uint32_t Count;        // 1, or the number of events in a cluster
    uint16_t Lane;         // index into TimelineIndex::Lanes
    uint8_t  Kind;         // MarkKind
};

struct LayoutParams {
    float MinMarkPx = 4.0f;      // events closer than this fold into clusters; ranges narrower are points
    float ClusterMaxPx = 48.0f;  // a cluster stops growing past this width
    float OverscanPx = 200.0f;   // lay out this far beyond both edges, so labels of events just outside show
};

struct Layout {
    std::vector<Mark> Marks;     // lane by lane, left to right within a lane
    size_t            VisibleEvents = 0;  // events inside the marks (cluster counts summed)
};

// lane_shown: one flag per lane (nullptr = all lanes). Clears and fills *out.
void LayoutView(const Timeline& tl, const TimelineIndex& index, const View& view, const LayoutParams& p,
                const std::vector<uint8_t>* lane_shown, Layout* out);

// The mark under a point of a lane row, or -1 (clusters and points get a few pixels of slack).
int  LayoutHitTest(const Layout& lay, int lane, float x, float slack_px);

} // namespace cs
