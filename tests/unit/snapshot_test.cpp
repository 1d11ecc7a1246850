// Unit tests for src/core/snapshot.h (moving a loaded timeline and its index between heaps) and the loader's
// progress callback.
#include "core/generate.h"
#include "core/index.h"
#include "core/load.h"
#include "core/snapshot.h"

#include <gtest/gtest.h>

#include <atomic>

#include <cstring>
#include <string>
#include <vector>

using namespace chronoscope;

namespace {

struct Loaded {
    Timeline      Tl;
    TimelineIndex Index;
};

void LoadInto(const std::string& json, Loaded* out)
{
    LoadResult res;
    ASSERT_TRUE(LoadTimeline(json.data(), json.size(), LoadOptions(), &out->Tl, &res)) << res.Diagnostics[0].Message;
    BuildTimelineIndex(out->Tl, &out->Index);
}

// Generated data (groups, eras, tags) plus one event with every optional field.
std::string TestJson(size_t count)
{
    GenerateParams p;
    p.Count = count;
    p.Seed = 7;
    std::string json;
    GenerateTimelineJson(p, &json);
    const std::string extra =
        R"({ "id": "full", "start": "2020-08-21", "end": "2020-09-01", "title": "방탄소년단 Dynamite", "group": "g1",
             "milestone": true, "text": "Plain text.", "tags": ["single", "english"], "link": "https://example.org/",
             "media": { "url": "https://example.org/a.jpg", "caption": "cap", "credit": "cred", "thumbnail": "t.png" },
             "color": "#ff0000", "display_date": "Summer 2020" },)";
    size_t at = json.find("\"events\"");
    at = json.find('[', at) + 1;
    json.insert(at, extra);
    // a title card with media, and a story
    json.insert(json.find('{') + 1, R"("story": ["full"], "media": {"url": "cover.png", "caption": "c", "credit": "by"}, )");
    return json;
}

size_t ArrayBytes(const Snapshot& s)
{
    size_t n = 0;
    for (const SnapshotArray& a : s.Arrays)
        n += a.Size;
    return n;
}

// What the page does with a worker's image: read the header, copy each array into its slot, check.
bool Transfer(const Snapshot& s, Loaded* out, std::string* err)
{
    std::vector<SnapshotArray> slots;
    if (!SnapshotBegin(s.Header.data(), s.Header.size(), ArrayBytes(s), &out->Tl, &out->Index, &slots, err))
        return false;
    EXPECT_EQ(slots.size(), s.Arrays.size());
    if (slots.size() != s.Arrays.size())
        return false;
    for (size_t i = 0; i < slots.size(); i++) {
        EXPECT_EQ(slots[i].Size, s.Arrays[i].Size) << "array " << i;
        if (slots[i].Size != s.Arrays[i].Size)
            return false;
        if (slots[i].Size)
            memcpy(slots[i].Data, s.Arrays[i].Data, slots[i].Size);
    }
    return SnapshotFinish(out->Tl, out->Index, err);
}

// The same, sizing the arrays one at a time as the web page does.
bool TransferOneByOne(const Snapshot& s, Loaded* out, std::string* err)
{
    std::vector<SnapshotArray> slots;
    if (!SnapshotBegin(s.Header.data(), s.Header.size(), ArrayBytes(s), &out->Tl, &out->Index, &slots, err, false))
        return false;
    if (slots.size() != s.Arrays.size())
        return false;
    for (size_t i = 0; i < slots.size(); i++) {
        EXPECT_EQ(slots[i].Data, nullptr);
        EXPECT_EQ(slots[i].Size, s.Arrays[i].Size) << "array " << i;
        void* at = nullptr;
        if (!SnapshotSizeArray(&out->Tl, &out->Index, i, slots[i].Size, &at))
            return false;
        if (slots[i].Size)
            memcpy(at, s.Arrays[i].Data, slots[i].Size);
    }
    return SnapshotFinish(out->Tl, out->Index, err);
}

} // namespace

