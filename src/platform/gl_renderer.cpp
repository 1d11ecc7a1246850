// Chronoscope platform: draws Dear ImGui's draw data with OpenGL (gl_renderer.h).
#include "platform/gl_renderer.h"

#include "imgui.h"

#if !defined(__EMSCRIPTEN__)

#include "imgui_impl_opengl3.h"
#include "imgui_impl_opengl3_loader.h"

#include <SDL.h>

#include <vector>

// (constants Dear ImGui's loader leaves out)
#ifndef GL_TEXTURE_WRAP_S
#define GL_TEXTURE_WRAP_S 0x2802
#define GL_TEXTURE_WRAP_T 0x2803
#endif
#ifndef GL_CLAMP_TO_EDGE
#define GL_CLAMP_TO_EDGE 0x812F
#endif
#ifndef GL_UNPACK_ALIGNMENT
#define GL_UNPACK_ALIGNMENT 0x0CF5
#endif

namespace chronoscope {

bool RendererInit(const char* glsl_version) { return ImGui_ImplOpenGL3_Init(glsl_version); }
void RendererShutdown() { ImGui_ImplOpenGL3_Shutdown(); }
bool RendererReady() { return true; }
void RendererNewFrame() { ImGui_ImplOpenGL3_NewFrame(); }
void RendererDraw(ImDrawData* draw_data) { ImGui_ImplOpenGL3_RenderDrawData(draw_data); }
void RendererRebuildFontTexture()
{
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
}

// (Dear ImGui's GL loader has no glTexSubImage2D: SDL gives it)
typedef void (APIENTRY* TexSubImage2DFn)(GLenum, GLint, GLint, GLint, GLsizei, GLsizei, GLenum, GLenum, const void*);

uint64_t RendererCreateTexture(int width, int height, const uint8_t* rgba)
{
    GLuint t = 0;
    glGenTextures(1, &t);
    if (!t)
        return 0;
    GLint last = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &last);
    glBindTexture(GL_TEXTURE_2D, t);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    std::vector<uint8_t> clear;
    if (!rgba) {
        clear.assign((size_t)width * height * 4, 0);  // (a new texture's pixels are undefined in GL)
        rgba = clear.data();
    }
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
    glBindTexture(GL_TEXTURE_2D, (GLuint)last);
    return t;
}

void RendererUpdateTexture(uint64_t texture, int x, int y, int w, int h, const uint8_t* rgba)
{
    static TexSubImage2DFn sub = (TexSubImage2DFn)SDL_GL_GetProcAddress("glTexSubImage2D");
    if (!sub)
        return;
    GLint last = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &last);
    glBindTexture(GL_TEXTURE_2D, (GLuint)texture);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    sub(GL_TEXTURE_2D, 0, x, y, w, h, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
    glBindTexture(GL_TEXTURE_2D, (GLuint)last);
}

void RendererFreeTexture(uint64_t texture)
{
    GLuint t = (GLuint)texture;
    glDeleteTextures(1, &t);
}

} // namespace chronoscope

#else  // WebGL 2

#include <GLES3/gl3.h>
#include <emscripten/html5.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>

