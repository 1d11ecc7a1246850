// Chronoscope core: UTF-8 (see utf8.h).
#include "core/utf8.h"

namespace chronoscope {

uint32_t Utf8Decode(const char* str, size_t len, size_t* i)
{
    const unsigned char* s = (const unsigned char*)str;
    unsigned char c = s[*i];
    if (c < 0x80) { (*i)++; return c; }
    int n = (c >= 0xF0 && c <= 0xF4) ? 3 : (c >= 0xE0) ? 2 : (c >= 0xC2 && c < 0xE0) ? 1 : -1;
    if (n < 0 || *i + (size_t)n >= len) { (*i)++; return kReplacementChar; }
    uint32_t cp = c & (0x3F >> n);
    for (int k = 1; k <= n; k++) {
        unsigned char d = s[*i + k];
        if ((d & 0xC0) != 0x80) { (*i)++; return kReplacementChar; }
        cp = (cp << 6) | (d & 0x3F);
    }
    static const uint32_t min_for_len[4] = { 0, 0x80, 0x800, 0x10000 };
    if (cp < min_for_len[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {  // overlong, beyond Unicode, surrogate
        (*i)++;
        return kReplacementChar;
    }
    *i += n + 1;
    return cp;
}

void Utf8Append(std::string* out, uint32_t cp)
{
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = kReplacementChar;
    if (cp < 0x80) out->push_back((char)cp);
    else if (cp < 0x800) { out->push_back((char)(0xC0 | (cp >> 6))); out->push_back((char)(0x80 | (cp & 0x3F))); }
    else if (cp < 0x10000) { out->push_back((char)(0xE0 | (cp >> 12))); out->push_back((char)(0x80 | ((cp >> 6) & 0x3F))); out->push_back((char)(0x80 | (cp & 0x3F))); }
    else { out->push_back((char)(0xF0 | (cp >> 18))); out->push_back((char)(0x80 | ((cp >> 12) & 0x3F))); out->push_back((char)(0x80 | ((cp >> 6) & 0x3F))); out->push_back((char)(0x80 | (cp & 0x3F))); }
}

} // namespace chronoscope
