// Unit tests for src/core/view.h.
#include "core/view.h"

#include "test_util.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

using namespace chronoscope;
using namespace chronoscope::test;

namespace {

}  // namespace

TEST(ViewTest, Defaults)
{
    View v;
    EXPECT_GT(v.Span, 0.0);
    EXPECT_GT(v.Width, 0.0);
    EXPECT_DOUBLE_EQ(ViewSecondsPerPixel(v), v.Span / v.Width);
}

TEST(ViewTest, ViewXAndViewTimeAreInverse)
{
    const Instant starts[] = { Instant(), At(2020, 8, 21), At(-13800000000LL), At(-4500000000LL, 6, 1), At(kMaxYear - 10) };
    const double spans[] = { 1e-6, 1e-3, 1.0, 86400.0, kYear, 1000 * kYear, 1e9 * kYear };
    for (Instant s : starts)
        for (double span : spans) {
            View v = MakeView(s, span, 1280.0);
            EXPECT_EQ(ViewTime(v, 0.0), v.Start);
            EXPECT_NEAR(ViewX(v, v.Start), 0.0, 1e-12);
            for (double x : { 0.0, 0.5, 1.0, 100.25, 640.0, 1279.0, 1280.0, -50.0, 2000.0 }) {
                Instant t = ViewTime(v, x);
                // ViewTime rounds to a nanosecond: x comes back within half a nanosecond's worth of pixels.
                double tol = 1e-9 + (0.5e-9 / span) * v.Width + std::fabs(x) * 1e-12;
                EXPECT_NEAR(ViewX(v, t), x, tol) << "span " << span << " x " << x;
            }
            EXPECT_NEAR(ViewX(v, ViewEnd(v)), v.Width, 1e-9 + (0.5e-9 / span) * v.Width);
        }
}

TEST(ViewTest, ViewXIsLinear)
{
    View v = MakeView(At(2020), 86400.0, 1000.0);
    EXPECT_NEAR(ViewX(v, At(2020, 1, 1, 12)), 500.0, 1e-9);
    EXPECT_NEAR(ViewX(v, At(2020, 1, 2)), 1000.0, 1e-9);
    EXPECT_NEAR(ViewX(v, At(2019, 12, 31, 12)), -500.0, 1e-9);
    EXPECT_EQ(ViewEnd(v), At(2020, 1, 2));
}

TEST(ViewTest, SetWidthKeepsStartAndSpan)
{
    View v = MakeView(At(2020), 86400.0, 1000.0);
    ViewSetWidth(&v, 2000.0);
    EXPECT_EQ(v.Start, At(2020));
    EXPECT_EQ(v.Span, 86400.0);
    EXPECT_EQ(v.Width, 2000.0);
    EXPECT_NEAR(ViewX(v, At(2020, 1, 1, 12)), 1000.0, 1e-9);
}

TEST(ViewTest, SetRange)
{
    View v;
    ViewSetRange(&v, At(2020), At(2021));
    EXPECT_EQ(v.Start, At(2020));
    EXPECT_DOUBLE_EQ(v.Span, 366.0 * 86400.0);
    EXPECT_EQ(ViewEnd(v), At(2021));

    // Too small a range is widened to the minimum span around its centre.
    Instant a = At(2020, 8, 21, 9, 30, 0, 100), b = At(2020, 8, 21, 9, 30, 0, 300);
    ViewSetRange(&v, a, b);
    EXPECT_DOUBLE_EQ(v.Span, kMinSpanSeconds);
    EXPECT_NEAR(ViewX(v, At(2020, 8, 21, 9, 30, 0, 200)), v.Width / 2, 1e-6);

    // Too large a range is shrunk to the maximum span.
    ViewSetRange(&v, MinInstant(), MaxInstant());
    EXPECT_LE(v.Span, kMaxSpanSeconds);
    EXPECT_GE(v.Start, MinInstant());
}