namespace chronoscope {

struct WebGlRenderer {
    GLuint Program = 0, Vao = 0, Vbo = 0, Ebo = 0, FontTexture = 0;
    GLint  LocTexture = -1, LocProjection = -1, LocWhiteUv = -1;
    bool   Checked = false;   // CheckProgram ran
    bool   Parallel = false;  // KHR_parallel_shader_compile: whether the program is ready can be asked without waiting
};
static WebGlRenderer g_gl;

// Dear ImGui draws its shapes (rectangles, lines, circles: most of a busy view's pixels) with the font atlas's white
// pixel, which multiplies the colour by one. Software WebGL pays for a texture fetch per pixel nonetheless (a
// full-canvas layer cost SwiftShader 3-4 times as much sampled as flat), so the vertex shader tells the fragment
// shader, per triangle (a flat varying: every vertex of a shape has the white pixel's coordinates), that the
// colour is the answer. The picture is the same. WhiteUv is (-1, -1), matching no vertex, while another texture is
// bound.
static const char* const kVertexShader =
    "#version 300 es\n"
    "precision highp float;\n"
    "layout (location = 0) in vec2 Position;\n"
    "layout (location = 1) in vec2 UV;\n"
    "layout (location = 2) in vec4 Color;\n"
    "uniform mat4 ProjMtx;\n"
    "uniform vec2 WhiteUv;\n"
    "out vec2 Frag_UV;\n"
    "out vec4 Frag_Color;\n"
    "flat out int Frag_Flat;\n"
    "void main() {\n"
    "    Frag_UV = UV;\n"
    "    Frag_Color = Color;\n"
    "    Frag_Flat = UV == WhiteUv ? 1 : 0;\n"
    "    gl_Position = ProjMtx * vec4(Position.xy, 0.0, 1.0);\n"
    "}\n";

static const char* const kFragmentShader =
    "#version 300 es\n"
    "precision mediump float;\n"
    "uniform sampler2D Texture;\n"
    "in vec2 Frag_UV;\n"
    "in vec4 Frag_Color;\n"
    "flat in int Frag_Flat;\n"
    "layout (location = 0) out vec4 Out_Color;\n"
    "void main() {\n"
    "    if (Frag_Flat != 0)\n"
    "        Out_Color = Frag_Color;\n"
    "    else\n"
    "        Out_Color = Frag_Color * texture(Texture, Frag_UV.st);\n"
    "}\n";

static GLuint Compile(GLenum type, const char* src)
{
    GLuint s = glCreateShader(type);
    glShaderSource(s, 1, &src, nullptr);
    glCompileShader(s);
    return s;
}

// The link status and uniform locations, asked once the GPU process has compiled the program (these queries wait
// for it). With KHR_parallel_shader_compile, frames are skipped until then instead of waiting; without it the first
// frame waits. False while not ready.
static bool CheckProgram()
{
    if (g_gl.Checked)
        return true;
    if (g_gl.Parallel) {
        GLint done = 0;
        glGetProgramiv(g_gl.Program, 0x91B1 /* GL_COMPLETION_STATUS_KHR */, &done);
        if (!done)
            return false;
    }
    g_gl.Checked = true;
    g_gl.LocTexture = glGetUniformLocation(g_gl.Program, "Texture");
    g_gl.LocProjection = glGetUniformLocation(g_gl.Program, "ProjMtx");
    g_gl.LocWhiteUv = glGetUniformLocation(g_gl.Program, "WhiteUv");
    GLint ok = 0;
    glGetProgramiv(g_gl.Program, GL_LINK_STATUS, &ok);
    if (!ok) {
        char log[1024] = "";
        glGetProgramInfoLog(g_gl.Program, sizeof(log), nullptr, log);
        fprintf(stderr, "chronoscope: error: the ImGui shader did not link: %s\n", log);
    }
    return true;
}

bool RendererReady() { return g_gl.Program && CheckProgram(); }

bool RendererInit(const char*)
{
    ImGuiIO& io = ImGui::GetIO();
    io.BackendRendererName = "chronoscope_webgl2";
    g_gl.Parallel = emscripten_webgl_enable_extension(emscripten_webgl_get_current_context(), "KHR_parallel_shader_compile");
    GLuint vs = Compile(GL_VERTEX_SHADER, kVertexShader);
    GLuint fs = Compile(GL_FRAGMENT_SHADER, kFragmentShader);
    g_gl.Program = glCreateProgram();
    glAttachShader(g_gl.Program, vs);
    glAttachShader(g_gl.Program, fs);
    glLinkProgram(g_gl.Program);
    glDeleteShader(vs);
    glDeleteShader(fs);

    // The vertex array keeps the buffers and the ImDrawVert layout; it is bound for every frame.
    glGenVertexArrays(1, &g_gl.Vao);
    glGenBuffers(1, &g_gl.Vbo);
    glGenBuffers(1, &g_gl.Ebo);
    glBindVertexArray(g_gl.Vao);
    glBindBuffer(GL_ARRAY_BUFFER, g_gl.Vbo);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, g_gl.Ebo);
    glEnableVertexAttribArray(0);
    glEnableVertexAttribArray(1);
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), (const void*)offsetof(ImDrawVert, pos));
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), (const void*)offsetof(ImDrawVert, uv));
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(ImDrawVert), (const void*)offsetof(ImDrawVert, col));
    glBindVertexArray(0);
    return true;
}

