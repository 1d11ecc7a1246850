// Chronoscope core: a tiled timeline in view (see tileset.h).
#include "core/tileset.h"

#include "core/load.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <memory>
#include <unordered_set>

namespace chronoscope {

namespace {

inline uint64_t NodeKey(uint32_t level, uint64_t index) { return ((uint64_t)level << 56) | index; }
inline uint32_t KeyLevel(uint64_t key) { return (uint32_t)(key >> 56); }
inline uint64_t KeyIndex(uint64_t key) { return key & (((uint64_t)1 << 56) - 1); }
// a cover's key: its node's level + 128
const uint32_t kCoverLevel = 128;
inline uint64_t CoverKey(uint32_t level, uint64_t index) { return NodeKey(level + kCoverLevel, index); }
inline bool IsCoverKey(uint64_t key) { return KeyLevel(key) >= kCoverLevel; }
inline std::string KeyPath(uint64_t key)
{
    return IsCoverKey(key) ? TileCoverPath(KeyLevel(key) - kCoverLevel, KeyIndex(key))
                           : TileNodePath(KeyLevel(key), KeyIndex(key));
}

struct CachedNode {
    TileNode Node;
    // A cover decoded in pieces (TileCoverDecodePiece): its events are theirs, in order (Node holds none). A big
    // cover is so held in blocks of a slice each, which a heap that never shrinks can reuse.
    std::vector<TileNode> Pieces;
    size_t   Bytes = 0;
    uint64_t LastUse = 0;
    // for the window (TileSetBuildWindow): the events are in ordinal order (MakeOrder); a window handed out the
    // titles' text (TileWindow::NewText)
    bool                  HaveOrder = false;
    bool                  TextShown = false;
};

// A text page: the lines of x/I.jsonl.
struct TextPage {
    std::string         Bytes;
    std::vector<size_t> LineAt;   // start of each line
    uint64_t            LastUse = 0;
};

struct CachedShard {
    TileShard Shard;      // empty when the shard does not exist (its fetch failed: no word has its key)
    size_t    Bytes = 0;
    uint64_t  LastUse = 0;
};

// A node used for the window: all its events (a leaf) or proxies (inner), or, for an inner node some of whose
// children are used instead, only the proxies standing for the others (Skip: one flag per child).
struct Use {
    uint64_t          Key;
    std::vector<bool> Skip;
};

size_t NodeBytes(const TileNode& n)
{
    return sizeof(TileNode) + n.Events.capacity() * sizeof(TileEvent) + n.Children.capacity() * sizeof(TileChild) +
           n.Strings.Bytes.capacity();
}

size_t CachedBytes(const CachedNode& cn)
{
    size_t b = NodeBytes(cn.Node) + cn.Pieces.capacity() * sizeof(TileNode);
    for (const TileNode& p : cn.Pieces)
        b += NodeBytes(p) - sizeof(TileNode);
    return b;
}

bool HasEvents(const CachedNode& cn)
{
    if (!cn.Node.Events.empty())
        return true;
    for (const TileNode& p : cn.Pieces)
        if (!p.Events.empty())
            return true;
    return false;
}

} // namespace

struct TileSet {
    TileSetOptions Opt;
    TileManifest   M;
    uint32_t       CoverLevels = 1;   // M.CoverLevels()
    bool           IsOpen = false;
    uint64_t       Clock = 0;

    std::unordered_map<uint64_t, CachedNode>    Nodes;
    std::unordered_map<uint64_t, TextPage>      Texts;    // by leaf
    std::unordered_map<std::string, CachedShard> Shards;  // by path (search and id shards)
    size_t CacheBytes = 0;

    std::unordered_set<std::string> Asked;    // handed out, or here: never asked again until evicted
    std::unordered_set<std::string> Dead;     // failed or damaged: never asked again
    std::unordered_set<std::string> Evicted;  // evicted for this view: not prefetched again until the view moves
    std::vector<TileRequest>        Wanted;   // what the last view wants, not yet asked (by priority)
    std::vector<TileRequest>        Sticky;   // text pages, shards and leaves of ordinals, until they come
    std::vector<TileRequest>        Out;      // handed out since the last TileSetTakeRequests
    std::unordered_set<std::string> InFlight;

    bool     HaveView = false;
    View     LastView;
    bool     Dirty = true;       // the view or the loaded set changed: choose again
    bool     Changed = false;    // the window should be rebuilt
    std::vector<Use>      Used;
    std::vector<uint64_t> Pinned;          // keys the view uses (with their ancestors): never evicted
    // Covers taken in and still being decoded a slice at a time (TileSetDecodeSome), oldest first: each with the
    // file's bytes (the block handed over with TileSetArrivedOwned, else a copy) and the pieces decoded so far; in
    // the cache once done (until then a view that needs one waits for it as for a tile in flight; it is not asked
    // for again). What a decoding will hold (its bytes and its events and titles, at the rate of its first slice)
    // counts in CacheBytes from its arrival, so the cache makes room for it before its pieces are made.
    struct Decoding {
        uint64_t             Key;
        size_t               Counted = 0;
        std::string          Path;
        uint8_t*             Bytes = nullptr;   // (malloc'd)
        TileCoverDecoder     Dec;
        CachedNode           Cn;
        ~Decoding() { free(Bytes); }
    };
    double DecodeSliceMs = 0;   // the last slice's time (a call does not start one that would overrun its budget)
    std::vector<std::unique_ptr<Decoding>> Decodes;
    std::vector<uint64_t> PinnedOrdinals;  // events asked for by ordinal (selection): shown on their own when loaded
    bool     Complete = false;
    int      FinestLevel = -1;
    TileSetStats Stats;

