// libFuzzer target for the one link rule (src/core/link.h) and the quoting of values in messages (core/quote.h).
//
// Build and run: see tests/fuzz/README.md. Every invariant violation is a __builtin_trap().
//
// Checked, on any bytes (ASan/UBSan watch the parser):
//   - a link with a byte 0x00-0x20 or 0x7F (a control or a space) or a backslash anywhere is refused, and so is
//     one that does not start with "http://" or "https://" (any case) or has "@" before the end of its host;
//   - an accepted link is valid UTF-8 (checked here by a decoder of its own, not core's);
//   - the NUL-terminated form says what the length form says about the bytes before the first NUL;
//   - QuoteExcerpt's text is one line without controls, at most 100 bytes between its quotes plus an ellipsis and
//     the length.
#include "core/link.h"
#include "core/quote.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

using namespace chronoscope;

static bool StartsNoCase(const uint8_t* s, size_t n, const char* p)
{
    size_t k = strlen(p);
    if (n < k)
        return false;
    for (size_t i = 0; i < k; i++) {
        uint8_t c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (uint8_t)(c - 'A' + 'a');
        if (c != (uint8_t)p[i])
            return false;
    }
    return true;
}

// RFC 3629 by its table 3-7 of well-formed byte sequences.
static bool ValidUtf8(const uint8_t* s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint8_t c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        uint8_t lo = 0x80, hi = 0xBF;
        size_t len;
        if (c >= 0xC2 && c <= 0xDF) len = 2;
        else if (c == 0xE0) { len = 3; lo = 0xA0; }
        else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) len = 3;
        else if (c == 0xED) { len = 3; hi = 0x9F; }
        else if (c == 0xF0) { len = 4; lo = 0x90; }
        else if (c >= 0xF1 && c <= 0xF3) len = 4;
        else if (c == 0xF4) { len = 4; hi = 0x8F; }
        else return false;
        if (n - i < len || s[i + 1] < lo || s[i + 1] > hi)
            return false;
        for (size_t k = 2; k < len; k++)
            if (s[i + k] < 0x80 || s[i + k] > 0xBF)
                return false;
        i += len;
    }
    return true;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const char* text = reinterpret_cast<const char*>(data);
    bool open = IsOpenableLink(text, size);
    if (open != (LinkRefusal(text, size) == nullptr))
        __builtin_trap();

    bool control = false, backslash = false;
    for (size_t i = 0; i < size; i++) {
        control |= data[i] <= 0x20 || data[i] == 0x7F;
        backslash |= data[i] == '\\';
    }
    size_t after = StartsNoCase(data, size, "https://") ? 8 : StartsNoCase(data, size, "http://") ? 7 : 0;
    size_t host_end = after;
    while (host_end < size && data[host_end] != '/' && data[host_end] != '?' && data[host_end] != '#')
        host_end++;
    bool at = after && memchr(data + after, '@', host_end - after) != nullptr;
    if (open && (control || backslash || !after || at || host_end == after || !ValidUtf8(data, size)))
        __builtin_trap();

    std::string z(text, size);  // the NUL-terminated form sees the bytes before the first NUL
    size_t z_len = strlen(z.c_str());
    if (IsOpenableLink(z.c_str()) != IsOpenableLink(text, z_len))
        __builtin_trap();

    std::string q = QuoteExcerpt(text, size);
    for (unsigned char c : q)
        if (c < 0x20 || c == 0x7F)
            __builtin_trap();
    if (q.size() < 2 || q[0] != '"')
        __builtin_trap();
    size_t close = q.rfind('"');
    if (close == 0 || close > 1 + kExcerptBytes + 3)   // the quotes, the excerpt, an ellipsis (3 bytes)
        __builtin_trap();
    if (close != q.size() - 1 && q.compare(close + 1, 2, " (") != 0)
        __builtin_trap();
    return 0;
}
