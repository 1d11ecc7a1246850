// Unit tests for src/core/tileset.h: a packed set (core/pack.h) viewed through a TileSet shows what the same file
// loaded whole shows.
#include "core/tileset.h"

#include "core/generate.h"
#include "core/layout.h"
#include "core/load.h"
#include "core/pack.h"
#include "core/utf8.h"

#include "files.h"
#include "test_util.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

using namespace chronoscope;
using namespace chronoscope::test;

namespace {

// A generated set, packed small (many levels), and the same file loaded whole.
struct Packed {
    std::string Dir;
    TimelineData Whole;
};

// The packed sets of this run, removed at exit.
struct Cache {
    std::map<std::string, Packed*> Sets;
    std::vector<std::string> Dirs;
    ~Cache()
    {
        for (const std::string& d : Dirs)
            std::filesystem::remove_all(d);
    }
};

// JSON packed small (leaf events, fanout, bins) into a folder of this run named after key, and loaded whole; packed
// once per key.
const Packed& PackJson(const std::string& key, const std::string& json, uint32_t leaf, uint32_t fanout, uint32_t bins,
                       uint32_t cover_fanout = 4)
{
    static Cache all;
    std::map<std::string, Packed*>& cache = all.Sets;
    if (cache.count(key))
        return *cache[key];
    Packed* p = new Packed();
    namespace fs = std::filesystem;
    fs::path tmp = fs::temp_directory_path() / ("cs_tileset_" + std::to_string(getpid()) + "_" + key);
    fs::create_directories(tmp);
    all.Dirs.push_back(tmp.string());
    std::ofstream((tmp / "in.json").string(), std::ios::binary) << json;
    PackOptions opt;
    opt.LeafEvents = leaf;
    opt.Fanout = fanout;
    opt.Bins = bins;
    opt.CoverFanout = cover_fanout;
    opt.Threads = 1;
    PackStats st;
    std::string err;
    EXPECT_TRUE(PackTimeline((tmp / "in.json").c_str(), (tmp / "out").c_str(), opt, &st, &err)) << err;
    p->Dir = (tmp / "out").string() + "/";
    LoadResult res;
    EXPECT_TRUE(LoadTimeline(json.data(), json.size(), LoadOptions(), &p->Whole.Tl, &res));
    BuildTimelineIndex(p->Whole.Tl, &p->Whole.Index);
    cache[key] = p;
    return *p;
}

// A generated set (3 groups, `ranges` % ranges), packed small, and loaded whole.
const Packed& GetPacked(size_t count, uint32_t leaf, uint32_t fanout, uint32_t bins, int ranges = 30,
                        uint32_t cover_fanout = 4)
{
    GenerateParams gp;
    gp.Seed = 7;
    gp.Count = count;
    gp.Groups = 3;
    gp.RangePercent = ranges;
    std::string json;
    GenerateTimelineJson(gp, &json);
    return PackJson(std::to_string(count) + "_" + std::to_string(leaf) + "_" + std::to_string(fanout) + "_" +
                        std::to_string(bins) + "_" + std::to_string(ranges) + "_" + std::to_string(cover_fanout),
                    json, leaf, fanout, bins, cover_fanout);
}

// Serves a set's requests from its directory until it asks for nothing more; every path is asked for once.
struct Server {
    std::string Dir;
    std::set<std::string> Seen;
    int Repeats = 0;
    int Served = 0;
    int Decodes = 0;   // calls of TileSetDecodeSome

    void Run(TileSet* ts, const View* v)
    {
        std::vector<TileRequest> req;
        for (int round = 0; round < 10000; round++) {
            if (v)
                TileSetUpdate(ts, *v);
            TileSetTakeRequests(ts, &req);
            if (req.empty() && TileSetDecoding(ts)) {
                // a big cover is decoded a slice at a time: some more, as a page does after each frame
                std::string err;
                TileSetDecodeSome(ts, 0.0, &err);
                EXPECT_EQ(err, "");
                Decodes++;
                continue;
            }
            if (req.empty())
                return;
            for (const TileRequest& r : req) {
                if (!Seen.insert(r.Path).second)
                    Repeats++;
                std::string bytes = ReadAll(Dir + r.Path);
                std::string err;
                if (bytes.empty())
                    TileSetFailed(ts, r.Path.c_str(), "no such file");
                else
                    EXPECT_TRUE(TileSetArrived(ts, r.Path.c_str(), (const uint8_t*)bytes.data(), bytes.size(), &err)) << err;
                Served++;
            }
        }
    }
};

TileSet* OpenSet(const Packed& p, const TileSetOptions& opt = TileSetOptions())
{
    TileSet* ts = TileSetCreate(opt);
    std::string m = ReadAll(p.Dir + "manifest.json"), err;
    EXPECT_TRUE(TileSetOpen(ts, m.data(), m.size(), &err)) << err;
    return ts;
}

// Lays out the tiled window and the whole file for the same view.
void LayBoth(const Packed& p, TileSet* ts, Server* srv, const View& v, TimelineData* win, TileWindow* tw, Layout* lw,
             Layout* lf)
{
    srv->Run(ts, &v);
    TileSetStats st = TileSetGetStats(ts);
    EXPECT_TRUE(st.Complete);
    TileSetBuildWindow(ts, win, tw);
    LayoutParams lp;
    LayoutView(win->Tl, win->Index, v, lp, nullptr, lw);
    LayoutView(p.Whole.Tl, p.Whole.Index, v, lp, nullptr, lf);
}

} // namespace

