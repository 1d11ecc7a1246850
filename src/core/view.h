// Chronoscope core: the view transform.
//
// A View maps time to horizontal pixels, on one of two scales:
//
//   linear   x grows with time: equal spans of time take equal widths.
//   log      "time before present": x grows with -ln(age), the age of an instant being how long before Present it
//            is. Each factor of ten in age takes the same width, so 13.8 billion years and last week share one
//            axis. Ages are at least kMinAgeSeconds: Present itself, and anything later, sits at that age, the
//            right end of the axis (no view reaches past it).
//
// Both are stored view-relative: the instant at the left edge (exact, 64-bit seconds + nanoseconds) and the span
// of the view in its coordinate, a double: seconds (linear) or e-folds of age, ln(age at the left edge / age at
// the right edge) (log). A position is computed from the exact difference (t - Start) (and, in log, the exact age
// Present - t), converted to double only afterwards, so a 1 us window 13.8 billion years from 1970 places marks
// without jitter on either scale:
//
//   linear:  x = ToSeconds(t - Start) / Span * Width
//   log:     x = ln(age(Start) / age(t)) / Span * Width,  computed as log1p(ToSeconds(t - Start) / age(t))
//
// ViewOffset and ViewShift measure and move in the view's coordinate: zoom, pan, animation and fitting are the
// same arithmetic on both scales (a zoom scales the coordinate span, a pan shifts it), so they stay continuous in
// log space. All operations keep Span within the scale's limits and keep Start representable.
#pragma once

#include "time.h"

namespace chronoscope {

enum TimeScale : uint8_t {
    TimeScale_Linear = 0,   // equal spans of time, equal widths
    TimeScale_Log,          // time before present on a logarithmic axis
};

static const double kMinSpanSeconds = 1e-6;                       // linear: 1 microsecond across the view
static const double kMaxSpanSeconds = 1e11 * 365.2425 * 86400.0;  // linear: 100 billion years
static const double kMinAgeSeconds = 1.0;     // log: the youngest age on the axis (its right end)
static const double kMinLogSpan = 1e-6;       // log: e-folds across the view (a microsecond at an age of a second)
static const double kMaxLogSpan = 42.5;       // log: about all the axis holds: a second to kMinYear is 42.6 e-folds

struct View {
    Instant   Start;               // time at x = 0
    double    Span = 86400.0;      // from x = 0 to x = Width (> 0): seconds (linear); ln(age at 0 / age at Width) (log)
    double    Width = 1280.0;      // pixels (> 0)
    TimeScale Scale = TimeScale_Linear;
    Instant   Present;             // log: the instant ages are counted back from (linear views ignore it)
};

// log: how long before Present t is, in seconds, at least kMinAgeSeconds
double  ViewAge(const View& v, Instant t);
// log: the youngest instant on the axis (kMinAgeSeconds before Present); later ones are drawn where it is
Instant ViewYoungest(const View& v);
// The coordinate of b minus that of a: seconds (linear), e-folds (log; positive when b is younger than a)
double  ViewOffset(const View& v, Instant a, Instant b);
// The instant whose coordinate is t's plus d (log: at most as young as kMinAgeSeconds)
Instant ViewShift(const View& v, Instant t, double d);

inline double ViewSecondsPerPixel(const View& v) { return v.Span / v.Width; }  // linear views
inline double ViewX(const View& v, Instant t)
{
    return v.Scale == TimeScale_Linear ? ToSeconds(t - v.Start) / v.Span * v.Width : ViewOffset(v, v.Start, t) / v.Span * v.Width;
}
Instant        ViewTime(const View& v, double x);               // inverse of ViewX
Instant        ViewEnd(const View& v);                          // ViewTime(v, v.Width)

void ViewSetWidth(View* v, double width);                       // keeps Start and Span (content stretches)
void ViewSetRange(View* v, Instant start, Instant end);         // end > start; clamps span
void ViewZoom(View* v, double factor, double anchor_x);         // factor < 1 zooms in; the time under anchor_x stays put
void ViewPan(View* v, double dx_pixels);                        // dx > 0 moves the content right (earlier times come into view)
void ViewFit(View* v, Instant start, Instant end, double margin_fraction); // shows [start, end] with a margin on each side
// Keeps the view inside [lo, hi] widened by margin_fraction of the view on each side (when the content is
// narrower than the view: keeps the content and its margins inside the view), and the span within limits.
// (Log: never past the youngest age; pass Present as hi to let the view reach it.)
void ViewClamp(View* v, Instant lo, Instant hi, double margin_fraction);
// Puts the view on another scale, showing the same window (Start .. ViewEnd) where that scale can.
void ViewSetScale(View* v, TimeScale scale);

} // namespace chronoscope
