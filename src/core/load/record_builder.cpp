// Chronoscope core: tokens -> records (see load_internal.h). The loader's hot path: every token of a file passes
// through here, so the reader is instantiated in this file, next to the handler calls it makes.
#include "core/load/load_internal.h"

#include <cstring>

namespace chronoscope {
namespace load {

constexpr const char* const kKeys[K_COUNT] = {
    "id", "start", "end", "title", "text", "group", "milestone", "tags", "link", "media", "color", "display_date",
    "url", "caption", "credit", "start_date", "end_date", "unique_id", "headline", "content", "type", "year",
    "month", "day", "hour", "minute", "second", "millisecond", "label", "background", "display_text", "thumbnail" };

namespace {
// kKeys by a hash of (length, first byte, last byte): every key of every record is looked up here. A key is compared
// as the two words a text of its length loads to (its first and last 8 bytes, or 4, or 3 of its bytes when shorter:
// together they cover it), so a lookup is a hash, a table read and three compares, no call. The table is made by
// the compiler.
struct KeyTable {
    uint8_t  Len[K_COUNT] = {};
    uint64_t Head[K_COUNT] = {}, Tail[K_COUNT] = {};
    int8_t   Slot[256][3] = {};
    bool     Full = false;   // more than 3 keys in a slot: look through all of them
    static constexpr unsigned Hash(const char* k, size_t len)
    {
        return ((unsigned)len * 31u + (unsigned char)k[0] * 7u + (unsigned char)k[len - 1]) & 255u;
    }
    // n bytes at k as a little-endian word (what memcpy into an integer reads on the machines we build for)
    static constexpr uint64_t Le(const char* k, size_t n)
    {
        uint64_t v = 0;
        for (size_t i = n; i-- > 0;)
            v = v << 8 | (uint8_t)k[i];
        return v;
    }
    static constexpr void Words(const char* k, size_t len, uint64_t* head, uint64_t* tail)
    {
        if (len >= 8) {
            *head = Le(k, 8);
            *tail = Le(k + len - 8, 8);
        } else if (len >= 4) {
            *head = Le(k, 4);
            *tail = Le(k + len - 4, 4);
        } else {
            *head = (uint64_t)(uint8_t)k[0] | (uint64_t)(uint8_t)k[len >> 1] << 8 | (uint64_t)(uint8_t)k[len - 1] << 16;
            *tail = 0;
        }
    }
    constexpr KeyTable()
    {
        for (auto& s : Slot)
            s[0] = s[1] = s[2] = -1;
        for (int i = 0; i < K_COUNT; i++) {
            size_t n = 0;
            while (kKeys[i][n])
                n++;
            Len[i] = (uint8_t)n;
            Words(kKeys[i], n, &Head[i], &Tail[i]);
            int8_t* s = Slot[Hash(kKeys[i], n)];
            int j = 0;
            while (j < 3 && s[j] >= 0)
                j++;
            if (j == 3)
                Full = true;
            else
                s[j] = (int8_t)i;
        }
    }
};
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "KeyTable::Le reads words as little-endian");
constexpr KeyTable kKeyTable;

CS_FORCE_INLINE int KeyOf(const char* k, size_t len)   // (inlined: once per key)
{
    const KeyTable& t = kKeyTable;
    if (len == 0 || len > 16)   // (no key is longer than 16 bytes: the two words cover all of it)
        return -1;
    uint64_t head, tail;
    if (len >= 8) {
        memcpy(&head, k, 8);
        memcpy(&tail, k + len - 8, 8);
    } else if (len >= 4) {
        uint32_t a, b;
        memcpy(&a, k, 4);
        memcpy(&b, k + len - 4, 4);
        head = a;
        tail = b;
    } else {
        KeyTable::Words(k, len, &head, &tail);
    }
    if (!t.Full) {
        const int8_t* s = t.Slot[KeyTable::Hash(k, len)];
        for (int j = 0; j < 3 && s[j] >= 0; j++)
            if (t.Len[s[j]] == len && t.Head[s[j]] == head && t.Tail[s[j]] == tail)
                return s[j];
        return -1;
    }
    for (int i = 0; i < K_COUNT; i++)
        if (t.Len[i] == len && t.Head[i] == head && t.Tail[i] == tail)
            return i;
    return -1;
}
} // namespace

int KeyIdOf(const char* k, size_t len) { return KeyOf(k, len); }

void RecordBuilder::Init(const char* data, RecordSink* sink, bool syntax_only, bool whole)
{
    Sink = sink;
    SyntaxOnly = syntax_only;
    Whole = whole;
    Lines = false;
    Data = data;
    Depth = RecordDepth = 0;   // a builder may be started again on other text
    TopIsArray = InTopArray = HaveKey = false;
    Stack.clear();
    Rec.Clear();
    Reader.Init(data, this, &Cursor, &TokenStart);
}

int RecordBuilder::Resume(size_t avail, bool final) { return Reader.Resume(avail, final); }

void RecordBuilder::Rebase(const char* data)
{
    Reader.Rebase(data);  // (moves Cursor and TokenStart too: they are the reader's)
    for (int i = 0; i < Rec.Count; i++)   // the open record's strings are views of the text: to the same offsets
        if (Rec.Nodes[i].View)
            Rec.Nodes[i].View = data + (Rec.Nodes[i].View - Data);
    Data = data;
}

bool RecordBuilder::null() { return Scalar(Node_Null, false, 0, 0.0, nullptr); }
bool RecordBuilder::boolean(bool b) { return Scalar(Node_Bool, b, 0, 0.0, nullptr); }
bool RecordBuilder::number_integer(int64_t v) { return Scalar(Node_Int, false, v, (double)v, nullptr); }
bool RecordBuilder::number_unsigned(uint64_t v)
{
    if (v > (uint64_t)INT64_MAX)
        return Scalar(Node_Float, false, 0, (double)v, nullptr);
    return Scalar(Node_Int, false, (int64_t)v, (double)v, nullptr);
}
bool RecordBuilder::number_float(double v) { return Scalar(Node_Float, false, 0, v, nullptr); }
bool RecordBuilder::string(std::string& s)
{
    if (Reader.Nul && !SyntaxOnly) {
        Sink->OnNulInString((size_t)((const char*)Reader.Nul - Data));
        s.clear();  // read as "": what a NUL-terminated copy would keep of it ("k" of "k\u0000x") makes no second error
    }
    return Scalar(Node_String, false, 0, 0.0, &s);
}
// (string_text and key_text, a value and a key of nearly every member, are inlined into the reader's calls: this is
// where it is instantiated.)
CS_FORCE_INLINE bool RecordBuilder::string_text(const char* s, size_t n)
{
    return Scalar(Node_String, false, 0, 0.0, nullptr, s, n);
}
bool RecordBuilder::start_object() { return StartContainer(Node_Object); }
bool RecordBuilder::start_array() { return StartContainer(Node_Array); }
bool RecordBuilder::end_object() { return EndContainer(); }
bool RecordBuilder::end_array() { return EndContainer(); }
void RecordBuilder::syntax_error(size_t offset, const char* message) { Sink->OnSyntaxError(offset, message); }

bool RecordBuilder::key(std::string& k)
{
    if (SyntaxOnly)
        return true;
    if (Depth == 1 && !TopIsArray && !Whole) {
        TopKey = k;
        return true;
    }
    // a key kKeys names is kept as its KeyId alone (Node::KeyName gives its text back); any other as text
    PendingKeyId = KeyOf(k.data(), k.size());
    if (PendingKeyId < 0)
        PendingKey.swap(k);
    HaveKey = true;
    return true;
}

CS_FORCE_INLINE bool RecordBuilder::key_text(const char* k, size_t n)
{
    if (SyntaxOnly)
        return true;
    if (Depth == 1 && !TopIsArray && !Whole) {
        TopKey.assign(k, n);
        return true;
    }
    PendingKeyId = KeyOf(k, n);
    if (PendingKeyId < 0)
        PendingKey.assign(k, n);
    HaveKey = true;
    return true;
}

// Hands the complete record on and clears it.
void RecordBuilder::Route(RecordPlace place)
{
    static const std::string items("items");
    Sink->OnRecord(place, place == Place_TopElement && TopIsArray ? items : TopKey, Rec);
    Rec.Clear();
}

static void SetKey(Node& n, std::string& pending, int pending_id, bool* have)
{
    if (*have) {
        n.KeyId = pending_id;
        if (pending_id < 0)
            n.Key.swap(pending);
        *have = false;
    }
}

// (Inlined into each handler call, where its arguments are constants: every value of every record comes here.)
CS_FORCE_INLINE bool RecordBuilder::Scalar(NodeType t, bool b, int64_t i, double d, std::string* s,
                                                               const char* text, size_t len)
{
    if (SyntaxOnly)
        return true;
    int parent = RecordDepth == 0 ? -1 : Stack.back();
    if (RecordDepth == 0)
        Rec.Clear();  // a value at depth 0 or a scalar directly under the top level: a one-node record
    Node& n = Rec.Push();
    n.Type = t;
    n.Bool = b;
    n.Int = i;
    n.Num = d;
    if (s) {
        n.Str.swap(*s);
    } else if (text) {   // (kept as it stands in the text: no copy)
        n.View = text;
        n.ViewLen = len;
    }
    n.Start = (size_t)(TokenStart - Data);
    if (RecordDepth != 0) {
        n.Parent = parent;
        SetKey(n, PendingKey, PendingKeyId, &HaveKey);
        return true;
    }
    if (Depth == 0)
        Route(Place_Input);
    else if (InTopArray && Depth == ArrayDepth)
        Route(Place_TopElement);
    else if (Depth == 1 && !TopIsArray)
        Route(Place_TopValue);
    else
        Rec.Clear();
    return !Sink->Stop;
}

bool RecordBuilder::StartContainer(NodeType t)
{
    if (SyntaxOnly)
        return true;
    size_t start = (size_t)(TokenStart - Data);
    Depth++;
    if (Depth == 1 && !Whole) {
        if (t == Node_Array) {
            TopIsArray = true;
            InTopArray = true;
            ArrayDepth = 1;
        }
        return true;
    }
    if (Depth == 2 && !TopIsArray && t == Node_Array && RecordDepth == 0) {
        InTopArray = true;  // each element of this array is a record
        ArrayDepth = 2;
        return true;
    }
    if (RecordDepth == 0) {
        RecordDepth = Depth;
        Rec.Clear();
        Node& n = Rec.Push();
        n.Type = t;
        n.Start = start;
        Stack.clear();
        Stack.push_back(0);
        return true;
    }
    int parent = Stack.back();
    Node& n = Rec.Push();
    n.Type = t;
    n.Start = start;
    n.Parent = parent;
    SetKey(n, PendingKey, PendingKeyId, &HaveKey);
    Stack.push_back(Rec.Count - 1);
    return true;
}

bool RecordBuilder::EndContainer()
{
    if (SyntaxOnly)
        return true;
    if (RecordDepth != 0 && Depth >= RecordDepth) {
        int top = Stack.back();
        Rec.Nodes[top].Last = Rec.Count - 1;
        Stack.pop_back();
        if (Depth == RecordDepth) {
            // a record is complete
            RecordDepth = 0;
            if (Whole)
                Route(Place_Input);
            else if (InTopArray && Depth == ArrayDepth + 1)
                Route(Place_TopElement);
            else if (Depth == 2 && !TopIsArray)
                Route(Place_TopValue);
            else
                Rec.Clear();
        }
    } else if (InTopArray && Depth == ArrayDepth) {
        InTopArray = false;  // end of a top-level array such as "events"
    }
    Depth--;
    if (Lines && Depth == 0)
        Whole = true;   // JSON Lines: the first line's fields are read; every line after it is one record
    return !Sink->Stop;
}

namespace {
// Keeps the one record of a whole value, and the first syntax error.
struct ValueSink : RecordSink {
    Record*      Out;
    std::string* Error;
    void OnRecord(RecordPlace, const std::string&, const Record& r) override { *Out = r; }
    void OnSyntaxError(size_t, const char* message) override { *Error = message; }
};
} // namespace

bool ReadJsonValue(const char* text, size_t len, Record* out, std::string* error)
{
    ValueSink sink;
    sink.Out = out;
    sink.Error = error;
    RecordBuilder b;
    b.Init(text, &sink, false, true);
    return b.Resume(len, true) == JsonReader<RecordBuilder>::kDone;
}

} // namespace load
} // namespace chronoscope