TEST(TileSet, FitAllCountsEveryEvent)
{
    const Packed& p = GetPacked(60000, 256, 4, 64);
    TileSet* ts = OpenSet(p);
    Server srv{ p.Dir };
    View v;
    v.Width = 1200;
    FitView(&v, p.Whole.Tl, p.Whole.Index);
    TimelineData win;
    TileWindow tw;
    Layout lw, lf;
    LayBoth(p, ts, &srv, v, &win, &tw, &lw, &lf);
    EXPECT_EQ(srv.Repeats, 0);
    EXPECT_EQ(lf.VisibleEvents, p.Whole.Tl.Events.size());
    EXPECT_EQ(lw.VisibleEvents, p.Whole.Tl.Events.size());
    // a coarse view: far fewer events held than the set has, and they stand for all of it
    EXPECT_LT(win.Tl.Events.size(), p.Whole.Tl.Events.size() / 2);
    EXPECT_FALSE(win.Tl.Weights.empty());
    EXPECT_GE(TileSetGetStats(ts).FinestLevelInView, 0);
    // the same rows as the whole file
    ASSERT_EQ(win.Index.Groups.size(), p.Whole.Index.Groups.size());
    for (size_t g = 0; g < win.Index.Groups.size(); g++) {
        EXPECT_EQ(win.Index.Groups[g].LaneCount, p.Whole.Index.Groups[g].LaneCount) << g;
        EXPECT_EQ(win.Index.Groups[g].EventCount, p.Whole.Index.Groups[g].EventCount) << g;
    }
    // ordinals in time order, and IndexOf finds each event of weight 1
    for (size_t i = 1; i < tw.Ordinals.size(); i++)
        ASSERT_LE(tw.Ordinals[i - 1], tw.Ordinals[i]);
    for (size_t i = 0; i < tw.Ordinals.size(); i++)
        if (win.Tl.Weights[i] == 1)
            EXPECT_EQ(tw.IndexOf(tw.Ordinals[i]), (int)i);
    TileSetDestroy(ts);
}

// Zoomed in to the leaves: the same marks as the whole file, event for event.
static void ExpectSameMarks(const Packed& p, const TileWindow& tw, const Layout& lw, const Layout& lf)
{
    EXPECT_EQ(lw.VisibleEvents, lf.VisibleEvents);
    ASSERT_EQ(lw.Marks.size(), lf.Marks.size());
    for (size_t i = 0; i < lw.Marks.size(); i++) {
        const Mark& a = lw.Marks[i];
        const Mark& b = lf.Marks[i];
        EXPECT_EQ(a.Lane, b.Lane) << i;
        EXPECT_EQ(a.Kind, b.Kind) << i;
        EXPECT_EQ(a.Count, b.Count) << i;
        EXPECT_FLOAT_EQ(a.X0, b.X0) << i;
        EXPECT_FLOAT_EQ(a.X1, b.X1) << i;
        EXPECT_EQ(tw.Ordinals[a.Event], (uint64_t)b.Event) << i;   // (the whole file's index is the ordinal)
    }
    (void)p;
}

