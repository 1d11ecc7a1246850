// libFuzzer target for the tiled format's decoders (src/core/tiles.h): whatever bytes a server sends for a tile, a
// shard or a manifest, the viewer must refuse them with a reason or get data that stays in bounds.
//
// An input's first byte chooses what the rest is read as: 0 a manifest, 1 a search shard, 2 a cover, else a node of a fixed
// manifest (3 levels of 2 x 2 x 4 events, 2 groups) at the level and index the second byte picks. Decoded nodes
// have every title read, ordinals within the node and ends at or after starts; a decoded shard has sorted words
// and ascending ordinals; otherwise __builtin_trap(). Seeds: tiles of any pack (the unit tests' Pack.* make some).
#include "core/tiles.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

using namespace chronoscope;

static const TileManifest& Manifest()
{
    static TileManifest m = [] {
        TileManifest t;
        t.Version = kTileVersion;
        t.Events = 16;
        t.LeafEvents = 4;
        t.Fanout = 2;
        t.CoverFanout = 2;
        t.Levels = 3;
        t.Meta.Groups.resize(2);
        t.LanesPerGroup = { 1, 1, 1 };
        t.GroupCounts = { 8, 4, 4 };
        return t;
    }();
    return m;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 2)
        return 0;
    std::string err;
    const uint8_t kind = data[0];
    if (kind == 0) {
        TileManifest m;
        ReadTileManifest((const char*)data + 1, size - 1, &m, &err);
        return 0;
    }
    if (kind == 1) {
        TileShard s;
        if (DecodeTileShard(data + 1, size - 1, &s, &err)) {
            for (size_t w = 0; w < s.Words.size(); w++) {
                if (w && !(s.Words[w - 1] < s.Words[w]))
                    __builtin_trap();
                for (size_t k = 1; k < s.Ordinals[w].size(); k++)
                    if (s.Ordinals[w][k] <= s.Ordinals[w][k - 1])
                        __builtin_trap();
            }
            std::vector<uint64_t> out;
            s.Match("a", &out);
        }
        return 0;
    }
    const TileManifest& m = Manifest();
    uint32_t level = data[1] % m.Levels;
    uint64_t index = (data[1] >> 2) % m.NodeCount(level);
    TileNode n;
    if (kind == 2) {   // a cover: events that start before its node's first leaf
        const uint32_t cl = data[1] % m.CoverLevels();
        const uint64_t ci = (data[1] >> 2) % m.CoverNodeCount(cl);
        if (cl == 0 || !DecodeTileCover(data + 2, size - 2, m, cl, ci, &n, &err))
            return 0;
        for (size_t k = 0; k < n.Events.size(); k++) {
            const TileEvent& te = n.Events[k];
            if (te.Ordinal >= ci * m.CoverNodeEvents(cl) || (k && te.Ordinal <= n.Events[k - 1].Ordinal) ||
                te.Ev.End() < te.Ev.Start() || te.Ev.Title >= n.Strings.Bytes.size())
                __builtin_trap();
            volatile size_t len = strlen(n.Strings.Get(te.Ev.Title));
            (void)len;
        }
        return 0;
    }
    if (!DecodeTileNode(data + 2, size - 2, m, level, index, &n, &err))
        return 0;
    const uint64_t first = index * m.NodeEvents(level);
    for (const TileEvent& te : n.Events) {
        if (te.Ordinal < first || te.Ordinal >= first + m.NodeEvents(level) || te.Ev.End() < te.Ev.Start() ||
            te.Ev.Title >= n.Strings.Bytes.size())
            __builtin_trap();
        volatile size_t len = strlen(n.Strings.Get(te.Ev.Title));
        (void)len;
    }
    return 0;
}
