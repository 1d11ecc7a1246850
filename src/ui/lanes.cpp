// Chronoscope widget: the rows of the plot (a header per group, then its lanes) and the eras behind them.
#include "ui/chronoscope_internal.h"

#include "core/format.h"

#include <algorithm>
#include <string>

namespace chronoscope {

// For each shown group a header and its lanes. Fills LaneShown, LaneY and HeaderY; returns the content height.
float LayoutRows(TimelineState* st, const FrameCtx& fr)
{
    const TimelineIndex& ix = st->Data->Index;
    const TimelineStyle& style = GetStyle();
    st->LaneShown.assign(ix.Lanes.size(), 0);
    st->LaneY.assign(ix.Lanes.size(), 0.0f);
    st->HeaderY.assign(ix.Groups.size(), -1.0f);
    const float gap = style.GroupGap * fr.S;
    float top = fr.PlotMin.y + fr.EraH + gap;
    float y = top - st->ScrollY;
    // one group of ungrouped events needs no header
    bool single = ix.Groups.size() == 1 || (ix.Groups.size() == 2 && ix.Groups[0].LaneCount == 0 && st->Data->Tl.Groups.empty());
    for (size_t g = 0; g < ix.Groups.size(); g++) {
        const GroupLanes& gl = ix.Groups[g];
        if (gl.LaneCount == 0 || st->GroupHidden[g])
            continue;
        bool show_header = !(single && g + 1 == ix.Groups.size());
        if (show_header) {
            st->HeaderY[g] = y;
            y += fr.HeaderH;
        }
        if (st->GroupCollapsed[g] && show_header)
            continue;
        for (int l = gl.FirstLane; l < gl.FirstLane + gl.LaneCount; l++) {
            st->LaneY[l] = y;
            st->LaneShown[l] = (y + fr.RowH > fr.PlotMin.y + fr.EraH && y < fr.PlotMax.y) ? 1 : 0;
            y += fr.RowH;
        }
        y += gap;
    }
    return y + st->ScrollY - top;
}

// Eras: with strip = false their boundary lines over the lanes, with strip = true their named chips in the strip
// above the lanes. (No band the height of the plot: filling and blending one is what software WebGL pays most
// for, and the strip already names the era.)
void DrawEras(const TimelineState* st, const FrameCtx& fr, bool strip)
{
    const Timeline& tl = st->Data->Tl;
    const TimelineStyle& style = GetStyle();
    const Color32 bg = StyleColor32(TimelineCol_PlotBg);
    int k = 0;
    for (const Era& e : tl.Eras) {
        double x0 = fr.PlotMin.x + ViewX(st->Cur, e.Start), x1 = fr.PlotMin.x + ViewX(st->Cur, e.End);
        k++;
        if (x1 < fr.PlotMin.x || x0 > fr.PlotMax.x)
            continue;
        float a = (float)std::max<double>(x0, fr.PlotMin.x), b = (float)std::min<double>(x1, fr.PlotMax.x);
        if (b - a < 1.0f)
            b = a + 1.0f;
        Color32 c = e.Color ? (e.Color | 0xFF000000) : ToColor32(style.Palette[(k - 1) % kTimelinePaletteSize]);
        if (!strip) {
            ImU32 edge = ToImU32(MixColor(c, bg, style.EraEdgeTint));
            if (x0 >= fr.PlotMin.x)
                fr.Dl->AddLine(ImVec2((float)x0, fr.PlotMin.y + fr.EraH), ImVec2((float)x0, fr.PlotMax.y), edge, 1.0f);
            if (x1 <= fr.PlotMax.x)
                fr.Dl->AddLine(ImVec2((float)x1, fr.PlotMin.y + fr.EraH), ImVec2((float)x1, fr.PlotMax.y), edge, 1.0f);
            continue;
        }
        fr.Dl->AddRectFilled(ImVec2(a + 1, fr.PlotMin.y + 2), ImVec2(b - 1, fr.PlotMin.y + fr.EraH - 2),
                             ToImU32(MixColor(c, bg, style.EraStripTint)), style.EraRounding);
        float lx = std::max(a + style.LabelPadding * fr.S, fr.PlotMin.x + style.LabelEndPadding * fr.S);
        // (right to left, the plot's clip rect: ImGui clips text on the CPU against the clip rect, before EndMirror;
        // DrawClippedText keeps the label inside the chip either way)
        fr.Dl->PushClipRect(fr.Rtl ? fr.PlotMin : ImVec2(a, fr.PlotMin.y), fr.Rtl ? fr.PlotMax : ImVec2(b, fr.PlotMin.y + fr.EraH), true);
        DrawClippedText(fr.Dl, fr.Small, fr.SmallFs, ImVec2(lx, fr.PlotMin.y + (fr.EraH - fr.SmallFs) * 0.5f),
                        GetColorU32(TimelineCol_Text), e.Label.c_str(), b - lx - style.LabelEndPadding * fr.S);
        fr.Dl->PopClipRect();
    }
}

// A header per group: a tinted tab with a fold arrow, the group's name and its count, and a rule across.
void DrawGroupHeaders(const TimelineState* st, const FrameCtx& fr)
{
    const Timeline& tl = st->Data->Tl;
    const TimelineIndex& ix = st->Data->Index;
    const TimelineStyle& style = GetStyle();
    const Color32 bg = StyleColor32(TimelineCol_PlotBg);
    ImGuiIO& io = ImGui::GetIO();
    const float tab_w_max = style.HeaderTabWidth * fr.S;
    for (size_t g = 0; g < st->HeaderY.size(); g++) {
        float y = st->HeaderY[g];
        if (y < 0.0f || y + fr.HeaderH < fr.PlotMin.y + fr.EraH || y > fr.PlotMax.y)
            continue;
        Color32 c = GroupColor32(tl, g < tl.Groups.size() ? (int)g : -1);
        ImVec2 a(fr.PlotMin.x, y), b(fr.PlotMax.x, y + fr.HeaderH);
        float tab_w = std::min(b.x - a.x, tab_w_max);
        const float mx = MirrorX(st, io.MousePos.x);
        bool hover = mx >= a.x && mx < a.x + tab_w && io.MousePos.y >= a.y && io.MousePos.y < b.y;
        fr.Dl->AddRectFilled(a, ImVec2(a.x + tab_w, b.y), ToImU32(MixColor(c, bg, style.HeaderTabTint)));
        fr.Dl->AddLine(ImVec2(a.x + tab_w, b.y - 1), ImVec2(b.x, b.y - 1), ToImU32(MixColor(c, bg, style.HeaderRuleTint)), 1.0f);
        fr.Dl->AddRectFilled(a, ImVec2(a.x + style.HeaderAccentWidth * fr.S, b.y), ToImU32(c));
        float ty = y + (fr.HeaderH - fr.SmallFs) * 0.5f;
        ImVec2 ac(a.x + style.HeaderArrowX * fr.S, y + fr.HeaderH * 0.5f);
        float r = style.HeaderArrowSize * fr.S;
        ImU32 arrow_col = GetColorU32(hover ? TimelineCol_Text : TimelineCol_TextDim);
        if (st->GroupCollapsed[g])
            fr.Dl->AddTriangleFilled(ImVec2(ac.x - r * 0.6f, ac.y - r), ImVec2(ac.x + r * 0.8f, ac.y), ImVec2(ac.x - r * 0.6f, ac.y + r), arrow_col);
        else
            fr.Dl->AddTriangleFilled(ImVec2(ac.x - r, ac.y - r * 0.6f), ImVec2(ac.x + r, ac.y - r * 0.6f), ImVec2(ac.x, ac.y + r * 0.8f), arrow_col);
        const char* label = g < tl.Groups.size() ? tl.Groups[g].Label.c_str() : "Other";
        const float label_x = a.x + style.HeaderLabelX * fr.S, room = b.x - label_x;
        DrawClippedText(fr.Dl, fr.Bold, fr.SmallFs, ImVec2(label_x, ty), GetColorU32(TimelineCol_Text), label, room);
        float lw = std::min(LabelWidth(fr.Bold, fr.SmallFs, label, room), room);
        std::string n = FormatGrouped(ix.Groups[g].EventCount);
        n += ix.Groups[g].EventCount == 1 ? " event" : " events";
        DrawText(fr.Dl, fr.Small, fr.SmallFs, ImVec2(a.x + (style.HeaderLabelX + style.HeaderCountSpacing) * fr.S + lw, ty), GetColorU32(TimelineCol_TextDim), n.c_str());
    }
}

} // namespace chronoscope