TEST(Snapshot, SizingArraysOneAtATimeGivesTheSameData)
{
    Loaded a;
    LoadInto(TestJson(3000), &a);
    Snapshot s;
    SnapshotWrite(a.Tl, a.Index, &s);
    Loaded b;
    std::string err;
    ASSERT_TRUE(TransferOneByOne(s, &b, &err)) << err;
    ASSERT_EQ(b.Tl.Events.size(), a.Tl.Events.size());
    EXPECT_EQ(0, memcmp(b.Tl.Events.data(), a.Tl.Events.data(), a.Tl.Events.size() * sizeof(Event)));
    EXPECT_EQ(b.Tl.Strings.Bytes, a.Tl.Strings.Bytes);
    ASSERT_EQ(b.Index.Lanes.size(), a.Index.Lanes.size());
    for (size_t i = 0; i < a.Index.Lanes.size(); i++) {
        EXPECT_EQ(b.Index.Lanes[i].Events, a.Index.Lanes[i].Events);
        EXPECT_EQ(b.Index.Lanes[i].BlockMaxEndSec, a.Index.Lanes[i].BlockMaxEndSec);
        EXPECT_EQ(b.Index.Lanes[i].Cum, a.Index.Lanes[i].Cum);
    }
    // not a slot, or not a whole number of elements
    void* at = nullptr;
    EXPECT_FALSE(SnapshotSizeArray(&b.Tl, &b.Index, s.Arrays.size(), 8, &at));
    EXPECT_FALSE(SnapshotSizeArray(&b.Tl, &b.Index, 0, sizeof(Event) + 1, &at));
    // more than can be allocated is a refusal, not an abort
    EXPECT_FALSE(SnapshotSizeArray(&b.Tl, &b.Index, 0, sizeof(Event) << 56, &at));
    EXPECT_FALSE(SnapshotSizeArray(&b.Tl, &b.Index, 1, (size_t)1 << 62, &at));
    // a lane's block arrays sized out of step with its events is caught
    EXPECT_TRUE(SnapshotSizeArray(&b.Tl, &b.Index, 3, b.Index.Lanes[0].BlockMaxEndSec.size() * 8 + 8, &at));
    EXPECT_FALSE(SnapshotFinish(b.Tl, b.Index, &err));
    EXPECT_NE(err.find("lane blocks"), std::string::npos) << err;
    // and its end times
    EXPECT_TRUE(SnapshotSizeArray(&b.Tl, &b.Index, 3, (b.Index.Lanes[0].BlockMaxEndSec.size() - 1) * 8, &at));
    EXPECT_TRUE(SnapshotSizeArray(&b.Tl, &b.Index, 5, b.Index.Lanes[0].EndSec.size() * 8 - 8, &at));
    EXPECT_FALSE(SnapshotFinish(b.Tl, b.Index, &err));
    EXPECT_NE(err.find("lane ends"), std::string::npos) << err;
}

