// Chronoscope core: loading a timeline from JSON (see load.h).
//
// How it works
// - json_read.h reads the bytes and calls the loader per token (no DOM of the whole file: a million events
//   stream through). Before each call it says where the token starts and ends, so each value knows its place.
// - Values below the top level are gathered into a small flat "record" (one event, one group, ...) that is
//   converted and then cleared, so memory stays bounded by one record.
// - Byte offsets become LINE:COL only when a diagnostic is made.
// - Cross references (groups, duplicate ids) are checked once the whole file is read.
#include "core/load.h"

#include "core/date_parse.h"
#include "core/json_read.h"
#include "core/utf8.h"


#include <sys/stat.h>
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <numeric>
#include <string_view>
#include <unordered_map>

namespace chronoscope {

// ------------------------------------------------------------------------------------------------ positions

struct LineMap {
    const char* Data = nullptr;
    size_t      Size = 0;
    size_t      Off = 0, Line = 1, LineStart = 0;  // cache: offset Off is on Line, which starts at LineStart

    void Locate(size_t off, int* line, int* col)
    {
        if (off > Size)
            off = Size;
        if (off < Off) {
            Off = 0;
            Line = 1;
            LineStart = 0;
        }
        for (size_t i = Off; i < off; i++)
            if (Data[i] == '\n') {
                Line++;
                LineStart = i + 1;
            }
        Off = off;
        size_t chars = Utf8CountChars(Data + LineStart, off - LineStart);
        *line = (int)std::min<size_t>(Line, 0x7FFFFFFF);
        *col = (int)std::min<size_t>(chars + 1, 0x7FFFFFFF);
    }
};

// ------------------------------------------------------------------------------------------------ records

enum NodeType : uint8_t { Node_Null, Node_Bool, Node_Int, Node_Float, Node_String, Node_Object, Node_Array };

// The keys the formats know, as small numbers so a record's fields are found without string compares.
static const char* const kKeys[] = {
    "id", "start", "end", "title", "text", "group", "milestone", "tags", "link", "media", "color", "display_date",
    "url", "caption", "credit", "start_date", "end_date", "unique_id", "headline", "content", "type", "year",
    "month", "day", "hour", "minute", "second", "millisecond", "label", "background", "display_text", nullptr };

enum KeyId { K_id, K_start, K_end, K_title, K_text, K_group, K_milestone, K_tags, K_link, K_media, K_color, K_display_date, K_url, K_caption, K_credit, K_start_date, K_end_date, K_unique_id, K_headline, K_content, K_type, K_year, K_month, K_day, K_hour, K_minute, K_second, K_millisecond, K_label, K_background, K_display_text, K_COUNT };

static inline uint64_t Bit(KeyId k) { return (uint64_t)1 << k; }

static int KeyIdOf(const char* k, size_t len)
{
    static uint8_t lens[K_COUNT];
    static bool init = false;
    if (!init) {
        for (int i = 0; i < K_COUNT; i++)
            lens[i] = (uint8_t)strlen(kKeys[i]);
        init = true;
    }
    if (len == 0)
        return -1;
    for (int i = 0; i < K_COUNT; i++)
        if (lens[i] == len && kKeys[i][0] == k[0] && memcmp(kKeys[i], k, len) == 0)
            return i;
    return -1;
}

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
                std::fill(RootChild, RootChild + K_COUNT, -1);
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

// ------------------------------------------------------------------------------------------------ loader

struct PendingRef {
    size_t IdStart = 0;    // offset of the "id" value
    size_t GroupStart = 0; // offset of the "group" value (when GroupKey is set)
    StrId  GroupKey = 0;   // the group's id as written
};

struct Loader {
    const char*   Data = nullptr;
    size_t        Size = 0;
    const char*   Cursor = nullptr;   // written by JsonRead: just past the last token
    const char*   TokenStart = nullptr;  // written by JsonRead: where the last token starts
    LineMap       Lines;
    LoadOptions   Opt;
    LoadResult*   Res = nullptr;
    Timeline*     Tl = nullptr;
    bool          SyntaxOnly = false;

    // token state
    int           Depth = 0;          // 0 outside everything; 1 inside the top-level value
    bool          TopIsArray = false; // a bare array of vis items
    std::string   TopKey;             // key at depth 1 whose value we are in
    bool          InTopArray = false; // the value of TopKey is an array: each element is a record
    int           ArrayDepth = 0;     // the depth of that array (1 for a bare top-level array, else 2)
    Record        Rec;
    std::vector<int> Stack;           // open containers of the record
    std::string   PendingKey;
    bool          HaveKey = false;
    int           RecordDepth = 0;    // Depth at which the current record started (0 = no record)

    // Results being built
    std::vector<PendingRef> Refs;     // one per event
    std::vector<std::string> GroupKeys;  // group id as written, per group
    std::unordered_map<std::string, uint16_t> GroupIndex;
    std::vector<size_t> GroupEnds;
    bool          SawTjs = false, SawVis = false, SawOwn = false;
    bool          Aborted = false;

    // --- diagnostics

    size_t StartOf(const Node& n) const { return n.Start; }

    void Diag(Severity sev, size_t offset, bool has_place, const std::string& msg)
    {
        if (sev == Severity_Error)
            Res->Errors++;
        else
            Res->Warnings++;
        if ((int)Res->Diagnostics.size() >= Opt.MaxDiagnostics)
            return;
        Diagnostic d;
        d.Sev = sev;
        d.Message = msg;
        if (has_place)
            Lines.Locate(offset, &d.Line, &d.Column);
        Res->Diagnostics.push_back(d);
    }
    void ErrorAt(const Node& n, const std::string& msg) { Diag(Severity_Error, StartOf(n), true, msg); }
    void WarnAt(const Node& n, const std::string& msg) { Diag(Severity_Warning, StartOf(n), true, msg); }

