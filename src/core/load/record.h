// Chronoscope core: JSON values as flat records, and the record builder that makes them from json_read.h's tokens
// (record_builder.cpp). Internal to core: the loader reads a file as a stream of records (load_internal.h), and
// a date given as text is read as one record (date_text.cpp).
#pragma once

#include "core/json_read.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chronoscope {
namespace load {

// ------------------------------------------------------------------------------------------------ records

enum NodeType : uint8_t { Node_Null, Node_Bool, Node_Int, Node_Float, Node_String, Node_Object, Node_Array };

// The keys the formats know, as small numbers so a record's fields are found without string compares.
enum KeyId { K_id, K_start, K_end, K_title, K_text, K_group, K_milestone, K_tags, K_link, K_media, K_color,
             K_display_date, K_url, K_caption, K_credit, K_start_date, K_end_date, K_unique_id, K_headline,
             K_content, K_type, K_year, K_month, K_day, K_hour, K_minute, K_second, K_millisecond, K_label,
             K_background, K_display_text, K_thumbnail, K_COUNT };

extern const char* const kKeys[K_COUNT];          // "id", "start", ... in KeyId order
constexpr uint64_t Bit(KeyId k) { return (uint64_t)1 << k; }
int KeyIdOf(const char* k, size_t len);            // the KeyId of a key, or -1

// One JSON value of a record.
struct Node {
    NodeType    Type = Node_Null;
    bool        Bool = false;
    int64_t     Int = 0;
    double      Num = 0.0;
    std::string Str;        // a string value with escapes (decoded); see String()
    const char* View = nullptr;   // a string value without escapes: as it stands in the text (ViewLen bytes)
    size_t      ViewLen = 0;
    std::string Key;        // key in the parent object when kKeys has no name for it (else empty: see KeyName)
    int         KeyId = -1; // index into kKeys, or -1
    size_t      Start = 0;  // byte offset of the value's first character (its '{', '[', opening quote, ...)
    int         Parent = -1;
    int         Last = 0;   // index of the last node of this subtree (containers)
    // The key in the parent object, whichever way it is kept.
    std::string KeyName() const { return KeyId >= 0 ? std::string(kKeys[KeyId]) : Key; }
    // A string value, whichever way it is kept: a view of the text the record was read from (valid while that text
    // is, at its place: the builder moves the views when the reader is rebased) or Str.
    std::string_view String() const { return View ? std::string_view(View, ViewLen) : std::string_view(Str); }
};

// One value below the top level, flat: node 0 is the value, a container's children follow it in order.
struct Record {
    std::vector<Node> Nodes;
    int               Count = 0;
    // Child(0, k) is asked for every key of every event: the root's children by key, built on first use.
    // RootKeys has a bit per KeyId the root has (RootChild[k] is only meaningful under its bit); RootUnnamed counts
    // its children whose key kKeys has no name for.
    mutable int       RootChild[K_COUNT];
    mutable uint64_t  RootKeys = 0;
    mutable int       RootUnnamed = 0;
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
        n.View = nullptr;
        n.Parent = -1;
        n.Last = Count - 1;
        RootIndexed = false;
        return n;
    }
    // Indexes the root's children by key (RootChild, RootKeys, RootUnnamed), once per record.
    void IndexRoot() const
    {
        if (RootIndexed)
            return;
        uint64_t keys = 0;
        int unnamed = 0;
        for (int c = 1; c <= Nodes[0].Last; c = Nodes[c].Last + 1) {
            const int k = Nodes[c].KeyId;
            if (k < 0)
                unnamed++;
            else if (!((keys >> k) & 1)) {
                keys |= (uint64_t)1 << k;
                RootChild[k] = c;
            }
        }
        RootKeys = keys;
        RootUnnamed = unnamed;
        RootIndexed = true;
    }
    // The child of object node i with key k (the first, if the key repeats), or -1.
    int Child(int i, KeyId id) const
    {
        if (i < 0 || Nodes[i].Type != Node_Object)
            return -1;
        if (i == 0) {
            IndexRoot();
            return (RootKeys >> id) & 1 ? RootChild[id] : -1;
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
    Place_Input,        // the input's value itself, when it is not a container (any value, when Whole)
    Place_TopValue,     // the value of a top-level key (`key`)
    Place_TopElement,   // an element of the array under a top-level key (`key`; "items" for a bare top-level array)
};

// What the record builder hands on.
struct RecordSink {
    virtual ~RecordSink() = default;
    virtual void OnRecord(RecordPlace place, const std::string& key, const Record& r) = 0;
    virtual void OnSyntaxError(size_t offset, const char* message) = 0;
    // A string value holds U+0000, written as the escape at `offset`. Strings are kept NUL-terminated (the string
    // pool, the widget, C callers), where a NUL would cut them short: the loader refuses them. The reading goes on
    // with the value read as "".
    virtual void OnNulInString(size_t offset) {}
    bool Stop = false;  // set by the sink: the reading ends after the current token
};

// Tokens -> records: the json_read.h handler of a load. Drives the reader itself (Init, Resume, Rebase), so the
// per-token calls are compiled next to the reader (record_builder.cpp).
struct RecordBuilder {
    RecordSink*   Sink = nullptr;
    bool          SyntaxOnly = false;    // only check the syntax: build nothing
    bool          Whole = false;         // the input's value is one record, not a file of records
    bool          Lines = false;         // JSON Lines (Reader.Lines): after a first value that is not Whole (the
                                         // timeline's other fields), every value is Whole: one record per line
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
    std::string   PendingKey;            // the next node's key, when PendingKeyId is -1
    int           PendingKeyId = -1;
    bool          HaveKey = false;
    int           RecordDepth = 0;       // Depth at which the current record started (0 = no record)

    void   Init(const char* data, RecordSink* sink, bool syntax_only, bool whole = false);
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
    bool string_text(const char* s, size_t n);   // (a string or key without escapes, as it stands in the text)
    bool key_text(const char* k, size_t n);
    bool start_object();
    bool start_array();
    bool end_object();
    bool end_array();
    void syntax_error(size_t offset, const char* message);

private:
    bool Scalar(NodeType t, bool b, int64_t i, double d, std::string* s, const char* text = nullptr, size_t len = 0);
    bool StartContainer(NodeType t);
    bool EndContainer();
    void Route(RecordPlace place);
};

// The whole of text[0, len) as one record (a value of any kind). False with the reader's message in *error when
// the text is not one JSON value.
bool ReadJsonValue(const char* text, size_t len, Record* out, std::string* error);

} // namespace load
} // namespace chronoscope
