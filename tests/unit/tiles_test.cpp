// The tiled format (core/tiles.h) and the packer (core/pack.h): round trips, damaged bytes, and packs of real and
// generated data checked against the single-file loader and index.
#include "core/generate.h"
#include "core/index.h"
#include "core/load.h"
#include "core/pack.h"
#include "core/search.h"
#include "core/tiles.h"
#include "core/utf8.h"

#include "corpora.h"
#include "test_util.h"

#include <gtest/gtest.h>

#include <sys/resource.h>
#include <sys/stat.h>
#if defined(__linux__)
#include <sys/vfs.h>
#endif
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <ftw.h>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace chronoscope {
namespace {

using test::At;
using test::ReadAll;

int RemoveOne(const char* path, const struct stat*, int, struct FTW*) { return remove(path); }
void RemoveTree(const std::string& path) { nftw(path.c_str(), RemoveOne, 16, FTW_DEPTH | FTW_PHYS); }

// A fresh directory under the system's temporary one, removed at the end of the test.
struct TempDir {
    std::string Path;
    TempDir()
    {
        char tmpl[] = "/tmp/cs-tiles-XXXXXX";
        Path = mkdtemp(tmpl);
    }
    ~TempDir() { RemoveTree(Path); }
    std::string operator/(const std::string& name) const { return Path + "/" + name; }
};

void WriteText(const std::string& path, const std::string& s)
{
    FILE* f = fopen(path.c_str(), "wb");
    ASSERT_TRUE(f) << path;
    fwrite(s.data(), 1, s.size(), f);
    fclose(f);
}

std::vector<uint8_t> Bytes(const std::string& s) { return std::vector<uint8_t>(s.begin(), s.end()); }

TileEvent MakeTileEvent(TileNode* n, uint64_t ord, Instant s, Instant e, const char* title, uint32_t weight = 1)
{
    TileEvent te;
    memset(&te.Ev, 0, sizeof(te.Ev));
    te.Ev.Extra = kNoExtra;
    te.Ev.Group = ord % 3 == 0 ? kNoGroup : (uint16_t)(ord % 2);
    te.Ev.SetStart(s);
    te.Ev.SetEnd(e);
    te.Ev.Flags = EventFlags_HasEnd;
    te.Ev.SetPrecision(Precision_Nanosecond, Precision_Day);
    te.Ev.SetOffsets(540, kNoOffsetMin);
    te.Ev.Title = n->Strings.Add(title, strlen(title));
    te.Ordinal = ord;
    te.Weight = weight;
    te.Lane = (uint8_t)(ord % 4);
    te.Color = ord % 2 ? 0xFF336699u : 0;
    return te;
}

TileManifest SmallManifest(uint64_t events, uint32_t leaf, uint32_t fanout)
{
    TileManifest m;
    m.Version = kTileVersion;
    m.Events = events;
    m.LeafEvents = leaf;
    m.Fanout = fanout;
    m.Levels = 1;
    while (m.NodeEvents(0) < events)
        m.Levels++;
    Group a, b;
    a.Id = "a";
    b.Id = "b";
    m.Meta.Groups = { a, b };
    return m;
}

// ------------------------------------------------------------------------------------------------ codec

TEST(Tiles, LeafRoundTripKeepsDeepTimeAndNanoseconds)
{
    TileManifest m = SmallManifest(6, 4, 2);   // 2 leaves under a root
    ASSERT_EQ(m.Levels, 2u);
    TileNode n;
    n.Level = 1;
    n.Index = 1;
    n.Kind = TileKind_Leaf;
    Instant big_bang = InstantFromDecimalYear(-13.8e9);
    Instant ns = MakeInstant(1700000000, 123456789);
    n.FirstStart = big_bang;
    n.NextStart = MaxInstant();
    n.MaxEnd = ns + MakeDuration(0, 1);
    n.Events.push_back(MakeTileEvent(&n, 4, big_bang, ns, "Big Bang"));
    n.Events.push_back(MakeTileEvent(&n, 5, ns, ns + MakeDuration(0, 1), "one nanosecond — 한국"));
    std::string enc;
    EncodeTileNode(n, &enc);
    TileNode d;
    std::string err;
    auto b = Bytes(enc);
    ASSERT_TRUE(DecodeTileNode(b.data(), b.size(), m, 1, 1, &d, &err)) << err;
    ASSERT_EQ(d.Events.size(), 2u);
    EXPECT_EQ(d.FirstStart, big_bang);
    EXPECT_EQ(d.NextStart, MaxInstant());
    EXPECT_EQ(d.MaxEnd, n.MaxEnd);
    for (size_t i = 0; i < 2; i++) {
        const TileEvent &x = n.Events[i], &y = d.Events[i];
        EXPECT_EQ(y.Ev.Start(), x.Ev.Start());
        EXPECT_EQ(y.Ev.End(), x.Ev.End());
        EXPECT_EQ(y.Ev.Group, x.Ev.Group);
        EXPECT_EQ(y.Ev.Flags, x.Ev.Flags);
        EXPECT_EQ(y.Ev.Precision, x.Ev.Precision);
        EXPECT_EQ(y.Ev.StartZone, x.Ev.StartZone);
        EXPECT_EQ(y.Ev.EndZone, x.Ev.EndZone);
        EXPECT_EQ(y.Ordinal, x.Ordinal);
        EXPECT_EQ(y.Lane, x.Lane);
        EXPECT_EQ(y.Color, x.Color);
        EXPECT_EQ(y.Weight, 1u);
        EXPECT_STREQ(d.Strings.Get(y.Ev.Title), n.Strings.Get(x.Ev.Title));
    }
    // the same bytes as another node, or at another level, are refused
    EXPECT_FALSE(DecodeTileNode(b.data(), b.size(), m, 1, 0, &d, &err));
    EXPECT_FALSE(DecodeTileNode(b.data(), b.size(), m, 0, 0, &d, &err));
}

TEST(Tiles, InnerRoundTripKeepsChildrenProxiesAndWeights)
{
    TileManifest m = SmallManifest(6, 4, 2);
    TileNode n;
    n.Level = 0;
    n.Index = 0;
    n.Kind = TileKind_Inner;
    n.FirstStart = At(-500);
    n.NextStart = MaxInstant();
    n.MaxEnd = At(2020);
    TileChild c0, c1;
    c0.FirstStart = At(-500);
    c0.LastStart = At(100);
    c0.MaxEnd = At(300);
    c0.Count = 4;
    c0.Bytes = 120;
    c1.FirstStart = At(1000);
    c1.LastStart = At(2000);
    c1.MaxEnd = At(2020);
    c1.Count = 2;
    c1.Bytes = 80;
    n.Children = { c0, c1 };
    n.Events.push_back(MakeTileEvent(&n, 3, At(-500), At(300), "not kept", 4));
    n.Events.push_back(MakeTileEvent(&n, 5, At(2000), At(2020), "kept"));
    std::string enc;
    EncodeTileNode(n, &enc);
    auto b = Bytes(enc);
    TileNode d;
    std::string err;
    ASSERT_TRUE(DecodeTileNode(b.data(), b.size(), m, 0, 0, &d, &err)) << err;
    ASSERT_EQ(d.Children.size(), 2u);
    EXPECT_EQ(d.Children[1].FirstStart, At(1000));
    EXPECT_EQ(d.Children[1].LastStart, At(2000));
    EXPECT_EQ(d.Children[1].MaxEnd, At(2020));
    EXPECT_EQ(d.Children[1].Count, 2u);
    EXPECT_EQ(d.Children[0].Bytes, 120u);
    ASSERT_EQ(d.Events.size(), 2u);
    EXPECT_EQ(d.Events[0].Weight, 4u);
    EXPECT_EQ(d.Events[0].Ordinal, 3u);
    EXPECT_STREQ(d.Strings.Get(d.Events[0].Ev.Title), "");   // a heavier proxy has no title
    EXPECT_EQ(d.Events[1].Weight, 1u);
    EXPECT_STREQ(d.Strings.Get(d.Events[1].Ev.Title), "kept");
}

TEST(Tiles, ShardRoundTripAndPrefixMatch)
{
    TileShard s;
    s.Words = { "ab", "abbey", "abc", "abd" };
    s.Ordinals = { { 1, 5, 9 }, { 2 }, { 5, 1000000000000ULL }, { 7 } };
    std::string enc;
    EncodeTileShard(s, &enc);
    auto b = Bytes(enc);
    TileShard d;
    std::string err;
    ASSERT_TRUE(DecodeTileShard(b.data(), b.size(), &d, &err)) << err;
    EXPECT_EQ(d.Words, s.Words);
    EXPECT_EQ(d.Ordinals, s.Ordinals);
    std::vector<uint64_t> got;
    d.Match("abb", &got);
    EXPECT_EQ(got, std::vector<uint64_t>({ 2 }));
    d.Match("ab", &got);
    EXPECT_EQ(got, std::vector<uint64_t>({ 1, 2, 5, 7, 9, 1000000000000ULL }));
    d.Match("abz", &got);
    EXPECT_TRUE(got.empty());
}

// The id shards' encoder (one ordinal a word, from views) writes EncodeTileShard's bytes.
TEST(Tiles, ShardOfSinglesIsTheShardsBytes)
{
    TileShard s;
    s.Words = { "", "a", "ab", "abbey", "b\xc3\xa9", "b\xc3\xa9z", "zz" };
    s.Ordinals = { { 0 }, { 1000000000000ULL }, { 7 }, { 3 }, { 128 }, { 129 }, { 2 } };
    std::vector<std::pair<std::string_view, uint64_t>> singles;
    for (size_t k = 0; k < s.Words.size(); k++)
        singles.emplace_back(s.Words[k], s.Ordinals[k][0]);
    std::string want, got = "left over";
    EncodeTileShard(s, &want);
    EncodeTileShardSingles(singles, &got);
    EXPECT_EQ(got, want);
    singles.clear();
    s.Words.clear();
    s.Ordinals.clear();
    EncodeTileShard(s, &want);
    EncodeTileShardSingles(singles, &got);
    EXPECT_EQ(got, want);
}

// A shard's entries, written by the format's words (tiles.cpp): each word's bytes shared with the one before (found
// 8 at a time by the encoder) and the rest; words that share 0..40 bytes, differ at every place of an 8-byte step,
// end inside one, and a word longer than the encoder's buffer; whole (EncodeTileShard) and in pieces.
TEST(Tiles, ShardWordsShareTheLongestPrefix)
{
    TileShard s;
    const std::string base = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH";
    for (size_t n = 0; n <= 40; n++) {
        s.Words.push_back(base.substr(0, n));
        s.Words.push_back(base.substr(0, n) + "~");
    }
    s.Words.push_back(std::string(3000, 'x'));
    s.Words.push_back(std::string(3000, 'x') + "y");
    std::sort(s.Words.begin(), s.Words.end());
    s.Words.erase(std::unique(s.Words.begin(), s.Words.end()), s.Words.end());
    for (size_t k = 0; k < s.Words.size(); k++)
        s.Ordinals.push_back({ k, k + 300 });
    auto put = [](std::string* o, uint64_t v) {
        for (; v >= 0x80; v >>= 7)
            *o += (char)(0x80 | (v & 0x7F));
        *o += (char)v;
    };
    std::string want = "CSTL";
    want += (char)kTileVersion;
    want += (char)TileKind_Shard;
    put(&want, s.Words.size());
    for (size_t k = 0; k < s.Words.size(); k++) {
        const std::string& w = s.Words[k];
        const std::string prev = k ? s.Words[k - 1] : "";
        size_t shared = 0;
        while (shared < w.size() && shared < prev.size() && w[shared] == prev[shared])
            shared++;
        put(&want, shared);
        put(&want, w.size() - shared);
        want += w.substr(shared);
        put(&want, 2);
        put(&want, k);
        put(&want, 300);
    }
    std::string got;
    EncodeTileShard(s, &got);
    EXPECT_EQ(got, want);
    // in pieces, as the packer streams them: the same bytes (a short entry in one append, a long one buffered)
    std::string streamed;
    EncodeTileShardHead(s.Words.size(), &streamed);
    for (size_t k = 0; k < s.Words.size(); k++) {
        EncodeTileShardWord(k ? &s.Words[k - 1] : nullptr, s.Words[k], 2, &streamed);
        put(&streamed, k);
        put(&streamed, 300);
    }
    EXPECT_EQ(streamed, want);
    auto b = Bytes(got);
    TileShard d;
    std::string err;
    ASSERT_TRUE(DecodeTileShard(b.data(), b.size(), &d, &err)) << err;
    EXPECT_EQ(d.Words, s.Words);
}

// What the JSON format of "timeline" cannot say comes back too: a TimelineJS3 title slide's description as HTML,
// and an era's dates at every precision (an hour is not a minute).
TEST(Tiles, ManifestKeepsTheTitleSlidesHtmlAndEveryErasPrecision)
{
    const std::string src = R"({"title": "T", "events": [], "eras": [
        {"start": "2020", "end": "2021", "label": "year"},
        {"start": "2020-03", "end": "2020-04", "label": "month"},
        {"start": "2020-03-04", "end": "2020-03-05", "label": "day"},
        {"start": "2020-03-04T09", "end": "2020-03-04T17", "label": "hour"},
        {"start": "2020-03-04T09:30", "end": "2020-03-04T17:45", "label": "minute"},
        {"start": "2020-03-04T09:30:15", "end": "2020-03-04T09:30:16", "label": "second"},
        {"start": "2020-03-04T09:30:15.123", "end": "2020-03-04T09:30:15.124456", "label": "fractions"},
        {"start": "-4500000000", "end": "2020-03-04T09:30:15.123456789Z", "label": "deep"}]})";
    TileManifest m = SmallManifest(10, 4, 4);
    LoadResult res;
    ASSERT_TRUE(LoadTimeline(src.data(), src.size(), LoadOptions(), &m.Meta, &res));
    ASSERT_EQ(m.Meta.Eras.size(), 8u);
    for (const Era& e : m.Meta.Eras)
        if (e.Label == "hour")
            EXPECT_EQ((int)e.StartPrecision, (int)Precision_Hour);
    m.Meta.Description = "A bold claim";
    m.Meta.DescriptionHtml = "<p>A <b>bold</b> claim &amp; \"quotes\"</p>\n<p>Two</p>";
    m.LanesPerGroup.assign(m.Meta.Groups.size() + 1, 1);
    m.GroupCounts.assign(m.Meta.Groups.size() + 1, 0);
    m.GroupCounts.back() = 10;
    std::string json;
    WriteTileManifest(m, &json);
    TileManifest d;
    std::string err;
    ASSERT_TRUE(ReadTileManifest(json.data(), json.size(), &d, &err)) << err << "\n" << json;
    EXPECT_EQ(d.Meta.Description, m.Meta.Description);
    EXPECT_EQ(d.Meta.DescriptionHtml, m.Meta.DescriptionHtml);
    ASSERT_EQ(d.Meta.Eras.size(), m.Meta.Eras.size());
    for (size_t i = 0; i < m.Meta.Eras.size(); i++) {
        const Era &a = m.Meta.Eras[i], &b = d.Meta.Eras[i];
        SCOPED_TRACE(a.Label);
        EXPECT_EQ(b.Label, a.Label);
        EXPECT_EQ((int)b.StartPrecision, (int)a.StartPrecision);
        EXPECT_EQ((int)b.EndPrecision, (int)a.EndPrecision);
        EXPECT_EQ(b.Start, a.Start);
        EXPECT_EQ(b.End, a.End);
    }
    // a manifest without it has none
    m.Meta.DescriptionHtml.clear();
    WriteTileManifest(m, &json);
    EXPECT_EQ(json.find("description_html"), std::string::npos);
    ASSERT_TRUE(ReadTileManifest(json.data(), json.size(), &d, &err)) << err;
    EXPECT_EQ(d.Meta.DescriptionHtml, "");
}

