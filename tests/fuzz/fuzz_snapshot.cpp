// libFuzzer target for the timeline snapshot (src/core/snapshot.h): whatever bytes arrive from the parsing
// worker, the page must either refuse them or get data on which everything that runs later stays in bounds.
//
// An input is JSON followed by a tail of byte edits: its last byte is the number of edits k, and the 5 * k bytes
// before it are k edits of (little-endian u32 offset, new byte value). The JSON is loaded and indexed, its
// snapshot written and flattened (header, then the arrays), the edits applied at offset % size, and the result
// read back as the page does (SnapshotBegin, SnapshotSizeArray per array, copy, SnapshotFinish). When it is
// accepted, every string the widget shows is read, the index is queried and laid out at several zooms and the
// events are searched. ASan and UBSan catch what SnapshotFinish let through.
//
// The corpus of fuzz_load (valid timelines) is a good start: every file there is an input with no edits.
#include "core/index.h"
#include "core/layout.h"
#include "core/load.h"
#include "core/search.h"
#include "core/snapshot.h"
#include "core/validate.h"
#include "core/view.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

using namespace chronoscope;

static size_t ReadAll(const Timeline& tl)
{
    size_t n = 0;
    for (const Event& e : tl.Events) {
        n += strlen(tl.Str(e.Id)) + strlen(tl.Str(e.Title)) + strlen(tl.Str(e.Text));
        if (e.Extra != kNoExtra) {
            const EventExtra& x = tl.Extras[e.Extra];
            n += strlen(tl.Str(x.Link)) + strlen(tl.Str(x.MediaUrl)) + strlen(tl.Str(x.MediaCaption)) +
                 strlen(tl.Str(x.MediaCredit)) + strlen(tl.Str(x.DisplayDate));
            for (StrId t : x.Tags)
                n += strlen(tl.Str(t));
        }
        if (e.Group != kNoGroup)
            n += tl.Groups[e.Group].Label.size();
    }
    return n;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
        return 0;
    size_t edits = data[size - 1];
    size_t tail = 1 + 5 * edits;
    if (tail > size)
        return 0;
    size_t json_size = size - tail;

    LoadOptions opt;
    opt.MaxBytes = (size_t)1 << 20;
    opt.MaxDiagnostics = 5;
    Timeline tl;
    LoadResult res;
    if (!LoadTimeline((const char*)data, json_size, opt, &tl, &res))
        return 0;
    TimelineIndex index;
    BuildTimelineIndex(tl, &index);
    Snapshot snap;
    SnapshotWrite(tl, index, &snap);

    // flatten, then edit
    std::vector<uint8_t> image(snap.Header);
    for (const SnapshotArray& a : snap.Arrays)
        image.insert(image.end(), (const uint8_t*)a.Data, (const uint8_t*)a.Data + a.Size);
    const size_t header_size = snap.Header.size();
    for (size_t k = 0; k < edits && !image.empty(); k++) {
        const uint8_t* e = data + json_size + 5 * k;
        uint32_t off;
        memcpy(&off, e, 4);
        image[off % image.size()] = e[4];
    }

    // read back as the page does
    Timeline got;
    TimelineIndex got_index;
    std::vector<SnapshotArray> slots;
    std::string err;
    if (!SnapshotBegin(image.data(), header_size, image.size() - header_size, &got, &got_index, &slots, &err, false))
        return 0;
    size_t at = header_size;
    for (size_t i = 0; i < slots.size(); i++) {
        void* dst = nullptr;
        if (!SnapshotSizeArray(&got, &got_index, i, slots[i].Size, &dst))
            __builtin_trap();  // Begin's own sizes are always whole
        size_t n = slots[i].Size;
        if (at + n > image.size())
            __builtin_trap();  // SnapshotBegin checked the total against what was sent
        if (n)
            memcpy(dst, image.data() + at, n);
        at += n;
    }
    if (!SnapshotFinish(got, got_index, &err))
        return 0;

    // accepted: everything that runs on loaded data must stay in bounds
    volatile size_t sink = ReadAll(got);
    (void)sink;
    View view;
    ViewSetWidth(&view, 1280.0);
    if (!got_index.Empty && got_index.Min < got_index.Max)
        ViewFit(&view, got_index.Min, got_index.Max, 0.03);
    for (int zoom = 0; zoom < 4; zoom++) {
        Layout lay;
        LayoutView(got, got_index, view, LayoutParams(), nullptr, &lay);
        for (const Mark& m : lay.Marks)
            if (m.Event >= got.Events.size() || m.Lane >= got_index.Lanes.size())
                __builtin_trap();
        ViewZoom(&view, 0.02, 640.0);
    }
    std::vector<uint32_t> hits;
    SearchEvents(got, "a", &hits);
    for (uint32_t h : hits)
        if (h >= got.Events.size())
            __builtin_trap();
    std::string summary = ValidateSummary("fuzz.json", got);
    (void)summary;
    return 0;
}
