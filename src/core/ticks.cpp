// Chronoscope core: axis ticks (see ticks.h).
#include "core/ticks.h"

#include "core/format.h"

#include <cmath>
#include <cstdio>

namespace chronoscope {

static const double kYear = 365.2425 * 86400.0;

static std::vector<TickStep> BuildLadder()
{
    std::vector<TickStep> l;
    // 1 ns .. 500 ms on the 1-2-5 ladder
    for (int64_t d = 1; d <= 100000000; d *= 10) {
        l.push_back({ TickUnit_Nanosecond, d, d * 1e-9 });
        l.push_back({ TickUnit_Nanosecond, d * 2, d * 2e-9 });
        l.push_back({ TickUnit_Nanosecond, d * 5, d * 5e-9 });
    }
    for (int64_t s : { 1, 2, 5, 10, 15, 30 }) l.push_back({ TickUnit_Second, s, (double)s });
    for (int64_t m : { 1, 2, 5, 10, 15, 30 }) l.push_back({ TickUnit_Minute, m, m * 60.0 });
    for (int64_t h : { 1, 3, 6, 12 }) l.push_back({ TickUnit_Hour, h, h * 3600.0 });
    for (int64_t d : { 1, 2, 7 }) l.push_back({ TickUnit_Day, d, d * 86400.0 });
    for (int64_t m : { 1, 3, 6 }) l.push_back({ TickUnit_Month, m, m * kYear / 12.0 });
    for (int64_t y = 1; y <= 10000000000LL; y *= 10) {
        l.push_back({ TickUnit_Year, y, y * kYear });
        l.push_back({ TickUnit_Year, y * 2, y * 2 * kYear });
        l.push_back({ TickUnit_Year, y * 5, y * 5 * kYear });
    }
    return l;
}

static const std::vector<TickStep>& Ladder()
{
    static const std::vector<TickStep> l = BuildLadder();
    return l;
}

TickStep TickStepFor(double min_seconds)
{
    const std::vector<TickStep>& l = Ladder();
    for (const TickStep& s : l)
        if (s.ApproxSeconds >= min_seconds)
            return s;
    return l.back();
}

static TickStep StepBelow(const TickStep& s)
{
    const std::vector<TickStep>& l = Ladder();
    // minor ticks: a step that divides the major one into 2..10 parts
    for (size_t i = l.size(); i-- > 0;) {
        const TickStep& c = l[i];
        if (c.ApproxSeconds >= s.ApproxSeconds)
            continue;
        double parts = s.ApproxSeconds / c.ApproxSeconds;
        if (parts >= 2.0 && parts <= 12.5) {
            bool divides = (c.Unit == s.Unit) ? (s.Step % c.Step == 0) : true;
            if (s.Unit == TickUnit_Month && c.Unit == TickUnit_Day)
                divides = false;  // days do not divide months evenly
            if (s.Unit == TickUnit_Day && s.Step == 2 && c.Unit == TickUnit_Hour && c.Step == 12)
                divides = true;
            if (divides)
                return c;
        }
    }
    return s;
}

static int64_t FloorDiv(int64_t a, int64_t b) { int64_t q = a / b; return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q; }

std::string TickLabel(Instant t, const TickStep& step)
{
    CivilTime c = CivilFromInstant(t);
    char buf[64];
    switch (step.Unit) {
    case TickUnit_Year:
        if (c.year < kDeepTimeYear || step.Step >= 100000) {
            // ages: as many significant digits as the step needs ("13.8 Ga", "13.75 Ga")
            double age = -(double)c.year;
            if (age <= 0.0 && step.Step >= 100000) {
                if (c.year == 0 || c.year == 1) return "0";
                return FormatYear(c.year);
            }
            double mag = age >= 1e9 ? 1e9 : age >= 1e6 ? 1e6 : 1e3;
            int decimals = 0;
            double unit = (double)step.Step / mag;
            while (unit < 0.999 && decimals < 6) { unit *= 10.0; decimals++; }
            int whole_digits = (int)std::floor(std::log10(std::max(1.0, age / mag))) + 1;
            return FormatAge(age, whole_digits + decimals);
        }
        return FormatYear(c.year);
    case TickUnit_Month:
        if (c.month == 1)
            return FormatYear(c.year);
        return MonthShortName(c.month);
    case TickUnit_Day:
        snprintf(buf, sizeof(buf), "%d %s", c.day, MonthShortName(c.month));
        if (c.day == 1 && c.month == 1)
            return FormatYear(c.year);
        return buf;
    case TickUnit_Hour:
    case TickUnit_Minute:
        if (c.hour == 0 && c.minute == 0) {
            snprintf(buf, sizeof(buf), "%d %s", c.day, MonthShortName(c.month));
            return buf;
        }
        snprintf(buf, sizeof(buf), "%02d:%02d", c.hour, c.minute);
        return buf;
    case TickUnit_Second:
        snprintf(buf, sizeof(buf), "%02d:%02d:%02d", c.hour, c.minute, c.second);
        return buf;
    case TickUnit_Nanosecond:
    default:
        if (step.Step >= 1000000)
            snprintf(buf, sizeof(buf), "%02d:%02d:%02d.%03d", c.hour, c.minute, c.second, (int)(c.nsec / 1000000));
        else if (step.Step >= 1000)
            snprintf(buf, sizeof(buf), "%02d:%02d:%02d.%06d", c.hour, c.minute, c.second, (int)(c.nsec / 1000));
        else
            snprintf(buf, sizeof(buf), "%02d:%02d:%02d.%09d", c.hour, c.minute, c.second, (int)c.nsec);
        return buf;
    }
}

static std::string ContextFor(Instant t, const TickStep& step)
{
    CivilTime c = CivilFromInstant(t);
    switch (step.Unit) {
    case TickUnit_Month: return "";
    case TickUnit_Day: return FormatYear(c.year);
    case TickUnit_Hour:
    case TickUnit_Minute:
    case TickUnit_Second:
    case TickUnit_Nanosecond: return FormatInstant(t, Precision_Day);
    default: return "";
    }
}

// First tick at or before t for the step; then Next() advances one step.
static Instant Align(Instant t, const TickStep& s)
{
    CivilTime c = CivilFromInstant(t);
    switch (s.Unit) {
    case TickUnit_Nanosecond: {
        int64_t ns = (int64_t)t.nsec - (int64_t)t.nsec % s.Step;
        return MakeInstant(t.sec, ns);
    }
    case TickUnit_Second: return MakeInstant(FloorDiv(t.sec, s.Step) * s.Step, 0);
    case TickUnit_Minute: return MakeInstant(FloorDiv(t.sec, s.Step * 60) * s.Step * 60, 0);
    case TickUnit_Hour: return MakeInstant(FloorDiv(t.sec, s.Step * 3600) * s.Step * 3600, 0);
    case TickUnit_Day: {
        int64_t day = FloorDiv(t.sec, 86400);
        if (s.Step == 7)  // weeks start on Monday; 1970-01-05 was a Monday
            day = FloorDiv(day - 4, 7) * 7 + 4;
        else
            day = FloorDiv(day, s.Step) * s.Step;
        return MakeInstant(day * 86400, 0);
    }
    case TickUnit_Month: {
        CivilTime a;
        a.year = c.year;
        a.month = (int)((c.month - 1) / s.Step * s.Step) + 1;
        return InstantFromCivil(a);
    }
    case TickUnit_Year:
    default: {
        CivilTime a;
        int64_t y = c.year;
        if (y <= 0 && s.Step > 1 && s.Step < 100000) {
            // BCE: multiples of the step in historical years: 500 BCE is astronomical -499
            int64_t bce = 1 - y;
            int64_t k = (bce + s.Step - 1) / s.Step * s.Step;  // next multiple at or before t
            a.year = 1 - k;
        } else {
            a.year = FloorDiv(y, s.Step) * s.Step;
        }
        if (a.year < kMinYear) a.year = kMinYear;
        return InstantFromCivil(a);
    }
    }
}

static Instant Next(Instant t, const TickStep& s)
{
    switch (s.Unit) {
    case TickUnit_Nanosecond: return t + MakeDuration(0, s.Step);
    case TickUnit_Second: return t + MakeDuration(s.Step, 0);
    case TickUnit_Minute: return t + MakeDuration(s.Step * 60, 0);
    case TickUnit_Hour: return t + MakeDuration(s.Step * 3600, 0);
    case TickUnit_Day: return t + MakeDuration(s.Step * 86400, 0);
    case TickUnit_Month: {
        CivilTime c = CivilFromInstant(t);
        int m = c.month - 1 + (int)s.Step;
        CivilTime a;
        a.year = c.year + m / 12;
        a.month = m % 12 + 1;
        return InstantFromCivil(a);
    }
    case TickUnit_Year:
    default: {
        CivilTime c = CivilFromInstant(t);
        CivilTime a;
        if (c.year <= 0 && s.Step > 1 && s.Step < 100000) {
            int64_t bce = 1 - c.year;
            int64_t nb = bce - s.Step;
            a.year = nb >= 1 ? 1 - nb : s.Step;  // after the last BCE multiple comes the first CE one
        } else {
            a.year = c.year + s.Step;
        }
        if (a.year > kMaxYear) return MaxInstant();
        return InstantFromCivil(a);
    }
    }
}

void ComputeTicks(const View& v, float min_label_px, TickSet* out)
{
    out->Ticks.clear();
    out->Context.clear();
    double sec_per_px = v.Span / v.Width;
    // finer units print longer labels: give them more room
    TickStep major = TickStepFor(min_label_px * sec_per_px);
    if (major.Unit == TickUnit_Nanosecond && major.Step < 1000000)
        major = TickStepFor(min_label_px * 1.6 * sec_per_px);
    else if (major.Unit == TickUnit_Nanosecond || major.Unit == TickUnit_Second)
        major = TickStepFor(min_label_px * 1.25 * sec_per_px);
    TickStep minor = StepBelow(major);
    if (minor.ApproxSeconds / sec_per_px < 7.0)
        minor = major;
    out->MajorStep = major;
    out->MinorStep = minor;
    Instant end = ViewEnd(v);
    out->Context = ContextFor(v.Start + DurationFromSeconds(v.Span * 0.5), major);

    Instant t = Align(v.Start, minor);
    int guard = 0;
    Instant prev_major;
    bool have_prev = false;
    while (t <= end && guard++ < 4096) {
        double x = ViewX(v, t);
        Tick tk;
        tk.Time = t;
        tk.X = x;
        Instant am = Align(t, major);
        tk.Major = (am == t);
        if (tk.Major) {
            tk.Label = TickLabel(t, major);
            have_prev = true;
            prev_major = t;
        }
        if (x >= -1.0)
            out->Ticks.push_back(tk);
        Instant n = Next(t, minor);
        if (!(t < n))
            break;
        t = n;
    }
    (void)have_prev;
    (void)prev_major;
}

} // namespace chronoscope
