// Chronoscope app: text the widget's ImGui font cannot draw, shaped and rasterised whole by the platform.
//
// Dear ImGui draws one glyph per character, left to right, from an atlas baked beforehand: right for Latin, Greek
// and Cyrillic, wrong for joined and right-to-left scripts (Arabic, Hebrew), shaped ones (Devanagari, Thai),
// emoji sequences and the tens of thousands of CJK characters. The widget hands such text to its text provider
// (ui/chronoscope.h SetTimelineTextProvider); the app answers from a cache of runs packed into atlas textures, and
// a run it has not seen is drawn by the platform's rasteriser:
//   native: HarfBuzz shapes, FriBidi orders, FreeType draws with the Noto fonts (src/platform/text_native.cpp);
//   web:    the browser's own text engine draws on a canvas with Noto slices fetched by Unicode range
//           (web/src/text.js), so only the slices the data needs are ever fetched.
//
// A run is drawn once in its colour (colour emoji keep theirs) at the device pixel size; the widget tints it with
// white at the label's alpha.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace chronoscope {

enum RunFlags_ { RunFlags_None = 0, RunFlags_Bold = 1 << 0 };
enum RunResult_ { RunResult_Ready, RunResult_Pending, RunResult_Failed };

// One rasterised run, in device pixels: straight (not premultiplied) RGBA8, rows top down.
struct RunBitmap {
    int                  Width = 0, Height = 0;
    float                Ascent = 0.0f;        // from the top row to the baseline
    bool                 RightToLeft = false;  // the paragraph's direction (first strong character)
    int                  Missing = 0;          // characters no font could draw (drawn as the fonts' .notdef)
    std::vector<uint8_t> Rgba;
};

// The platform's rasteriser. Rasterise draws s (UTF-8, n bytes) at px device pixels in colour (ImU32 layout,
// 0xAABBGGRR; alpha is ignored) with RunFlags_, on one line (wrap_px 0) or wrapped at wrap_px; it answers
// RunResult_Pending while fonts it needs are still loading (ask again later), RunResult_Failed when it cannot.
// CountMissing counts the characters of s that none of its fonts has.
struct TextRasteriser {
    int  (*Rasterise)(const char* s, size_t n, float px, uint32_t color, int flags, float wrap_px, RunBitmap* out,
                      void* user) = nullptr;
    int  (*CountMissing)(const char* s, size_t n, void* user) = nullptr;
    void* User = nullptr;
};

} // namespace chronoscope
