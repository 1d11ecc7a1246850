// Chronoscope core: the one hash of a byte string, for the packer's and the tile encoder's lookup tables, and the
// compare their probes make.
//
//   size_t slot = (size_t)HashBytes(word, n) & mask;
//   if (SameBytes(slot_word, word, n)) ...
//
// 8 bytes a step, the tail as overlapping loads, then a multiply-xorshift so the low bits (a table's slot) mix all
// of them. Only a table's layout depends on it: no file holds its values, so it may change without a format change.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace chronoscope {

inline uint64_t HashBytes(const char* p, size_t n)
{
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ ((uint64_t)n << 56);
    for (; n > 8; p += 8, n -= 8) {
        uint64_t v;
        memcpy(&v, p, 8);
        h = (h ^ v) * 0xbf58476d1ce4e5b9ULL;
        h ^= h >> 31;
    }
    uint64_t v;
    if (n >= 4) {   // 4..8 bytes: the first four and the last four cover them
        uint32_t a, b;
        memcpy(&a, p, 4);
        memcpy(&b, p + n - 4, 4);
        v = ((uint64_t)a << 32) | b;
    } else {        // 0..3 bytes: the first, the middle and the last cover them
        v = n ? ((uint64_t)(uint8_t)p[0] << 16) | ((uint64_t)(uint8_t)p[n >> 1] << 8) | (uint8_t)p[n - 1] : 0;
    }
    h = (h ^ v ^ n) * 0x94d049bb133111ebULL;
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ULL;
    return h ^ (h >> 32);
}

// Whether the n bytes at a and b are the same. A table's keys are mostly short: up to 16 bytes the first and last
// words cover them (overlapping loads, no call), past that memcmp.
inline bool SameBytes(const char* a, const char* b, size_t n)
{
    if (n >= 8) {
        if (n > 16)
            return !memcmp(a, b, n);
        uint64_t a0, b0, a1, b1;
        memcpy(&a0, a, 8), memcpy(&b0, b, 8), memcpy(&a1, a + n - 8, 8), memcpy(&b1, b + n - 8, 8);
        return ((a0 ^ b0) | (a1 ^ b1)) == 0;
    }
    if (n >= 4) {
        uint32_t a0, b0, a1, b1;
        memcpy(&a0, a, 4), memcpy(&b0, b, 4), memcpy(&a1, a + n - 4, 4), memcpy(&b1, b + n - 4, 4);
        return ((a0 ^ b0) | (a1 ^ b1)) == 0;
    }
    // 0..3 bytes: the first, the middle and the last cover them
    return !n || ((a[0] ^ b[0]) | (a[n >> 1] ^ b[n >> 1]) | (a[n - 1] ^ b[n - 1])) == 0;
}

}  // namespace chronoscope
