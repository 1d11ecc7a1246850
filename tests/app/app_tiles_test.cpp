// The product's App (src/app) on a tiled timeline, in a headless Dear ImGui: a set packed at test time (core/pack.h)
// and served from its directory as the platforms serve it. The widget's own controls (the story's keys and buttons,
// the search field's Enter) and the API's AppLocate reach any event of the set, not only the part of it loaded now.
#include "app/app.h"
#include "core/time.h"

#include "core/pack.h"
#include "ui/chronoscope.h"

#include "headless.h"
#include "imgui.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

using namespace chronoscope;

namespace {

const int kEvents = 20000;

std::string ReadAll(const std::string& path)
{
    std::ifstream f(path, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// The civil date of a day counted from 1970-01-01, at noon.
std::string DayIso(int64_t z)
{
    int64_t y;
    int m, d;
    CivilFromDays(z, &y, &m, &d);
    char buf[32];
    snprintf(buf, sizeof(buf), "%04lld-%02d-%02dT12:00", (long long)y, m, d);
    return buf;
}

// kEvents points one a day from 1970 (event "e<i>" is ordinal i), in one group; every 1000th (i % 1000 == 500) is
// titled "Comet i"; a description makes a title card; with `story` the story goes e15000, e10, e8000. Packed small
// (leaves of 256 events, fanout 4: a view of a few days holds a leaf or two).
// With `two_groups`, every 700th event (i % 700 == 350) is of a second group "h".
struct Set {
    std::string Dir;
    explicit Set(bool story, bool two_groups = false)
    {
        namespace fs = std::filesystem;
        fs::path tmp = fs::temp_directory_path() / ("cs_app_tiles_" + std::to_string(getpid()) + (story ? "_story" : "") +
                                                    (two_groups ? "_two" : ""));
        fs::create_directories(tmp);
        std::string json = std::string("{\"title\": \"Tiled story\", \"description\": \"A story over a packed set.\", "
                                       "\"groups\": [{\"id\": \"g\", \"label\": \"G\"}, {\"id\": \"h\", \"label\": \"H\"}], ") +
                           (story ? "\"story\": [\"e15000\", \"e10\", \"e8000\"], " : "") + "\"events\": [\n";
        for (int i = 0; i < kEvents; i++) {
            char buf[200];
            snprintf(buf, sizeof(buf), "%s{\"id\": \"e%d\", \"start\": \"%s\", \"title\": \"%s %d\", \"text\": \"Text %d\", \"group\": \"%s\"}",
                     i ? ",\n" : "", i, DayIso(i).c_str(), i % 1000 == 500 ? "Comet" : "Event", i, i,
                     two_groups && i % 700 == 350 ? "h" : "g");
            json += buf;
        }
        json += "]}\n";
        std::ofstream((tmp / "in.json").string(), std::ios::binary) << json;
        PackOptions opt;
        opt.LeafEvents = 256;
        opt.Fanout = 4;
        opt.Bins = 64;
        PackStats st;
        std::string err;
        EXPECT_TRUE(PackTimeline((tmp / "in.json").c_str(), (tmp / "out").c_str(), opt, &st, &err)) << err;
        Dir = (tmp / "out").string() + "/";
        Root = tmp.string();
    }
    ~Set() { std::filesystem::remove_all(Root); }
    std::string Root;
};

const Set& GetSet(bool story = true)
{
    static Set with(true), without(false);
    return story ? with : without;
}

const Set& GetTwoGroups()
{
    static Set two(false, true);
    return two;
}

// The App in a headless ImGui (1200x600), its tiles served from the set's directory after each frame.
struct Host : test::HeadlessImGui {
    App A;
    std::string Dir;

    explicit Host(const Set& s) : Dir(s.Dir)
    {
        AppInit(&A);
        GetInputMap().ReducedMotion = true;   // steps jump: the view is where it goes at once
        const std::string m = ReadAll(Dir + "manifest.json");
        EXPECT_TRUE(AppOpenTiles(&A, m.data(), m.size(), "manifest.json"));
    }
    void Frame() override
    {
        ImGui::NewFrame();
        AppDraw(&A);
        ImGui::Render();
        std::vector<TileRequest> req;
        AppTileRequests(&A, &req);
        for (const TileRequest& r : req) {
            const std::string bytes = ReadAll(Dir + r.Path);
            if (bytes.empty())
                AppTileFailed(&A, r.Path.c_str(), "no such file");
            else
                AppTileArrived(&A, r.Path.c_str(), (const uint8_t*)bytes.data(), bytes.size());
        }
        AppTileDecodeSome(&A, 1.0);   // (big covers, after the frame as the page does)
    }
    // Frames until the view's tiles are all here and nothing is asked for (at most n).
    void Settle(int n = 200)
    {
        for (int i = 0; i < n; i++) {
            Frame();
            const TileSetStats st = AppTileStats(&A);
            if (st.Complete && st.InFlight == 0 && i >= 3)
                return;
        }
    }
    // Frames until cond() (at most n); true when it came.
    template <typename F>
    bool Until(F cond, int n = 200)
    {
        for (int i = 0; i < n; i++) {
            if (cond())
                return true;
            Frame();
        }
        return cond();
    }
    template <typename Fn>
    auto On(Fn fn)
    {
        SetCurrentTimeline(A.TimelineId);
        auto r = fn();
        SetCurrentTimeline(0);
        return r;
    }
    ImVec2 Rect(TimelineRect which, ImVec2* max = nullptr)
    {
        return On([&] {
            ImVec2 a, b;
            GetTimelineRect(which, &a, &b);
            if (max)
                *max = b;
            return a;
        });
    }
    // The selected event as the App and the widget see it: its ordinal, once its window index is the widget's
    // selection and its text has come (-1 otherwise).
    int64_t Shown()
    {
        const int64_t o = AppSelected(&A);
        if (o < 0 || !AppTilesHaveDetails(&A, o))
            return -1;
        const int w = On([] { return GetTimelineSelection(); });
        return w >= 0 && w == AppTilesWindowIndex(&A, o) ? o : -1;
    }
    // Zooms to `days` days about day `d` (the view's tiles then are a leaf or two).
    void ZoomTo(int64_t d, int days)
    {
        Instant a, b;
        std::string err;
        ASSERT_TRUE(ParseInstant(DayIso(d - days / 2).c_str(), &a));
        ASSERT_TRUE(ParseInstant(DayIso(d + days / 2).c_str(), &b));
        AppSetWindow(&A, a, b);
        Settle();
    }
    static bool ParseInstant(const char* iso, Instant* out)
    {
        // (12:00 UTC of that day, as the data's dates are)
        int y, m, d;
        if (sscanf(iso, "%d-%d-%d", &y, &m, &d) != 3)
            return false;
        CivilTime c;
        c.year = y;
        c.month = m;
        c.day = d;
        c.hour = 12;
        *out = InstantFromCivil(c);
        return true;
    }
};

} // namespace

// The widget's story controls (the Right / Left keys, which the title card's "Start the story" and the details
// panel's Next / Previous share) step through the set's story by ordinal, to events far outside the loaded part,
// and back to the title card.
TEST(AppTiles, TheWidgetsStoryStepsWalkTheWholeSetsStory)
{
    Host h(GetSet());
    h.Settle();
    EXPECT_TRUE(h.On([] { return IsTimelineTitleCardShown(); }));
    ImVec2 p1;
    const ImVec2 p0 = h.Rect(TimelineRect_Plot, &p1);
    h.MouseTo(ImVec2(p0.x + 40, (p0.y + p1.y) * 0.5f));   // (the keys go to the timeline under the pointer)
    const int64_t want[] = { 15000, 10, 8000, 8000 };
    for (int64_t o : want) {
        h.Key(ImGuiKey_RightArrow);
        EXPECT_TRUE(h.Until([&] { return h.Shown() == o; })) << "Right: want ordinal " << o << ", selected "
                                                               << AppSelected(&h.A);
        // the step landed where the event is: the view holds it (it was nowhere near the loaded part)
        ImVec2 at;
        EXPECT_TRUE(h.On([&] { return LocateTimelineEvent(AppTilesWindowIndex(&h.A, o), &at); })) << o;
    }
    for (int64_t o : { (int64_t)10, (int64_t)15000 }) {
        h.Key(ImGuiKey_LeftArrow);
        EXPECT_TRUE(h.Until([&] { return h.Shown() == o; })) << "Left: want ordinal " << o << ", selected "
                                                               << AppSelected(&h.A);
    }
    h.Key(ImGuiKey_LeftArrow);
    h.Frame();
    EXPECT_EQ(AppSelected(&h.A), -1);
    EXPECT_TRUE(h.On([] { return IsTimelineTitleCardShown(); }));
    // Home and End: the set's first and last events
    h.Key(ImGuiKey_End);
    EXPECT_TRUE(h.Until([&] { return h.Shown() == kEvents - 1; })) << AppSelected(&h.A);
    h.Key(ImGuiKey_Home);
    EXPECT_TRUE(h.Until([&] { return h.Shown() == 0; })) << AppSelected(&h.A);
}

// Without a story of its own the steps go through every event in time order, by ordinal: from the title card to the
// first, across a leaf's edge, Home and End, and from the middle of the view when nothing is selected.
TEST(AppTiles, WithoutAStoryTheStepsGoThroughEveryEventInTimeOrder)
{
    Host h(GetSet(false));
    h.Settle();
    ImVec2 p1;
    const ImVec2 p0 = h.Rect(TimelineRect_Plot, &p1);
    h.MouseTo(ImVec2(p0.x + 40, (p0.y + p1.y) * 0.5f));
    h.Key(ImGuiKey_RightArrow);
    EXPECT_TRUE(h.Until([&] { return h.Shown() == 0; })) << AppSelected(&h.A);
    const int64_t last = 256 * 7 - 1;   // the last event of a leaf (a leaf holds 256)
    h.ZoomTo(last, 2);
    ASSERT_TRUE(AppSelectIndex(&h.A, (int)last));
    ASSERT_TRUE(h.Until([&] { return h.Shown() == last; }));
    h.Key(ImGuiKey_RightArrow);
    EXPECT_TRUE(h.Until([&] { return h.Shown() == last + 1; })) << AppSelected(&h.A);
    h.Key(ImGuiKey_LeftArrow);
    EXPECT_TRUE(h.Until([&] { return h.Shown() == last; })) << AppSelected(&h.A);
    h.Key(ImGuiKey_End);
    EXPECT_TRUE(h.Until([&] { return h.Shown() == kEvents - 1; })) << AppSelected(&h.A);
    h.Key(ImGuiKey_LeftArrow);
    EXPECT_TRUE(h.Until([&] { return h.Shown() == kEvents - 2; })) << AppSelected(&h.A);
    h.Key(ImGuiKey_Home);
    EXPECT_TRUE(h.Until([&] { return h.Shown() == 0; })) << AppSelected(&h.A);
    // nothing selected: from the middle of the view
    ASSERT_TRUE(AppSelectIndex(&h.A, -1));
    h.ZoomTo(5000, 4);
    h.Key(ImGuiKey_RightArrow);
    EXPECT_TRUE(h.Until([&] { return h.Shown() == 5000; })) << AppSelected(&h.A);
}

// With a group hidden in the legend the steps in time order skip its events, as they do in a single file, to the
// next shown event however far (the hidden group's leaves in between need not come): from the title card, on and
// back, Home and End.
TEST(AppTiles, TheStepsSkipTheEventsOfHiddenGroups)
{
    Host h(GetTwoGroups());
    h.Settle();
    h.On([] {
        SetTimelineGroupHidden(0, true);   // "g": all but every 700th event
        return true;
    });
    ImVec2 p1;
    const ImVec2 p0 = h.Rect(TimelineRect_Plot, &p1);
    h.MouseTo(ImVec2(p0.x + 40, (p0.y + p1.y) * 0.5f));
    h.Key(ImGuiKey_RightArrow);
    EXPECT_TRUE(h.Until([&] { return h.Shown() == 350; })) << AppSelected(&h.A);
    h.Key(ImGuiKey_RightArrow);
    EXPECT_TRUE(h.Until([&] { return h.Shown() == 1050; })) << AppSelected(&h.A);
    h.Key(ImGuiKey_RightArrow);
    EXPECT_TRUE(h.Until([&] { return h.Shown() == 1750; })) << AppSelected(&h.A);
    h.Key(ImGuiKey_LeftArrow);
    EXPECT_TRUE(h.Until([&] { return h.Shown() == 1050; })) << AppSelected(&h.A);
    h.Key(ImGuiKey_End);
    EXPECT_TRUE(h.Until([&] { return h.Shown() == 19950; })) << AppSelected(&h.A);
    h.Key(ImGuiKey_RightArrow);   // the last shown: stays
    for (int i = 0; i < 10; i++)
        h.Frame();
    EXPECT_EQ(AppSelected(&h.A), 19950);
    h.Key(ImGuiKey_LeftArrow);
    EXPECT_TRUE(h.Until([&] { return h.Shown() == 19250; })) << AppSelected(&h.A);
    h.Key(ImGuiKey_Home);
    EXPECT_TRUE(h.Until([&] { return h.Shown() == 350; })) << AppSelected(&h.A);
    h.Key(ImGuiKey_LeftArrow);    // back before the first shown: the title card
    h.Frame();
    EXPECT_EQ(AppSelected(&h.A), -1);
    EXPECT_TRUE(h.On([] { return IsTimelineTitleCardShown(); }));
}

// The search field's Enter steps through the matches of the whole set (the shards'), by ordinal, and the bar
// counts where the step is.
TEST(AppTiles, TheSearchFieldsEnterStepsThroughTheWholeSetsMatches)
{
    Host h(GetSet());
    h.Settle();
    h.ZoomTo(3000, 4);   // no match near: the matches are 500, 1500, ... 19500
    ASSERT_TRUE(AppSelectIndex(&h.A, 3000));
    ASSERT_TRUE(h.Until([&] { return h.Shown() == 3000; }));
    ImVec2 s1;
    const ImVec2 s0 = h.Rect(TimelineRect_Search, &s1);
    ASSERT_GT(s1.x - s0.x, 0.0f);
    h.Click(ImVec2((s0.x + s1.x) * 0.5f, (s0.y + s1.y) * 0.5f));
    for (const char* c = "comet"; *c; c++)
        ImGui::GetIO().AddInputCharacter((unsigned)*c);
    h.Frame();
    h.Key(ImGuiKey_Enter);
    EXPECT_TRUE(h.Until([&] { return h.Shown() == 3500; })) << AppSelected(&h.A);
    EXPECT_EQ(h.On([] { return GetTimelineMatchCount(); }), 20);
    EXPECT_EQ(h.On([] { return GetTimelineMatchCursor(); }), 3);   // "4 of 20"
    h.Key(ImGuiKey_Enter);
    EXPECT_TRUE(h.Until([&] { return h.Shown() == 4500; })) << AppSelected(&h.A);
    EXPECT_EQ(h.On([] { return GetTimelineMatchCursor(); }), 4);
}

// AppLocate (the JS API's locate(id)) finds any event drawn on its own by its id, through the id shards: not
// yet while the shard and the event's leaf come, then where its mark is; never an event out of the view.
TEST(AppTiles, LocateFindsAnyIdInTheView)
{
    Host h(GetSet());
    h.Settle();
    h.ZoomTo(12345, 6);
    float x = 0, y = 0;
    bool found = false;
    for (int i = 0; i < 100 && !found; i++) {
        found = AppLocate(&h.A, "e12345", &x, &y);
        h.Frame();
    }
    ASSERT_TRUE(found);
    ImVec2 p1;
    const ImVec2 p0 = h.Rect(TimelineRect_Plot, &p1);
    const float mid = (p0.x + p1.x) * 0.5f;
    EXPECT_NEAR(x, mid, (p1.x - p0.x) * 0.1f);   // the middle of the view
    EXPECT_TRUE(y >= p0.y && y <= p1.y);
    EXPECT_EQ(AppSelected(&h.A), -1);            // (locating selects nothing)
    // its neighbour a day later, to the right
    float x2 = 0, y2 = 0;
    found = false;
    for (int i = 0; i < 100 && !found; i++) {
        found = AppLocate(&h.A, "e12346", &x2, &y2);
        h.Frame();
    }
    ASSERT_TRUE(found);
    EXPECT_GT(x2, x);
    // an event far out of the view, and an id no event has: never
    for (int i = 0; i < 30; i++) {
        EXPECT_FALSE(AppLocate(&h.A, "e100", &x, &y));
        EXPECT_FALSE(AppLocate(&h.A, "nope", &x, &y));
        h.Frame();
    }
}
