// Chronoscope core: the view transform.
//
// A View maps time to horizontal pixels. It is stored view-relative: the instant at the left edge
// (exact, 64-bit seconds + nanoseconds) and the span in seconds as a double. A position is computed
// as (t - Start), an exact integer difference, converted to double only afterwards, so a 1 us
// window 13.8 billion years from 1970 places marks without jitter.
//
//   x = ToSeconds(t - Start) / Span * Width
//
// All operations keep Span within [kMinSpan, kMaxSpan] and keep Start representable.
#pragma once

#include "time.h"

namespace chronoscope {

static const double kMinSpanSeconds = 1e-6;                       // 1 microsecond across the view
static const double kMaxSpanSeconds = 1e11 * 365.2425 * 86400.0;  // 100 billion years

struct View {
    Instant Start;               // time at x = 0
    double  Span = 86400.0;      // seconds from x = 0 to x = Width (> 0)
    double  Width = 1280.0;      // pixels (> 0)
};

inline double  ViewSecondsPerPixel(const View& v) { return v.Span / v.Width; }
inline double  ViewX(const View& v, Instant t) { return ToSeconds(t - v.Start) / v.Span * v.Width; }
Instant        ViewTime(const View& v, double x);               // inverse of ViewX
Instant        ViewEnd(const View& v);                          // ViewTime(v, v.Width)

void ViewSetWidth(View* v, double width);                       // keeps Start and Span (content stretches)
void ViewSetRange(View* v, Instant start, Instant end);         // end > start; clamps span
void ViewZoom(View* v, double factor, double anchor_x);         // factor < 1 zooms in; the time under anchor_x stays put
void ViewPan(View* v, double dx_pixels);                        // dx > 0 moves the content right (earlier times come into view)
void ViewFit(View* v, Instant start, Instant end, double margin_fraction); // shows [start, end] with a margin on each side
// Keeps the view inside [lo, hi] widened by margin_fraction of the view on each side (when the content is
// narrower than the view: keeps the content and its margins inside the view), and the span within limits.
void ViewClamp(View* v, Instant lo, Instant hi, double margin_fraction);

} // namespace chronoscope