TEST(Tiles, ManifestRoundTrip)
{
    TileManifest m = SmallManifest(100, 4, 16);
    m.Bins = 64;
    m.IdShards = 8;
    m.CoverFanout = 3;
    m.Min = InstantFromDecimalYear(-13.8e9);
    m.Max = MakeInstant(1700000000, 999999999);
    m.Meta.Title = "A \"title\"\nwith a line";
    m.Meta.Description = "described";
    m.Meta.MediaUrl = "https://example.org/a.png";
    m.Meta.MediaCaption = "caption";
    m.Meta.Groups[0].Label = "Alpha";
    m.Meta.Groups[0].Color = 0xFF7B3FE4u;
    Era era;
    era.Start = At(-4500000000LL);
    era.End = At(1066);
    era.Label = "Long ago";
    era.Color = 0x80EFE7FDu;
    m.Meta.Eras = { era };
    m.Meta.Story = { 7, 3, 99 };
    m.LanesPerGroup = { 2, 6, 1 };
    m.GroupCounts = { 50, 30, 20 };
    std::string json;
    WriteTileManifest(m, &json);
    TileManifest d;
    std::string err;
    ASSERT_TRUE(ReadTileManifest(json.data(), json.size(), &d, &err)) << err << "\n" << json;
    EXPECT_EQ(d.Version, kTileVersion);
    EXPECT_EQ(d.Events, 100u);
    EXPECT_EQ(d.LeafEvents, 4u);
    EXPECT_EQ(d.Fanout, 16u);
    EXPECT_EQ(d.Levels, m.Levels);
    // the covers' tree over 25 leaves, 3 children a node: 25, 9, 3 and 1 nodes of 1, 3, 9 and 27 leaves
    EXPECT_EQ(d.CoverFanout, 3u);
    ASSERT_EQ(d.CoverLevels(), 4u);
    EXPECT_EQ(d.CoverNodeCount(3), 25u);
    EXPECT_EQ(d.CoverNodeCount(2), 9u);
    EXPECT_EQ(d.CoverNodeCount(1), 3u);
    EXPECT_EQ(d.CoverNodeCount(0), 1u);
    EXPECT_EQ(d.CoverNodeLeaves(1), 9u);
    EXPECT_EQ(d.CoverNodeEvents(1), 36u);
    EXPECT_EQ(d.Bins, 64u);
    EXPECT_EQ(d.IdShards, 8u);
    EXPECT_EQ(d.Min, m.Min);
    EXPECT_EQ(d.Max, m.Max);
    EXPECT_EQ(d.Meta.Title, m.Meta.Title);
    EXPECT_EQ(d.Meta.Description, "described");
    EXPECT_EQ(d.Meta.MediaUrl, m.Meta.MediaUrl);
    EXPECT_EQ(d.Meta.MediaCaption, "caption");
    ASSERT_EQ(d.Meta.Groups.size(), 2u);
    EXPECT_EQ(d.Meta.Groups[0].Label, "Alpha");
    EXPECT_EQ(d.Meta.Groups[0].Color, 0xFF7B3FE4u);
    ASSERT_EQ(d.Meta.Eras.size(), 1u);
    EXPECT_EQ(d.Meta.Eras[0].Start, era.Start);
    EXPECT_EQ(d.Meta.Eras[0].End, era.End);
    EXPECT_EQ(d.Meta.Eras[0].Color, era.Color);
    EXPECT_EQ(d.Meta.Story, m.Meta.Story);
    EXPECT_EQ(d.LanesPerGroup, m.LanesPerGroup);
    EXPECT_EQ(d.GroupCounts, m.GroupCounts);
    // damaged manifests are refused with a reason
    std::string bad = json;
    bad.replace(bad.find("\"group_counts\": [50"), 19, "\"group_counts\": [51");
    EXPECT_FALSE(ReadTileManifest(bad.data(), bad.size(), &d, &err));
    EXPECT_NE(err.find("group_counts"), std::string::npos) << err;
    EXPECT_FALSE(ReadTileManifest(json.data(), json.size() / 2, &d, &err));
    EXPECT_FALSE(ReadTileManifest("{}", 2, &d, &err));
    bad = json;
    bad.replace(bad.find("\"cover_fanout\": 3"), 17, "\"cover_fanout\": 1");
    EXPECT_FALSE(ReadTileManifest(bad.data(), bad.size(), &d, &err));
    EXPECT_NE(err.find("cover_fanout"), std::string::npos) << err;
    bad = json;
    bad.replace(bad.find("\"cover_fanout\": 3"), 17, "\"cover_fanouts\": 3");
    EXPECT_FALSE(ReadTileManifest(bad.data(), bad.size(), &d, &err));
    EXPECT_NE(err.find("cover_fanout"), std::string::npos) << err;
    // one leaf: no covers
    EXPECT_EQ(SmallManifest(4, 4, 16).CoverLevels(), 1u);
    EXPECT_EQ(SmallManifest(5, 4, 16).CoverLevels(), 2u);
}