TEST(Snapshot, RoundTripKeepsEveryFieldAndTheIndex)
{
    Loaded a;
    LoadInto(TestJson(5000), &a);
    ASSERT_EQ(a.Tl.Events.size(), 5001u);
    ASSERT_FALSE(a.Tl.Extras.empty());
    a.Tl.Extras.back().TextHtml = a.Tl.Strings.Add("<b>formatted</b>");  // (only TimelineJS3 files have it)
    a.Tl.DescriptionHtml = "<p>The <i>whole</i> story</p>";             // (the same)
    Snapshot s;
    SnapshotWrite(a.Tl, a.Index, &s);
    Loaded b;
    std::string err;
    ASSERT_TRUE(Transfer(s, &b, &err)) << err;

    EXPECT_EQ(b.Tl.Title, a.Tl.Title);
    EXPECT_EQ(b.Tl.Description, a.Tl.Description);
    EXPECT_EQ(b.Tl.DescriptionHtml, a.Tl.DescriptionHtml);
    EXPECT_EQ(b.Tl.MediaUrl, "cover.png");
    EXPECT_EQ(b.Tl.MediaCaption, "c");
    EXPECT_EQ(b.Tl.MediaCredit, "by");
    ASSERT_EQ(a.Tl.Story.size(), 1u);
    EXPECT_EQ(b.Tl.Story, a.Tl.Story);
    ASSERT_EQ(b.Tl.Events.size(), a.Tl.Events.size());
    EXPECT_EQ(0, memcmp(b.Tl.Events.data(), a.Tl.Events.data(), a.Tl.Events.size() * sizeof(Event)));
    EXPECT_EQ(b.Tl.Strings.Bytes, a.Tl.Strings.Bytes);
    ASSERT_EQ(b.Tl.Groups.size(), a.Tl.Groups.size());
    for (size_t i = 0; i < a.Tl.Groups.size(); i++) {
        EXPECT_EQ(b.Tl.Groups[i].Id, a.Tl.Groups[i].Id);
        EXPECT_EQ(b.Tl.Groups[i].Label, a.Tl.Groups[i].Label);
        EXPECT_EQ(b.Tl.Groups[i].Color, a.Tl.Groups[i].Color);
    }
    ASSERT_FALSE(a.Tl.Eras.empty());
    ASSERT_EQ(b.Tl.Eras.size(), a.Tl.Eras.size());
    for (size_t i = 0; i < a.Tl.Eras.size(); i++) {
        EXPECT_EQ(b.Tl.Eras[i].Label, a.Tl.Eras[i].Label);
        EXPECT_EQ(b.Tl.Eras[i].Start, a.Tl.Eras[i].Start);
        EXPECT_EQ(b.Tl.Eras[i].End, a.Tl.Eras[i].End);
        EXPECT_EQ(b.Tl.Eras[i].StartPrecision, a.Tl.Eras[i].StartPrecision);
        EXPECT_EQ(b.Tl.Eras[i].EndPrecision, a.Tl.Eras[i].EndPrecision);
        EXPECT_EQ(b.Tl.Eras[i].Color, a.Tl.Eras[i].Color);
    }
    ASSERT_EQ(b.Tl.Extras.size(), a.Tl.Extras.size());
    for (size_t i = 0; i < a.Tl.Extras.size(); i++) {
        const EventExtra &x = a.Tl.Extras[i], &y = b.Tl.Extras[i];
        EXPECT_EQ(y.Tags, x.Tags);
        EXPECT_EQ(y.Link, x.Link);
        EXPECT_EQ(y.MediaUrl, x.MediaUrl);
        EXPECT_EQ(y.MediaCaption, x.MediaCaption);
        EXPECT_EQ(y.MediaCredit, x.MediaCredit);
        EXPECT_EQ(y.MediaThumbnail, x.MediaThumbnail);
        EXPECT_EQ(y.DisplayDate, x.DisplayDate);
        EXPECT_EQ(y.TextHtml, x.TextHtml);
        EXPECT_EQ(y.Color, x.Color);
    }
    // the event with every field reads back through the copied pool
    bool found = false;
    for (const Event& e : b.Tl.Events)
        if (strcmp(b.Tl.Str(e.Id), "full") == 0) {
            found = true;
            EXPECT_STREQ(b.Tl.Str(e.Title), "방탄소년단 Dynamite");
            ASSERT_NE(e.Extra, kNoExtra);
            EXPECT_STREQ(b.Tl.Str(b.Tl.Extras[e.Extra].MediaCredit), "cred");
            EXPECT_STREQ(b.Tl.Str(b.Tl.Extras[e.Extra].MediaThumbnail), "t.png");
            EXPECT_STREQ(b.Tl.Str(b.Tl.Extras[e.Extra].DisplayDate), "Summer 2020");
        }
    EXPECT_TRUE(found);
    EXPECT_STREQ(b.Tl.Str(b.Tl.Extras.back().TextHtml), "<b>formatted</b>");

    EXPECT_EQ(b.Index.Empty, a.Index.Empty);
    EXPECT_EQ(b.Index.Min, a.Index.Min);
    EXPECT_EQ(b.Index.Max, a.Index.Max);
    ASSERT_EQ(b.Index.Groups.size(), a.Index.Groups.size());
    for (size_t i = 0; i < a.Index.Groups.size(); i++) {
        EXPECT_EQ(b.Index.Groups[i].FirstLane, a.Index.Groups[i].FirstLane);
        EXPECT_EQ(b.Index.Groups[i].LaneCount, a.Index.Groups[i].LaneCount);
        EXPECT_EQ(b.Index.Groups[i].EventCount, a.Index.Groups[i].EventCount);
    }
    ASSERT_EQ(b.Index.Lanes.size(), a.Index.Lanes.size());
    size_t with_levels = 0;
    for (size_t i = 0; i < a.Index.Lanes.size(); i++) {
        const Lane &x = a.Index.Lanes[i], &y = b.Index.Lanes[i];
        EXPECT_EQ(y.Group, x.Group);
        EXPECT_EQ(y.Events, x.Events);
        EXPECT_EQ(y.BlockMaxEndSec, x.BlockMaxEndSec);
        EXPECT_EQ(y.BlockEndSec, x.BlockEndSec);
        EXPECT_EQ(y.EndSec, x.EndSec);
        EXPECT_EQ(y.T0, x.T0);
        EXPECT_EQ(y.BucketSec, x.BucketSec);
        EXPECT_EQ(y.Cum, x.Cum);
        EXPECT_EQ(y.LevelAt, x.LevelAt);
        with_levels += x.LevelAt.empty() ? 0 : 1;
    }
    EXPECT_GT(with_levels, 0u);  // the count pyramids were exercised too
}

