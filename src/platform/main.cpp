// Chronoscope platform: the native program (see cli.h for its command line).
//
//   chronoscope FILE.json                      a window at once; the file loads on a thread, reloads on change
//   chronoscope FILE.json --screenshot out.png one frame to a PNG, then exit
//   chronoscope OUT_DIR/                       a tiled timeline (`chronoscope pack`): its tiles read as the view needs
//   chronoscope --validate FILE...             errors as FILE:LINE:COL, or one summary line per file
//   FILE - is standard input; a FIFO or a pipe is read as its data comes (core LoadTimelineFile)
//
// On the web main() does nothing: the JS wrapper starts the engine through web_page.cpp.
#if !defined(__EMSCRIPTEN__)
#include "platform/cli.h"
#include "platform/gl_renderer.h"
#include "platform/locale_icu.h"
#include "platform/images_native.h"
#include "platform/main_loop.h"
#include "platform/png_write.h"
#include "platform/reloader.h"
#include "platform/text_native.h"
#include "platform/tiles_native.h"

#include "core/link.h"
#include "core/media.h"
#include "core/quote.h"

#include "imgui.h"
#include "imgui_internal.h"  // ImGuiContext::InputEventsQueue (inputs not yet applied)

#include <SDL.h>

#include <sys/stat.h>
#include <unistd.h>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

using namespace chronoscope;

// What the watcher compares: which file the path names, and a regular file's modification time. A FIFO's or a
// device's time moves with every write into it, the load's own data included: such a file is read once, and again
// only when the path names another file.
struct FileStamp {
    dev_t     Dev = 0;
    ino_t     Ino = 0;
    long long MTime = 0;
    bool operator!=(const FileStamp& o) const { return Dev != o.Dev || Ino != o.Ino || MTime != o.MTime; }
};

static bool GetFileStamp(const char* path, FileStamp* out)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return false;
    out->Dev = st.st_dev;
    out->Ino = st.st_ino;
    out->MTime = S_ISREG(st.st_mode) ? (long long)st.st_mtime * 1000000000LL + st.st_mtim.tv_nsec : 0;
    return true;
}

