// Chronoscope core: UTF-8, the one codec of the project.
//
//   size_t i = 0;
//   while (i < len) { uint32_t cp = Utf8Decode(s, len, &i); ... }
//   Utf8Append(&out, cp);
//
// Validity is RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF, no stray continuation bytes or
// truncated sequences. Utf8Decode turns each invalid byte into U+FFFD and advances one byte, so every byte
// string decodes without error; the JSON reader (json_read.h) rejects invalid text instead, with the same
// rule (Utf8SequenceLength). The few functions on the reader's hot path are inline; ASCII stays the callers'
// fast path (a byte below 0x80 is one character).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace chronoscope {

static const uint32_t kReplacementChar = 0xFFFD;

// A byte that continues a sequence (10xxxxxx), never the first byte of a character.
inline bool Utf8IsContinuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// Length of the valid UTF-8 sequence at p (its lead byte >= 0x80), or 0 when it is not one. end: past the input.
inline int Utf8SequenceLength(const unsigned char* p, const unsigned char* end)
{
    const unsigned c = p[0];
    // the length its lead byte says; a truncated sequence is invalid (one bound check, not one per byte)
    const int n = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (!n || (size_t)(end - p) < (size_t)n)
        return 0;
    if (!Utf8IsContinuation(p[1]) || (n > 2 && !Utf8IsContinuation(p[2])) || (n > 3 && !Utf8IsContinuation(p[3])))
        return 0;
    if (n == 3 && ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] > 0x9F)))
        return 0;   // overlong, surrogate
    if (n == 4 && ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] > 0x8F)))
        return 0;   // overlong, past U+10FFFF
    return n;
}

// Appends the bytes of cp (< 0x110000) as they are: NUL and surrogates too (the JSON reader's \u0000 is a NUL
// byte; it never passes a lone surrogate). Utf8Append is the checked form.
inline void Utf8Encode(std::string* out, uint32_t cp)
{
    if (cp < 0x80) {
        out->push_back((char)cp);
    } else if (cp < 0x800) {
        out->push_back((char)(0xC0 | (cp >> 6)));
        out->push_back((char)(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out->push_back((char)(0xE0 | (cp >> 12)));
        out->push_back((char)(0x80 | ((cp >> 6) & 0x3F)));
        out->push_back((char)(0x80 | (cp & 0x3F)));
    } else {
        out->push_back((char)(0xF0 | (cp >> 18)));
        out->push_back((char)(0x80 | ((cp >> 12) & 0x3F)));
        out->push_back((char)(0x80 | ((cp >> 6) & 0x3F)));
        out->push_back((char)(0x80 | (cp & 0x3F)));
    }
}

// The code point of the n-byte sequence at p, which must be valid (n from Utf8SequenceLength, or text a validator
// has passed): nothing is checked again.
inline uint32_t Utf8DecodeValid(const unsigned char* p, int n)
{
    uint32_t cp = p[0] & (0x7F >> n);  // the lead byte's payload: 5, 4 or 3 bits
    for (int k = 1; k < n; k++)
        cp = (cp << 6) | (p[k] & 0x3F);
    return cp;
}

// The code point at s[*i]; *i moves past it (inline: the word scanner and FoldCaseTo decode every letter past ASCII).
inline uint32_t Utf8Decode(const char* str, size_t len, size_t* i)
{
    const unsigned char* s = (const unsigned char*)str + *i;
    unsigned char c = s[0];
    if (c < 0x80) {
        (*i)++;
        return c;
    }
    int n = Utf8SequenceLength(s, (const unsigned char*)str + len);
    if (n == 0) {
        (*i)++;
        return kReplacementChar;
    }
    *i += (size_t)n;
    return Utf8DecodeValid(s, n);
}
void     Utf8Append(std::string* out, uint32_t cp);          // NUL, surrogates and cp > U+10FFFF append U+FFFD

// Characters in s[0, len) as a text editor counts them (a column): the bytes that are not continuation bytes.
size_t   Utf8CountChars(const char* s, size_t len);
// The bytes of the first max_chars characters of the NUL-terminated s (all of it when shorter), reading no further
// than those: what a view shows of a string that may be megabytes long costs what it shows.
size_t   Utf8PrefixBytes(const char* s, size_t max_chars);
// The first max_chars characters of s, and an ellipsis (U+2026) when s has more (then *cut is set).
std::string Utf8Truncate(const char* s, size_t max_chars, bool* cut = nullptr);

} // namespace chronoscope
