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
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24.0f);
    ImGui::PushFont(GetTimelineFont(TimelineFont_Bold));
    if (h.Count > 1) {
        ImGui::Text("%s events", FormatGrouped(h.Count).c_str());
        ImGui::PopFont();
        ImGui::TextDisabled("from %s", FormatInstant(e.Start(), e.StartPrecision(), GetTimelineLocale()).c_str());
        ImGui::TextDisabled("click to zoom in");
    } else {
        ImGui::TextUnformatted(Utf8Truncate(tl.Str(e.Title), 200).c_str());
        ImGui::PopFont();
        ImGui::TextUnformatted(FormatEventDate(tl, e, GetTimelineLocale(), GetTimelineTimeZone()).c_str());
        if (e.Group != kNoGroup && e.Group < tl.Groups.size())
            ImGui::TextDisabled("%s", Utf8Truncate(tl.Groups[e.Group].Label.c_str(), 200).c_str());
    }
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
    if (style.Font)
        ImGui::PopFont();
}

} // namespace chronoscope