TEST(Tiles, PathsAndKeys)
{
    EXPECT_EQ(TileNodePath(3, 17), "t/3/17.bin");
    EXPECT_EQ(TileTextPath(17), "x/17.jsonl");
    EXPECT_EQ(TileShardKey("abbey", 5), "ab");
    EXPECT_EQ(TileShardKey("a", 1), "a");
    std::string k = TileShardKey("한국어", strlen("한국어"));
    EXPECT_EQ(k, "한국");
    EXPECT_EQ(TileShardPath("ab"), "s/ab.bin");
    EXPECT_EQ(TileShardPath("é"), "s/xc3a9.bin");
    EXPECT_EQ(TileShardPath("x1"), "s/x1.bin");
    EXPECT_EQ(TileShardPath("a-"), "s/x612d.bin");
    EXPECT_EQ(TileShardPath(""), "s/x.bin");
    EXPECT_EQ(TileIdShardPath("17"), "i/17.bin");
    // the key's length (the packer groups a shard's words by it): two code points, a stray continuation byte part
    // of the one before, or one itself when it comes first
    const std::pair<const char*, size_t> lengths[] = { { "abbey", 2 },          { "a", 1 },         { "é", 2 },
                                                       { "éa", 3 },             { "aé", 3 },        { "한국어", 6 },
                                                       { "\x80\x80" "ab", 3 }, { "a\x80\x80" "bc", 4 }, { "🌋🌋x", 8 } };
    for (const auto& l : lengths) {
        EXPECT_EQ(TileShardKeyLength(l.first, strlen(l.first)), l.second) << l.first;
        EXPECT_EQ(TileShardKey(l.first, strlen(l.first)), std::string(l.first, l.second)) << l.first;
    }
    std::vector<std::string> w;
    TileWords("The Battle of Hastings — 1066, Ölfest's", strlen("The Battle of Hastings — 1066, Ölfest's"), &w);
    EXPECT_EQ(w, std::vector<std::string>({ "the", "battle", "of", "hastings", "1066", "ölfest", "s" }));
    TileManifest m;
    m.IdShards = 16;
    std::string id = TileIdShardKey(m, "e123", 4);
    EXPECT_LT(std::stoul(id), 16u);
    EXPECT_EQ(id, TileIdShardKey(m, "e123", 4));
}

// TileWordsEach folds a word only when one of its bytes can change under FoldCase (upper-case ASCII, the lead bytes
// of U+00C0..U+043F); every other word is passed as it is. For every code point, a word holding it must come out as
// the words of the text folded first.
TEST(Tiles, WordsFoldedOnlyWhenFoldingChangesThem)
{
    std::vector<std::string> got, want;
    for (uint32_t c = 0x80; c <= 0x10FFFF; c++) {
        if (c >= 0xD800 && c <= 0xDFFF) continue;
        std::string text = "Q";
        Utf8Append(&text, c);
        text += "z ";
        Utf8Append(&text, c);
        std::string folded = FoldCase(text.data(), text.size());
        TileWords(text.data(), text.size(), &got);
        TileWords(folded.data(), folded.size(), &want);
        ASSERT_EQ(got, want) << "U+" << std::hex << c;
    }
}

// The words of ASCII text, folded, are its runs of letters and digits lower-cased, wherever a run starts and ends
// against the 8-byte steps of the scan, in texts short enough to be folded while scanned and longer ones.
TEST(Tiles, AsciiWordsAreTheRunsOfLettersAndDigitsLowerCased)
{
    const char alphabet[] = "aZz09AM@[`{/:_ -\x7f\x01";
    std::mt19937 rng(11);
    std::vector<std::string> got, want;
    for (int round = 0; round < 20000; round++) {
        std::string text;
        const size_t n = round < 10000 ? rng() % 40 : 250 + rng() % 20;
        for (size_t i = 0; i < n; i++)
            text += rng() % 3 ? (char)alphabet[rng() % 10] : (char)alphabet[rng() % (sizeof(alphabet) - 1)];
        want.clear();
        std::string w;
        for (size_t i = 0; i <= text.size(); i++) {
            const char c = i < text.size() ? text[i] : ' ';
            if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                w += (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            } else if (!w.empty()) {
                want.push_back(w);
                w.clear();
            }
        }
        TileWords(text.data(), text.size(), &got);
        ASSERT_EQ(got, want) << text;
    }
}

// The words of a text by the general rule: runs of code points that TileWordChar accepts (Utf8Decode's steps: an
// invalid byte is one U+FFFD), each folded by FoldCase.
static void RuleWords(const std::string& text, std::vector<std::string>* want)
{
    want->clear();
    size_t i = 0, start = 0;
    bool in_word = false;
    while (true) {
        const size_t at = i;
        const bool word = i < text.size() && TileWordChar(Utf8Decode(text.data(), text.size(), &i));
        if (word && !in_word)
            start = at;
        if (!word && in_word)
            want->push_back(FoldCase(text.data() + start, at - start));
        in_word = word;
        if (at == text.size())
            break;
    }
}

// TileWordsEach reads bytes (ASCII 16 at a time as bit masks, a lead byte's table entry past ASCII) and decodes a code point only
// where its lead byte may start a non-word one; its words must be the general rule's: runs of code points that
// TileWordChar accepts (Utf8Decode's steps: an invalid byte is one U+FFFD), each folded by FoldCase. Texts of many
// scripts, punctuation, emoji and damaged sequences, short, past the stack buffer's 1024 bytes and between.
TEST(Tiles, WordsOfTheByteScanAreTheCodePointRule)
{
    const uint32_t pool[] = { 'a', 'Z', '7', ' ', ',', '-', 0xAA, 0xB5, 0xAB, 0xC9, 0xD7, 0xE9, 0xF7, 0xFF, 0x130,
                              0x178, 0x17F, 0x391, 0x3A3, 0x3C2, 0x401, 0x416, 0x436, 0x4E8, 0x5D0, 0x627, 0x93E,
                              0x915, 0x1E9E, 0x2014, 0x201C, 0x2026, 0x2BFF, 0x2C00, 0x3000, 0x3001, 0x303F, 0x3042,
                              0x4E2D, 0xAC00, 0xD7A3, 0xFE10, 0xFE6F, 0xFE70, 0xFEFF, 0xFF01, 0xFF10, 0xFF1A, 0xFF21,
                              0xFFFD, 0x1F600, 0x1F3FB, 0x10FFFF };
    const char* damaged[] = { "\x80", "\xC0\xAF", "\xE2\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF", "\xC3" };
    std::mt19937 rng(29);
    std::vector<std::string> got, want;
    for (int round = 0; round < 6000; round++) {
        std::string text;
        const size_t n = round % 3 == 0 ? rng() % 30 : round % 3 == 1 ? 100 + rng() % 200 : 1000 + rng() % 100;
        const uint32_t run = rng() % 4;   // a text leans to one stretch of the pool, as a script's text does
        for (size_t k = 0; k < n; k++) {
            const uint32_t r = rng() % 100;
            if (r < 2)
                text += damaged[rng() % (sizeof(damaged) / sizeof(damaged[0]))];
            else if (r < 40)
                text += (char)("abcXYZ019 .,"[rng() % 12]);
            else
                Utf8Append(&text, pool[(run * 13 + rng() % 27) % (sizeof(pool) / sizeof(pool[0]))]);
        }
        RuleWords(text, &want);
        TileWords(text.data(), text.size(), &got);
        ASSERT_EQ(got, want) << "round " << round;
    }
}

// The scan takes 16 bytes at a time and finds runs 64 bytes at a time (the last 16 bytes read again, a text under 16
// copied first): a word of ASCII or not, valid or damaged, folded or not, at every offset of texts of every length
// across those steps is still the rule's.
TEST(Tiles, WordsAtEveryOffsetAreTheCodePointRule)
{
    const char* inserts[] = { "Q", "\xC3\x89", "\xC3\x97", "\xE2\x80\x94", "\xE4\xB8\xAD", "\xF0\x9F\x98\x80",
                              "\xE4\xB8", "\x80", "\xFF", "," };
    std::vector<std::string> got, want;
    for (size_t len = 0; len <= 140; len++)
        for (size_t at = 0; at <= len; at++)
            for (const char* ins : inserts) {
                std::string text;
                for (size_t k = 0; k < len; k++)
                    text += "abcdefghij klmnOPQ7"[(k * 7 + len) % 19];
                text.insert(at, ins);
                RuleWords(text, &want);
                TileWords(text.data(), text.size(), &got);
                ASSERT_EQ(got, want) << "length " << len << ", at " << at << ", insert " << ins;
            }
}

