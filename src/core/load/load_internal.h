// Chronoscope core: the loader's internal declarations, shared by the files of src/core/load/. Not an API:
// core/load.h is the public entry.
//
// How a load runs
// - json_read.h reads the bytes and calls the record builder per token (record_builder.cpp). No DOM of the whole
//   file: values below the top level are gathered into a small flat Record (one event, one group, ...) that is
//   handed to the loader and then cleared, so memory stays bounded by one record. Each node keeps the byte offset
//   where its value starts.
// - The loader (loader.cpp) routes each record by the top-level key it sits under; what a record means depends on
//   its format: import_chronoscope.cpp (ours), import_timelinejs.cpp, import_vis.cpp. The readings every format
//   shares (text, colours, dates, unknown keys) are in fields.cpp.
// - Problems become diagnostics (diagnostics.cpp); byte offsets become LINE:COL only then.
// - Once the whole file is read, the loader resolves group references, finds duplicate ids and sorts.
#pragma once

#include "core/date_parse.h"
#include "core/json_read.h"
#include "core/load.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace chronoscope {
namespace load {

// ------------------------------------------------------------------------------------------------ records

enum NodeType : uint8_t { Node_Null, Node_Bool, Node_Int, Node_Float, Node_String, Node_Object, Node_Array };

// The keys the formats know, as small numbers so a record's fields are found without string compares.
enum KeyId { K_id, K_start, K_end, K_title, K_text, K_group, K_milestone, K_tags, K_link, K_media, K_color,
             K_display_date, K_url, K_caption, K_credit, K_start_date, K_end_date, K_unique_id, K_headline,
             K_content, K_type, K_year, K_month, K_day, K_hour, K_minute, K_second, K_millisecond, K_label,
             K_background, K_display_text, K_COUNT };

extern const char* const kKeys[K_COUNT];          // "id", "start", ... in KeyId order
inline uint64_t Bit(KeyId k) { return (uint64_t)1 << k; }
int KeyIdOf(const char* k, size_t len);            // the KeyId of a key, or -1

// One JSON value of a record.
struct Node {
    NodeType    Type = Node_Null;
    bool        Bool = false;
    int64_t     Int = 0;
    double      Num = 0.0;
    std::string Str;        // string value
    std::string Key;        // key in the parent object
    int         KeyId = -1; // index into kKeys, or -1
    size_t      Start = 0;  // byte offset of the value's first character (its '{', '[', opening quote, ...)
    int         Parent = -1;
    int         Last = 0;   // index of the last node of this subtree (containers)
};

// One value below the top level, flat: node 0 is the value, a container's children follow it in order.
struct Record {
    std::vector<Node> Nodes;
    int               Count = 0;
    // Child(0, k) is asked for every key of every event: the root's children by key, built on first use.
    mutable int       RootChild[K_COUNT];
    mutable bool      RootIndexed = false;
    void Clear() { Count = 0; RootIndexed = false; }
    Node& Push()
    {
        if ((size_t)Count == Nodes.size())
            Nodes.emplace_back();
        Node& n = Nodes[Count++];
        n.Type = Node_Null;
        n.Key.clear();
        n.KeyId = -1;
        n.Str.clear();
        n.Parent = -1;
        n.Last = Count - 1;
        RootIndexed = false;
        return n;
    }
    // The child of object node i with key k (the first, if the key repeats), or -1.
    int Child(int i, KeyId id) const
    {
        if (i < 0 || Nodes[i].Type != Node_Object)
            return -1;
        if (i == 0) {
            if (!RootIndexed) {
                for (int k = 0; k < K_COUNT; k++)
                    RootChild[k] = -1;
                for (int c = 1; c <= Nodes[0].Last; c = Nodes[c].Last + 1)
                    if (Nodes[c].KeyId >= 0 && RootChild[Nodes[c].KeyId] < 0)
                        RootChild[Nodes[c].KeyId] = c;
                RootIndexed = true;
            }
            return RootChild[id];
        }
        for (int c = i + 1; c <= Nodes[i].Last; c = Nodes[c].Last + 1)
            if (Nodes[c].KeyId == (int)id)
                return c;
        return -1;
    }
};

// ------------------------------------------------------------------------------------------------ record builder

// Where a record sits in the file.
enum RecordPlace : uint8_t {
    Place_Input,        // the input's value itself, when it is not a container
    Place_TopValue,     // the value of a top-level key (`key`)
    Place_TopElement,   // an element of the array under a top-level key (`key`; "items" for a bare top-level array)
};

// What the record builder hands on.
struct RecordSink {
    virtual ~RecordSink() = default;
    virtual void OnRecord(RecordPlace place, const std::string& key, const Record& r) = 0;
    virtual void OnSyntaxError(size_t offset, const char* message) = 0;
    bool Stop = false;  // set by the sink: the reading ends after the current token
};

// Tokens -> records: the json_read.h handler of a load. Drives the reader itself (Init, Resume, Rebase), so the
// per-token calls are compiled next to the reader (record_builder.cpp).
struct RecordBuilder {
    RecordSink*   Sink = nullptr;
    bool          SyntaxOnly = false;    // only check the syntax: build nothing
    const char*   Data = nullptr;
    const char*   Cursor = nullptr;      // written by the reader: just past the last token
    const char*   TokenStart = nullptr;  // written by the reader: where the last token starts
    JsonReader<RecordBuilder> Reader;

