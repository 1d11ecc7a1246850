// The widget's pictures in a headless Dear ImGui context: the details panel draws the host's texture scaled to its
// width, a placeholder while loading or after a failure, a card for a video; marks get thumbnails only where they
// have room; without a provider nothing is asked for.
#include "ui/chronoscope.h"

#include "core/index.h"
#include "core/load.h"

#include "headless.h"
#include "imgui.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>

using namespace chronoscope;

namespace {

const ImTextureID kPicture = (ImTextureID)(intptr_t)0x7001, kThumb = (ImTextureID)(intptr_t)0x7002;

struct Provider {
    std::map<std::string, int> Asked;   // url -> times asked
    static void Get(const char* url, TimelineImage* out, void* user)
    {
        Provider* p = (Provider*)user;
        p->Asked[url]++;
        std::string u = url;
        if (u == "pic.png" || u == "thumb.png") {
            out->Status = TimelineImageStatus_Ready;
            out->Texture = u == "pic.png" ? kPicture : kThumb;
            out->Size = ImVec2(400, 200);
        } else if (u == "broken.png") {
            out->Status = TimelineImageStatus_Failed;
            out->Note = "not found";
        } else {
            out->Status = TimelineImageStatus_Loading;
        }
    }
};

struct Host : test::HeadlessImGui {
    TimelineData Data;
    Host(const std::string& json)
    {
        LoadResult res;
        EXPECT_TRUE(LoadTimeline(json.data(), json.size(), LoadOptions(), &Data.Tl, &res));
        BuildTimelineIndex(Data.Tl, &Data.Index);
    }
    ImGuiID Id = 0;
    void Frame() override
    {
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
        ImGui::Begin("host", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
        if (BeginTimeline("t", &Data, ImVec2(1200, 600))) {
            Id = GetTimelineID();
            EndTimeline();
        }
        ImGui::End();
        ImGui::Render();
    }
    void Select(const char* id)
    {
        SetCurrentTimeline(Id);
        SetTimelineSelection(FindEvent(Data.Tl, id), true);
        SetCurrentTimeline(0);
        Frame();
        Frame();
    }
    ImVec2 Rect(TimelineRect r, ImVec2* max)
    {
        SetCurrentTimeline(Id);
        ImVec2 a;
        GetTimelineRect(r, &a, max);
        SetCurrentTimeline(0);
        return a;
    }
    // how many draw commands used this texture in the last frame, those left of left_x not counted; the last one's
    // bounds
    int Drawn(ImTextureID tex, ImVec2* min = nullptr, ImVec2* max = nullptr, float left_x = -1e9f)
    {
        int n = 0;
        ImDrawData* dd = ImGui::GetDrawData();
        for (int l = 0; l < dd->CmdListsCount; l++) {
            const ImDrawList* dl = dd->CmdLists[l];
            for (const ImDrawCmd& c : dl->CmdBuffer) {
                if (c.GetTexID() != tex || !c.ElemCount)
                    continue;
                ImVec2 a(1e9f, 1e9f), b(-1e9f, -1e9f);
                for (unsigned i = 0; i < c.ElemCount; i++) {
                    ImVec2 p = dl->VtxBuffer[dl->IdxBuffer[c.IdxOffset + i]].pos;
                    a.x = std::min(a.x, p.x); a.y = std::min(a.y, p.y);
                    b.x = std::max(b.x, p.x); b.y = std::max(b.y, p.y);
                }
                if (a.x < left_x)
                    continue;
                n++;
                if (min && max) {
                    *min = a;
                    *max = b;
                }
            }
        }
        return n;
    }
    int DrawnInPanel(ImTextureID tex, ImVec2* min = nullptr, ImVec2* max = nullptr)
    {
        ImVec2 dmax, dmin = Rect(TimelineRect_Details, &dmax);
        return Drawn(tex, min, max, dmin.x);
    }
};

const char* kJson = R"({"events": [
  {"id": "pic", "start": "2020-01-01", "end": "2020-06-01", "title": "With a picture",
   "media": {"url": "pic.png", "caption": "A caption", "credit": "A credit"}},
  {"id": "thumb", "start": "2020-07-01", "title": "With a thumbnail",
   "media": {"url": "pic.png", "thumbnail": "thumb.png"}},
  {"id": "broken", "start": "2020-09-01", "title": "Broken", "media": {"url": "broken.png", "credit": "Someone"}},
  {"id": "slow", "start": "2020-10-01", "title": "Slow", "media": {"url": "slow.png"}},
  {"id": "video", "start": "2020-11-01", "title": "Video", "media": {"url": "https://youtu.be/dQw4w9WgXcQ"}},
  {"id": "plain", "start": "2020-12-01", "title": "Plain"}
]})";

} // namespace

