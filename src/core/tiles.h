// Chronoscope core: the tiled format: a timeline of any size as static files, fetched a view at a time.
//
// `chronoscope pack IN OUT_DIR/` (core/pack.h) writes a directory that any static web server or CDN serves as it
// is; a viewer (core/tileset.h) fetches only what its view needs. Every file is small and never changes once
// written, so HTTP caches keep it.
//
//   OUT_DIR/manifest.json     what the timeline is (title card, groups, eras, counts, extent) and the tree's shape
//   OUT_DIR/t/L/I.bin         node I of level L of the tile tree (L = 0: the root, one node for all events)
//   OUT_DIR/r/L/I.bin         cover I of level L (L >= 1) of the covers' own tree (below): ranges from before its
//                             leaves that reach into them
//   OUT_DIR/x/I.jsonl         the full events of leaf I (text, id, tags, link, media...): one event object of the
//                             JSON format per line, in time order; fetched when an event is selected
//   OUT_DIR/s/KEY.bin         one search shard: the words that begin with KEY (TileShardKey), with their events
//   OUT_DIR/i/KEY.bin         one id shard: the events' ids (as given, not folded) whose hash puts them in bucket
//                             KEY (TileIdShardKey: ids share prefixes, "e1", "e10", ..., so a prefix would make one
//                             shard of millions), each with its ordinal (the same format as a search shard: an id
//                             is a word with one ordinal); for select(id) and the URL hash
//
// The tree. Events are numbered in time order (start, then the input's order): an event's *ordinal* is its index
// in the whole timeline, and the viewer's event numbers are ordinals (the JS API and the URL hash use them as they
// use event indices of a single file). The tree splits ordinals, not time, so it is balanced for any clustering
// and any extent (13.8 billion years and nanoseconds in one set need no special case): level L has nodes of
// LeafEvents * Fanout^(Levels - 1 - L) events each; node I of level L holds ordinals [I * that, (I + 1) * that)
// (the last node of a level fewer). Level Levels - 1 holds leaves; all other levels hold inner nodes.
//
// A leaf holds every event of its ordinals: times, duration, group, lane, flags, precision, written offsets,
// colour and title (what the plot draws). An inner node holds, for each of its children, the time span and count,
// and a summary of its events for drawing at coarse zoom: its time span [first start, next node's first start)
// cut into Bins equal bins, and for each lane and bin with events one *proxy*: the bin's longest event, standing
// for all `weight` events of that lane that start in that bin. A proxy of weight 1 is its event, title and all;
// heavier proxies carry no title (they are drawn as cluster marks with counts).
//
// Covers. A range that starts in one leaf and lasts past the first starts of later leaves would make a view of
// those later leaves fetch the leaf it starts in (any leaf might hold a range reaching into the view). Instead, a
// range starting in leaf s whose end is at or after the first start of leaves s + 1 .. t is listed, whole (as a
// leaf lists it: ordinal, times, group, lane, flags, title), in the covers of the fewest nodes whose leaves are
// exactly s + 1 .. t. The covers form a tree of their own over the leaves, of CoverFanout children a node (a
// segment tree: CoverLevels() levels, the last one node per leaf, node I of cover level L holding leaves
// [I * CoverNodeLeaves(L), (I + 1) * CoverNodeLeaves(L))), narrower than the tile tree: a range lands in at most
// 2 (CoverFanout - 1) nodes per level, so a range of D leaves is stored about (CoverFanout - 1) log_CoverFanout(D)
// times at most, and 4 children a node list a long range half as often as 16 do, for a few more, smaller files
// per view. The ranges that run into leaf p from before it are then the covers of p and of its ancestors in that
// tree (but the root), each range once: a view fetches the leaves its starts fall in (and the one whose span holds
// the view's left edge) and the covers of the first of them, CoverLevels() - 1 small files whatever the ranges'
// lengths, and holds exactly the events a whole file draws there. Every cover node but the root has a file, empty
// or not. A set of long ranges costs its covers' bytes, not the view: a view reads only the ranges that do reach
// into it.
//
// Lanes are assigned once, at pack time, with the rule of the index (core/index.h: first lane of the group free
// at the event's start, points occupying IndexOptions::LaneMinFraction of the whole extent, at most
// MaxLanesPerGroup lanes), so an event keeps its row whatever part of the timeline a viewer has loaded.
//
// Binary files are little-endian, made of unsigned LEB128 varints ("v"), zigzag varints for signed values ("z"),
// and bytes; every file starts with the magic "CSTL", a version byte (kTileVersion) and a kind byte (TileKind);
// a reader refuses other versions (the manifest's "chronoscope_tiles" too) with an error naming both.
// Instants are written as (z sec delta from the previous instant of the same file, or from the node's first start
// for the first; v nsec). An event's group, lane, flags, precision, zones and colour are one entry of the file's
// palette of those; its title is pieces (the title cut at spaces) from the file's table of pieces, most used
// first, so a title costs a byte or two a word. The exact layout is in tiles.cpp, next to the one encoder and the
// one decoder.
//
// The search shards: words are the folded (core/search.h FoldCase) runs of letters and digits of an event's title,
// text and tags (TileWords: the packer's and the viewer's one rule; every code point past ASCII is a letter but
// for punctuation and spaces). A shard holds the words that begin with its key (their first two code points,
// folded, or one when the word has one), sorted, each with its ordinals (ascending, delta varints). A query
// matches an event when each of its words is the start of a word of the event (a prefix match; a single file's
// search matches anywhere in a word). One-letter query words use the one-letter shards (which hold the one-letter
// words only).
//
// A text page's line names its group by id, as the file did: read it with the core loader as
// {"groups": G, "events": [LINE]}, G from WriteGroupsJson(manifest.Meta).
#pragma once

