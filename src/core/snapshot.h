// Chronoscope core: a loaded timeline and its index as a flat image, to move them between two heaps.
//
// The web build parses big files in a Web Worker (the page keeps painting) and hands the result to the page's
// own wasm instance. The image is a small header (counts and the few fields that are not flat arrays) plus
// raw arrays (the events, the string bytes, each lane's vectors). The receiver reads the header, sizes its
// vectors from it, and copies each array straight into place: nothing is copied twice, and the page's heap
// never holds the JSON text or a second copy of the data.
//
//   sender:    Snapshot s;
//              SnapshotWrite(tl, index, &s);              // s.Header, s.Arrays (pointers into tl and index)
//   receiver:  TimelineData d; std::vector<SnapshotArray> slots; std::string err;
//              if (!SnapshotBegin(header, header_size, arrays_bytes, &d.Tl, &d.Index, &slots, &err)) ...
//              for each i: memcpy(slots[i].Data, array_i, slots[i].Size);   // sizes must match
//              if (!SnapshotFinish(d.Tl, d.Index, &err)) ...                  // checks every index and offset
//
// SnapshotFinish checks everything the widget relies on to stay in bounds (string offsets, group, extra and
// event indices, the lanes' block and count arrays), so a damaged image is an error message, never a crash.
// Only whole files cross: Timeline::Weights and Lane::WeightCum (a tiled window's, built on the page from its tiles,
// core/tileset.h) are not carried, and SnapshotWrite is for timelines without weights.
#pragma once

#include "core/index.h"
#include "core/model.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace chronoscope {

struct SnapshotArray {
    void*  Data = nullptr;
    size_t Size = 0;  // bytes
};

struct Snapshot {
    std::vector<uint8_t>       Header;
    std::vector<SnapshotArray> Arrays;  // sender: views into the timeline and index it was written from
};

// Writes the header and lists the arrays (no copies). The views stay valid while tl and index are unchanged.
void SnapshotWrite(const Timeline& tl, const TimelineIndex& index, Snapshot* out);

// Reads a header into fresh tl and index, sizing their arrays; *slots receives where each array goes, in the
// sender's order. arrays_bytes is how many bytes of arrays the sender actually sent (the sum of their sizes): a
// header that asks for any other total is refused before anything is allocated. False and *err on a malformed
// header. With size_arrays false the arrays stay empty and each slot has its Size but no Data: size them one at
// a time with SnapshotSizeArray (the web page does, one per task, so that it keeps painting).
bool SnapshotBegin(const uint8_t* header, size_t size, size_t arrays_bytes, Timeline* tl, TimelineIndex* index,
                   std::vector<SnapshotArray>* slots, std::string* err, bool size_arrays = true);

// Sizes array i (slot i of SnapshotBegin) to `bytes` and sets *data to where it goes (null when empty). False when
// i is not a slot or bytes is not a whole number of its elements.
bool SnapshotSizeArray(Timeline* tl, TimelineIndex* index, size_t i, size_t bytes, void** data);

// After the arrays are copied: checks that every offset and index is in range. False and *err otherwise.
bool SnapshotFinish(const Timeline& tl, const TimelineIndex& index, std::string* err);

} // namespace chronoscope
