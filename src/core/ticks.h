// Chronoscope core: axis ticks.
//
// ComputeTicks picks the unit of the axis from what fits: billions of years down to nanoseconds, on the
// 1-2-5 ladder (and calendar steps: 1, 3, 6 months; 1, 2, 7 days; 1, 3, 6, 12 hours; 1, 5, 15, 30 minutes...).
// Ticks are at round calendar values in UTC: years at multiples of the step (BCE ones at multiples of the step
// in historical years, so labels read "500 BCE", "1000 BCE"), months at month starts, and so on.
// Labels: "13.8 Ga", "500 BCE", "1066", "Aug 2020", "21 Jul 2021", "09:30", "09:30:00.250".
// Zoomed into months, days or finer, a second row of spans names the year, month or day the ticks belong to (Spans).
//
// On a log view (view.h) the axis reads ages before the view's Present: anchors at each power of ten of years
// ("10 Ga", "1 Ga", ... "10 ka", "1,000 years ago", ... "1 year ago") and at "1 month ago", "1 week ago", "1 day
// ago", "1 hour ago", "1 minute ago", "1 second ago"; between two anchors, round multiples of the anchor's own unit
// ("20 Ma", "2,500 years ago", "3 months ago") as far as the room allows. Where the room asks for a step finer than
// that unit (zoomed in far: a week 57 years ago), that stretch of the axis has calendar ticks as on a linear view
// ("20 Jul", "09:30"). Labelled ticks never come closer than their labels' room (min_label_px, and a quarter more
// for the longer "... ago" labels); anchors win over the ticks between them.
//
//   TickSet ts;
//   ComputeTicks(view, 90.0f /* min pixels between labelled ticks */, &ts);
//   for (const Tick& t : ts.Ticks) draw a line at t.X, and t.Label if t.Major
#pragma once

#include "core/locale.h"
#include "core/time.h"
#include "core/view.h"

#include <string>
#include <vector>

namespace chronoscope {

enum TickUnit : uint8_t {
    TickUnit_Nanosecond = 0,   // Step in nanoseconds (1..500,000,000)
    TickUnit_Second,           // Step in seconds (1, 2, 5, 10, 15, 30)
    TickUnit_Minute,           // Step in minutes (1, 2, 5, 10, 15, 30)
    TickUnit_Hour,             // Step in hours (1, 3, 6, 12)
    TickUnit_Day,              // Step in days (1, 2, 7)
    TickUnit_Month,            // Step in months (1, 3, 6)
    TickUnit_Year,             // Step in years (1, 2, 5, 10, ... 1e10)
};

struct TickStep {
    TickUnit Unit;
    int64_t  Step;
    double   ApproxSeconds;    // for choosing
};

struct Tick {
    Instant     Time;
    double      X;             // pixels from the view's left edge
    bool        Major;         // labelled
    std::string Label;         // empty for minor ticks
};

// One span of the axis's second row: the year, month or day that the ticks above it belong to, [X0, X1) pixels from
// the view's left edge (X0 may be negative: the span began before the view; its label stays at the left edge).
struct TickSpan {
    double      X0, X1;
    Instant     Time;          // the span's start
    std::string Label;         // "2020" over months, "Aug 2020" over days, "21 Aug 2020" over hours
};

struct TickSet {
    TickStep          MajorStep;  // (linear views)
    TickStep          MinorStep;
    std::vector<Tick> Ticks;   // sorted by X; majors and minors interleaved
    std::string       Context; // the coarser context of the labels, e.g. "2020" under month ticks, "21 Jul 2021" under hours;
                               // on a log view with no calendar ticks, what the ages count back from
    double            MinorPx = 0.0;  // pixels between two ticks (linear: one minor step; log: the closest two)
    std::vector<TickSpan> Spans;  // the second row on a linear view of months, days or finer; empty otherwise
};

// The smallest step of the ladder at least min_seconds long.
TickStep    TickStepFor(double min_seconds);
// Label of one tick of the given step ("1066", "Aug 2020", "09:30", ...).
std::string TickLabel(Instant t, const TickStep& step, const Locale& loc = EnglishLocale());
// Labels follow the locale; a linear axis counts in local time at offset_sec east of UTC (the chosen zone's offset
// at the view's centre: ticks at local midnights, hours, month starts).
void        ComputeTicks(const View& v, float min_label_px, TickSet* out, const Locale& loc = EnglishLocale(),
                         int offset_sec = 0);

} // namespace chronoscope