// Truncations and byte flips of real tiles never crash and never pass as something else unnoticed in size.
TEST(Tiles, DamagedBytesAreRefusedSafely)
{
    TempDir tmp;
    GenerateParams gp;
    gp.Count = 3000;
    std::string json;
    GenerateTimelineJson(gp, &json);
    WriteText(tmp / "in.json", json);
    PackOptions opt;
    opt.LeafEvents = 256;
    opt.Fanout = 4;
    PackStats st;
    std::string err;
    ASSERT_TRUE(PackTimeline((tmp / "in.json").c_str(), (tmp / "out").c_str(), opt, &st, &err)) << err;
    std::string mj = ReadAll(tmp / "out/manifest.json");
    TileManifest m;
    ASSERT_TRUE(ReadTileManifest(mj.data(), mj.size(), &m, &err)) << err;
    std::mt19937 rng(7);
    struct File {
        std::string Path;
        uint32_t Level;
        uint64_t Index;
        bool Shard;
        bool Cover = false;
    };
    std::vector<File> files = { { TileNodePath(0, 0), 0, 0, false },
                                { TileNodePath(m.Levels - 1, 3), m.Levels - 1, 3, false },
                                { TileNodePath(1, 1), 1, 1, false },
                                { TileShardPath("ba"), 0, 0, true } };
    // the largest cover of a leaf
    {
        const uint32_t cl = m.CoverLevels() - 1;
        File big{ "", cl, 0, false, true };
        size_t most = 0;
        for (uint64_t i = 0; i < m.CoverNodeCount(cl); i++) {
            size_t n = ReadAll(tmp / ("out/" + TileCoverPath(cl, i))).size();
            if (n > most)
                most = n, big.Index = i, big.Path = TileCoverPath(cl, i);
        }
        ASSERT_GT(most, 100u);
        files.push_back(big);
    }
    int refused = 0, tried = 0;
    for (const File& f : files) {
        std::string good = ReadAll(tmp / ("out/" + f.Path));
        ASSERT_FALSE(good.empty()) << f.Path;
        auto decode = [&](const std::string& b) {
            std::vector<uint8_t> heap(b.begin(), b.end());   // exact size: ASan sees any read past it
            std::string e;
            if (f.Shard) {
                TileShard s;
                return DecodeTileShard(heap.data(), heap.size(), &s, &e);
            }
            TileNode n;
            bool ok = f.Cover ? DecodeTileCover(heap.data(), heap.size(), m, f.Level, f.Index, &n, &e)
                              : DecodeTileNode(heap.data(), heap.size(), m, f.Level, f.Index, &n, &e);
            if (!ok)
                EXPECT_NE(e.find(f.Path), std::string::npos) << e;
            return ok;
        };
        ASSERT_TRUE(decode(good)) << f.Path;
        for (size_t cut = 0; cut < good.size(); cut += 1 + good.size() / 300) {
            tried++;
            refused += !decode(good.substr(0, cut));
            EXPECT_FALSE(decode(good.substr(0, cut))) << f.Path << " cut at " << cut;
        }
        for (int k = 0; k < 2000; k++) {
            std::string b = good;
            int flips = 1 + (int)(rng() % 4);
            for (int j = 0; j < flips; j++)
                b[rng() % b.size()] ^= (char)(1 + rng() % 255);
            decode(b);   // may pass (a flipped title byte is still a title); must not crash
        }
    }
    EXPECT_EQ(refused, tried);
}

// A cover decoded a slice of its events at a time (TileCoverDecoder, as the viewer takes a big cover in over several
// calls), into one node or in pieces, is the cover decoded whole: every event, field for field, and the titles;
// damage found in a later slice is refused there, naming the file.
TEST(Tiles, ACoverDecodedInStepsIsTheCoverDecodedWhole)
{
    TileManifest m = SmallManifest(5000, 16, 4);
    const uint32_t level = 2;
    const uint64_t index = 4;   // ordinals before 4 * CoverNodeEvents(2) = 4096
    ASSERT_LT(level, m.Levels);
    TileNode cover;
    cover.Kind = TileKind_Cover;
    cover.Level = level;
    cover.Index = index;
    std::mt19937 rng(3);
    const char* words[] = { "Treaty", "of", "Westphalia", "\xe6\x9d\xb1\xe4\xba\xac", "a", "long", "", "Battle" };
    uint64_t ord = 0;
    Instant s = InstantFromDecimalYear(-13.8e9);   // deep time first, then later and later starts
    for (int i = 0; i < 1000; i++) {
        ord += 1 + rng() % 3;
        std::string title;
        for (int w = 0, n = (int)(rng() % 5); w < n; w++)
            title += (w ? " " : "") + std::string(words[rng() % 8]);
        s = s + MakeDuration(rng() % 100000, rng() % 1000000000);
        const Instant e = s + MakeDuration(rng() % 1000000, rng() % 1000);
        cover.Events.push_back(MakeTileEvent(&cover, ord, s, e, title.c_str()));
        cover.Events.back().Lane = (uint8_t)(rng() % 7);
    }
    ASSERT_LT(ord, index * m.CoverNodeEvents(level));
    std::string bytes;
    EncodeTileCover(cover, &bytes);
    const std::vector<uint8_t> b = Bytes(bytes);
    std::string err;
    TileNode whole;
    ASSERT_TRUE(DecodeTileCover(b.data(), b.size(), m, level, index, &whole, &err)) << err;
    ASSERT_EQ(whole.Events.size(), cover.Events.size());
    for (uint64_t slice : { 1, 7, 64, 999, 1000, 5000 }) {
        TileCoverDecoder d;
        TileNode steps;
        ASSERT_TRUE(TileCoverDecodeStart(&d, b.data(), b.size(), m, level, index, &steps, &err)) << err;
        EXPECT_EQ(d.Events(), 1000u);
        int r = 0, calls = 0;
        while ((r = TileCoverDecodeStep(&d, slice, &steps, &err)) == 0) {
            calls++;
            ASSERT_EQ(steps.Events.size(), std::min<size_t>(1000, calls * slice)) << slice;
        }
        ASSERT_EQ(r, 1) << err;
        EXPECT_EQ((size_t)calls, (1000 + slice - 1) / slice - 1) << slice;
        EXPECT_EQ(steps.Kind, TileKind_Cover);
        EXPECT_EQ(steps.Level, level);
        EXPECT_EQ(steps.Index, index);
        ASSERT_EQ(steps.Events.size(), whole.Events.size()) << slice;
        EXPECT_EQ(steps.Strings.Bytes, whole.Strings.Bytes) << slice;
        for (size_t i = 0; i < whole.Events.size(); i++) {
            const TileEvent& x = steps.Events[i];
            const TileEvent& y = whole.Events[i];
            ASSERT_EQ(x.Ordinal, y.Ordinal) << slice << " " << i;
            ASSERT_EQ(x.Weight, y.Weight);
            ASSERT_EQ(x.Lane, y.Lane);
            ASSERT_EQ(x.Color, y.Color);
            ASSERT_EQ(memcmp(&x.Ev, &y.Ev, sizeof(Event)), 0) << slice << " " << i;
            ASSERT_STREQ(steps.Strings.Get(x.Ev.Title), cover.Strings.Get(cover.Events[i].Ev.Title));
            ASSERT_TRUE(x.Ev.Start() == cover.Events[i].Ev.Start()) << slice << " " << i;
        }
    }
    // cut short: the head reads, the slice that runs into the cut is refused
    const std::vector<uint8_t> cut(b.begin(), b.end() - 40);
    TileCoverDecoder d;
    TileNode steps;
    ASSERT_TRUE(TileCoverDecodeStart(&d, cut.data(), cut.size(), m, level, index, &steps, &err)) << err;
    int r = 0;
    while ((r = TileCoverDecodeStep(&d, 100, &steps, &err)) == 0)
        ;
    EXPECT_EQ(r, -1);
    EXPECT_NE(err.find(TileCoverPath(level, index)), std::string::npos) << err;
    EXPECT_TRUE(steps.Events.empty());

    // in pieces (TileCoverDecodePiece): each its own events and titles, together the cover decoded whole
    for (uint64_t slice : { 1, 7, 64, 999, 1000, 5000 }) {
        TileCoverDecoder pd;
        TileNode head;
        ASSERT_TRUE(TileCoverDecodeStart(&pd, b.data(), b.size(), m, level, index, &head, &err)) << err;
        std::vector<TileNode> pieces;
        int pr = 0;
        do {
            pieces.emplace_back();
            pr = TileCoverDecodePiece(&pd, slice, &pieces.back(), &err);
        } while (pr == 0);
        ASSERT_EQ(pr, 1) << err;
        EXPECT_TRUE(head.Events.empty());
        EXPECT_EQ(pieces.size(), (1000 + slice - 1) / slice) << slice;
        size_t i = 0;
        for (const TileNode& p : pieces) {
            EXPECT_EQ(p.Kind, TileKind_Cover);
            EXPECT_EQ(p.Level, level);
            EXPECT_EQ(p.Index, index);
            EXPECT_LE(p.Events.size(), slice);
            EXPECT_LE(p.Strings.Bytes.capacity(), std::max<size_t>(p.Strings.Bytes.size(), 32)) << "spare title bytes";
            size_t titles = 1;   // (the pool's empty string, then each title and its NUL: only this piece's)
            for (const TileEvent& x : p.Events)
                titles += x.Ev.Title ? strlen(p.Strings.Get(x.Ev.Title)) + 1 : 0;
            EXPECT_EQ(p.Strings.Bytes.size(), titles) << slice;
            for (const TileEvent& x : p.Events) {
                ASSERT_LT(i, whole.Events.size());
                const TileEvent& y = whole.Events[i];
                ASSERT_EQ(x.Ordinal, y.Ordinal) << slice << " " << i;
                ASSERT_EQ(x.Lane, y.Lane);
                Event ex = x.Ev, ey = y.Ev;
                ex.Title = ey.Title = 0;
                ASSERT_EQ(memcmp(&ex, &ey, sizeof(Event)), 0) << slice << " " << i;
                ASSERT_STREQ(p.Strings.Get(x.Ev.Title), whole.Strings.Get(y.Ev.Title)) << slice << " " << i;
                i++;
            }
        }
        EXPECT_EQ(i, whole.Events.size()) << slice;
    }
    // damage in a later piece is refused there, naming the file
    {
        TileCoverDecoder pd;
        TileNode head, piece;
        ASSERT_TRUE(TileCoverDecodeStart(&pd, cut.data(), cut.size(), m, level, index, &head, &err)) << err;
        int pr = 0, n = 0;
        while ((pr = TileCoverDecodePiece(&pd, 100, &piece, &err)) == 0)
            n++;
        EXPECT_EQ(pr, -1);
        EXPECT_GT(n, 0);
        EXPECT_NE(err.find(TileCoverPath(level, index)), std::string::npos) << err;
    }
}

