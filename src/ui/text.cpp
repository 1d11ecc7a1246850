// Chronoscope widget: measuring and drawing labels.
//
// Every label of the plot goes through here, so that how text is measured and cut is decided in one place. A
// label's cost follows the room it may take, never the length of its string: a 5 MB title costs what the few
// dozen characters that fit do. Only the bytes that could fit are looked at (no glyph is narrower than
// kMinGlyphShare of the text size, so a label max_w wide holds at most max_w / (size * kMinGlyphShare)
// characters, at most 4 bytes each).
#include "ui/chronoscope_internal.h"

#include "core/utf8.h"

#include <cstring>
#include <string>

namespace chronoscope {

static const float kMinGlyphShare = 0.1f;

// The end of what of s could show in max_w: the whole string when it is shorter than that bound.
static const char* LabelEnd(const char* s, float size, float max_w)
{
    if (!(max_w < 1e7f) || size <= 0.0f)
        return s + strlen(s);
    size_t chars = (size_t)(max_w / (size * kMinGlyphShare)) + 16;
    return s + strnlen(s, chars * 4);
}

float TextWidth(ImFont* font, float size, const char* s, const char* e)
{
    return font->CalcTextSizeA(size, FLT_MAX, 0.0f, s, e).x;
}

float LabelWidth(ImFont* font, float size, const char* s, float max_w)
{
    return TextWidth(font, size, s, LabelEnd(s, size, max_w));
}

// Draws s (up to e): the plot's text, which reads the right way in a mirrored plot (UprightScope).
void DrawText(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 col, const char* s, const char* e)
{
    UprightScope upright(dl);
    dl->AddText(font, size, pos, col, s, e);
}

// Draws s, or as much of it as fits in max_w followed by an ellipsis (nothing when not even a character fits).
void DrawClippedText(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 col, const char* s, float max_w)
{
    UprightScope upright(dl);   // (whichever way it draws)
    const char* end = LabelEnd(s, size, max_w);
    if (*end == 0 && TextWidth(font, size, s, end) <= max_w) {
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
    const float ell = TextWidth(font, size, ellipsis.c_str());
    const char* cut = s;
    float width = 0.0f;
    for (const char* p = s; p < end;) {
        const char* q = p + 1;
        while (q < end && Utf8IsContinuation((unsigned char)*q))
            q++;
        width += TextWidth(font, size, p, q);
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

} // namespace chronoscope
