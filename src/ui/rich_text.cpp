// Chronoscope widget part: formatted text (see rich_text.h). The HTML is read once while it is shown (a cache of
// one), and each frame lays out only the characters it draws: words measured one by one, wrapped at the width.
#include "ui/rich_text.h"

#include "core/html_text.h"
#include "core/utf8.h"
#include "ui/chronoscope.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

namespace chronoscope {

namespace {

// Keyed by the HTML itself: a reload may put other text at the same place of the same Timeline.
struct Cache {
    std::string Html;
    RichText    Text;
    bool        Valid = false;
};

const RichText* ReadOnce(const char* html)
{
    static Cache c;
    if (!c.Valid || c.Html != html) {
        c.Html = html;
        c.Text = RichTextFromHtml(c.Html.data(), c.Html.size());
        c.Valid = true;
    }
    return &c.Text;
}

} // namespace

bool TimelineRichText(const Timeline& tl, const Event& e, size_t max_chars, bool* more)
{
    *more = false;
    if (e.Extra == kNoExtra || e.Extra >= tl.Extras.size() || !tl.Extras[e.Extra].TextHtml)
        return false;
    return TimelineRichTextHtml(tl.Str(tl.Extras[e.Extra].TextHtml), max_chars, more);
}

bool TimelineRichTextHtml(const char* html, size_t max_chars, bool* more)
{
    *more = false;
    if (!html || !html[0])
        return false;
    const RichText& t = *ReadOnce(html);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* regular = ImGui::GetFont();
    ImFont* bold = GetTimelineFont(TimelineFont_Bold);
    const float size = ImGui::GetFontSize(), line = ImGui::GetTextLineHeightWithSpacing();
    const ImU32 text_col = ImGui::GetColorU32(ImGuiCol_Text), link_col = GetColorU32(TimelineCol_Accent);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float right = origin.x + ImGui::GetContentRegionAvail().x;
    float y = origin.y;
    size_t budget = max_chars;
    // Right to left, a line is laid out from the left as usual and then moved to end at the right edge (less the
    // block's indent); its bullet or number goes at its right, and its links take the pointer once it is placed.
    const bool rtl = IsTimelineRightToLeft();
    struct LinkBox { ImVec2 A, Z; const char* Url; };
    std::vector<LinkBox> line_links;
    int line_vtx = dl->VtxBuffer.Size;
    float line_end = 0.0f;   // where the line's last word ends
    auto link_hover = [](ImVec2 a, ImVec2 z, const char* url) {
        if (ImGui::IsWindowHovered() && ImGui::IsMouseHoveringRect(a, z)) {
            ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
            ImGui::SetTooltip("%s", Utf8Truncate(url, 300).c_str());
            if (ImGui::IsMouseClicked(ImGuiMouseButton_Left))
                OpenTimelineLink(url);
        }
    };
    auto end_line = [&](float x0) {
        if (!rtl)
            return;
        const float dx = right - (x0 - origin.x) - line_end;
        for (int v = line_vtx; v < dl->VtxBuffer.Size; v++)
            dl->VtxBuffer[v].pos.x += dx;
        for (const LinkBox& l : line_links)
            link_hover(ImVec2(l.A.x + dx, l.A.y), ImVec2(l.Z.x + dx, l.Z.y), l.Url);
        line_links.clear();
        line_vtx = dl->VtxBuffer.Size;
        line_end = x0;
    };
    for (size_t bi = 0; bi < t.Blocks.size() && !*more; bi++) {
        const RichBlock& b = t.Blocks[bi];
        if (bi)
            y += line * 0.35f;  // between paragraphs and items
        const float x0 = origin.x + b.Depth * size * 1.3f;
        const float mirror = rtl ? origin.x + right : 0.0f;  // right to left: x -> mirror - x
        if (b.Kind == RichBlock_Bullet) {
            const float bx = x0 - size * 0.55f;
            dl->AddCircleFilled(ImVec2(rtl ? mirror - bx : bx, y + size * 0.55f), size * 0.14f, text_col, 8);
        } else if (b.Kind == RichBlock_Numbered) {
            std::string n = std::to_string(b.Number) + ".";
            float w = regular->CalcTextSizeA(size, FLT_MAX, 0.0f, n.c_str()).x;
            dl->AddText(regular, size, ImVec2(rtl ? mirror - (x0 - size * 0.3f) : x0 - size * 0.3f - w, y), text_col, n.c_str());
        }
        // a paragraph the ImGui fonts cannot draw goes to the text provider whole, wrapped at the width, in the
        // regular face and the text colour (its bold, italic and links are not shown apart)
        if (b.SpanCount > 0) {
            const char* p = t.Text.data() + t.Spans[b.FirstSpan].Begin;
            const char* end = t.Text.data() + t.Spans[b.FirstSpan + b.SpanCount - 1].End;
            size_t chars = Utf8CountChars(p, (size_t)(end - p));
            if (chars > budget) {
                end = p + Utf8PrefixBytes(p, budget);   // (stops at the first NUL: the model's text has none)
                if (end > t.Text.data() + t.Spans[b.FirstSpan + b.SpanCount - 1].End)
                    end = t.Text.data() + t.Spans[b.FirstSpan + b.SpanCount - 1].End;
                chars = budget;
                *more = true;
            }
            TimelineTextRun run;
            if (GetTimelineTextRun(p, end, size, text_col, 0, std::max(right - x0, size), &run) &&
                run.Status != TimelineTextRunStatus_Failed) {
                budget -= chars;
                if (run.Status == TimelineTextRunStatus_Ready) {
                    const float k = ImGui::GetIO().DisplayFramebufferScale.y > 0.0f ? ImGui::GetIO().DisplayFramebufferScale.y : 1.0f;
                    const float top = std::floor((y + regular->Ascent * (size / regular->FontSize) - run.Ascent) * k + 0.5f) / k;
                    const float x = run.RightToLeft || rtl ? std::max(right - run.Size.x, x0) : x0;
                    dl->AddImage(run.Texture, ImVec2(x, top), ImVec2(x + run.Size.x, top + run.Size.y), run.Uv0,
                                 run.Uv1, IM_COL32(255, 255, 255, (text_col >> IM_COL32_A_SHIFT) & 0xFF));
                    y = std::max(y + line, top + run.Size.y + (line - size));
                } else {
                    y += line;
                }
                continue;
            }
        }
        line_vtx = dl->VtxBuffer.Size;
        line_end = x0;
        float x = x0;
        for (uint32_t si = 0; si < b.SpanCount && !*more; si++) {
            const RichSpan& s = t.Spans[b.FirstSpan + si];
            ImFont* font = (s.Style & RichStyle_Bold) && bold ? bold : regular;
            const ImU32 col = s.Link ? link_col : text_col;
            const char* p = t.Text.data() + s.Begin;
            const char* end = t.Text.data() + s.End;
            while (p < end) {
                if (*p == '\n') {
                    end_line(x0);
                    x = x0;
                    y += line;
                    p++;
                    continue;
                }
                // a word and the space after it
                const char* q = p;
                while (q < end && *q != ' ' && *q != '\n')
                    q++;
                const char* word_end = q;
                if (q < end && *q == ' ')
                    q++;
                size_t chars = Utf8CountChars(p, (size_t)(q - p));
                if (chars > budget) {
                    *more = true;
                    break;
                }
                budget -= chars;
                float w = font->CalcTextSizeA(size, FLT_MAX, 0.0f, p, word_end).x;
                float w_all = font->CalcTextSizeA(size, FLT_MAX, 0.0f, p, q).x;
                if (x > x0 && x + w > right) {
                    end_line(x0);
                    x = x0;
                    y += line;
                }
                int vtx = dl->VtxBuffer.Size;
                dl->AddText(font, size, ImVec2(x, y), col, p, word_end);
                if (s.Style & RichStyle_Italic)  // slanted about the baseline: the fonts have no italic face
                    for (int v = vtx; v < dl->VtxBuffer.Size; v++)
                        dl->VtxBuffer[v].pos.x += (y + size * 0.8f - dl->VtxBuffer[v].pos.y) * 0.2f;
                if (s.Link) {
                    const char* url = t.Links[s.Link - 1].c_str();
                    ImVec2 a(x, y), z(x + w_all, y + size);
                    const float under = q < end ? w_all : w;  // through the spaces inside the link
                    dl->AddLine(ImVec2(x, y + size), ImVec2(x + under, y + size), link_col);
                    if (rtl)
                        line_links.push_back({ a, z, url });
                    else
                        link_hover(a, z, url);
                }
                line_end = x + w;
                x += w_all;
                p = q;
            }
        }
        end_line(x0);
        y += line;
    }
    ImGui::Dummy(ImVec2(right - origin.x, y - origin.y));
    return true;
}

} // namespace chronoscope
