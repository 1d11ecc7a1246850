// Chronoscope core: a loaded timeline and its index as a flat image (snapshot.h).
#include "core/snapshot.h"

#include <cstdlib>
#include <cstring>

namespace chronoscope {

static const uint32_t kMagic = 0x504E5343;  // "CSNP"
static const uint32_t kVersion = 6;  // 2: the title card's media and the story order; 3: media thumbnails and
                                     // formatted text; 4: the description's formatting; 5: events' written offsets;
                                     // 6: each lane's end times
static const size_t kLaneArrays = 6;  // per lane: Events, BlockMaxEndSec, BlockEndSec, EndSec, Cum, LevelAt
// Upper bounds that keep a damaged header from asking for absurd allocations (wasm32 has 4 GiB at most).
static const uint64_t kMaxEvents = (uint64_t)1 << 26;
static const uint64_t kMaxStringBytes = (uint64_t)1 << 31;
static const uint64_t kMaxLevels = 64;

// ---------------------------------------------------------------------------------------------------------------
// Header encoding: little-endian plain values as the machine lays them out (both ends run the same wasm), strings
// as a u32 length and the bytes.

struct HeaderWriter {
    std::vector<uint8_t>* Out;

    template <typename T> void Put(T v)
    {
        size_t at = Out->size();
        Out->resize(at + sizeof(T));
        memcpy(Out->data() + at, &v, sizeof(T));
    }
    void PutStr(const std::string& s)
    {
        Put<uint32_t>((uint32_t)s.size());
        Out->insert(Out->end(), s.begin(), s.end());
    }
    void PutInstant(Instant t)
    {
        Put<int64_t>(t.sec);
        Put<int32_t>(t.nsec);
    }
};

struct HeaderReader {
    const uint8_t* P;
    size_t         Left;
    bool           Ok = true;