TEST(TileSet, OneDayAndOneNanosecondShowTheSameMarks)
{
    const Packed& p = GetPacked(60000, 256, 4, 64);
    TileSet* ts = OpenSet(p);
    Server srv{ p.Dir };
    const Event& mid = p.Whole.Tl.Events[p.Whole.Tl.Events.size() / 2];
    TimelineData win;
    TileWindow tw;
    Layout lw, lf;
    View day = MakeView(mid.Start() - DurationFromSeconds(43200), 86400.0, 1200.0);
    LayBoth(p, ts, &srv, day, &win, &tw, &lw, &lf);
    EXPECT_EQ(TileSetGetStats(ts).FinestLevelInView, (int)TileSetManifest(ts).Levels - 1);
    EXPECT_GT(lf.VisibleEvents, 0u);
    ExpectSameMarks(p, tw, lw, lf);
    // a year is drawn from leaves too (a leaf of 256 events spans about two years here, a bin about 11 days)
    View year = MakeView(mid.Start() - DurationFromSeconds(kYear / 2), kYear, 1200.0);
    LayBoth(p, ts, &srv, year, &win, &tw, &lw, &lf);
    EXPECT_EQ(TileSetGetStats(ts).FinestLevelInView, (int)TileSetManifest(ts).Levels - 1);
    EXPECT_GT(lf.Marks.size(), 20u);
    ExpectSameMarks(p, tw, lw, lf);
    View ns = MakeView(mid.Start(), 1e-9, 1200.0);
    LayBoth(p, ts, &srv, ns, &win, &tw, &lw, &lf);
    EXPECT_GE(lf.VisibleEvents, 1u);
    ExpectSameMarks(p, tw, lw, lf);
    EXPECT_EQ(srv.Repeats, 0);
    TileSetDestroy(ts);
}

// A set of long ranges (90% ranges of up to 5 years; a leaf of 64 events spans about half a year, so a range runs
// over up to ten leaves): a day fetches the leaves of its starts and the covers of the first, not the leaves the
// ranges running into it start in, and still shows every one of them; so with covers' trees of 4, 2 and 16 children
// a node, each view reading at most two paths of covers (its first leaf's and the one holding its left edge).
TEST(TileSet, ADayOfLongRangesFetchesFewLeaves)
{
    for (uint32_t cf : { 4u, 2u, 16u }) {
        SCOPED_TRACE("cover fanout " + std::to_string(cf));
        const Packed& p = GetPacked(60000, 64, 4, 64, 90, cf);
        const TimelineData& w = p.Whole;
        TimelineData win;
        TileWindow tw;
        Layout lw, lf;
        size_t checked = 0;
        for (int k = 1; k <= 5; k++) {
            TileSet* ts = OpenSet(p);
            Server srv{ p.Dir };
            const Event& at = w.Tl.Events[w.Tl.Events.size() * k / 6];
            View day = MakeView(at.Start() - DurationFromSeconds(43200), 86400.0, 1200.0);
            LayBoth(p, ts, &srv, day, &win, &tw, &lw, &lf);
            const std::string leaves = "t/" + std::to_string(TileSetManifest(ts).Levels - 1) + "/";
            int fetched = 0;
            for (const std::string& path : srv.Seen)
                fetched += path.compare(0, leaves.size(), leaves) == 0;
            // ranges running in from before the view (the old format fetched each one's leaf)
            size_t running_in = 0;
            std::set<size_t> their_leaves;
            for (size_t i = 0; i < w.Tl.Events.size(); i++)
                if (w.Tl.Events[i].Start() < day.Start && !(w.Tl.Events[i].End() < day.Start)) {
                    running_in++;
                    their_leaves.insert(i / 64);
                }
            EXPECT_GE(their_leaves.size(), 6u) << k;
            EXPECT_LE(fetched, 4) << k << ": " << running_in << " ranges run in from " << their_leaves.size() << " leaves";
            int covers = 0;
            for (const std::string& path : srv.Seen)
                covers += path.compare(0, 2, "r/") == 0;
            EXPECT_EQ(TileSetManifest(ts).CoverFanout, cf);
            EXPECT_LE(covers, 2 * (int)(TileSetManifest(ts).CoverLevels() - 1)) << k;
            ExpectSameMarks(p, tw, lw, lf);
            checked += lf.VisibleEvents;
            TileSetDestroy(ts);
        }
        EXPECT_GT(checked, 50u);
    }
}

