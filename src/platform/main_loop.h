// Chronoscope platform: one SDL2 window + GL context + ImGui and Chronoscope contexts + App, driven a frame at a
// time. The native main() and the web bindings both use it.
#pragma once

#include "app/app.h"

#include <cstdint>
#include <vector>

struct SDL_Window;

namespace chronoscope {

struct MainLoop {
    SDL_Window*          Window = nullptr;
    void*                GlContext = nullptr;
    chronoscope::App     App;
    bool                 Quit = false;
    long long            FrameCount = 0;
    double               GlSubmitMs = 0.0;      // time spent issuing the last frame's GL calls
    double               FontsMs = 0.0;         // time the last frame spent rebuilding the font atlas (0: none)
    int                  Vertices = 0;          // vertices the last frame drew (0: skipped)
    bool                 CaptureNext = false;   // read the next frame back into Captured (RGB, top row first)
    std::vector<uint8_t> Captured;
    int                  CapturedWidth = 0, CapturedHeight = 0;
    bool                 UiReady = false;       // MainInitUi has run
    // Headless (web, no WebGL 2): no GL context and no renderer. Frames still run (input, the widget's layout and
    // logic, the App's state), so the page's API and its text view of the events work; nothing is drawn.
    bool                 Headless = false;
    // With SkipUnchanged a frame is drawn (and natively swapped) only when its draw data differs from the last
    // one drawn (see gl_renderer.h); the native loop then waits for input instead of spinning.
    bool                 SkipUnchanged = false;
    bool                 ForceDraw = true;      // the canvas was cleared (resized, exposed) or the font texture rebuilt
    bool                 LastSkipped = false;   // the last MainFrame drew nothing
    uint64_t             LastDrawHash = 0;
    long long            DrawnCount = 0;        // frames actually drawn
    struct Finger { long long Id; float X, Y; };  // a finger down, in window coordinates (SDL_FINGER* events)
    std::vector<Finger>  Fingers;               // in the order they landed (the widget pinches with two)
};

// MainInit = MainInitWindow (SDL, the window and its GL context) + MainInitUi (ImGui, the renderer, the App). The
// web build runs the two as separate tasks, so that the page can paint in between.
bool MainInit(MainLoop* m, const char* title, int width, int height, bool hidden);
bool MainInitWindow(MainLoop* m, const char* title, int width, int height, bool hidden);
bool MainInitUi(MainLoop* m);
void MainFrame(MainLoop* m);     // events, fonts, one ImGui frame, present (if it changed, with SkipUnchanged)
void MainShutdown(MainLoop* m);

} // namespace chronoscope
