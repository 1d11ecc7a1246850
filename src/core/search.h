// Chronoscope core: search over titles, text and tags.
//
// Case-insensitive and UTF-8 aware: both sides are decoded to code points and folded (ASCII, Latin-1, Latin
// Extended-A, Greek, Cyrillic; Hangul and other scripts without case match as they are). A query matches an
// event when every whitespace-separated word of it occurs in the title, the text or a tag.
// Results are event indices in time order.
#pragma once

#include "core/model.h"

#include <string>
#include <vector>

namespace chronoscope {

// FoldCodePoint: one code point's lower case (ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic). It changes no code
// point past U+042F: FoldCaseTo and TileWordsEach pass longer sequences through unread, and a unit test holds it.
uint32_t    FoldCodePoint(uint32_t c);
// The lead bytes of the only code points past ASCII that FoldCodePoint changes (U+00C0..U+043F, two bytes each): a
// valid text with none of them and no 'A'..'Z' is its own folding.
constexpr bool FoldsLeadByte(unsigned c) { return c >= 0xC3 && c <= 0xD0; }
std::string FoldCase(const char* s, size_t len);   // folded UTF-8 (invalid bytes become U+FFFD)
void        FoldCaseTo(const char* s, size_t len, std::string* out);   // the same into *out (replaced), reusing it
// The folding of valid UTF-8 (the caller's promise: nothing is checked) into out[0, len): folding keeps a valid text's
// length, as FoldCodePoint maps every code point it changes to one of the same UTF-8 length. out may be s.
void        FoldCaseValid(const char* s, size_t len, char* out);
void        SearchEvents(const Timeline& tl, const char* query, std::vector<uint32_t>* out);

} // namespace chronoscope
