// Chronoscope core: UTF-8, one code point at a time.
//
//   size_t i = 0;
//   while (i < len) { uint32_t cp = Utf8Decode(s, len, &i); ... }
//   Utf8Append(&out, cp);
//
// Decoding is strict: overlong forms, surrogates, code points past U+10FFFF, stray continuation bytes and
// truncated sequences each give U+FFFD and advance one byte, so every byte string decodes without error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace chronoscope {

static const uint32_t kReplacementChar = 0xFFFD;

uint32_t Utf8Decode(const char* s, size_t len, size_t* i);   // the code point at s[*i]; *i moves past it
void     Utf8Append(std::string* out, uint32_t cp);          // NUL, surrogates and cp > U+10FFFF append U+FFFD

} // namespace chronoscope