// Covers decoded a few events at a time (TileSetDecodeSome, in pieces, from the bytes handed over) give the marks of
// the whole file, and the window of a set that decodes each cover at once; while a cover the view needs is being
// decoded the view is not complete.
TEST(TileSet, CoversDecodedInStepsShowTheSameMarks)
{
    const Packed& p = GetPacked(60000, 64, 4, 64, 90);
    const TimelineData& w = p.Whole;
    TileSetOptions stepped;
    stepped.DecodeSliceEvents = 5;
    size_t checked = 0;
    int decodes = 0;
    for (int k = 1; k <= 5; k++) {
        const Event& at = w.Tl.Events[w.Tl.Events.size() * k / 6];
        View day = MakeView(at.Start() - DurationFromSeconds(43200), 86400.0, 1200.0);
        TileSet* ts = OpenSet(p, stepped);
        TileSet* once = OpenSet(p);
        Server srv{ p.Dir }, srv_once{ p.Dir };
        // the view's nodes first, then its covers: a cover arrives, is decoded in part and the view waits for it
        std::vector<TileRequest> req;
        bool saw_waiting = false;
        for (int round = 0; round < 100000 && !saw_waiting; round++) {
            TileSetUpdate(ts, day);
            TileSetTakeRequests(ts, &req);
            if (req.empty())
                break;
            for (const TileRequest& r : req) {
                const std::string bytes = ReadAll(p.Dir + r.Path);
                std::string err;
                const TileSetStats before = TileSetGetStats(ts);
                // (handed over, as the page does: a cover is decoded from that block)
                uint8_t* block = (uint8_t*)malloc(bytes.size() + 1);
                memcpy(block, bytes.data(), bytes.size());
                ASSERT_TRUE(TileSetArrivedOwned(ts, r.Path.c_str(), block, bytes.size(), &err)) << err;
                const TileSetStats after = TileSetGetStats(ts);
                if (after.Decoding > before.Decoding)   // what a cover being decoded holds counts in the cache
                    EXPECT_GE(after.CacheBytes, before.CacheBytes + bytes.size()) << r.Path;
                srv.Seen.insert(r.Path);
            }
            TileSetUpdate(ts, day);
            if (TileSetDecoding(ts)) {
                saw_waiting = true;
                EXPECT_GT(TileSetGetStats(ts).Decoding, 0);
                EXPECT_FALSE(TileSetGetStats(ts).Complete);
            }
        }
        EXPECT_TRUE(saw_waiting) << k;
        TimelineData win, win_once;
        TileWindow tw, tw_once;
        Layout lw, lf, lo;
        LayBoth(p, ts, &srv, day, &win, &tw, &lw, &lf);
        LayBoth(p, once, &srv_once, day, &win_once, &tw_once, &lo, &lf);
        EXPECT_EQ(srv_once.Decodes, 0);
        decodes += srv.Decodes;
        EXPECT_FALSE(TileSetDecoding(ts));
        ExpectSameMarks(p, tw, lw, lf);
        ExpectSameMarks(p, tw_once, lo, lf);
        EXPECT_EQ(tw.Ordinals, tw_once.Ordinals);
        EXPECT_EQ(tw.Weights, tw_once.Weights);
        ASSERT_EQ(win.Tl.Events.size(), win_once.Tl.Events.size());
        for (size_t i = 0; i < win.Tl.Events.size(); i++) {
            ASSERT_TRUE(win.Tl.Events[i].Start() == win_once.Tl.Events[i].Start()) << i;
            ASSERT_TRUE(win.Tl.Events[i].End() == win_once.Tl.Events[i].End()) << i;
            ASSERT_STREQ(win.Tl.Str(win.Tl.Events[i].Title), win_once.Tl.Str(win_once.Tl.Events[i].Title)) << i;
        }
        checked += lf.VisibleEvents;
        TileSetDestroy(ts);
        TileSetDestroy(once);
    }
    EXPECT_GT(checked, 50u);
    EXPECT_GT(decodes, 20);
}

TEST(TileSet, ALogViewCountsEveryEvent)
{
    const Packed& p = GetPacked(60000, 256, 4, 64);
    TileSet* ts = OpenSet(p);
    Server srv{ p.Dir };
    View v;
    v.Width = 1200;
    v.Scale = TimeScale_Log;
    v.Present = MakeInstant(InstantFromCivil(CivilTime{ 2030, 1, 1 }).sec, 0);
    FitView(&v, p.Whole.Tl, p.Whole.Index);
    TimelineData win;
    TileWindow tw;
    Layout lw, lf;
    LayBoth(p, ts, &srv, v, &win, &tw, &lw, &lf);
    EXPECT_EQ(lf.VisibleEvents, p.Whole.Tl.Events.size());
    EXPECT_EQ(lw.VisibleEvents, p.Whole.Tl.Events.size());
    TileSetDestroy(ts);
}

// Panning across the whole set at a zoom drawn from leaves: the cache stays under its cap (but for what the view
// uses), and no path is asked for twice unless it was evicted.
TEST(TileSet, CacheStaysUnderItsCapWhilePanning)
{
    const Packed& p = GetPacked(200000, 1024, 8, 128);
    TileSetOptions opt;
    opt.CacheBytes = 4u << 20;
    TileSet* ts = OpenSet(p, opt);
    Server srv{ p.Dir };
    const Instant t0 = p.Whole.Tl.Events.front().Start(), t1 = p.Whole.Tl.Events.back().Start();
    const double total = ToSeconds(t1 - t0), span = total / 400;
    size_t peak = 0;
    for (int i = 0; i <= 400; i += 4) {
        View v = MakeView(t0 + DurationFromSeconds(total * i / 400), span, 1200.0);
        srv.Run(ts, &v);
        TileSetStats st = TileSetGetStats(ts);
        EXPECT_TRUE(st.Complete) << i;
        peak = std::max(peak, st.CacheBytes);
        EXPECT_LE(st.CacheBytes, opt.CacheBytes + (2u << 20)) << i;   // (what the view uses may go past the cap)
    }
    EXPECT_GT(srv.Served, 100);
    TileSetDestroy(ts);
}

