// Chronoscope widget part: the tooltip over the hovered mark: an event's title, date and group, or a cluster's
// count and start.
//
// Written with the public API (chronoscope.h) and Dear ImGui only.
#include "ui/chronoscope.h"

#include "core/format.h"
#include "core/utf8.h"

#include <string>

namespace chronoscope {


void TimelineTooltip()
{
    const TimelineData* data = GetTimelineData();
    const TimelineHover h = GetTimelineHover();
    if (!data || h.Count == 0 || h.Event < 0 || h.Event >= (int)data->Tl.Events.size())
        return;
    const Timeline& tl = data->Tl;
    const Event& e = tl.Events[h.Event];
    const TimelineStyle& style = GetStyle();
    if (style.Font)
        ImGui::PushFont(style.Font);
    if (IsTimelineRightToLeft()) {  // at the pointer's left (ImGui's own place is at its right)
        const ImVec2 m = ImGui::GetMousePos();
        ImGui::SetNextWindowPos(ImVec2(m.x - ImGui::GetStyle().MouseCursorScale * 8.0f, m.y + 16.0f), ImGuiCond_Always, ImVec2(1.0f, 0.0f));
    }
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24.0f);
    ImGui::PushFont(GetTimelineFont(TimelineFont_Bold));
    if (h.Count > 1) {
        ImGui::Text("%s events", FormatGrouped(h.Count).c_str());
        ImGui::PopFont();
        ImGui::TextDisabled("from %s", FormatInstant(e.Start(), e.StartPrecision(), GetTimelineLocale()).c_str());
        ImGui::TextDisabled(h.Lists ? "click to list them" : "click to zoom in");
    } else {
        TimelineTextUnformatted(Utf8Truncate(tl.Str(e.Title), 200).c_str());
        ImGui::PopFont();
        TimelineTextUnformatted(FormatEventDate(tl, e, GetTimelineLocale(), GetTimelineTimeZone()).c_str());
        if (e.Group != kNoGroup && e.Group < tl.Groups.size())
            TimelineTextUnformatted(Utf8Truncate(tl.Groups[e.Group].Label.c_str(), 200).c_str(), nullptr,
                                    ImGui::GetColorU32(ImGuiCol_TextDisabled));
    }
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
    if (style.Font)
        ImGui::PopFont();
}

} // namespace chronoscope
