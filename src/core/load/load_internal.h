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
//   A date value is read by date_value.cpp, the same reading as for a date given as text (date_text.h).
// - Problems become diagnostics (diagnostics.cpp); byte offsets become LINE:COL only then.
// - Once the whole file is read, the loader resolves group references, finds duplicate ids and sorts.
// - A CSV file (TimelineJS3's spreadsheet template, told by its header row; import_sheet.cpp) is read by csv.h
//   instead: each row becomes the record of the TimelineJS3 entry it stands for, with each value's offset at its
//   cell, and goes the same way.
#pragma once

#include "core/date_parse.h"
#include "core/load.h"
#include "core/load/csv.h"
#include "core/load/record.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace chronoscope {
namespace load {

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

// Why a load stopped when LoadOptions::Cancel became true (the loader's progress points, file.cpp's reads).
static const char* const kCancelledMessage = "the load was cancelled";

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

// An event as an importer reads it (Loader::NewEvent), then hands it to Loader::AddEvent.
struct EventDraft {
    Event      Ev;
    EventExtra X;
    bool       NeedExtra = false;  // X holds something: the event gets an extra
    PendingRef Ref;
};

// What an event of our format says (ReadOwnEvent): its span, its other fields as nodes of the record (-1: not given,
// or reported as wrong), the tags that are not empty, its colour.
struct OwnEventFields {
    EventSpan        Span;
    int              Id = -1, Title = -1, Text = -1, Group = -1, Link = -1, DisplayDate = -1;
    int              MediaUrl = -1, MediaCaption = -1, MediaCredit = -1, MediaThumbnail = -1;
    std::vector<int> Tags;
    bool             Milestone = false;
    Color32          Color = 0;
};

// How an event record is read: by which format, or not at all (not an object; an entry without a start that looks
// like TimelineJS3's, decided once the file is read).
enum EventKind : uint8_t { EventKind_NotObject, EventKind_Tjs, EventKind_Vis, EventKind_NoStart, EventKind_Own };
EventKind KindOfEvent(const Record& r, bool vis_items);

struct Loader;

// TimelineJS3's spreadsheet template exported as CSV (import_sheet.cpp): the header row names the columns, each row
// after it is an event, the title slide ("Type" title) or an era ("Type" era).
struct SheetReader : CsvSink {
    Loader*          L = nullptr;
    CsvReader        Csv;
    std::vector<int> Columns;        // per header cell: the column it is, or -1
    bool             HaveHeader = false;
    bool             SawTitle = false;
    Record           Rec;            // the row as a TimelineJS3 entry
    bool OnRow(const std::vector<CsvCell>& cells) override;
    void OnCsvProblem(bool error, size_t offset, const char* message) override;
    void Finish();                   // after the whole input
};
// Whether the input is such a CSV file: its first line (after a byte order mark) has a cell "Year" (JSON's first
// byte is told at once). *decided is false while too few bytes have come to tell.
bool LooksLikeSheet(const char* data, size_t avail, bool final, bool* decided);

// JSON Lines (LoadOptions::JsonLines, and the packer's .jsonl input): the first line holds the timeline's other
// fields when it is an object without "start", "start_date" or "content" (none of the formats' events); every other
// line is one event, read as an element of "events". The first line's fields may hold no events
// (kJsonLinesHeaderEvents says so).
bool JsonLinesHeader(const Record& first);
extern const char* const kJsonLinesHeaderEvents;

// A format's reading of a date value (node i of r); false after reporting the problem as "WHAT: ...".
typedef bool (*DateReader)(Loader& L, const Record& r, int i, ParsedDate* out, const char* what);

struct Loader : RecordSink {
    size_t        Size = 0;           // bytes read so far
    LoadOptions   Opt;
    LoadResult*   Res = nullptr;
    Timeline*     Tl = nullptr;
    Diagnostics   Diags;
    RecordBuilder Builder;
    std::unique_ptr<SheetReader> Sheet;  // the input is CSV: read by it, not by Builder

    std::vector<PendingRef> Refs;     // one per event
    struct StoryRef {
        std::string Id;
        size_t      Start;            // where the id is written
    };
    std::vector<StoryRef> Story;      // "story": event ids in the author's order, resolved by Finish
    // Entries without any start that look like TimelineJS3's (a "text" object, "media", "unique_id", "end_date"):
    // where each starts. Once the whole file is read they are dropped with a warning if the file is TimelineJS3
    // (TimelineJS3 skips such an entry and shows the others), else each is the error "event without \"start\"".
    std::vector<size_t> NoStart;
    std::unordered_map<std::string, uint16_t> GroupIndex;
    OwnEventFields Own;               // scratch of OwnEvent
    bool          SawTjs = false, SawVis = false, SawOwn = false;
    bool          SawHeaderEvents = false;   // (JSON Lines) the first line's fields held events: said once

    void Start(const char* data, const LoadOptions& opt, LoadResult* res, Timeline* out, bool syntax_only);
    void Rebase(const char* data);
    void SetSize(size_t size);
    void StartSheet();                  // the input is CSV
    size_t Offset() const { return Sheet ? Sheet->Csv.Offset() : Builder.Offset(); }  // bytes read so far

    // diagnostics
    void Diag(Severity sev, size_t offset, bool has_place, const std::string& msg) { Diags.Add(sev, offset, has_place, msg); }
    void ErrorAt(const Node& n, const std::string& msg) { Diag(Severity_Error, n.Start, true, msg); }
    void WarnAt(const Node& n, const std::string& msg) { Diag(Severity_Warning, n.Start, true, msg); }

    // RecordSink
    void OnRecord(RecordPlace place, const std::string& key, const Record& r) override;
    void OnSyntaxError(size_t offset, const char* message) override { Diag(Severity_Error, offset, true, message); }
    void OnNulInString(size_t offset) override;

