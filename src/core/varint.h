// Chronoscope core: the one writer of variable-length integers, for the tiles and shards (tiles.h: unsigned LEB128
// "v", zigzag "z") and the packer's run files.
//
//   char* end = PutVarint(p, v);   // at most 10 bytes at p
//   end = PutZigzag(end, -3);
//
// Seven bits a byte, least significant first, the high bit set on every byte but the last. The readers stay with
// their callers: the tiles' checks each byte against the file's end (tiles.cpp); the run files are the packer's own.
#pragma once

#include <cstdint>

namespace chronoscope {

// v written at p; returns the end (at most p + 10; a value below 2^32 takes at most 5 bytes).
inline char* PutVarint(char* p, uint64_t v)
{
    while (v >= 0x80) {
        *p++ = (char)(v | 0x80);
        v >>= 7;
    }
    *p++ = (char)v;
    return p;
}

// PutVarint for a v that is most often below 2^14 (one or two bytes): those without a branch on the length, which
// is mispredicted about as often as not when the two lengths come mixed (the tiles' palette and title-piece numbers).
// Writes up to two bytes past the end it returns (room for 10 at p, as PutVarint).
inline char* PutVarintShort(char* p, uint32_t v)
{
    if (v >= (1u << 14))
        return PutVarint(p, v);
    const uint32_t two = v >= 0x80;
    p[0] = (char)(v | (two << 7));
    p[1] = (char)(v >> 7);
    return p + 1 + two;
}

// A signed value as an unsigned one with small magnitudes small: 0, -1, 1, -2, ... as 0, 1, 2, 3, ...
inline uint64_t ZigZag(int64_t v) { return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63); }

inline char* PutZigzag(char* p, int64_t v) { return PutVarint(p, ZigZag(v)); }

}  // namespace chronoscope