// A window too big to copy out of its tiles in one frame is copied over several, and the tiles it copies from stay
// in the cache meanwhile, however small the cache and wherever the view goes: it comes out as the window built at
// once.
TEST(TileSet, AWindowCopiedOverFramesKeepsItsTiles)
{
    const Packed& p = GetPacked(200000, 1024, 8, 128);
    TileSetOptions opt;
    opt.CacheBytes = 1u << 20;
    TileSet* ts = OpenSet(p, opt);
    Server srv{ p.Dir };
    const Instant t0 = p.Whole.Tl.Events.front().Start(), t1 = p.Whole.Tl.Events.back().Start();
    const double total = ToSeconds(t1 - t0);
    View v = MakeView(t0 + DurationFromSeconds(total * 0.2), total * 0.3, 1200.0);
    srv.Run(ts, &v);
    ASSERT_TRUE(TileSetGetStats(ts).Complete);
    TimelineData whole;
    TileWindow ww;
    TileSetBuildWindow(ts, &whole, &ww);
    ASSERT_GT(whole.Tl.Events.size(), 20000u);   // (more than one slice of the copy: 16384 events)
    // a build of the same window, one slice at a time; meanwhile the view goes elsewhere and its tiles come
    TimelineData steps;
    TileWindow sw;
    EXPECT_FALSE(TileSetBuildWindowSome(ts, &steps, &sw, 0.0));
    View far = MakeView(t0 + DurationFromSeconds(total * 0.7), total * 0.3, 1200.0);
    srv.Run(ts, &far);
    EXPECT_LE(TileSetGetStats(ts).CacheBytes, 24u << 20);
    while (!TileSetBuildWindowSome(ts, &steps, &sw, 0.0))
        ;
    EXPECT_EQ(ww.Ordinals, sw.Ordinals);
    EXPECT_EQ(ww.Weights, sw.Weights);
    ASSERT_EQ(whole.Tl.Events.size(), steps.Tl.Events.size());
    for (size_t i = 0; i < whole.Tl.Events.size(); i++) {
        ASSERT_TRUE(whole.Tl.Events[i].Start() == steps.Tl.Events[i].Start()) << i;
        ASSERT_STREQ(whole.Tl.Str(whole.Tl.Events[i].Title), steps.Tl.Str(steps.Tl.Events[i].Title)) << i;
    }
    TileSetDestroy(ts);
}

TEST(TileSet, DetailsSearchAndIds)
{
    const Packed& p = GetPacked(60000, 256, 4, 64);
    TileSet* ts = OpenSet(p);
    Server srv{ p.Dir };
    const uint64_t o = 12345;
    Timeline one;
    EXPECT_FALSE(TileSetEventDetails(ts, o, &one));
    srv.Run(ts, nullptr);
    ASSERT_TRUE(TileSetEventDetails(ts, o, &one));
    ASSERT_EQ(one.Events.size(), 1u);
    const Event& w = p.Whole.Tl.Events[o];
    EXPECT_STREQ(one.Str(one.Events[0].Title), p.Whole.Tl.Str(w.Title));
    EXPECT_STREQ(one.Str(one.Events[0].Id), p.Whole.Tl.Str(w.Id));
    EXPECT_STREQ(one.Str(one.Events[0].Text), p.Whole.Tl.Str(w.Text));
    EXPECT_TRUE(one.Events[0].Start() == w.Start());
    // ids through the id shards
    uint64_t found = 0;
    const std::string id = p.Whole.Tl.Str(w.Id);
    EXPECT_EQ(TileSetFindId(ts, id.c_str(), &found), -1);
    srv.Run(ts, nullptr);
    EXPECT_EQ(TileSetFindId(ts, id.c_str(), &found), 1);
    EXPECT_EQ(found, o);
    EXPECT_EQ(TileSetFindId(ts, "no-such-id", &found), -1);
    srv.Run(ts, nullptr);
    EXPECT_EQ(TileSetFindId(ts, "no-such-id", &found), 0);
    // search: each word a prefix of a word of the event; the whole file checked the same way
    std::vector<std::string> words;
    TileWords(p.Whole.Tl.Str(w.Title), strlen(p.Whole.Tl.Str(w.Title)), &words);
    ASSERT_FALSE(words.empty());
    std::string q = words[0].substr(0, std::max<size_t>(1, words[0].size() - 1));
    if (words.size() > 1)
        q += " " + words[1];
    std::vector<uint64_t> m;
    EXPECT_EQ(TileSetSearch(ts, q.c_str(), &m), -1);
    srv.Run(ts, nullptr);
    int n = TileSetSearch(ts, q.c_str(), &m);
    ASSERT_GT(n, 0);
    EXPECT_TRUE(std::binary_search(m.begin(), m.end(), o)) << q;
    std::vector<std::string> qw;
    TileWords(q.c_str(), q.size(), &qw);
    size_t expect = 0;
    for (size_t i = 0; i < p.Whole.Tl.Events.size(); i++) {
        const Event& e = p.Whole.Tl.Events[i];
        std::string all = std::string(p.Whole.Tl.Str(e.Title)) + " " + p.Whole.Tl.Str(e.Text);
        if (e.Extra != kNoExtra)
            for (StrId t : p.Whole.Tl.Extras[e.Extra].Tags)
                all += std::string(" ") + p.Whole.Tl.Str(t);
        std::vector<std::string> ew;
        TileWords(all.c_str(), all.size(), &ew);
        bool every = true;
        for (const std::string& a : qw) {
            bool any = false;
            for (const std::string& b : ew)
                any |= b.compare(0, a.size(), a) == 0;
            every &= any;
        }
        expect += every;
    }
    EXPECT_EQ((size_t)n, expect) << q;
    EXPECT_EQ(srv.Repeats, 0);
    TileSetDestroy(ts);
}