    // The window being built (TileSetBuildWindowSome): the runs of the tiles' events it is made of and the tiles'
    // titles, found at the start; then, a slice at a time, the titles appended and the runs merged into the
    // window's events (the tiles stay in the cache meanwhile: Keys); then its index built in steps.
    struct Run {
        const TileEvent* E;
        size_t           N;
        uint32_t         Base;    // where the tile's titles go in the window's
        bool             Cover;   // a cover's: its events that a node in use draws are left out
    };
    struct Pool { const std::string* Bytes; };
    struct NextWindow {
        bool                          Building = false;
        bool                          Copied = false;    // all runs copied, the index under way
        std::unique_ptr<TimelineData> Data;
        TileWindow                    Win;
        std::vector<Run>              Runs;              // a heap, the run whose first event is first on top
        std::vector<std::pair<uint64_t, uint64_t>> Drawn;   // ordinals the nodes in use draw (not the covers), sorted
        std::vector<Pool>             Pools;             // the tiles' titles, appended in this order
        size_t                        PoolAt = 0, InPool = 0;   // where the titles' copy is
        std::vector<uint64_t>         Keys;              // the tiles the runs point into: never evicted meanwhile
        bool                          Weighted = false;
        std::vector<uint8_t>          Lanes, PerGroup;   // (the index builder reads them)
        std::unique_ptr<TimelineIndexBuilder> Index;
        // A call does its work in units (a chunk of titles, a slice of events, a slice of the index), at least one,
        // and starts no other once the last one of its kind would likely end past its budget: each kind's last time
        double                        UnitMs[3] = { 0, 0, 0 };
        bool                          CallDid = false;   // this call did a unit
    } Next;
};

TileSet* TileSetCreate(const TileSetOptions& opt)
{
    TileSet* ts = new TileSet();
    ts->Opt = opt;
    return ts;
}

void TileSetDestroy(TileSet* ts) { delete ts; }

bool TileSetOpen(TileSet* ts, const char* manifest_json, size_t size, std::string* err)
{
    TileManifest m;
    if (!ReadTileManifest(manifest_json, size, &m, err))
        return false;
    TileSetOptions opt = ts->Opt;
    *ts = TileSet();
    ts->Opt = opt;
    ts->M = std::move(m);
    ts->CoverLevels = ts->M.CoverLevels();
    ts->IsOpen = true;
    ts->Changed = true;
    return true;
}

const TileManifest& TileSetManifest(const TileSet* ts) { return ts->M; }

static bool Loaded(const TileSet* ts, uint32_t level, uint64_t index)
{
    return ts->Nodes.count(NodeKey(level, index)) != 0;
}

static bool IsDead(const TileSet* ts, const std::string& path) { return ts->Dead.count(path) != 0; }

// The node's span in pixels of the view, divided into its bins: how wide one bin is drawn.
static double BinWidthPx(const TileSet* ts, const View& v, const TileNode& n)
{
    Instant end = n.NextStart;
    if (!(end < MaxInstant()) && !n.Children.empty())
        end = n.Children.back().LastStart;
    if (!(n.FirstStart < end))
        return 0.0;
    double px = std::fabs(ViewX(v, end) - ViewX(v, n.FirstStart));
    return px / std::max<uint32_t>(1, ts->M.Bins);
}

namespace {
struct Chooser {
    TileSet* ts;
    const View* v;
    Instant vis0, vis1;        // the visible span (with the layout's overscan)
    Instant pre0, pre1;        // with the prefetch margin
    std::vector<TileRequest> want;
    std::unordered_set<std::string> wanted;
    std::vector<Use> used;
    std::vector<uint64_t> pinned;
    std::vector<uint64_t> zoom_in;   // inner nodes used whole: their children are the next zoom in
    bool complete = true;
    int finest = -1;
    uint64_t first_pre_leaf = UINT64_MAX;  // the first leaf of the prefetch margin

    void WantKey(uint64_t key, int priority, bool visible)
    {
        std::string path = KeyPath(key);
        if (IsDead(ts, path) || (!visible && ts->Evicted.count(path)))
            return;
        const bool here = ts->Nodes.count(key) != 0;
        if (visible && !here)
            complete = false;
        if (here || ts->Asked.count(path) || !wanted.insert(path).second)
            return;
        want.push_back(TileRequest{ path, priority });
    }
    void Want(uint32_t level, uint64_t index, int priority, bool visible)
    {
        WantKey(NodeKey(level, index), priority, visible);
    }

    // Visits a node known to intersect [lo, hi]: wants it, uses it or its children. Returns false when it is not
    // here (its parent's proxies stand in).
    bool Visit(uint32_t level, uint64_t index, bool visible)
    {
        const int levels = (int)ts->M.Levels;
        Want(level, index, visible ? (int)level : levels + (int)level, visible);
        auto it = ts->Nodes.find(NodeKey(level, index));
        if (it == ts->Nodes.end())
            return false;
        it->second.LastUse = ts->Clock;
        if (visible)
            pinned.push_back(it->first);
        const TileNode& n = it->second.Node;
        if (n.Kind == TileKind_Leaf)
            first_pre_leaf = std::min(first_pre_leaf, index);
        if (n.Kind == TileKind_Leaf || n.Children.empty() || BinWidthPx(ts, *v, n) <= ts->Opt.BinPx) {
            if (visible) {
                used.push_back(Use{ it->first, {} });
                finest = std::max(finest, (int)level);
                if (n.Kind == TileKind_Inner)
                    zoom_in.push_back(it->first);
            }
            return true;
        }
        Use u{ it->first, std::vector<bool>(n.Children.size(), false) };
        bool any_missing = false;
        for (size_t c = 0; c < n.Children.size(); c++) {
            // A child is wanted when its starts fall in the view or its span holds the view's left edge, not
            // when only its ranges reach in: the ranges running into the view from before the first node drawn
            // come with the covers of that node's first leaf.
            const TileChild& ch = n.Children[c];
            const Instant span_end = SpanEnd(n, c);
            const bool in_view = InSpan(ch, span_end, vis0, vis1);
            if (!in_view && !InSpan(ch, span_end, pre0, pre1))
                continue;
            if (Visit(level + 1, index * ts->M.Fanout + c, visible && in_view) && visible && in_view)
                u.Skip[c] = true;
            else if (visible && in_view)
                any_missing = true;
        }
        if (visible) {
            // the children not used are drawn from this node's proxies
            for (size_t c = 0; c < n.Children.size(); c++)
                if (!InSpan(n.Children[c], SpanEnd(n, c), vis0, vis1))
                    u.Skip[c] = true;
            if (any_missing) {
                used.push_back(std::move(u));
                finest = std::max(finest, (int)level);
            }
        }
        return true;
    }

    // Where child c's span ends: the next child's first start (the node's next start for the last one).
    static Instant SpanEnd(const TileNode& n, size_t c)
    {
        return c + 1 < n.Children.size() ? n.Children[c + 1].FirstStart : n.NextStart;
    }

    // The first ordinal the nodes in use draw.
    uint64_t FirstDrawn() const
    {
        uint64_t first = UINT64_MAX;
        for (const Use& u : used) {
            const uint32_t level = KeyLevel(u.Key);
            uint64_t o = KeyIndex(u.Key) * ts->M.NodeEvents(level);
            if (!u.Skip.empty()) {
                size_t c = 0;
                while (c < u.Skip.size() && u.Skip[c])
                    c++;
                o += c * ts->M.NodeEvents(level + 1);
            }
            first = std::min(first, o);
        }
        return first;
    }

    // Starts in [lo, hi], or its span [first start, the next's first start) holds lo.
    static bool InSpan(const TileChild& c, Instant span_end, Instant lo, Instant hi)
    {
        if (!(hi < c.FirstStart) && !(c.LastStart < lo))
            return true;
        return !(lo < c.FirstStart) && lo < span_end;
    }

