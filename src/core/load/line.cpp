// Chronoscope core: one event of our format read from its own text (load_internal.h: LineLoader), for the packer's
// JSON Lines. The line is read as the loader reads an element of "events": the same reader and record, and the same
// readings, errors and group references (OwnEvent's ReadOwnEvent, Finish's UnknownGroup).
#include "core/load/load_internal.h"

#include "core/hash.h"

#include <cstring>

namespace chronoscope {
namespace load {

void LineLoader::Begin(const std::vector<Group>& groups, int max_diagnostics)
{
    Opt = LoadOptions();
    Opt.MaxDiagnostics = max_diagnostics;
    Opt.ProgressEvery = 0;
    Res = &LineRes;
    Groups.Groups = groups;
    Tl = &Groups;
    Diags.Res = &LineRes;
    Diags.Max = max_diagnostics;
    size_t slots = 16;
    while (slots < groups.size() * 2)
        slots *= 2;
    GroupSlots.assign(slots, 0);
    for (size_t i = 0; i < groups.size(); i++) {
        const std::string& id = groups[i].Id;
        if (GroupOf(id.data(), id.size()) >= 0)
            continue;
        size_t at = (size_t)HashBytes(id.data(), id.size()) & (slots - 1);
        while (GroupSlots[at])
            at = (at + 1) & (slots - 1);
        GroupSlots[at] = (uint32_t)i + 1;
    }
}

int LineLoader::GroupOf(const char* id, size_t len) const
{
    const size_t mask = GroupSlots.size() - 1;
    for (size_t at = (size_t)HashBytes(id, len) & mask;; at = (at + 1) & mask) {
        const uint32_t v = GroupSlots[at];
        if (!v)
            return -1;
        const std::string& g = Groups.Groups[v - 1].Id;
        if (g.size() == len && SameBytes(g.data(), id, len))
            return (int)v - 1;
    }
}

int LineLoader::Read(const char* p, size_t n)
{
    LineRes.Diagnostics.clear();
    LineRes.Errors = LineRes.Warnings = 0;
    Diags.Lines = LineMap();
    Diags.Lines.Data = p;
    SetSize(n);
    Rec = nullptr;
    Other = Got = Syntax = false;
    Stop = false;
    Builder.Init(p, this, false, true);
    const int st = Builder.Resume(n, true);
    // A syntax error's message depends on what the line stands in (the wrapper of a batch of lines says "expected
    // ',' or ']' after an array element" where a line alone ends): the caller reads such a line as before.
    if (Syntax || Other)
        return Line_Other;
    if (LineRes.Errors || st != JsonReader<RecordBuilder>::kDone || !Got) {
        Diags.Finish();
        return Line_Failed;
    }
    return Line_Event;
}

void LineLoader::OnRecord(RecordPlace, const std::string&, const Record& r)
{
    Rec = &r;
    const EventKind kind = KindOfEvent(r, false);
    if (kind == EventKind_NotObject) {
        EventRecord(r, false);   // its error
        return;
    }
    if (kind != EventKind_Own) {
        Other = true;
        return;
    }
    if (!ReadOwnEvent(*this, r, &Own))
        return;
    SpanEvent(Own.Span, &Ev);
    if (Own.Milestone)
        Ev.Flags |= EventFlags_Milestone;
    // (a string's text is the node's own: TextOf's copy only for a number)
    IdAt = "";
    IdLen = 0;
    if (Own.Id >= 0) {
        if (r.Nodes[Own.Id].Type != Node_String) {
            NumberId = TextOf(r, Own.Id, false);
            IdAt = NumberId.data();
            IdLen = NumberId.size();
        } else {
            IdAt = r.Nodes[Own.Id].String().data();
            IdLen = r.Nodes[Own.Id].String().size();
        }
    }
    if (Own.Group >= 0) {
        std::string number;
        if (r.Nodes[Own.Group].Type != Node_String)
            number = TextOf(r, Own.Group, false);
        const std::string_view key = r.Nodes[Own.Group].Type == Node_String ? r.Nodes[Own.Group].String() : number;
        if (!key.empty()) {   // (an empty reference is none, as in the pool)
            const int g = GroupOf(key.data(), key.size());
            if (g < 0)
                UnknownGroup(r.Nodes[Own.Group].Start, key.data(), key.size());
            else
                Ev.Group = (uint16_t)g;
        }
    }
    Color = Own.Color;
    ObjectAt = r.Nodes[0].Start;
    ObjectLen = Builder.Offset() - ObjectAt;
    Got = true;
}

void LineLoader::OnSyntaxError(size_t offset, const char* message)
{
    Syntax = true;
    Loader::OnSyntaxError(offset, message);
}

} // namespace load
} // namespace chronoscope