TEST(WidgetMedia, ThePanelDrawsThePictureScaledToItsWidth)
{
    Host h(kJson);
    Provider p;
    SetTimelineImageProvider(&Provider::Get, &p);
    h.Frame();
    h.Select("pic");
    ImVec2 dmax, dmin = h.Rect(TimelineRect_Details, &dmax);
    ImVec2 a, b;
    ASSERT_EQ(h.DrawnInPanel(kPicture, &a, &b), 1);
    // inside the panel, 2:1 as the picture, nearly the panel's width
    EXPECT_GE(a.x, dmin.x);
    EXPECT_LE(b.x, dmax.x);
    EXPECT_GT(b.x - a.x, (dmax.x - dmin.x) * 0.7f);
    EXPECT_NEAR((b.x - a.x) / (b.y - a.y), 2.0f, 0.05f);
    ImVec2 mmax, mmin = h.Rect(TimelineRect_Media, &mmax);
    EXPECT_NEAR(mmin.x, a.x, 1.0f);
    EXPECT_NEAR(mmax.y, b.y, 1.0f);
}

TEST(WidgetMedia, PlaceholdersAndCardsDrawNoPicture)
{
    Host h(kJson);
    Provider p;
    SetTimelineImageProvider(&Provider::Get, &p);
    h.Frame();
    for (const char* id : { "broken", "slow", "video" }) {
        h.Select(id);
        EXPECT_EQ(h.DrawnInPanel(kPicture), 0) << id;
        ImVec2 mmax, mmin = h.Rect(TimelineRect_Media, &mmax);
        EXPECT_GT(mmax.x - mmin.x, 100.0f) << id;   // a placeholder or card has its place
        if (std::string(id) == "video")             // 16:9, where a page may lay a player
            EXPECT_NEAR((mmax.x - mmin.x) / (mmax.y - mmin.y), 16.0f / 9.0f, 0.05f);
    }
    EXPECT_GE(p.Asked["broken.png"], 1);
    EXPECT_EQ(p.Asked.count("https://youtu.be/dQw4w9WgXcQ"), 0u);  // a video is never fetched as a picture
    h.Select("plain");
    ImVec2 mmax, mmin = h.Rect(TimelineRect_Media, &mmax);
    EXPECT_EQ(mmax.x - mmin.x, 0.0f);
}

TEST(WidgetMedia, MarksWithRoomGetThumbnails)
{
    Host h(kJson);
    Provider p;
    SetTimelineImageProvider(&Provider::Get, &p);
    for (int i = 0; i < 3; i++)
        h.Frame();
    // the range bar's picture and the point's own thumbnail, at fit-all
    EXPECT_GE(h.Drawn(kThumb), 1);
    EXPECT_GE(p.Asked["thumb.png"], 1);
    EXPECT_GE(h.Drawn(kPicture), 1);
    // zoomed out so far that the marks have no room: no thumbnail is drawn or asked for
    SetCurrentTimeline(h.Id);
    SetTimelineWindow(InstantFromDecimalYear(-50000.0), InstantFromDecimalYear(50000.0));
    SetCurrentTimeline(0);
    h.Frame();
    p.Asked.clear();
    h.Frame();
    EXPECT_EQ(h.Drawn(kThumb), 0);
    EXPECT_EQ(p.Asked.count("thumb.png"), 0u);
}

TEST(WidgetMedia, AShortBarHasItsThumbnailBesideIt)
{
    Host h(R"({"events": [
      {"id": "short", "start": "2020-06-01", "end": "2020-06-03", "title": "Two days", "media": {"url": "thumb.png"}},
      {"id": "a", "start": "2020-01-01", "title": "a"}, {"id": "b", "start": "2020-12-31", "title": "b"}]})");
    Provider p;
    SetTimelineImageProvider(&Provider::Get, &p);
    h.Frame();
    h.Frame();
    ImVec2 a, b;
    ASSERT_EQ(h.Drawn(kThumb, &a, &b), 1);
    ImVec2 pos;
    SetCurrentTimeline(h.Id);
    ASSERT_TRUE(LocateTimelineEvent(FindEvent(h.Data.Tl, "short"), &pos));
    SetCurrentTimeline(0);
    EXPECT_GT(a.x, pos.x);              // right of the bar
    EXPECT_LT(a.x - pos.x, 30.0f);
    EXPECT_NEAR((a.y + b.y) * 0.5f, pos.y, 1.0f);
}