    // The covers of a leaf: of it and of its ancestors in the covers' tree but the root.
    void WantCovers(uint64_t leaf, int priority, bool visible)
    {
        uint64_t index = leaf;
        for (uint32_t level = ts->CoverLevels - 1; level >= 1; level--, index /= ts->M.CoverFanout) {
            const uint64_t key = CoverKey(level, index);
            WantKey(key, priority, visible);
            auto it = ts->Nodes.find(key);
            if (it != ts->Nodes.end() && visible) {
                it->second.LastUse = ts->Clock;
                pinned.push_back(key);
                if (HasEvents(it->second))
                    used.push_back(Use{ key, {} });
            }
        }
    }
};
} // namespace

static void Evict(TileSet* ts)
{
    if (ts->CacheBytes <= ts->Opt.CacheBytes)
        return;
    // least recently used first, never what the view uses
    struct Item { uint64_t last; int kind; uint64_t key; std::string path; };
    std::vector<Item> items;
    std::unordered_set<uint64_t> pinned(ts->Pinned.begin(), ts->Pinned.end());
    if (ts->Next.Building)
        pinned.insert(ts->Next.Keys.begin(), ts->Next.Keys.end());
    for (auto& kv : ts->Nodes)
        if (!pinned.count(kv.first))
            items.push_back(Item{ kv.second.LastUse, 0, kv.first, std::string() });
    for (auto& kv : ts->Texts)
        items.push_back(Item{ kv.second.LastUse, 1, kv.first, std::string() });
    for (auto& kv : ts->Shards)
        items.push_back(Item{ kv.second.LastUse, 2, 0, kv.first });
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.last < b.last; });
    for (const Item& it : items) {
        if (ts->CacheBytes <= ts->Opt.CacheBytes)
            break;
        if (it.kind == 0) {
            auto n = ts->Nodes.find(it.key);
            ts->CacheBytes -= n->second.Bytes;
            const std::string path = KeyPath(it.key);
            ts->Asked.erase(path);
            ts->Evicted.insert(path);
            ts->Nodes.erase(n);
            ts->Dirty = true;
        } else if (it.kind == 1) {
            auto t = ts->Texts.find(it.key);
            ts->CacheBytes -= t->second.Bytes.capacity() + t->second.LineAt.capacity() * sizeof(size_t);
            ts->Asked.erase(TileTextPath(it.key));
            ts->Texts.erase(t);
        } else {
            auto s = ts->Shards.find(it.path);
            ts->CacheBytes -= s->second.Bytes;
            ts->Asked.erase(it.path);
            ts->Shards.erase(s);
        }
    }
}

static bool SameView(const View& a, const View& b)
{
    return a.Start == b.Start && a.Span == b.Span && a.Width == b.Width && a.Scale == b.Scale &&
           (a.Scale == TimeScale_Linear || a.Present == b.Present);
}

static void Choose(TileSet* ts)
{
    const View& v = ts->LastView;
    const double over = 200.0;  // the layout's overscan (LayoutParams::OverscanPx)
    const double pre = v.Width * ts->Opt.PrefetchScreens;
    Chooser c;
    c.ts = ts;
    c.v = &v;
    c.vis0 = ViewTime(v, -over);
    c.vis1 = ViewTime(v, v.Width + over);
    c.pre0 = ViewTime(v, -over - pre);
    c.pre1 = ViewTime(v, v.Width + over + pre);
    if (v.Scale == TimeScale_Log && !(c.vis1 < ViewYoungest(v)))
        c.vis1 = c.pre1 = MaxInstant();
    ts->Clock++;
    if (ts->M.Events > 0)
        c.Visit(0, 0, true);
    else
        c.complete = true;
    // the ranges running in from before the first event drawn: the covers of its leaf, once the nodes drawn are
    // all here (while they come, the first event drawn moves)
    const uint64_t first = c.FirstDrawn();
    const uint64_t first_leaf = first < ts->M.Events ? first / ts->M.LeafEvents : UINT64_MAX;
    if (c.complete && first_leaf != UINT64_MAX && first_leaf > 0)
        c.WantCovers(first_leaf, (int)ts->M.Levels - 1, true);
    if (c.first_pre_leaf < first_leaf && c.first_pre_leaf > 0)
        c.WantCovers(c.first_pre_leaf, 2 * (int)ts->M.Levels - 1, false);
    // the next zoom in: the children of the nodes drawn whole, when they are few (zoomed out over many nodes, a
    // zoom in needs only some of theirs, and they come in the next frames)
    if (c.zoom_in.size() <= 2) {
        const Instant mid0 = ViewTime(v, v.Width * 0.25), mid1 = ViewTime(v, v.Width * 0.75);
        for (uint64_t key : c.zoom_in) {
            const TileNode& n = ts->Nodes[key].Node;
            for (size_t k = 0; k < n.Children.size(); k++)
                if (Chooser::InSpan(n.Children[k], Chooser::SpanEnd(n, k), mid0, mid1))
                    c.Want(KeyLevel(key) + 1, KeyIndex(key) * ts->M.Fanout + k, 2 * (int)ts->M.Levels + (int)KeyLevel(key), false);
        }
    }
    std::sort(c.used.begin(), c.used.end(), [](const Use& a, const Use& b) { return a.Key < b.Key; });
    bool same = c.used.size() == ts->Used.size();
    for (size_t i = 0; same && i < c.used.size(); i++)
        same = c.used[i].Key == ts->Used[i].Key && c.used[i].Skip == ts->Used[i].Skip;
    if (!same) {
        ts->Used = std::move(c.used);
        ts->Changed = true;
    }
    ts->Pinned = std::move(c.pinned);
    std::stable_sort(c.want.begin(), c.want.end(), [](const TileRequest& a, const TileRequest& b) { return a.Priority < b.Priority; });
    ts->Wanted = std::move(c.want);
    ts->Complete = c.complete;
    ts->FinestLevel = c.finest;
    ts->Dirty = false;
}

void TileSetUpdate(TileSet* ts, const View& view)
{
    if (!ts->IsOpen)
        return;
    if (!ts->HaveView || !SameView(view, ts->LastView)) {
        ts->LastView = view;
        ts->HaveView = true;
        ts->Dirty = true;
        ts->Evicted.clear();
    }
    if (ts->Dirty)
        Choose(ts);
    Evict(ts);
}

void TileSetTakeRequests(TileSet* ts, std::vector<TileRequest>* out)
{
    out->clear();
    // sticky requests (what the app asked for) first among equals, then the view's, within the budget
    std::vector<TileRequest> all;
    all.reserve(ts->Sticky.size() + ts->Wanted.size());
    for (const TileRequest& r : ts->Sticky)
        if (!ts->Asked.count(r.Path) && !IsDead(ts, r.Path))
            all.push_back(r);
    for (const TileRequest& r : ts->Wanted)
        if (!ts->Asked.count(r.Path) && !IsDead(ts, r.Path))
            all.push_back(r);
    std::stable_sort(all.begin(), all.end(), [](const TileRequest& a, const TileRequest& b) { return a.Priority < b.Priority; });
    std::unordered_set<std::string> seen;
    for (const TileRequest& r : all) {
        if ((int)ts->InFlight.size() >= ts->Opt.MaxInFlight)
            break;
        if (!seen.insert(r.Path).second)
            continue;
        ts->Asked.insert(r.Path);
        ts->InFlight.insert(r.Path);
        ts->Stats.Requests++;
        out->push_back(r);
    }
}

static void Forget(TileSet* ts, const std::string& path)
{
    ts->InFlight.erase(path);
    ts->Sticky.erase(std::remove_if(ts->Sticky.begin(), ts->Sticky.end(), [&](const TileRequest& r) { return r.Path == path; }),
                     ts->Sticky.end());
}

// A tree file's path, "t/3/17.bin" (a node) or "r/3/17.bin" (a cover) with folder 't' or 'r' -> level 3, index 17
static bool ParseTreePath(const std::string& p, char folder, uint32_t* level, uint64_t* index)
{
    unsigned long long l = 0, i = 0;
    char tail[8] = { 0 };
    if (p.size() < 2 || p[0] != folder || sscanf(p.c_str() + 1, "/%llu/%llu.%4s", &l, &i, tail) != 3 ||
        std::string(tail) != "bin")
        return false;
    *level = (uint32_t)l;
    *index = i;
    return true;
}

