// Chronoscope core: TileWordsEach's scan (tiles.h) as a template, so that a caller that takes every word of every
// event (the packer's dictionary, TileWordsEachOf) has each word without a call through a pointer: the word's code
// inlined where the scan finds it. What a word is stays tiles.h's rule; TileWordsEach is this scan too.
//
//   static void Take(void* user, const char* word, size_t n);   // (a word: valid during the call)
//   TileWordsEachOf<Take>(text, len, user);
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <algorithm>

#include "core/json_read.h"   // (CS_FORCE_INLINE)

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace chronoscope {
namespace tile_words {

// What the scan needs of 16 bytes at p, a bit per byte (bit j: p[j]): Run, an ASCII letter or digit or a byte past
// ASCII (the bytes a word can hold: every other ASCII byte ends one); High, past ASCII. The bytes go to out with
// 'A'..'Z' lowered (the rest as they are).
struct WordBits {
    uint32_t Run, High;
};
inline WordBits WordBits16(const unsigned char* p, char* out)
{
#if defined(__SSE2__)
    // as signed bytes, x + (0x80 - lo) < -128 + count holds exactly for x in lo .. lo + count - 1
    const __m128i v = _mm_loadu_si128((const __m128i*)p);
    auto in = [](__m128i x, char lo, char count) {
        return _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8((char)(0x80 - lo))), _mm_set1_epi8((char)(0x80 + count)));
    };
    const __m128i upper = in(v, 'A', 26);
    const __m128i alnum = _mm_or_si128(in(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 26), in(v, '0', 10));
    _mm_storeu_si128((__m128i*)out, _mm_or_si128(v, _mm_and_si128(upper, _mm_set1_epi8(0x20))));
    const uint32_t high = (uint32_t)_mm_movemask_epi8(v);
    return { (uint32_t)_mm_movemask_epi8(alnum) | high, high };
#else
    // 8 bytes at a time: the bytes without their high bit are compared by adding per byte (no carry crosses a byte);
    // each byte's high bit to bit j by a multiply that gathers them
    const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
    auto gather = [](uint64_t m) { return (uint32_t)((((m >> 7) & 0x0101010101010101ULL) * 0x0102040810204080ULL) >> 56); };
    WordBits b{ 0, 0 };
    for (int h = 0; h < 2; h++) {
        uint64_t v;
        memcpy(&v, p + 8 * h, 8);
        const uint64_t v7 = v & ~high, x = v7 | (ones * 0x20);
        const uint64_t letter = (x + ones * (0x80 - 'a')) & ~(x + ones * (0x80 - 'z' - 1)) & ~v & high;
        const uint64_t digit = (v7 + ones * (0x80 - '0')) & ~(v7 + ones * (0x80 - '9' - 1)) & ~v & high;
        const uint64_t up = letter & ~(v7 << 2);   // (bit 5, 0x20, moved to bit 7)
        const uint64_t lowered = v | (up >> 2);
        memcpy(out + 8 * h, &lowered, 8);
        b.Run |= gather(letter | digit | (v & high)) << (8 * h);
        b.High |= gather(v & high) << (8 * h);
    }
    return b;
#endif
}

// The words of a run [i, b) of bytes that holds a byte past ASCII (tiles.cpp), each to each(user, word, n).
void WordsOfRun(const char* text, size_t i, size_t b, char* low, void (*each)(void* user, const char* word, size_t n),
                void* user);

// The scan with low, len bytes for the text lowered: the text's bits (WordBits16) 64 bytes at a time, and its
// runs from them (a run starts at a set bit after a clear one, ends at a clear bit after a set one, and may go on
// from one 64 bytes to the next). A run of ASCII letters and digits is a word, lowered in low at its own offset (as
// every ASCII byte is) and handed to each(word, n); a run with a byte past ASCII goes to WordsOfRun (with run_each).
template <class Each>
CS_FORCE_INLINE void WordsOfText(const char* text, size_t len, char* low, Each each,
                        void (*run_each)(void* user, const char* word, size_t n), void* user)
{
    const unsigned char* u = (const unsigned char*)text;
    size_t a = 0;            // an open run's start
    bool open = false;
    uint64_t high = 0;       // an open run's bytes past ASCII so far (nonzero: it has some)
    for (size_t base = 0; base < len; base += 64) {
        const size_t n = std::min<size_t>(64, len - base);
        uint64_t R = 0, H = 0;
        for (size_t j = 0; j < n; j += 16) {
            WordBits b;
            if (base + j + 16 <= len) {
                b = WordBits16(u + base + j, low + base + j);
            } else if (len >= 16) {   // the last bytes: the 16 that end the text (again), their bits moved into place
                b = WordBits16(u + len - 16, low + len - 16);
                const unsigned drop = (unsigned)(base + j + 16 - len);
                b.Run >>= drop, b.High >>= drop;
            } else {                  // a text under 16 bytes: a copy with zeros after it (not word bytes)
                unsigned char pad[16] = {};
                memcpy(pad, u, len);
                b = WordBits16(pad, low);
            }
            R |= (uint64_t)b.Run << j, H |= (uint64_t)b.High << j;
        }
        // (bits past the text are clear)
        const uint64_t before = (R << 1) | (open ? 1 : 0);
        uint64_t starts = R & ~before, ends = ~R & before;
        if (open) {
            if (!ends) {   // all 64 bytes go on with it
                high |= H;
                continue;
            }
            const unsigned e = (unsigned)__builtin_ctzll(ends);
            ends &= ends - 1;
            high |= H & ((1ULL << e) - 1);
            open = false;
            if (high)
                WordsOfRun(text, a, base + e, low, run_each, user);
            else
                each(low + a, base + e - a);
        }
        while (starts) {
            const unsigned s = (unsigned)__builtin_ctzll(starts);
            starts &= starts - 1;
            if (!ends) {   // it goes on past these 64 bytes
                open = true;
                a = base + s;
                high = H >> s;
                break;
            }
            const unsigned e = (unsigned)__builtin_ctzll(ends);
            ends &= ends - 1;
            if (H && ((H >> s) & ((1ULL << (e - s)) - 1)))
                WordsOfRun(text, base + s, base + e, low, run_each, user);
            else
                each(low + base + s, e - s);
        }
    }
    if (open) {
        if (high)
            WordsOfRun(text, a, len, low, run_each, user);
        else
            each(low + a, len - a);
    }
}

} // namespace tile_words

// TileWordsEach(text, len, Each, user), Each's code inlined in the scan.
template <void (*Each)(void* user, const char* word, size_t n)>
inline void TileWordsEachOf(const char* text, size_t len, void* user)
{
    char stack[1024];
    std::unique_ptr<char[]> heap;
    struct Call {
        void* User;
        CS_FORCE_INLINE void operator()(const char* w, size_t n) const { Each(User, w, n); }
    };
    tile_words::WordsOfText(text, len, len <= sizeof(stack) ? stack : (heap.reset(new char[len]), heap.get()),
                            Call{ user }, Each, user);
}

} // namespace chronoscope
