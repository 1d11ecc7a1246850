// Chronoscope core: a tiled timeline in view: which tiles a view needs, the tiles held, and the window of events
// built from them for the widget.
//
// A TileSet never reads files or the network itself: it says what it wants (paths relative to the manifest), and
// the platform fetches them (the web page with fetch(), the native app from the directory) and hands the bytes
// back, in any order, whenever they come. It holds at most CacheBytes of decoded tiles (least recently used go
// first, never those the view uses).
//
//   TileSet ts; std::string err;
//   if (!TileSetOpen(&ts, manifest_json, size, &err)) ...
//   every frame:  TileSetUpdate(&ts, view);                     // what the view needs now
//                 for each r in TileSetTakeRequests(&ts):  fetch r.Path, later TileSetArrived(&ts, r.Path, bytes)
//                 if (TileSetWindowChanged(&ts)) { TileSetBuildWindow(&ts, &data); give it to the widget }
//
// Coarse first: for a view it wants, in this order, the nodes from the root down to the level whose bins are at
// most BinPx (or the leaves), for the visible span, then the same around it (PrefetchScreens on each side)
// and the children of what is drawn in the middle of the view (the next zoom in) when it is one or two nodes. Until a node comes, its parent's proxies stand in for
// it: what is drawn is always the finest loaded level, refined as tiles arrive. A node is wanted when its starts
// fall in the view or its span holds the view's left edge; the ranges that run into the view from before the
// first node drawn come with the covers (tiles.h) of that node's first leaf, wanted once the nodes drawn are here,
// so a view never fetches a leaf only because one of its ranges is long.
//
// The window: a TimelineData (core/timeline_data.h) whose events are the proxies and leaf events of the nodes in
// use, in time order, with their lanes as packed (IndexOptions::Lanes) and their weights (Timeline::Weights), and
// the manifest's title card, groups and eras. Its events carry their ordinals (TileWindow::Ordinals): selection,
// search matches and the story are kept as ordinals and mapped to window indices each time the window changes.
#pragma once

#include "core/index.h"
#include "core/tiles.h"
#include "core/timeline_data.h"
#include "core/view.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace chronoscope {

struct TileRequest {
    std::string Path;        // relative to the manifest: "t/3/17.bin", "x/17.jsonl", "s/ab.bin"
    int         Priority;    // 0 first: the visible span's nodes, coarse to fine; then prefetch; then text, shards
};

struct TileSetOptions {
    size_t CacheBytes = 64u << 20;     // decoded tiles kept
    float  BinPx = 8.0f;               // a level is fine enough for a view when its bins are at most this wide (each
                                       // level has Fanout times more proxies: finer costs that much more to fetch,
                                       // hold and lay out)
    float  PrefetchScreens = 1.0f;     // also load this many view widths on each side
    int    MaxInFlight = 8;            // requests handed out and not yet answered
    uint32_t DecodeSliceEvents = 4096; // a cover is decoded this many events at a time: the first slice when it
                                       // arrives, the rest by TileSetDecodeSome (about a leaf's worth of work each)
};

// The window built for the widget: its events' ordinals, in the window's event order.
struct TileWindow {
    std::vector<uint64_t> Ordinals;
    std::vector<uint32_t> Weights;          // the events' weights (empty: all 1); a proxy shares its event's ordinal
    int  IndexOf(uint64_t ordinal) const;   // the window index of an ordinal, -1 when it is not loaded on its own
    // The titles' text new in this window (of tiles no window held before): byte ranges (offset, size) of the
    // window's Timeline::Strings, NUL-separated titles, for the fonts' characters.
    std::vector<std::pair<size_t, size_t>> NewText;
};

struct TileSet;   // (tileset.cpp; holds the manifest, the cache, the requests in flight)

TileSet* TileSetCreate(const TileSetOptions& opt = TileSetOptions());
void     TileSetDestroy(TileSet* ts);
bool     TileSetOpen(TileSet* ts, const char* manifest_json, size_t size, std::string* err);
const TileManifest& TileSetManifest(const TileSet* ts);

