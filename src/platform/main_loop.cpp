// Chronoscope platform: the SDL2 window, its GL context and one frame of the App (see main_loop.h).
#include "platform/main_loop.h"

#include "platform/gl_renderer.h"
#include "ui/chronoscope.h"

#include "imgui.h"
#include "imgui_internal.h"  // ImGuiContext::InputEventsQueue (inputs not yet applied)
#include "imgui_impl_sdl2.h"

#include <SDL.h>
#if defined(__EMSCRIPTEN__)
#include <GLES3/gl3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#else
#include "imgui_impl_opengl3_loader.h"
#endif

#include <algorithm>
#include <cstdio>
#include <vector>

namespace chronoscope {

#if defined(__EMSCRIPTEN__)
static const char* const kGlslVersion = "#version 300 es";
#else
static const char* const kGlslVersion = "#version 130";
#endif

bool MainInit(MainLoop* m, const char* title, int width, int height, bool hidden)
{
    return MainInitWindow(m, title, width, height, hidden) && MainInitUi(m);
}

bool MainInitWindow(MainLoop* m, const char* title, int width, int height, bool hidden)
{
    SDL_SetHint(SDL_HINT_MOUSE_FOCUS_CLICKTHROUGH, "1");
#if defined(SDL_HINT_IME_SHOW_UI)
    SDL_SetHint(SDL_HINT_IME_SHOW_UI, "1");
#endif
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
        fprintf(stderr, "chronoscope: error: SDL_Init: %s\n", SDL_GetError());
        return false;
    }
#if defined(__EMSCRIPTEN__)
    // The WebGL 2 context is made directly, not through SDL's EGL layer, which asks the GPU process for the version,
    // the extensions and the error state, each a synchronous round trip (tens of milliseconds under software GL
    // while the page starts). SDL gets a plain window for its events; the browser presents each frame.
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
#else
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);
    Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
#endif
    if (hidden)
        flags |= SDL_WINDOW_HIDDEN;
    m->Window = SDL_CreateWindow(title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width, height, flags);
    if (!m->Window) {
        fprintf(stderr, "chronoscope: error: SDL_CreateWindow: %s\n", SDL_GetError());
        return false;
    }
#if defined(__EMSCRIPTEN__)
    if (m->Headless)
        return true;  // (SDL's window alone: its events, its size)
    EmscriptenWebGLContextAttributes attrs;
    emscripten_webgl_init_context_attributes(&attrs);
    attrs.alpha = EM_FALSE;
    attrs.depth = EM_FALSE;
    attrs.stencil = EM_FALSE;
    attrs.antialias = EM_FALSE;
    attrs.premultipliedAlpha = EM_TRUE;
    attrs.preserveDrawingBuffer = EM_FALSE;
    attrs.majorVersion = 2;
    attrs.minorVersion = 0;
    attrs.enableExtensionsByDefault = EM_FALSE;
    EMSCRIPTEN_WEBGL_CONTEXT_HANDLE ctx = emscripten_webgl_create_context("#canvas", &attrs);
    if (ctx <= 0) {
        fprintf(stderr, "chronoscope: error: no WebGL 2 context (%d)\n", (int)ctx);
        return false;
    }
    emscripten_webgl_make_context_current(ctx);
    m->GlContext = (void*)(intptr_t)ctx;
#else
    m->GlContext = SDL_GL_CreateContext(m->Window);
    if (!m->GlContext) {
        fprintf(stderr, "chronoscope: error: SDL_GL_CreateContext: %s\n", SDL_GetError());
        return false;
    }
    SDL_GL_MakeCurrent(m->Window, m->GlContext);
    SDL_GL_SetSwapInterval(1);
#endif
    return true;
}

bool MainInitUi(MainLoop* m)
{
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no imgui.ini next to the user's files, nor in the browser
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    ImGui_ImplSDL2_InitForOpenGL(m->Window, m->GlContext);
    if (!m->Headless && !RendererInit(kGlslVersion)) {
        fprintf(stderr, "chronoscope: error: could not set up the renderer\n");
        return false;
    }
    CreateContext();
    AppInit(&m->App);
    m->UiReady = true;
    return true;
}

void MainShutdown(MainLoop* m)
{
    if (m->UiReady) {
        if (!m->Headless)
            RendererShutdown();
        ImGui_ImplSDL2_Shutdown();
        DestroyContext();
        ImGui::DestroyContext();
        m->UiReady = false;
    }
    m->App.Data.reset();
    if (m->GlContext) {
#if defined(__EMSCRIPTEN__)
        emscripten_webgl_destroy_context((EMSCRIPTEN_WEBGL_CONTEXT_HANDLE)(intptr_t)m->GlContext);
#else
        SDL_GL_DeleteContext(m->GlContext);
#endif
    }
    if (m->Window)
        SDL_DestroyWindow(m->Window);
    m->GlContext = nullptr;
    m->Window = nullptr;
    SDL_Quit();
}