#include "core/model.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chronoscope {

static const uint8_t kTileVersion = 3;

enum TileKind : uint8_t {
    TileKind_Inner = 0,
    TileKind_Leaf = 1,
    TileKind_Shard = 2,
    TileKind_Cover = 3,
};

// What manifest.json says (everything but the tiles themselves). Read with ReadTileManifest.
struct TileManifest {
    int         Version = 0;              // "chronoscope_tiles": kTileVersion
    uint64_t    Events = 0;               // all events
    uint32_t    LeafEvents = 4096;        // events per leaf
    uint32_t    Fanout = 16;              // children per inner node
    uint32_t    CoverFanout = 4;          // children per node of the covers' tree ("cover_fanout", 2..256)
    uint32_t    Levels = 1;               // levels of the tree (1: the root is the only leaf)
    uint32_t    Bins = 256;               // bins per inner node
    uint32_t    IdShards = 1;             // buckets of the id shards (TileIdShardKey)
    Instant     Min, Max;                 // extent of all events (starts and ends) and eras
    // The timeline's own fields, as a single file has them (no events): title card, groups, eras, story as
    // ordinals. Read into a Timeline with no events.
    Timeline    Meta;
    std::vector<uint8_t>  LanesPerGroup;  // lanes of each group (index: Meta.Groups, then one for ungrouped)
    std::vector<uint64_t> GroupCounts;    // events of each group (same indexing)

    uint64_t NodeEvents(uint32_t level) const;                 // ordinals per node of a level
    uint64_t NodeCount(uint32_t level) const;                  // nodes of a level
    bool     IsLeafLevel(uint32_t level) const { return level + 1 == Levels; }
    uint64_t Leaves() const { return NodeCount(Levels - 1); }
    // The covers' tree (see "Covers"): its levels (1 when there is one leaf: no covers), the leaves under a node of
    // a level, the ordinals under it (a cover's ranges start before the first of them), the nodes of a level.
    uint32_t CoverLevels() const;
    uint64_t CoverNodeLeaves(uint32_t level) const;
    uint64_t CoverNodeEvents(uint32_t level) const;
    uint64_t CoverNodeCount(uint32_t level) const;
};