TEST(Snapshot, EmptyTimelineRoundTrips)
{
    Loaded a, b;
    BuildTimelineIndex(a.Tl, &a.Index);
    Snapshot s;
    SnapshotWrite(a.Tl, a.Index, &s);
    std::string err;
    ASSERT_TRUE(Transfer(s, &b, &err)) << err;
    EXPECT_TRUE(b.Tl.Events.empty());
    EXPECT_TRUE(b.Index.Empty);
}

TEST(Snapshot, EveryTruncatedOrExtendedHeaderIsAnError)
{
    Loaded a;
    LoadInto(TestJson(300), &a);
    Snapshot s;
    SnapshotWrite(a.Tl, a.Index, &s);
    for (size_t len = 0; len < s.Header.size(); len++) {
        Loaded b;
        std::vector<SnapshotArray> slots;
        std::string err;
        EXPECT_FALSE(SnapshotBegin(s.Header.data(), len, ArrayBytes(s), &b.Tl, &b.Index, &slots, &err)) << "length " << len;
        EXPECT_NE(err.find("damaged timeline image"), std::string::npos);
    }
    std::vector<uint8_t> longer = s.Header;
    longer.push_back(0);
    Loaded b;
    std::vector<SnapshotArray> slots;
    std::string err;
    EXPECT_FALSE(SnapshotBegin(longer.data(), longer.size(), ArrayBytes(s), &b.Tl, &b.Index, &slots, &err));
}

TEST(Snapshot, AHeaderAskingForOtherArraysThanWereSentIsRefused)
{
    Loaded a;
    LoadInto(TestJson(300), &a);
    Snapshot s;
    SnapshotWrite(a.Tl, a.Index, &s);
    for (size_t sent : { ArrayBytes(s) - 1, ArrayBytes(s) + 48, (size_t)0 }) {
        Loaded b;
        std::vector<SnapshotArray> slots;
        std::string err;
        EXPECT_FALSE(SnapshotBegin(s.Header.data(), s.Header.size(), sent, &b.Tl, &b.Index, &slots, &err));
        EXPECT_NE(err.find("do not match"), std::string::npos) << err;
        EXPECT_TRUE(b.Tl.Events.empty());  // nothing was allocated
    }
    // the event count in the header raised by a million (the header's event count follows the extras)
    std::vector<uint8_t> h = s.Header;
    uint64_t events = a.Tl.Events.size();
    size_t at = 0;
    for (size_t i = 0; i + 8 <= h.size(); i++) {
        uint64_t v = 0, next = 0;
        memcpy(&v, &h[i], 8);
        if (i + 16 <= h.size())
            memcpy(&next, &h[i + 8], 8);
        if (v == events && next == a.Tl.Strings.Bytes.size()) {
            at = i;
            break;
        }
    }
    ASSERT_NE(at, 0u);
    uint64_t more = events + 1000000;
    memcpy(&h[at], &more, 8);
    Loaded b;
    std::vector<SnapshotArray> slots;
    std::string err;
    EXPECT_FALSE(SnapshotBegin(h.data(), h.size(), ArrayBytes(s), &b.Tl, &b.Index, &slots, &err));
    EXPECT_TRUE(b.Tl.Events.empty());
}