TEST(ViewTest, ZoomKeepsAnchorFixed)
{
    const Instant starts[] = { At(2020, 8, 21), At(-13800000000LL), At(-499, 3, 15), At(1969, 7, 20, 20, 17) };
    const double spans[] = { 1.0, 3600.0, 86400.0, kYear, 100 * kYear, 1e6 * kYear, 1e9 * kYear };
    const double factors[] = { 0.5, 0.9, 0.1, 1.1, 2.0, 10.0 };
    const double anchors[] = { 0.0, 1.0, 320.5, 640.0, 1000.0, 1280.0 };
    for (Instant s : starts)
        for (double span : spans)
            for (double f : factors)
                for (double ax : anchors) {
                    View v = MakeView(s, span, 1280.0);
                    Instant under = ViewTime(v, ax);
                    double x0 = ViewX(v, under);  // ax up to nanosecond rounding
                    ViewZoom(&v, f, ax);
                    EXPECT_NEAR(v.Span, span * f, span * f * 1e-12);
                    // 1e-6 px, or half a nanosecond (Start is stored to the nanosecond) where that is more.
                    double tol = std::max(1e-6, 0.5e-9 / v.Span * v.Width * 1.001);
                    EXPECT_NEAR(ViewX(v, under), x0, tol) << "start " << s.sec << " span " << span << " factor " << f
                                                          << " anchor " << ax;
                }
}

TEST(ViewTest, ZoomInThenOutRestores)
{
    View v = MakeView(At(2020, 8, 21), 86400.0, 1280.0);
    View orig = v;
    Instant under = ViewTime(v, 400.0);
    for (int i = 0; i < 20; i++)
        ViewZoom(&v, 0.5, 400.0);
    // Each step may round Start by up to half a nanosecond.
    EXPECT_NEAR(ViewX(v, under), 400.0, std::max(1e-6, 20 * 0.5e-9 / v.Span * v.Width));
    for (int i = 0; i < 20; i++)
        ViewZoom(&v, 2.0, 400.0);
    EXPECT_NEAR(v.Span, orig.Span, 1e-6);
    EXPECT_NEAR(ToSeconds(v.Start - orig.Start), 0.0, 1e-6);
    EXPECT_NEAR(ViewX(v, under), 400.0, 1e-6);
}

TEST(ViewTest, ZoomClampsSpan)
{
    View v = MakeView(At(2020), 86400.0, 1280.0);
    for (int i = 0; i < 100; i++)
        ViewZoom(&v, 0.1, 640.0);
    EXPECT_DOUBLE_EQ(v.Span, kMinSpanSeconds);
    for (int i = 0; i < 100; i++)
        ViewZoom(&v, 10.0, 640.0);
    EXPECT_DOUBLE_EQ(v.Span, kMaxSpanSeconds);
    // Bad factors change nothing.
    View w = MakeView(At(2020), 86400.0, 1280.0);
    View before = w;
    ViewZoom(&w, 0.0, 10.0);
    ViewZoom(&w, -2.0, 10.0);
    ViewZoom(&w, NAN, 10.0);
    ViewZoom(&w, INFINITY, 10.0);
    EXPECT_EQ(w.Start, before.Start);
    EXPECT_EQ(w.Span, before.Span);
}

TEST(ViewTest, Pan)
{
    View v = MakeView(At(2020), 86400.0, 1000.0);
    Instant t = At(2020, 1, 1, 12);
    EXPECT_NEAR(ViewX(v, t), 500.0, 1e-9);
    ViewPan(&v, 100.0);  // content moves right
    EXPECT_NEAR(ViewX(v, t), 600.0, 1e-9);
    EXPECT_EQ(v.Start, At(2019, 12, 31, 21, 36));  // 100 px = 0.1 day earlier
    ViewPan(&v, -300.0);
    EXPECT_NEAR(ViewX(v, t), 300.0, 1e-9);
    EXPECT_EQ(v.Span, 86400.0);

    // Panning in deep time moves by exactly the pixel amount.
    View d = MakeView(At(-13800000000LL), 1e-6, 1000.0);
    Instant e = d.Start + MakeDuration(0, 500);
    EXPECT_NEAR(ViewX(d, e), 500.0, 1e-6);
    ViewPan(&d, 1.0);
    EXPECT_NEAR(ViewX(d, e), 501.0, 1e-6);
}

