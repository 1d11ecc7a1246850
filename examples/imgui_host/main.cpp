// A host program: SDL2 + OpenGL 3 + its own Dear ImGui, with two Chronoscope timelines side by side in one
// ImGui window. Each keeps its own view, selection and search; the host reads their selections after each frame
// and prints what changed.
//
//   imgui_host [LEFT.json [RIGHT.json]]        (default: the demo's two stories)
#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_impl_sdl2.h"

#include "core/format.h"
#include "core/load.h"
#include "ui/chronoscope.h"

#include <SDL.h>
#include <SDL_opengl.h>

#include <sys/stat.h>
#include <cstdio>
#include <string>

namespace cs = chronoscope;

// A timeline the host shows, and what it printed of it last.
struct Shown {
    const char*      Name;
    std::string      Path;
    cs::TimelineData Data;
    int              Selected = -1;
    std::string      Window;
};

static bool Load(Shown* s)
{
    cs::LoadResult res;
    bool ok = cs::LoadTimelineFile(s->Path.c_str(), cs::LoadOptions(), &s->Data.Tl, &res);
    for (const cs::Diagnostic& d : res.Diagnostics)
        fprintf(stderr, "%s\n", cs::FormatDiagnostic(s->Path.c_str(), d).c_str());
    if (ok)
        cs::BuildTimelineIndex(s->Data.Tl, &s->Data.Index);
    return ok;
}

// Draws one timeline and reports its changes, as a host reacting to the widget would.
static void ShowTimeline(Shown* s, ImVec2 size)
{
    if (!cs::BeginTimeline(s->Name, &s->Data, size))
        return;
    cs::EndTimeline();
    int sel = cs::GetTimelineSelection();
    if (sel != s->Selected) {
        s->Selected = sel;
        if (sel >= 0)
            printf("%s: selected \"%s\"\n", s->Name, s->Data.Tl.Str(s->Data.Tl.Events[sel].Title));
        else
            printf("%s: nothing selected\n", s->Name);
    }
    if (!cs::IsTimelineAnimating()) {
        cs::Instant a, b;
        cs::GetTimelineWindow(&a, &b);
        std::string w = cs::FormatInstant(a, cs::Precision_Day) + " .. " + cs::FormatInstant(b, cs::Precision_Day);
        if (w != s->Window) {
            s->Window = w;
            printf("%s: window %s\n", s->Name, w.c_str());
        }
    }
    fflush(stdout);
}

static bool Exists(const char* path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

int main(int argc, char** argv)
{
    Shown left{ "left", argc > 1 ? argv[1] : "assets/demo/bts.json" };
    Shown right{ "right", argc > 2 ? argv[2] : "assets/demo/deeptime.json" };
    if (!Load(&left) || !Load(&right))
        return 1;

    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
        fprintf(stderr, "imgui_host: SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_Window* window = SDL_CreateWindow("Two timelines", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, 1280, 720,
                                          SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    SDL_GLContext gl = window ? SDL_GL_CreateContext(window) : nullptr;
    if (!gl) {
        fprintf(stderr, "imgui_host: no OpenGL 3 window: %s\n", SDL_GetError());
        return 1;
    }
    SDL_GL_MakeCurrent(window, gl);
    SDL_GL_SetSwapInterval(1);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    ImGui::StyleColorsDark();
    // The host's fonts, which the timelines use too: Noto Sans with Hangul merged in, where the system has them.
    // Give the widget fonts that cover the data: here Latin-1 and general punctuation (dashes of date ranges,
    // ellipses, quotes), and Hangul for the BTS story.
    const char* noto = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
    const char* hangul = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf";
    static const ImWchar latin[] = { 0x0020, 0x00FF, 0x2000, 0x206F, 0 };
    if (Exists(noto)) {
        io.Fonts->AddFontFromFileTTF(noto, 16.0f, nullptr, latin);
        if (Exists(hangul)) {
            ImFontConfig merge;
            merge.MergeMode = true;
            io.Fonts->AddFontFromFileTTF(hangul, 16.0f, &merge, io.Fonts->GetGlyphRangesKorean());
        }
    }
    ImGui_ImplSDL2_InitForOpenGL(window, gl);
    ImGui_ImplOpenGL3_Init("#version 130");

    cs::CreateContext();
    cs::StyleColorsDark();

    printf("imgui_host: %s (%zu events) | %s (%zu events)\n", left.Path.c_str(), left.Data.Tl.Events.size(),
           right.Path.c_str(), right.Data.Tl.Events.size());
    bool quit = false;
    while (!quit) {
        SDL_Event ev;
        while (SDL_PollEvent(&ev)) {
            ImGui_ImplSDL2_ProcessEvent(&ev);
            if (ev.type == SDL_QUIT)
                quit = true;
        }
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplSDL2_NewFrame();
        ImGui::NewFrame();

        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(io.DisplaySize);
        ImGui::Begin("Two timelines", nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse);
        ImGui::TextUnformatted("Each timeline zooms, pans and selects on its own. Hover one to give it the keys.");
        const float spacing = ImGui::GetStyle().ItemSpacing.x;
        const float footer = ImGui::GetFrameHeightWithSpacing();
        const float w = (ImGui::GetContentRegionAvail().x - spacing) * 0.5f;
        ShowTimeline(&left, ImVec2(w, -footer));
        ImGui::SameLine();
        ShowTimeline(&right, ImVec2(w, -footer));
        auto title = [](const Shown& s) { return s.Selected >= 0 ? s.Data.Tl.Str(s.Data.Tl.Events[s.Selected].Title) : "nothing"; };
        ImGui::Text("Selected: %s  |  %s", title(left), title(right));
        ImGui::End();

        ImGui::Render();
        glViewport(0, 0, (int)(io.DisplaySize.x * io.DisplayFramebufferScale.x), (int)(io.DisplaySize.y * io.DisplayFramebufferScale.y));
        glClearColor(0.1f, 0.1f, 0.12f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        SDL_GL_SwapWindow(window);
    }

    cs::DestroyContext();
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
    SDL_GL_DeleteContext(gl);
    SDL_DestroyWindow(window);
    SDL_Quit();
    return 0;
}