// Loads the file before the first frame (for a screenshot or --select), on the load thread all the same: a quit
// meanwhile (SIGTERM, the window closed) ends a wait for a FIFO's writer or a slow pipe. False after such a quit.
static bool LoadBeforeFirstFrame(Reloader* r, const char* path)
{
    ReloaderStart(r, path);
    while (!r->Done) {
        SDL_PumpEvents();  // (SDL turns SIGTERM into SDL_QUIT here; other events stay queued for the first frame)
        if (SDL_PeepEvents(nullptr, 0, SDL_PEEKEVENT, SDL_QUIT, SDL_QUIT) > 0) {
            ReloaderStop(r);
            return false;
        }
        SDL_Delay(10);
    }
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

// Text the atlas cannot draw (app/text_runs.h) is shaped and drawn by the native rasteriser (text_native.h) with the
// fonts of the same folders, into GL textures.
static void TextStart(App* app)
{
    std::vector<std::string> dirs = NativeTextFontDirs();
    std::vector<const char*> d;
    for (const std::string& s : dirs)
        d.push_back(s.c_str());
    d.push_back(nullptr);
    app->Runs.Rasteriser = NativeTextRasteriserCreate(d.data());
    TextRunTextures& t = app->Runs.Textures;
    t.Create = [](int w, int h, void*) { return RendererCreateTexture(w, h); };
    t.Update = [](uint64_t tex, int x, int y, int w, int h, const uint8_t* rgba, void*) {
        RendererUpdateTexture(tex, x, y, w, h, rgba);
    };
    t.Free = [](uint64_t tex, void*) { RendererFreeTexture(tex); };
}

static void TextStop(App* app)
{
    TextRunsClear(&app->Runs);  // (while the GL context is there)
    NativeTextRasteriserDestroy(&app->Runs.Rasteriser);
}

static void Shutdown(MainLoop* m)
{
    NativeImagesStop(&m->App);
    TextStop(&m->App);
    MainShutdown(m);
}

// Relative media URLs resolve against the data file's own URL (standard input's: the current folder).
static void SetMediaBase(App* app, const char* file)
{
    char buf[PATH_MAX];
    if (!AppIsStdin(file) && realpath(file, buf))
        app->Pictures.Base = FileUrlFromPath(buf);
    else if (getcwd(buf, sizeof(buf)))
        app->Pictures.Base = FileUrlFromPath(std::string(buf) + "/");
}

// A few frames let layout, fonts and animations settle; the last one is captured. The pictures the frames ask for
// are waited for (up to kPictureWaitMs), so that the screenshot shows them, and so are text runs past a frame's
// budget. Characters no font has are reported (the screenshot shows them as boxes).
static NativeTiles g_tiles;
static bool g_tiled = false;

// A tiled timeline's screenshot waits (up to kTileWaitMs) until every tile its view needs is here and read, and what
// was asked for by the selection or the search too.
static void WaitForTiles(MainLoop* m)
{
    const Uint32 kTileWaitMs = 30000, t0 = SDL_GetTicks();
    int settled = 0;
    while (!m->Quit && SDL_GetTicks() - t0 < kTileWaitMs) {
        NativeTilesPump(&g_tiles, &m->App, 50.0);
        MainFrame(m);
        const TileSetStats st = AppTileStats(&m->App);
        const bool done = st.Complete && st.InFlight == 0 && !NativeTilesBusy(&g_tiles);
        settled = done ? settled + 1 : 0;
        if (settled >= 3)   // (a frame to rebuild the window, one for the view it settles to)
            return;
    }
    fprintf(stderr, "chronoscope: warning: the view's tiles did not all come in time\n");
}

static int Screenshot(MainLoop* m, const char* path)
{
    if (g_tiled)
        WaitForTiles(m);
    const Uint32 kPictureWaitMs = 5000, t0 = SDL_GetTicks();
    for (int i = 0; i < 6 && !m->Quit; i++) {
        NativeImagesPump(&m->App);
        m->CaptureNext = (i == 5);
        if (i == 5 && (m->App.Pictures.Loading > 0 || m->App.Runs.WantFrame) && SDL_GetTicks() - t0 < kPictureWaitMs) {
            m->CaptureNext = false;
            i--;
            SDL_Delay(5);
        }
        MainFrame(m);
    }
    if (m->App.Data) {
        int missing = AppMissingGlyphs(&m->App);
        if (missing > 0)
            fprintf(stderr, "chronoscope: warning: %d characters of the text have no glyph in the fonts\n", missing);
    }
    bool ok = !m->Captured.empty() && WritePngRgb(path, m->Captured.data(), m->CapturedWidth, m->CapturedHeight);
    if (!ok)
        fprintf(stderr, "chronoscope: error: cannot write %s\n", path);
    return ok ? 0 : 1;
}

int main(int argc, char** argv)
{
    CliOptions o;
    int status = CliParse(argc, argv, &o);
    if (status >= 0)
        return status;

    // The dates' locale: --locale, else the environment's (one ICU has no data for: English, and a warning); the
    // time zone. Both are checked before a window opens.
    Locale loc;
    TimeZoneSetting zone;
    {
        std::string err, tag = o.Locale ? o.Locale : EnvironmentLocale();
        if (!IcuLocale(tag, &loc, &err)) {
            fprintf(stderr, "chronoscope: %s: --locale: %s\n", o.Locale ? "error" : "warning", err.c_str());
            if (o.Locale)
                return 2;
            loc = Locale();
        }
        if (o.TimeZone && !IcuTimeZone(o.TimeZone, &zone, &err)) {
            fprintf(stderr, "chronoscope: error: --time-zone: %s\n", err.c_str());
            return 2;
        }
    }

    static MainLoop m;
    if (!MainInit(&m, o.File ? o.File : "Chronoscope", o.Width, o.Height, false))
        return 1;
    const char* env_dir = getenv("CHRONOSCOPE_FONT_DIR");
    const char* dirs[] = { env_dir ? env_dir : "", "/usr/share/fonts/truetype/noto", "/usr/share/fonts/truetype/nanum",
                           "/usr/local/share/fonts", nullptr };
    m.App.UiFontRegular = FindFont("NotoSans-Regular.ttf", dirs);
    m.App.UiFontBold = FindFont("NotoSans-Bold.ttf", dirs);
    m.App.CjkFont = FindFont("NanumGothic.ttf", dirs);
    AppSetTheme(&m.App, o.Dark);
    m.App.RightToLeft = o.Rtl;
    AppSetLocale(&m.App, loc);
    AppSetTimeZone(&m.App, zone);
    NativeImagesStart(&m.App);
    TextStart(&m.App);
    if (o.File)
        SetMediaBase(&m.App, o.File);

    // A screenshot or --select needs the data before the first frame; otherwise the file loads on a thread
    // while the window is already up. Standard input is read once; a file is watched for changes.
    g_tiled = NativeIsTileDir(o.File);
    if (g_tiled) {
        if (!NativeTilesOpen(&g_tiles, &m.App, o.File) && o.Screenshot) {
            Shutdown(&m);
            return 1;
        }
    }
    const char* file = g_tiled ? nullptr : o.File;   // (a single file, loaded and watched)
    const bool load_now = o.Screenshot || o.Select;
    const bool watch = file && !AppIsStdin(file);
    FileStamp stamp;
    Reloader reloader;
    reloader.Quiet = o.Screenshot != nullptr;
    if (file) {
        if (watch)
            GetFileStamp(o.File, &stamp);
        if (!load_now) {
            ReloaderStart(&reloader, o.File);
        } else if (!LoadBeforeFirstFrame(&reloader, o.File)) {
            if (o.Screenshot)
                fprintf(stderr, "chronoscope: error: quit before %s was read\n", o.File);
            Shutdown(&m);
            return o.Screenshot ? 1 : 0;
        } else if (!ReloaderPoll(&reloader, &m.App, o.File) && o.Screenshot) {
            Shutdown(&m);  // (the errors went to stderr)
            return 1;
        }
    }
    if (o.Log)
        AppSetLogScale(&m.App, true);  // before the window: --window is read on the log axis
    bool window_pending = o.HaveWindow;
    if (window_pending && (load_now || g_tiled)) {
        AppSetWindow(&m.App, o.WindowStart, o.WindowEnd);
        window_pending = false;
    }
    if (o.Select && !AppSelect(&m.App, o.Select)) {
        fprintf(stderr, "chronoscope: error: --select: no event with id %s\n", QuoteExcerpt(o.Select, strlen(o.Select)).c_str());
        Shutdown(&m);
        return 2;
    }
    if (o.Screenshot) {
        status = Screenshot(&m, o.Screenshot);
        Shutdown(&m);
        return status;
    }

    Uint32 last_check = SDL_GetTicks();
    m.SkipUnchanged = true;  // an idle window draws nothing and waits for input
    while (!m.Quit) {
        // Input wakes the wait at once; loads, animations and the file check go on at 20 Hz. ImGui applies some
        // inputs that arrive together over several frames (a wheel after a move, an up after a down): while it
        // holds any, no waiting.
        if (m.LastSkipped && ImGui::GetCurrentContext()->InputEventsQueue.Size == 0 && !m.App.Runs.WantFrame &&
            !(g_tiled && NativeTilesBusy(&g_tiles)))
            SDL_WaitEventTimeout(nullptr, 50);
        if (g_tiled && NativeTilesPump(&g_tiles, &m.App, 4.0))
            m.ForceDraw = true;   // (tiles read: a frame builds the window again)
        if (file && ReloaderPoll(&reloader, &m.App, o.File)) {
            ImagesClear(&m.App.Pictures);  // the pictures may have changed with the file: read them again
            if (window_pending) {
                AppSetWindow(&m.App, o.WindowStart, o.WindowEnd);  // --window, once the first load is on screen
                window_pending = false;
            }
        }
        if (NativeImagesPump(&m.App))
            m.ForceDraw = true;
        MainFrame(&m);
        if (!m.App.PendingLink.empty()) {
            // Only http(s) links are ever opened, with the desktop's handler.
            if (IsOpenableLink(m.App.PendingLink.c_str()))
                SDL_OpenURL(m.App.PendingLink.c_str());
            m.App.PendingLink.clear();
        }
        Uint32 now = SDL_GetTicks();
        if (watch && now - last_check > 500) {
            last_check = now;
            FileStamp t;
            if (GetFileStamp(o.File, &t) && t != stamp) {
                stamp = t;
                ReloaderStart(&reloader, o.File);
            }
        }
    }
    ReloaderStop(&reloader);
    Shutdown(&m);
    return 0;
}
#else
int main() { return 0; }  // the JS wrapper starts the engine (web_page.cpp)
#endif