TEST(ViewTest, FitShowsRangeWithMargins)
{
    View v = MakeView(Instant(), 1.0, 1200.0);
    Instant a = At(1939, 9, 1), b = At(1945, 9, 2);
    const double m = 0.05;
    ViewFit(&v, a, b, m);
    double span = ToSeconds(b - a);
    EXPECT_NEAR(v.Span, span * (1 + 2 * m), span * 1e-12);
    double xa = ViewX(v, a), xb = ViewX(v, b);
    double expect_a = v.Width * m / (1 + 2 * m);
    EXPECT_NEAR(xa, expect_a, 1e-6);
    EXPECT_NEAR(xb, v.Width - expect_a, 1e-6);
    EXPECT_GT(xa, 0.0);
    EXPECT_LT(xb, v.Width);

    // No margin: exactly start..end.
    ViewFit(&v, a, b, 0.0);
    EXPECT_NEAR(ViewX(v, a), 0.0, 1e-6);
    EXPECT_NEAR(ViewX(v, b), v.Width, 1e-6);

    // Deep time.
    Instant c = At(-13800000000LL), d = At(-4500000000LL);
    ViewFit(&v, c, d, 0.1);
    EXPECT_NEAR(ViewX(v, c), v.Width * 0.1 / 1.2, 1e-6);
    EXPECT_NEAR(ViewX(v, d), v.Width * 1.1 / 1.2, 1e-6);

    // A single instant is shown in the middle.
    Instant one = At(2020, 8, 21, 12);
    ViewFit(&v, one, one, 0.1);
    EXPECT_GT(v.Span, 0.0);
    EXPECT_NEAR(ViewX(v, one), v.Width / 2, 1e-6);

    // A tiny range is widened to the minimum span around its centre.
    Instant p = At(2020, 8, 21, 12, 0, 0, 100), q = At(2020, 8, 21, 12, 0, 0, 101);
    ViewFit(&v, p, q, 0.1);
    EXPECT_DOUBLE_EQ(v.Span, kMinSpanSeconds);
    EXPECT_NEAR(ViewX(v, p), v.Width / 2 - v.Width / 2000.0, v.Width / 1000.0 + 1e-6);  // within 1 ns
}

TEST(ViewTest, ClampKeepsSpanWithinLimits)
{
    View v = MakeView(At(2020), 1e-12, 1280.0);
    ViewClamp(&v, At(1900), At(2100), 0.1);
    EXPECT_DOUBLE_EQ(v.Span, kMinSpanSeconds);
    v.Span = 1e30;
    ViewClamp(&v, At(1900), At(2100), 0.1);
    EXPECT_DOUBLE_EQ(v.Span, kMaxSpanSeconds);
    v.Span = NAN;
    ViewClamp(&v, At(1900), At(2100), 0.1);
    EXPECT_GE(v.Span, kMinSpanSeconds);
    EXPECT_LE(v.Span, kMaxSpanSeconds);
}

TEST(ViewTest, ClampLeavesAViewInsideAlone)
{
    View v = MakeView(At(1950), 10 * kYear, 1280.0);
    View before = v;
    ViewClamp(&v, At(1900), At(2100), 0.1);
    EXPECT_EQ(v.Start, before.Start);
    EXPECT_EQ(v.Span, before.Span);
}

TEST(ViewTest, ClampBringsContentBack)
{
    const Instant lo = At(1900), hi = At(2100);
    const double m = 0.1;
    // Scrolled far to the left of the content.
    View v = MakeView(At(1000), 10 * kYear, 1280.0);
    ViewClamp(&v, lo, hi, m);
    EXPECT_DOUBLE_EQ(v.Span, 10 * kYear);
    EXPECT_GT(ViewX(v, lo), -1e-6);           // the view does not start more than ...
    EXPECT_LE(ViewX(v, lo), v.Width + 1e-6);  // ... and some content is visible
    // Scrolled far to the right.
    v = MakeView(At(3000), 10 * kYear, 1280.0);
    ViewClamp(&v, lo, hi, m);
    EXPECT_GE(ViewX(v, hi), -1e-6);
    EXPECT_LT(ViewX(v, hi), v.Width + 1e-6);
}

// view.h: "Keeps the view inside [lo, hi] widened by margin_fraction of the view on each side". For content wider than
// the view, the view (Start .. End) must lie within [lo - m*Span, hi + m*Span].
TEST(ViewTest, ClampKeepsViewInsideWidenedContent)
{
    const Instant lo = At(1900), hi = At(2100);
    const double m = 0.1;
    const double span = 10 * kYear;
    View v = MakeView(At(1000), span, 1000.0);
    ViewClamp(&v, lo, hi, m);
    // Start may be at most m*Span before lo: lo sits at x = m * Width = 100 px.
    EXPECT_NEAR(ViewX(v, lo), m * v.Width, 1e-6);

    v = MakeView(At(3000), span, 1000.0);
    ViewClamp(&v, lo, hi, m);
    // End may be at most m*Span after hi: hi sits at x = (1 - m) * Width = 900 px.
    EXPECT_NEAR(ViewX(v, hi), (1 - m) * v.Width, 1e-6);
}