TEST(WidgetMedia, WithoutAProviderPicturesAreCards)
{
    Host h(kJson);
    h.Frame();
    h.Select("pic");
    ImVec2 mmax, mmin = h.Rect(TimelineRect_Media, &mmax);
    EXPECT_GT(mmax.x - mmin.x, 100.0f);
    EXPECT_EQ(h.DrawnInPanel(kPicture), 0);
}

// ------------------------------------------------------------------------------------------------ app/images.h

#include "app/images.h"

#include <vector>

namespace {
struct FakeLoader {
    std::vector<std::string> Started;
    std::vector<uint64_t> Freed;
    static void Start(const std::string& url, void* u) { ((FakeLoader*)u)->Started.push_back(url); }
    static void Free(uint64_t t, void* u) { ((FakeLoader*)u)->Freed.push_back(t); }
};
void Ask(Images* im, const char* url, TimelineImage* out) { ImagesGet(url, out, im); }
} // namespace

TEST(AppImages, RelativeUrlsResolveAgainstTheDataAndLoadOnce)
{
    Images im;
    FakeLoader fl;
    im.Loader.Start = &FakeLoader::Start;
    im.Loader.Free = &FakeLoader::Free;
    im.Loader.User = &fl;
    im.Base = "https://example.org/stories/bts.json";
    TimelineImage img;
    Ask(&im, "pictures/a.png", &img);
    EXPECT_EQ(img.Status, TimelineImageStatus_Loading);
    Ask(&im, "../stories/pictures/a.png", &img);  // the same picture
    ASSERT_EQ(fl.Started.size(), 1u);
    EXPECT_EQ(fl.Started[0], "https://example.org/stories/pictures/a.png");
    EXPECT_EQ(im.Loading, 1);
    ImagesDone(&im, fl.Started[0], 42, 10, 20);
    Ask(&im, "pictures/a.png", &img);
    EXPECT_EQ(img.Status, TimelineImageStatus_Ready);
    EXPECT_EQ((intptr_t)img.Texture, 42);
    EXPECT_EQ(img.Size.y, 20.0f);
    EXPECT_EQ(im.Loading, 0);
    Ask(&im, "b.png", &img);
    ImagesFailed(&im, "https://example.org/stories/b.png", "file not found");
    Ask(&im, "b.png", &img);
    EXPECT_EQ(img.Status, TimelineImageStatus_Failed);
    EXPECT_STREQ(img.Note, "file not found");
    EXPECT_EQ(fl.Started.size(), 2u);  // a failure is remembered, not retried every frame
}

TEST(AppImages, TheCapLetsGoOfThePicturesUsedLongestAgoButNeverOfTheLastFramesOnes)
{
    Images im;
    FakeLoader fl;
    im.Loader = { &FakeLoader::Start, &FakeLoader::Free, &fl };
    im.CapBytes = 3 * 100 * 100 * 4;   // three 100x100 pictures
    TimelineImage img;
    for (int i = 0; i < 3; i++) {
        ImagesNewFrame(&im);
        std::string u = "p" + std::to_string(i) + ".png";
        Ask(&im, u.c_str(), &img);
        ImagesDone(&im, u, 100 + i, 100, 100);
    }
    EXPECT_TRUE(fl.Freed.empty());
    // p0 is drawn again; p3 arrives: p1, used longest ago, goes
    ImagesNewFrame(&im);
    Ask(&im, "p0.png", &img);
    Ask(&im, "p3.png", &img);
    ImagesDone(&im, "p3.png", 103, 100, 100);
    ASSERT_EQ(fl.Freed.size(), 1u);
    EXPECT_EQ(fl.Freed[0], 101u);
    EXPECT_EQ(im.Bytes, im.CapBytes);
    // a frame that draws more than the cap keeps all it draws
    ImagesNewFrame(&im);
    for (const char* u : { "p0.png", "p2.png", "p3.png", "p4.png" })
        Ask(&im, u, &img);
    ImagesDone(&im, "p4.png", 104, 100, 100);
    EXPECT_EQ(fl.Freed.size(), 1u);
    EXPECT_GT(im.Bytes, im.CapBytes);
    // asked again, a picture let go loads again
    Ask(&im, "p1.png", &img);
    EXPECT_EQ(img.Status, TimelineImageStatus_Loading);
    EXPECT_EQ(fl.Started.back(), "p1.png");
    // cleared: every texture freed, and one that arrives late is freed at once
    ImagesClear(&im);
    EXPECT_EQ(fl.Freed.size(), 5u);
    ImagesDone(&im, "p1.png", 105, 100, 100);
    EXPECT_EQ(fl.Freed.back(), 105u);
    EXPECT_EQ(im.Bytes, 0u);
}