// Tiles and manifests of another version of the format are refused, saying so.
TEST(Tiles, OtherVersionsAreRefused)
{
    TileManifest m;
    m.Version = kTileVersion;
    m.Events = 3;
    m.LeafEvents = 4;
    m.Levels = 1;
    TileNode n;
    n.Kind = TileKind_Leaf;
    for (int i = 0; i < 3; i++) {
        TileEvent te;
        memset(&te.Ev, 0, sizeof(te.Ev));
        te.Ev.SetStart(MakeInstant(100 * i, 0));
        te.Ev.EndSec = 100 * i;
        te.Ev.Extra = kNoExtra;
        te.Ev.Group = kNoGroup;
        te.Ev.Title = n.Strings.Add("a title");
        te.Ordinal = (uint64_t)i;
        n.Events.push_back(te);
    }
    std::string b, err;
    EncodeTileNode(n, &b);
    TileNode out;
    ASSERT_TRUE(DecodeTileNode((const uint8_t*)b.data(), b.size(), m, 0, 0, &out, &err)) << err;
    EXPECT_STREQ(out.Strings.Get(out.Events[2].Ev.Title), "a title");
    b[4] = (char)(kTileVersion - 1);
    EXPECT_FALSE(DecodeTileNode((const uint8_t*)b.data(), b.size(), m, 0, 0, &out, &err));
    EXPECT_NE(err.find("another version"), std::string::npos) << err;
    std::string json;
    WriteTileManifest(m, &json);
    const std::string now = "\"chronoscope_tiles\": " + std::to_string(kTileVersion);
    ASSERT_NE(json.find(now), std::string::npos) << json;
    json.replace(json.find(now), now.size(), "\"chronoscope_tiles\": 1");
    TileManifest old;
    EXPECT_FALSE(ReadTileManifest(json.data(), json.size(), &old, &err));
    EXPECT_NE(err.find("version 1"), std::string::npos) << err;
}

// ------------------------------------------------------------------------------------------------ packs

// Every file of a pack, decoded, against the timeline the single-file loader makes of the same input.
void CheckPack(const std::string& dir, const Timeline& tl, bool check_lanes = true)
{
    std::string err;
    std::string mj = ReadAll(dir + "/manifest.json");
    TileManifest m;
    ASSERT_TRUE(ReadTileManifest(mj.data(), mj.size(), &m, &err)) << err;
    ASSERT_EQ(m.Events, tl.Events.size());
    EXPECT_EQ(m.Meta.Title, tl.Title);
    EXPECT_EQ(m.Meta.Groups.size(), tl.Groups.size());
    EXPECT_EQ(m.Meta.Eras.size(), tl.Eras.size());
    EXPECT_EQ(m.Meta.Story, tl.Story);
    TimelineIndex index;
    BuildTimelineIndex(tl, &index);
    if (!index.Empty) {
        EXPECT_EQ(m.Min, index.Min);
        EXPECT_EQ(m.Max, index.Max);
    }
    // each event's lane in the index: its lane's place among its group's lanes
    std::vector<int> lane_of(tl.Events.size(), -1);
    for (size_t g = 0; g < index.Groups.size(); g++) {
        const GroupLanes& gl = index.Groups[g];
        EXPECT_EQ(m.GroupCounts[g], (uint64_t)gl.EventCount) << "group " << g;
        EXPECT_EQ(m.LanesPerGroup[g], gl.LaneCount) << "group " << g;
        for (int l = 0; l < gl.LaneCount; l++)
            for (uint32_t i : index.Lanes[gl.FirstLane + l].Events)
                lane_of[i] = l;
    }
    const uint32_t leaf = m.Levels - 1;
    uint64_t ord = 0;
    for (uint64_t li = 0; li < m.NodeCount(leaf); li++) {
        std::string b = ReadAll(dir + "/" + TileNodePath(leaf, li));
        TileNode n;
        ASSERT_TRUE(DecodeTileNode((const uint8_t*)b.data(), b.size(), m, leaf, li, &n, &err)) << err;
        std::string page = ReadAll(dir + "/" + TileTextPath(li));
        size_t at = 0;
        for (const TileEvent& te : n.Events) {
            ASSERT_EQ(te.Ordinal, ord);
            const Event& e = tl.Events[ord];
            ASSERT_EQ(te.Ev.Start(), e.Start()) << "ordinal " << ord;
            ASSERT_EQ(te.Ev.End(), e.End()) << "ordinal " << ord;
            EXPECT_EQ(te.Ev.Group, e.Group);
            EXPECT_EQ(te.Ev.Flags, e.Flags);
            EXPECT_EQ(te.Ev.Precision, e.Precision);
            EXPECT_EQ(te.Ev.StartZone, e.StartZone);
            EXPECT_STREQ(n.Strings.Get(te.Ev.Title), tl.Str(e.Title));
            if (check_lanes)
                EXPECT_EQ((int)te.Lane, lane_of[ord]) << "ordinal " << ord;
            // line k of the text page is the event's object
            size_t nl = page.find('\n', at);
            ASSERT_NE(nl, std::string::npos);
            std::string line = page.substr(at, nl - at);
            at = nl + 1;
            std::string groups;
            WriteGroupsJson(tl, &groups);
            test::Loaded one = test::Load("{\"groups\": " + groups + ", \"events\": [" + line + "]}");
            ASSERT_TRUE(one.Ok) << line;
            ASSERT_EQ(one.Tl.Events.size(), 1u);
            EXPECT_EQ(one.Tl.Events[0].Start(), e.Start());
            EXPECT_STREQ(one.Tl.Str(one.Tl.Events[0].Id), tl.Str(e.Id));
            ord++;
        }
        EXPECT_EQ(at, page.size());
    }
    EXPECT_EQ(ord, tl.Events.size());
    // covers: the covers of a leaf and its ancestors (but the root) hold, once each and whole, exactly the ranges
    // of the leaves before it that end at or after its first start
    if (m.Levels > 1) {
        // (the covers' own tree: every node but its root has a file, and no other cover file is there)
        std::map<std::pair<uint32_t, uint64_t>, TileNode> covers;
        const uint32_t cl = m.CoverLevels();
        ASSERT_GE(cl, 2u);
        EXPECT_EQ(m.CoverNodeCount(cl - 1), m.Leaves());
        EXPECT_EQ(m.CoverNodeCount(0), 1u);
        size_t files = 0;
        for (const auto& f : std::filesystem::recursive_directory_iterator(dir + "/r"))
            files += f.is_regular_file();
        size_t nodes = 0;
        for (uint32_t level = 1; level < cl; level++)
            nodes += (size_t)m.CoverNodeCount(level);
        EXPECT_EQ(files, nodes);
        for (uint32_t level = 1; level < cl; level++)
            for (uint64_t ni = 0; ni < m.CoverNodeCount(level); ni++) {
                std::string b = ReadAll(dir + "/" + TileCoverPath(level, ni));
                TileNode& c = covers[std::make_pair(level, ni)];
                ASSERT_TRUE(DecodeTileCover((const uint8_t*)b.data(), b.size(), m, level, ni, &c, &err)) << err;
            }
        for (uint64_t li = 0; li < m.NodeCount(leaf); li++) {
            const uint64_t first = li * m.LeafEvents;
            std::vector<uint64_t> want, got;
            for (uint64_t o = 0; o < first; o++)
                if (tl.Events[o].Start() < tl.Events[o].End() && !(tl.Events[o].End() < tl.Events[first].Start()))
                    want.push_back(o);
            uint64_t index = li;
            for (uint32_t level = cl - 1; level >= 1; level--, index /= m.CoverFanout)
                for (const TileEvent& te : covers[std::make_pair(level, index)].Events) {
                    got.push_back(te.Ordinal);
                    const Event& e = tl.Events[te.Ordinal];
                    ASSERT_EQ(te.Ev.Start(), e.Start());
                    ASSERT_EQ(te.Ev.End(), e.End());
                    EXPECT_EQ(te.Ev.Group, e.Group);
                    EXPECT_EQ(te.Ev.Flags, e.Flags);
                    EXPECT_STREQ(covers[std::make_pair(level, index)].Strings.Get(te.Ev.Title), tl.Str(e.Title));
                    if (check_lanes)
                        EXPECT_EQ((int)te.Lane, lane_of[te.Ordinal]) << "ordinal " << te.Ordinal;
                }
            std::sort(got.begin(), got.end());
            ASSERT_EQ(got, want) << "covers of leaf " << li;
        }
    }
    // inner nodes: children's counts and proxies' weights add up to the node's events, per lane too
    for (uint32_t level = 0; level < leaf; level++) {
        uint64_t total = 0;
        for (uint64_t ni = 0; ni < m.NodeCount(level); ni++) {
            std::string b = ReadAll(dir + "/" + TileNodePath(level, ni));
            TileNode n;
            ASSERT_TRUE(DecodeTileNode((const uint8_t*)b.data(), b.size(), m, level, ni, &n, &err)) << err;
            uint64_t count = 0, weight = 0;
            for (const TileChild& c : n.Children)
                count += c.Count;
            std::map<std::pair<int, int>, uint64_t> lane_weight, lane_count;
            for (const TileEvent& te : n.Events) {
                weight += te.Weight;
                lane_weight[{ te.Ev.Group, te.Lane }] += te.Weight;
                const Event& e = tl.Events[te.Ordinal];
                EXPECT_EQ(te.Ev.Start(), e.Start());
                EXPECT_EQ(te.Ev.End(), e.End());
                if (te.Weight == 1)
                    EXPECT_STREQ(n.Strings.Get(te.Ev.Title), tl.Str(e.Title));
            }
            EXPECT_EQ(count, weight) << "node " << level << "/" << ni;
            uint64_t first = ni * m.NodeEvents(level);
            for (uint64_t o = first; o < first + count; o++)
                lane_count[{ tl.Events[o].Group, lane_of[o] }]++;
            if (check_lanes)
                EXPECT_EQ(lane_weight, lane_count) << "node " << level << "/" << ni;
            total += count;
        }
        EXPECT_EQ(total, m.Events) << "level " << level;
    }
    // every word of every event is in its shard; every id in its id shard
    std::map<std::string, TileShard> shards, id_shards;
    auto shard = [&](std::map<std::string, TileShard>& cache, const std::string& path) -> const TileShard& {
        auto it = cache.find(path);
        if (it != cache.end())
            return it->second;
        std::string b = ReadAll(dir + "/" + path);
        TileShard s;
        EXPECT_TRUE(DecodeTileShard((const uint8_t*)b.data(), b.size(), &s, &err)) << path << ": " << err;
        return cache[path] = s;
    };
    std::vector<std::string> words;
    std::vector<uint64_t> got;
    for (size_t i = 0; i < tl.Events.size(); i += 1 + tl.Events.size() / 500) {
        const Event& e = tl.Events[i];
        std::string all = std::string(tl.Str(e.Title)) + " " + tl.Str(e.Text);
        if (e.Extra != kNoExtra)
            for (StrId t : tl.Extras[e.Extra].Tags)
                all += std::string(" ") + tl.Str(t);
        TileWords(all.data(), all.size(), &words);
        for (const std::string& w : words) {
            const TileShard& s = shard(shards, TileShardPath(TileShardKey(w.data(), w.size())));
            s.Match(w, &got);
            EXPECT_TRUE(std::binary_search(got.begin(), got.end(), (uint64_t)i)) << w << " of " << i;
        }
        if (e.Id) {
            const char* id = tl.Str(e.Id);
            const TileShard& s = shard(id_shards, TileIdShardPath(TileIdShardKey(m, id, strlen(id))));
            auto it = std::find(s.Words.begin(), s.Words.end(), std::string(id));
            ASSERT_NE(it, s.Words.end()) << id;
            EXPECT_EQ(s.Ordinals[it - s.Words.begin()], std::vector<uint64_t>({ (uint64_t)i }));
        }
    }
}

