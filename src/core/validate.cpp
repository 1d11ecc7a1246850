// Chronoscope core: the --validate summary (see validate.h).
#include "core/validate.h"

#include "core/format.h"

namespace chronoscope {

std::string ValidateSummary(const char* file, const Timeline& tl)
{
    size_t milestones = 0;
    for (const Event& e : tl.Events)
        if (e.IsMilestone())
            milestones++;
    std::string s = std::string(file) + ": " + std::to_string(tl.Events.size()) + " events, " +
                    std::to_string(milestones) + " milestones, " + std::to_string(tl.Eras.size()) + " eras, " +
                    std::to_string(tl.Groups.size()) + " groups, span ";
    bool any = false;
    Instant lo, hi;
    Precision plo = Precision_Year, phi = Precision_Year;
    for (const Event& e : tl.Events) {
        if (!any || e.Start() < lo) { lo = e.Start(); plo = e.StartPrecision(); }
        Instant end = e.End();
        Precision pe = (e.Flags & EventFlags_HasEnd) ? e.EndPrecision() : e.StartPrecision();
        if (!any || end > hi) { hi = end; phi = pe; }
        any = true;
    }
    for (const Era& e : tl.Eras) {
        if (!any || e.Start < lo) { lo = e.Start; plo = e.StartPrecision; }
        if (!any || e.End > hi) { hi = e.End; phi = e.EndPrecision; }
        any = true;
    }
    if (!any)
        return s + "none";
    return s + FormatInstant(lo, plo) + " .. " + FormatInstant(hi, phi);
}

} // namespace chronoscope