    // --- token callbacks (json_read.h)

    bool null() { return Scalar(Node_Null, false, 0, 0.0, nullptr); }
    bool boolean(bool b) { return Scalar(Node_Bool, b, 0, 0.0, nullptr); }
    bool number_integer(int64_t v) { return Scalar(Node_Int, false, v, (double)v, nullptr); }
    bool number_unsigned(uint64_t v)
    {
        if (v > (uint64_t)INT64_MAX)
            return Scalar(Node_Float, false, 0, (double)v, nullptr);
        return Scalar(Node_Int, false, (int64_t)v, (double)v, nullptr);
    }
    bool number_float(double v) { return Scalar(Node_Float, false, 0, v, nullptr); }
    bool string(std::string& s) { return Scalar(Node_String, false, 0, 0.0, &s); }
    bool key(std::string& k)
    {
        if (SyntaxOnly)
            return true;
        if (Depth == 1 && !TopIsArray) {
            TopKey = k;
            return true;
        }
        PendingKey.swap(k);
        HaveKey = true;
        return true;
    }
    bool start_object() { return StartContainer(Node_Object); }
    bool start_array() { return StartContainer(Node_Array); }
    bool end_object() { return EndContainer(); }
    bool end_array() { return EndContainer(); }

    void syntax_error(size_t offset, const char* message) { Diag(Severity_Error, offset, true, message); }

    // --- record building

    bool Scalar(NodeType t, bool b, int64_t i, double d, std::string* s)
    {
        if (SyntaxOnly)
            return true;
        size_t start = (size_t)(TokenStart - Data);
        if (RecordDepth == 0) {
            // A value at depth 0 or a scalar directly under the top-level object: a one-node record.
            Rec.Clear();
            Node& n = Rec.Push();
            SetScalar(n, t, b, i, d, s, start);
            if (Depth == 0)
                TopLevelNotObject(n);
            else if (InTopArray && Depth == ArrayDepth)
                TopArrayElement(TopIsArray ? std::string("items") : TopKey, Rec);
            else if (Depth == 1 && !TopIsArray)
                TopValue(TopKey, Rec, 0);
            Rec.Clear();
            return !Aborted;
        }
        int parent = Stack.back();
        Node& n = Rec.Push();
        SetScalar(n, t, b, i, d, s, start);
        n.Parent = parent;
        if (HaveKey) {
            n.Key.swap(PendingKey);
            n.KeyId = KeyIdOf(n.Key.data(), n.Key.size());
            HaveKey = false;
        }
        return true;
    }

    void SetScalar(Node& n, NodeType t, bool b, int64_t i, double d, std::string* s, size_t start)
    {
        n.Type = t;
        n.Bool = b;
        n.Int = i;
        n.Num = d;
        if (s)
            n.Str.swap(*s);
        n.Start = start;
    }

