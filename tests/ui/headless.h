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
    ~HeadlessImGui()
    {
        DestroyContext(Ctx);
        ImGui::DestroyContext(Imgui);
    }
    HeadlessImGui(const HeadlessImGui&) = delete;
    HeadlessImGui& operator=(const HeadlessImGui&) = delete;
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