// Paths, relative to the manifest's directory (with '/' separators): "t/3/17.bin", "x/17.jsonl", "s/ab.bin".
std::string TileNodePath(uint32_t level, uint64_t index);
std::string TileTextPath(uint64_t leaf);
std::string TileCoverPath(uint32_t level, uint64_t index);   // "r/3/17.bin"; a cover level >= 1
std::string TileShardPath(const std::string& key);
std::string TileIdShardPath(const std::string& key);
// The shard key of a folded word: its first two code points (one when it has one), as they are (UTF-8); a key
// whose bytes are not all [0-9a-z] is written in hex ("x" + two hex digits per byte) in the path.
std::string TileShardKey(const char* folded_word, size_t len);
size_t      TileShardKeyLength(const char* folded_word, size_t len);   // the key's bytes: a prefix of the word
// The id shard of an event id: its bucket (a hash of the id's bytes modulo IdShards), and that in decimal, the key of
// its path: "i/" + key + ".bin".
uint32_t    TileIdShard(const TileManifest& m, const char* id, size_t len);
std::string TileIdShardKey(const TileManifest& m, const char* id, size_t len);
// A code point that is part of a word (the rule above: ASCII letters and digits; past ASCII all but spaces and
// punctuation). TileWordsEach reads bytes, not code points, but splits where this says.
bool TileWordChar(uint32_t cp);
// The folded words of a text (a query's too), in order, repeats kept.
void TileWords(const char* text, size_t len, std::vector<std::string>* out);
// The same words, each handed to each(user, word, length) (valid during the call) without building a vector: the
// packer's path, a word per call. The text is read 16 bytes at a time into bit masks (SSE2, else 8-byte steps) and
// copied with 'A'..'Z' lowered into a scratch buffer as it goes: an ASCII word is handed from that copy; a word with
// bytes past ASCII is read a code point at a time, and handed from the text or, when folding changes it, folded into
// the copy.
void TileWordsEach(const char* text, size_t len, void (*each)(void* user, const char* word, size_t n), void* user);

// One event of a tile, decoded.
struct TileEvent {
    Event    Ev;             // times, group, flags, precision, zones; Id/Text/Extra unset; Title: into TileNode::Strings
    uint64_t Ordinal = 0;
    uint32_t Weight = 1;     // events this one stands for (an inner node's proxy), else 1
    uint8_t  Lane = 0;       // lane within its group
    Color32  Color = 0;      // the event's own colour, 0: its group's
};

struct TileChild {
    Instant  FirstStart;     // start of the child's first event
    Instant  LastStart;      // start of its last event
    Instant  MaxEnd;         // latest end of its events
    uint64_t Count = 0;
    uint32_t Bytes = 0;      // size of its file (for fetch budgets)
};

struct TileNode {
    uint32_t Level = 0;
    uint64_t Index = 0;
    TileKind Kind = TileKind_Leaf;
    Instant  FirstStart, NextStart;      // the node's span: its first start to the next node's (MaxInstant if last)
    Instant  MaxEnd;
    std::vector<TileEvent> Events;       // leaf: every event; inner: the proxies; in ordinal order
    std::vector<TileChild> Children;     // inner only
    StringPool Strings;                  // titles
};

// Reading: false and *err ("t/3/17.bin: truncated at byte 1234") on anything damaged; never reads out of bounds.
bool ReadTileManifest(const char* json, size_t size, TileManifest* out, std::string* err);
bool DecodeTileNode(const uint8_t* data, size_t size, const TileManifest& m, uint32_t level, uint64_t index,
                    TileNode* out, std::string* err);
// A cover (r/L/I.bin): Kind TileKind_Cover, Level, Index and Events (ordinal order, weight 1, titles in Strings).
bool DecodeTileCover(const uint8_t* data, size_t size, const TileManifest& m, uint32_t level, uint64_t index,
                     TileNode* out, std::string* err);

