// Chronoscope widget part: the title card, shown first in the details area (TimelineJS3's title slide): the data's
// title, description and media caption and credit, how many events it holds and when, and a button that starts the
// story at its first event.
//
// Written with the public API (chronoscope.h) and Dear ImGui only, as a host's own card would be.
#include "ui/chronoscope.h"

#include "core/format.h"
#include "core/utf8.h"
#include "ui/rich_text.h"

#include <algorithm>
#include <string>

namespace chronoscope {

static const size_t kTitleChars = 300, kTextChars = 4000;

void TimelineTitleCard()
{
    const TimelineData* data = GetTimelineData();
    if (!data || !IsTimelineTitleCardShown())
        return;
    const Timeline& tl = data->Tl;
    const TimelineStyle& style = GetStyle();
    bool close = false;
    if (!BeginTimelinePanel("##title-card", &close))
        return;
    const float fs = GetTimelineTextSize();
    const ImVec2 c0 = ImGui::GetCursorScreenPos();
    const char* kind = tl.Story.empty() ? "Timeline" : "Story";
    TimelineAlignItem(ImGui::CalcTextSize(kind).x);
    ImGui::TextDisabled("%s", kind);
    ImGui::SetCursorScreenPos(ImVec2(c0.x, c0.y + fs * 1.6f));
    ImGui::PushFont(GetTimelineFont(TimelineFont_Bold));
    ImGui::SetWindowFontScale(style.DetailsTitleScale);
    TimelineTextWrapped(Utf8Truncate(tl.Title.c_str(), kTitleChars).c_str());
    ImGui::SetWindowFontScale(1.0f);
    ImGui::PopFont();
    // how much and when: "34 events · 2018 – 2021"
    if (!data->Index.Empty) {
        // every event: the groups' counts (a tiled timeline's window holds only some of them)
        size_t all = 0;
        for (const GroupLanes& g : data->Index.Groups)
            all += (size_t)g.EventCount;
        const size_t n = tl.Story.empty() ? std::max(all, tl.Events.size()) : tl.Story.size();
        std::string when = FormatGrouped((int64_t)n) + (n == 1 ? " event" : " events") + "  \xC2\xB7  " +
                           FormatRange(data->Index.Min, Precision_Year, data->Index.Max, Precision_Year, GetTimelineLocale());
        ImGui::PushStyleColor(ImGuiCol_Text, GetColorU32(TimelineCol_Accent));
        TimelineAlignItem(TimelineTextWidth(when.c_str()));
        TimelineTextUnformatted(when.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::Spacing();
    bool more = false;
    if (!TimelineRichTextHtml(tl.DescriptionHtml.c_str(), kTextChars, &more) && !tl.Description.empty()) {
        TimelineTextWrapped(Utf8Truncate(tl.Description.c_str(), kTextChars).c_str());
    }
    TimelineMedia(tl.MediaUrl.c_str(), tl.MediaCaption.c_str(), tl.MediaCredit.c_str(), ImGui::GetContentRegionAvail().x);
    ImGui::Spacing();
    ImGui::Spacing();
    // (the arrow points the way time goes)
    const char* start = IsTimelineRightToLeft() ? "\xE2\x80\xB9 Start the story" : "Start the story \xE2\x80\xBA";
    if (!tl.Events.empty()) {
        TimelineAlignItem(ImGui::CalcTextSize(start).x + ImGui::GetStyle().FramePadding.x * 2.0f);
        if (ImGui::Button(start))
            StepTimelineSelection(+1);
    }
    EndTimelinePanel();
    if (close)
        ShowTimelineTitleCard(false);
}

} // namespace chronoscope
