// Chronoscope widget part: the frame of a panel in the details area (TimelineRect_Details), as the details panel
// and the title card draw theirs: the panel's background where it differs from the plot's, a rule at its left, a
// padded child window, and a close button at its top right.
//
// Written with the public API (chronoscope.h) and Dear ImGui only.
#include "ui/chronoscope.h"

#include <algorithm>
#include <cstring>

namespace chronoscope {

bool BeginTimelinePanel(const char* str_id, bool* close_clicked)
{
    *close_clicked = false;
    ImVec2 p0, p1;
    GetTimelineRect(TimelineRect_Details, &p0, &p1);
    if (p1.x <= p0.x)
        return false;
    const TimelineStyle& style = GetStyle();
    const float S = GetTimelineScale();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (GetColorU32(TimelineCol_PanelBg) != GetColorU32(TimelineCol_PlotBg))
        dl->AddRectFilled(p0, p1, GetColorU32(TimelineCol_PanelBg));
    // the rule between the panel and the plot: at its left, or at its top when it is a sheet below the axis
    ImVec2 a0, a1;
    GetTimelineRect(TimelineRect_Axis, &a0, &a1);
    const bool sheet = p0.y >= a1.y;
    // (right to left the panel is at the left of the plot: the rule at its right)
    const bool rtl = IsTimelineRightToLeft();
    if (rtl && !sheet)
        dl->AddLine(ImVec2(p1.x - 1, p0.y), ImVec2(p1.x - 1, p1.y), GetColorU32(TimelineCol_PanelBorder));
    else
        dl->AddLine(p0, sheet ? ImVec2(p1.x, p0.y) : ImVec2(p0.x, p1.y), GetColorU32(TimelineCol_PanelBorder));
    if (style.Font)
        ImGui::PushFont(style.Font);
    ImGui::SetCursorScreenPos(sheet || rtl ? ImVec2(p0.x, p0.y + (sheet ? 1 : 0)) : ImVec2(p0.x + 1, p0.y));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(style.DetailsPadding.x * S, style.DetailsPadding.y * S));
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(0, 0, 0, 0));  // drawn above (or the plot's background)
    ImGui::BeginChild(str_id, sheet ? ImVec2(p1.x - p0.x, p1.y - p0.y - 1) : ImVec2(p1.x - p0.x - 1, p1.y - p0.y), ImGuiChildFlags_AlwaysUseWindowPadding,
                      ImGuiWindowFlags_NoSavedSettings);
    // the close button at the top right; the cursor stays where the panel's content starts
    const ImVec2 c0 = ImGui::GetCursorScreenPos();
    const float inner_w = ImGui::GetContentRegionAvail().x;
    float close_x = c0.x + inner_w - style.DetailsCloseOffset.x * S;
    if (rtl)  // at the top left
        close_x = c0.x + c0.x + inner_w - close_x - (ImGui::CalcTextSize("\xC3\x97").x + ImGui::GetStyle().FramePadding.x * 2.0f);
    ImGui::SetCursorScreenPos(ImVec2(close_x, c0.y - style.DetailsCloseOffset.y * S));
    *close_clicked = ImGui::SmallButton("\xC3\x97##close");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Close (Esc)");
    ImGui::SetCursorScreenPos(c0);
    return true;
}

void TimelineTextWrapped(const char* text, const char* text_end, float width)
{
    ImGui::PushTextWrapPos(width > 0.0f ? ImGui::GetCursorPosX() + width : 0.0f);
    TimelineTextUnformatted(text, text_end);
    ImGui::PopTextWrapPos();
}

void TimelineAlignItem(float width)
{
    if (IsTimelineRightToLeft())
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(ImGui::GetContentRegionAvail().x - width, 0.0f));
}

void EndTimelinePanel()
{
    ImGui::EndChild();
    ImGui::PopStyleColor();
    ImGui::PopStyleVar();
    if (GetStyle().Font)
        ImGui::PopFont();
}

} // namespace chronoscope
