// Chronoscope core: one event of our format read from its own text (load_internal.h: LineLoader), for the packer's
// JSON Lines. The line is read as the loader reads an element of "events": the same reader and record, and the same
// readings, errors and group references (OwnEvent's ReadOwnEvent, Finish's UnknownGroup). The common line, plain
// (ReadPlain), is read at once into the same record and fields without the reader's token calls; it is held to the
// full way by tests/unit/line_loader_test.cpp.
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

namespace {
CS_FORCE_INLINE const unsigned char* SkipSpace(const unsigned char* q, const unsigned char* end)
{
    // (JSON's four spaces are all below '!': most tokens are next, or after one ' ')
    if (q < end && *q > ' ')
        return q;
    if (end - q >= 2 && *q == ' ' && q[1] > ' ')
        return q + 1;
    while (q < end && (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n'))
        q++;
    return q;
}
// The keys ReadPlain reads, and of those the ones whose value is a string
constexpr uint64_t kPlainKeys = Bit(K_id) | Bit(K_start) | Bit(K_end) | Bit(K_title) | Bit(K_text) | Bit(K_group) |
                                Bit(K_milestone) | Bit(K_tags);
constexpr uint64_t kPlainStrings = kPlainKeys & ~(Bit(K_milestone) | Bit(K_tags));

// n bytes of s (at most 8) as the little-endian word a load of them gives
constexpr uint64_t Word(const char* s, int n)
{
    uint64_t v = 0;
    for (int i = n; i-- > 0;)
        v = v << 8 | (uint8_t)s[i];
    return v;
}
constexpr uint64_t Mask(int n) { return n == 8 ? ~(uint64_t)0 : ((uint64_t)1 << (8 * n)) - 1; }
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "PlainKey reads words as little-endian");

// k just past a key's opening quote, 8 bytes readable there: which of kPlainKeys the key is, with its closing quote
// at *close (a key written so has no escapes), or -1 (any other key, or one ReadPlain leaves to the reader). Each key
// is compared with its closing quote as one or two words.
CS_FORCE_INLINE int PlainKey(const unsigned char* k, const unsigned char* end, const unsigned char** close)
{
    uint64_t w;
    memcpy(&w, k, 8);
#define CS_PLAIN_KEY(name, id)                                                                      \
    if ((w & Mask(sizeof(name))) == Word(name "\"", sizeof(name))) {                                \
        *close = k + sizeof(name) - 1;                                                              \
        return id;                                                                                  \
    }
    switch (*k) {
    case 'i': CS_PLAIN_KEY("id", K_id) break;
    case 'e': CS_PLAIN_KEY("end", K_end) break;
    case 's': CS_PLAIN_KEY("start", K_start) break;
    case 'g': CS_PLAIN_KEY("group", K_group) break;
    case 't':
        CS_PLAIN_KEY("title", K_title)
        CS_PLAIN_KEY("text", K_text)
        CS_PLAIN_KEY("tags", K_tags)
        break;
    case 'm': {
        if (end - k < 10)
            break;
        uint16_t w2;
        memcpy(&w2, k + 8, 2);
        if (w == Word("mileston", 8) && w2 == (uint16_t)Word("e\"", 2)) {
            *close = k + 9;
            return K_milestone;
        }
        break;
    }
    }
#undef CS_PLAIN_KEY
    return -1;
}
// The next node of ReadPlain's record (its nodes are only ever written here: their Str and Key stay empty).
CS_FORCE_INLINE Node& PushNode(std::vector<Node>& nodes, int* count, NodeType t, int key, size_t start, int parent)
{
    if ((size_t)*count == nodes.size())
        nodes.emplace_back();
    Node& v = nodes[*count];
    v.Type = t;
    v.Bool = false;
    v.Int = 0;
    v.Num = 0.0;
    v.View = nullptr;
    v.ViewLen = 0;
    v.KeyId = key;
    v.Start = start;
    v.Parent = parent;
    v.Last = (*count)++;
    return v;
}
} // namespace

bool LineLoader::ReadPlain(const char* text, size_t n)
{
    using json_detail::RunClose;
    const unsigned char* const b = (const unsigned char*)text;
    const unsigned char* const end = b + n;
    const unsigned char* q = SkipSpace(b, end);
    if (q == end || *q != '{')
        return false;
    Record& r = Plain;
    std::vector<Node>& nodes = r.Nodes;
    int count = 0;
    auto push = [&](NodeType t, int key, const unsigned char* at, int parent) -> Node& {
        return PushNode(nodes, &count, t, key, (size_t)(at - b), parent);
    };
    push(Node_Object, -1, q, -1);
    uint64_t keys = 0;
    q = SkipSpace(q + 1, end);
    for (;;) {
        if (q == end || *q != '"')
            return false;   // (an empty object too: an event without "start")
        const unsigned char* ke;
        const int id = end - q > 8 ? PlainKey(q + 1, end, &ke) : -1;
        if (id < 0 || ((keys >> id) & 1))
            return false;
        keys |= Bit((KeyId)id);
        // (the common ": " before a value and ", " before the next key are taken at once; else as written)
        if (end - ke >= 4 && ke[1] == ':' && ke[2] == ' ' && ke[3] > ' ') {
            q = ke + 3;
        } else {
            q = SkipSpace(ke + 1, end);
            if (q == end || *q != ':')
                return false;
            q = SkipSpace(q + 1, end);
            if (q == end)
                return false;
        }
        const int at = count;
        r.RootChild[id] = at;
        if (*q == '"') {
            const unsigned char* se = RunClose(q + 1, end);
            if (!se || !((kPlainStrings >> id) & 1))
                return false;
            Node& v = push(Node_String, id, q, 0);
            v.View = (const char*)q + 1;
            v.ViewLen = (size_t)(se - q - 1);
            q = se + 1;
        } else if (id == K_milestone && (*q == 't' || *q == 'f')) {
            const bool t = *q == 't';
            const size_t len = t ? 4 : 5;
            if ((size_t)(end - q) < len || (t ? memcmp(q, "true", 4) : memcmp(q, "false", 5)) != 0)
                return false;
            push(Node_Bool, id, q, 0).Bool = t;
            q += len;
        } else if (id == K_tags && *q == '[') {
            push(Node_Array, id, q, 0);
            q = SkipSpace(q + 1, end);
            if (q != end && *q == ']') {
                q++;
            } else {
                for (;;) {
                    if (q == end || *q != '"')
                        return false;
                    const unsigned char* se = RunClose(q + 1, end);
                    if (!se)
                        return false;
                    Node& v = push(Node_String, -1, q, at);
                    v.View = (const char*)q + 1;
                    v.ViewLen = (size_t)(se - q - 1);
                    q = SkipSpace(se + 1, end);
                    if (q != end && *q == ',') {
                        q = SkipSpace(q + 1, end);
                        continue;
                    }
                    if (q != end && *q == ']') {
                        q++;
                        break;
                    }
                    return false;
                }
            }
            nodes[at].Last = count - 1;
        } else {
            return false;
        }
        if (end - q >= 3 && q[0] == ',' && q[1] == ' ' && q[2] == '"') {
            q += 2;
            continue;
        }
        q = SkipSpace(q, end);
        if (q != end && *q == ',') {
            q = SkipSpace(q + 1, end);
            continue;
        }
        if (q != end && *q == '}')
            break;
        return false;
    }
    const unsigned char* object_end = q + 1;
    if (SkipSpace(object_end, end) != end || !(keys & Bit(K_start)))
        return false;
    // the readings of ReadOwnEvent and OnRecord, for these values (where they have nothing to say)
    EventSpan span;
    const std::string_view start = nodes[r.RootChild[K_start]].String();
    if (!ParseIsoDateCommon(start.data(), start.size(), &span.Start))
        return false;
    span.End = span.Start;
    span.HasEnd = false;
    if (keys & Bit(K_end)) {
        const std::string_view e = nodes[r.RootChild[K_end]].String();
        if (!ParseIsoDateCommon(e.data(), e.size(), &span.End) || span.End.Time < span.Start.Time)
            return false;
        span.HasEnd = true;
    }
    int group = -1;
    if (keys & Bit(K_group)) {
        const std::string_view g = nodes[r.RootChild[K_group]].String();
        if (!g.empty() && (group = GroupOf(g.data(), g.size())) < 0)
            return false;   // (UnknownGroup's error)
    }
    // the line is plain: what Read gives for it
    nodes[0].Last = count - 1;
    r.Count = count;
    r.RootKeys = keys;
    r.RootUnnamed = 0;
    r.RootIndexed = true;
    auto child = [&](KeyId k) { return (keys >> k) & 1 ? r.RootChild[k] : -1; };
    Own.Span = span;
    Own.Id = child(K_id);
    Own.Title = child(K_title);
    Own.Text = child(K_text);
    Own.Group = child(K_group);
    Own.Link = Own.MediaUrl = Own.MediaCaption = Own.MediaCredit = Own.MediaThumbnail = Own.DisplayDate = -1;
    Own.Milestone = (keys & Bit(K_milestone)) && nodes[r.RootChild[K_milestone]].Bool;
    Own.Tags.clear();
    if (keys & Bit(K_tags)) {
        const int t = r.RootChild[K_tags];
        for (int c = t + 1; c <= nodes[t].Last; c++)
            if (nodes[c].ViewLen)
                Own.Tags.push_back(c);
    }
    Own.Color = 0;
    SpanEvent(span, &Ev);
    if (Own.Milestone)
        Ev.Flags |= EventFlags_Milestone;
    if (group >= 0)
        Ev.Group = (uint16_t)group;
    Color = 0;
    IdAt = "";
    IdLen = 0;
    if (Own.Id >= 0) {
        IdAt = nodes[Own.Id].View;
        IdLen = nodes[Own.Id].ViewLen;
    }
    ObjectAt = nodes[0].Start;
    ObjectLen = (size_t)(object_end - b) - ObjectAt;
    Rec = &r;
    Other = Syntax = false;
    Got = true;
    return true;
}

int LineLoader::Read(const char* p, size_t n)
{
    if (!NoPlain && ReadPlain(p, n))
        return Line_Event;
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
    // A syntax error's message depends on what follows the line (a value may go on past its line's end, which the
    // line alone cannot see): the caller reads such a line with the lines after it, as the window reads the file.
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
