// Chronoscope UI: fonts.
//
// The UI typeface is Noto Sans (regular and bold, from Debian's fonts-noto-core; the web build copies the
// files next to the page). The atlas holds exactly the characters the data uses, plus Latin-1 and the
// punctuation the labels need, so a Korean title renders as Hangul, not "?", without a 10 MB atlas.
// Characters that Noto Sans lacks (Hangul, CJK) come from a CJK font (NanumGothic), merged in only when the
// data needs it; the web page fetches that font only then (UiDataNeedsCjk).
//
// Fonts are rasterised at size * dpi_scale and drawn with io.FontGlobalScale = 1 / dpi_scale, so text stays
// crisp on high-DPI screens.
#pragma once

#include "core/model.h"

struct ImFont;

namespace cs {

struct UiFonts {
    ImFont* Regular = nullptr;
    ImFont* Bold = nullptr;      // titles, headers
    ImFont* Small = nullptr;     // axis labels, counts
    float   Size = 15.0f;        // logical pixel size of Regular
    bool    HaveCjk = false;
};

UiFonts* UiGetFonts();
// Rebuilds the atlas (call before ImGui::NewFrame, then recreate the renderer's font texture).
// Missing font files fall back to ImGui's built-in font; cjk_path may be null.
void UiBuildFonts(const Timeline* tl, const char* regular_path, const char* bold_path, const char* cjk_path,
                  float size, float dpi_scale);
// True when the data has characters of Hangul or CJK blocks (which Noto Sans does not carry).
bool UiDataNeedsCjk(const Timeline& tl);

} // namespace cs