void RendererShutdown()
{
    if (g_gl.FontTexture)
        glDeleteTextures(1, &g_gl.FontTexture);
    if (g_gl.Vao)
        glDeleteVertexArrays(1, &g_gl.Vao);
    if (g_gl.Vbo)
        glDeleteBuffers(1, &g_gl.Vbo);
    if (g_gl.Ebo)
        glDeleteBuffers(1, &g_gl.Ebo);
    if (g_gl.Program)
        glDeleteProgram(g_gl.Program);
    g_gl = WebGlRenderer();
    ImGui::GetIO().Fonts->SetTexID(0);
}

void RendererNewFrame() {}

void RendererRebuildFontTexture()
{
    ImGuiIO& io = ImGui::GetIO();
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    if (!g_gl.FontTexture)
        glGenTextures(1, &g_gl.FontTexture);
    glBindTexture(GL_TEXTURE_2D, g_gl.FontTexture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    io.Fonts->SetTexID((ImTextureID)(intptr_t)g_gl.FontTexture);
}

void RendererDraw(ImDrawData* dd)
{
    int fb_w = (int)(dd->DisplaySize.x * dd->FramebufferScale.x);
    int fb_h = (int)(dd->DisplaySize.y * dd->FramebufferScale.y);
    if (fb_w <= 0 || fb_h <= 0 || !g_gl.Program || !CheckProgram())
        return;
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    glEnable(GL_SCISSOR_TEST);
    glViewport(0, 0, fb_w, fb_h);

    const float L = dd->DisplayPos.x, R = dd->DisplayPos.x + dd->DisplaySize.x;
    const float T = dd->DisplayPos.y, B = dd->DisplayPos.y + dd->DisplaySize.y;
    const float proj[16] = {
        2.0f / (R - L), 0.0f, 0.0f, 0.0f,
        0.0f, 2.0f / (T - B), 0.0f, 0.0f,
        0.0f, 0.0f, -1.0f, 0.0f,
        (R + L) / (L - R), (T + B) / (B - T), 0.0f, 1.0f,
    };
    glUseProgram(g_gl.Program);
    glUniform1i(g_gl.LocTexture, 0);
    glUniformMatrix4fv(g_gl.LocProjection, 1, GL_FALSE, proj);
    glActiveTexture(GL_TEXTURE0);
    glBindVertexArray(g_gl.Vao);
    glBindBuffer(GL_ARRAY_BUFFER, g_gl.Vbo);

    const ImVec2 off = dd->DisplayPos, scale = dd->FramebufferScale;
    const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
    GLuint bound_texture = 0;
    glUniform2f(g_gl.LocWhiteUv, -1.0f, -1.0f);
    for (int n = 0; n < dd->CmdListsCount; n++) {
        const ImDrawList* list = dd->CmdLists[n];
        glBufferData(GL_ARRAY_BUFFER, (GLsizeiptr)list->VtxBuffer.Size * (GLsizeiptr)sizeof(ImDrawVert),
                     list->VtxBuffer.Data, GL_STREAM_DRAW);
        glBufferData(GL_ELEMENT_ARRAY_BUFFER, (GLsizeiptr)list->IdxBuffer.Size * (GLsizeiptr)sizeof(ImDrawIdx),
                     list->IdxBuffer.Data, GL_STREAM_DRAW);
        for (int i = 0; i < list->CmdBuffer.Size; i++) {
            const ImDrawCmd* cmd = &list->CmdBuffer[i];
            if (cmd->UserCallback) {
                if (cmd->UserCallback != ImDrawCallback_ResetRenderState)
                    cmd->UserCallback(list, cmd);
                continue;
            }
            float x0 = (cmd->ClipRect.x - off.x) * scale.x, y0 = (cmd->ClipRect.y - off.y) * scale.y;
            float x1 = (cmd->ClipRect.z - off.x) * scale.x, y1 = (cmd->ClipRect.w - off.y) * scale.y;
            if (x1 <= x0 || y1 <= y0)
                continue;
            glScissor((int)x0, (int)((float)fb_h - y1), (int)(x1 - x0), (int)(y1 - y0));
            GLuint tex = (GLuint)(intptr_t)cmd->GetTexID();
            if (tex != bound_texture) {
                glBindTexture(GL_TEXTURE_2D, tex);
                const bool atlas = tex == g_gl.FontTexture;
                glUniform2f(g_gl.LocWhiteUv, atlas ? white.x : -1.0f, atlas ? white.y : -1.0f);
                bound_texture = tex;
            }
            // ImDrawIdx is 32-bit (CMake), so one buffer holds a whole list: no vertex offsets are needed
            glDrawElements(GL_TRIANGLES, (GLsizei)cmd->ElemCount, sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT,
                           (const void*)(intptr_t)(cmd->IdxOffset * sizeof(ImDrawIdx)));
        }
    }
    glBindVertexArray(0);
    glDisable(GL_SCISSOR_TEST);
}

uint64_t RendererCreateTexture(int width, int height, const uint8_t* rgba)
{
    GLuint t = 0;
    glGenTextures(1, &t);
    glBindTexture(GL_TEXTURE_2D, t);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);  // (null: WebGL clears it)
    return t;
}

