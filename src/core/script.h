// Chronoscope core: which text a one-glyph-per-character font atlas draws right, and which must be shaped.
//
// The widget draws Latin (with its extensions and IPA), Greek, Cyrillic, punctuation, currency signs, letterlike
// symbols, arrows, mathematical operators and the few shapes its chrome uses from a baked font atlas, one glyph
// per character, left to right: right for those, as no character there joins, reorders or combines. Everything
// else is "run" text, shaped and rasterised whole by the platform (app/text_runs.h):
//   right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko...) and the bidirectional controls;
//   scripts whose letters join, stack or reorder (Indic, Thai, Lao, Tibetan, Myanmar, Khmer...);
//   combining marks (a decomposed "é" needs the font's mark positioning);
//   CJK ideographs, kana, Hangul and their punctuation (too many characters for an atlas baked beforehand);
//   emoji and their components (ZWJ, variation selectors, skin tones, regional indicators, tags, keycaps);
//   anything else the atlas's fonts do not carry.
#pragma once

#include <cstdint>

namespace chronoscope {

// True when the code point is drawn right by the atlas path (see above).
bool IsAtlasChar(uint32_t cp);
// True when some character of the UTF-8 text [s, e) is not (e null: s is NUL-terminated). ASCII costs a compare
// per byte; invalid bytes (drawn as U+FFFD) are atlas characters.
bool TextNeedsRun(const char* s, const char* e);

} // namespace chronoscope