// The view to load for (its window and width, linear or log); call every frame (cheap when nothing changed).
void     TileSetUpdate(TileSet* ts, const View& view);
// The requests made since the last call (each path is asked for once until it fails or is evicted).
void     TileSetTakeRequests(TileSet* ts, std::vector<TileRequest>* out);
// A fetched file. False and *err when its bytes are damaged (then the set goes on without it and does not ask
// again; TileSetFailed the same for a fetch that failed).
bool     TileSetArrived(TileSet* ts, const char* path, const uint8_t* data, size_t size, std::string* err);
// The same, the set taking the bytes over: data is a block from malloc() that it frees once it is done with it
// (at once, or, for a big cover, once it is decoded: from those bytes where they are, not from a copy).
bool     TileSetArrivedOwned(TileSet* ts, const char* path, uint8_t* data, size_t size, std::string* err);
void     TileSetFailed(TileSet* ts, const char* path, const char* why);
// A big cover (core/tiles.h TileCoverDecoder) is decoded a slice of its events at a time, so no one call takes
// long, into pieces of a slice each (TileCoverDecodePiece: no block of the whole cover): TileSetArrived decodes its
// first slice and keeps its bytes; this decodes more, oldest cover first, for about budget_ms (at least one slice;
// no more once the next slice would likely end past it). A cover is in the cache, and counts for the view, once
// all of it is decoded. True when none is left to decode; a damaged one is dropped with *err (as TileSetArrived
// would have).
bool     TileSetDecodeSome(TileSet* ts, double budget_ms, std::string* err);
bool     TileSetDecoding(const TileSet* ts);   // some cover is left to decode
// Something arrived (or was evicted) that changes the window: build it again.
bool     TileSetWindowChanged(const TileSet* ts);
// Fills *data (replacing it) and *win with the window for the last view; clears the changed flag.
void     TileSetBuildWindow(TileSet* ts, TimelineData* data, TileWindow* win);
// The same a little at a time, for a frame's budget (copying a big window's events and building its index take a
// while): starts a build for the last view when none is under way (clearing the changed flag), then copies the
// tiles' events (the tiles it copies from stay in the cache until it is done) and builds its index, for about
// budget_ms a call. True once it has filled *data and *win; false: call again next frame (the window drawn until
// then stays as it was).
bool     TileSetBuildWindowSome(TileSet* ts, TimelineData* data, TileWindow* win, double budget_ms);
bool     TileSetBuildingWindow(const TileSet* ts);   // a build started with TileSetBuildWindowSome is not done yet

// One event's full record (text, id, tags, link, media) from its leaf's text page: true and fills *out (a
// Timeline holding that one event) once the page is here; else asks for the page and returns false.
bool     TileSetEventDetails(TileSet* ts, uint64_t ordinal, Timeline* out);
// Makes sure the leaf of an ordinal is wanted (to select an event that the window holds only as a proxy, or a
// search match or story step elsewhere); true when it is loaded. Until TileSetForgetOrdinals, the window shows the
// event on its own once its leaf is here (the last few ordinals asked for), also where the view draws proxies.
bool     TileSetWantOrdinal(TileSet* ts, uint64_t ordinal);
// Forgets the ordinals asked for with TileSetWantOrdinal (the selection went elsewhere).
void     TileSetForgetOrdinals(TileSet* ts);
// The instant an ordinal starts at, when a loaded node knows it (its leaf, or a proxy); false otherwise.
bool     TileSetOrdinalStart(const TileSet* ts, uint64_t ordinal, Instant* start);

// The nearest event at or after `from` (dir +1; at or before it, dir -1) whose group is not hidden (hidden: one flag
// per group of the manifest, then one for ungrouped; a missing flag: shown), for the steps through the shown events
// in time order: 1 and *ordinal when found, 0 when there is none, -1 while a node it needs is being fetched (asked
// for here: ask again next frame). It goes down the tree from the root, by the proxies (each stands for events of
// its own group, and is one of them): a node with no proxy of a shown group has no shown event and is passed over
// whole; a node whose shown proxies all weigh 1 answers at once (they are its shown events: a sparse group is
// stepped through from the coarse levels alone); else the nearest shown proxy bounds the search. A step so loads at
// most the children between its start and that proxy at each level (at most Fanout; usually one path from the root
// to a leaf, most of it loaded with the view), not the leaves of the hidden groups in between.
int      TileSetShownFrom(TileSet* ts, uint64_t from, int dir, const std::vector<bool>& hidden, uint64_t* ordinal);

// Search over the shards: starts a query (asks for the shards it needs) and answers its matches once they are
// all here. Returns -1 while shards are missing, else the number of matches (*out: their ordinals, ascending).
int      TileSetSearch(TileSet* ts, const char* query, std::vector<uint64_t>* out);

// An event by its id (from the id shards): 1 and *ordinal when found, 0 when no event has it, -1 while its shard
// is being fetched (ask again next frame).
int      TileSetFindId(TileSet* ts, const char* id, uint64_t* ordinal);

// For the benchmarks and tests
struct TileSetStats {
    uint64_t BytesFetched = 0;       // all bytes handed to TileSetArrived
    uint64_t Requests = 0, Failed = 0;
    size_t   CacheBytes = 0;         // decoded tiles held
    int      Nodes = 0;              // tiles held
    int      InFlight = 0;
    int      Decoding = 0;           // covers taken in and being decoded a slice at a time
    int      FinestLevelInView = -1; // the level the view draws from, -1 before the root came
    bool     Complete = false;       // every node the view needs (not prefetch) is here
};
TileSetStats TileSetGetStats(const TileSet* ts);

} // namespace chronoscope
