// Chronoscope core: the view transform (see view.h).
#include "core/view.h"

#include <cmath>

namespace chronoscope {

static double ClampSpan(double span)
{
    if (!(span >= kMinSpanSeconds))  // also catches NaN
        return kMinSpanSeconds;
    if (span > kMaxSpanSeconds)
        return kMaxSpanSeconds;
    return span;
}

Instant ViewTime(const View& v, double x)
{
    return v.Start + DurationFromSeconds(x / v.Width * v.Span);
}

Instant ViewEnd(const View& v) { return ViewTime(v, v.Width); }

void ViewSetWidth(View* v, double width)
{
    if (width >= 1.0)
        v->Width = width;
}

void ViewSetRange(View* v, Instant start, Instant end)
{
    double span = ToSeconds(end - start);
    if (!(span > 0.0)) {
        v->Start = start;
        v->Span = kMinSpanSeconds;
        return;
    }
    double clamped = ClampSpan(span);
    if (clamped != span) {
        // keep the centre
        Instant mid = start + DurationFromSeconds(span * 0.5);
        v->Start = mid - DurationFromSeconds(clamped * 0.5);
    } else {
        v->Start = start;
    }
    v->Span = clamped;
}

void ViewZoom(View* v, double factor, double anchor_x)
{
    if (!(factor > 0.0) || !std::isfinite(factor))
        return;
    double new_span = ClampSpan(v->Span * factor);
    double f = new_span / v->Span;
    // t(anchor) = Start + anchor/W * Span must not move: Start' = Start + anchor/W * (Span - Span')
    double shift = anchor_x / v->Width * v->Span * (1.0 - f);
    v->Start = v->Start + DurationFromSeconds(shift);
    v->Span = new_span;
}

void ViewPan(View* v, double dx_pixels)
{
    v->Start = v->Start - DurationFromSeconds(dx_pixels / v->Width * v->Span);
}

void ViewFit(View* v, Instant start, Instant end, double margin_fraction)
{
    double span = ToSeconds(end - start);
    if (!(span > 0.0)) {
        // a single instant: show a day around it (or a year for deep time)
        CivilTime c = CivilFromInstant(start);
        span = (c.year < -9999 || c.year > 9999) ? 365.2425 * 86400.0 : 86400.0;
        start = start - DurationFromSeconds(span * 0.5);
    }
    double total = span * (1.0 + 2.0 * margin_fraction);
    total = ClampSpan(total);
    Instant mid = start + DurationFromSeconds(span * 0.5);
    v->Start = mid - DurationFromSeconds(total * 0.5);
    v->Span = total;
}

void ViewClamp(View* v, Instant lo, Instant hi, double margin_fraction)
{
    v->Span = ClampSpan(v->Span);
    double content = ToSeconds(hi - lo);
    if (content < 0.0)
        return;
    Duration margin = DurationFromSeconds(v->Span * margin_fraction);
    Duration span = DurationFromSeconds(v->Span);
    // content wider than the view: the view stays inside [lo - margin, hi + margin];
    // content narrower than the view: the content stays inside the view, margins included.
    Instant a = lo - margin;
    Instant b = hi + margin - span;
    Instant min_start = a < b ? a : b;
    Instant max_start = a < b ? b : a;
    if (v->Start < min_start)
        v->Start = min_start;
    if (v->Start > max_start)
        v->Start = max_start;
    // never scroll outside what the clock can represent
    Instant lo_lim = MinInstant(), hi_lim = MaxInstant() - DurationFromSeconds(v->Span);
    if (v->Start < lo_lim)
        v->Start = lo_lim;
    if (v->Start > hi_lim)
        v->Start = hi_lim;
}

} // namespace chronoscope
