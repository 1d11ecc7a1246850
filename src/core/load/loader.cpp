// Chronoscope core: the loader (see load.h and load_internal.h): top-level keys, the frame of every event, group
// and era record, cross references, duplicate ids, the order of events, and the entry points (streaming, whole
// buffers, syntax only; files are read by file.cpp).
#include "core/load/load_internal.h"

#include "core/quote.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>

namespace chronoscope {
namespace load {

// ------------------------------------------------------------------------------------------------ records

const char* const kJsonLinesHeaderEvents = "the first line holds the timeline's fields; events go one per line after it";

bool JsonLinesHeader(const Record& first)
{
    return first.Count > 0 && first.Nodes[0].Type == Node_Object && first.Child(0, K_start) < 0 &&
           first.Child(0, K_start_date) < 0 && first.Child(0, K_content) < 0;
}

void Loader::OnRecord(RecordPlace place, const std::string& key, const Record& r)
{
    if (Opt.JsonLines && place == Place_Input) {
        TopArrayElement("events", r);   // a line's event
    } else if (Opt.JsonLines && place == Place_TopElement && (key == "events" || key == "items")) {
        if (!SawHeaderEvents)
            ErrorAt(r.Nodes[0], kJsonLinesHeaderEvents);
        SawHeaderEvents = true;
    } else if (place == Place_Input)
        ErrorAt(r.Nodes[0], "a timeline is a JSON object with \"events\" (or an array of vis-timeline items)");
    else if (place == Place_TopElement)
        TopArrayElement(key, r);
    else
        TopValue(key, r);
}

void Loader::TopValue(const std::string& key, const Record& r)
{
    const Node& n = r.Nodes[0];
    if (key == "title") {
        if (n.Type == Node_Object)
            TjsTitleSlide(*this, r, 0);
        else if (WantString(r, 0, "title"))
            Tl->Title = n.String();
    } else if (key == "description") {
        if (WantString(r, 0, "description"))
            Tl->Description = n.String();
    } else if (key == "media") {
        if (n.Type != Node_Object && n.Type != Node_Null)
            ErrorAt(n, "media must be an object with \"url\", \"caption\", \"credit\"");
        else
            TitleMedia(r, 0, false);
    } else if (key == "story") {
        ErrorAt(n, "\"story\" must be an array of event ids");
    } else if (key == "scale") {
        SawTjs = true;  // TimelineJS3: "human" or "cosmological"; our clock needs no switch
    } else if (key == "events" || key == "groups" || key == "eras" || key == "items") {
        ErrorAt(n, QuoteExcerpt(key) + " must be an array");
    } else if (key == "$schema" || key == "version" || key == "options" || key == "language") {
    } else {
        WarnAt(n, "unknown key " + QuoteExcerpt(key) + "; ignored");
    }
}

void Loader::TopArrayElement(const std::string& key, const Record& r)
{
    if (key == "events" || key == "items")
        EventRecord(r, key == "items");
    else if (key == "groups")
        GroupRecord(r);
    else if (key == "eras")
        EraRecord(r);
    else if (key == "story")
        StoryRecord(r);
}

// The title card's media: {"url", "caption", "credit"} (html: TimelineJS3's caption and credit carry markup).
void Loader::TitleMedia(const Record& r, int i, bool html)
{
    if (i < 0 || r.Nodes[i].Type != Node_Object)
        return;
    Tl->MediaUrl = TextOf(r, r.Child(i, K_url), false);
    Tl->MediaCaption = TextOf(r, r.Child(i, K_caption), html);
    Tl->MediaCredit = TextOf(r, r.Child(i, K_credit), html);
}

// One id of "story": the events in the author's order (resolved once every event is read).
void Loader::StoryRecord(const Record& r)
{
    const Node& n = r.Nodes[0];
    if (n.Type != Node_String && n.Type != Node_Int) {
        ErrorAt(n, "a story lists event ids (strings)");
        return;
    }
    Story.push_back(StoryRef{ TextOf(r, 0, false), n.Start });
}

// The story's ids become event indices; an unknown or repeated id is an error at its place.
void Loader::ResolveStory()
{
    if (Opt.StoryIds) {
        for (const StoryRef& s : Story)
            Opt.StoryIds->push_back(s.Id);
        return;
    }
    if (Story.empty())
        return;
    std::unordered_map<std::string, uint32_t> index;
    index.reserve(Tl->Events.size());
    for (size_t i = 0; i < Tl->Events.size(); i++)
        if (Tl->Events[i].Id)
            index.emplace(Tl->Str(Tl->Events[i].Id), (uint32_t)i);
    std::vector<uint8_t> used(Tl->Events.size(), 0);
    for (const StoryRef& s : Story) {
        auto it = index.find(s.Id);
        if (it == index.end()) {
            Diag(Severity_Error, s.Start, true, "the story names no event " + QuoteExcerpt(s.Id));
            continue;
        }
        if (used[it->second]) {
            Diag(Severity_Error, s.Start, true, "the story names " + QuoteExcerpt(s.Id) + " twice");
            continue;
        }
        used[it->second] = 1;
        Tl->Story.push_back(it->second);
    }
}

// Every string value of a timeline file, whether the loader keeps it or not: one rule, and no field where a NUL
// slips through into the pool. Keys may hold one: they are only compared whole (as std::string, by length) and
// quoted escaped ("unknown key \"id\\u0000\"").
void Loader::OnNulInString(size_t offset)
{
    Diag(Severity_Error, offset, true, "a string cannot contain U+0000 (\\u0000)");
}

// ------------------------------------------------------------------------------------------------ groups and eras

uint16_t Loader::AddGroup(const std::string& id, const std::string& label, Color32 color, const Node* at)
{
    auto it = GroupIndex.find(id);
    if (it != GroupIndex.end()) {
        if (at)
            ErrorAt(*at, "duplicate group id " + QuoteExcerpt(id));
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

void Loader::GroupRecord(const Record& r)
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
    std::string label = r.Child(0, K_content) >= 0 ? VisGroupLabel(*this, r) : OwnGroupLabel(*this, r);
    AddGroup(gid, label, ColorOf(r, r.Child(0, K_color)), &r.Nodes[id]);
}

void Loader::EraRecord(const Record& r)
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
    if (!DateOf(r, s, &a, "start") || !DateOf(r, e, &b, "end"))
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
        era.Label = TjsEraLabel(*this, r);
    } else {
        era.Label = OwnEraLabel(*this, r);
    }
    era.Color = ColorOf(r, r.Child(0, K_color));
    Tl->Eras.push_back(era);
}

// ------------------------------------------------------------------------------------------------ events

// An entry with a key only TimelineJS3 uses (or "media", which both formats have), and neither "start" nor "title".
static bool LooksLikeTjsEntry(const Record& r)
{
    int text = r.Child(0, K_text);
    return (text >= 0 && r.Nodes[text].Type == Node_Object) || r.Child(0, K_media) >= 0 ||
           r.Child(0, K_unique_id) >= 0 || r.Child(0, K_end_date) >= 0;
}

EventKind KindOfEvent(const Record& r, bool vis_items)
{
    if (r.Nodes[0].Type != Node_Object)
        return EventKind_NotObject;
    // (the root's keys as bits: Child(0, k) >= 0 is RootKeys' bit k)
    r.IndexRoot();
    const uint64_t keys = r.RootKeys;
    if (keys & Bit(K_start_date))
        return EventKind_Tjs;
    if (vis_items || (keys & Bit(K_content)))
        return EventKind_Vis;
    if (!(keys & (Bit(K_start) | Bit(K_title))) && LooksLikeTjsEntry(r))
        return EventKind_NoStart;
    return EventKind_Own;
}

void Loader::EventRecord(const Record& r, bool vis_items)
{
    const Node& n = r.Nodes[0];
    switch (KindOfEvent(r, vis_items)) {
    case EventKind_NotObject:
        ErrorAt(n, "an event is an object with at least \"start\"");
        break;
    case EventKind_Tjs:
        SawTjs = true;
        TjsEvent(*this, r);
        break;
    case EventKind_Vis:
        SawVis = true;
        VisEvent(*this, r);
        break;
    case EventKind_NoStart:
        NoStart.push_back(n.Start);  // decided in Finish, when the file's format is known
        break;
    case EventKind_Own:
        SawOwn = true;
        OwnEvent(*this, r);
        break;
    }
}

bool Loader::ReadSpan(const Record& r, int s, int e, DateReader date, const char* no_start, EventSpan* out)
{
    if (s < 0 || r.Nodes[s].Type == Node_Null) {
        ErrorAt(r.Nodes[0], no_start);
        return false;
    }
    if (!date(*this, r, s, &out->Start, "start"))
        return false;
    out->End = out->Start;
    out->HasEnd = false;
    if (e >= 0 && r.Nodes[e].Type != Node_Null) {
        if (!date(*this, r, e, &out->End, "end"))
            return false;
        out->HasEnd = true;
        if (out->End.Time < out->Start.Time) {
            ErrorAt(r.Nodes[e], "end is before start");
            return false;
        }
    }
    return true;
}

EventDraft Loader::NewEvent(const EventSpan& span) const
{
    EventDraft d;
    SpanEvent(span, &d.Ev);
    return d;
}

void Loader::SpanEvent(const EventSpan& span, Event* out)
{
    Event& ev = *out;
    memset(&ev, 0, sizeof(ev));
    ev.SetStart(span.Start.Time);
    ev.SetEnd(span.End.Time);
    ev.SetPrecision(span.Start.Prec, span.End.Prec);
    ev.SetOffsets(span.Start.OffsetMin, span.End.OffsetMin);
    ev.Extra = kNoExtra;
    ev.Group = kNoGroup;
    ev.Flags = span.HasEnd ? EventFlags_HasEnd : 0;
}

void Loader::AddEvent(const Record& r, EventDraft& d)
{
    if (d.NeedExtra) {
        d.Ev.Extra = (uint32_t)Tl->Extras.size();
        Tl->Extras.push_back(std::move(d.X));
    }
    if (Tl->Events.size() >= 0xFFFFFFF0u) {
        ErrorAt(r.Nodes[0], "too many events");
        Stop = true;
        return;
    }
    Tl->Events.push_back(d.Ev);
    Refs.push_back(d.Ref);
    if (Opt.EventText) {
        if (Sheet)
            Opt.EventText(Opt.EventTextUser, Tl->Events.back(), nullptr, 0);
        else
            Opt.EventText(Opt.EventTextUser, Tl->Events.back(), Diags.Lines.Data + r.Nodes[0].Start,
                          Builder.Offset() - r.Nodes[0].Start);
    }
    if (Opt.ProgressEvery && Tl->Events.size() % Opt.ProgressEvery == 0) {
        if (Opt.Cancel && Opt.Cancel->load(std::memory_order_relaxed)) {
            Diag(Severity_Error, 0, false, kCancelledMessage);
            Stop = true;
            return;
        }
        if (Opt.Progress)
            Opt.Progress(Opt.ProgressUser, Offset(), Tl->Events.size());
    }
}

// ------------------------------------------------------------------------------------------------ after the file

// Reports every event whose id an earlier event has: an open-addressing table of event indices keyed by a hash
// of the id.
static void FindDuplicateIds(Loader& L)
{
    const Timeline& tl = *L.Tl;
    const std::vector<Event>& evs = tl.Events;
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
        const char* s = tl.Strings.Get(id);
        size_t len = strlen(s);
        uint64_t h = 1469598103934665603ULL;
        for (size_t k = 0; k < len; k++)
            h = (h ^ (unsigned char)s[k]) * 1099511628211ULL;
        uint32_t h32 = (uint32_t)(h ^ (h >> 32));
        size_t at = (size_t)h32 & (cap - 1);
        bool dup = false;
        while (slot[at].Event != 0xFFFFFFFFu) {
            if (slot[at].Hash == h32 && strcmp(tl.Strings.Get(evs[slot[at].Event].Id), s) == 0) {
                dup = true;
                break;
            }
            at = (at + 1) & (cap - 1);
        }
        if (!dup) {
            slot[at] = Slot{ (uint32_t)i, h32 };
            continue;
        }
        L.Diag(Severity_Error, L.Refs[i].IdStart, true, "duplicate id " + QuoteExcerpt(s, len));
    }
}

