// Chronoscope core: axis ticks (see ticks.h).
#include "core/ticks.h"

#include "core/format.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
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


// A deep-time year as an age with as many significant digits as a step of step_years needs ("13.8 Ga", "13.75 Ga").
static std::string DeepYearLabel(int64_t year, int64_t step_years, const Locale& loc)
{
    double age = -(double)year;
    double mag = age >= 1e9 ? 1e9 : age >= 1e6 ? 1e6 : 1e3;
    int decimals = 0;
    double unit = (double)step_years / mag;
    while (unit < 0.999 && decimals < 9) { unit *= 10.0; decimals++; }
    int whole_digits = (int)std::floor(std::log10(std::max(1.0, age / mag))) + 1;
    return FormatAge(age, whole_digits + decimals, loc);
}

std::string TickLabel(Instant t, const TickStep& step, const Locale& loc)
{
    CivilTime c = CivilFromInstant(t);
    char buf[64];
    auto day_month = [&]() {
        if (loc.English) {
            snprintf(buf, sizeof(buf), "%d %s", c.day, MonthShortName(c.month));
            return std::string(buf);
        }
        std::string v[4] = { loc.MonthShort[c.month - 1], loc.MonthShortAlone[c.month - 1], LocaleInteger(loc, c.day, false),
                             LocaleInteger(loc, c.month, false) };
        return ApplyPattern(loc.Pattern[LocalePattern_DayMonth], "MLdo", v);
    };
    auto clock = [&](const char* fmt, int pattern) {
        if (loc.English || pattern < 0) {
            snprintf(buf, sizeof(buf), fmt, c.hour, c.minute, c.second, 0);
            return LocaleDigits(loc, buf);
        }
        snprintf(buf, sizeof(buf), "%02d", c.hour);
        std::string v[3] = { LocaleDigits(loc, buf), "", "" };
        snprintf(buf, sizeof(buf), "%02d", c.minute);
        v[1] = LocaleDigits(loc, buf);
        snprintf(buf, sizeof(buf), "%02d", c.second);
        v[2] = LocaleDigits(loc, buf);
        return ApplyPattern(loc.Pattern[pattern], "Hms", v);
    };
    switch (step.Unit) {
    case TickUnit_Year:
        if (c.year < kDeepTimeYear || step.Step >= 100000) {
            if (c.year >= 0 && step.Step >= 100000) {
                if (c.year == 0 || c.year == 1) return LocaleDigits(loc, "0");
                return FormatYear(c.year, loc);
            }
            return DeepYearLabel(c.year, step.Step, loc);
        }
        return FormatYear(c.year, loc);
    case TickUnit_Month:
        if (c.month == 1)
            return c.year < kDeepTimeYear ? DeepYearLabel(c.year, 1, loc) : FormatYear(c.year, loc);  // deep time: to the year
        return MonthTickName(c.month, loc);
    case TickUnit_Day:
        if (c.day == 1 && c.month == 1)
            return FormatYear(c.year, loc);
        return day_month();
    case TickUnit_Hour:
    case TickUnit_Minute:
        if (c.hour == 0 && c.minute == 0)
            return day_month();
        return clock("%02d:%02d", LocalePattern_TimeMinute);
    case TickUnit_Second:
        return clock("%02d:%02d:%02d", LocalePattern_TimeSecond);
    case TickUnit_Nanosecond:
    default: {
        std::string hms = clock("%02d:%02d:%02d", LocalePattern_TimeSecond);
        if (step.Step >= 1000000)
            snprintf(buf, sizeof(buf), ".%03d", (int)(c.nsec / 1000000));
        else if (step.Step >= 1000)
            snprintf(buf, sizeof(buf), ".%06d", (int)(c.nsec / 1000));
        else
            snprintf(buf, sizeof(buf), ".%09d", (int)c.nsec);
        return hms + LocaleDigits(loc, buf);
    }
    }
}

// The unit of the second row's spans for ticks of a step: the year over months, the month over days, the day over
// hours and finer; TickUnit_Nanosecond (none) over years, and over months 6 apart: there every year's January tick
// names its year already, as every second tick does.
static TickUnit SpanUnit(const TickStep& step)
{
    switch (step.Unit) {
    case TickUnit_Month: return step.Step <= 3 ? TickUnit_Year : TickUnit_Nanosecond;
    case TickUnit_Day: return TickUnit_Month;
    case TickUnit_Hour:
    case TickUnit_Minute:
    case TickUnit_Second:
    case TickUnit_Nanosecond: return TickUnit_Day;
    default: return TickUnit_Nanosecond;   // none
    }
}

