// Chronoscope widget part: an event's media at the cursor (its picture, or a card naming its video, page or
// provider), with caption and credit. Written with the public API (chronoscope.h) and Dear ImGui only.
//
// What a media URL is comes from core/media.h (the one rule the web page shares). A picture is drawn scaled to the
// width asked for; while the host loads it, and when it failed, a placeholder of the same place stands in (the
// caption and credit show in every case). Anything else is a card: the provider's name, the link's host and an
// "Open" button when the link rule (core/link.h) allows the link. HTML embed code is never inserted: its card says
// so. A card for a video keeps a 16:9 frame, where a web page may lay its own player over the panel
// (TimelineRect_Media).
#include "ui/chronoscope.h"

#include "core/link.h"
#include "core/media.h"
#include "core/utf8.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace chronoscope {

static const size_t kShortChars = 1000, kHostChars = 120;

// A simple picture sign (a sun over a mountain) centred at c, s wide.
static void PictureSign(ImDrawList* dl, ImVec2 c, float s, ImU32 col)
{
    dl->AddRect(ImVec2(c.x - s * 0.5f, c.y - s * 0.4f), ImVec2(c.x + s * 0.5f, c.y + s * 0.4f), col, s * 0.08f, 0, s * 0.06f);
    dl->AddCircleFilled(ImVec2(c.x + s * 0.2f, c.y - s * 0.15f), s * 0.08f, col, 12);
    dl->AddTriangleFilled(ImVec2(c.x - s * 0.4f, c.y + s * 0.32f), ImVec2(c.x - s * 0.1f, c.y - s * 0.1f),
                          ImVec2(c.x + s * 0.2f, c.y + s * 0.32f), col);
}

static void CentredText(ImVec2 c, const char* s, float max_w, ImU32 col)
{
    ImFont* f = ImGui::GetFont();
    const float fs = ImGui::GetFontSize();
    float w = MeasureTimelineText(f, fs, s, max_w);
    DrawTimelineText(ImGui::GetWindowDrawList(), f, fs, ImVec2(c.x - std::min(w, max_w) * 0.5f, c.y - fs * 0.5f), col, s, max_w);
}

void TimelineEventMedia(int event, float width, bool report_rect)
{
    const TimelineData* data = GetTimelineData();
    if (!data || event < 0 || event >= (int)data->Tl.Events.size())
        return;
    const Timeline& tl = data->Tl;
    const Event& e = tl.Events[event];
    if (e.Extra == kNoExtra || e.Extra >= tl.Extras.size())
        return;
    const EventExtra& x = tl.Extras[e.Extra];
    TimelineMedia(tl.Str(x.MediaUrl), tl.Str(x.MediaCaption), tl.Str(x.MediaCredit), width, report_rect);
}

