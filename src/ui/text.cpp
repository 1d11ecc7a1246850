// Chronoscope widget: measuring and drawing labels.
//
// Every label of the plot goes through here, so that how text is measured and cut is decided in one place. A
// label's cost follows the room it may take, never the length of its string: a 5 MB title costs what the few
// dozen characters that fit do. Only the bytes that could fit are looked at (no glyph is narrower than
// kMinGlyphShare of the text size, so a label max_w wide holds at most max_w / (size * kMinGlyphShare)
// characters, at most 4 bytes each).
//
// Text the ImGui font cannot draw right (core/script.h) goes to the host's text provider as a run (chronoscope.h,
// [SECTION] Text runs): the same prefix that could fit, rounded up to a few lengths so that a label whose room
// changes every frame (while zooming) keeps asking for the same run.
#include "ui/chronoscope_internal.h"

#include "imgui_internal.h"   // the window's text wrap position, as ImGui::TextUnformatted reads it

#include "core/script.h"
#include "core/utf8.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

namespace chronoscope {

static const float kMinGlyphShare = 0.1f;
static const size_t kRunMinChars = 64;   // a run's prefix: the whole text up to this, else a power of two above it

// The end of what of s could show in max_w: the whole string when it is shorter than that bound.
static const char* LabelEnd(const char* s, float size, float max_w)
{
    if (!(max_w < 1e7f) || size <= 0.0f)
        return s + strlen(s);
    size_t chars = (size_t)(max_w / (size * kMinGlyphShare)) + 16;
    return s + strnlen(s, chars * 4);
}

// The end of the run for a label of s in max_w: the whole string when it is short enough, else the first
// 2^k characters (k the least with 2^k >= the most that could fit, and 2^k >= kRunMinChars). *cut: s goes on.
static const char* RunEnd(const char* s, float size, float max_w, bool* cut)
{
    *cut = false;
    if (!(max_w < 1e7f) || size <= 0.0f)
        return s + strlen(s);
    size_t chars = (size_t)(max_w / (size * kMinGlyphShare)) + 16, want = kRunMinChars;
    while (want < chars)
        want *= 2;
    size_t n = Utf8PrefixBytes(s, want);
    *cut = s[n] != 0;
    return s + n;
}

// ------------------------------------------------------------------------------------------------ runs

static int FontFlags(ImFont* font)
{
    ImFont* bold = GetTimelineFont(TimelineFont_Bold);
    return font && font == bold && bold != GetTimelineFont(TimelineFont_Regular) ? TimelineTextFlags_Bold : 0;
}

void SetTimelineTextProvider(TimelineTextGetter getter, void* user_data)
{
    Ctx()->TextGetter = getter;
    Ctx()->TextUser = user_data;
}

bool GetTimelineTextRun(const char* text, const char* text_end, float size, ImU32 color, int flags, float wrap_width,
                        TimelineTextRun* out)
{
    *out = TimelineTextRun();
    TimelineContext* ctx = Ctx();
    if (!ctx->TextGetter || !text || !TextNeedsRun(text, text_end))
        return false;
    if (!text_end)
        text_end = text + strlen(text);
    ctx->TextGetter(text, text_end, size, color, flags, wrap_width, out, ctx->TextUser);
    if (out->Status == TimelineTextRunStatus_Ready &&
        (!(out->Size.x >= 0.0f) || !(out->Size.y >= 0.0f) ||
         (!(flags & TimelineTextFlags_Measure) && !out->Texture && out->Size.x > 0.0f)))
        out->Status = TimelineTextRunStatus_Failed;  // nothing the widget could draw
    return true;
}

// The run of [s, e) for drawing or measuring (col: its colour, or the likely one); false: the ImGui path.
static bool LabelRun(ImFont* font, float size, const char* s, const char* e, ImU32 col, bool measure,
                     TimelineTextRun* r)
{
    int flags = FontFlags(font) | (measure ? TimelineTextFlags_Measure : 0);
    return GetTimelineTextRun(s, e, size, col, flags, 0.0f, r) && r->Status != TimelineTextRunStatus_Failed;
}

static float Snap(float v)
{
    float k = ImGui::GetIO().DisplayFramebufferScale.x;
    if (!(k > 0.0f))
        k = 1.0f;
    return std::floor(v * k + 0.5f) / k;
}

// Draws run r with its top left at `at`, showing `show` of its width: its start (the left part of a left-to-right
// run, the right part of a right-to-left one) at [at.x, at.x + show]; a cut run fades out over its last `fade`.
static void DrawRun(ImDrawList* dl, const TimelineTextRun& r, ImVec2 at, ImU32 col, float show, float fade)
{
    if (!r.Texture || r.Size.x <= 0.0f || r.Size.y <= 0.0f || show <= 0.0f)
        return;
    const ImU32 a = col & IM_COL32_A_MASK;
    const ImU32 solid = IM_COL32(255, 255, 255, 0) | a, clear = IM_COL32(255, 255, 255, 0);
    const float x0 = Snap(at.x), y0 = Snap(at.y), y1 = y0 + r.Size.y;
    show = std::min(show, r.Size.x);
    fade = std::min(fade, show);
    // the run's own x (0..Size.x) shown at x0
    const float from = r.RightToLeft ? r.Size.x - show : 0.0f;
    auto u = [&](float x) { return r.Uv0.x + (r.Uv1.x - r.Uv0.x) * (x / r.Size.x); };
    auto quad = [&](float a0, float a1, ImU32 c0, ImU32 c1) {   // run x a0..a1 with colours at its left and right
        if (a1 <= a0)
            return;
        const ImDrawIdx i = (ImDrawIdx)dl->_VtxCurrentIdx;
        dl->PrimReserve(6, 4);
        dl->PrimWriteIdx(i); dl->PrimWriteIdx((ImDrawIdx)(i + 1)); dl->PrimWriteIdx((ImDrawIdx)(i + 2));
        dl->PrimWriteIdx(i); dl->PrimWriteIdx((ImDrawIdx)(i + 2)); dl->PrimWriteIdx((ImDrawIdx)(i + 3));
        const float sx0 = x0 + a0 - from, sx1 = x0 + a1 - from;
        dl->PrimWriteVtx(ImVec2(sx0, y0), ImVec2(u(a0), r.Uv0.y), c0);
        dl->PrimWriteVtx(ImVec2(sx1, y0), ImVec2(u(a1), r.Uv0.y), c1);
        dl->PrimWriteVtx(ImVec2(sx1, y1), ImVec2(u(a1), r.Uv1.y), c1);
        dl->PrimWriteVtx(ImVec2(sx0, y1), ImVec2(u(a0), r.Uv1.y), c0);
    };
    dl->PushTextureID(r.Texture);
    if (fade <= 0.0f) {
        quad(from, from + show, solid, solid);
    } else if (r.RightToLeft) {   // kept: the right part; fades toward its left end
        quad(from, from + fade, clear, solid);
        quad(from + fade, from + show, solid, solid);
    } else {
        quad(0.0f, show - fade, solid, solid);
        quad(show - fade, show, solid, clear);
    }
    dl->PopTextureID();
}

// Where a run's top goes for text whose line starts at pos.y in font at size: baselines agree.
static float RunTop(ImFont* font, float size, float pos_y, const TimelineTextRun& r)
{
    const float scale = font && font->FontSize > 0.0f ? size / font->FontSize : 1.0f;
    return pos_y + (font ? font->Ascent * scale : size * 0.8f) - r.Ascent;
}

// ------------------------------------------------------------------------------------------------ labels

float TextWidth(ImFont* font, float size, const char* s, const char* e)
{
    TimelineTextRun r;
    if (LabelRun(font, size, s, e, GetColorU32(TimelineCol_Text), true, &r) && r.Status == TimelineTextRunStatus_Ready)
        return r.Size.x;
    return font->CalcTextSizeA(size, FLT_MAX, 0.0f, s, e).x;
}

float LabelWidth(ImFont* font, float size, const char* s, float max_w)
{
    bool cut = false;
    const char* run_end = RunEnd(s, size, max_w, &cut);
    TimelineTextRun r;
    if (LabelRun(font, size, s, run_end, GetColorU32(TimelineCol_Text), true, &r) &&
        r.Status == TimelineTextRunStatus_Ready)
        return cut ? std::max(r.Size.x, max_w + 1.0f) : r.Size.x;
    return font->CalcTextSizeA(size, FLT_MAX, 0.0f, s, LabelEnd(s, size, max_w)).x;
}

// Draws s (up to e): the plot's text, which reads the right way in a mirrored plot (UprightScope), through the
// text provider when it needs a run.
void DrawText(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 col, const char* s, const char* e)
{
    UprightScope upright(dl);
    TimelineTextRun r;
    if (LabelRun(font, size, s, e, col, false, &r)) {
        if (r.Status == TimelineTextRunStatus_Ready)
            DrawRun(dl, r, ImVec2(pos.x, RunTop(font, size, pos.y, r)), col, r.Size.x, 0.0f);
        return;   // (Pending: the room stays empty until it is ready)
    }
    dl->AddText(font, size, pos, col, s, e);
}

// Draws s, or as much of it as fits in max_w followed by an ellipsis (nothing when not even a character fits).
void DrawClippedText(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 col, const char* s, float max_w)
{
    UprightScope upright(dl);   // (whichever way it draws)
    {
        bool cut = false;
        const char* run_end = RunEnd(s, size, max_w, &cut);
        TimelineTextRun r;
        if (LabelRun(font, size, s, run_end, col, false, &r)) {
            if (r.Status != TimelineTextRunStatus_Ready)
                return;
            const float top = RunTop(font, size, pos.y, r);
            if (!cut && r.Size.x <= max_w)
                DrawRun(dl, r, ImVec2(pos.x, top), col, r.Size.x, 0.0f);
            else if (max_w >= size * 1.5f)
                DrawRun(dl, r, ImVec2(pos.x, top), col, max_w, std::min(size * 1.5f, max_w * 0.4f));
            return;
        }
    }
    auto width_of = [&](const char* a, const char* b) { return font->CalcTextSizeA(size, FLT_MAX, 0.0f, a, b).x; };
    const char* end = LabelEnd(s, size, max_w);
    if (*end == 0 && width_of(s, end) <= max_w) {
        dl->AddText(font, size, pos, col, s, end);
        return;
    }
    if (max_w < size * 1.5f)
        return;
    // cut at a character boundary and add an ellipsis: the font's own (U+2026, or three dots where it has none)
    std::string ellipsis = "...";
    if (font->EllipsisCharCount == 1 && font->EllipsisChar >= 0x80) {
        ellipsis.clear();
        Utf8Append(&ellipsis, font->EllipsisChar);
    }
    const float ell = width_of(ellipsis.c_str(), nullptr);
    const char* cut = s;
    float width = 0.0f;
    for (const char* p = s; p < end;) {
        const char* q = p + 1;
        while (q < end && Utf8IsContinuation((unsigned char)*q))
            q++;
        width += width_of(p, q);
        if (width + ell > max_w)
            break;
        cut = q;
        p = q;
    }
    if (cut == s)
        return;
    std::string t(s, cut);
    t += ellipsis;
    dl->AddText(font, size, pos, col, t.c_str());
}

// ------------------------------------------------------------------------------------------------ parts' text

// ImGui's wrapped text set from the right, for a right-to-left timeline: line by line as ImGui wraps (at spaces,
// within avail), each line ending at the right edge.
static void WrappedFromRight(const char* text, const char* text_end, float avail)
{
    if (!text_end)
        text_end = text + strlen(text);
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    avail = std::max(avail, 1.0f);
    const float x0 = ImGui::GetCursorPosX();
    const char* s = text;
    do {
        const char* nl = (const char*)memchr(s, '\n', (size_t)(text_end - s));
        const char* para_end = nl ? nl : text_end;
        const char* line_end = font->CalcWordWrapPositionA(size / font->FontSize, s, para_end, avail);
        if (line_end <= s)
            line_end = para_end;
        const char* vis_end = line_end;
        while (vis_end > s && (vis_end[-1] == ' ' || vis_end[-1] == '\t'))
            vis_end--;
        const float w = font->CalcTextSizeA(size, FLT_MAX, 0.0f, s, vis_end).x;
        const char* next = line_end;
        while (next < para_end && (*next == ' ' || *next == '\t'))
            next++;
        if (next == para_end && nl)
            next = nl + 1;
        // the lines one line height apart, as ImGui's own wrapped text; the usual spacing after the last
        const bool last = next >= text_end;
        if (!last)
            ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 0.0f));
        ImGui::SetCursorPosX(x0 + std::max(avail - w, 0.0f));
        ImGui::TextUnformatted(s, vis_end);
        if (!last)
            ImGui::PopStyleVar();
        s = next;
    } while (s < text_end);
    ImGui::SetCursorPosX(x0);
}