TEST(Pack, GeneratedJsonMatchesTheLoaderAndIndex)
{
    TempDir tmp;
    GenerateParams gp;
    gp.Count = 20000;
    std::string json;
    GenerateTimelineJson(gp, &json);
    WriteText(tmp / "in.json", json);
    PackOptions opt;
    opt.LeafEvents = 512;
    opt.Fanout = 4;
    opt.Bins = 32;
    opt.MemoryBytes = (size_t)2 << 20;   // spills: the external sort's merge runs
    PackStats st;
    std::string err;
    ASSERT_TRUE(PackTimeline((tmp / "in.json").c_str(), (tmp / "out/").c_str(), opt, &st, &err)) << err;
    EXPECT_EQ(st.Events, 20000u);
    EXPECT_EQ(st.Leaves, 40u);
    EXPECT_GT(st.Shards, 10u);
    test::Loaded l = test::Load(json);
    ASSERT_TRUE(l.Ok);
    CheckPack(tmp / "out", l.Tl);
}

// The covers' tree of any fanout holds, for every leaf, exactly the ranges running into it (CheckPack), and a
// narrower tree lists a long range fewer times: the copies of all ranges in all covers fall with the fanout.
TEST(Pack, CoversOfAnyFanoutHoldTheRangesRunningIn)
{
    TempDir tmp;
    GenerateParams gp;
    gp.Count = 12000;
    gp.RangePercent = 60;
    gp.Groups = 9;
    gp.Seed = 5;
    std::string json;
    GenerateTimelineJson(gp, &json);
    WriteText(tmp / "in.json", json);
    test::Loaded l = test::Load(json);
    ASSERT_TRUE(l.Ok);
    std::map<uint32_t, uint64_t> copies;
    for (uint32_t cf : { 2u, 3u, 4u, 16u }) {
        SCOPED_TRACE("cover fanout " + std::to_string(cf));
        PackOptions opt;
        opt.LeafEvents = 64;
        opt.Fanout = 8;
        opt.Bins = 32;
        opt.CoverFanout = cf;
        PackStats st;
        std::string err;
        const std::string out = tmp / ("out" + std::to_string(cf) + "/");
        ASSERT_TRUE(PackTimeline((tmp / "in.json").c_str(), out.c_str(), opt, &st, &err)) << err;
        CheckPack(out, l.Tl);
        std::string mj = ReadAll(out + "manifest.json");
        TileManifest m;
        ASSERT_TRUE(ReadTileManifest(mj.data(), mj.size(), &m, &err)) << err;
        ASSERT_EQ(m.CoverFanout, cf);
        for (uint32_t level = 1; level < m.CoverLevels(); level++)
            for (uint64_t i = 0; i < m.CoverNodeCount(level); i++) {
                std::string b = ReadAll(out + TileCoverPath(level, i));
                TileNode c;
                ASSERT_TRUE(DecodeTileCover((const uint8_t*)b.data(), b.size(), m, level, i, &c, &err)) << err;
                copies[cf] += c.Events.size();
            }
    }
    EXPECT_GT(copies[2], 0u);
    EXPECT_LE(copies[2], copies[4]);
    EXPECT_LE(copies[3], copies[16]);
    EXPECT_LT(copies[4], copies[16]);
}

// A .json input's event objects written over several lines ('\n' and "\r\n", at each place of an 8-byte step): each
// is one line of its text page, every line break in it a space.
TEST(Pack, AnObjectOverLinesIsOneLineOfItsPage)
{
    TempDir tmp;
    std::string json = "{\"events\": [", want;
    for (int i = 0; i < 40; i++) {
        const std::string obj = "{\"id\": \"e" + std::to_string(i) + "\"," + std::string(i % 17, ' ') +
                                (i % 2 ? "\r\n" : "\n") + "\"start\": \"2000\",\n\"title\":\r\"T\"}";
        json += (i ? ",\n" : "") + obj;
        std::string line = obj;
        for (char& c : line)
            if (c == '\n' || c == '\r')
                c = ' ';
        want += line + "\n";
    }
    json += "]}";
    WriteText(tmp / "in.json", json);
    PackStats st;
    std::string err;
    ASSERT_TRUE(PackTimeline((tmp / "in.json").c_str(), (tmp / "out/").c_str(), PackOptions(), &st, &err)) << err;
    ASSERT_EQ(st.Leaves, 1u);
    EXPECT_EQ(ReadAll(tmp / ("out/" + TileTextPath(0))), want);
}

TEST(Pack, JsonLinesGivesTheSamePackAsJson)
{
    TempDir tmp;
    std::string meta = "{\"title\": \"Lines\", \"groups\": [{\"id\": \"a\", \"label\": \"A\"}, {\"id\": \"b\"}], "
                       "\"story\": [\"e3\", \"e1\"]}";
    std::string lines = meta + "\n", events;
    for (int i = 0; i < 3000; i++) {
        char buf[200];
        snprintf(buf, sizeof(buf), "{\"id\": \"e%d\", \"start\": \"%d-%02d-01\", \"title\": \"Event %d\"%s%s}", i,
                 1900 + (i * 37) % 100, 1 + i % 12, i, i % 3 ? ", \"group\": \"a\"" : "",
                 i % 5 == 0 ? ", \"end\": \"2010\"" : "");
        lines += buf;
        lines += i % 100 == 0 ? "\n\n" : "\n";
        events += (i ? ",\n" : "") + std::string(buf);
    }
    WriteText(tmp / "in.jsonl", lines);
    std::string json = meta.substr(0, meta.size() - 1) + ", \"events\": [" + events + "]}";
    PackOptions opt;
    opt.LeafEvents = 100;
    opt.Fanout = 3;
    PackStats st;
    std::string err;
    ASSERT_TRUE(PackTimeline((tmp / "in.jsonl").c_str(), (tmp / "out").c_str(), opt, &st, &err)) << err;
    test::Loaded l = test::Load(json);
    ASSERT_TRUE(l.Ok) << test::Dump(l.Res);
    ASSERT_EQ(l.Tl.Story.size(), 2u);
    CheckPack(tmp / "out", l.Tl);
}

// The search shards hold every word of the events once, each shard's words in byte order: a dictionary of thousands
// of words (sorted by radix on their first 8 bytes, then runs of equal first bytes by the whole words), words of 1 to
// 14 bytes sharing their first 8 or fewer, with bytes past ASCII (which order after every ASCII byte).
TEST(Pack, SearchShardsHoldEveryWordInByteOrder)
{
    TempDir tmp;
    const char* pieces[] = { "a", "b", "z", "0", "9", "\u00e9", "\u4e2d", "ab", "abcdefgh" };
    std::mt19937 rng(5);
    std::string json = "{\"events\": [";
    for (int i = 0; i < 3000; i++) {
        std::string title;
        for (int w = 0; w < 3; w++) {
            const size_t n = 1 + rng() % 5;
            for (size_t k = 0; k < n; k++)
                title += pieces[rng() % (sizeof(pieces) / sizeof(pieces[0]))];
            title += " ";
        }
        json += (i ? ",\n" : "") + std::string("{\"start\": \"") + std::to_string(1900 + i % 100) + "\", \"title\": \"" +
                title + "\"}";
    }
    json += "]}";
    WriteText(tmp / "in.json", json);
    PackOptions opt;
    opt.LeafEvents = 256;
    PackStats st;
    std::string err;
    ASSERT_TRUE(PackTimeline((tmp / "in.json").c_str(), (tmp / "out").c_str(), opt, &st, &err)) << err;
    test::Loaded l = test::Load(json);
    ASSERT_TRUE(l.Ok);
    std::set<std::string> want, got;
    std::vector<std::string> words;
    for (const Event& e : l.Tl.Events) {
        const char* t = l.Tl.Str(e.Title);
        TileWords(t, strlen(t), &words);
        want.insert(words.begin(), words.end());
    }
    ASSERT_GT(want.size(), 2000u);
    for (const std::string& w : want) {
        const std::string path = TileShardPath(TileShardKey(w.data(), w.size()));
        if (got.count(w))
            continue;
        std::string b = ReadAll(tmp / "out" + "/" + path);
        TileShard s;
        ASSERT_TRUE(DecodeTileShard((const uint8_t*)b.data(), b.size(), &s, &err)) << path << ": " << err;
        for (size_t k = 0; k < s.Words.size(); k++) {
            if (k)
                ASSERT_LT(s.Words[k - 1], s.Words[k]) << path;
            EXPECT_TRUE(want.count(s.Words[k])) << s.Words[k];
            EXPECT_TRUE(got.insert(s.Words[k]).second) << s.Words[k];
        }
    }
    EXPECT_EQ(got, want);
}