// A selected event whose leaf the view does not use is shown on its own once its leaf is here.
TEST(TileSet, AnOrdinalAskedForIsShownOnItsOwn)
{
    const Packed& p = GetPacked(60000, 256, 4, 64);
    TileSet* ts = OpenSet(p);
    Server srv{ p.Dir };
    View v;
    v.Width = 1200;
    FitView(&v, p.Whole.Tl, p.Whole.Index);
    srv.Run(ts, &v);
    TimelineData win;
    TileWindow tw;
    TileSetBuildWindow(ts, &win, &tw);
    const uint64_t o = 33333;
    EXPECT_FALSE(TileSetWantOrdinal(ts, o));
    srv.Run(ts, &v);
    EXPECT_TRUE(TileSetWantOrdinal(ts, o));
    EXPECT_TRUE(TileSetWindowChanged(ts));
    TileSetBuildWindow(ts, &win, &tw);
    int i = tw.IndexOf(o);
    ASSERT_GE(i, 0);
    EXPECT_TRUE(win.Tl.Events[(size_t)i].Start() == p.Whole.Tl.Events[o].Start());
    Instant s;
    EXPECT_TRUE(TileSetOrdinalStart(ts, o, &s));
    EXPECT_TRUE(s == p.Whole.Tl.Events[o].Start());
    TileSetDestroy(ts);
}

