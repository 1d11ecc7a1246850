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

static double ClampLogSpan(double span)
{
    if (!(span >= kMinLogSpan))  // also catches NaN
        return kMinLogSpan;
    if (span > kMaxLogSpan)
        return kMaxLogSpan;
    return span;
}

// ------------------------------------------------------------------------------------------------ log scale

static const double kLn2 = 0.69314718055994530942;

double ViewAge(const View& v, Instant t)
{
    double a = ToSeconds(v.Present - t);
    return a > kMinAgeSeconds ? a : kMinAgeSeconds;
}

Instant ViewYoungest(const View& v) { return v.Present - DurationFromSeconds(kMinAgeSeconds); }

double ViewOffset(const View& v, Instant a, Instant b)
{
    if (v.Scale == TimeScale_Linear)
        return ToSeconds(b - a);
    double age_a = ToSeconds(v.Present - a), age_b = ToSeconds(v.Present - b);
    // ln(age_a / age_b) from the exact difference of a and b, divided by the younger age so that log1p's argument
    // is never negative (near -1 it would lose the precision): precise however close or far apart a and b are
    if (age_a >= kMinAgeSeconds && age_b >= kMinAgeSeconds) {
        if (age_b <= age_a)
            return std::log1p(ToSeconds(b - a) / age_b);
        return -std::log1p(ToSeconds(a - b) / age_a);
    }
    return std::log((age_a > kMinAgeSeconds ? age_a : kMinAgeSeconds) / (age_b > kMinAgeSeconds ? age_b : kMinAgeSeconds));
}

Instant ViewShift(const View& v, Instant t, double d)
{
    if (v.Scale == TimeScale_Linear)
        return t + DurationFromSeconds(d);
    if (d == 0.0 || !std::isfinite(d))
        return t;
    const double raw = ToSeconds(v.Present - t);
    const double age = raw > kMinAgeSeconds ? raw : kMinAgeSeconds;
    const double to = age * std::exp(-d);  // the age of the result
    if (!(to > kMinAgeSeconds))
        return ViewYoungest(v);
    // Near t (within a factor of two in age), move from t by the exact-ish difference; farther, count back from
    // Present: each is the smaller of the two distances, so the result keeps double precision relative to it.
    if (d > -kLn2 && d < kLn2 && raw >= kMinAgeSeconds)
        return t + DurationFromSeconds(-age * std::expm1(-d));
    return v.Present - DurationFromSeconds(to);
}

// A log view never reaches past the youngest age: its right edge is at most there.
static void KeepBeforePresent(View* v)
{
    Instant youngest = ViewYoungest(*v);
    if (ViewOffset(*v, v->Start, youngest) < v->Span)
        v->Start = ViewShift(*v, youngest, -v->Span);
}

static void LogSetRange(View* v, Instant start, Instant end)
{
    v->Start = start;
    double span = ViewOffset(*v, start, end);
    double clamped = ClampLogSpan(span);
    if (clamped != span && span > 0.0) {
        // keep the centre
        Instant mid = ViewShift(*v, start, span * 0.5);
        v->Start = ViewShift(*v, mid, -clamped * 0.5);
    }
    v->Span = clamped;
    KeepBeforePresent(v);
    // The end comes back through a logarithm, to double precision relative to its age (a microsecond or so at 57
    // years): a few ulps more span make the window end at `end` or just after it, never before, so that it reads
    // back as the date asked for at any precision it is printed at.
    for (int i = 0; i < 16 && clamped == span && ViewEnd(*v) < end && end < ViewYoungest(*v); i++)
        v->Span = std::nextafter(v->Span, kMaxLogSpan);
}

