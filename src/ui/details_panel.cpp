// Chronoscope widget part: the details panel at the right of the plot: the selected event's group, title, date,
// media (picture or card, caption and credit), text, tags and link, and Previous / Next for story mode.
//
// A frame costs what the panel shows, not what the data holds: each string is shown up to a cap (a title's first
// 300 characters, a text's first 4,000 with "Show more" for the next, the first 100 tags), and only that part is
// measured and wrapped. Written with the public API (chronoscope.h) and Dear ImGui only, as a host's own panel
// would be.
#include "ui/chronoscope.h"
#include "ui/rich_text.h"

#include "core/format.h"
#include "core/link.h"
#include "core/utf8.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace chronoscope {

static const size_t kTitleChars = 300, kTextChars = 4000, kLabelChars = 200, kTagsShown = 100;

static void WrappedText(const char* s, size_t max_chars)
{
    TimelineTextWrapped(Utf8Truncate(s, max_chars).c_str());
}

// One line in the disabled colour, on the reading side
static void DimLine(const std::string& s)
{
    TimelineAlignItem(TimelineTextWidth(s.c_str()));
    TimelineTextUnformatted(s.c_str(), nullptr, ImGui::GetColorU32(ImGuiCol_TextDisabled));
}

void TimelineDetailsPanel()
{
    const TimelineData* data = GetTimelineData();
    const int sel = GetTimelineSelection();
    if (!data || sel < 0 || sel >= (int)data->Tl.Events.size())
        return;
    const Timeline& tl = data->Tl;
    const Event& e = tl.Events[sel];
    const TimelineStyle& style = GetStyle();
    const float S = GetTimelineScale(), fs = GetTimelineTextSize();
    bool close = false;
    if (!BeginTimelinePanel("##details", &close))
        return;
    const float inner_w = ImGui::GetContentRegionAvail().x;
    // the group's chip (the close button is the panel's)
    const int g = e.Group == kNoGroup ? -1 : e.Group;
    const ImVec2 c0 = ImGui::GetCursorScreenPos();
    const bool rtl = IsTimelineRightToLeft();
    if (g >= 0 && g < (int)tl.Groups.size()) {
        // the dot, then the name (right to left: from the right edge)
        const float dot_x = rtl ? c0.x + inner_w - style.DetailsDotRadius * S : c0.x + style.DetailsDotRadius * S;
        ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(dot_x, c0.y + fs * 0.5f),
                                                    style.DetailsDotRadius * S, GetTimelineGroupColor(g), 12);
        const std::string label = Utf8Truncate(tl.Groups[g].Label.c_str(), kLabelChars);
        const float label_x = rtl ? c0.x + inner_w - style.DetailsLabelX * S - TimelineTextWidth(label.c_str())
                                  : c0.x + style.DetailsLabelX * S;
        ImGui::SetCursorScreenPos(ImVec2(label_x, c0.y));
        TimelineTextUnformatted(label.c_str(), nullptr, ImGui::GetColorU32(ImGuiCol_TextDisabled));
    } else {
        DimLine(e.IsMilestone() ? "Milestone" : "Event");
    }
    if (!close) {
        ImGui::SetCursorScreenPos(ImVec2(c0.x, c0.y + fs * 1.6f));
        ImGui::PushFont(GetTimelineFont(TimelineFont_Bold));
        ImGui::SetWindowFontScale(style.DetailsTitleScale);
        WrappedText(tl.Str(e.Title), kTitleChars);
        ImGui::SetWindowFontScale(1.0f);
        ImGui::PopFont();
        ImGui::PushStyleColor(ImGuiCol_Text, GetColorU32(TimelineCol_Accent));
        const std::string date = FormatEventDate(tl, e, GetTimelineLocale(), GetTimelineTimeZone());
        TimelineAlignItem(TimelineTextWidth(date.c_str()));
        TimelineTextUnformatted(date.c_str());
        ImGui::PopStyleColor();
        TimelineEventMedia(sel, inner_w, true);   // the picture or media card, caption and credit
        ImGui::Spacing();
        const char* text = tl.Str(e.Text);
        if (text[0]) {
            // "Show more" adds kTextChars at a time; the count starts over with each selection
            ImGuiStorage* store = ImGui::GetStateStorage();
            const ImGuiID shown_for = ImGui::GetID("##text-of"), shown = ImGui::GetID("##text-shown");
            if (store->GetInt(shown_for, -1) != sel) {
                store->SetInt(shown_for, sel);
                store->SetInt(shown, 1);
            }
            const int parts = store->GetInt(shown, 1);
            bool more = false;
            if (!TimelineRichText(tl, e, kTextChars * (size_t)parts, &more)) {  // formatted text, else plain
                std::string part = Utf8Truncate(text, kTextChars * (size_t)parts, &more);
                TimelineTextWrapped(part.c_str());
            }
            if (more)
                TimelineAlignItem(ImGui::CalcTextSize("Show more").x + ImGui::GetStyle().FramePadding.x * 2.0f);
            if (more && ImGui::SmallButton("Show more"))
                store->SetInt(shown, parts + 1);
        }
        if (e.Extra != kNoExtra && e.Extra < tl.Extras.size()) {
            const EventExtra& x = tl.Extras[e.Extra];
            if (!x.Tags.empty()) {
                ImGui::Spacing();
                std::string tags;
                const size_t shown = std::min(x.Tags.size(), kTagsShown);
                for (size_t i = 0; i < shown; i++) {
                    if (i)
                        tags += "  \xC2\xB7  ";
                    tags += Utf8Truncate(tl.Str(x.Tags[i]), kLabelChars);
                }
                if (shown < x.Tags.size())
                    tags += "  \xC2\xB7  \xE2\x80\xA6 and " + FormatGrouped((int64_t)(x.Tags.size() - shown)) + " more";
                ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
                TimelineTextWrapped(tags.c_str());
                ImGui::PopStyleColor();
            }
            const char* link = tl.Str(x.Link);
            if (link[0]) {
                ImGui::Spacing();
                if (IsOpenableLink(link)) {
                    // (the arrow points forward: to the left, right to left)
                    const char* open = rtl ? "\xE2\x80\xB9 Open link" : "Open link \xE2\x80\xBA";
                    TimelineAlignItem(ImGui::CalcTextSize(open).x + ImGui::GetStyle().FramePadding.x * 2.0f);
                    if (ImGui::Button(open))
                        OpenTimelineLink(link);
                    if (ImGui::IsItemHovered())
                        ImGui::SetTooltip("%s", Utf8Truncate(link, kTitleChars).c_str());
                } else {
                    const char* why = LinkRefusal(link, strlen(link));
                    const std::string note = std::string("Link not opened (") + (why ? why : "refused") + "): " + Utf8Truncate(link, kTitleChars);
                    if (rtl) {
                        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
                        TimelineTextWrapped(note.c_str());
                        ImGui::PopStyleColor();
                    } else {
                        ImGui::TextDisabled("%s", note.c_str());
                    }
                }
            }
        }
        ImGui::Spacing();
        ImGui::Spacing();
        if (rtl) {  // Previous at the right, pointing right (where earlier time is); Next at its left
            const char* prev = "Previous \xE2\x80\xBA";
            const char* next = "\xE2\x80\xB9 Next";
            const ImGuiStyle& is = ImGui::GetStyle();
            const float w = ImGui::CalcTextSize(prev).x + ImGui::CalcTextSize(next).x + is.FramePadding.x * 4.0f + is.ItemSpacing.x;
            TimelineAlignItem(w);
            if (ImGui::Button(next))
                StepTimelineSelection(+1);
            ImGui::SameLine();
            if (ImGui::Button(prev))
                StepTimelineSelection(-1);
        } else {
            if (ImGui::Button("\xE2\x80\xB9 Previous"))
                StepTimelineSelection(-1);
            ImGui::SameLine();
            if (ImGui::Button("Next \xE2\x80\xBA"))
                StepTimelineSelection(+1);
        }
    }
    EndTimelinePanel();
    if (close)
        SetTimelineSelection(-1, false);
}

} // namespace chronoscope