    template <typename T> T Get()
    {
        T v = T();
        if (Left < sizeof(T)) {
            Ok = false;
            return v;
        }
        memcpy(&v, P, sizeof(T));
        P += sizeof(T);
        Left -= sizeof(T);
        return v;
    }
    std::string GetStr()
    {
        uint32_t n = Get<uint32_t>();
        if (!Ok || n > Left) {
            Ok = false;
            return std::string();
        }
        std::string s((const char*)P, n);
        P += n;
        Left -= n;
        return s;
    }
    Instant GetInstant()
    {
        Instant t;
        t.sec = Get<int64_t>();
        t.nsec = Get<int32_t>();
        return t;
    }
    // A count of items that each take at least min_bytes of the remaining header.
    bool Count(uint64_t n, size_t min_bytes) { return Ok && (min_bytes == 0 || n <= Left / min_bytes); }
};

template <typename T> static void AddArray(Snapshot* out, const std::vector<T>& v)
{
    SnapshotArray a;
    a.Data = (void*)v.data();
    a.Size = v.size() * sizeof(T);
    out->Arrays.push_back(a);
}

// Whether `bytes` can be allocated now: a failed allocation inside resize() would abort (the web build has no
// exceptions), so ask first.
static bool CanAllocate(size_t bytes)
{
    if (bytes == 0)
        return true;
    void* p = malloc(bytes);
    if (!p)
        return false;
    free(p);
    return true;
}

template <typename T> static bool SizeVector(std::vector<T>* v, size_t bytes, void** data)
{
    if (bytes % sizeof(T) != 0 || !CanAllocate(bytes))
        return false;
    v->resize(bytes / sizeof(T));
    *data = v->data();
    return true;
}

void SnapshotWrite(const Timeline& tl, const TimelineIndex& index, Snapshot* out)
{
    out->Header.clear();
    out->Arrays.clear();
    HeaderWriter w = { &out->Header };
    w.Put<uint32_t>(kMagic);
    w.Put<uint32_t>(kVersion);
    w.PutStr(tl.Title);
    w.PutStr(tl.Description);
    w.PutStr(tl.DescriptionHtml);
    w.PutStr(tl.MediaUrl);
    w.PutStr(tl.MediaCaption);
    w.PutStr(tl.MediaCredit);

    w.Put<uint32_t>((uint32_t)tl.Groups.size());
    for (const Group& g : tl.Groups) {
        w.PutStr(g.Id);
        w.PutStr(g.Label);
        w.Put<uint32_t>(g.Color);
    }
    w.Put<uint32_t>((uint32_t)tl.Eras.size());
    for (const Era& e : tl.Eras) {
        w.PutInstant(e.Start);
        w.PutInstant(e.End);
        w.Put<uint8_t>((uint8_t)e.StartPrecision);
        w.Put<uint8_t>((uint8_t)e.EndPrecision);
        w.PutStr(e.Label);
        w.Put<uint32_t>(e.Color);
    }
    w.Put<uint32_t>((uint32_t)tl.Extras.size());
    for (const EventExtra& x : tl.Extras) {
        w.Put<uint32_t>(x.Link);
        w.Put<uint32_t>(x.MediaUrl);
        w.Put<uint32_t>(x.MediaCaption);
        w.Put<uint32_t>(x.MediaCredit);
        w.Put<uint32_t>(x.MediaThumbnail);
        w.Put<uint32_t>(x.DisplayDate);
        w.Put<uint32_t>(x.TextHtml);
        w.Put<uint32_t>(x.Color);
        w.Put<uint32_t>((uint32_t)x.Tags.size());
        for (StrId t : x.Tags)
            w.Put<uint32_t>(t);
    }
    w.Put<uint64_t>(tl.Events.size());
    w.Put<uint64_t>(tl.Strings.Bytes.size());
    w.Put<uint64_t>(tl.Story.size());

    w.PutInstant(index.Min);
    w.PutInstant(index.Max);
    w.Put<uint8_t>(index.Empty ? 1 : 0);
    w.Put<uint32_t>((uint32_t)index.Groups.size());
    for (const GroupLanes& g : index.Groups) {
        w.Put<int32_t>(g.FirstLane);
        w.Put<int32_t>(g.LaneCount);
        w.Put<int32_t>(g.EventCount);
    }
    w.Put<uint32_t>((uint32_t)index.Lanes.size());
    for (const Lane& l : index.Lanes) {
        w.Put<uint16_t>(l.Group);
        w.PutInstant(l.T0);
        w.Put<double>(l.BucketSec);
        w.Put<uint64_t>(l.Events.size());
        w.Put<uint64_t>(l.Cum.size());
        w.Put<uint64_t>(l.LevelAt.size());
    }

    AddArray(out, tl.Events);
    SnapshotArray s;
    s.Data = (void*)tl.Strings.Bytes.data();
    s.Size = tl.Strings.Bytes.size();
    out->Arrays.push_back(s);
    for (const Lane& l : index.Lanes) {
        AddArray(out, l.Events);
        AddArray(out, l.BlockMaxEndSec);
        AddArray(out, l.BlockEndSec);
        AddArray(out, l.EndSec);
        AddArray(out, l.Cum);
        AddArray(out, l.LevelAt);
    }
    AddArray(out, tl.Story);
}

static bool Fail(std::string* err, const char* what)
{
    *err = std::string("damaged timeline image: ") + what;
    return false;
}

bool SnapshotBegin(const uint8_t* header, size_t size, size_t arrays_bytes, Timeline* tl, TimelineIndex* index,
                   std::vector<SnapshotArray>* slots, std::string* err, bool size_arrays)
{
    *tl = Timeline();
    *index = TimelineIndex();
    slots->clear();
    HeaderReader r = { header, header ? size : 0 };
    if (r.Get<uint32_t>() != kMagic || r.Get<uint32_t>() != kVersion)
        return Fail(err, "not a snapshot of this version");
    tl->Title = r.GetStr();
    tl->Description = r.GetStr();
    tl->DescriptionHtml = r.GetStr();
    tl->MediaUrl = r.GetStr();
    tl->MediaCaption = r.GetStr();
    tl->MediaCredit = r.GetStr();

    uint32_t n = r.Get<uint32_t>();
    if (!r.Count(n, 12))
        return Fail(err, "group count");
    tl->Groups.resize(n);
    for (Group& g : tl->Groups) {
        g.Id = r.GetStr();
        g.Label = r.GetStr();
        g.Color = r.Get<uint32_t>();
    }
    n = r.Get<uint32_t>();
    if (!r.Count(n, 34))
        return Fail(err, "era count");
    tl->Eras.resize(n);
    for (Era& e : tl->Eras) {
        e.Start = r.GetInstant();
        e.End = r.GetInstant();
        e.StartPrecision = (Precision)r.Get<uint8_t>();
        e.EndPrecision = (Precision)r.Get<uint8_t>();
        e.Label = r.GetStr();
        e.Color = r.Get<uint32_t>();
        if (e.StartPrecision > Precision_Nanosecond || e.EndPrecision > Precision_Nanosecond)
            return Fail(err, "era precision");
    }
    n = r.Get<uint32_t>();
    if (!r.Count(n, 32))
        return Fail(err, "extra count");
    tl->Extras.resize(n);
    for (EventExtra& x : tl->Extras) {
        x.Link = r.Get<uint32_t>();
        x.MediaUrl = r.Get<uint32_t>();
        x.MediaCaption = r.Get<uint32_t>();
        x.MediaCredit = r.Get<uint32_t>();
        x.MediaThumbnail = r.Get<uint32_t>();
        x.DisplayDate = r.Get<uint32_t>();
        x.TextHtml = r.Get<uint32_t>();
        x.Color = r.Get<uint32_t>();
        uint32_t tags = r.Get<uint32_t>();
        if (!r.Count(tags, 4))
            return Fail(err, "tag count");
        x.Tags.resize(tags);
        for (StrId& t : x.Tags)
            t = r.Get<uint32_t>();
    }
    uint64_t events = r.Get<uint64_t>();
    uint64_t string_bytes = r.Get<uint64_t>();
    uint64_t story = r.Get<uint64_t>();
    if (!r.Ok || events > kMaxEvents || string_bytes < 1 || string_bytes > kMaxStringBytes || story > events)
        return Fail(err, "event, string or story size");

    index->Min = r.GetInstant();
    index->Max = r.GetInstant();
    index->Empty = r.Get<uint8_t>() != 0;
    n = r.Get<uint32_t>();
    if (!r.Count(n, 12))
        return Fail(err, "index group count");
    index->Groups.resize(n);
    for (GroupLanes& g : index->Groups) {
        g.FirstLane = r.Get<int32_t>();
        g.LaneCount = r.Get<int32_t>();
        g.EventCount = r.Get<int32_t>();
    }
    n = r.Get<uint32_t>();
    if (!r.Count(n, 46))
        return Fail(err, "lane count");
    index->Lanes.resize(n);
    uint64_t lane_events = 0;
    std::vector<uint64_t> bytes;  // of each array, in slot order
    bytes.reserve(3 + kLaneArrays * index->Lanes.size());
    bytes.push_back(events * sizeof(Event));
    bytes.push_back(string_bytes);
    for (Lane& l : index->Lanes) {
        l.Group = r.Get<uint16_t>();
        l.T0 = r.GetInstant();
        l.BucketSec = r.Get<double>();
        uint64_t ev = r.Get<uint64_t>();
        uint64_t cum = r.Get<uint64_t>();
        uint64_t levels = r.Get<uint64_t>();
        lane_events += ev;
        if (!r.Ok || lane_events > events || cum > 2 * ev + 64 || levels > kMaxLevels)
            return Fail(err, "lane sizes");
        uint64_t blocks = (ev + kLaneBlock - 1) / kLaneBlock;
        bytes.push_back(ev * sizeof(uint32_t));
        bytes.push_back(blocks * sizeof(int64_t));
        bytes.push_back(blocks * sizeof(int64_t));
        bytes.push_back(ev * sizeof(int64_t));
        bytes.push_back(cum * sizeof(uint32_t));
        bytes.push_back(levels * sizeof(uint32_t));
    }
    bytes.push_back(story * sizeof(uint32_t));  // (the last array)
    if (!r.Ok)
        return Fail(err, "header ends early");
    if (r.Left != 0)
        return Fail(err, "header has trailing bytes");
    uint64_t total = 0;
    for (uint64_t b : bytes)
        total += b;  // (each term is below 2^34: no overflow)
    if (total != (uint64_t)arrays_bytes)
        return Fail(err, "the arrays sent do not match the header");

    for (size_t i = 0; i < bytes.size(); i++) {
        SnapshotArray a;
        a.Size = (size_t)bytes[i];
        if (size_arrays)
            SnapshotSizeArray(tl, index, i, a.Size, &a.Data);  // (the sizes come from the header: always whole)
        slots->push_back(a);
    }
    return true;
}

bool SnapshotSizeArray(Timeline* tl, TimelineIndex* index, size_t i, size_t bytes, void** data)
{
    *data = nullptr;
    if (i == 0)
        return SizeVector(&tl->Events, bytes, data);
    if (i == 1) {
        if (!CanAllocate(bytes + 1))
            return false;
        tl->Strings.Bytes.resize(bytes);
        *data = bytes ? &tl->Strings.Bytes[0] : nullptr;
        return true;
    }
    size_t k = (i - 2) / kLaneArrays;
    if (k == index->Lanes.size() && (i - 2) % kLaneArrays == 0)
        return SizeVector(&tl->Story, bytes, data);
    if (k >= index->Lanes.size())
        return false;
    Lane& l = index->Lanes[k];
    switch ((i - 2) % kLaneArrays) {
    case 0: return SizeVector(&l.Events, bytes, data);
    case 1: return SizeVector(&l.BlockMaxEndSec, bytes, data);
    case 2: return SizeVector(&l.BlockEndSec, bytes, data);
    case 3: return SizeVector(&l.EndSec, bytes, data);
    case 4: return SizeVector(&l.Cum, bytes, data);
    default: return SizeVector(&l.LevelAt, bytes, data);
    }
}

// An instant the time model can hold (arithmetic on others would overflow).
static bool InRange(Instant t)
{
    static const Instant lo = MinInstant(), hi = MaxInstant();
    return t.nsec >= 0 && t.nsec < 1000000000 && !(t < lo) && !(hi < t);
}

bool SnapshotFinish(const Timeline& tl, const TimelineIndex& index, std::string* err)
{
    const std::string& bytes = tl.Strings.Bytes;
    // Every string offset below the end reads up to a NUL inside the pool.
    if (bytes.empty() || bytes[0] != '\0' || bytes.back() != '\0')
        return Fail(err, "string pool");
    const size_t nstr = bytes.size();
    const size_t ngroups = tl.Groups.size(), nextras = tl.Extras.size(), nevents = tl.Events.size();
    for (const Event& e : tl.Events) {
        if (e.Id >= nstr || e.Title >= nstr || e.Text >= nstr)
            return Fail(err, "event string");
        if (e.Group != kNoGroup && e.Group >= ngroups)
            return Fail(err, "event group");
        if (e.Extra != kNoExtra && e.Extra >= nextras)
            return Fail(err, "event extra");
        if ((e.Precision & 0x0F) > Precision_Nanosecond || (e.Precision >> 4) > Precision_Nanosecond)
            return Fail(err, "event precision");
        if (!InRange(e.Start()) || !InRange(e.End()) || e.End() < e.Start())
            return Fail(err, "event time");
    }
    for (const EventExtra& x : tl.Extras) {
        if (x.Link >= nstr || x.MediaUrl >= nstr || x.MediaCaption >= nstr || x.MediaCredit >= nstr ||
            x.MediaThumbnail >= nstr || x.DisplayDate >= nstr || x.TextHtml >= nstr)
            return Fail(err, "extra string");
        for (StrId t : x.Tags)
            if (t >= nstr)
                return Fail(err, "tag string");
    }

    for (uint32_t i : tl.Story)
        if (i >= nevents)
            return Fail(err, "story event");
    for (const Era& e : tl.Eras)
        if (!InRange(e.Start) || !InRange(e.End))
            return Fail(err, "era time");
    if (!InRange(index.Min) || !InRange(index.Max) || index.Max < index.Min)
        return Fail(err, "index extent");
    if (index.Groups.size() != ngroups + 1)
        return Fail(err, "index groups");
    if (index.Lanes.size() > 0xFFFF)  // marks hold a 16-bit lane
        return Fail(err, "lane count");
    const size_t nlanes = index.Lanes.size();
    for (const GroupLanes& g : index.Groups)
        if (g.FirstLane < 0 || g.LaneCount < 0 || g.EventCount < 0 || (size_t)g.FirstLane > nlanes ||
            (size_t)g.LaneCount > nlanes - (size_t)g.FirstLane)
            return Fail(err, "index group lanes");
    for (const Lane& l : index.Lanes) {
        if (l.Group != kNoGroup && l.Group >= ngroups)
            return Fail(err, "lane group");
        for (uint32_t i : l.Events)
            if (i >= nevents)
                return Fail(err, "lane event");
        const size_t blocks = (l.Events.size() + kLaneBlock - 1) / kLaneBlock;
        if (l.BlockMaxEndSec.size() != blocks || l.BlockEndSec.size() != blocks)
            return Fail(err, "lane blocks");
        if (l.EndSec.size() != l.Events.size())
            return Fail(err, "lane ends");
        const size_t ncum = l.Cum.size();
        for (uint32_t c : l.Cum)  // counts become positions in l.Events
            if (c > l.Events.size())
                return Fail(err, "lane counts");
        for (size_t k = 0; k < l.LevelAt.size(); k++) {
            size_t end = k + 1 < l.LevelAt.size() ? l.LevelAt[k + 1] : ncum;
            if (l.LevelAt[k] >= end || end > ncum)  // each level has at least one bucket
                return Fail(err, "lane levels");
        }
        if (!l.LevelAt.empty() && !(l.BucketSec > 0.0))
            return Fail(err, "lane bucket width");
        if (!InRange(l.T0))
            return Fail(err, "lane origin");
    }
    return true;
}

} // namespace chronoscope