TEST(ViewTest, ClampStaysRepresentable)
{
    View v = MakeView(MinInstant() - MakeDuration(1000000, 0), 1e6 * kYear, 1280.0);
    ViewClamp(&v, MinInstant(), MaxInstant(), 0.5);
    EXPECT_GE(v.Start, MinInstant());
    v = MakeView(MaxInstant(), 1e6 * kYear, 1280.0);
    ViewClamp(&v, MinInstant(), MaxInstant(), 0.5);
    EXPECT_LE(ViewEnd(v), MaxInstant());
}

// The point of a view-relative transform: a 1 us view 13.8 billion years before 1970 still resolves nanoseconds.
TEST(ViewTest, NoJitterInDeepTime)
{
    View v;
    v.Start = Instant() - DurationFromSeconds(13.8e9 * kYear);
    v.Start = MakeInstant(v.Start.sec, 123456789);  // not second-aligned, to be sure
    v.Span = 1e-6;
    v.Width = 1280.0;
    EXPECT_LT(v.Start.sec, -435000000000000000LL);
    const double step = v.Width / 1000.0;
    double prev = ViewX(v, v.Start);
    EXPECT_NEAR(prev, 0.0, 1e-9);
    for (int i = 1; i <= 1000; i++) {
        Instant t = v.Start + MakeDuration(0, i);
        double x = ViewX(v, t);
        EXPECT_NEAR(x, i * step, 1e-6) << i;
        EXPECT_NEAR(x - prev, step, 1e-6) << i;
        prev = x;
    }
    // The same after zooming and panning in place.
    ViewPan(&v, -640.0);
    ViewZoom(&v, 1.0, 0.0);
    Instant base = ViewTime(v, 0.0);
    for (int i = 0; i < 1000; i++) {
        double a = ViewX(v, base + MakeDuration(0, i));
        double b = ViewX(v, base + MakeDuration(0, i + 1));
        EXPECT_NEAR(b - a, step, 1e-6) << i;
    }
}

// ------------------------------------------------------------------------------------------------ log scale

namespace {

const Instant kPresent = At(2026, 11, 29, 18, 0, 0);

View LogView(Instant start, Instant end, double width = 1280.0)
{
    View v;
    v.Width = width;
    v.Scale = TimeScale_Log;
    v.Present = kPresent;
    ViewSetRange(&v, start, end);
    return v;
}

Instant Ago(double seconds) { return kPresent - DurationFromSeconds(seconds); }

// The ages the log axis is for, from the Big Bang to a second ago.
const double kAges[] = { 13.8e9 * kYear, 4.54e9 * kYear, 1e9 * kYear, 66e6 * kYear, 1e6 * kYear, 300e3 * kYear,
                         1e4 * kYear, 1000 * kYear, 100 * kYear, 57.4 * kYear, 10 * kYear, kYear, 30 * 86400.0,
                         86400.0, 3600.0, 60.0, 2.0, 1.0 };

}  // namespace

TEST(ViewLogTest, XAndTimeRoundTripFromTheBigBangToASecond)
{
    // the whole range on one axis, then a narrow view around each age
    std::vector<View> views = { LogView(Ago(13.8e9 * kYear * 1.1), Ago(1.0)) };
    for (double a : kAges)
        for (double ratio : { 10.0, 1.01, 1.0 + 1e-5 })
            if (a * ratio > a * (1.0 + 1e-9))
                views.push_back(LogView(Ago(a * ratio), Ago(std::max(a / ratio, 1.0))));
    for (const View& v : views) {
        ASSERT_EQ(v.Scale, TimeScale_Log);
        for (double a : kAges) {
            Instant t = Ago(a);
            double x = ViewX(v, t);
            if (x < -2 * v.Width || x > 3 * v.Width)
                continue;
            Instant back = ViewTime(v, x);
            // double precision relative to the age (the coordinate is a logarithm), and a nanosecond
            EXPECT_NEAR(ToSeconds(back - t), 0.0, a * 1e-13 + 1e-9) << "age " << a << " s, view span " << v.Span;
            // and the other way: x -> time -> x
            for (double px : { 0.0, 1.0, 333.3, 640.0, 1279.5, v.Width }) {
                Instant u = ViewTime(v, px);
                EXPECT_NEAR(ViewX(v, u), px, 1e-6 + 1e-9 / (ViewAge(v, u) * v.Span) * v.Width) << "x " << px;
            }
        }
        EXPECT_EQ(ViewTime(v, 0.0), v.Start);
    }
}