// The window built a frame's budget at a time (TileSetBuildWindowSome) is the window built at once, and the first
// window hands out the text of every title it holds (TileWindow::NewText, for the fonts).
TEST(TileSet, WindowBuiltInStepsIsBuiltAtOnce)
{
    const Packed& p = GetPacked(60000, 512, 8, 64);
    TileSet* ts = OpenSet(p);
    Server srv{ p.Dir };
    const Instant t0 = p.Whole.Tl.Events.front().Start(), t1 = p.Whole.Tl.Events.back().Start();
    const double total = ToSeconds(t1 - t0);
    bool first = true;
    for (double frac : { 1.0, 0.2, 0.01, 0.3 }) {
        View v = MakeView(t0 + DurationFromSeconds(total * 0.3), total * frac, 1200.0);
        srv.Run(ts, &v);
        ASSERT_TRUE(TileSetGetStats(ts).Complete);
        ASSERT_TRUE(TileSetWindowChanged(ts) || !first);
        TimelineData steps;
        TileWindow sw;
        int calls = 1;
        while (!TileSetBuildWindowSome(ts, &steps, &sw, 0.0))
            calls++;
        EXPECT_FALSE(TileSetBuildingWindow(ts));
        EXPECT_FALSE(TileSetWindowChanged(ts));
        if (first) {
            // every title is in the text handed out
            for (const Event& e : steps.Tl.Events) {
                if (!e.Title)
                    continue;
                bool in = false;
                for (const auto& r : sw.NewText)
                    in |= e.Title >= r.first && e.Title < r.first + r.second;
                ASSERT_TRUE(in) << steps.Tl.Str(e.Title);
            }
            first = false;
        }
        TimelineData whole;
        TileWindow ww;
        TileSetBuildWindow(ts, &whole, &ww);
        ASSERT_EQ(whole.Tl.Events.size(), steps.Tl.Events.size()) << frac;
        EXPECT_GT(whole.Tl.Events.size(), 0u);
        EXPECT_EQ(ww.Ordinals, sw.Ordinals);
        EXPECT_EQ(ww.Weights, sw.Weights);
        for (size_t i = 0; i < whole.Tl.Events.size(); i++) {
            EXPECT_EQ(whole.Tl.Events[i].Start(), steps.Tl.Events[i].Start());
            // an event on its own is the file's event of its ordinal, title and all
            if (sw.Weights.empty() || sw.Weights[i] == 1) {
                const Event& f = p.Whole.Tl.Events[(size_t)sw.Ordinals[i]];
                EXPECT_TRUE(f.Start() == steps.Tl.Events[i].Start()) << i;
                ASSERT_STREQ(p.Whole.Tl.Str(f.Title), steps.Tl.Str(steps.Tl.Events[i].Title)) << i;
            }
            EXPECT_STREQ(whole.Tl.Str(whole.Tl.Events[i].Title), steps.Tl.Str(steps.Tl.Events[i].Title));
            if (i > 0)
                EXPECT_LE(sw.Ordinals[i - 1], sw.Ordinals[i]);
        }
        ASSERT_EQ(whole.Index.Lanes.size(), steps.Index.Lanes.size());
        for (size_t l = 0; l < whole.Index.Lanes.size(); l++)
            EXPECT_EQ(whole.Index.Lanes[l].Events, steps.Index.Lanes[l].Events);
        // a window asked for while a build is under way: that build is finished and a new one made
        TileWindow aw;
        TimelineData a;
        TileSetBuildWindowSome(ts, &a, &aw, 0.0);
        TileSetBuildWindow(ts, &whole, &ww);
        EXPECT_EQ(ww.Ordinals, sw.Ordinals);
        EXPECT_FALSE(TileSetBuildingWindow(ts));
    }
    TileSetDestroy(ts);
}

// The steps through the shown events (TileSetShownFrom) find what a scan of the whole file finds, from anywhere,
// both ways, with any groups hidden: a common group, a sparse one (in places, a run of it), events of no group.
// A step fetches a few nodes, not the leaves of the hidden events in between.
TEST(TileSet, ShownFromFindsWhatTheWholeFileFinds)
{
    const int n = 20000;
    const uint32_t fanout = 4;
    // one event an hour; "b" every 2500th and a run of ten at 9000, none of a group every 1000th, else "a"
    std::string json = "{\"groups\": [{\"id\": \"a\", \"label\": \"A\"}, {\"id\": \"b\", \"label\": \"B\"}], \"events\": [\n";
    std::vector<int> group(n);   // 0 a, 1 b, 2 none
    for (int i = 0; i < n; i++) {
        group[i] = i % 2500 == 7 || (i >= 9000 && i < 9010) ? 1 : i % 1000 == 3 ? 2 : 0;
        char buf[160];
        snprintf(buf, sizeof(buf), "%s{\"start\": %lld, \"title\": \"E%d\"%s}", i ? ",\n" : "",
                 (long long)i * 3600, i, group[i] == 0 ? ", \"group\": \"a\"" : group[i] == 1 ? ", \"group\": \"b\"" : "");
        json += buf;
    }
    json += "]}\n";
    const Packed& p = PackJson("shown", json, 64, fanout, 32);
    ASSERT_FALSE(HasFailure());   // (packed and loaded)

    const std::vector<std::vector<bool>> hides = { {}, { true }, { true, false, true }, { false, true },
                                                   { false, false, true }, { true, true, true } };
    for (const std::vector<bool>& hidden : hides) {
        TileSet* ts = OpenSet(p);
        Server srv{ p.Dir };
        const uint32_t levels = TileSetManifest(ts).Levels;
        int most = 0;
        for (int from = 0; from < n; from += from < 9100 && from > 8900 ? 1 : 97) {
            for (int dir : { 1, -1 }) {
                int want = -1;
                for (int i = from; i >= 0 && i < n; i += dir)
                    if (!(group[i] < (int)hidden.size() && hidden[group[i]])) {
                        want = i;
                        break;
                    }
                uint64_t got = 0;
                int r = -1;
                const int served = srv.Served;
                for (int round = 0; round < 100 && r < 0; round++) {
                    r = TileSetShownFrom(ts, (uint64_t)from, dir, hidden, &got);
                    if (r < 0)
                        srv.Run(ts, nullptr);
                }
                ASSERT_GE(r, 0) << "from " << from;
                EXPECT_EQ(r == 1 ? (int)got : -1, want) << "from " << from << " dir " << dir << " hidden " << hidden.size();
                most = std::max(most, srv.Served - served);
            }
        }
        EXPECT_LE(most, (int)(levels * fanout)) << "hidden " << hidden.size();
        if (hidden == std::vector<bool>{ true, false, true }) {
            // only the sparse group shown: its steps read the inner nodes, and the leaves of its one run and those
            // between it and the steps' starts next to it (of 313)
            const std::string leaves = "t/" + std::to_string(levels - 1) + "/";
            int read = 0;
            for (const std::string& path : srv.Seen)
                read += path.compare(0, leaves.size(), leaves) == 0;
            EXPECT_LE(read, 6);
        }
        TileSetDestroy(ts);
    }
}

