// Chronoscope widget: the grid behind the lanes and the time axis under them.
#include "ui/chronoscope_internal.h"

#include <algorithm>

namespace chronoscope {

void DrawGrid(const TimelineState* st, const FrameCtx& fr)
{
    double minor_px = st->Ticks.MinorPx;
    const ImU32 major = GetColorU32(TimelineCol_GridMajor), minor = GetColorU32(TimelineCol_Grid);
    for (const Tick& t : st->Ticks.Ticks) {
        float x = fr.PlotMin.x + (float)t.X;
        if (x < fr.PlotMin.x || x > fr.PlotMax.x)
            continue;
        if (t.Major)
            fr.Dl->AddLine(ImVec2(x, fr.PlotMin.y), ImVec2(x, fr.PlotMax.y), major, 1.0f);
        else if (minor_px >= 14.0)
            fr.Dl->AddLine(ImVec2(x, fr.PlotMin.y), ImVec2(x, fr.PlotMax.y), minor, 1.0f);
    }
}

// The axis line, tick marks, labels that do not collide, and the context line under them ("2020" under months).
// No background fill: every screen-wide fill costs software WebGL a few milliseconds.
void DrawAxis(const TimelineState* st, const FrameCtx& fr, ImVec2 axis_min, ImVec2 axis_max)
{
    ImDrawList* dl = fr.Dl;
    const TimelineStyle& style = GetStyle();
    const float S = fr.S;
    const float ay = axis_min.y, x0 = axis_min.x, x1 = axis_max.x;
    const ImU32 line = GetColorU32(TimelineCol_GridMajor), text = GetColorU32(TimelineCol_Text),
                dim = GetColorU32(TimelineCol_TextDim);
    dl->AddLine(ImVec2(x0, ay), ImVec2(x1, ay), line, 1.0f);
    float last_label_end = -1e9f;
    for (const Tick& t : st->Ticks.Ticks) {
        float x = x0 + (float)t.X;
        if (x < x0 - 1 || x > x1 + 1)
            continue;
        if (t.Major) {
            dl->AddLine(ImVec2(x, ay), ImVec2(x, ay + style.TickLength * S), dim, 1.0f);
            float tw = TextWidth(fr.Small, fr.SmallFs, t.Label.c_str());
            float lx = x - tw * 0.5f;
            if (lx < x0 + 2) lx = x0 + 2;
            if (lx + tw > x1 - 2) lx = x1 - 2 - tw;
            if (lx > last_label_end + style.TickLabelSpacing * S) {
                DrawText(dl, fr.Small, fr.SmallFs, ImVec2(lx, ay + style.TickLabelOffset * S), text, t.Label.c_str());
                last_label_end = lx + tw;
            }
        } else {
            dl->AddLine(ImVec2(x, ay), ImVec2(x, ay + style.MinorTickLength * S), line, 1.0f);
        }
    }
    // The second row: the year, month or day each stretch of ticks belongs to, its name held at the left edge while
    // its span scrolls past, pushed out by the next span's; on a log view, what the ages count back from.
    const float cy = ay + style.AxisContextOffset * S, pad = style.LabelPadding * S;
    if (st->Ticks.Spans.empty() && !st->Ticks.Context.empty())
        DrawText(dl, fr.Small, fr.SmallFs, ImVec2(x0 + pad, cy), dim, st->Ticks.Context.c_str());
    for (const TickSpan& sp : st->Ticks.Spans) {
        const float s0 = x0 + (float)sp.X0, s1 = x0 + (float)sp.X1;
        if (s1 < x0 || s0 > x1)
            continue;
        if (s0 > x0)
            dl->AddLine(ImVec2(s0, cy - 2.0f * S), ImVec2(s0, cy + fr.SmallFs), line, 1.0f);
        const float tw = TextWidth(fr.Small, fr.SmallFs, sp.Label.c_str());
        float lx = std::max(s0, x0) + pad;
        lx = std::min(lx, s1 - pad - tw);   // slides out with its span's end
        if ((lx < s0 + pad && s0 > x0) || lx < x0)
            continue;                       // the span is too narrow for its name
        DrawText(dl, fr.Small, fr.SmallFs, ImVec2(lx, cy), dim, sp.Label.c_str());
    }
}

} // namespace chronoscope
