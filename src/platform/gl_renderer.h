// Chronoscope platform: draws Dear ImGui's draw data with OpenGL.
//
// Native builds use Dear ImGui's OpenGL 3 backend. The web build draws with a small WebGL 2 renderer of its own
// that never reads GL state back. In a browser every glGet* is a synchronous round trip to the GPU process that
// waits until the previous frame has been drawn; ImGui's backend saves and restores the state it touches with
// about twenty such queries per frame, which blocked the page's thread for ~12 ms of every frame (Chromium,
// software GL, 2 cores) and so serialised the page with the GPU process. The engine owns its context: there is
// nothing to save or restore, and the state is simply set each frame. Its shaders compile in the GPU process while
// the page goes on (KHR_parallel_shader_compile): frames draw nothing until they are ready.
//
//   RendererInit(glsl);          after the GL context is current
//   AppUpdateFonts -> RendererRebuildFontTexture() whenever the atlas changed
//   each frame: RendererNewFrame(); ... ImGui::Render(); RendererDraw(ImGui::GetDrawData());
//   RendererShutdown();
//
// A frame whose draw data hashes the same as the last one drawn need not be drawn again (MainLoop::SkipUnchanged):
// the web build then leaves the canvas alone (the browser keeps showing its last frame), so an idle timeline costs
// the GPU process nothing, which matters with software WebGL, where every frame drawn is a full-canvas job for
// the CPU; the native app neither draws nor swaps and waits for input.
#pragma once

#include <cstdint>

struct ImDrawData;

namespace chronoscope {

bool RendererInit(const char* glsl_version);
void RendererShutdown();
void RendererNewFrame();
void RendererDraw(ImDrawData* draw_data);   // draws nothing until RendererReady()
bool RendererReady();                       // the shaders are compiled (the web build compiles them in the background)
void RendererRebuildFontTexture();
uint64_t RendererHash(const ImDrawData* draw_data, uint64_t seed);  // vertices, indices, commands and the seed

// Textures the app fills (pictures, text runs: app/images.h, app/text_runs.h), natively and on the web: RGBA8,
// linear filtering, clamped; Create uploads rgba (width x height straight RGBA pixels, rows top down) or clears to
// transparent when it is null; Update writes w x h pixels at (x, y).
uint64_t RendererCreateTexture(int width, int height, const uint8_t* rgba = nullptr);
void     RendererUpdateTexture(uint64_t texture, int x, int y, int w, int h, const uint8_t* rgba);
void     RendererFreeTexture(uint64_t texture);

} // namespace chronoscope
