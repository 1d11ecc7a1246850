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

#include "ui/chronoscope.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
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

// The platform's rasteriser. Rasterise draws s (UTF-8, n bytes) at px device pixels (the em size, as CSS's
// font-size and FreeType's pixel size are; TextRuns converts from ImGui's sizes, which are line heights) in colour (ImU32 layout,
// 0xAABBGGRR; alpha is ignored) with RunFlags_, on one line (wrap_px 0) or wrapped at wrap_px; it answers
// RunResult_Pending while fonts it needs are still loading (ask again later), RunResult_Failed when it cannot.
// CountMissing counts the characters of s that none of its fonts has.
struct TextRasteriser {
    int  (*Rasterise)(const char* s, size_t n, float px, uint32_t color, int flags, float wrap_px, RunBitmap* out,
                      void* user) = nullptr;
    int  (*CountMissing)(const char* s, size_t n, void* user) = nullptr;
    void* User = nullptr;
};

// ------------------------------------------------------------------------------------------------ the run cache
//
// Runs are packed on shelves into pages (square RGBA8 textures, PageSize device pixels), each run with a clear
// pixel around it so that filtering never reads a neighbour. A run is keyed by its bytes, its size in device
// pixels, its colour (RGB), flags and wrap width; a request that only measures (TimelineTextFlags_Measure) is
// answered by a run of the same text in any colour. A run asked for the first time is rasterised at once (at most
// RasteriseBudget a frame: more answer Pending and the next frame goes on); one the rasteriser answers Pending for
// waits for TextRunsFontsChanged. Pages stay up to CapBytes: when a run fits in no page and a new one would pass
// the cap, the page used longest ago (none that this frame drew from) is emptied and reused. A run larger than a
// page gets a page of its own.
//
//   TextRuns runs; runs.Rasteriser = ...; runs.Textures = ...; runs.DpiScale = dpr;
//   SetTimelineTextProvider(&TextRunsGet, &runs);
//   each frame: TextRunsNewFrame(&runs); ... draw ...; if (runs.WantFrame) draw another frame soon
//   fonts arrived: TextRunsFontsChanged(&runs)      the pixel ratio changed: set DpiScale (the key has it)

// The platform's textures for the pages (ImTextureID is the texture's id).
struct TextRunTextures {
    uint64_t (*Create)(int width, int height, void* user) = nullptr;  // an RGBA8 texture; 0: it could not
    // Writes w x h pixels (straight RGBA8, rows top down, w * 4 bytes each) at (x, y), rows counted from the top.
    void     (*Update)(uint64_t texture, int x, int y, int w, int h, const uint8_t* rgba, void* user) = nullptr;
    void     (*Free)(uint64_t texture, void* user) = nullptr;
    void*    User = nullptr;
};

struct TextRuns {
    struct Shelf { int Y = 0, H = 0, X = 0; };
    struct Page {
        uint64_t           Texture = 0;
        int                W = 0, H = 0;
        std::vector<Shelf> Shelves;
        int                Bottom = 0;    // below the last shelf
        uint64_t           Used = 0;      // the frame a run was last drawn from it
        bool               Solo = false;  // one run larger than PageSize
    };
    struct Entry {
        int      Status = RunResult_Pending;   // RunResult_
        int      Page = -1;                    // index into Pages (Ready, with pixels)
        int      X = 0, Y = 0, W = 0, H = 0;   // in the page, device pixels
        float    Ascent = 0.0f;                // device pixels
        bool     RightToLeft = false;
        int      Missing = 0;
        uint64_t Used = 0;
    };
    struct Metrics { int W = 0, H = 0; float Ascent = 0.0f; bool RightToLeft = false; };

    TextRasteriser  Rasteriser;
    TextRunTextures Textures;
    float           DpiScale = 1.0f;          // device pixels per frame unit
    float           EmScale = 1.0f;           // em per unit of the widget's text size: ImGui sizes a font by its
                                              // line height (hhea ascender - descender), so the atlas font's
                                              // unitsPerEm / (ascender - descender) (UiFontEmScale)
    int             PageSize = 1024;
    size_t          CapBytes = (size_t)24 << 20;   // of pages (16 MB: 4 pages of 1024 x 1024)
    int             RasteriseBudget = 64;     // runs rasterised per frame
    uint64_t        Frame = 1;
    int             RasterisedThisFrame = 0;
    bool            WantFrame = false;        // a run answered Pending will be ready next frame: draw one
    int             WaitingFonts = 0;         // runs the rasteriser answered Pending for (fonts loading)
    size_t          Bytes = 0;                // of the pages
    std::vector<Page> Pages;                  // (a freed page stays as an empty slot: Texture 0)
    std::unordered_map<std::string, Entry>   Map;       // by TextRunKey
    std::unordered_map<std::string, Metrics> Measured;  // by the key without colour
    std::vector<uint8_t> Scratch;             // a run with its clear border
};

// The widget's provider: pass &runs as the user data (chronoscope.h SetTimelineTextProvider).
void TextRunsGet(const char* text, const char* text_end, float size, ImU32 color, int flags, float wrap_width,
                 TimelineTextRun* out, void* runs);
void TextRunsNewFrame(TextRuns* runs);       // before each frame
void TextRunsFontsChanged(TextRuns* runs);   // fonts arrived: runs waiting for them (and failed ones) are asked again
void TextRunsClear(TextRuns* runs);          // frees every page and forgets every run
// Characters of [s, s + n) the rasteriser's fonts lack (0 without a rasteriser that counts).
int  TextRunsCountMissing(const TextRuns* runs, const char* s, size_t n);

} // namespace chronoscope