    bool StartContainer(NodeType t)
    {
        if (SyntaxOnly)
            return true;
        size_t start = (size_t)(TokenStart - Data);
        Depth++;
        if (Depth == 1) {
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
        if (HaveKey) {
            n.Key.swap(PendingKey);
            n.KeyId = KeyIdOf(n.Key.data(), n.Key.size());
            HaveKey = false;
        }
        Stack.push_back(Rec.Count - 1);
        return true;
    }

    bool EndContainer()
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
                if (InTopArray && Depth == ArrayDepth + 1)
                    TopArrayElement(TopIsArray ? std::string("items") : TopKey, Rec);
                else if (Depth == 2 && !TopIsArray)
                    TopValue(TopKey, Rec, 0);
                Rec.Clear();
            }
        } else if (InTopArray && Depth == ArrayDepth) {
            InTopArray = false;  // end of a top-level array such as "events"
        }
        Depth--;
        return !Aborted;
    }

    // --- meaning

    void TopLevelNotObject(const Node& n)
    {
        ErrorAt(n, "a timeline is a JSON object with \"events\" (or an array of vis-timeline items)");
    }

    std::string TextOf(const Record& r, int i, bool html)
    {
        if (i < 0)
            return std::string();
        const Node& n = r.Nodes[i];
        if (n.Type == Node_String)
            return html ? PlainTextFromHtml(n.Str.data(), n.Str.size()) : n.Str;
        if (n.Type == Node_Int)
            return std::to_string(n.Int);
        if (n.Type == Node_Float) {
            char b[32];
            snprintf(b, sizeof(b), "%g", n.Num);
            return b;
        }
        if (n.Type == Node_Null)
            return std::string();
        WarnAt(n, "expected text here");
        return std::string();
    }

    bool WantString(const Record& r, int i, const char* what)
    {
        if (i < 0 || r.Nodes[i].Type == Node_Null)
            return false;
        if (r.Nodes[i].Type != Node_String) {
            ErrorAt(r.Nodes[i], std::string(what) + " must be a string");
            return false;
        }
        return true;
    }

    Color32 ColorOf(const Record& r, int i)
    {
        if (i < 0 || r.Nodes[i].Type == Node_Null)
            return 0;
        const Node& n = r.Nodes[i];
        Color32 c = 0;
        if (n.Type != Node_String || !ParseColor(n.Str.data(), n.Str.size(), &c)) {
            WarnAt(n, "color must be \"#rgb\", \"#rrggbb\" or \"#rrggbbaa\"; ignored");
            return 0;
        }
        return c;
    }

    // A date in any form of our format. vis: numbers are milliseconds since 1970.
    bool DateOf(const Record& r, int i, bool vis, ParsedDate* out, const char* what)
    {
        const Node& n = r.Nodes[i];
        std::string err;
        switch (n.Type) {
        case Node_String: {
            if (vis) {
                // vis accepts ISO text and numeric strings (milliseconds)
                const std::string& s = n.Str;
                size_t digits_from = (!s.empty() && s[0] == '-') ? 1 : 0;
                bool numeric = s.size() > 6 + digits_from && s.find_first_not_of("0123456789", digits_from) == std::string::npos;
                if (numeric) {
                    errno = 0;
                    long long ms = strtoll(s.c_str(), nullptr, 10);
                    if (errno == ERANGE) {
                        ErrorAt(n, std::string(what) + ": time out of range");
                        return false;
                    }
                    out->Time = MakeInstant(ms / 1000 - (ms % 1000 < 0 ? 1 : 0), (ms % 1000 + 1000) % 1000 * 1000000LL);
                    out->Prec = Precision_Millisecond;
                    return true;
                }
            }
            if (ParseIsoDate(n.Str.data(), n.Str.size(), out, &err))
                return true;
            break;
        }
        case Node_Int:
        case Node_Float:
            if (vis) {
                double ms = n.Type == Node_Int ? (double)n.Int : n.Num;
                if (!std::isfinite(ms) || std::fabs(ms) > 8.64e18) {
                    err = "time out of range";
                    break;
                }
                int64_t whole = (int64_t)std::floor(ms / 1000.0);
                int64_t rem = (int64_t)std::llround(ms - (double)whole * 1000.0);
                out->Time = MakeInstant(whole, rem * 1000000LL);
                out->Prec = Precision_Millisecond;
                return true;
            }
            if (DateFromYearNumber(n.Type == Node_Int ? (double)n.Int : n.Num, out, &err))
                return true;
            break;
        case Node_Object:
            return DateFromObject(r, i, out, what);
        default:
            err = "expected a date (ISO 8601 text, a number of years, or an object with a year)";
            break;
        }
        ErrorAt(n, std::string(what) + ": " + err);
        return false;
    }

    bool DateFromObject(const Record& r, int i, ParsedDate* out, const char* what)
    {
        static const KeyId ids[DatePart_COUNT] = { K_year, K_month, K_day, K_hour, K_minute, K_second, K_millisecond };
        DateParts parts;
        for (int k = 0; k < DatePart_COUNT; k++) {
            int c = r.Child(i, ids[k]);
            if (c < 0 || r.Nodes[c].Type == Node_Null)
                continue;
            const Node& v = r.Nodes[c];
            std::string err = std::string(kDatePartNames[k]) + " must be a whole number";
            int got = -1;
            if (v.Type == Node_String)  // TimelineJS writes numbers as strings, and "" for "not given"
                got = DatePartFromText((DatePart)k, v.Str.data(), v.Str.size(), &parts.Value[k], &err);
            else if (v.Type == Node_Int || v.Type == Node_Float)
                got = DatePartFromNumber((DatePart)k, v.Type == Node_Int ? (double)v.Int : v.Num, &parts.Value[k], &err);
            if (got < 0) {
                ErrorAt(v, std::string(what) + ": " + err);
                return false;
            }
            parts.Has[k] = got > 0;
        }
        std::string err;
        if (!DateFromParts(parts, out, &err)) {
            ErrorAt(r.Nodes[i], std::string(what) + ": " + err);
            return false;
        }
        return true;
    }

    // Warns about keys outside `known` (a bit per KeyId); keys starting with "_" are the author's own.
    void WarnUnknownKeys(const Record& r, int i, uint64_t known, const char* where)
    {
        if (r.Nodes[i].Type != Node_Object)
            return;
        for (int c = i + 1; c <= r.Nodes[i].Last; c = r.Nodes[c].Last + 1) {
            int id = r.Nodes[c].KeyId;
            if (id >= 0 && (known >> id) & 1)
                continue;
            if (r.Nodes[c].Key.empty() || r.Nodes[c].Key[0] != '_')
                WarnAt(r.Nodes[c], "unknown key \"" + r.Nodes[c].Key + "\" in " + where + "; ignored");
        }
    }

    void TopValue(const std::string& key, const Record& r, int i)
    {
        const Node& n = r.Nodes[i];
        if (key == "title") {
            if (n.Type == Node_Object) {
                // TimelineJS3 title slide: {"text": {"headline", "text"}, "media"}
                SawTjs = true;
                int text = r.Child(i, K_text);
                Tl->Title = TextOf(r, r.Child(text, K_headline), true);
                Tl->Description = TextOf(r, r.Child(text, K_text), true);
            } else if (WantString(r, i, "title")) {
                Tl->Title = n.Str;
            }
        } else if (key == "description") {
            if (WantString(r, i, "description"))
                Tl->Description = n.Str;
        } else if (key == "scale") {
            SawTjs = true;  // TimelineJS3: "human" or "cosmological"; our clock needs no switch
        } else if (key == "events" || key == "groups" || key == "eras" || key == "items") {
            ErrorAt(n, "\"" + key + "\" must be an array");
        } else if (key == "$schema" || key == "version" || key == "options" || key == "language") {
        } else {
            WarnAt(n, "unknown key \"" + key + "\"; ignored");
        }
    }

    void TopArrayElement(const std::string& key, const Record& r)
    {
        if (key == "events" || key == "items")
            EventRecord(r, key == "items");
        else if (key == "groups")
            GroupRecord(r);
        else if (key == "eras")
            EraRecord(r);
    }

    uint16_t AddGroup(const std::string& id, const std::string& label, Color32 color, const Node* at)
    {
        auto it = GroupIndex.find(id);
        if (it != GroupIndex.end()) {
            if (at)
                ErrorAt(*at, "duplicate group id \"" + id + "\"");
            return it->second;
        }
        if (Tl->Groups.size() >= 4096) {
            if (at)
                ErrorAt(*at, "too many groups (at most 4096)");
            return kNoGroup;
        }
        Group g;
        g.Id = id;
        g.Label = label.empty() ? id : label;
        g.Color = color;
        uint16_t index = (uint16_t)Tl->Groups.size();
        Tl->Groups.push_back(g);
        GroupIndex.emplace(id, index);
        return index;
    }

    void GroupRecord(const Record& r)
    {
        const Node& n = r.Nodes[0];
        if (n.Type != Node_Object) {
            ErrorAt(n, "a group is an object with \"id\" and \"label\"");
            return;
        }
        int id = r.Child(0, K_id);
        if (id < 0) {
            ErrorAt(n, "group without \"id\"");
            return;
        }
        std::string gid = TextOf(r, id, false);
        // vis groups carry "content" (HTML) for the label
        int label = r.Child(0, K_label);
        std::string text = label >= 0 ? TextOf(r, label, false) : TextOf(r, r.Child(0, K_content), true);
        if (r.Child(0, K_content) >= 0)
            SawVis = true;
        if (!SawVis) {
            static const uint64_t known = Bit(K_id) | Bit(K_label) | Bit(K_color) | Bit(K_content) | Bit(K_title);
            WarnUnknownKeys(r, 0, known, "a group");
        }
        AddGroup(gid, text, ColorOf(r, r.Child(0, K_color)), &r.Nodes[id]);
    }

    void EraRecord(const Record& r)
    {
        const Node& n = r.Nodes[0];
        if (n.Type != Node_Object) {
            ErrorAt(n, "an era is an object with \"start\", \"end\" and \"label\"");
            return;
        }
        bool tjs = r.Child(0, K_start_date) >= 0;
        int s = r.Child(0, tjs ? K_start_date : K_start);
        int e = r.Child(0, tjs ? K_end_date : K_end);
        if (s < 0 || e < 0) {
            ErrorAt(n, s < 0 ? "era without \"start\"" : "era without \"end\"");
            return;
        }
        ParsedDate a, b;
        if (!DateOf(r, s, false, &a, "start") || !DateOf(r, e, false, &b, "end"))
            return;
        if (b.Time < a.Time) {
            ErrorAt(r.Nodes[e], "end is before start");
            return;
        }
        Era era;
        era.Start = a.Time;
        era.End = b.Time;
        era.StartPrecision = a.Prec;
        era.EndPrecision = b.Prec;
        if (tjs) {
            SawTjs = true;
            era.Label = TextOf(r, r.Child(r.Child(0, K_text), K_headline), true);
        } else {
            era.Label = TextOf(r, r.Child(0, K_label), false);
            static const uint64_t known = Bit(K_start) | Bit(K_end) | Bit(K_label) | Bit(K_color);
            WarnUnknownKeys(r, 0, known, "an era");
        }
        era.Color = ColorOf(r, r.Child(0, K_color));
        Tl->Eras.push_back(era);
    }

    void EventRecord(const Record& r, bool vis_items)
    {
        const Node& n = r.Nodes[0];
        if (n.Type != Node_Object) {
            ErrorAt(n, "an event is an object with at least \"start\"");
            return;
        }
        bool tjs = r.Child(0, K_start_date) >= 0;
        bool vis = !tjs && (vis_items || r.Child(0, K_content) >= 0);
        if (tjs) SawTjs = true; else if (vis) SawVis = true; else SawOwn = true;

        int s = r.Child(0, tjs ? K_start_date : K_start);
        if (s < 0 || r.Nodes[s].Type == Node_Null) {
            ErrorAt(n, tjs ? "event without \"start_date\"" : "event without \"start\"");
            return;
        }
        ParsedDate a, b;
        if (!DateOf(r, s, vis, &a, "start"))
            return;
        b = a;
        int e = r.Child(0, tjs ? K_end_date : K_end);
        bool has_end = false;
        if (e >= 0 && r.Nodes[e].Type != Node_Null) {
            // TimelineJS writes empty end dates as {"year": ""}
            bool empty_tjs = tjs && r.Nodes[e].Type == Node_Object && r.Child(e, K_year) >= 0 &&
                             r.Nodes[r.Child(e, K_year)].Type == Node_String &&
                             r.Nodes[r.Child(e, K_year)].Str.find_first_not_of(' ') == std::string::npos;
            if (tjs && r.Nodes[e].Type == Node_Object && r.Child(e, K_year) < 0)
                empty_tjs = true;
            if (!empty_tjs) {
                if (!DateOf(r, e, vis, &b, "end"))
                    return;
                has_end = true;
                if (b.Time < a.Time) {
                    ErrorAt(r.Nodes[e], "end is before start");
                    return;
                }
            }
        }

        std::string type;
        if (vis)
            type = TextOf(r, r.Child(0, K_type), false);
        if (vis && type == "background") {
            Era era;
            era.Start = a.Time;
            era.End = b.Time;
            era.StartPrecision = a.Prec;
            era.EndPrecision = b.Prec;
            era.Label = TextOf(r, r.Child(0, K_content), true);
            Tl->Eras.push_back(era);
            return;
        }

        Event ev;
        memset(&ev, 0, sizeof(ev));
        ev.SetStart(a.Time);
        ev.SetEnd(b.Time);
        ev.SetPrecision(a.Prec, b.Prec);
        ev.Extra = kNoExtra;
        ev.Group = kNoGroup;
        ev.Flags = has_end ? EventFlags_HasEnd : 0;

        StringPool& sp = Tl->Strings;
        EventExtra x;
        bool need_extra = false;
        PendingRef ref;
        if (tjs) {
            int text = r.Child(0, K_text);
            ev.Title = sp.Add(TextOf(r, r.Child(text, K_headline), true));
            ev.Text = sp.Add(TextOf(r, r.Child(text, K_text), true));
            int uid = r.Child(0, K_unique_id);
            if (uid >= 0) {
                ev.Id = sp.Add(TextOf(r, uid, false));
                ref.IdStart = r.Nodes[uid].Start;
            }
            int media = r.Child(0, K_media);
            if (media >= 0 && r.Nodes[media].Type == Node_Object) {
                x.MediaUrl = sp.Add(TextOf(r, r.Child(media, K_url), false));
                x.MediaCaption = sp.Add(TextOf(r, r.Child(media, K_caption), true));
                x.MediaCredit = sp.Add(TextOf(r, r.Child(media, K_credit), true));
                need_extra = x.MediaUrl || x.MediaCaption || x.MediaCredit;
            }
            int dd = r.Child(0, K_display_date);
            if (dd < 0)
                dd = r.Child(s, K_display_date);
            if (dd < 0)
                dd = r.Child(s, K_display_text);
            std::string disp = TextOf(r, dd, true);
            if (!disp.empty()) {
                x.DisplayDate = sp.Add(disp);
                need_extra = true;
            }
            int g = r.Child(0, K_group);
            if (g >= 0 && r.Nodes[g].Type == Node_String && !r.Nodes[g].Str.empty()) {
                // TimelineJS groups are labels that create themselves
                ev.Group = AddGroup(r.Nodes[g].Str, r.Nodes[g].Str, 0, nullptr);
            }
            int bg = r.Child(0, K_background);
            if (bg >= 0 && r.Nodes[bg].Type == Node_Object) {
                Color32 c = 0;
                int col = r.Child(bg, K_color);
                if (col >= 0 && r.Nodes[col].Type == Node_String && ParseColor(r.Nodes[col].Str.data(), r.Nodes[col].Str.size(), &c)) {
                    x.Color = c;
                    need_extra = true;
                }
            }
            if (!has_end)
                ev.Flags |= EventFlags_Milestone;
        } else if (vis) {
            ev.Title = sp.Add(TextOf(r, r.Child(0, K_content), true));
            std::string tip = TextOf(r, r.Child(0, K_title), true);
            ev.Text = sp.Add(tip);
            int id = r.Child(0, K_id);
            if (id >= 0) {
                ev.Id = sp.Add(TextOf(r, id, false));
                ref.IdStart = r.Nodes[id].Start;
            }
            if (type == "box" || type == "point" || (type.empty() && !has_end))
                ev.Flags |= EventFlags_Milestone;
            int g = r.Child(0, K_group);
            if (g >= 0 && r.Nodes[g].Type != Node_Null) {
                ref.GroupKey = sp.Add(TextOf(r, g, false));
                ref.GroupStart = r.Nodes[g].Start;
            }
        } else {
            int id = r.Child(0, K_id);
            if (id >= 0 && r.Nodes[id].Type != Node_Null) {
                if (r.Nodes[id].Type == Node_String || r.Nodes[id].Type == Node_Int) {
                    ev.Id = sp.Add(TextOf(r, id, false));
                    ref.IdStart = r.Nodes[id].Start;
                } else {
                    ErrorAt(r.Nodes[id], "id must be a string");
                }
            }
            int t = r.Child(0, K_title);
            if (WantString(r, t, "title"))
                ev.Title = sp.Add(r.Nodes[t].Str);
            int tx = r.Child(0, K_text);
            if (WantString(r, tx, "text"))
                ev.Text = sp.Add(r.Nodes[tx].Str);
            int g = r.Child(0, K_group);
            if (g >= 0 && r.Nodes[g].Type != Node_Null) {
                if (r.Nodes[g].Type == Node_String || r.Nodes[g].Type == Node_Int) {
                    ref.GroupKey = sp.Add(TextOf(r, g, false));
                    ref.GroupStart = r.Nodes[g].Start;
                } else {
                    ErrorAt(r.Nodes[g], "group must be the id of one of \"groups\"");
                }
            }
            int ms = r.Child(0, K_milestone);
            if (ms >= 0 && r.Nodes[ms].Type != Node_Null) {
                if (r.Nodes[ms].Type != Node_Bool)
                    ErrorAt(r.Nodes[ms], "milestone must be true or false");
                else if (r.Nodes[ms].Bool)
                    ev.Flags |= EventFlags_Milestone;
            }
            int tags = r.Child(0, K_tags);
            if (tags >= 0 && r.Nodes[tags].Type != Node_Null) {
                if (r.Nodes[tags].Type != Node_Array) {
                    ErrorAt(r.Nodes[tags], "tags must be an array of strings");
                } else {
                    for (int c = tags + 1; c <= r.Nodes[tags].Last; c = r.Nodes[c].Last + 1) {
                        if (r.Nodes[c].Type != Node_String) {
                            ErrorAt(r.Nodes[c], "a tag must be a string");
                            continue;
                        }
                        if (!r.Nodes[c].Str.empty())
                            x.Tags.push_back(sp.Add(r.Nodes[c].Str));
                    }
                    need_extra |= !x.Tags.empty();
                }
            }
            int link = r.Child(0, K_link);
            if (WantString(r, link, "link") && !r.Nodes[link].Str.empty()) {
                const std::string& u = r.Nodes[link].Str;
                if (strncasecmp(u.c_str(), "http://", 7) != 0 && strncasecmp(u.c_str(), "https://", 8) != 0)
                    WarnAt(r.Nodes[link], "only http:// and https:// links open; this one will not");
                x.Link = sp.Add(u);
                need_extra = true;
            }
            int media = r.Child(0, K_media);
            if (media >= 0 && r.Nodes[media].Type != Node_Null) {
                if (r.Nodes[media].Type != Node_Object) {
                    ErrorAt(r.Nodes[media], "media must be an object with \"url\", \"caption\", \"credit\"");
                } else {
                    int u = r.Child(media, K_url), c = r.Child(media, K_caption), cr = r.Child(media, K_credit);
                    if (WantString(r, u, "media url")) x.MediaUrl = sp.Add(r.Nodes[u].Str);
                    if (WantString(r, c, "media caption")) x.MediaCaption = sp.Add(r.Nodes[c].Str);
                    if (WantString(r, cr, "media credit")) x.MediaCredit = sp.Add(r.Nodes[cr].Str);
                    need_extra |= x.MediaUrl || x.MediaCaption || x.MediaCredit;
                }
            }
            int dd = r.Child(0, K_display_date);
            if (WantString(r, dd, "display_date") && !r.Nodes[dd].Str.empty()) {
                x.DisplayDate = sp.Add(r.Nodes[dd].Str);
                need_extra = true;
            }
            int col = r.Child(0, K_color);
            if (col >= 0) {
                x.Color = ColorOf(r, col);
                need_extra |= x.Color != 0;
            }
            static const uint64_t known = Bit(K_id) | Bit(K_start) | Bit(K_end) | Bit(K_title) | Bit(K_text) |
                Bit(K_group) | Bit(K_milestone) | Bit(K_tags) | Bit(K_link) | Bit(K_media) | Bit(K_color) | Bit(K_display_date);
            WarnUnknownKeys(r, 0, known, "an event");
        }
        if (need_extra) {
            ev.Extra = (uint32_t)Tl->Extras.size();
            Tl->Extras.push_back(std::move(x));
        }
        if (Tl->Events.size() >= 0xFFFFFFF0u) {
            ErrorAt(n, "too many events");
            Aborted = true;
            return;
        }
        Tl->Events.push_back(ev);
        Refs.push_back(ref);
        if (Opt.ProgressEvery && Tl->Events.size() % Opt.ProgressEvery == 0) {
            if (Opt.Cancel && Opt.Cancel->load(std::memory_order_relaxed)) {
                Diag(Severity_Error, 0, false, "the load was cancelled");
                Aborted = true;
                return;
            }
            if (Opt.Progress)
                Opt.Progress(Opt.ProgressUser, (size_t)(Cursor - Data), Tl->Events.size());
        }
    }

    // After the whole file: groups, ids, order.
    void Finish()
    {
        // group references (groups may come after the events in the file)
        for (size_t i = 0; i < Tl->Events.size(); i++) {
            PendingRef& ref = Refs[i];
            if (!ref.GroupKey)
                continue;
            const char* key = Tl->Strings.Get(ref.GroupKey);
            auto it = GroupIndex.find(key);
            if (it == GroupIndex.end()) {
                if (SawVis && !SawOwn) {
                    // vis items may name groups that are not listed: make them
                    Tl->Events[i].Group = AddGroup(key, key, 0, nullptr);
                    continue;
                }
                Diag(Severity_Error, ref.GroupStart, true, std::string("unknown group \"") + key + "\"");
                continue;
            }
            Tl->Events[i].Group = it->second;
        }
        // duplicate ids: an open-addressing table of event indices keyed by a hash of the id
        {
            const std::vector<Event>& evs = Tl->Events;
            size_t cap = 16;
            while (cap < evs.size() * 2)
                cap <<= 1;
            struct Slot {
                uint32_t Event;  // 0xFFFFFFFF: empty
                uint32_t Hash;
            };
            std::vector<Slot> slot(cap, Slot{ 0xFFFFFFFFu, 0 });  // event and hash side by side: one cache miss a probe
            for (size_t i = 0; i < evs.size(); i++) {
                StrId id = evs[i].Id;
                if (!id)
                    continue;
                const char* s = Tl->Strings.Get(id);
                size_t len = strlen(s);
                uint64_t h = 1469598103934665603ULL;
                for (size_t k = 0; k < len; k++)
                    h = (h ^ (unsigned char)s[k]) * 1099511628211ULL;
                uint32_t h32 = (uint32_t)(h ^ (h >> 32));
                size_t at = (size_t)h32 & (cap - 1);
                bool dup = false;
                while (slot[at].Event != 0xFFFFFFFFu) {
                    if (slot[at].Hash == h32 && strcmp(Tl->Strings.Get(evs[slot[at].Event].Id), s) == 0) {
                        dup = true;
                        break;
                    }
                    at = (at + 1) & (cap - 1);
                }
                if (!dup) {
                    slot[at] = Slot{ (uint32_t)i, h32 };
                    continue;
                }
                Diag(Severity_Error, Refs[i].IdStart, true, std::string("duplicate id \"") + s + "\"");
            }
        }
        // stable sort by start
        std::vector<Event>& ev = Tl->Events;
        bool sorted = true;
        for (size_t i = 1; i < ev.size() && sorted; i++)
            if (ev[i].Start() < ev[i - 1].Start())
                sorted = false;
        if (!sorted) {
            // Sort 16-byte keys, not 48-byte events: (start, file position) is unique, so the order is stable.
            struct Key {
                int64_t  Sec;
                uint64_t NsecPos;  // start nanoseconds (30 bits) above the event's position in the file
            };
            std::vector<Key> keys(ev.size());
            for (size_t i = 0; i < ev.size(); i++)
                keys[i] = Key{ ev[i].StartSec, ((uint64_t)(uint32_t)ev[i].StartNsec << 32) | (uint64_t)i };
            std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
                return a.Sec < b.Sec || (a.Sec == b.Sec && a.NsecPos < b.NsecPos);
            });
            std::vector<Event> sorted_ev(ev.size());
            for (size_t i = 0; i < keys.size(); i++)
                sorted_ev[i] = ev[(uint32_t)keys[i].NsecPos];
            ev.swap(sorted_ev);
        }
        std::sort(Tl->Eras.begin(), Tl->Eras.end(), [](const Era& a, const Era& b) { return a.Start < b.Start; });
        ev.shrink_to_fit();
        Tl->Extras.shrink_to_fit();
        Tl->Strings.Bytes.shrink_to_fit();
        if (SawTjs && !SawOwn)
            Res->Format = SourceFormat_TimelineJS3;
        else if (SawVis && !SawOwn)
            Res->Format = SourceFormat_VisTimeline;
    }
};