    // what the records of every format share (loader.cpp)
    void     TopValue(const std::string& key, const Record& r);
    void     TopArrayElement(const std::string& key, const Record& r);
    uint16_t AddGroup(const std::string& id, const std::string& label, Color32 color, const Node* at);
    void     GroupRecord(const Record& r);
    void     EraRecord(const Record& r);
    void     EventRecord(const Record& r, bool vis_items);
    void     StoryRecord(const Record& r);
    void     TitleMedia(const Record& r, int i, bool html);   // the title card's media object (node i)
    void     ResolveStory();
    // An event's start (node s; without one: the error no_start) and end (node e, -1 or null: none), read with
    // the format's dates; end before start is an error. False after an error.
    bool     ReadSpan(const Record& r, int s, int e, DateReader date, const char* no_start, EventSpan* out);
    EventDraft NewEvent(const EventSpan& span) const;
    static void SpanEvent(const EventSpan& span, Event* out);   // NewEvent's event alone (LineLoader: no extra)
    void     AddEvent(const Record& r, EventDraft& d);
    void     Finish();   // after the whole file: groups, ids, order
    // The error of a reference (its value at `at`) to a group no "groups" entry has.
    void     UnknownGroup(size_t at, const char* key, size_t len);

    // readings of values (fields.cpp)
    std::string TextOf(const Record& r, int i, bool html);
    // Whether node i is a string; false for none (-1 or null) and, reported as "WHAT must be a string", another type.
    bool        WantString(const Record& r, int i, const char* what)
    {
        return i >= 0 && (r.Nodes[i].Type == Node_String || NotAString(r.Nodes[i], what));
    }
    bool        NotAString(const Node& n, const char* what);   // (WantString's other types: false, after the error)
    Color32     ColorOf(const Record& r, int i);
    bool        DateOf(const Record& r, int i, ParsedDate* out, const char* what);
    void        WarnUnknownKeys(const Record& r, int i, uint64_t known, const char* where);
};

// ------------------------------------------------------------------------------------------------ importers

// Dates in our format and TimelineJS3's: Loader::DateOf (fields.cpp).
bool        ReadDate(Loader& L, const Record& r, int i, ParsedDate* out, const char* what);

// Chronoscope's own format (import_chronoscope.cpp). ReadOwnEvent reads and checks an event record (its problems
// reported through L), keeping its texts in the record: OwnEvent adds what it read to the timeline, the packer's line
// reader (LineLoader) to its sort record. False when the event cannot be read (its start or end).
bool        ReadOwnEvent(Loader& L, const Record& r, OwnEventFields* f);
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

// ------------------------------------------------------------------------------------------------ one event at a time

// An event of our format read from its own text (a line of JSON Lines) as the loader reads one in a file: the same
// reader, record, readings and errors (OnRecord below), without a timeline. The packer reads JSON Lines with it.
//   LineLoader ll; ll.Begin(groups, 10);
//   per line: switch (ll.Read(p, n)) { case LineLoader::Line_Event: use ll.Ev, ll.Title()...; ... }
// What a line says is valid until the next Read.
struct LineLoader : Loader {
    enum LineResult { Line_Event, Line_Failed, Line_Other };   // Other: not our format's event (an importer's)
    Timeline   Groups;         // the timeline's groups, for references (Tl)
    LoadResult LineRes;        // the line's diagnostics (Res); on Line_Failed the first error is Diagnostics[0]
    const Record* Rec = nullptr;
    Event      Ev;             // Group resolved, Title/Text/Id unset (see the texts below)
    Color32    Color = 0;
    const char* IdAt = "";     // the id as text, IdLen bytes ("" without one): its node's string, or NumberId
    size_t     IdLen = 0;
    std::string NumberId;      // a number id's text
    // The groups by id (GroupIndex's, for one line at a time): open addressing on core/hash.h's hash, per slot a
    // group's index + 1 (0: empty); the first of two groups with one id, as in GroupIndex.
    std::vector<uint32_t> GroupSlots;
    int        GroupOf(const char* id, size_t len) const;   // the group's index, or -1
    size_t     ObjectAt = 0, ObjectLen = 0;   // the event's object in the line
    bool       Other = false, Got = false, Syntax = false;
    // A plain line (ReadPlain) is read without the reader and record builder; its record is Plain (Rec).
    Record     Plain;
    bool       NoPlain = false;   // (tests) every line the full way

    void Begin(const std::vector<Group>& groups, int max_diagnostics);
    int  Read(const char* p, size_t n);
    // The common line read at once: one object of the keys "id", "start", "end", "title", "text", "group" (strings
    // without escapes), "milestone" (true or false) and "tags" (an array of such strings), each once, whose dates
    // are ParseIsoDateCommon's, whose end is not before its start and whose group is one of the groups; JSON's
    // spaces anywhere. True with what Read's full way gives for it (Ev, Color, the id, the texts, the object's
    // place, and Plain: the record the builder makes, Str and Key empty; a container's Bool, Int and Num are 0).
    // False for any other line, having changed nothing Read's full way reads: a line with anything else, or with
    // anything to report, goes that way, which alone words errors and warnings.
    bool ReadPlain(const char* p, size_t n);
    // the title and text ("" without one)
    std::string_view Title() const { return Own.Title >= 0 ? Rec->Nodes[Own.Title].String() : std::string_view(); }
    std::string_view Text() const { return Own.Text >= 0 ? Rec->Nodes[Own.Text].String() : std::string_view(); }
    void OnRecord(RecordPlace place, const std::string& key, const Record& r) override;
    void OnSyntaxError(size_t offset, const char* message) override;
};

} // namespace load
} // namespace chronoscope