float TimelineTextWidth(const char* text, const char* text_end)
{
    ImFont* font = ImGui::GetFont();
    TimelineTextRun r;
    if (GetTimelineTextRun(text, text_end, ImGui::GetFontSize(), ImGui::GetColorU32(ImGuiCol_Text),
                           FontFlags(font) | TimelineTextFlags_Measure, 0.0f, &r) &&
        r.Status == TimelineTextRunStatus_Ready)
        return r.Size.x;
    return ImGui::CalcTextSize(text, text_end).x;
}

void TimelineTextUnformatted(const char* text, const char* text_end, ImU32 col)
{
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    const ImU32 c = col ? col : ImGui::GetColorU32(ImGuiCol_Text);
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    const bool wrap = window->DC.TextWrapPos >= 0.0f;   // as ImGui::TextUnformatted wraps
    const float wrap_w = wrap ? std::max(ImGui::CalcWrapWidthForPos(window->DC.CursorPos, window->DC.TextWrapPos), size)
                              : 0.0f;
    TimelineTextRun r;
    if (GetTimelineTextRun(text, text_end, size, c, FontFlags(font), wrap_w, &r) &&
        r.Status != TimelineTextRunStatus_Failed) {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float line = ImGui::GetTextLineHeight();
        if (r.Status == TimelineTextRunStatus_Ready) {
            const float top = RunTop(font, size, p.y, r);
            // a right-to-left paragraph (or any, in a right-to-left timeline) wrapped at the content width sits at its
            // right edge
            const float x = wrap && (r.RightToLeft || IsTimelineRightToLeft()) ? p.x + std::max(wrap_w - r.Size.x, 0.0f) : p.x;
            DrawRun(ImGui::GetWindowDrawList(), r, ImVec2(x, top), c, r.Size.x, 0.0f);
            ImGui::Dummy(ImVec2(r.Size.x, std::max(line, top + r.Size.y - p.y)));
        } else {
            ImGui::Dummy(ImVec2(wrap_w > 0.0f ? wrap_w : size, line));
        }
        return;
    }
    if (col)
        ImGui::PushStyleColor(ImGuiCol_Text, col);
    if (wrap && IsTimelineRightToLeft())
        WrappedFromRight(text, text_end, wrap_w);
    else
        ImGui::TextUnformatted(text, text_end);
    if (col)
        ImGui::PopStyleColor();
}

} // namespace chronoscope