// "x/17.jsonl" -> 17
static bool ParseTextPath(const std::string& p, uint64_t* leaf)
{
    unsigned long long i = 0;
    char tail[8] = { 0 };
    if (sscanf(p.c_str(), "x/%llu.%6s", &i, tail) != 2 || std::string(tail) != "jsonl")
        return false;
    *leaf = i;
    return true;
}

static double NowMs();

// A decoded node or cover into the cache under key; the view's choice is made again and the cache trimmed.
static void MakeOrder(CachedNode* cn);
static void Keep(TileSet* ts, uint64_t key, CachedNode&& cn)
{
    MakeOrder(&cn);   // (here, not when the window is built: that is one frame's work for all new tiles)
    cn.Bytes = CachedBytes(cn);
    cn.LastUse = ts->Clock;
    ts->CacheBytes += cn.Bytes;
    ts->Nodes[key] = std::move(cn);
    ts->Dirty = true;
    if (ts->HaveView)
        Choose(ts);
    Evict(ts);
}

// A block handed over (TileSetArrivedOwned): freed on the way out unless taken (a cover decoded in steps keeps it).
namespace {
struct OwnedBytes {
    uint8_t* P;
    ~OwnedBytes() { free(P); }
    uint8_t* Take()
    {
        uint8_t* p = P;
        P = nullptr;
        return p;
    }
};
} // namespace

static bool Arrive(TileSet* ts, const char* path_c, const uint8_t* data, size_t size, OwnedBytes* owned,
                   std::string* err);

bool TileSetArrived(TileSet* ts, const char* path, const uint8_t* data, size_t size, std::string* err)
{
    OwnedBytes none{ nullptr };
    return Arrive(ts, path, data, size, &none, err);
}

bool TileSetArrivedOwned(TileSet* ts, const char* path, uint8_t* data, size_t size, std::string* err)
{
    OwnedBytes owned{ data };
    return Arrive(ts, path, data, size, &owned, err);
}

static bool Arrive(TileSet* ts, const char* path_c, const uint8_t* data, size_t size, OwnedBytes* owned,
                   std::string* err)
{
    const std::string path = path_c;
    Forget(ts, path);
    ts->Asked.insert(path);
    ts->Stats.BytesFetched += size;
    uint32_t level;
    uint64_t index;
    if (ParseTreePath(path, 't', &level, &index)) {
        CachedNode cn;
        if (level >= ts->M.Levels || index >= ts->M.NodeCount(level) ||
            !DecodeTileNode(data, size, ts->M, level, index, &cn.Node, err)) {
            if (err && err->empty())
                *err = path + ": not a node of this set";
            ts->Dead.insert(path);
            ts->Stats.Failed++;
            return false;
        }
        if (ts->M.IsLeafLevel(level))
            for (uint64_t o : ts->PinnedOrdinals)
                if (o / ts->M.LeafEvents == index)
                    ts->Changed = true;   // an event asked for by ordinal can be shown on its own
        Keep(ts, NodeKey(level, index), std::move(cn));
        return true;
    }
    if (ParseTreePath(path, 'r', &level, &index)) {
        // a slice of its events now, the rest (a big cover) by TileSetDecodeSome, from its bytes where they are
        // (handed over) or a copy; in pieces of a slice each
        std::unique_ptr<TileSet::Decoding> d(new TileSet::Decoding());
        d->Key = CoverKey(level, index);
        d->Path = path;
        if (owned->P) {
            d->Bytes = owned->Take();
        } else {
            d->Bytes = (uint8_t*)malloc(std::max<size_t>(1, size));
            if (!d->Bytes) {
                if (err)
                    *err = path + ": not enough memory";
                ts->Dead.insert(path);
                ts->Stats.Failed++;
                return false;
            }
            memcpy(d->Bytes, data, size);
        }
        int r = -1;
        d->Cn.Pieces.emplace_back();
        if (level == 0 || level >= ts->CoverLevels || index >= ts->M.CoverNodeCount(level) ||
            !TileCoverDecodeStart(&d->Dec, d->Bytes, size, ts->M, level, index, &d->Cn.Node, err) ||
            (r = TileCoverDecodePiece(&d->Dec, ts->Opt.DecodeSliceEvents, &d->Cn.Pieces.back(), err)) < 0) {
            if (err && err->empty())
                *err = path + ": not a cover of this set";
            ts->Dead.insert(path);
            ts->Stats.Failed++;
            return false;
        }
        if (r == 1) {
            Keep(ts, d->Key, std::move(d->Cn));
        } else {
            // what it will hold, at the rate of its first piece: the cache makes room for it now
            const TileNode& first = d->Cn.Pieces.front();
            const double per = (double)(NodeBytes(first) - sizeof(TileNode)) / (double)std::max<size_t>(1, first.Events.size());
            const uint64_t left = d->Dec.Events() - d->Dec.Decoded();
            d->Cn.Pieces.reserve((size_t)(d->Dec.Events() / std::max<uint32_t>(1, ts->Opt.DecodeSliceEvents)) + 1);
            d->Counted = size + CachedBytes(d->Cn) + (size_t)(per * (double)left);
            ts->CacheBytes += d->Counted;
            ts->Decodes.push_back(std::move(d));
            Evict(ts);
        }
        return true;
    }
    uint64_t leaf;
    if (ParseTextPath(path, &leaf)) {
        TextPage tp;
        tp.Bytes.assign((const char*)data, size);
        size_t at = 0;
        while (at < size) {
            tp.LineAt.push_back(at);
            const void* nl = memchr(data + at, '\n', size - at);
            at = nl ? (size_t)((const uint8_t*)nl - data) + 1 : size;
        }
        tp.LastUse = ++ts->Clock;
        ts->CacheBytes += tp.Bytes.capacity() + tp.LineAt.capacity() * sizeof(size_t);
        ts->Texts[leaf] = std::move(tp);
        Evict(ts);
        return true;
    }
    if (path.compare(0, 2, "s/") == 0 || path.compare(0, 2, "i/") == 0) {
        CachedShard cs;
        if (!DecodeTileShard(data, size, &cs.Shard, err)) {
            ts->Dead.insert(path);
            ts->Stats.Failed++;
            return false;
        }
        cs.Bytes = sizeof(CachedShard);
        for (size_t i = 0; i < cs.Shard.Words.size(); i++)
            cs.Bytes += cs.Shard.Words[i].capacity() + sizeof(std::string) + cs.Shard.Ordinals[i].capacity() * 8 + 24;
        cs.LastUse = ++ts->Clock;
        ts->CacheBytes += cs.Bytes;
        ts->Shards[path] = std::move(cs);
        Evict(ts);
        return true;
    }
    if (err)
        *err = path + ": not a file of a tiled timeline";
    ts->Dead.insert(path);
    return false;
}