// Titles in other scripts (the generator's, all scripts, short and long) are found through the search shards as
// in the whole file: a word of each script and its first two letters (a shard key of multi-byte code points, hex in
// the path), matching events all over the set.
TEST(TileSet, WordsOfEveryScriptAreFoundThroughTheShards)
{
    const uint32_t leaf = 256;
    GenerateParams gp;
    gp.Seed = 11;
    gp.Count = 6000;
    gp.TitleScripts = GenScript_All;
    gp.TitleLength = GenTitle_Mixed;
    std::string json;
    GenerateTimelineJson(gp, &json);
    const Packed& p = PackJson("scripts", json, leaf, 4, 64);
    ASSERT_FALSE(HasFailure());   // (packed and loaded)
    const Timeline& tl = p.Whole.Tl;
    // each event's words, as the packer reads them
    std::vector<std::vector<std::string>> words(tl.Events.size());
    for (size_t i = 0; i < tl.Events.size(); i++) {
        const Event& e = tl.Events[i];
        std::string all = std::string(tl.Str(e.Title)) + " " + tl.Str(e.Text);
        if (e.Extra != kNoExtra)
            for (StrId t : tl.Extras[e.Extra].Tags)
                all += std::string(" ") + tl.Str(t);
        TileWords(all.c_str(), all.size(), &words[i]);
    }
    struct Script { const char* Name; uint32_t Lo, Hi; };
    const Script scripts[] = { { "Han", 0x4E00, 0x9FFF }, { "Katakana", 0x30A0, 0x30FF }, { "Arabic", 0x0600, 0x06FF },
                               { "Hebrew", 0x0590, 0x05FF }, { "Devanagari", 0x0900, 0x097F },
                               { "Cyrillic", 0x0400, 0x04FF }, { "Hangul", 0xAC00, 0xD7A3 }, { "emoji", 0x2600, 0x1FAFF } };
    TileSet* ts = OpenSet(p);
    Server srv{ p.Dir };
    for (const Script& sc : scripts) {
        // the script's most common word (of two letters or more; emoji: one a word)
        std::map<std::string, int> seen;
        for (const std::vector<std::string>& ws : words)
            for (const std::string& w : ws) {
                size_t at = 0;
                const uint32_t c = Utf8Decode(w.data(), w.size(), &at);
                if (c >= sc.Lo && c <= sc.Hi && (at < w.size() || sc.Lo == 0x2600))
                    seen[w]++;
            }
        std::string word;
        int most = 0;
        for (const auto& kv : seen)
            if (kv.second > most) {
                most = kv.second;
                word = kv.first;
            }
        ASSERT_FALSE(word.empty()) << sc.Name;
        size_t two = 0;
        Utf8Decode(word.data(), word.size(), &two);
        Utf8Decode(word.data(), word.size(), &two);
        for (const std::string& q : { word, word.substr(0, two) }) {
            std::vector<uint64_t> m;
            int n = TileSetSearch(ts, q.c_str(), &m);
            for (int round = 0; round < 10 && n < 0; round++) {
                srv.Run(ts, nullptr);
                n = TileSetSearch(ts, q.c_str(), &m);
            }
            std::vector<uint64_t> expect;
            for (size_t i = 0; i < words.size(); i++)
                for (const std::string& w : words[i])
                    if (w.compare(0, q.size(), q) == 0) {
                        expect.push_back(i);
                        break;
                    }
            EXPECT_EQ(m, expect) << sc.Name << " " << q;
            EXPECT_FALSE(expect.empty()) << sc.Name << " " << q;
            if (q.size() == two && sc.Lo != 0x2600)   // (two letters: events in many leaves)
                EXPECT_GT(expect.back() / leaf, expect.front() / leaf) << sc.Name << " " << q;
        }
    }
    TileSetDestroy(ts);
}