// Keeps MainLoop::Fingers: SDL gives a finger's place as a fraction of the window.
static void TrackFinger(MainLoop* m, const SDL_TouchFingerEvent& f)
{
    int w = 0, h = 0;
    SDL_GetWindowSize(m->Window, &w, &h);
    const long long id = (long long)f.fingerId;
    auto it = std::find_if(m->Fingers.begin(), m->Fingers.end(), [&](const MainLoop::Finger& x) { return x.Id == id; });
    if (f.type == SDL_FINGERUP) {
        if (it != m->Fingers.end())
            m->Fingers.erase(it);
        return;
    }
    const MainLoop::Finger now = { id, f.x * (float)w, f.y * (float)h };
    if (it != m->Fingers.end())
        *it = now;
    else
        m->Fingers.push_back(now);
}

void MainFrame(MainLoop* m)
{
    SDL_Event ev;
    while (SDL_PollEvent(&ev)) {
        ImGui_ImplSDL2_ProcessEvent(&ev);
        if (ev.type == SDL_QUIT)
            m->Quit = true;
        if (ev.type == SDL_WINDOWEVENT && ev.window.event == SDL_WINDOWEVENT_CLOSE &&
            ev.window.windowID == SDL_GetWindowID(m->Window))
            m->Quit = true;
        if (ev.type == SDL_WINDOWEVENT && (ev.window.event == SDL_WINDOWEVENT_EXPOSED ||
                                           ev.window.event == SDL_WINDOWEVENT_SIZE_CHANGED ||
                                           ev.window.event == SDL_WINDOWEVENT_RESTORED))
            m->ForceDraw = true;
        if (ev.type == SDL_FINGERDOWN || ev.type == SDL_FINGERMOTION || ev.type == SDL_FINGERUP)
            TrackFinger(m, ev.tfinger);
    }
    // the fingers down go to the widget (a pinch); SDL drives ImGui's pointer with the first (pan, tap)
    ImVec2 touches[2];
    for (size_t i = 0; i < 2 && i < m->Fingers.size(); i++)
        touches[i] = ImVec2(m->Fingers[i].X, m->Fingers[i].Y);
    SetTimelineTouches((int)std::min<size_t>(m->Fingers.size(), 2), touches);
    const double t_fonts = (double)SDL_GetPerformanceCounter();
    m->FontsMs = 0.0;
    if (AppUpdateFonts(&m->App) && !m->Headless) {
        RendererRebuildFontTexture();
        m->ForceDraw = true;  // the same vertices may show other glyphs
        m->FontsMs = ((double)SDL_GetPerformanceCounter() - t_fonts) * 1000.0 / (double)SDL_GetPerformanceFrequency();
    }

    if (!m->Headless)
        RendererNewFrame();
    ImGui_ImplSDL2_NewFrame();
    ImGui::NewFrame();
    AppDraw(&m->App);
    ImGui::Render();
    m->Vertices = 0;
    if (m->Headless) {
        m->FrameCount++;
        return;
    }

    ImGuiIO& io = ImGui::GetIO();
    int fb_w = (int)(io.DisplaySize.x * io.DisplayFramebufferScale.x);
    int fb_h = (int)(io.DisplaySize.y * io.DisplayFramebufferScale.y);
    float clear[4];
    AppClearColor(&m->App, clear);
    m->FrameCount++;
    if (m->SkipUnchanged) {
        // The same picture as the last frame drawn: leave the canvas alone.
        uint64_t seed = ((uint64_t)(uint32_t)fb_w << 32) ^ (uint64_t)(uint32_t)fb_h;
        for (int i = 0; i < 4; i++)
            seed = seed * 1000003u + (uint64_t)(clear[i] * 255.0f);
        bool ready = RendererReady();
        uint64_t h = RendererHash(ImGui::GetDrawData(), seed ^ (ready ? 1u : 0u));
        m->LastSkipped = h == m->LastDrawHash && !m->ForceDraw && !m->CaptureNext && ready;
        if (m->LastSkipped)
            return;
        m->LastDrawHash = h;
        m->ForceDraw = false;
    }
    m->DrawnCount++;
    m->Vertices = ImGui::GetDrawData()->TotalVtxCount;
    glViewport(0, 0, fb_w, fb_h);
    glClearColor(clear[0], clear[1], clear[2], clear[3]);
    glClear(GL_COLOR_BUFFER_BIT);
    double t_gl = (double)SDL_GetPerformanceCounter();
    RendererDraw(ImGui::GetDrawData());
    m->GlSubmitMs = ((double)SDL_GetPerformanceCounter() - t_gl) * 1000.0 / (double)SDL_GetPerformanceFrequency();
    if (m->CaptureNext) {
        m->CaptureNext = false;
        m->Captured.assign((size_t)fb_w * fb_h * 3, 0);
        m->CapturedWidth = fb_w;
        m->CapturedHeight = fb_h;
        std::vector<uint8_t> rgba((size_t)fb_w * fb_h * 4);
        glPixelStorei(GL_PACK_ALIGNMENT, 1);
        glReadPixels(0, 0, fb_w, fb_h, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
        for (int y = 0; y < fb_h; y++)  // GL rows are bottom-up
            for (int x = 0; x < fb_w; x++)
                for (int c = 0; c < 3; c++)
                    m->Captured[((size_t)y * fb_w + x) * 3 + c] = rgba[((size_t)(fb_h - 1 - y) * fb_w + x) * 4 + c];
    }
#if !defined(__EMSCRIPTEN__)
    SDL_GL_SwapWindow(m->Window);  // (the browser presents the canvas after each frame by itself)
#endif
}

} // namespace chronoscope