TEST(Snapshot, HugeCountsInTheHeaderAreRefusedBeforeAllocating)
{
    Loaded a;
    LoadInto(TestJson(300), &a);
    Snapshot s;
    SnapshotWrite(a.Tl, a.Index, &s);
    // the group count follows magic, version and the timeline's strings (each a 4-byte length and its bytes)
    std::vector<uint8_t> h = s.Header;
    size_t at = 8;
    for (const std::string* str : { &a.Tl.Title, &a.Tl.Description, &a.Tl.DescriptionHtml, &a.Tl.MediaUrl,
                                    &a.Tl.MediaCaption, &a.Tl.MediaCredit })
        at += 4 + str->size();
    uint32_t count = 0;
    memcpy(&count, &h[at], 4);
    ASSERT_EQ(count, a.Tl.Groups.size()) << "not the group count at byte " << at;
    uint32_t huge = 0xFFFFFFF0u;
    memcpy(&h[at], &huge, 4);
    Loaded b;
    std::vector<SnapshotArray> slots;
    std::string err;
    EXPECT_FALSE(SnapshotBegin(h.data(), h.size(), ArrayBytes(s), &b.Tl, &b.Index, &slots, &err));
    EXPECT_NE(err.find("group count"), std::string::npos) << err;
}

// Each damaged array is caught by SnapshotFinish: the widget would otherwise read out of bounds.
TEST(Snapshot, DamagedArraysAreErrorsNotCrashes)
{
    Loaded a;
    LoadInto(TestJson(2000), &a);
    Snapshot s;
    SnapshotWrite(a.Tl, a.Index, &s);
    std::string err;

    struct Case {
        const char* Name;
        void (*Damage)(Loaded* d);
        const char* Expect;
    };
    const Case cases[] = {
        { "title offset past the pool", [](Loaded* d) { d->Tl.Events[5].Title = (StrId)d->Tl.Strings.Bytes.size(); }, "event string" },
        { "group past the list", [](Loaded* d) { d->Tl.Events[1].Group = (uint16_t)d->Tl.Groups.size(); }, "event group" },
        { "extra past the list", [](Loaded* d) { d->Tl.Events[2].Extra = (uint32_t)d->Tl.Extras.size(); }, "event extra" },
        { "pool without a final NUL", [](Loaded* d) { d->Tl.Strings.Bytes.back() = 'x'; }, "string pool" },
        { "lane event past the events", [](Loaded* d) { d->Index.Lanes[0].Events[0] = (uint32_t)d->Tl.Events.size(); }, "lane event" },
        { "count past the lane", [](Loaded* d) {
              for (Lane& l : d->Index.Lanes)
                  if (!l.Cum.empty()) { l.Cum.back() = (uint32_t)l.Events.size() + 1; return; }
          }, "lane counts" },
        { "level offset past the counts", [](Loaded* d) {
              for (Lane& l : d->Index.Lanes)
                  if (!l.LevelAt.empty()) { l.LevelAt.back() = (uint32_t)l.Cum.size(); return; }
          }, "lane levels" },
        { "nanoseconds past a second", [](Loaded* d) { d->Tl.Events[3].StartNsec = 1000000000; }, "event time" },
        { "end before start", [](Loaded* d) { d->Tl.Events[4].EndSec = d->Tl.Events[4].StartSec - 10; }, "event time" },
        { "an era past the end of time", [](Loaded* d) { d->Tl.Eras[0].End.sec = INT64_MAX; }, "era time" },
        { "tag offset past the pool", [](Loaded* d) {
              for (EventExtra& x : d->Tl.Extras)
                  if (!x.Tags.empty()) { x.Tags[0] = 0xFFFFFFFFu; return; }
          }, "tag string" },
    };
    for (const Case& c : cases) {
        Loaded b;
        ASSERT_TRUE(Transfer(s, &b, &err)) << err;
        c.Damage(&b);
        EXPECT_FALSE(SnapshotFinish(b.Tl, b.Index, &err)) << c.Name;
        EXPECT_NE(err.find(c.Expect), std::string::npos) << c.Name << ": " << err;
    }
}