bool TileSetDecodeSome(TileSet* ts, double budget_ms, std::string* err)
{
    const double t0 = NowMs();
    const uint64_t slice = std::max<uint32_t>(1, ts->Opt.DecodeSliceEvents);
    for (bool first = true; !ts->Decodes.empty(); first = false) {
        // (at least one slice a call; no more once the next would likely end past the budget)
        const double now = NowMs();
        if (!first && now - t0 + ts->DecodeSliceMs > budget_ms)
            break;
        TileSet::Decoding& d = *ts->Decodes.front();
        d.Cn.Pieces.emplace_back();
        const int r = TileCoverDecodePiece(&d.Dec, slice, &d.Cn.Pieces.back(), err);
        ts->DecodeSliceMs = NowMs() - now;
        if (r != 0) {
            std::unique_ptr<TileSet::Decoding> done = std::move(ts->Decodes.front());
            ts->Decodes.erase(ts->Decodes.begin());
            ts->CacheBytes -= done->Counted;
            if (r < 0) {
                // damaged: the set goes on without it (as when it fails to decode on arrival)
                ts->Dead.insert(done->Path);
                ts->Stats.Failed++;
                ts->Dirty = true;
                if (ts->HaveView)
                    Choose(ts);
                break;
            }
            Keep(ts, done->Key, std::move(done->Cn));
        }
    }
    return ts->Decodes.empty();
}

bool TileSetDecoding(const TileSet* ts) { return !ts->Decodes.empty(); }

void TileSetFailed(TileSet* ts, const char* path_c, const char* /*why*/)
{
    const std::string path = path_c;
    Forget(ts, path);
    ts->Dead.insert(path);
    ts->Stats.Failed++;
    if (path.compare(0, 2, "s/") == 0 || path.compare(0, 2, "i/") == 0) {
        // a shard that is not there holds no words: it answers with nothing
        CachedShard cs;
        cs.LastUse = ++ts->Clock;
        ts->Shards[path] = std::move(cs);
    }
    ts->Dirty = true;
    if (ts->HaveView)
        Choose(ts);
}

bool TileSetWindowChanged(const TileSet* ts) { return ts->Changed; }

int TileWindow::IndexOf(uint64_t ordinal) const
{
    auto it = std::lower_bound(Ordinals.begin(), Ordinals.end(), ordinal);
    for (; it != Ordinals.end() && *it == ordinal; ++it) {
        size_t i = (size_t)(it - Ordinals.begin());
        if (Weights.empty() || Weights[i] == 1)
            return (int)i;
    }
    return -1;
}

static const TileEvent* FindInLeaf(const TileSet* ts, uint64_t ordinal, const TileNode** node)
{
    if (ts->M.Levels == 0 || ordinal >= ts->M.Events)
        return nullptr;
    const uint32_t leaf_level = ts->M.Levels - 1;
    auto it = ts->Nodes.find(NodeKey(leaf_level, ordinal / ts->M.LeafEvents));
    if (it == ts->Nodes.end())
        return nullptr;
    const TileNode& n = it->second.Node;
    const uint64_t first = (ordinal / ts->M.LeafEvents) * ts->M.LeafEvents;
    if (ordinal - first >= n.Events.size())
        return nullptr;
    *node = &n;
    return &n.Events[(size_t)(ordinal - first)];
}

// A proxy and its event side by side: the event first.
static inline bool OrdinalBefore(const TileEvent& a, const TileEvent& b)
{
    return a.Ordinal < b.Ordinal || (a.Ordinal == b.Ordinal && a.Weight < b.Weight);
}

// The node's events in ordinal order, in place (an inner node's proxies come by lane, then time), once.
static void MakeOrder(CachedNode* cn)
{
    if (cn->HaveOrder)
        return;
    cn->HaveOrder = true;
    std::vector<TileEvent>& ev = cn->Node.Events;
    bool sorted = true;
    for (size_t i = 1; i < ev.size() && sorted; i++)
        sorted = !OrdinalBefore(ev[i], ev[i - 1]);
    if (!sorted)
        std::sort(ev.begin(), ev.end(), OrdinalBefore);
}

// The window is made without sorting it: each node's events are put in ordinal order once (MakeOrder) and taken in
// runs (all of a node, or the proxies of its children not used on their own, a stretch of children at a time: each
// a slice of the node's events; a cover's events whole, less those a node in use draws), and the runs, each in
// order, are merged as they are copied (mostly whole runs: the used nodes cover disjoint ordinal ranges; a cover's
// ranges interleave with the others'). Titles are not copied one by one: each node's string pool is appended whole
// to the window's and its titles' ids shifted by where it went. The start only finds the runs and where each pool
// goes (no step of a big window's copy takes longer than a slice).
static bool RunLater(const TileSet::Run& a, const TileSet::Run& b) { return OrdinalBefore(*b.E, *a.E); }
static void StartWindow(TileSet* ts)
{
    TileSet::NextWindow& next = ts->Next;
    next.Data.reset(new TimelineData());
    next.Win = TileWindow();
    TileWindow* win = &next.Win;
    using Run = TileSet::Run;
    std::vector<Run>& runs = next.Runs;
    runs.clear();
    next.Keys.clear();
    next.Pools.clear();
    next.PoolAt = next.InPool = 0;
    std::unordered_set<uint64_t> leaf_used;
    Timeline& tl = next.Data->Tl;
    size_t pool_end = tl.Strings.Bytes.size();   // where the next pool goes
    std::unordered_map<const TileNode*, uint32_t> bases;
    // (a node's titles, or a cover's piece's: `fresh`, new to the windows)
    auto pool_of_node = [&](const TileNode& node, bool fresh) -> uint32_t {
        auto b = bases.find(&node);
        if (b != bases.end())
            return b->second;
        const std::string& bytes = node.Strings.Bytes;
        const size_t at = pool_end;
        if (at + bytes.size() > 0xFFFFFFFFu)
            return 0;   // (4 GiB of titles: past that, titles are left out)
        next.Pools.push_back(TileSet::Pool{ &bytes });
        pool_end += bytes.size();
        if (fresh)
            win->NewText.push_back(std::make_pair(at, bytes.size()));
        bases[&node] = (uint32_t)at;
        return (uint32_t)at;
    };
    auto pool_of = [&](CachedNode& cn) -> uint32_t {
        const uint32_t base = pool_of_node(cn.Node, !cn.TextShown);
        cn.TextShown = true;
        return base;
    };
    std::vector<std::pair<uint64_t, uint64_t>>& drawn = next.Drawn;   // ordinals the nodes in use draw (not the covers)
    drawn.clear();
    for (const Use& u : ts->Used) {
        auto it = ts->Nodes.find(u.Key);
        if (it == ts->Nodes.end())
            continue;
        CachedNode& cn = it->second;
        const TileNode& n = cn.Node;
        MakeOrder(&cn);
        next.Keys.push_back(u.Key);
        if (IsCoverKey(u.Key)) {
            // a run per piece (their events follow each other in ordinal order)
            const bool fresh = !cn.TextShown;
            cn.TextShown = true;
            if (!n.Events.empty())
                runs.push_back(Run{ n.Events.data(), n.Events.size(), pool_of_node(n, fresh), true });
            for (const TileNode& p : cn.Pieces)
                if (!p.Events.empty())
                    runs.push_back(Run{ p.Events.data(), p.Events.size(), pool_of_node(p, fresh), true });
            continue;
        }
        const uint32_t base = pool_of(cn);
        {
            const uint64_t per = ts->M.NodeEvents(KeyLevel(u.Key)), first = KeyIndex(u.Key) * per;
            if (u.Skip.empty()) {
                drawn.push_back({ first, first + per });
            } else {
                const uint64_t child = ts->M.NodeEvents(KeyLevel(u.Key) + 1);
                for (size_t c = 0; c < u.Skip.size(); c++)
                    if (!u.Skip[c])
                        drawn.push_back({ first + c * child, first + (c + 1) * child });
            }
        }
        if (n.Kind == TileKind_Leaf)
            leaf_used.insert(KeyIndex(u.Key));
        const size_t ne = n.Events.size();
        if (u.Skip.empty()) {
            if (ne)
                runs.push_back(Run{ n.Events.data(), ne, base, false });
            continue;
        }
        // proxies of the children not used on their own; a child used on its own (its events go there) ends a run
        const uint64_t child_events = ts->M.NodeEvents(KeyLevel(u.Key) + 1);
        const uint64_t first = KeyIndex(u.Key) * ts->M.NodeEvents(KeyLevel(u.Key));
        size_t run_child = SIZE_MAX;
        bool open = false;
        for (size_t k = 0; k < ne; k++) {
            const TileEvent& e = n.Events[k];
            const size_t c = (size_t)((e.Ordinal - first) / child_events);
            if (!(c < u.Skip.size() && !u.Skip[c])) {
                open = false;
                continue;
            }
            if (open && c != run_child)
                for (size_t between = run_child + 1; open && between < c; between++)
                    open = !u.Skip[between];
            if (open)
                runs.back().N++;
            else
                runs.push_back(Run{ &e, 1, base, false });
            open = true;
            run_child = c;
        }
    }
    std::sort(drawn.begin(), drawn.end());
    // events asked for by ordinal (the selection) whose leaves are here but not in use: shown on their own
    for (uint64_t o : ts->PinnedOrdinals) {
        if (leaf_used.count(o / std::max<uint32_t>(1, ts->M.LeafEvents)))
            continue;
        const TileNode* n = nullptr;
        if (const TileEvent* e = FindInLeaf(ts, o, &n)) {
            auto it = ts->Nodes.find(NodeKey(ts->M.Levels - 1, o / ts->M.LeafEvents));
            next.Keys.push_back(it->first);
            runs.push_back(Run{ e, 1, pool_of(it->second), false });
        }
    }
    // ordinal order is time order: the run whose first event is first on top
    std::make_heap(runs.begin(), runs.end(), RunLater);
    size_t total = 0;
    for (const Run& r : runs)
        total += r.N;
    tl.Strings.Bytes.reserve(pool_end);

    const Timeline& meta = ts->M.Meta;
    tl.Title = meta.Title;
    tl.Description = meta.Description;
    tl.DescriptionHtml = meta.DescriptionHtml;
    tl.MediaUrl = meta.MediaUrl;
    tl.MediaCaption = meta.MediaCaption;
    tl.MediaCredit = meta.MediaCredit;
    tl.Groups = meta.Groups;
    tl.Eras = meta.Eras;
    // (reserved, not sized: each event is written once, by the copy)
    tl.Events.reserve(total);
    win->Ordinals.reserve(total);
    next.Lanes.reserve(total);
    tl.Weights.reserve(total);
    next.Weighted = false;
    next.Copied = false;
    next.Building = true;
    ts->Changed = false;
}