static void LogFit(View* v, Instant start, Instant end, double margin_fraction)
{
    double content = ViewOffset(*v, start, end);
    if (!(content > 0.0)) {
        // a single instant (or only the youngest age): a day around it, or a year in deep time, as linear views do
        CivilTime c = CivilFromInstant(start);
        double span = (c.year < -9999 || c.year > 9999) ? 365.2425 * 86400.0 : 86400.0;
        start = start - DurationFromSeconds(span * 0.5);
        content = ViewOffset(*v, start, start + DurationFromSeconds(span));
        if (!(content > 0.0))
            content = kMinLogSpan;
    }
    double total = ClampLogSpan(content * (1.0 + 2.0 * margin_fraction));
    v->Start = ViewShift(*v, start, (content - total) * 0.5);
    v->Span = total;
    KeepBeforePresent(v);
}

static void LogClamp(View* v, Instant lo, Instant hi, double margin_fraction)
{
    v->Span = ClampLogSpan(v->Span);
    double content = ViewOffset(*v, lo, hi);
    if (content >= 0.0) {
        // as linear views, in e-folds from lo
        double margin = v->Span * margin_fraction;
        double a = -margin, b = content + margin - v->Span;
        double min_s = a < b ? a : b, max_s = a < b ? b : a;
        double s = ViewOffset(*v, lo, v->Start);
        if (s < min_s)
            v->Start = ViewShift(*v, lo, min_s);
        else if (s > max_s)
            v->Start = ViewShift(*v, lo, max_s);
    }
    KeepBeforePresent(v);
    if (v->Start < MinInstant())
        v->Start = MinInstant();
}

// ------------------------------------------------------------------------------------------------ both scales

Instant ViewTime(const View& v, double x)
{
    if (v.Scale == TimeScale_Log)
        return ViewShift(v, v.Start, x / v.Width * v.Span);
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
    if (v->Scale == TimeScale_Log && end > start) {
        LogSetRange(v, start, end);
        return;
    }
    double span = ToSeconds(end - start);
    if (!(span > 0.0)) {
        v->Start = start;
        v->Span = v->Scale == TimeScale_Log ? kMinLogSpan : kMinSpanSeconds;
        if (v->Scale == TimeScale_Log)
            KeepBeforePresent(v);
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
    if (v->Scale == TimeScale_Log) {
        // the instant under the anchor keeps its place; the span in e-folds scales
        Instant at = ViewTime(*v, anchor_x);
        v->Span = ClampLogSpan(v->Span * factor);
        v->Start = ViewShift(*v, at, -anchor_x / v->Width * v->Span);
        return;
    }
    double new_span = ClampSpan(v->Span * factor);
    double f = new_span / v->Span;
    // t(anchor) = Start + anchor/W * Span must not move: Start' = Start + anchor/W * (Span - Span')
    double shift = anchor_x / v->Width * v->Span * (1.0 - f);
    v->Start = v->Start + DurationFromSeconds(shift);
    v->Span = new_span;
}

void ViewPan(View* v, double dx_pixels)
{
    if (v->Scale == TimeScale_Log) {
        v->Start = ViewShift(*v, v->Start, -dx_pixels / v->Width * v->Span);
        return;
    }
    v->Start = v->Start - DurationFromSeconds(dx_pixels / v->Width * v->Span);
}

void ViewFit(View* v, Instant start, Instant end, double margin_fraction)
{
    if (v->Scale == TimeScale_Log) {
        LogFit(v, start, end, margin_fraction);
        return;
    }
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
    if (v->Scale == TimeScale_Log) {
        LogClamp(v, lo, hi, margin_fraction);
        return;
    }
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

void ViewSetScale(View* v, TimeScale scale)
{
    if (v->Scale == scale)
        return;
    Instant start = v->Start, end = ViewEnd(*v);
    v->Scale = scale;
    if (scale == TimeScale_Log && !(start < ViewYoungest(*v))) {
        // a window wholly after the youngest age: the youngest second on the axis
        v->Start = ViewYoungest(*v);
        v->Span = kMinLogSpan;
        KeepBeforePresent(v);
        return;
    }
    ViewSetRange(v, start, end);
}

} // namespace chronoscope