TEST(LoadProgress, ReportsBytesAndEventsAsItReads)
{
    const std::string json = TestJson(5000);
    struct Seen {
        std::vector<size_t> Bytes, Events;
    } seen;
    LoadOptions opt;
    opt.ProgressEvery = 1000;
    opt.ProgressUser = &seen;
    opt.Progress = [](void* user, size_t bytes, size_t events) {
        Seen* s = (Seen*)user;
        s->Bytes.push_back(bytes);
        s->Events.push_back(events);
    };
    Timeline tl;
    LoadResult res;
    ASSERT_TRUE(LoadTimeline(json.data(), json.size(), opt, &tl, &res));
    ASSERT_EQ(seen.Events.size(), 5u);  // 5001 events: at 1000, 2000, ..., 5000
    for (size_t i = 0; i < seen.Events.size(); i++) {
        EXPECT_EQ(seen.Events[i], (i + 1) * 1000);
        EXPECT_LT(seen.Bytes[i], json.size());
        if (i) {
            EXPECT_GT(seen.Bytes[i], seen.Bytes[i - 1]);
        }
    }
    // about proportional: the 5000th event is near the end of the file
    EXPECT_GT(seen.Bytes.back(), json.size() * 9 / 10);
}

// Another thread may cancel a load: it stops at the next progress point, fails, and says so.
TEST(LoadProgress, CancelStopsTheLoad)
{
    const std::string json = TestJson(5000);
    struct Ctl {
        std::atomic<bool> Cancel{ false };
        size_t            Calls = 0;
    } ctl;
    LoadOptions opt;
    opt.ProgressEvery = 1000;
    opt.ProgressUser = &ctl;
    opt.Cancel = &ctl.Cancel;
    opt.Progress = [](void* user, size_t, size_t events) {
        Ctl* c = (Ctl*)user;
        c->Calls++;
        if (events >= 2000)
            c->Cancel = true;  // as if the user quit while the file loads
    };
    Timeline tl;
    LoadResult res;
    EXPECT_FALSE(LoadTimeline(json.data(), json.size(), opt, &tl, &res));
    EXPECT_EQ(ctl.Calls, 2u);  // at 1000 and 2000; it stopped at 3000
    ASSERT_FALSE(res.Diagnostics.empty());
    EXPECT_EQ(res.Diagnostics[0].Message, "the load was cancelled");
    EXPECT_EQ(res.Diagnostics[0].Line, 0);
    // not cancelled: the same load succeeds
    ctl.Cancel = false;
    opt.Progress = nullptr;
    EXPECT_TRUE(LoadTimeline(json.data(), json.size(), opt, &tl, &res));
}

TEST(Snapshot, CarriesWrittenOffsetsAndRefusesAnOlderVersion)
{
    Loaded a;
    LoadInto(R"({"events": [{"id": "s", "start": "2020-08-21T13:00+09:00", "end": "2020-08-21T14:00-03:30", "title": "x"}]})", &a);
    Snapshot s;
    SnapshotWrite(a.Tl, a.Index, &s);
    Loaded b;
    std::string err;
    ASSERT_TRUE(Transfer(s, &b, &err)) << err;
    ASSERT_EQ(1u, b.Tl.Events.size());
    EXPECT_EQ(540, b.Tl.Events[0].StartOffsetMin());
    EXPECT_EQ(-210, b.Tl.Events[0].EndOffsetMin());
    // a snapshot of the version before offsets (4) is refused, not misread
    std::vector<uint8_t> header(s.Header.begin(), s.Header.end());
    uint32_t old = 4;
    memcpy(header.data() + 4, &old, 4);
    Loaded c;
    std::vector<SnapshotArray> slots;
    EXPECT_FALSE(SnapshotBegin(header.data(), header.size(), ArrayBytes(s), &c.Tl, &c.Index, &slots, &err));
    EXPECT_NE(std::string::npos, err.find("version")) << err;
}
