// A headless Dear ImGui context for the widget's tests: the default font built (no renderer), a 1200x600 display
// at 60 frames a second, and a Chronoscope context; both destroyed with it.
#pragma once

#include "ui/chronoscope.h"

#include "imgui.h"

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

} // namespace test
} // namespace chronoscope
