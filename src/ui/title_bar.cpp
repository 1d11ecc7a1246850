// Chronoscope widget part: the title bar above the plot: the data's title, a chip per group (click one to hide
// or show its group), the search field with its match count, a Fit button, and a Log / Linear button for deep time.
//
// Written with the public API (chronoscope.h) and Dear ImGui only, as a host's own bar would be.
#include "ui/chronoscope.h"

#include "core/format.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace chronoscope {

void TimelineTitleBar(TimelineFlags flags)
{
    const TimelineData* data = GetTimelineData();
    if (!data)
        return;
    const Timeline& tl = data->Tl;
    const TimelineStyle& style = GetStyle();
    ImVec2 p0, p1;
    GetTimelineRect(TimelineRect_Bar, &p0, &p1);
    const float S = GetTimelineScale(), fs = GetTimelineTextSize(), small = fs * style.SmallTextScale;
    ImFont* bold = GetTimelineFont(TimelineFont_Bold);
    ImFont* small_font = GetTimelineFont(TimelineFont_Small);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float bar_h = p1.y - p0.y;
    dl->AddLine(ImVec2(p0.x, p1.y - 1), ImVec2(p1.x, p1.y - 1), GetColorU32(TimelineCol_GridMajor));
    float x = p0.x + style.BarPadding * S;
    const float cy = p0.y + bar_h * 0.5f;
    const float search_w = std::min(style.SearchWidth * S, (p1.x - p0.x) * style.SearchMaxShare);
    // the Log / Linear button where the data spans deep time (or the axis is already log)
    const bool scale_button = !(flags & TimelineFlags_NoSearch) &&
                              (GetTimelineTimeScale() == TimelineTimeScale_Log ||
                               (!data->Index.Empty && ToSeconds(data->Index.Max - data->Index.Min) >
                                                          style.ScaleButtonMinYears * 365.2425 * 86400.0));
    const float right = p1.x - search_w - (scale_button ? style.ScaleButtonX + style.ChipSpacing : style.SearchReserve) * S;
    // Right to left, the bar mirrors: the title at the right, the search field at the left. What is placed is laid
    // out left to right; X() gives the left edge of an item `w` wide at its mirrored place.
    const bool rtl = IsTimelineRightToLeft();
    auto X = [&](float left, float w) { return rtl ? p0.x + p1.x - left - w : left; };
    if (style.Font)
        ImGui::PushFont(style.Font);

    // the title, at most about half of what the legend and the title share
    if (!(flags & TimelineFlags_NoTitle) && !tl.Title.empty()) {
        const char* title = tl.Title.c_str();
        const float ts = fs * style.TitleTextScale;
        float tw = MeasureTimelineText(bold, ts, title, std::max(right - x, 80.0f));
        float max_title = std::max(80.0f, std::min(tw, (right - x) * 0.55f));
        DrawTimelineText(dl, bold, ts, ImVec2(X(x, std::min(tw, max_title)), cy - fs * 0.55f), GetColorU32(TimelineCol_Text), title, max_title);
        x += std::min(tw, max_title) + style.TitleSpacing * S;
    }

    // the legend: one chip per group, as many as fit
    if (!(flags & TimelineFlags_NoLegend)) {
        const float chip_h = style.ChipHeight * S, r = chip_h * 0.5f;
        for (size_t g = 0; g < tl.Groups.size(); g++) {
            const char* label = tl.Groups[g].Label.c_str();
            float lw = MeasureTimelineText(small_font, small, label, std::max(right - x, 0.0f));
            float chip_w = (style.ChipLabelX + style.ChipRightPadding) * S + lw;
            if (x + chip_w > right)
                break;
            ImVec2 a(X(x, chip_w), cy - r), b(X(x, chip_w) + chip_w, cy + r);
            ImGui::SetCursorScreenPos(a);
            ImGui::PushID((int)g);
            bool clicked = ImGui::InvisibleButton("##chip", ImVec2(chip_w, chip_h));
            bool hover = ImGui::IsItemHovered();
            ImGui::PopID();
            bool hidden = IsTimelineGroupHidden((int)g);
            // (filled only when hovered: otherwise with the plot's colour, which is already behind it, either filled by
            // the widget or cleared by the host, and a pill with its fringe is ~70 triangles of every frame)
            if (hover)
                dl->AddRectFilled(a, b, GetColorU32(TimelineCol_GridMajor), r);
            dl->AddRect(a, b, GetColorU32(TimelineCol_GridMajor), r);
            // the dot first, then the label (right to left: the dot at the chip's right)
            const float dot_x = rtl ? b.x - style.ChipDotX * S : a.x + style.ChipDotX * S;
            const float label_x = rtl ? a.x + style.ChipRightPadding * S : a.x + style.ChipLabelX * S;
            dl->AddCircleFilled(ImVec2(dot_x, cy), style.ChipDotRadius * S, hidden ? GetColorU32(TimelineCol_GridMajor) : GetTimelineGroupColor((int)g), 12);
            DrawTimelineText(dl, small_font, small, ImVec2(label_x, cy - fs * 0.42f - 1),
                             GetColorU32(hidden ? TimelineCol_TextDim : TimelineCol_Text), label, lw + 1.0f);
            if (clicked)
                SetTimelineGroupHidden((int)g, !hidden);
            x += chip_w + style.ChipSpacing * S;
        }
    }

    // the search field: its matches show as the user types (on large data, at Enter); Enter steps through them
    if (!(flags & TimelineFlags_NoSearch)) {
        ImGuiIO& io = ImGui::GetIO();
        const bool ctrl = io.KeyCtrl || io.KeySuper;
        const bool focus = HasTimelineKeyboard() && !io.WantTextInput && !ImGui::IsAnyItemActive() &&
                           ((ctrl && ImGui::IsKeyPressed(ImGuiKey_F, false)) || ImGui::IsKeyPressed(ImGuiKey_Slash, false));
        const ImVec2 field(X(p1.x - search_w - style.BarPadding * S, search_w), cy - ImGui::GetFrameHeight() * 0.5f);
        ImGui::SetCursorScreenPos(field);
        ImGui::SetNextItemWidth(search_w);
        size_t cap = 0;
        char* buf = GetTimelineSearchBuffer(&cap);
        bool enter = false;
        if (IsTimelineSearchOverlay()) {
            // the host's own input is over the field and shows its text: here only the room it takes
            ImGui::Dummy(ImVec2(search_w, ImGui::GetFrameHeight()));
            SetTimelineSearchRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), false);
        } else {
            if (focus)
                ImGui::SetKeyboardFocusHere();
            // Not being edited, the field's text is drawn as the plot's labels are (through the host's text runs:
            // any script, shaped); ImGui draws it from the font atlas only while it has the keyboard.
            const bool idle = buf[0] && !focus && !IsTimelineSearchEditing();
            const ImU32 text_col = ImGui::GetColorU32(ImGuiCol_Text);
            if (idle)
                ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(0, 0, 0, 0));
            enter = ImGui::InputTextWithHint("##search", "Search  (Ctrl+F)", buf, cap, ImGuiInputTextFlags_EnterReturnsTrue);
            if (idle) {
                ImGui::PopStyleColor();
                const ImVec2 pad = ImGui::GetStyle().FramePadding, a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
                ImGui::PushClipRect(a, b, true);
                DrawTimelineText(ImGui::GetWindowDrawList(), ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(a.x + pad.x, a.y + pad.y),
                                text_col, buf, b.x - a.x - 2 * pad.x);
                ImGui::PopClipRect();
            }
            SetTimelineSearchRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), ImGui::IsItemActive());
        }
        const bool big = tl.Events.size() > 200000;
        const bool stale = strcmp(GetTimelineSearch(), buf) != 0;
        if (stale && (!big || enter))
            SetTimelineSearch(buf);
        if (enter) {
            StepTimelineMatch(+1);
            ImGui::SetKeyboardFocusHere(-1);  // keep typing / pressing Enter
        }
        if (buf[0]) {
            char text[64];
            const int n = GetTimelineMatchCount(), cursor = GetTimelineMatchCursor();
            if (strcmp(GetTimelineSearch(), buf) != 0)
                snprintf(text, sizeof(text), "Enter to search");
            else if (IsTimelineSearchPending())
                snprintf(text, sizeof(text), "searching...");
            else if (n == 0)
                snprintf(text, sizeof(text), "no matches");
            else if (cursor >= 0)
                snprintf(text, sizeof(text), "%d of %s", cursor + 1, FormatGrouped(n).c_str());
            else
                snprintf(text, sizeof(text), "%s match%s", FormatGrouped(n).c_str(), n == 1 ? "" : "es");
            float mw = small_font->CalcTextSizeA(small, FLT_MAX, 0.0f, text).x;
            dl->AddText(small_font, small, ImVec2(X(p1.x - search_w - (style.BarPadding + style.MatchCountSpacing) * S - mw, mw), cy - fs * 0.42f - 1),
                        GetColorU32(n == 0 ? TimelineCol_TextDim : TimelineCol_Accent), text);
        } else {
            const float pad2 = ImGui::GetStyle().FramePadding.x * 2.0f;
            ImGui::SetCursorScreenPos(ImVec2(X(p1.x - search_w - style.FitButtonX * S, ImGui::CalcTextSize("Fit").x + pad2), cy - ImGui::GetFrameHeight() * 0.5f));
            if (ImGui::Button("Fit"))
                FitTimeline(true);
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("Show everything (F)");
            if (scale_button) {  // (like Fit, while the match count is not where it would be)
                const bool log = GetTimelineTimeScale() == TimelineTimeScale_Log;
                const float bw = ImGui::CalcTextSize(log ? "Linear" : "Log").x + pad2;
                ImGui::SetCursorScreenPos(ImVec2(X(p1.x - search_w - style.ScaleButtonX * S, bw), cy - ImGui::GetFrameHeight() * 0.5f));
                if (ImGui::Button(log ? "Linear##scale" : "Log##scale"))
                    SetTimelineTimeScale(log ? TimelineTimeScale_Linear : TimelineTimeScale_Log);
                if (ImGui::IsItemHovered())
                    ImGui::SetTooltip(log ? "Time on a linear axis (L)" : "Time before present on a log axis (L)");
            }
        }
    }
    if (style.Font)
        ImGui::PopFont();
}

} // namespace chronoscope