// A stable sort by start.
static void SortByStart(std::vector<Event>& ev)
{
    bool sorted = true;
    for (size_t i = 1; i < ev.size() && sorted; i++)
        if (ev[i].Start() < ev[i - 1].Start())
            sorted = false;
    if (sorted)
        return;
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

void Loader::Finish()
{
    const bool tjs = SawTjs && !SawOwn;
    for (size_t at : NoStart) {
        if (tjs)
            Diag(Severity_Warning, at, true, "entry without \"start_date\" left out (TimelineJS3 leaves it out too)");
        else
            Diag(Severity_Error, at, true, "event without \"start\"");
    }
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
            UnknownGroup(ref.GroupStart, key, strlen(key));
            continue;
        }
        Tl->Events[i].Group = it->second;
    }
    FindDuplicateIds(*this);
    if (!Opt.KeepOrder)
        SortByStart(Tl->Events);
    ResolveStory();
    std::sort(Tl->Eras.begin(), Tl->Eras.end(), [](const Era& a, const Era& b) { return a.Start < b.Start; });
    Tl->Events.shrink_to_fit();
    Tl->Extras.shrink_to_fit();
    Tl->Strings.Bytes.shrink_to_fit();
    if (Sheet)
        Res->Format = SourceFormat_TimelineJS3Sheet;  // what it holds, events or not
    else if (tjs)
        Res->Format = SourceFormat_TimelineJS3;
    else if (SawVis && !SawOwn)
        Res->Format = SourceFormat_VisTimeline;
}