    int           Depth = 0;             // 0 outside everything; 1 inside the top-level value
    bool          TopIsArray = false;    // a bare array of vis items
    std::string   TopKey;                // key at depth 1 whose value we are in
    bool          InTopArray = false;    // the value of TopKey is an array: each element is a record
    int           ArrayDepth = 0;        // the depth of that array (1 for a bare top-level array, else 2)
    Record        Rec;
    std::vector<int> Stack;              // open containers of the record
    std::string   PendingKey;
    bool          HaveKey = false;
    int           RecordDepth = 0;       // Depth at which the current record started (0 = no record)

    void   Init(const char* data, RecordSink* sink, bool syntax_only);
    int    Resume(size_t avail, bool final);   // JsonReader's kDone, kNeedMore or kFailed
    void   Rebase(const char* data);
    size_t Offset() const { return (size_t)(Cursor - Data); }   // just past the last token read

    // json_read.h's handler calls
    bool null();
    bool boolean(bool b);
    bool number_integer(int64_t v);
    bool number_unsigned(uint64_t v);
    bool number_float(double v);
    bool string(std::string& s);
    bool key(std::string& k);
    bool start_object();
    bool start_array();
    bool end_object();
    bool end_array();
    void syntax_error(size_t offset, const char* message);

private:
    bool Scalar(NodeType t, bool b, int64_t i, double d, std::string* s);
    bool StartContainer(NodeType t);
    bool EndContainer();
    void Route(RecordPlace place);
};

// ------------------------------------------------------------------------------------------------ diagnostics

// Byte offsets to LINE:COL, fastest when asked in increasing order.
struct LineMap {
    const char* Data = nullptr;
    size_t      Size = 0;
    size_t      Off = 0, Line = 1, LineStart = 0;  // cache: offset Off is on Line, which starts at LineStart
    void Locate(size_t off, int* line, int* col);
};

// The diagnostics of one load: all counted, the first MaxDiagnostics kept.
struct Diagnostics {
    LoadResult* Res = nullptr;
    int         Max = 50;
    LineMap     Lines;
    void Add(Severity sev, size_t offset, bool has_place, const std::string& msg);
    // When the load is over: "... and N more errors" past the cap, then everything in order of position.
    void Finish();
};

// ------------------------------------------------------------------------------------------------ loader

struct PendingRef {
    size_t IdStart = 0;    // offset of the "id" value
    size_t GroupStart = 0; // offset of the "group" value (when GroupKey is set)
    StrId  GroupKey = 0;   // the group's id as written
};

// An event's start and end as read.
struct EventSpan {
    ParsedDate Start, End;
    bool       HasEnd = false;
};

struct Loader;
// A format's reading of a date value (node i of r); false after reporting the problem as "WHAT: ...".
typedef bool (*DateReader)(Loader& L, const Record& r, int i, ParsedDate* out, const char* what);

struct Loader : RecordSink {
    size_t        Size = 0;           // bytes read so far
    LoadOptions   Opt;
    LoadResult*   Res = nullptr;
    Timeline*     Tl = nullptr;
    Diagnostics   Diags;
    RecordBuilder Builder;

