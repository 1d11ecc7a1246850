// A headless Dear ImGui context for the widget's tests: the default font built (no renderer), a 1200x600 display
// at 60 frames a second, and a Chronoscope context; both destroyed with it. Also: data loaded and indexed.
#pragma once

#include "ui/chronoscope.h"

#include "core/index.h"
#include "core/load.h"
#include "imgui.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace chronoscope {
namespace test {

struct HeadlessImGui {
    ImGuiContext*    Imgui;
    TimelineContext* Ctx;

    HeadlessImGui()
    {
        Imgui = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(1200, 600);
        io.DeltaTime = 1.0f / 60.0f;
        unsigned char* px;
        int w, h;
        io.Fonts->AddFontDefault();
        io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);
        Ctx = CreateContext();
    }
    virtual ~HeadlessImGui()
    {
        DestroyContext(Ctx);
        ImGui::DestroyContext(Imgui);
    }
    HeadlessImGui(const HeadlessImGui&) = delete;
    HeadlessImGui& operator=(const HeadlessImGui&) = delete;

    // One frame of the test's own (what it draws); the input below goes through it as a user's would.
    virtual void Frame() {}
    void Frames(int n)
    {
        for (int i = 0; i < n; i++)
            Frame();
    }
    void MouseTo(ImVec2 p)
    {
        ImGui::GetIO().AddMousePosEvent(p.x, p.y);
        Frame();
    }
    void Key(ImGuiKey k)
    {
        ImGui::GetIO().AddKeyEvent(k, true);
        Frame();
        ImGui::GetIO().AddKeyEvent(k, false);
        Frame();
    }
    void Click(ImVec2 p)
    {
        MouseTo(p);
        ImGui::GetIO().AddMouseButtonEvent(0, true);
        Frame();
        ImGui::GetIO().AddMouseButtonEvent(0, false);
        Frames(2);
    }
};

// One timeline filling the display (no window padding), `Size` big (0: the room) with `Flags`, drawn by Frame();
// the pointer and keys go to it as a user's would. Id is the timeline's id after the first frame.
struct TimelineHost : HeadlessImGui {
    const TimelineData* Data = nullptr;
    TimelineFlags       Flags = 0;
    ImVec2              Size = ImVec2(0, 0);
    ImGuiID             Id = 0;

    void Frame() override
    {
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
        ImGui::Begin("host", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
        if (BeginTimeline("tl", Data, Size, Flags)) {
            Id = GetTimelineID();
            EndTimeline();
        }
        ImGui::End();
        ImGui::PopStyleVar();
        ImGui::Render();
    }
    // fn() with this timeline current (between frames)
    template <typename Fn>
    auto On(Fn fn)
    {
        SetCurrentTimeline(Id);
        auto r = fn();
        SetCurrentTimeline(0);
        return r;
    }
};

// JSON text loaded and indexed (a load error fails the test; what loaded is returned all the same).
inline std::unique_ptr<TimelineData> LoadIndexed(const std::string& json)
{
    std::unique_ptr<TimelineData> d(new TimelineData());
    LoadResult res;
    EXPECT_TRUE(LoadTimeline(json.data(), json.size(), LoadOptions(), &d->Tl, &res));
    BuildTimelineIndex(d->Tl, &d->Index);
    return d;
}

// A file loaded and indexed; null (and a test failure) when it does not load.
inline std::unique_ptr<TimelineData> LoadIndexedFile(const char* path)
{
    std::unique_ptr<TimelineData> d(new TimelineData());
    LoadResult res;
    if (!LoadTimelineFile(path, LoadOptions(), &d->Tl, &res)) {
        ADD_FAILURE() << path << " does not load";
        return nullptr;
    }
    BuildTimelineIndex(d->Tl, &d->Index);
    return d;
}

} // namespace test
} // namespace chronoscope
