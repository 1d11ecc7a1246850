// Chronoscope core: which text the atlas path draws right (script.h).
#include "core/script.h"

#include "core/utf8.h"

#include <cstring>

namespace chronoscope {

namespace {

struct Range { uint32_t Lo, Hi; };

// The atlas's characters, in order. Left out inside these blocks: combining marks (U+0300-036F, U+0483-0489,
// U+1DC0-1DFF, U+20D0-20FF), zero-width and bidirectional controls (U+200B-200F, U+202A-202E, U+2060-206F), and
// the symbols with an emoji presentation by default (Unicode's Emoji_Presentation, e.g. U+231A, U+25FD).
const Range kAtlas[] = {
    { 0x0000, 0x02FF },   // Basic Latin, Latin-1, Latin Extended-A/B, IPA, spacing modifier letters
    { 0x0370, 0x03FF },   // Greek and Coptic
    { 0x0400, 0x0482 },   // Cyrillic (up to its combining marks)
    { 0x048A, 0x052F },   // Cyrillic, Cyrillic Supplement
    { 0x1C80, 0x1C8F },   // Cyrillic Extended-C
    { 0x1D00, 0x1DBF },   // Phonetic Extensions (+ Supplement)
    { 0x1E00, 0x1FFF },   // Latin Extended Additional, Greek Extended
    { 0x2000, 0x200A },   // spaces
    { 0x2010, 0x2029 },   // dashes, quotes, bullets, ellipsis, line and paragraph separators
    { 0x202F, 0x205F },   // narrow no-break space, per mille, primes, ... medium mathematical space
    { 0x2070, 0x20CF },   // superscripts and subscripts, currency signs
    { 0x2100, 0x218F },   // letterlike symbols, number forms
    { 0x2190, 0x21FF },   // arrows
    { 0x2200, 0x22FF },   // mathematical operators
    { 0x25A0, 0x25FC },   // geometric shapes (the chrome's triangles), up to the emoji-presentation squares
    { 0x2715, 0x2715 },   // the chrome's close cross
    { 0x2C60, 0x2C7F },   // Latin Extended-C
    { 0x2E00, 0x2E7F },   // supplemental punctuation
    { 0xA720, 0xA7FF },   // Latin Extended-D
    { 0xFB00, 0xFB06 },   // Latin ligatures
    { 0xFFFD, 0xFFFD },   // the replacement character
};

} // namespace

bool IsAtlasChar(uint32_t cp)
{
    size_t lo = 0, hi = sizeof(kAtlas) / sizeof(kAtlas[0]);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cp < kAtlas[mid].Lo)
            hi = mid;
        else if (cp > kAtlas[mid].Hi)
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

bool TextNeedsRun(const char* s, const char* e)
{
    if (!s)
        return false;
    const size_t len = e ? (size_t)(e - s) : strlen(s);
    size_t i = 0;
    while (i < len) {
        const unsigned char b = (unsigned char)s[i];
        if (b < 0x80) {
            i++;
            continue;
        }
        if (!IsAtlasChar(Utf8Decode(s, len, &i)))
            return true;
    }
    return false;
}

} // namespace chronoscope