static bool RunParse(Loader* L)
{
    return JsonRead(L->Data, L->Size, L, &L->Cursor, &L->TokenStart);
}

struct LoadStream {
    std::unique_ptr<Loader> L;
    JsonReader<Loader>      R;
    size_t                  Capacity = 0;
    int                     State = JsonReader<Loader>::kNeedMore;  // kFailed once it cannot load
};

LoadStream* LoadBegin(const char* data, size_t capacity, const LoadOptions& opt, Timeline* out, LoadResult* res)
{
    *res = LoadResult();
    out->Clear();
    LoadStream* st = new LoadStream();
    st->L.reset(new Loader());
    Loader* L = st->L.get();
    L->Data = data ? data : "";
    L->Size = 0;
    L->Lines.Data = L->Data;
    L->Lines.Size = 0;
    L->Opt = opt;
    L->Res = res;
    L->Tl = out;
    st->Capacity = data ? capacity : 0;
    st->R.Init(L->Data, L, &L->Cursor, &L->TokenStart);
    if (capacity > opt.MaxBytes) {
        char buf[160];
        snprintf(buf, sizeof(buf), "the file is %.1f MB, more than the limit of %.1f MB", capacity / 1e6,
                 opt.MaxBytes / 1e6);
        L->Diag(Severity_Error, 0, false, buf);
        st->State = JsonReader<Loader>::kFailed;
        return st;
    }
    // A rough reservation from the size: about 100 bytes of JSON per event in our format.
    out->Events.reserve(std::min<size_t>(st->Capacity / 90 + 16, (size_t)20000000));
    L->Refs.reserve(out->Events.capacity());
    return st;
}

