// Chronoscope platform: the SDL2 main loop, native and Emscripten, and the native command line.
//
// Native:  chronoscope FILE.json                      a window at once; the file loads on a thread, reloads on change
//          chronoscope FILE.json --screenshot out.png  one frame to a PNG, then exit (see --help)
//          chronoscope --validate FILE...             errors as FILE:LINE:COL, or one summary line per file
// Web:     main() does nothing; the JS wrapper (web/chronoscope.js) calls cs_start() from web_api.cpp once the
//          fonts are in the virtual file system, then loads data through the same App.
#include "platform/main_loop.h"

#include "core/date_text.h"
#include "core/format.h"
#include "core/load.h"
#include "core/validate.h"
#include "platform/gl_renderer.h"
#include "platform/png_write.h"

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

#include <sys/stat.h>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
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
    if (!RendererInit(kGlslVersion)) {
        fprintf(stderr, "chronoscope: error: could not set up the renderer\n");
        return false;
    }
    AppInit(&m->App);
    m->UiReady = true;
    return true;
}

bool IsOpenableLink(const char* url)
{
    return SDL_strncasecmp(url, "http://", 7) == 0 || SDL_strncasecmp(url, "https://", 8) == 0;
}

void MainShutdown(MainLoop* m)
{
    if (m->UiReady) {
        RendererShutdown();
        ImGui_ImplSDL2_Shutdown();
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
        if (ev.type == SDL_MULTIGESTURE && ev.mgesture.numFingers == 2 && ev.mgesture.dDist != 0.0f) {
            int w = 0, h = 0;
            SDL_GetWindowSize(m->Window, &w, &h);
            TimelineWidgetPinch(&m->App.Widget, ev.mgesture.x * (float)w, 1.0f + ev.mgesture.dDist * 4.0f);
        }
    }
    if (m->App.FontsDirty)
        m->ForceDraw = true;  // the font texture is rebuilt: the same vertices may show other glyphs
    AppUpdateFonts(&m->App);

    RendererNewFrame();
    ImGui_ImplSDL2_NewFrame();
    ImGui::NewFrame();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    ImGui::Begin("##chronoscope", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                 ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse |
                 ImGuiWindowFlags_NoBackground);  // the clear colour is the background: one less full-screen fill
    ImGui::PopStyleVar(3);
    TimelineWidgetDraw(&m->App.Widget);
    ImGui::End();
    ImGui::Render();

    ImGuiIO& io = ImGui::GetIO();
    int fb_w = (int)(io.DisplaySize.x * io.DisplayFramebufferScale.x);
    int fb_h = (int)(io.DisplaySize.y * io.DisplayFramebufferScale.y);
    float clear[4];
    TimelineWidgetClearColor(&m->App.Widget, clear);
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

#if !defined(__EMSCRIPTEN__)
using namespace chronoscope;

static const char* kHelp =
    "Chronoscope: a zoomable history timeline.\n"
    "\n"
    "Usage:\n"
    "  chronoscope FILE.json [options]     open FILE in a window; it reloads when the file changes (the old\n"
    "                                      data stays usable while a big file is re-read)\n"
    "  chronoscope --validate FILE...      check files: errors as FILE:LINE:COL: error: message (exit 1),\n"
    "                                      or one line per good file (exit 0):\n"
    "                                      FILE: N events, M milestones, E eras, G groups, span START .. END\n"
    "  chronoscope --help                  this text\n"
    "\n"
    "Options for the window:\n"
    "  --screenshot OUT.png   render one frame to OUT.png and exit (for tests and README images)\n"
    "  --size WxH             window size in pixels (default 1280x720)\n"
    "  --window START END     the visible time window; dates as in the JSON format: 2020-08-21,\n"
    "                         2020-08-21T09:30, -4500000000-06-01, or a number of years like -13.8e9\n"
    "  --select ID            select the event with this id (its details panel opens)\n"
    "  --theme light|dark     colour theme (default light)\n"
    "\n"
    "Environment: CHRONOSCOPE_FONT_DIR overrides where the UI fonts are looked up.\n";

// Loads of the open file run on a thread: the window is up at once, the data on screen (none at first) stays
// interactive while a big file is read and indexed, and a status box shows how far the read is. The result is
// put on screen on the main thread (or its errors shown, the old data kept). A change seen while a load runs
// starts another one after it.
struct Reloader {
    std::thread         Thread;
    std::atomic<bool>   Done{ false };
    std::atomic<size_t> BytesRead{ 0 }, EventsRead{ 0 };
    std::atomic<bool>   Cancel{ false };   // set on quit: the load stops at its next progress point
    size_t              FileSize = 0;
    bool                Running = false, Again = false;
    bool                First = true;   // the first load fits the view to the data and says "loaded"
    Prepared            Result;
};

static void ReloadProgress(void* user, size_t bytes, size_t events)
{
    Reloader* r = (Reloader*)user;
    r->BytesRead = bytes;
    r->EventsRead = events;
}

static void ReloadStart(Reloader* r, const std::string& path)
{
    if (r->Running) {
        r->Again = true;
        return;
    }
    struct stat st;
    r->FileSize = stat(path.c_str(), &st) == 0 ? (size_t)st.st_size : 0;
    r->BytesRead = 0;
    r->EventsRead = 0;
    r->Running = true;
    r->Done = false;
    r->Thread = std::thread([r, path]() {
        LoadOptions opt;
        opt.Progress = ReloadProgress;
        opt.ProgressUser = r;
        opt.Cancel = &r->Cancel;
        AppPrepare(nullptr, 0, path.c_str(), path.c_str(), opt, &r->Result);
        r->Done = true;
    });
}

// Once per frame: the status box while a load runs; a finished load put on screen. True when a load finished
// successfully.
static bool ReloadPoll(Reloader* r, App* app, const std::string& path)
{
    if (!r->Running)
        return false;
    if (!r->Done) {
        const char* name = strrchr(path.c_str(), '/');
        name = name ? name + 1 : path.c_str();
        std::string msg = std::string("Reading ") + name;
        size_t bytes = r->BytesRead, events = r->EventsRead;
        if (events > 0)
            msg += ": " + FormatGrouped((int64_t)events) + " events";
        if (r->FileSize > 0 && bytes > 0)
            msg += " (" + std::to_string((int)(100.0 * (double)bytes / (double)r->FileSize)) + "%)";
        else
            msg += "\xE2\x80\xA6";  // an ellipsis
        if (UiAddChars(&app->Chars, msg.c_str()))
            app->FontsDirty = true;  // a file name in other scripts than the data's
        TimelineWidgetSetNotice(&app->Widget, msg.c_str());
        return false;
    }
    r->Thread.join();
    r->Running = false;
    TimelineWidgetSetNotice(&app->Widget, "");
    size_t n = r->Result.Data ? r->Result.Data->Tl.Events.size() : 0;
    bool first = r->First;
    bool ok = AppFinishLoad(app, &r->Result, path.c_str(), !first);
    if (ok)
        r->First = false;  // until a load succeeds, the next one still fits the view to its data
    if (ok) {
        printf("%s: %s, %zu events\n", path.c_str(), first ? "loaded" : "reloaded", n);
        fflush(stdout);
    } else {
        fputs(r->Result.AllErrors.c_str(), stderr);
    }
    r->Result = Prepared();
    if (r->Again) {
        r->Again = false;
        ReloadStart(r, path);
    }
    return ok;
}

static bool FileMTime(const char* path, long long* out)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return false;
    *out = (long long)st.st_mtime * 1000000000LL + st.st_mtim.tv_nsec;
    return true;
}