    std::vector<PendingRef> Refs;     // one per event
    std::unordered_map<std::string, uint16_t> GroupIndex;
    bool          SawTjs = false, SawVis = false, SawOwn = false;

    void Start(const char* data, const LoadOptions& opt, LoadResult* res, Timeline* out, bool syntax_only);
    void Rebase(const char* data);
    void SetSize(size_t size);

    // diagnostics
    void Diag(Severity sev, size_t offset, bool has_place, const std::string& msg) { Diags.Add(sev, offset, has_place, msg); }
    void ErrorAt(const Node& n, const std::string& msg) { Diag(Severity_Error, n.Start, true, msg); }
    void WarnAt(const Node& n, const std::string& msg) { Diag(Severity_Warning, n.Start, true, msg); }

    // RecordSink
    void OnRecord(RecordPlace place, const std::string& key, const Record& r) override;
    void OnSyntaxError(size_t offset, const char* message) override { Diag(Severity_Error, offset, true, message); }

    // what the records of every format share (loader.cpp)
    void     TopValue(const std::string& key, const Record& r);
    void     TopArrayElement(const std::string& key, const Record& r);
    uint16_t AddGroup(const std::string& id, const std::string& label, Color32 color, const Node* at);
    void     GroupRecord(const Record& r);
    void     EraRecord(const Record& r);
    void     EventRecord(const Record& r, bool vis_items);
    // An event's start (node s; without one: the error no_start) and end (node e, -1 or null: none), read with
    // the format's dates; end before start is an error. False after an error.
    bool     ReadSpan(const Record& r, int s, int e, DateReader date, const char* no_start, EventSpan* out);
    Event    NewEvent(const EventSpan& span) const;
    void     AddEvent(const Record& r, Event& ev, EventExtra& x, bool need_extra, const PendingRef& ref);
    void     Finish();   // after the whole file: groups, ids, order

    // readings of values (fields.cpp)
    std::string TextOf(const Record& r, int i, bool html);
    bool        WantString(const Record& r, int i, const char* what);
    Color32     ColorOf(const Record& r, int i);
    bool        DateOf(const Record& r, int i, ParsedDate* out, const char* what);
    bool        DateFromObject(const Record& r, int i, ParsedDate* out, const char* what);
    void        WarnUnknownKeys(const Record& r, int i, uint64_t known, const char* where);
};

// ------------------------------------------------------------------------------------------------ importers

// Dates in our format and TimelineJS3's: Loader::DateOf (fields.cpp).
bool        ReadDate(Loader& L, const Record& r, int i, ParsedDate* out, const char* what);

// Chronoscope's own format (import_chronoscope.cpp).
void        OwnEvent(Loader& L, const Record& r);
std::string OwnGroupLabel(Loader& L, const Record& r);
std::string OwnEraLabel(Loader& L, const Record& r);

// TimelineJS3 (import_timelinejs.cpp).
void        TjsEvent(Loader& L, const Record& r);
void        TjsTitleSlide(Loader& L, const Record& r, int i);
std::string TjsEraLabel(Loader& L, const Record& r);

// vis-timeline (import_vis.cpp).
bool        VisDate(Loader& L, const Record& r, int i, ParsedDate* out, const char* what);
void        VisEvent(Loader& L, const Record& r);
std::string VisGroupLabel(Loader& L, const Record& r);

} // namespace load
} // namespace chronoscope