void RendererUpdateTexture(uint64_t texture, int x, int y, int w, int h, const uint8_t* rgba)
{
    glBindTexture(GL_TEXTURE_2D, (GLuint)texture);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexSubImage2D(GL_TEXTURE_2D, 0, x, y, w, h, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
}

void RendererFreeTexture(uint64_t texture)
{
    GLuint t = (GLuint)texture;
    glDeleteTextures(1, &t);
}

} // namespace chronoscope

#endif

// --- both builds

#include <cstring>

namespace chronoscope {

static inline uint64_t HashMix(uint64_t h, uint64_t w)
{
    h ^= w;
    h *= 0x9E3779B97F4A7C15ull;
    return h ^ (h >> 29);
}

static uint64_t HashBytes(uint64_t h, const void* data, size_t size)
{
    const unsigned char* p = (const unsigned char*)data;
    size_t n = size / 8;
    for (size_t i = 0; i < n; i++) {
        uint64_t w;
        memcpy(&w, p + i * 8, 8);
        h = HashMix(h, w);
    }
    uint64_t tail = 0;
    if (size > n * 8)
        memcpy(&tail, p + n * 8, size - n * 8);
    return HashMix(h, tail ^ ((uint64_t)size << 56));
}

uint64_t RendererHash(const ImDrawData* dd, uint64_t seed)
{
    uint64_t h = HashMix(0xC5C0F00Dull, seed);
    if (!dd)
        return h;
    h = HashBytes(h, &dd->DisplayPos, sizeof(dd->DisplayPos));
    h = HashBytes(h, &dd->DisplaySize, sizeof(dd->DisplaySize));
    h = HashBytes(h, &dd->FramebufferScale, sizeof(dd->FramebufferScale));
    for (int n = 0; n < dd->CmdListsCount; n++) {
        const ImDrawList* cl = dd->CmdLists[n];
        h = HashBytes(h, cl->VtxBuffer.Data, (size_t)cl->VtxBuffer.Size * sizeof(ImDrawVert));
        h = HashBytes(h, cl->IdxBuffer.Data, (size_t)cl->IdxBuffer.Size * sizeof(ImDrawIdx));
        for (const ImDrawCmd& c : cl->CmdBuffer) {
            h = HashBytes(h, &c.ClipRect, sizeof(c.ClipRect));
            h = HashMix(h, (uint64_t)(uintptr_t)c.TextureId);
            h = HashMix(h, ((uint64_t)c.VtxOffset << 32) ^ c.IdxOffset);
            h = HashMix(h, (uint64_t)c.ElemCount ^ ((uint64_t)(c.UserCallback != nullptr) << 40));
        }
    }
    return h;
}

} // namespace chronoscope