TEST(ViewLogTest, XGrowsTowardThePresent)
{
    View v = LogView(Ago(13.8e9 * kYear * 1.1), Ago(1.0));
    double prev = -1e300;
    int n = 0;
    for (double a = 13.8e9 * kYear; a >= 1.0; a /= 1.01, n++) {
        double x = ViewX(v, Ago(a));
        EXPECT_GT(x, prev) << "age " << a;
        prev = x;
    }
    EXPECT_GT(n, 4000);
    // a decade is as wide at 1 Ga as at 10 years: equal factors of age, equal widths
    double d_ga = ViewX(v, Ago(1e8 * kYear)) - ViewX(v, Ago(1e9 * kYear));
    double d_yr = ViewX(v, Ago(1 * kYear)) - ViewX(v, Ago(10 * kYear));
    EXPECT_NEAR(d_ga, d_yr, 1e-6);
    // the present and after sit at the youngest age, the axis's right end (here the view's right edge)
    EXPECT_NEAR(ViewX(v, kPresent), v.Width, 1e-6);
    EXPECT_NEAR(ViewX(v, kPresent + DurationFromSeconds(1e9)), v.Width, 1e-6);
    EXPECT_EQ(ViewEnd(v), ViewYoungest(v));
}

TEST(ViewLogTest, ZoomAboutAPointKeepsThatPoint)
{
    const double factors[] = { 0.5, 0.82, 0.1, 1.22, 2.0, 10.0 };
    const double anchors[] = { 0.0, 1.0, 320.5, 640.0, 1000.0, 1280.0 };
    for (double a : kAges)
        for (double ratio : { 1e4, 3.0, 1.001 })
            for (double f : factors)
                for (double ax : anchors) {
                    View v = LogView(Ago(a * ratio), Ago(std::max(a / ratio, 1.0)));
                    Instant under = ViewTime(v, ax);
                    double x0 = ViewX(v, under);
                    double span = v.Span;
                    // (the oldest representable instant is 1e11 years ago: zooms whose left edge would be older
                    // cannot keep the point)
                    double start_age = ViewAge(v, under) * std::exp(ax / v.Width * std::min(span * f, kMaxLogSpan));
                    if (ViewAge(v, v.Start) > 9e10 * kYear || start_age > 9e10 * kYear)
                        continue;
                    ViewZoom(&v, f, ax);
                    EXPECT_NEAR(v.Span, std::min(span * f, kMaxLogSpan), span * f * 1e-12);
                    // a nanosecond's worth (the instant under the anchor is rounded to one) at the finer of the two scales
                    double tol = 1e-6 + 1e-9 / (ViewAge(v, under) * std::min(span, v.Span)) * v.Width;
                    EXPECT_NEAR(ViewX(v, under), x0, tol) << "age " << a << " factor " << f << " anchor " << ax;
                }
}

TEST(ViewLogTest, PanIsContinuous)
{
    for (double a : kAges) {
        View v = LogView(Ago(a * 100.0), Ago(std::max(a / 100.0, 1.0)));
        View one = v, steps = v;
        Instant t = Ago(a);
        double x = ViewX(v, t);
        ViewPan(&one, -300.0);
        for (int i = 0; i < 30; i++)
            ViewPan(&steps, -10.0);
        double tol = 1e-6 + 30e-9 / (a * v.Span) * v.Width;
        EXPECT_NEAR(ViewX(one, t), x - 300.0, tol) << "age " << a;
        EXPECT_NEAR(ViewX(steps, t), x - 300.0, tol) << "age " << a;
        EXPECT_NEAR(ToSeconds(steps.Start - one.Start), 0.0, ViewAge(v, one.Start) * 1e-12 + 30e-9);
        EXPECT_EQ(one.Span, v.Span);  // a pan does not zoom
        ViewPan(&one, 300.0);
        EXPECT_NEAR(ToSeconds(one.Start - v.Start), 0.0, ViewAge(v, v.Start) * 1e-12 + 1e-9);
    }
}