void Loader::UnknownGroup(size_t at, const char* key, size_t len)
{
    Diag(Severity_Error, at, true, "unknown group " + QuoteExcerpt(key, len));
}

// ------------------------------------------------------------------------------------------------ set-up

void Loader::Start(const char* data, const LoadOptions& opt, LoadResult* res, Timeline* out, bool syntax_only)
{
    Opt = opt;
    Res = res;
    Tl = out;
    Diags.Res = res;
    Diags.Max = opt.MaxDiagnostics;
    Diags.Lines.Data = data;
    Builder.Init(data, this, syntax_only);
}

void Loader::StartSheet()
{
    Sheet.reset(new SheetReader());
    Sheet->L = this;
    Sheet->Csv.Init(Diags.Lines.Data, Sheet.get());
}

void Loader::Rebase(const char* data)
{
    Builder.Rebase(data);
    if (Sheet)
        Sheet->Csv.Rebase(data);
    Diags.Lines.Data = data;
}

void Loader::SetSize(size_t size) { Size = Diags.Lines.Size = size; }

} // namespace load

// ------------------------------------------------------------------------------------------------ entry points

using load::Loader;
using Reader = JsonReader<load::RecordBuilder>;

std::string TooBigMessage(uint64_t bytes, size_t limit)
{
    char buf[160];
    snprintf(buf, sizeof(buf), "the file is %.1f MB, more than the limit of %.1f MB", (double)bytes / 1e6,
             (double)limit / 1e6);
    return buf;
}

