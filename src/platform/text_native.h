// Chronoscope platform: the native text rasteriser (app/text_runs.h TextRasteriser) with HarfBuzz, FriBidi and
// FreeType over the Noto fonts Debian ships.
//
//   UTF-8 -> code points (core/utf8.h)
//         -> FriBidi: embedding levels, the paragraph's direction from its first strong character
//         -> lines (wrap_px > 0: a line may break after a space, and between two characters when either is a CJK
//            ideograph, kana or Hangul syllable, except before CJK closing or after CJK opening punctuation; a
//            word wider than the line breaks between its clusters)
//         -> runs of one bidi level, script and font, in visual order (UAX #9 L2; trailing spaces dropped)
//         -> HarfBuzz shapes each run (with the whole text as context, so that Arabic joins across runs)
//         -> FreeType draws each glyph (grey coverage in the run's colour; colour emoji as they are), composited
//            into straight RGBA.
//
// Fonts, each character from the first that has it (FT_Get_Char_Index), Bold faces where the family has one:
//   Noto Sans, Noto Sans Arabic, Hebrew, Devanagari, Bengali, Tamil, Thai, Armenian, Georgian, Ethiopic,
//   Symbols, Symbols 2, Math, Noto Sans CJK (.ttc), Noto Color Emoji.
// Spaces, digits, punctuation and combining marks stay in the font of the character before them when it has them
// (Arabic digits and spaces in Noto Sans Arabic); emoji (U+1F000.., or any character followed by U+FE0F) go to
// Noto Color Emoji first, and the joiners, modifiers and tags of an emoji sequence stay with it.
// Noto Sans CJK's collection holds the same characters in each face; the face decides the regional forms: SC
// (simplified Chinese, face 2) by default, as most Chinese-language data is, JP (face 0) when the text has kana,
// KR (face 1) when it has Hangul and no Han characters.
// Noto Color Emoji is a CBDT bitmap font with one strike (109 ppem): it is drawn at that strike and scaled down.
//
// Sizes (px) are em sizes, as a CSS font size is (the run cache converts the widget's); a run's height is Noto Sans's
// ascent plus descent per line, grown to any glyph that reaches past them.
// Faces, HarfBuzz fonts and drawn glyphs are kept open and cached for the rasteriser's lifetime.
#pragma once

#include "app/text_runs.h"

#include <cstdint>
#include <string>
#include <vector>

namespace chronoscope {

// Creates the rasteriser over the fonts found in dirs (null-terminated; empty strings are skipped), each file
// looked up in every folder in turn. NativeTextFontDirs() is the usual list: $CHRONOSCOPE_FONT_DIR, then Debian's
// folders. A rasteriser without Noto Sans has Rasterise answer RunResult_Failed.
TextRasteriser NativeTextRasteriserCreate(const char* const* dirs);
void           NativeTextRasteriserDestroy(TextRasteriser* r);
std::vector<std::string> NativeTextFontDirs();

// How a string is shaped: for tests and measurements.
struct NativeShapedGlyph {
    uint32_t Glyph = 0;       // the font's glyph id
    int      Font = 0;        // index into NativeTextFontNames()
    uint32_t Cluster = 0;     // index of the first code point (of the string) the glyph draws
    float    X = 0, Y = 0;    // pen position of the glyph (x from the line's left, y from its baseline, down)
    float    Advance = 0;
};
struct NativeShapedLine {
    std::vector<NativeShapedGlyph> Glyphs;   // in visual order, left to right
    float                          Width = 0;
};
struct NativeShapedText {
    std::vector<NativeShapedLine> Lines;
    bool RightToLeft = false;
    int  Missing = 0;
};
bool NativeTextShape(const TextRasteriser& r, const char* s, size_t n, float px, int flags, float wrap_px,
                     NativeShapedText* out);
// The file (and face index) of each font the rasteriser opened, by NativeShapedGlyph::Font; empty when not found.
std::vector<std::string> NativeTextFontNames(const TextRasteriser& r);

} // namespace chronoscope