void TimelineMedia(const char* url, const char* caption, const char* credit, float width, bool report_rect)
{
    url = url ? url : "";
    caption = caption ? caption : "";
    credit = credit ? credit : "";
    if ((!url[0] && !caption[0] && !credit[0]) || width <= 0.0f)
        return;
    const float S = GetTimelineScale(), fs = ImGui::GetFontSize();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 dim = GetColorU32(TimelineCol_TextDim), border = GetColorU32(TimelineCol_PanelBorder),
                fill = GetColorU32(TimelineCol_Grid, 0.6f);
    const float round = 4.0f * S;
    ImGui::Spacing();
    if (url[0]) {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const MediaInfo mi = ClassifyMedia(url);
        TimelineImage img;
        const bool picture = mi.Kind == MediaKind_Image && GetTimelineImage(url, &img);
        ImVec2 a = p, b = p;
        if (picture && img.Status == TimelineImageStatus_Ready) {
            // scaled to the width, no taller than it is wide
            float w = width, h = width * img.Size.y / img.Size.x;
            if (h > width) {
                h = width;
                w = h * img.Size.x / img.Size.y;
            }
            a = ImVec2(p.x + (width - w) * 0.5f, p.y);
            b = ImVec2(a.x + w, a.y + h);
            dl->AddImage(img.Texture, a, b);
            ImGui::Dummy(ImVec2(width, h));
        } else if (picture) {
            const float h = width * 0.5625f;
            a = p;
            b = ImVec2(p.x + width, p.y + h);
            dl->AddRectFilled(a, b, fill, round);
            dl->AddRect(a, b, border, round);
            const ImVec2 c((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
            PictureSign(dl, ImVec2(c.x, c.y - fs * 0.9f), fs * 2.2f, dim);
            const bool failed = img.Status == TimelineImageStatus_Failed;
            CentredText(ImVec2(c.x, c.y + fs * 1.2f), failed ? "Picture not available" : "Loading picture\xE2\x80\xA6",
                        width - 16.0f * S, dim);
            if (failed && img.Note && img.Note[0])
                CentredText(ImVec2(c.x, c.y + fs * 2.4f), img.Note, width - 16.0f * S, dim);
            ImGui::Dummy(ImVec2(width, h));
        } else {
            // a card: the provider, the link's host, and Open
            const bool video = mi.Kind == MediaKind_Video;
            const float line = ImGui::GetFrameHeightWithSpacing();
            const float h = video ? std::max(width * 0.5625f, line * 3.2f) : line * 2.0f + fs * 1.6f;
            a = p;
            b = ImVec2(p.x + width, p.y + h);
            dl->AddRectFilled(a, b, fill, round);
            dl->AddRect(a, b, border, round);
            const float pad = 10.0f * S;
            if (video) {
                const ImVec2 c((a.x + b.x) * 0.5f, a.y + (h - line * 2.0f) * 0.5f);
                const float r = std::min(fs * 1.3f, (h - line * 2.0f) * 0.4f);
                dl->AddCircleFilled(c, r, dim, 24);
                dl->AddTriangleFilled(ImVec2(c.x - r * 0.35f, c.y - r * 0.5f), ImVec2(c.x - r * 0.35f, c.y + r * 0.5f),
                                      ImVec2(c.x + r * 0.55f, c.y), GetColorU32(TimelineCol_PanelBg));
            }
            std::string name = mi.Kind == MediaKind_Image ? std::string("Picture") : std::string(mi.Provider);
            if (mi.Kind == MediaKind_Video && strcmp(mi.Provider, "Video file") != 0)
                name += " video";
            const float text_y = b.y - line * 2.0f - (video ? 0.0f : fs * 0.2f);
            ImGui::SetCursorScreenPos(ImVec2(a.x + pad, text_y + (video ? 0.0f : fs * 0.4f)));
            ImGui::PushFont(GetTimelineFont(TimelineFont_Bold));
            DrawTimelineText(dl, ImGui::GetFont(), fs, ImGui::GetCursorScreenPos(), GetColorU32(TimelineCol_Text),
                             name.c_str(), width - 2 * pad);
            ImGui::PopFont();
            const float row2 = text_y + line;
            if (mi.Kind == MediaKind_Embed) {
                DrawTimelineText(dl, ImGui::GetFont(), fs, ImVec2(a.x + pad, row2 + fs * 0.2f), dim,
                                 "Embed code is not shown here", width - 2 * pad);
            } else {
                float bw = 0.0f;
                if (IsOpenableLink(url)) {
                    ImGui::SetCursorScreenPos(ImVec2(a.x + pad, row2));
                    ImGui::PushID("media-open");
                    if (ImGui::SmallButton("Open \xE2\x80\xBA"))
                        OpenTimelineLink(url);
                    if (ImGui::IsItemHovered())
                        ImGui::SetTooltip("%s", Utf8Truncate(url, 300).c_str());
                    ImGui::PopID();
                    bw = ImGui::GetItemRectSize().x + pad;
                }
                if (!mi.Host.empty())
                    DrawTimelineText(dl, ImGui::GetFont(), fs, ImVec2(a.x + pad + bw, row2 + fs * 0.1f), dim,
                                     Utf8Truncate(mi.Host.c_str(), kHostChars).c_str(), width - 2 * pad - bw);
            }
            ImGui::SetCursorScreenPos(p);
            ImGui::Dummy(ImVec2(width, h));
        }
        if (report_rect)
            SetTimelineMediaRect(a, b);
    }
    if (caption[0])
        TimelineTextWrapped(Utf8Truncate(caption, kShortChars).c_str(), nullptr, width);
    if (credit[0]) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
        TimelineTextWrapped(Utf8Truncate(credit, kShortChars).c_str(), nullptr, width);
        ImGui::PopStyleColor();
    }
}

} // namespace chronoscope