void AppendTo(void* user, const char* data, size_t n) { ((std::string*)user)->append(data, n); }

// A JSON Lines input's text pages are gathered after the tree, in as many passes over the input as the memory
// budget needs: any number of passes gives the same files, and each page holds its events' lines in time order.
TEST(Pack, JsonLinesTextPagesAreTheSameInAnyNumberOfPasses)
{
    TempDir tmp;
    GenerateParams gp;
    gp.Count = 20000;
    gp.Groups = 20;
    std::string lines;
    GenerateTimeline(gp, true, AppendTo, &lines);
    WriteText(tmp / "in.jsonl", lines);
    PackOptions opt;
    opt.LeafEvents = 256;
    opt.Fanout = 4;
    PackStats big, small;
    std::string err;
    ASSERT_TRUE(PackTimeline((tmp / "in.jsonl").c_str(), (tmp / "one").c_str(), opt, &big, &err)) << err;
    opt.MemoryBytes = (size_t)100 << 10;   // about 25 passes over the input's 2.7 MB of text (and a spilled sort)
    ASSERT_TRUE(PackTimeline((tmp / "in.jsonl").c_str(), (tmp / "many").c_str(), opt, &small, &err)) << err;
    EXPECT_EQ(big.TextBytes, small.TextBytes);
    EXPECT_GT(small.TextBytes, (uint64_t)20 * opt.MemoryBytes);
    std::map<std::string, std::string> one = test::FilesUnder(tmp / "one"), many = test::FilesUnder(tmp / "many");
    ASSERT_TRUE(test::SameFiles(one, many));
    // page k holds the lines of ordinals [256k, 256k + 256): the events sorted by start as the loader sorts them
    std::string json;
    GenerateTimelineJson(gp, &json);
    test::Loaded all = test::Load(json);
    ASSERT_TRUE(all.Ok);
    std::vector<std::string> by_line;
    for (size_t at = lines.find('\n') + 1; at < lines.size();) {
        size_t nl = lines.find('\n', at);
        by_line.push_back(lines.substr(at, nl - at));
        at = nl + 1;
    }
    for (uint64_t page : { (uint64_t)0, (uint64_t)37, (uint64_t)78 }) {
        const std::string& text = one.at(TileTextPath(page));
        size_t at = 0;
        for (uint64_t o = page * 256; o < std::min<uint64_t>(page * 256 + 256, 20000); o++) {
            size_t nl = text.find('\n', at);
            ASSERT_NE(nl, std::string::npos) << "page " << page << " ordinal " << o;
            std::string line = text.substr(at, nl - at);
            at = nl + 1;
            // the line is the event's: its id is the sorted event's
            const char* id = all.Tl.Str(all.Tl.Events[o].Id);
            EXPECT_NE(line.find(std::string("\"id\": \"") + id + "\""), std::string::npos) << line << " vs " << id;
            EXPECT_NE(std::find(by_line.begin(), by_line.end(), line), by_line.end()) << line;
        }
        EXPECT_EQ(at, text.size());
    }
}

// The text pages spread over passes only as far as the process may open files (two per pass at once): under a low
// limit on open files, many passes read the input each instead, and the pages are the same.
TEST(Pack, TextPassesStayWithinTheOpenFileLimit)
{
    TempDir tmp;
    std::string lines = "{\"title\": \"Long texts\"}\n";   // 3,000 events of 2 KB of text each: many passes, few sort runs
    for (int i = 0; i < 3000; i++) {
        char head[128];
        snprintf(head, sizeof(head), "{\"id\": \"e%d\", \"start\": \"%04d-03-01\", \"title\": \"Event %d\", \"text\": \"", i,
                 1000 + i, i);
        lines += head;
        for (int w = 0; w < 170; w++)   // (two words: the sort's records stay small)
            lines += "lorem ipsum ";
        lines += "\"}\n";
    }
    WriteText(tmp / "in.jsonl", lines);
    PackOptions opt;
    opt.LeafEvents = 64;
    std::string err;
    PackStats one, many;
    ASSERT_TRUE(PackTimeline((tmp / "in.jsonl").c_str(), (tmp / "one").c_str(), opt, &one, &err)) << err;
    struct rlimit was;
    ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &was), 0);
    struct rlimit low = was;
    low.rlim_cur = 48;   // spread over its passes, the pack would open twice as many files at once
    ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &low), 0);
    opt.MemoryBytes = (size_t)256 << 10;
    const bool ok = PackTimeline((tmp / "in.jsonl").c_str(), (tmp / "many").c_str(), opt, &many, &err);
    setrlimit(RLIMIT_NOFILE, &was);
    ASSERT_TRUE(ok) << err;
    EXPECT_GT(many.TextPasses, (uint64_t)30);
    EXPECT_EQ(one.TextPasses, (uint64_t)1);
    EXPECT_TRUE(test::SameFiles(test::FilesUnder(tmp / "one"), test::FilesUnder(tmp / "many")));
}

// Whether the file system under dir is one known to take direct reads (O_DIRECT): ext4, xfs, btrfs.
bool DirectReadsWork(const std::string& dir)
{
#if defined(__linux__)
    struct statfs fs;
    if (statfs(dir.c_str(), &fs) != 0)
        return false;
    const unsigned long t = (unsigned long)fs.f_type;
    return t == 0xEF53 || t == 0x58465342 || t == 0x9123683E;
#else
    (void)dir;
    return false;
#endif
}

// A JSON Lines input is read past the page cache in whole aligned blocks where its file system allows: its lines
// cross the blocks anywhere, one line is longer than a text pass's block, the file ends inside a block. The sort's
// runs and the text pages' temporary files are written and read back the same way (at the small cap: 300 KB, the
// sort spills and the text pages take many passes, spread). Direct or through the cache, in one text pass or many,
// the files are the same.
TEST(Pack, DirectAndCachedReadsGiveTheSameFiles)
{
    TempDir tmp;
    GenerateParams gp;
    gp.Count = 30000;
    gp.Groups = 7;
    std::string lines;
    GenerateTimeline(gp, true, AppendTo, &lines);
    std::string text;
    for (int i = 0; i < 40000; i++)
        text += "word" + std::to_string(i % 97) + " ";
    lines += "{\"id\": \"long-one\", \"start\": \"1950-06-01\", \"title\": \"A long text\", \"text\": \"" + text + "\"}\n";
    lines += "{\"id\": \"last\", \"start\": \"1901-01-01\", \"title\": \"No line break after it\"}";
    ASSERT_NE(lines.size() % 4096, 0u);
    ASSERT_GT(text.size(), (size_t)256 << 10);
    WriteText(tmp / "in.jsonl", lines);
    PackOptions opt;
    opt.LeafEvents = 512;
    std::string err;
    std::map<std::string, std::string> want;
    for (size_t memory : { (size_t)1 << 30, (size_t)300 << 10 }) {   // one text pass; many, spread
        opt.MemoryBytes = memory;
        for (bool direct : { false, true }) {
            opt.DirectIo = direct;
            PackStats st;
            const std::string out = tmp / ("out-" + std::to_string(memory) + (direct ? "-direct" : "-cached"));
            ASSERT_TRUE(PackTimeline((tmp / "in.jsonl").c_str(), out.c_str(), opt, &st, &err)) << err;
            EXPECT_EQ(st.Events, (uint64_t)30002);
            if (!direct)
                EXPECT_FALSE(st.DirectRead);
            else if (DirectReadsWork(tmp.Path))
                EXPECT_TRUE(st.DirectRead) << tmp.Path;
            std::map<std::string, std::string> got = test::FilesUnder(out);
            if (want.empty()) {
                want = got;
                EXPECT_NE(want.find(TileTextPath(0)), want.end());
                continue;
            }
            EXPECT_TRUE(test::SameFiles(want, got)) << out;
        }
    }
}

TEST(Pack, DeepTimeAndNanosecondsSurviveExactly)
{
    TempDir tmp;
    std::string json = "{\"events\": ["
                       "{\"start\": -13800000000, \"title\": \"Big Bang\"},"
                       "{\"start\": \"-4500000000-06-01\", \"end\": \"-4400000000\", \"title\": \"Earth\"},"
                       "{\"start\": \"2021-07-21T09:30:00.000000001Z\", \"title\": \"ns 1\"},"
                       "{\"start\": \"2021-07-21T09:30:00.000000002Z\", \"end\": \"2021-07-21T09:30:00.000000003Z\","
                       " \"title\": \"ns 2\"},"
                       "{\"start\": \"2021-07-21T09:30:00.999999999+09:00\", \"title\": \"offset\"}]}";
    WriteText(tmp / "in.json", json);
    PackOptions opt;
    opt.LeafEvents = 2;
    opt.Fanout = 2;
    PackStats st;
    std::string err;
    ASSERT_TRUE(PackTimeline((tmp / "in.json").c_str(), (tmp / "out").c_str(), opt, &st, &err)) << err;
    test::Loaded l = test::Load(json);
    ASSERT_TRUE(l.Ok);
    CheckPack(tmp / "out", l.Tl);
    std::string mj = ReadAll(tmp / "out/manifest.json");
    TileManifest m;
    ASSERT_TRUE(ReadTileManifest(mj.data(), mj.size(), &m, &err)) << err;
    EXPECT_EQ(m.Min, l.Tl.Events[0].Start());
    EXPECT_EQ(m.Levels, 3u);
}