// More bytes than the buffer holds is the caller's mistake: an error, not a truncated read.
static bool FitsBuffer(LoadStream* st, size_t* n)
{
    Loader* L = st->L.get();
    if (*n > st->Capacity) {
        L->Diag(Severity_Error, 0, false, "the data outgrew its buffer");
        st->State = JsonReader<Loader>::kFailed;
        return false;
    }
    *n = std::max(*n, L->Size);
    return true;
}

bool LoadFeed(LoadStream* st, size_t available)
{
    if (st->State == JsonReader<Loader>::kFailed || !FitsBuffer(st, &available))
        return false;
    Loader* L = st->L.get();
    L->Size = L->Lines.Size = available;
    st->State = st->R.Resume(available, false);
    return st->State != JsonReader<Loader>::kFailed;
}

bool LoadRebase(LoadStream* st, const char* data, size_t capacity)
{
    Loader* L = st->L.get();
    if (!data || capacity < L->Size)
        return false;
    st->R.Rebase(data);  // (moves the loader's cursor and token start too: they are the reader's)
    L->Data = data;
    L->Lines.Data = data;
    st->Capacity = capacity;
    return true;
}

void LoadAbandon(LoadStream* st) { delete st; }

bool LoadFinish(LoadStream* st, size_t size)
{
    std::unique_ptr<LoadStream> own(st);
    Loader* L = st->L.get();
    LoadResult* res = L->Res;
    Timeline* out = L->Tl;
    bool ok = false;
    if (st->State != JsonReader<Loader>::kFailed && FitsBuffer(st, &size)) {
        L->Size = L->Lines.Size = size;
        ok = st->R.Resume(size, true) == JsonReader<Loader>::kDone;
    }
    if (ok && !L->Aborted) {
        if (L->Depth != 0 || L->Size == 0)
            ok = false;
        if (L->TopIsArray)
            L->SawVis = true;
        L->Finish();
        if (out->Events.empty() && res->Errors == 0)
            L->Diag(Severity_Warning, 0, false, "no events");
    }
    if (res->Errors > (int)res->Diagnostics.size() && !res->Diagnostics.empty()) {
        Diagnostic d;
        d.Sev = Severity_Error;
        d.Message = "... and " + std::to_string(res->Errors - (int)std::count_if(res->Diagnostics.begin(), res->Diagnostics.end(),
                        [](const Diagnostic& x) { return x.Sev == Severity_Error; })) + " more errors";
        res->Diagnostics.push_back(d);
    }
    std::stable_sort(res->Diagnostics.begin(), res->Diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
        if (a.Line == 0 || b.Line == 0)
            return a.Line != 0 && b.Line == 0;
        return a.Line < b.Line || (a.Line == b.Line && a.Column < b.Column);
    });
    return ok && res->Errors == 0;
}

