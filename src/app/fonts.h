// Chronoscope app: the product's fonts.
//
// The UI typeface is Noto Sans (regular and bold, from Debian's fonts-noto-core; the web build copies the
// files next to the page). The atlas holds exactly the characters the data uses, plus Latin-1 and the
// punctuation the labels need, so a Korean title renders as Hangul, not "?", without a 10 MB atlas.
// Characters that Noto Sans lacks (Hangul, CJK) come from a CJK font (NanumGothic), merged in only when the
// data needs it; the web page fetches that font only then (UiCharSet::NeedsCjk).
//
// Fonts are rasterised at size * dpi_scale and drawn with io.FontGlobalScale = 1 / dpi_scale, so text stays
// crisp on high-DPI screens. The product hands them to the timeline widget through its style (the widget itself
// uses whatever fonts it is given).
#pragma once

#include "core/model.h"

#include <vector>

struct ImFont;

namespace chronoscope {

struct UiFonts {
    ImFont* Regular = nullptr;
    ImFont* Bold = nullptr;      // titles, headers
    ImFont* Small = nullptr;     // axis labels, counts
    float   Size = 15.0f;        // logical pixel size of Regular
    bool    HaveCjk = false;
};

// The characters of a timeline's text (Basic Multilingual Plane), collected once per load: the atlas is rebuilt
// from it whenever the pixel ratio changes, without reading the text again.
struct UiCharSet {
    std::vector<uint8_t> Seen;        // 0x10000 flags, or empty
    bool                 NeedsCjk = false;  // Hangul or CJK characters (which Noto Sans does not carry)
};

void     UiCollectChars(const Timeline& tl, UiCharSet* out);
bool     UiAddChars(UiCharSet* set, const char* utf8);   // true if any character was new (rebuild the fonts)
// Rebuilds the atlas (call before ImGui::NewFrame, then recreate the renderer's font texture) with the UI's own
// characters and those of `chars` (may be null), into *out. Missing or non-font files fall back to ImGui's
// built-in font; cjk_path may be null.
// The em size per pixel of an ImGui size of font f (unitsPerEm / (hhea ascender - descender) of its file): ImGui
// sizes fonts by their line height, CSS and FreeType by their em. 1 when the file cannot be read.
float UiFontEmScale(const ImFont* f);
void UiBuildFonts(const UiCharSet* chars, const char* regular_path, const char* bold_path, const char* cjk_path,
                  float size, float dpi_scale, UiFonts* out);

} // namespace chronoscope