static std::string SpanLabel(Instant t, TickUnit unit, const Locale& loc)
{
    switch (unit) {
    case TickUnit_Year: return FormatYear(CivilFromInstant(t).year, loc);
    case TickUnit_Month: return FormatInstant(t, Precision_Month, loc);
    default: return FormatInstant(t, Precision_Day, loc);
    }
}

static std::string ContextFor(Instant t, const TickStep& step, const Locale& loc)
{
    TickUnit u = SpanUnit(step);
    if (u == TickUnit_Nanosecond || CivilFromInstant(t).year < kDeepTimeYear)
        return "";
    return SpanLabel(t, u, loc);
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

// The calendar step for labels min_label_px apart at sec_per_px: finer units print longer labels, so they get more room.
static TickStep MajorStepFor(double min_label_px, double sec_per_px)
{
    TickStep major = TickStepFor(min_label_px * sec_per_px);
    if (major.Unit == TickUnit_Nanosecond && major.Step < 1000000)
        major = TickStepFor(min_label_px * 1.6 * sec_per_px);
    else if (major.Unit == TickUnit_Nanosecond || major.Unit == TickUnit_Second)
        major = TickStepFor(min_label_px * 1.25 * sec_per_px);
    return major;
}

static void ComputeLogTicks(const View& v, float min_label_px, TickSet* out, const Locale& loc);

static void ComputeSpans(const View& v, const TickStep& major, const Locale& loc, TickSet* out);

void ComputeTicks(const View& view, float min_label_px, TickSet* out, const Locale& loc, int offset_sec)
{
    out->Ticks.clear();
    out->Context.clear();
    out->Spans.clear();
    if (view.Scale == TimeScale_Log) {
        ComputeLogTicks(view, min_label_px, out, loc);
        return;
    }
    // Ticks are computed on the local wall clock (the view moved by the offset), then moved back to UTC: the X of a
    // tick is the same either way.
    View v = view;
    const Duration shift = MakeDuration(offset_sec, 0);
    if (offset_sec)
        v.Start = v.Start + shift;
    double sec_per_px = v.Span / v.Width;
    TickStep major = MajorStepFor(min_label_px, sec_per_px);
    TickStep minor = StepBelow(major);
    if (minor.ApproxSeconds / sec_per_px < 7.0)
        minor = major;
    out->MajorStep = major;
    out->MinorStep = minor;
    out->MinorPx = minor.ApproxSeconds / v.Span * v.Width;
    Instant end = ViewEnd(v);
    out->Context = ContextFor(v.Start, major, loc);
    ComputeSpans(v, major, loc, out);

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
            tk.Label = TickLabel(t, major, loc);
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
    if (offset_sec) {
        for (Tick& tk : out->Ticks)
            tk.Time = tk.Time - shift;
        for (TickSpan& sp : out->Spans)
            sp.Time = sp.Time - shift;
    }
}

static void ComputeSpans(const View& v, const TickStep& major, const Locale& loc, TickSet* out)
{
    const TickUnit unit = SpanUnit(major);
    if (unit == TickUnit_Nanosecond || CivilFromInstant(v.Start).year < kDeepTimeYear)
        return;
    const TickStep step = { unit, 1, 0.0 };
    const Instant end = ViewEnd(v);
    int guard = 0;
    for (Instant t = Align(v.Start, step); t <= end && guard++ < 512;) {
        Instant n = Next(t, step);
        TickSpan sp;
        sp.X0 = ViewX(v, t);
        sp.X1 = ViewX(v, n);
        sp.Time = t;
        sp.Label = SpanLabel(t, unit, loc);
        out->Spans.push_back(sp);
        if (!(t < n))
            break;
        t = n;
    }
}

// ------------------------------------------------------------------------------------------------ log scale

// A stretch of a log axis between two anchor ages, youngest first: [From, To) seconds of age, counted in Unit. Ticks
// inside it are at multiples of Counts[i] units (ascending).
struct AgeRegion {
    double               From, To, Unit;
    const char*          Name;     // "hour" ("3 hours ago"); null for years (FormatAge: "2,500 years ago", "20 Ma")
    std::vector<int64_t> Counts;
};

static const std::vector<AgeRegion>& AgeRegions()
{
    static const std::vector<AgeRegion> regions = [] {
        const double month = kYear / 12.0;
        std::vector<AgeRegion> r = {
            { 1.0, 60.0, 1.0, "second", { 1, 2, 5, 10, 15, 30 } },
            { 60.0, 3600.0, 60.0, "minute", { 1, 2, 5, 10, 15, 30 } },
            { 3600.0, 86400.0, 3600.0, "hour", { 1, 2, 3, 6, 12 } },
            { 86400.0, 7 * 86400.0, 86400.0, "day", { 1, 2, 3 } },
            { 7 * 86400.0, month, 7 * 86400.0, "week", { 1, 2 } },
            { month, kYear, month, "month", { 1, 2, 3, 6 } },
        };
        int64_t p = 1;
        for (int k = 0; k <= 10; k++, p *= 10) {
            AgeRegion y = { (double)p * kYear, (double)p * 10.0 * kYear, kYear, nullptr, {} };
            for (int64_t q = 1; q <= p; q *= 10)
                for (int64_t m : { 1, 2, 5 })
                    y.Counts.push_back(m * q);
            r.push_back(y);
        }
        return r;
    }();
    return regions;
}

// The label of an age that is a multiple of `count` units of a region.
static std::string AgeLabel(const AgeRegion& r, double units, int64_t count, const Locale& loc)
{
    if (r.Name)
        return FormatAgeIn(units, r.Name, loc);
    int digits = (int)std::floor(std::log10(units) + 1e-9) - (int)std::floor(std::log10((double)count) + 1e-9) + 1;
    return FormatAge(units, digits < 1 ? 1 : digits, loc);
}

// Labels read as ages take more room than "10 ka" or a date
static double AgeRoom(const AgeRegion& r, double min_label_px)
{
    return (r.Name || r.From < 1e4 * kYear) ? min_label_px * 1.2 : min_label_px;
}

static void ComputeLogTicks(const View& v, float min_label_px, TickSet* out, const Locale& loc)
{
    const double W = v.Width, k = W / v.Span;  // pixels per e-fold
    const double a_left = ViewAge(v, v.Start), a_right = ViewAge(v, ViewEnd(v));
    out->MajorStep = { TickUnit_Year, 1, kYear };
    out->MinorStep = out->MajorStep;
    struct Placed { double X, Room; };
    std::vector<Placed> placed;  // labelled, by x
    std::vector<Tick> majors, minors;
    auto at_age = [&](double seconds) { return v.Present - DurationFromSeconds(seconds); };
    // A labelled tick where its label keeps clear of every label placed so far, else an unlabelled one.
    auto place = [&](Instant t, const std::string& label, double room) {
        double x = ViewX(v, t);
        if (!(x >= -1.0 && x <= W + 1.0))
            return;
        Tick tk;
        tk.Time = t;
        tk.X = x;
        size_t i = 0;
        while (i < placed.size() && placed[i].X < x)
            i++;
        bool clear = (i == 0 || x - placed[i - 1].X >= (room + placed[i - 1].Room) * 0.5 - 1e-6) &&
                     (i == placed.size() || placed[i].X - x >= (room + placed[i].Room) * 0.5 - 1e-6);
        if (clear) {
            placed.insert(placed.begin() + (std::ptrdiff_t)i, Placed{ x, room });
            tk.Major = true;
            tk.Label = label;
            majors.push_back(tk);
        } else {
            tk.Major = false;
            minors.push_back(tk);
        }
    };

    // 1. Anchors: powers of ten of years, every n-th one when a decade is narrower than a label; then the anchors of
    //    the units under a year, oldest first (a month wins over the week next to it); then the other powers of ten
    //    where they fit
    const std::vector<AgeRegion>& regions = AgeRegions();
    const double decade_px = k * std::log(10.0);
    int n = 1;
    for (int c : { 1, 2, 3, 6, 9, 12 }) {
        n = c;
        if (c * decade_px >= min_label_px)
            break;
    }
    const size_t first_year = 6;  // regions[6] starts at one year
    for (int pass = 0; pass < 3; pass++) {
        for (size_t ri = 0; ri < regions.size(); ri++) {
            const size_t i = pass == 1 && ri < first_year ? first_year - 1 - ri : ri;
            const AgeRegion& r = regions[i];
            bool decade = i >= first_year, wanted = decade && (int)(i - first_year) % n == 0;
            if ((pass == 0 && !wanted) || (pass == 1 && decade) || (pass == 2 && (!decade || wanted)))
                continue;
            if (r.From > a_left * (1.0 + 1e-12) || r.From < a_right * (1.0 - 1e-12))
                continue;
            place(at_age(r.From), AgeLabel(r, r.From / r.Unit, 1, loc), AgeRoom(r, min_label_px));
        }
        if (pass == 0 && regions.back().To <= a_left * (1.0 + 1e-12))
            place(at_age(regions.back().To), FormatAge(regions.back().To / kYear, 1, loc), min_label_px);  // "100 Ga"
    }

    // 2. Between anchors: multiples of a step of the region's unit, the step chosen for the room at the region's
    //    oldest visible age (the most crowded: a log axis gives an age fewer pixels the older it is); where even one
    //    unit is too coarse, calendar ticks
    double widest_dates = 0.0;
    for (const AgeRegion& r : regions) {
        const double lo = std::max(r.From, a_right), hi = std::min(r.To, a_left);
        if (!(lo < hi))
            continue;
        const double room = AgeRoom(r, min_label_px);
        const double need = room * hi / k;  // seconds between labels at age hi
        if (need < r.Counts.front() * r.Unit) {
            // calendar ticks on this stretch, as a linear view of its density at age hi would have them
            const double spp = hi / k;
            TickStep major = MajorStepFor(min_label_px, spp);
            TickStep minor = StepBelow(major);
            const Instant t0 = at_age(hi), t1 = at_age(lo);
            // in deep time a calendar year reads as its age before Present, to the year ("143.455 ka"), as the
            // anchors around it do (a linear axis counts deep years from year 0)
            auto label = [&](Instant t) {
                CivilTime c = CivilFromInstant(t);
                if (c.year < kDeepTimeYear && (major.Unit == TickUnit_Year || (major.Unit == TickUnit_Month && c.month == 1))) {
                    double years = ViewAge(v, t) / kYear;
                    double step_years = major.Unit == TickUnit_Year ? (double)major.Step : 1.0;
                    int digits = (int)std::floor(std::log10(years)) - (int)std::floor(std::log10(step_years) + 1e-9) + 1;
                    return FormatAge(years, digits < 1 ? 1 : digits, loc);
                }
                return TickLabel(t, major, loc);
            };
            int guard = 0;
            for (Instant t = Align(t0, major); t <= t1 && guard++ < 4096;) {
                if (t >= t0)
                    place(t, label(t), min_label_px);
                Instant nx = Next(t, major);
                if (!(t < nx))
                    break;
                t = nx;
            }
            if (minor.ApproxSeconds / spp >= 14.0) {
                guard = 0;
                for (Instant t = Align(t0, minor); t <= t1 && guard++ < 4096;) {
                    if (t >= t0 && !(Align(t, major) == t)) {
                        Tick tk;
                        tk.Time = t;
                        tk.X = ViewX(v, t);
                        tk.Major = false;
                        minors.push_back(tk);
                    }
                    Instant nx = Next(t, minor);
                    if (!(t < nx))
                        break;
                    t = nx;
                }
            }
            double w = k * std::log(hi / lo);
            if (w > widest_dates) {
                widest_dates = w;
                out->MajorStep = major;
                out->MinorStep = minor;
                out->Context = ContextFor(at_age(std::sqrt(hi * lo)), major, loc);
            }
            continue;
        }
        int64_t count = 0;
        for (int64_t c : r.Counts)
            if (c * r.Unit >= need) {
                count = c;
                break;
            }
        if (!count)
            continue;  // no room between the anchors
        const double step = count * r.Unit;
        for (double m = std::ceil(lo / step); m * step <= hi && m * step < r.To; m++) {
            if (m * step <= r.From * (1.0 + 1e-12))
                continue;  // the anchor
            place(at_age(m * step), AgeLabel(r, m * (double)count, count, loc), room);
        }
        // unlabelled ticks between: the largest count that divides the step and leaves 14 px
        int64_t minor = 0;
        for (int64_t c : r.Counts)
            if (c < count && count % c == 0 && k * c * r.Unit / hi >= 14.0)
                minor = c;
        if (minor) {
            const double ms = minor * r.Unit;
            for (double m = std::ceil(lo / ms); m * ms <= hi && m * ms < r.To; m++) {
                if (m * ms <= r.From * (1.0 + 1e-12) || std::fmod(m * (double)minor, (double)count) == 0.0)
                    continue;
                Tick tk;
                tk.Time = at_age(m * ms);
                tk.X = ViewX(v, tk.Time);
                tk.Major = false;
                if (tk.X >= -1.0 && tk.X <= W + 1.0)
                    minors.push_back(tk);
            }
        }
    }
    if (widest_dates == 0.0)
        out->Context = "log scale: ages before " + FormatInstant(v.Present, Precision_Day, loc);

    // majors and minors by x; a minor where a major is adds nothing
    std::vector<Tick>& ticks = out->Ticks;
    ticks = majors;
    for (const Tick& m : minors) {
        bool dup = false;
        for (const Tick& t : majors)
            if (std::fabs(t.X - m.X) < 0.5) {
                dup = true;
                break;
            }
        if (!dup)
            ticks.push_back(m);
    }
    std::sort(ticks.begin(), ticks.end(), [](const Tick& a, const Tick& b) { return a.X < b.X; });
    out->MinorPx = 1e9;
    for (size_t i = 1; i < ticks.size(); i++)
        out->MinorPx = std::min(out->MinorPx, ticks[i].X - ticks[i - 1].X);
}

} // namespace chronoscope
