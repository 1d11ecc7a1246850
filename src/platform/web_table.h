// Chronoscope platform (web): the two tables of 32-bit words through which the worker's result reaches the page.
//
// The parsing worker's cs_parse* leave a result table (cs_parse_table) that the worker's script reads to post the
// snapshot's header and arrays to the page; the page's cs_adopt_begin answers with a table of the sizes it expects.
// Both are defined here once, as named slots. JS never writes a slot's index down: it reads the layout from the
// engine it talks to (cs_table_layout, web_worker.cpp), so the script and the wasm cannot disagree.
#pragma once

#include <cstdint>
#include <vector>

namespace chronoscope {

// X(name): a fixed slot of the worker's result table, in order; the per-array entries follow the last one.
#define CHRONOSCOPE_PARSE_SLOTS(X)                                                                                  \
    X(header)      /* pointer to the snapshot header (core/snapshot.h) */                                           \
    X(headerBytes) /* its size */                                                                                   \
    X(needsCjk)    /* 1 when the data has characters that need the CJK font */                                      \
    X(events)      /* number of events */                                                                           \
    X(arrayCount)  /* number of per-array entries that follow: the snapshot's arrays, then the character set */     \
    X(arrays)      /* the first per-array entry */

// X(name): a fixed slot of the page's adoption table (cs_adopt_begin), then its per-array entries.
#define CHRONOSCOPE_ADOPT_SLOTS(X)                                                                                  \
    X(arrayCount)  /* number of per-array entries: the snapshot's arrays, then the character set */                 \
    X(arrays)      /* the first per-array entry */

// X(name): the words of one per-array entry, in both tables. In the adoption table the pointer is 0: cs_adopt_array
// returns where the bytes go.
#define CHRONOSCOPE_ARRAY_SLOTS(X)                                                                                  \
    X(pointer)                                                                                                      \
    X(bytes)

#define CHRONOSCOPE_SLOT_ENUM(name) name,
enum class ParseSlot : uint32_t { CHRONOSCOPE_PARSE_SLOTS(CHRONOSCOPE_SLOT_ENUM) };
enum class AdoptSlot : uint32_t { CHRONOSCOPE_ADOPT_SLOTS(CHRONOSCOPE_SLOT_ENUM) };
enum class ArraySlot : uint32_t { CHRONOSCOPE_ARRAY_SLOTS(CHRONOSCOPE_SLOT_ENUM) stride };
#undef CHRONOSCOPE_SLOT_ENUM

// A table's fixed slots are followed by `count` entries of ArraySlot::stride words each.
constexpr uint32_t kParseFixedSlots = (uint32_t)ParseSlot::arrays;
constexpr uint32_t kAdoptFixedSlots = (uint32_t)AdoptSlot::arrays;
constexpr uint32_t kArrayStride = (uint32_t)ArraySlot::stride;

inline uint32_t& Slot(std::vector<uint32_t>& t, ParseSlot s) { return t[(uint32_t)s]; }
inline uint32_t& Slot(std::vector<uint32_t>& t, AdoptSlot s) { return t[(uint32_t)s]; }

// Appends a per-array entry to a table.
inline void TablePushArray(std::vector<uint32_t>* t, uint32_t pointer, uint32_t bytes)
{
    size_t at = t->size();
    t->resize(at + kArrayStride);
    (*t)[at + (uint32_t)ArraySlot::pointer] = pointer;
    (*t)[at + (uint32_t)ArraySlot::bytes] = bytes;
}

// The per-array entry i of a table whose fixed slots number `fixed`: the index of its word `s`.
inline size_t TableArrayWord(uint32_t fixed, size_t i, ArraySlot s) { return fixed + i * kArrayStride + (uint32_t)s; }

} // namespace chronoscope
