// Chronoscope core: packing a timeline into tiles (core/tiles.h says what is written).
//
//   PackOptions opt; PackStats st; std::string err;
//   if (!PackTimeline("events.jsonl", "out/", opt, &st, &err)) fprintf(stderr, "%s\n", err.c_str());
//
// Inputs: the JSON format (a file of any size: its "events" array is read one event object at a time), JSON Lines
// (".jsonl": the first line may be the timeline's other fields, {"title": ..., "groups": [...]}, without
// "events"; every other line one event object), and the importers' formats (TimelineJS3, vis-timeline, the
// TimelineJS3 sheet as CSV), which are read whole (they are small). Bad input fails with the loader's
// "FILE:LINE:COL: error: message" and writes nothing over an existing pack (the tree is written to a temporary
// directory beside OUT_DIR and renamed into place at the end).
//
// Memory stays under MemoryBytes whatever the input's size (an external sort): events are read into records of a few
// dozen bytes plus their titles and word numbers, sorted a chunk at a time, spilled to temporary files and merged. A record carries its event's JSON object for the text pages, except for JSON Lines, whose objects stay in
// the input: after the tree, the text pages are gathered from it in a few sequential passes (one while the text fits
// MemoryBytes). Search words are numbered in a dictionary as they are read; each
// word's events arrive in ordinal order while the tree is written, so the search shards need no sort (id shards
// are sorted within their hash bucket). One thread does it all (Threads is not used yet).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace chronoscope {

struct PackOptions {
    uint32_t LeafEvents = 4096;       // events per leaf tile
    uint32_t Fanout = 16;             // children per inner node
    uint32_t CoverFanout = 4;         // children per node of the covers' tree (tiles.h: "Covers"), 2..256
    uint32_t Bins = 256;              // bins per inner node (a bin is about 4 px when the node spans a screen)
    // The cap on what the packer allocates: every stage's buffers are cut from it and counted by what they allocate
    // (capacities, hash slots, arenas), spilling to temporary files when full; the process's peak resident set is
    // about this plus the program itself.
    size_t   MemoryBytes = (size_t)1 << 30;
    int      Threads = 0;             // reserved: the packer runs on one thread
    const char* TempDir = nullptr;    // null: beside OUT_DIR
    // Read a JSON Lines input, and write and read back the temporary files that are read once (the sort's runs, the
    // text pages' places and passes), past the system's page cache (O_DIRECT) where the file system allows: filling
    // the cache costs more system time than the pack's own work on those bytes (core/pack.cpp: InputFile, Writer).
    // false: through the cache.
    bool     DirectIo = true;
    // Called now and then with what has been done (events read, then events written).
    void (*Progress)(void* user, const char* stage, uint64_t done, uint64_t total) = nullptr;
    void* ProgressUser = nullptr;
};

struct PackStats {
    uint64_t Events = 0;
    uint64_t InputBytes = 0;
    uint64_t Leaves = 0, InnerNodes = 0, Shards = 0;
    uint64_t TileBytes = 0, TextBytes = 0, ShardBytes = 0;   // bytes written of each kind
    std::vector<uint64_t> LevelBytes;                         // tile bytes per level of the tree
    uint64_t CoverBytes = 0;                                  // of TileBytes, the covers' (r/L/I.bin)
    // all, reading (with the sorts of full chunks), sorting (in memory, and starting the merge), writing (the merge,
    // the tree, the shards; includes SortSeconds' merge start)
    double   Seconds = 0.0, ReadSeconds = 0.0, SortSeconds = 0.0, WriteSeconds = 0.0;
    double   TextSeconds = 0.0;   // of WriteSeconds: a JSON Lines input's text pages, gathered after the tree
    size_t   PeakBytes = 0;                                   // the process's peak resident set (VmHWM)
    // What the memory cap made spill: run files of the event sort, the word lists and the ids; passes over a JSON
    // Lines input for its text pages; covers appended to their run files (a cover held back by long ranges may
    // spill more than once).
    uint64_t SortRuns = 0, WordRuns = 0, IdRuns = 0, TextPasses = 0, CoverRuns = 0;
    bool     DirectRead = false;   // a JSON Lines input was read past the page cache, every byte of it
};

bool PackTimeline(const char* in_path, const char* out_dir, const PackOptions& opt, PackStats* stats,
                  std::string* err);

} // namespace chronoscope
