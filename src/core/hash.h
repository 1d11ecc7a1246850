// Chronoscope core: the one hash of a byte string, for the packer's and the tile encoder's lookup tables.
//
//   size_t slot = (size_t)HashBytes(word, n) & mask;
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

}  // namespace chronoscope