TEST(ViewLogTest, SetRangeShowsThatWindow)
{
    Instant a = At(-66000000), b = At(1969, 7, 20, 20, 17);
    View v = LogView(a, b);
    EXPECT_EQ(v.Start, a);
    // (the end comes back through the span, a logarithm: to double precision relative to its age, 57 years)
    EXPECT_NEAR(ToSeconds(ViewEnd(v) - b), 0.0, ViewAge(v, b) * 1e-14);
    EXPECT_GE(ViewEnd(v), b);  // never before: printed at any precision, it reads as b
    for (int y = 1900; y < 2026; y += 7) {
        View u = LogView(At(-4500000000LL, 6, 1), At(y, 7, 20, 12, 30));
        EXPECT_GE(ViewEnd(u), At(y, 7, 20, 12, 30)) << y;
        EXPECT_LT(ToSeconds(ViewEnd(u) - At(y, 7, 20, 12, 30)), 1e-3) << y;
    }
    EXPECT_NEAR(ViewX(v, b), v.Width, 1e-9);
    // a window reaching past the present ends at the youngest age
    View w = LogView(a, kPresent + DurationFromSeconds(86400.0));
    EXPECT_EQ(w.Start, a);
    EXPECT_EQ(ViewEnd(w), ViewYoungest(w));
    // a window wholly after the youngest age: the axis's last microsecond e-fold, ending at it
    View z = LogView(kPresent, kPresent + DurationFromSeconds(10.0));
    EXPECT_EQ(z.Span, kMinLogSpan);
    EXPECT_EQ(ViewEnd(z), ViewYoungest(z));
}

TEST(ViewLogTest, FitAndClampStayBeforeThePresent)
{
    View v = LogView(At(2000), At(2001));
    Instant lo = At(-13800000000LL), hi = At(2021, 12, 25);
    ViewFit(&v, lo, hi, 0.05);
    double span = std::log(ToSeconds(kPresent - lo) / ToSeconds(kPresent - hi));
    EXPECT_NEAR(v.Span, span * 1.1, 1e-9);
    EXPECT_NEAR(ViewX(v, lo), v.Width * 0.05 / 1.1, 1e-6);
    EXPECT_NEAR(ViewX(v, hi), v.Width * 1.05 / 1.1, 1e-6);
    // zooming out and panning toward the present never take the view past its youngest age
    for (int i = 0; i < 50; i++) {
        ViewZoom(&v, 1.3, 1280.0);
        ViewPan(&v, -400.0);
        ViewClamp(&v, lo, kPresent, 0.08);
        EXPECT_GE(ViewAge(v, ViewEnd(v)), kMinAgeSeconds * (1 - 1e-9));
        EXPECT_LE(v.Span, kMaxLogSpan);
        EXPECT_GE(ViewOffset(v, v.Start, ViewYoungest(v)), v.Span * (1 - 1e-9));
    }
    // nor before the content, beyond its margin
    View w = LogView(At(-90000000000LL), At(-80000000000LL));
    ViewClamp(&w, lo, kPresent, 0.08);
    EXPECT_NEAR(ViewOffset(w, w.Start, lo), w.Span * 0.08, 1e-9);
    // the span stays within limits
    w.Span = 1e-12;
    ViewClamp(&w, lo, kPresent, 0.08);
    EXPECT_EQ(w.Span, kMinLogSpan);
}

TEST(ViewLogTest, SwitchingScaleKeepsTheWindow)
{
    View v = MakeView(At(1900), 100 * kYear, 1280.0);
    v.Present = kPresent;
    Instant a = v.Start, b = ViewEnd(v);
    ViewSetScale(&v, TimeScale_Log);
    EXPECT_EQ(v.Scale, TimeScale_Log);
    EXPECT_EQ(v.Start, a);
    EXPECT_NEAR(ToSeconds(ViewEnd(v) - b), 0.0, 1e-6);
    ViewSetScale(&v, TimeScale_Linear);
    EXPECT_EQ(v.Start, a);
    EXPECT_NEAR(ToSeconds(ViewEnd(v) - b), 0.0, 1e-6);
    EXPECT_NEAR(v.Span, 100 * kYear, 1e-3);
}