bool LoadTimeline(const char* data, size_t size, const LoadOptions& opt, Timeline* out, LoadResult* res)
{
    return LoadFinish(LoadBegin(data, size, opt, out, res), size);
}

bool LoadTimelineFile(const char* path, const LoadOptions& opt, Timeline* out, LoadResult* res)
{
    *res = LoadResult();
    out->Clear();
    auto fail = [&](const std::string& msg) {
        Diagnostic d;
        d.Message = msg;
        res->Diagnostics.push_back(d);
        res->Errors = 1;
        return false;
    };
    struct stat st;
    if (stat(path, &st) != 0)
        return fail(std::string("cannot open: ") + strerror(errno));
    if (S_ISDIR(st.st_mode))
        return fail("is a directory");
    if ((size_t)st.st_size > opt.MaxBytes) {
        char buf[160];
        snprintf(buf, sizeof(buf), "the file is %.1f MB, more than the limit of %.1f MB", st.st_size / 1e6, opt.MaxBytes / 1e6);
        return fail(buf);
    }
    FILE* f = fopen(path, "rb");
    if (!f)
        return fail(std::string("cannot open: ") + strerror(errno));
    std::string bytes;
    bytes.resize((size_t)st.st_size);
    size_t got = bytes.empty() ? 0 : fread(&bytes[0], 1, bytes.size(), f);
    fclose(f);
    bytes.resize(got);
    return LoadTimeline(bytes.data(), bytes.size(), opt, out, res);
}