TEST(Pack, BadInputFailsAtItsPlaceAndOverwritesNothing)
{
    TempDir tmp;
    WriteText(tmp / "good.jsonl", "{\"start\": \"2020\", \"title\": \"a\"}\n");
    PackStats st;
    std::string err;
    ASSERT_TRUE(PackTimeline((tmp / "good.jsonl").c_str(), (tmp / "out").c_str(), PackOptions(), &st, &err)) << err;
    std::string before = ReadAll(tmp / "out/manifest.json");
    WriteText(tmp / "bad.jsonl",
              "{\"start\": \"2020\", \"title\": \"a\"}\n\n{\"start\": \"2020-13\", \"title\": \"b\"}\n");
    EXPECT_FALSE(PackTimeline((tmp / "bad.jsonl").c_str(), (tmp / "out").c_str(), PackOptions(), &st, &err));
    EXPECT_EQ(err.rfind(tmp / "bad.jsonl:3:11: error:", 0), 0u) << err;
    WriteText(tmp / "bad.json",
              "{\"events\": [\n  {\"start\": \"2020\"},\n  {\"start\": \"2020\", \"group\": \"x\"}]}");
    EXPECT_FALSE(PackTimeline((tmp / "bad.json").c_str(), (tmp / "out").c_str(), PackOptions(), &st, &err));
    EXPECT_EQ(err.rfind(tmp / "bad.json:3:30: error:", 0), 0u) << err;
    WriteText(tmp / "dup.jsonl", "{\"id\": \"x\", \"start\": \"2020\"}\n{\"id\": \"x\", \"start\": \"2021\"}\n");
    PackOptions tiny;
    EXPECT_FALSE(PackTimeline((tmp / "dup.jsonl").c_str(), (tmp / "out").c_str(), tiny, &st, &err));
    EXPECT_NE(err.find("duplicate id"), std::string::npos) << err;
    EXPECT_EQ(ReadAll(tmp / "out/manifest.json"), before);
    // a directory that is not a pack is never replaced
    mkdir((tmp / "mine").c_str(), 0755);
    WriteText(tmp / "mine/notes.txt", "keep me");
    EXPECT_FALSE(PackTimeline((tmp / "good.jsonl").c_str(), (tmp / "mine").c_str(), PackOptions(), &st, &err));
    EXPECT_EQ(ReadAll(tmp / "mine/notes.txt"), "keep me");
}

// An id given twice is an error at the second one's place, FILE:LINE:COL, as the loader gives it: within one
// batch of JSON Lines (the loader finds it) and across batches (the id index finds it after the whole input).
TEST(Pack, ADuplicateIdIsReportedAtItsSecondPlace)
{
    TempDir tmp;
    PackStats st;
    std::string err;
    WriteText(tmp / "near.jsonl", "{\"id\": \"x\", \"start\": \"2020\"}\n{\"id\": \"x\", \"start\": \"2021\"}\n");
    EXPECT_FALSE(PackTimeline((tmp / "near.jsonl").c_str(), (tmp / "out").c_str(), PackOptions(), &st, &err));
    EXPECT_EQ(err.rfind((tmp / "near.jsonl") + ":2:8: error: duplicate id \"x\"", 0), 0u) << err;
    // 40 MB of lines (a batch is 24 MB): the second "dup" far from the first, after a title with non-ASCII text
    std::string big;
    const std::string pad(1000, 'p');
    const int lines = 40000;
    for (int i = 0; i < lines; i++) {
        const bool dup = i == 2 || i == lines - 5;
        big += "{\"title\": \"" + std::string(dup ? "\xC3\xA9t\xC3\xA9" : "t") + "\", \"id\": \"" +
               (dup ? std::string("dup") : "e" + std::to_string(i)) + "\", \"start\": \"2020\", \"text\": \"" + pad + "\"}\n";
    }
    WriteText(tmp / "far.jsonl", big);
    EXPECT_FALSE(PackTimeline((tmp / "far.jsonl").c_str(), (tmp / "out").c_str(), PackOptions(), &st, &err));
    // {"title": "été", "id": "dup": the id's quote is the 24th character
    EXPECT_EQ(err, (tmp / "far.jsonl") + ":" + std::to_string(lines - 4) + ":24: error: duplicate id \"dup\"");
}

// Each line of JSON Lines is read on its own (or, when it is not our format's event or does not parse, with the
// lines after it): either way a bad line fails with the message the window gives for the same file, at the same
// LINE:COL (a value that goes on past its line's end included).
TEST(Pack, BadLinesFailAsTheLoaderSays)
{
    TempDir tmp;
    const std::string good = "{\"id\": \"ok\", \"start\": \"2020\", \"title\": \"fine\", \"group\": \"g\"}";
    const char* bad[] = {
        "{\"start\": \"2020\", \"title\": 5}",
        "{\"start\": \"2020\", \"group\": \"zz\"}",
        "{\"start\": \"2020\", \"group\": 7, \"tags\": [\"a\", 3]}",
        "{\"start\": \"2020\"} x",
        "{\"start\": \"2020\", \"title\": \"open}",
        "{\"start\": \"2020\", \"end\": \"2019\"}",
        "{\"start\": {\"year\": 2020, \"month\": \"x\"}}",
        "[1]",
        "7",
        "{\"title\": \"a\"}",
        "{\"start\": \"2020\", \"title\": \"a\\u0000b\"}",
        "  {\"start\": \"2020-02-30\", \"title\": \"\xC3\xA9t\xC3\xA9\"}",
        "{\"start\": \"2020\", \"content\": \"a vis item\", \"group\": \"g\", \"title\": 5, \"end\": \"1\"}",
        // JSON Lines' own rules: one value per line, and nothing after it
        "{\"start\": \"2020\", \"title\": \"two\nlines\"}",
        "{\"start\": \"2020\",\n\"title\": \"two lines\"}",
        "{\"start\":\r\n\"2020\"}",
        "{\"start\": \"2020\"}, {\"start\": \"2021\"}",
        "{\"start\": \"2021\", \"content\": \"a vis item\"}\n{\"start\": \"2020\"} y",
        "{\"start\": \"2021\", \"content\": \"a vis item\"}\n  {\"start\": \"2020\", \"title\": \"open}\n\n",
    };
    for (const char* b : bad) {
        SCOPED_TRACE(b);
        const std::string text = "{\"groups\": [{\"id\": \"g\"}]}\n" + good + "\n" + b + "\n" + good + "\n";
        WriteText(tmp / "in.jsonl", text);
        // what the window says of the same file (a name ending in .jsonl: LoadOptions::JsonLines)
        LoadOptions lo;
        lo.JsonLines = true;
        Timeline tl;
        LoadResult res;
        ASSERT_FALSE(LoadTimeline(text.data(), text.size(), lo, &tl, &res));
        std::string want;
        for (const Diagnostic& d : res.Diagnostics)
            if (d.Sev == Severity_Error) {
                want = FormatDiagnostic((tmp / "in.jsonl").c_str(), d);
                break;
            }
        ASSERT_FALSE(want.empty());
        PackStats st;
        std::string err;
        EXPECT_FALSE(PackTimeline((tmp / "in.jsonl").c_str(), (tmp / "out").c_str(), PackOptions(), &st, &err));
        EXPECT_EQ(err, want);
    }
    // the importers' items pack among our events
    WriteText(tmp / "mixed.jsonl", "{\"groups\": [{\"id\": \"g\"}]}\n" + good + "\n" +
                                       "{\"start\": \"2021\", \"content\": \"a vis item\"}\n" +
                                       "{\"id\": \"e3\", \"start\": \"2022\", \"title\": \"ours\"}\n");
    PackStats st;
    std::string err;
    ASSERT_TRUE(PackTimeline((tmp / "mixed.jsonl").c_str(), (tmp / "out").c_str(), PackOptions(), &st, &err)) << err;
    EXPECT_EQ(st.Events, 3u);
}

// A large JSON Lines input is parsed a batch at a time, the next batch on another thread while this one is added:
// the first bad line is still the one reported, at its FILE:LINE:COL, however many batches come before it.
TEST(Pack, BadLineInALaterBatchKeepsItsPlace)
{
    TempDir tmp;
    std::string lines = "{\"title\": \"Big\", \"groups\": [{\"id\": \"g\"}]}\n";
    const int bad = 430000;   // past the first two batches (24 MB each)
    for (int i = 1; i <= 450000; i++) {
        char buf[200];
        if (i == bad)
            snprintf(buf, sizeof(buf), "{\"id\": \"e%d\", \"start\": \"1900-02-30\", \"title\": \"bad\"}\n", i);
        else if (i == bad + 5)   // a later error, not the one reported
            snprintf(buf, sizeof(buf), "{\"id\": \"e%d\", \"start\": \"x\"}\n", i);
        else
            snprintf(buf, sizeof(buf),
                     "{\"id\": \"e%d\", \"start\": \"%d-01-01\", \"title\": \"Event number %d with padding to make "
                     "it long enough\", \"group\": \"g\"}\n", i, 1000 + i % 1000, i);
        lines += buf;
    }
    ASSERT_GT(lines.size(), (size_t)50 << 20);
    WriteText(tmp / "big.jsonl", lines);
    PackStats st;
    std::string err;
    EXPECT_FALSE(PackTimeline((tmp / "big.jsonl").c_str(), (tmp / "out").c_str(), PackOptions(), &st, &err));
    // line 1 is the timeline's fields: event i is on line i + 1; the date's value starts at column 28
    std::string want = tmp / ("big.jsonl:" + std::to_string(bad + 1) + ":28: error: start: day 30");
    EXPECT_EQ(err.rfind(want, 0), 0u) << err;
}

// The importers' formats pack too: the real files of ../shared/conformance/realworld.
TEST(Pack, RealWorldFiles)
{
    CS_SHARED_CORPUS(dir, "conformance/realworld");
    int packed = 0;
    for (const std::string& name : test::ListFiles(dir, ".json")) {
        SCOPED_TRACE(name);
        TempDir tmp;
        PackOptions opt;
        opt.LeafEvents = 8;
        opt.Fanout = 2;
        PackStats st;
        std::string err;
        ASSERT_TRUE(PackTimeline((dir + "/" + name).c_str(), (tmp / "out").c_str(), opt, &st, &err)) << err;
        Timeline tl;
        LoadResult res;
        ASSERT_TRUE(LoadTimelineFile((dir + "/" + name).c_str(), LoadOptions(), &tl, &res));
        CheckPack(tmp / "out", tl);
        packed++;
    }
    EXPECT_GE(packed, 4);
}

} // namespace
} // namespace chronoscope
