// Chronoscope widget part: the list of a cluster too wide to zoom into, at the click that opened it.
//
// Where ranges pile up (hundreds running across a day), a lane's marks fold into a cluster as wide as the view, and
// zooming in would not part them: they all run across it. A click on such a cluster lists its lane's events over
// its time instead: the count, then up to 200 events, each a date and a title, in time order; a click on one
// selects it (its details open), a click elsewhere or Esc closes the list. Written with the public API
// (chronoscope.h) and Dear ImGui only, as a host's own list would be.
#include "ui/chronoscope.h"

#include "core/format.h"
#include "core/utf8.h"

#include <algorithm>
#include <string>

namespace chronoscope {

static const size_t kTitleChars = 120;

void TimelineClusterList()
{
    const TimelineClusterListing l = GetTimelineClusterList();
    const TimelineData* data = GetTimelineData();
    if (!l.Open || !data)
        return;
    const Timeline& tl = data->Tl;
    const TimelineStyle& style = GetStyle();
    const float fs = GetTimelineTextSize();
    const char* popup = "##cluster-list";
    if (l.JustOpened) {
        ImGui::OpenPopup(popup);
        // at the click, kept on screen (right to left: the list's right edge at the click)
        const ImVec2 pivot(IsTimelineRightToLeft() ? 1.0f : 0.0f, 0.0f);
        ImGui::SetNextWindowPos(l.At, ImGuiCond_Always, pivot);
    }
    ImGui::SetNextWindowSizeConstraints(ImVec2(fs * 16.0f, 0.0f), ImVec2(fs * 30.0f, fs * 26.0f));
    if (style.Font)
        ImGui::PushFont(style.Font);
    if (!ImGui::BeginPopup(popup, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove)) {
        if (style.Font)
            ImGui::PopFont();
        CloseTimelineClusterList();   // closed by a click elsewhere or Esc
        return;
    }
    ImGui::PushFont(GetTimelineFont(TimelineFont_Bold));
    const std::string head = FormatGrouped((int64_t)l.Count) + " events here";
    TimelineAlignItem(TimelineTextWidth(head.c_str()));
    TimelineTextUnformatted(head.c_str());
    ImGui::PopFont();
    ImGui::Separator();
    int chosen = -1;
    const float row_h = ImGui::GetTextLineHeight();
    // the dates' column: as wide as the widest of the list's dates (at most 200 of them), measured when the list
    // opens, the text size changes or the locale does, and kept in the popup's storage (each frame then formats
    // only the shown rows)
    ImGuiStorage* kept = ImGui::GetStateStorage();
    const ImGuiID kept_w = ImGui::GetID("##date-w"), kept_fs = ImGui::GetID("##date-fs"),
                  kept_loc = ImGui::GetID("##date-locale");
    const int locale_key = (int)ImGui::GetID(GetTimelineLocale().Tag.c_str());
    float date_w = kept->GetFloat(kept_w, 0.0f);
    if (l.JustOpened || date_w <= 0.0f || kept->GetFloat(kept_fs, 0.0f) != fs ||
        kept->GetInt(kept_loc, 0) != locale_key) {
        date_w = fs * 5.0f;
        for (int k = 0; k < l.Shown; k++)
            if (l.Events[k] < tl.Events.size()) {
                const Event& e = tl.Events[l.Events[k]];
                date_w = std::max(date_w, TimelineTextWidth(FormatInstant(e.Start(), e.StartPrecision(), GetTimelineLocale()).c_str()));
            }
        date_w += fs * 0.8f;
        kept->SetFloat(kept_w, date_w);
        kept->SetFloat(kept_fs, fs);
        kept->SetInt(kept_loc, locale_key);
    }
    const float width = date_w + fs * 22.0f;
    ImGui::BeginChild("##events", ImVec2(width, std::min((float)l.Shown, 16.0f) * (row_h + ImGui::GetStyle().ItemSpacing.y)));
    ImGuiListClipper clip;
    clip.Begin(l.Shown);
    while (clip.Step()) {
        for (int k = clip.DisplayStart; k < clip.DisplayEnd; k++) {
            const uint32_t i = l.Events[k];
            if (i >= tl.Events.size())
                continue;
            const Event& e = tl.Events[i];
            ImGui::PushID(k);
            const ImVec2 p = ImGui::GetCursorScreenPos();
            if (ImGui::Selectable("##event", false, 0, ImVec2(0.0f, row_h)))
                chosen = (int)i;
            const float inner = ImGui::GetContentRegionMax().x - ImGui::GetWindowContentRegionMin().x;
            const std::string date = FormatInstant(e.Start(), e.StartPrecision(), GetTimelineLocale());
            const std::string title = Utf8Truncate(tl.Str(e.Title), kTitleChars);
            const bool rtl = IsTimelineRightToLeft();
            // the date, then the title beside it (right to left: from the right edge)
            ImGui::SetCursorScreenPos(ImVec2(rtl ? p.x + inner - TimelineTextWidth(date.c_str()) : p.x, p.y));
            TimelineTextUnformatted(date.c_str(), nullptr, ImGui::GetColorU32(ImGuiCol_TextDisabled));
            const float title_x = date_w;
            const float room = inner - title_x;
            ImGui::SetCursorScreenPos(ImVec2(rtl ? p.x : p.x + title_x, p.y));
            ImGui::PushClipRect(ImGui::GetCursorScreenPos(), ImVec2(ImGui::GetCursorScreenPos().x + room, p.y + row_h), true);
            if (rtl)
                ImGui::SetCursorScreenPos(ImVec2(p.x + std::max(0.0f, room - TimelineTextWidth(title.c_str())), p.y));
            TimelineTextUnformatted(title.c_str());
            ImGui::PopClipRect();
            ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + row_h + ImGui::GetStyle().ItemSpacing.y));
            ImGui::PopID();
        }
    }
    ImGui::EndChild();
    const int rest = l.Count - l.Shown;
    if (l.More || rest > 0) {
        std::string more = rest > 0 ? "and " + FormatGrouped((int64_t)rest) + " more" : "and more";
        more += ": zoom in or search to reach them";
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
        TimelineTextUnformatted(more.c_str(), nullptr, ImGui::GetColorU32(ImGuiCol_TextDisabled));
        ImGui::PopTextWrapPos();
    }
    if (chosen >= 0)
        SetTimelineSelection(chosen, false);
    const bool close = chosen >= 0 || ImGui::IsKeyPressed(ImGuiKey_Escape, false);
    if (close)
        ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    if (close)
        CloseTimelineClusterList();
    if (style.Font)
        ImGui::PopFont();
}

} // namespace chronoscope
