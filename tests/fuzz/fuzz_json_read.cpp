// libFuzzer target: core/json_read.h against nlohmann_json's parser. Both must accept the same inputs
// (nlohmann takes a NUL byte for the end of its input; JSON allows none, so an input with one must be
// rejected) and read the same values; the cursor must sit just past each token and the start at its first
// character; an error's offset must lie inside the input. Read in pieces, as a download arrives, it must give
// the same results.
#include "core/json_read.h"
#include "../unit/json_dom_builder.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

using nlohmann::json;

using DomBuilder = chronoscope::test::JsonDomBuilder;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size > 4096)
        return 0;  // nesting depth is bounded by size; keeps nlohmann's DOM small
    const char* p = (const char*)data;
    DomBuilder b;
    const char *cursor = nullptr, *start = nullptr;
    b.Begin = p;
    b.Cursor = &cursor;
    b.Start = &start;
    bool ours = chronoscope::JsonRead(p, size, &b, &cursor, &start);
    if (!b.CursorOk || (!ours && (!b.Errored || b.ErrorOffset > size)))
        __builtin_trap();
    json ref = json::parse(p, p + size, nullptr, false);
    bool theirs = !ref.is_discarded() && memchr(p, 0, size) == nullptr;
    if (ours != theirs)
        __builtin_trap();
    if (ours && b.Root != ref)
        __builtin_trap();
    // Read in pieces (every k bytes, k from the first byte): the same verdict, value and error place.
    size_t k = size ? 1 + data[0] % 13 : 1;
    DomBuilder c;
    const char *cursor2 = nullptr, *start2 = nullptr;
    c.Begin = p;
    c.Cursor = &cursor2;
    c.Start = &start2;
    chronoscope::JsonReader<DomBuilder> r;
    r.Init(p, &c, &cursor2, &start2);
    int st = chronoscope::JsonReader<DomBuilder>::kNeedMore;
    for (size_t at = k; at < size && st == chronoscope::JsonReader<DomBuilder>::kNeedMore; at += k)
        st = r.Resume(at, false);
    if (st == chronoscope::JsonReader<DomBuilder>::kNeedMore)
        st = r.Resume(size, true);
    bool pieces = st == chronoscope::JsonReader<DomBuilder>::kDone;
    if (pieces != ours || !c.CursorOk || (ours && c.Root != b.Root) || (!ours && c.ErrorOffset != b.ErrorOffset))
        __builtin_trap();
    return 0;
}
