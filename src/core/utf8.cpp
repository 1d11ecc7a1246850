// Chronoscope core: UTF-8 (see utf8.h).
#include "core/utf8.h"

namespace chronoscope {

void Utf8Append(std::string* out, uint32_t cp)
{
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = kReplacementChar;
    Utf8Encode(out, cp);
}

size_t Utf8CountChars(const char* s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (!Utf8IsContinuation((unsigned char)s[i]))
            n++;
    return n;
}

size_t Utf8PrefixBytes(const char* s, size_t max_chars)
{
    size_t i = 0, chars = 0;
    while (s[i]) {
        if (!Utf8IsContinuation((unsigned char)s[i]) && chars++ == max_chars)
            break;
        i++;
    }
    return i;
}

std::string Utf8Truncate(const char* s, size_t max_chars, bool* cut)
{
    size_t n = Utf8PrefixBytes(s, max_chars);
    if (cut)
        *cut = s[n] != 0;
    std::string out(s, n);
    if (s[n])
        out += "\xE2\x80\xA6";
    return out;
}

} // namespace chronoscope