// The first index i >= 1 of run e[0, n) whose event comes after h (n when none does): by steps of 1, 2, 4... then a
// binary search, so taking a few events from a run costs a few comparisons, whatever its length.
static size_t UpTo(const TileEvent* e, size_t n, const TileEvent& h)
{
    size_t lo = 1, hi = 1;
    while (hi < n && !OrdinalBefore(h, e[hi])) {
        lo = hi + 1;
        hi *= 2;
    }
    return (size_t)(std::upper_bound(e + lo, e + std::min(hi, n), h, OrdinalBefore) - e);
}

// Appends the tiles' titles, then merges the runs' events into the window, about `slice` at a time until budget_ms
// have passed since t0 (at least one slice); then starts the index. True once all are copied.
static double NowMs();
// Whether a call that started at t0 has room for another unit of a kind (TileSet::NextWindow::UnitMs): always for
// its first; Did notes one done.
static bool Room(TileSet* ts, double t0, double budget_ms, int kind)
{
    return !ts->Next.CallDid || NowMs() - t0 + ts->Next.UnitMs[kind] <= budget_ms;
}
static void Did(TileSet* ts, int kind, double u0)
{
    ts->Next.UnitMs[kind] = NowMs() - u0;
    ts->Next.CallDid = true;
}
static bool CopyWindow(TileSet* ts, double t0, double budget_ms)
{
    TileSet::NextWindow& next = ts->Next;
    Timeline& tl = next.Data->Tl;
    TileWindow* win = &next.Win;
    std::vector<uint8_t>& lanes = next.Lanes;
    // the titles, a chunk at a time
    const size_t chunk = (size_t)256 << 10;
    while (next.PoolAt < next.Pools.size()) {
        if (!Room(ts, t0, budget_ms, 0))
            return false;
        const double u0 = NowMs();
        const std::string& b = *next.Pools[next.PoolAt].Bytes;
        const size_t n = std::min(chunk, b.size() - next.InPool);
        tl.Strings.Bytes.append(b, next.InPool, n);
        next.InPool += n;
        if (next.InPool == b.size()) {
            next.PoolAt++;
            next.InPool = 0;
        }
        Did(ts, 0, u0);
    }
    // the events: from the run on top, those up to the next run's first (mostly whole runs)
    const size_t slice = 4096;
    std::vector<TileSet::Run>& heap = next.Runs;
    const std::vector<std::pair<uint64_t, uint64_t>>& drawn = next.Drawn;
    size_t done = slice;
    double u0 = 0;
    while (!heap.empty()) {
        if (done >= slice) {
            if (u0)
                Did(ts, 1, u0);
            if (!Room(ts, t0, budget_ms, 1))
                return false;
            u0 = NowMs();
            done = 0;
        }
        std::pop_heap(heap.begin(), heap.end(), RunLater);
        TileSet::Run& r = heap.back();
        size_t n = heap.size() > 1 ? UpTo(r.E, r.N, *heap.front().E) : r.N;
        n = std::min(n, slice - done);
        for (size_t k = 0; k < n; k++) {
            const TileEvent& te = r.E[k];
            if (r.Cover) {
                // (a range that a node in use draws already)
                auto d = std::upper_bound(drawn.begin(), drawn.end(), std::make_pair(te.Ordinal, UINT64_MAX));
                if (d != drawn.begin() && te.Ordinal < std::prev(d)->second)
                    continue;
            }
            // an event once (a cover's and the selection's)
            if (!tl.Events.empty() && te.Weight <= 1 && tl.Weights.back() == 1 && win->Ordinals.back() == te.Ordinal)
                continue;
            tl.Events.push_back(te.Ev);
            Event& e = tl.Events.back();
            e.Id = 0;
            e.Text = 0;
            e.Extra = kNoExtra;
            e.Title = e.Title ? e.Title + r.Base : 0;
            if (te.Color) {
                e.Extra = (uint32_t)tl.Extras.size();
                tl.Extras.emplace_back();
                tl.Extras.back().Color = te.Color;
            }
            lanes.push_back(te.Lane);
            win->Ordinals.push_back(te.Ordinal);
            tl.Weights.push_back(std::max<uint32_t>(1, te.Weight));
            next.Weighted |= te.Weight > 1;
        }
        done += n;
        r.E += n;
        r.N -= n;
        if (r.N)
            std::push_heap(heap.begin(), heap.end(), RunLater);
        else
            heap.pop_back();
    }
    if (u0)
        Did(ts, 1, u0);
    if (!next.Weighted)
        tl.Weights = std::vector<uint32_t>();
    win->Weights = tl.Weights;
    next.Runs = std::vector<TileSet::Run>();
    next.Drawn = std::vector<std::pair<uint64_t, uint64_t>>();
    next.Pools = std::vector<TileSet::Pool>();
    next.Keys.clear();
    std::vector<uint8_t>& per_group = next.PerGroup;
    per_group.assign(tl.Groups.size() + 1, 1);
    for (size_t g = 0; g < per_group.size() && g < ts->M.LanesPerGroup.size(); g++)
        per_group[g] = ts->M.LanesPerGroup[g];
    IndexOptions opt;
    opt.Lanes = lanes.data();
    opt.LanesPerGroup = per_group.data();
    if (!next.Index)
        next.Index.reset(new TimelineIndexBuilder());
    next.Index->Start(tl, &next.Data->Index, opt);
    next.Copied = true;
    return true;
}

