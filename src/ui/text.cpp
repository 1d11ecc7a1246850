// Chronoscope widget: measuring and drawing labels.
//
// Every label of the plot goes through here, so that how text is measured and cut is decided in one place.
#include "ui/chronoscope_internal.h"

#include "core/utf8.h"

#include <cstring>
#include <string>

namespace chronoscope {

float TextWidth(ImFont* font, float size, const char* s, const char* e)
{
    return font->CalcTextSizeA(size, FLT_MAX, 0.0f, s, e).x;
}

// Draws s, or as much of it as fits in max_w followed by an ellipsis (nothing when not even a character fits).
void DrawClippedText(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 col, const char* s, float max_w)
{
    float tw = TextWidth(font, size, s);
    if (tw <= max_w) {
        dl->AddText(font, size, pos, col, s);
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
    const char* e = s + strlen(s);
    const char* cut = s;
    float ell = TextWidth(font, size, ellipsis.c_str());
    const char* p = s;
    while (p < e) {
        const char* q = p + 1;
        while (q < e && Utf8IsContinuation((unsigned char)*q))
            q++;
        if (TextWidth(font, size, s, q) + ell > max_w)
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