bool CheckJsonSyntax(const char* data, size_t size, Diagnostic* err)
{
    Loader L;
    LoadResult res;
    Timeline tl;
    L.Data = data ? data : "";
    L.Size = data ? size : 0;
    L.Lines.Data = L.Data;
    L.Lines.Size = L.Size;
    L.Res = &res;
    L.Tl = &tl;
    L.SyntaxOnly = true;
    bool ok = RunParse(&L);
    if (!ok && err) {
        if (!res.Diagnostics.empty())
            *err = res.Diagnostics[0];
        else
            err->Message = "not JSON";
    }
    return ok;
}

std::string FormatDiagnostic(const char* file, const Diagnostic& d)
{
    std::string s = file ? file : "";
    if (d.Line > 0) {
        s += ':';
        s += std::to_string(d.Line);
        s += ':';
        s += std::to_string(d.Column);
    }
    s += d.Sev == Severity_Error ? ": error: " : ": warning: ";
    s += d.Message;
    return s;
}

static int Hex(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool ParseColor(const char* s, size_t len, Color32* out)
{
    if (len < 1 || s[0] != '#')
        return false;
    int d[8];
    size_t n = len - 1;
    if (n != 3 && n != 6 && n != 8)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((d[i] = Hex(s[1 + i])) < 0)
            return false;
    uint32_t r, g, b, a = 255;
    if (n == 3) {
        r = d[0] * 17; g = d[1] * 17; b = d[2] * 17;
    } else {
        r = d[0] * 16 + d[1]; g = d[2] * 16 + d[3]; b = d[4] * 16 + d[5];
        if (n == 8) a = d[6] * 16 + d[7];
    }
    *out = (a << 24) | (r << 16) | (g << 8) | b;
    if (*out == 0)
        *out = 1;  // fully transparent black is still "given"
    return true;
}

std::string PlainTextFromHtml(const char* s, size_t len)
{
    std::string out;
    out.reserve(len);
    size_t i = 0;
    while (i < len) {
        char c = s[i];
        if (c == '<') {
            size_t j = i + 1;
            while (j < len && s[j] != '>')
                j++;
            std::string tag(s + i + 1, j - i - 1);
            for (char& ch : tag)
                ch = (char)tolower((unsigned char)ch);
            if (tag.compare(0, 2, "br") == 0 || tag == "/p" || tag == "/li" || tag == "/div" || tag.compare(0, 2, "/h") == 0) {
                if (!out.empty() && out.back() != '\n')
                    out += '\n';
            }
            i = j < len ? j + 1 : len;
            continue;
        }
        if (c == '&') {
            size_t j = i + 1;
            while (j < len && j - i < 10 && s[j] != ';' && s[j] != '&' && s[j] != ' ')
                j++;
            if (j < len && s[j] == ';') {
                std::string ent(s + i + 1, j - i - 1);
                uint32_t cp = 0;
                if (ent == "amp") cp = '&';
                else if (ent == "lt") cp = '<';
                else if (ent == "gt") cp = '>';
                else if (ent == "quot") cp = '"';
                else if (ent == "apos" || ent == "#39") cp = '\'';
                else if (ent == "nbsp") cp = ' ';
                else if (ent == "mdash") cp = 0x2014;
                else if (ent == "ndash") cp = 0x2013;
                else if (ent == "hellip") cp = 0x2026;
                else if (ent == "rsquo") cp = 0x2019;
                else if (ent == "lsquo") cp = 0x2018;
                else if (ent == "rdquo") cp = 0x201D;
                else if (ent == "ldquo") cp = 0x201C;
                else if (ent.size() > 1 && ent[0] == '#') {
                    cp = (ent[1] == 'x' || ent[1] == 'X') ? (uint32_t)strtoul(ent.c_str() + 2, nullptr, 16)
                                                          : (uint32_t)strtoul(ent.c_str() + 1, nullptr, 10);
                }
                if (cp) {
                    Utf8Append(&out, cp);
                    i = j + 1;
                    continue;
                }
            }
        }
        if (c == '\r' || c == '\t')
            c = ' ';
        if (c == '\n')
            c = ' ';
        if (c == ' ' && (out.empty() || out.back() == ' ' || out.back() == '\n')) {
            i++;
            continue;
        }
        out += c;
        i++;
    }
    while (!out.empty() && (out.back() == ' ' || out.back() == '\n'))
        out.pop_back();
    return out;
}

} // namespace chronoscope