static void FinishWindow(TileSet* ts, TimelineData* data, TileWindow* win)
{
    TileSet::NextWindow& next = ts->Next;
    TimelineIndex& index = next.Data->Index;
    // the whole set's extent and counts (the header shows the whole group's count)
    if (ts->M.Events > 0 || !ts->M.Meta.Eras.empty()) {
        index.Min = ts->M.Min;
        index.Max = ts->M.Max;
        index.Empty = false;
    }
    for (size_t g = 0; g < index.Groups.size() && g < ts->M.GroupCounts.size(); g++)
        index.Groups[g].EventCount = (int)std::min<uint64_t>(ts->M.GroupCounts[g], INT32_MAX);
    data->Tl = std::move(next.Data->Tl);
    data->Index = std::move(index);
    data->MarkChanged();
    *win = std::move(next.Win);
    next.Data.reset();
    next.Lanes = std::vector<uint8_t>();
    next.Building = false;
}

static double NowMs()
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

bool TileSetBuildWindowSome(TileSet* ts, TimelineData* data, TileWindow* win, double budget_ms)
{
    const double t0 = NowMs();
    ts->Next.CallDid = false;
    if (!ts->Next.Building)
        StartWindow(ts);
    if (!ts->Next.Copied && !CopyWindow(ts, t0, budget_ms))
        return false;
    // the index in slices of events, while the budget lasts (at least one unit a call)
    const size_t slice = 4096;
    while (Room(ts, t0, budget_ms, 2)) {
        const double u0 = NowMs();
        const bool done = ts->Next.Index->Step(slice);
        Did(ts, 2, u0);
        if (done) {
            FinishWindow(ts, data, win);
            return true;
        }
    }
    return false;
}

bool TileSetBuildingWindow(const TileSet* ts) { return ts->Next.Building; }

void TileSetBuildWindow(TileSet* ts, TimelineData* data, TileWindow* win)
{
    if (ts->Next.Building) {
        // the build under way is for an earlier view: finish it (its titles' text goes to no window), then build anew
        TimelineData dropped;
        TileWindow dropped_win;
        while (!TileSetBuildWindowSome(ts, &dropped, &dropped_win, 1e9))
            ;
        for (auto& kv : ts->Nodes)
            kv.second.TextShown = false;
    }
    while (!TileSetBuildWindowSome(ts, data, win, 1e9))
        ;
}

static void AddSticky(TileSet* ts, const std::string& path, int priority)
{
    if (ts->Asked.count(path) || IsDead(ts, path))
        return;
    for (const TileRequest& r : ts->Sticky)
        if (r.Path == path)
            return;
    ts->Sticky.push_back(TileRequest{ path, priority });
}

bool TileSetEventDetails(TileSet* ts, uint64_t ordinal, Timeline* out)
{
    if (ordinal >= ts->M.Events)
        return false;
    const uint64_t leaf = ordinal / ts->M.LeafEvents;
    auto it = ts->Texts.find(leaf);
    if (it == ts->Texts.end()) {
        AddSticky(ts, TileTextPath(leaf), 0);
        return false;
    }
    TextPage& tp = it->second;
    tp.LastUse = ++ts->Clock;
    const size_t line = (size_t)(ordinal - leaf * ts->M.LeafEvents);
    if (line >= tp.LineAt.size())
        return false;
    const size_t a = tp.LineAt[line];
    size_t b = line + 1 < tp.LineAt.size() ? tp.LineAt[line + 1] : tp.Bytes.size();
    while (b > a && (tp.Bytes[b - 1] == '\n' || tp.Bytes[b - 1] == '\r'))
        b--;
    // one event object, read by the core loader inside a timeline with the set's groups
    std::string groups;
    WriteGroupsJson(ts->M.Meta, &groups);
    std::string json = "{\"groups\": " + groups + ", \"events\": [";
    json.append(tp.Bytes, a, b - a);
    json += "]}";
    LoadResult res;
    out->Clear();
    if (!LoadTimeline(json.data(), json.size(), LoadOptions(), out, &res) || out->Events.size() != 1) {
        if (getenv("CS_TILESET_DEBUG"))
            for (const Diagnostic& d : res.Diagnostics)
                fprintf(stderr, "details: %s\n%.300s\n", FormatDiagnostic("page", d).c_str(), json.c_str());
        return false;
    }
    return true;
}

bool TileSetWantOrdinal(TileSet* ts, uint64_t ordinal)
{
    if (ordinal >= ts->M.Events || ts->M.Levels == 0)
        return false;
    const bool fresh = std::find(ts->PinnedOrdinals.begin(), ts->PinnedOrdinals.end(), ordinal) == ts->PinnedOrdinals.end();
    if (fresh) {
        ts->PinnedOrdinals.push_back(ordinal);
        if (ts->PinnedOrdinals.size() > 4)
            ts->PinnedOrdinals.erase(ts->PinnedOrdinals.begin());
    }
    const uint32_t level = ts->M.Levels - 1;
    const uint64_t leaf = ordinal / ts->M.LeafEvents;
    if (Loaded(ts, level, leaf)) {
        ts->Nodes[NodeKey(level, leaf)].LastUse = ++ts->Clock;
        if (fresh)
            ts->Changed = true;
        return true;
    }
    AddSticky(ts, TileNodePath(level, leaf), 0);
    return false;
}

void TileSetForgetOrdinals(TileSet* ts)
{
    if (!ts->PinnedOrdinals.empty())
        ts->Changed = true;
    ts->PinnedOrdinals.clear();
}