// A cover decoded a slice of its events at a time: a cover can list hundreds of thousands of ranges (at 100M events
// up to 5 MB, 350k ranges, 75-95 ms to decode whole), too many for one frame. Start reads its head (the palette and
// the title pieces); each Step decodes up to `events` more of its events into *out and returns 0 while some are
// left, 1 once *out is the cover DecodeTileCover gives, -1 and *err when the bytes are damaged (*out is cleared).
// The bytes must stay where they are until it is done; DecodeTileCover is Start and one Step of them all.
struct TileCoverDecoder {
    struct State;
    std::unique_ptr<State> S;   // null: not started, or done
    TileCoverDecoder();
    ~TileCoverDecoder();
    TileCoverDecoder(TileCoverDecoder&&) noexcept;
    TileCoverDecoder& operator=(TileCoverDecoder&&) noexcept;
    uint64_t Events() const;    // the cover's events (once started)
    uint64_t Decoded() const;   // decoded so far
};
bool TileCoverDecodeStart(TileCoverDecoder* d, const uint8_t* data, size_t size, const TileManifest& m,
                          uint32_t level, uint64_t index, TileNode* out, std::string* err);
int  TileCoverDecodeStep(TileCoverDecoder* d, uint64_t events, TileNode* out, std::string* err);
// The same in pieces (after TileCoverDecodeStart, whose *out then only has the cover's Kind, Level and Index): each
// call decodes up to `events` (at least 1) more of its events into *piece, replaced by a node of their own (Kind,
// Level and Index the cover's, those events, the titles they use), so a big cover is held in blocks of a slice's
// size rather than one block of all (a heap that only grows at its top, as wasm memory does, can seldom put a big
// new block where a big old one was once smaller blocks were taken from that place). The pieces' events, in
// order, are the cover's. 0 while some are left, 1 with the last piece, -1 and *err when the bytes are damaged.
int  TileCoverDecodePiece(TileCoverDecoder* d, uint64_t events, TileNode* piece, std::string* err);

// A search shard, decoded: its words (folded, sorted) and each word's ordinals (ascending).
struct TileShard {
    std::vector<std::string>            Words;
    std::vector<std::vector<uint64_t>>  Ordinals;
    // The ordinals of every word that begins with `prefix` (folded), merged, ascending, without repeats.
    void Match(const std::string& prefix, std::vector<uint64_t>* out) const;
};
bool DecodeTileShard(const uint8_t* data, size_t size, TileShard* out, std::string* err);

// Writing (the packer; also tests).
void WriteTileManifest(const TileManifest& m, std::string* out_json);
void EncodeTileNode(const TileNode& node, std::string* out);
void EncodeTileCover(const TileNode& cover, std::string* out);
void EncodeTileShard(const TileShard& shard, std::string* out);
// A search shard in pieces, for lists too long to hold (the packer streams them): the head with the number of words,
// then per word, in order, its entry's head (prev: the word before it, or null), then its `count` ordinals as the
// caller appends them: varints, the first ordinal itself, then each one's difference from the one before.
// EncodeTileShard is these in a row; both append to out.
void EncodeTileShardHead(uint64_t words, std::string* out);
void EncodeTileShardWord(const std::string* prev, const std::string& word, uint64_t count, std::string* out);
// A shard whose words have one ordinal each (the id shards), in order: EncodeTileShard's bytes, without a TileShard's
// string and vector per word. Replaces out.
void EncodeTileShardSingles(const std::vector<std::pair<std::string_view, uint64_t>>& words, std::string* out);
// A JSON string literal of s (quotes, backslashes and control characters escaped).
void AppendJsonString(std::string* out, const std::string& s);
// The groups as the JSON format writes them, on one line: [{"id": ..., "label": ..., "color": ...}, ...]
void WriteGroupsJson(const Timeline& t, std::string* out);

} // namespace chronoscope
