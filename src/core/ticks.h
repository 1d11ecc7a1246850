// Chronoscope core: axis ticks.
//
// ComputeTicks picks the unit of the axis from what fits: billions of years down to nanoseconds, on the
// 1-2-5 ladder (and calendar steps: 1, 3, 6 months; 1, 2, 7 days; 1, 3, 6, 12 hours; 1, 5, 15, 30 minutes...).
// Ticks are at round calendar values in UTC: years at multiples of the step (BCE ones at multiples of the step
// in historical years, so labels read "500 BCE", "1000 BCE"), months at month starts, and so on.
// Labels: "13.8 Ga", "500 BCE", "1066", "Aug 2020", "21 Jul 2021", "09:30", "09:30:00.250".
//
//   TickSet ts;
//   ComputeTicks(view, 90.0f /* min pixels between labelled ticks */, &ts);
//   for (const Tick& t : ts.Ticks) draw a line at t.X, and t.Label if t.Major
#pragma once

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

struct TickSet {
    TickStep          MajorStep;
    TickStep          MinorStep;
    std::vector<Tick> Ticks;   // sorted by X; majors and minors interleaved
    std::string       Context; // the coarser context of the labels, e.g. "2020" under month ticks, "21 Jul 2021" under hours
};

// The smallest step of the ladder at least min_seconds long.
TickStep    TickStepFor(double min_seconds);
// Label of one tick of the given step ("1066", "Aug 2020", "09:30", ...).
std::string TickLabel(Instant t, const TickStep& step);
void        ComputeTicks(const View& v, float min_label_px, TickSet* out);

} // namespace chronoscope