bool TileSetOrdinalStart(const TileSet* ts, uint64_t ordinal, Instant* start)
{
    const TileNode* n = nullptr;
    if (const TileEvent* e = FindInLeaf(ts, ordinal, &n)) {
        *start = e->Ev.Start();
        return true;
    }
    // a proxy of that ordinal, or the child span holding it, from the finest inner node here
    for (int level = (int)ts->M.Levels - 2; level >= 0; level--) {
        const uint64_t per = ts->M.NodeEvents((uint32_t)level);
        auto it = ts->Nodes.find(NodeKey((uint32_t)level, ordinal / per));
        if (it == ts->Nodes.end())
            continue;
        for (const TileEvent& e : it->second.Node.Events)
            if (e.Ordinal == ordinal) {
                *start = e.Ev.Start();
                return true;
            }
        const uint64_t child = (ordinal % per) / ts->M.NodeEvents((uint32_t)level + 1);
        if (child < it->second.Node.Children.size()) {
            *start = it->second.Node.Children[(size_t)child].FirstStart;
            return true;
        }
    }
    return false;
}

int TileSetSearch(TileSet* ts, const char* query, std::vector<uint64_t>* out)
{
    out->clear();
    std::vector<std::string> words;
    TileWords(query, strlen(query), &words);
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    if (words.empty())
        return 0;
    bool missing = false;
    std::vector<const TileShard*> shards;
    for (const std::string& w : words) {
        const std::string path = TileShardPath(TileShardKey(w.data(), w.size()));
        auto it = ts->Shards.find(path);
        if (it == ts->Shards.end()) {
            AddSticky(ts, path, (int)ts->M.Levels);
            missing = true;
            continue;
        }
        it->second.LastUse = ++ts->Clock;
        shards.push_back(&it->second.Shard);
    }
    if (missing)
        return -1;
    std::vector<uint64_t> cur, next, tmp;
    for (size_t i = 0; i < words.size(); i++) {
        shards[i]->Match(words[i], &tmp);
        if (i == 0) {
            cur.swap(tmp);
        } else {
            next.clear();
            std::set_intersection(cur.begin(), cur.end(), tmp.begin(), tmp.end(), std::back_inserter(next));
            cur.swap(next);
        }
        if (cur.empty())
            break;
    }
    out->swap(cur);
    return (int)std::min<size_t>(out->size(), INT32_MAX);
}

int TileSetFindId(TileSet* ts, const char* id, uint64_t* ordinal)
{
    const size_t len = strlen(id);
    if (len == 0)
        return 0;
    const std::string path = TileIdShardPath(TileIdShardKey(ts->M, id, len));
    auto it = ts->Shards.find(path);
    if (it == ts->Shards.end()) {
        AddSticky(ts, path, 0);
        return -1;
    }
    it->second.LastUse = ++ts->Clock;
    const TileShard& s = it->second.Shard;
    auto w = std::lower_bound(s.Words.begin(), s.Words.end(), std::string(id, len));
    if (w == s.Words.end() || *w != std::string(id, len))
        return 0;
    const std::vector<uint64_t>& o = s.Ordinals[(size_t)(w - s.Words.begin())];
    if (o.empty())
        return 0;
    *ordinal = o.front();
    return 1;
}

namespace {
// TileSetShownFrom: a walk down the tree over the ordinals left to search, in the step's direction.
struct ShownFinder {
    TileSet* ts;
    const std::vector<bool>* hidden;
    int dir;

    bool Hidden(const Event& e) const
    {
        const size_t g = e.Group == kNoGroup ? ts->M.Meta.Groups.size() : (size_t)e.Group;
        return g < hidden->size() && (*hidden)[g];
    }

    // The nearest shown event in ordinals [lo, hi] of node (level, index): 1 (*out), 0: none, -1: a node on the way
    // is being fetched (asked for). An inner node's proxies stand for all its events, each proxy for events of its
    // own group (its lane's), and each proxy is itself an event: a node with no shown proxy has no shown event; when
    // its shown proxies all weigh 1 they are its shown events; else the nearest shown proxy in [lo, hi] bounds the
    // search, so only the children up to it are looked into.
    int Find(uint32_t level, uint64_t index, uint64_t lo, uint64_t hi, uint64_t* out)
    {
        const uint64_t key = NodeKey(level, index);
        auto it = ts->Nodes.find(key);
        if (it == ts->Nodes.end()) {
            const std::string path = TileNodePath(level, index);
            if (IsDead(ts, path))
                return 0;   // (its events cannot be known: passed over)
            AddSticky(ts, path, 0);
            return -1;
        }
        it->second.LastUse = ++ts->Clock;
        const TileNode& n = it->second.Node;
        const uint64_t first = index * ts->M.NodeEvents(level);
        if (ts->M.IsLeafLevel(level)) {
            // a leaf's events are its ordinals in order
            for (uint64_t o = dir > 0 ? lo : hi; o >= lo && o <= hi; o += dir) {
                const uint64_t k = o - first;
                if (k < n.Events.size() && !Hidden(n.Events[(size_t)k].Ev)) {
                    *out = o;
                    return 1;
                }
                if (dir < 0 && o == 0)
                    break;
            }
            return 0;
        }
        bool any = false, heavy = false, bound = false;
        for (const TileEvent& e : n.Events) {
            if (Hidden(e.Ev))
                continue;
            any = true;
            heavy = heavy || e.Weight > 1;
            if (e.Ordinal >= lo && e.Ordinal <= hi) {
                bound = true;
                if (dir > 0)
                    hi = e.Ordinal;
                else
                    lo = e.Ordinal;
            }
        }
        if (!any)
            return 0;
        if (!heavy) {
            // the shown proxies are the node's shown events, one each: the nearest is the answer
            if (bound)
                *out = dir > 0 ? hi : lo;
            return bound ? 1 : 0;
        }
        const uint64_t per = ts->M.NodeEvents(level + 1);
        const uint64_t c0 = lo / per, c1 = hi / per;   // the children (their indices in level + 1) over [lo, hi]
        for (uint64_t c = dir > 0 ? c0 : c1; c >= c0 && c <= c1; c += dir) {
            const int r = Find(level + 1, c, std::max(lo, c * per), std::min(hi, (c + 1) * per - 1), out);
            if (r != 0)
                return r;
            if (dir < 0 && c == 0)
                break;
        }
        return 0;
    }
};
} // namespace

int TileSetShownFrom(TileSet* ts, uint64_t from, int dir, const std::vector<bool>& hidden, uint64_t* ordinal)
{
    if (!ts->IsOpen || from >= ts->M.Events || ts->M.Levels == 0)
        return 0;
    if (std::find(hidden.begin(), hidden.end(), true) == hidden.end()) {
        *ordinal = from;
        return 1;
    }
    ShownFinder f{ ts, &hidden, dir < 0 ? -1 : 1 };
    return dir < 0 ? f.Find(0, 0, 0, from, ordinal) : f.Find(0, 0, from, ts->M.Events - 1, ordinal);
}

TileSetStats TileSetGetStats(const TileSet* ts)
{
    TileSetStats st = ts->Stats;
    st.CacheBytes = ts->CacheBytes;
    st.Nodes = (int)ts->Nodes.size();
    st.InFlight = (int)ts->InFlight.size();
    st.Decoding = (int)ts->Decodes.size();
    st.FinestLevelInView = ts->FinestLevel;
    st.Complete = ts->HaveView && ts->Complete && !ts->Dirty;
    return st;
}

} // namespace chronoscope