static std::string FindFont(const char* file, const char* const* dirs)
{
    for (int i = 0; dirs[i]; i++) {
        if (!dirs[i][0])
            continue;
        std::string p = std::string(dirs[i]) + "/" + file;
        struct stat st;
        if (stat(p.c_str(), &st) == 0)
            return p;
    }
    return std::string();
}

static int RunValidate(int argc, char** argv, int first)
{
    int failed = 0;
    if (first >= argc) {
        fprintf(stderr, "chronoscope: error: --validate needs at least one FILE\n");
        return 2;
    }
    for (int i = first; i < argc; i++) {
        Timeline tl;
        LoadOptions opt;
        LoadResult res;
        bool ok = LoadTimelineFile(argv[i], opt, &tl, &res);
        for (const Diagnostic& d : res.Diagnostics)
            fprintf(stderr, "%s\n", FormatDiagnostic(argv[i], d).c_str());
        if (ok)
            printf("%s\n", ValidateSummary(argv[i], tl).c_str());
        else
            failed++;
    }
    return failed ? 1 : 0;
}

int main(int argc, char** argv)
{
    const char* file = nullptr;
    const char* screenshot = nullptr;
    const char* select_id = nullptr;
    const char* win_start = nullptr;
    const char* win_end = nullptr;
    bool dark = false;
    int width = 1280, height = 720;
    for (int i = 1; i < argc; i++) {
        const char* a = argv[i];
        auto need = [&](int n) {
            if (i + n >= argc) {
                fprintf(stderr, "chronoscope: error: %s needs %d argument%s (see --help)\n", a, n, n > 1 ? "s" : "");
                exit(2);
            }
        };
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) { fputs(kHelp, stdout); return 0; }
        else if (!strcmp(a, "--validate")) return RunValidate(argc, argv, i + 1);
        else if (!strcmp(a, "--screenshot")) { need(1); screenshot = argv[++i]; }
        else if (!strcmp(a, "--size")) {
            need(1);
            if (sscanf(argv[++i], "%dx%d", &width, &height) != 2 || width < 64 || height < 64 || width > 8192 || height > 8192) {
                fprintf(stderr, "chronoscope: error: --size wants WxH, e.g. 1280x720\n");
                return 2;
            }
        }
        else if (!strcmp(a, "--window")) { need(2); win_start = argv[++i]; win_end = argv[++i]; }
        else if (!strcmp(a, "--select")) { need(1); select_id = argv[++i]; }
        else if (!strcmp(a, "--theme")) {
            need(1);
            const char* t = argv[++i];
            if (strcmp(t, "dark") && strcmp(t, "light")) { fprintf(stderr, "chronoscope: error: --theme is light or dark\n"); return 2; }
            dark = !strcmp(t, "dark");
        }
        else if (a[0] == '-' && a[1]) { fprintf(stderr, "chronoscope: error: unknown option %s (see --help)\n", a); return 2; }
        else if (!file) file = a;
        else { fprintf(stderr, "chronoscope: error: one FILE at a time (use --validate for several)\n"); return 2; }
    }

    Instant ws, we;
    if (win_start) {
        ParsedDate a, b;
        std::string err;
        if (!ParseDateText(win_start, &a, &err) || !ParseDateText(win_end, &b, &err)) {
            fprintf(stderr, "chronoscope: error: --window: %s\n", err.c_str());
            return 2;
        }
        if (!(a.Time < b.Time)) {
            fprintf(stderr, "chronoscope: error: --window: END must be after START\n");
            return 2;
        }
        ws = a.Time;
        we = b.Time;
    }

    static MainLoop m;
    if (!MainInit(&m, file ? file : "Chronoscope", width, height, false))
        return 1;
    const char* env_dir = getenv("CHRONOSCOPE_FONT_DIR");
    const char* dirs[] = { env_dir ? env_dir : "", "/usr/share/fonts/truetype/noto", "/usr/share/fonts/truetype/nanum",
                           "/usr/local/share/fonts", nullptr };
    m.App.UiFontRegular = FindFont("NotoSans-Regular.ttf", dirs);
    m.App.UiFontBold = FindFont("NotoSans-Bold.ttf", dirs);
    m.App.CjkFont = FindFont("NanumGothic.ttf", dirs);
    TimelineWidgetSetTheme(&m.App.Widget, dark);

    long long mtime = 0;
    // A screenshot or --select needs the data before the first frame; otherwise the file loads on a thread
    // while the window is already up.
    const bool load_now = screenshot || select_id;
    Reloader reloader;
    if (file) {
        FileMTime(file, &mtime);
        if (!load_now) {
            ReloadStart(&reloader, file);
        } else if (!AppLoadFile(&m.App, file, false)) {
            fputs(m.App.LastError.c_str(), stderr);
            if (screenshot) {
                MainShutdown(&m);
                return 1;
            }
        }
    }
    bool window_pending = win_start != nullptr;
    if (window_pending && load_now) {
        TimelineWidgetSetWindow(&m.App.Widget, ws, we);
        window_pending = false;
    }
    if (select_id && !TimelineWidgetSelect(&m.App.Widget, select_id)) {
        fprintf(stderr, "chronoscope: error: --select: no event with id '%s'\n", select_id);
        MainShutdown(&m);
        return 2;
    }

    if (screenshot) {
        // A few frames let layout, fonts and animations settle; the last one is captured.
        for (int i = 0; i < 6 && !m.Quit; i++) {
            m.CaptureNext = (i == 5);
            MainFrame(&m);
        }
        bool ok = !m.Captured.empty() && WritePngRgb(screenshot, m.Captured.data(), m.CapturedWidth, m.CapturedHeight);
        if (!ok)
            fprintf(stderr, "chronoscope: error: cannot write %s\n", screenshot);
        MainShutdown(&m);
        return ok ? 0 : 1;
    }

    Uint32 last_check = SDL_GetTicks();
    m.SkipUnchanged = true;  // an idle window draws nothing and waits for input (was: 1.5 cores busy under Xvfb)
    while (!m.Quit) {
        // Input wakes the wait at once; loads, animations and the file check go on at 20 Hz. ImGui applies some
        // inputs that arrive together over several frames (a wheel after a move, an up after a down): while it
        // holds any, no waiting.
        if (m.LastSkipped && ImGui::GetCurrentContext()->InputEventsQueue.Size == 0)
            SDL_WaitEventTimeout(nullptr, 50);
        if (file && ReloadPoll(&reloader, &m.App, file) && window_pending) {
            TimelineWidgetSetWindow(&m.App.Widget, ws, we);  // --window, once the first load is on screen
            window_pending = false;
        }
        MainFrame(&m);
        if (!m.App.Widget.PendingLink.empty()) {
            // Only http(s) links are ever opened, with the desktop's handler.
            if (IsOpenableLink(m.App.Widget.PendingLink.c_str()))
                SDL_OpenURL(m.App.Widget.PendingLink.c_str());
            m.App.Widget.PendingLink.clear();
        }
        Uint32 now = SDL_GetTicks();
        if (file && now - last_check > 500) {
            last_check = now;
            long long t = 0;
            if (FileMTime(file, &t) && t != mtime) {
                mtime = t;
                ReloadStart(&reloader, file);
            }
        }
    }
    if (reloader.Running) {
        reloader.Cancel = true;  // quitting during a big load does not wait for it
        reloader.Thread.join();
    }
    MainShutdown(&m);
    return 0;
}
#else
int main() { return 0; }  // the JS wrapper calls cs_start() (web_api.cpp)
#endif