struct LoadStream {
    std::unique_ptr<Loader> L;
    size_t                  Capacity = 0;
    int                     State = Reader::kNeedMore;  // kFailed once it cannot load
    bool                    Decided = false;            // JSON or CSV: told by the first line (load_internal.h)
};

// JSON Lines: once the first line with a value is in (or all is), whether it is the timeline's fields
// (JsonLinesHeader) or already an event; false while it is still to come.
static bool StartJsonLines(Loader* L, size_t available, bool final)
{
    const char* p = L->Diags.Lines.Data;
    size_t a = 0;
    if (available >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        a = 3;
    while (a < available && (p[a] == ' ' || p[a] == '\t' || p[a] == '\r' || p[a] == '\n'))
        a++;
    const char* nl = (const char*)memchr(p + a, '\n', available - a);
    if (!nl && !final)
        return false;
    const size_t b = nl ? (size_t)(nl - p) : available;
    load::Record first;
    std::string err;
    const bool header = load::ReadJsonValue(p + a, b - a, &first, &err) && load::JsonLinesHeader(first);
    L->Builder.Lines = L->Builder.Reader.Lines = true;
    L->Builder.Whole = !header;
    return true;
}

// Reads on with the first `available` bytes, by the reader of the input's kind once its first line tells it.
static int Resume(LoadStream* st, size_t available, bool final)
{
    Loader* L = st->L.get();
    if (!st->Decided && L->Opt.JsonLines) {
        if (!StartJsonLines(L, available, final))
            return Reader::kNeedMore;
        st->Decided = true;
    }
    if (!st->Decided) {
        bool csv = L->Opt.Csv;
        if (!csv) {
            csv = load::LooksLikeSheet(L->Diags.Lines.Data, available, final, &st->Decided);
            if (!st->Decided)
                return Reader::kNeedMore;
        }
        st->Decided = true;
        if (csv)
            L->StartSheet();
    }
    if (!L->Sheet)
        return L->Builder.Resume(available, final);
    int r = L->Sheet->Csv.Resume(available, final);
    return r == load::CsvReader::kDone ? Reader::kDone : r == load::CsvReader::kFailed ? Reader::kFailed : Reader::kNeedMore;
}

LoadStream* LoadBegin(const char* data, size_t capacity, const LoadOptions& opt, Timeline* out, LoadResult* res)
{
    *res = LoadResult();
    out->Clear();
    LoadStream* st = new LoadStream();
    st->L.reset(new Loader());
    Loader* L = st->L.get();
    L->Start(data ? data : "", opt, res, out, false);
    st->Capacity = data ? capacity : 0;
    if (capacity > opt.MaxBytes) {
        L->Diag(Severity_Error, 0, false, TooBigMessage(capacity, opt.MaxBytes));
        st->State = Reader::kFailed;
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
        st->State = Reader::kFailed;
        return false;
    }
    *n = std::max(*n, L->Size);
    return true;
}

bool LoadFeed(LoadStream* st, size_t available)
{
    if (st->State == Reader::kFailed || !FitsBuffer(st, &available))
        return false;
    Loader* L = st->L.get();
    L->SetSize(available);
    st->State = Resume(st, available, false);
    return st->State != Reader::kFailed;
}

bool LoadRebase(LoadStream* st, const char* data, size_t capacity)
{
    Loader* L = st->L.get();
    if (!data || capacity < L->Size)
        return false;
    L->Rebase(data);
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
    if (st->State != Reader::kFailed && FitsBuffer(st, &size)) {
        L->SetSize(size);
        ok = Resume(st, size, true) == Reader::kDone;
    }
    if (ok && !L->Stop) {
        if (L->Sheet) {
            L->Sheet->Finish();
        } else {
            if (L->Builder.Depth != 0 || L->Size == 0)
                ok = false;
            if (L->Builder.TopIsArray)
                L->SawVis = true;
        }
        L->Finish();
        if (out->Events.empty() && res->Errors == 0)
            L->Diag(Severity_Warning, 0, false, "no events");
    }
    L->Diags.Finish();
    return ok && res->Errors == 0;
}

bool LoadTimeline(const char* data, size_t size, const LoadOptions& opt, Timeline* out, LoadResult* res)
{
    return LoadFinish(LoadBegin(data, size, opt, out, res), size);
}

bool CheckJsonSyntax(const char* data, size_t size, Diagnostic* err)
{
    Loader L;
    LoadResult res;
    Timeline tl;
    L.Start(data ? data : "", LoadOptions(), &res, &tl, true);
    L.SetSize(data ? size : 0);
    bool ok = L.Builder.Resume(L.Size, true) == Reader::kDone;
    if (!ok && err) {
        if (!res.Diagnostics.empty())
            *err = res.Diagnostics[0];
        else
            err->Message = "not JSON";
    }
    return ok;
}

} // namespace chronoscope
