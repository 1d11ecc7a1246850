// Chronoscope core: what one frame shows: visible marks per lane, with level of detail.
//
// LayoutView cuts the view (and OverscanPx beyond each edge) into columns MinMarkPx wide and walks them once
// per lane. A column's events are found in O(1) from the lane's count pyramid when its finest buckets are no
// wider than a column (zoomed out: many events per column), else with a galloping search from the previous
// column (zoomed in: few events per column). (Buckets up to BucketMaxPx wide are used: a cluster's extent is
// then known to within a bucket; a lone event is always placed exactly.) A lone event is drawn as itself: a bar when it is at least
// MinMarkPx long, else a diamond (milestone) or a dot. Runs of busy columns fold into one cluster mark with
// a count, at most ClusterMaxPx wide, the way Tracy folds zones; an event at least ClusterMaxPx long is
// always a bar. Last, a lane's marks are kept apart as drawn (LayoutParams: the sizes of dots, diamonds and the
// narrowest bars and clusters): a bar gives way to a mark inside it (it resumes after it), and any other mark that
// would overlap the one before it folds into it, which becomes a cluster (lanes past IndexOptions::MaxLanesPerGroup
// hold overlapping events). The events inside a cluster are never
// visited, so a frame costs O(lanes * columns): it follows the screen, not the number of events. On a log view
// (view.h) columns cover less time the younger they are: each column takes the pyramid level for its own span.
// Events that began before the view and still run into it are found through the blocks of the lane index.
// With Timeline::Weights (a tiled window's proxies) counts are sums of weights (the lane's WeightCum between two
// positions), Layout::VisibleEvents too, and an event of weight > 1 is always a cluster mark, even alone.
//
//   Layout lay;
//   LayoutView(tl, index, view, LayoutParams(), lane_shown, &lay);
//   for (const Mark& m : lay.Marks) draw m in row m.Lane from m.X0 to m.X1
#pragma once

#include "core/index.h"
#include "core/view.h"

#include <vector>

namespace chronoscope {

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
    uint8_t  Continued;    // 1: the rest of a bar that gave way to a mark inside it (its event is counted, and
                           // labelled, where the bar begins)
};

struct LayoutParams {
    float MinMarkPx = 4.0f;      // events closer than this fold into clusters; ranges narrower are points
    float ClusterMaxPx = 48.0f;  // a cluster stops growing past this width
    float OverscanPx = 200.0f;   // lay out this far beyond both edges, so labels of events just outside show
    float BucketMaxPx = 24.0f;   // counts come from the pyramid when its buckets are at most this wide: clusters
                                 // are then placed to within a bucket (lone events are always exact)
    // What is drawn of a mark, in pixels (the widget's style at its scale). Marks of a lane never overlap as drawn:
    // a mark whose shape would reach into the one before it (shared lanes hold overlapping events; points are
    // drawn wider than MinMarkPx) folds with it into one cluster.
    float PointHalfPx = 0.0f;      // half the width of a point's dot
    float MilestoneHalfPx = 0.0f;  // half the width of a milestone's diamond
    float RangeMinPx = 0.0f;       // the narrowest bar
    float ClusterMinPx = 0.0f;     // the narrowest cluster
};

struct Layout {
    std::vector<Mark>    Marks;          // lane by lane, left to right within a lane
    size_t               VisibleEvents = 0;  // events inside the marks (cluster counts summed)
    std::vector<Instant> Edges;          // scratch: the column boundaries of the last layout
};

// lane_shown: one flag per lane (nullptr = all lanes). Clears and fills *out.
void LayoutView(const Timeline& tl, const TimelineIndex& index, const View& view, const LayoutParams& p,
                const std::vector<uint8_t>* lane_shown, Layout* out);

// The left and right ends of what is drawn of a mark's shape (before any label), in the mark's pixels.
float MarkLeftPx(const Mark& m, const LayoutParams& p);
float MarkRightPx(const Mark& m, const LayoutParams& p);

// Fits the view to everything (the whole extent of events and eras), with a tenth more at the right for the labels
// of the last events. On a log view (whose Present must be set): from the oldest instant to the youngest event's
// start (not the ends of ranges or eras that run up to the present: those run off the right edge), and a tenth
// more, in e-folds. Keeps the view's scale; does nothing for an empty index.
void FitView(View* v, const Timeline& tl, const TimelineIndex& index);

// The mark under a point of a lane row, or -1 (clusters and points get a few pixels of slack).
int  LayoutHitTest(const Layout& lay, int lane, float x, float slack_px);

} // namespace chronoscope
