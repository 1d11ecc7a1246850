// Chronoscope platform (web): the page's C functions behind the JS API (web/src/), Emscripten only.
//
// Each timeline on a page is its own wasm instance with its own canvas, so the state here is per instance.
// JS -> C: cs_start, cs_frame, cs_load, cs_set_window, cs_get_window, cs_select, cs_get_selection, ...
// C -> JS: Module.csEmit(name, json) for "load" (after the first frame that shows new data), "select" and
//          "rangechange" (at most once per frame each); Module.csOpenLink(url) when the reader opens a link;
//          Module.csLoadImage(id, url, svg) when the widget asks for a picture (see "pictures" below);
//          Module.csTextRun(...) when the widget draws text its font atlas cannot (see "text runs" below).
//
// The frame loop is the page's (web/src/display.js calls cs_frame once per animation frame), not Emscripten's:
// a frame that fails (a trap, an abort) then ends in the page's hands, which reports it and replaces the instance,
// instead of stopping the loop silently. No JS exception may unwind through wasm (it would skip the restoring of
// the wasm stack pointer), so every call out to JS below catches what it throws and reports it in a later task.
//
// Data parsed by the worker (web_worker.cpp) arrives as a snapshot (core/snapshot.h): this instance sizes its
// vectors from the header (cs_adopt_begin, which answers with the adoption table of web_table.h), the page copies
// the arrays into place a few megabytes per task, so it keeps painting, and cs_adopt_end swaps the data in.
#if defined(__EMSCRIPTEN__)
#include "platform/gl_renderer.h"
#include "platform/main_loop.h"
#include "platform/web_table.h"
#include "ui/chronoscope.h"

#include "core/link.h"
#include "core/utf8.h"
#include "core/media.h"

#include "core/date_text.h"
#include "core/format.h"
#include "core/snapshot.h"
#include "core/tileset.h"

#include "imgui.h"

#include <SDL.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <nlohmann/json.hpp>

#include <GLES3/gl3.h>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unordered_map>

using namespace chronoscope;

static MainLoop*   g_main = nullptr;
static std::string g_canvas;        // CSS selector of this instance's canvas
static std::string g_return;        // storage for strings returned to JS
static int         g_emitted_loads = 0;
static int         g_last_selected = -1;
static Instant     g_last_start, g_last_end;
static double      g_css_w = 0, g_css_h = 0, g_dpr = 0;
static bool        g_dark = false;
static double      g_frame_ms = 0;      // CPU time of the last MainFrame (events, layout, draw lists, GL calls)

static std::string Dump(const nlohmann::json& j)
{
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

static void Emit(const char* name, const std::string& json)
{
    EM_ASM({
        try {
            if (Module["csEmit"]) Module["csEmit"](UTF8ToString($0), UTF8ToString($1));
        } catch (e) { setTimeout(function() { throw e; }); }
    }, name, json.c_str());
}

// Asks the page to open a link the reader clicked (the link rule of core/link.h allowed it; the page parses it
// once more as a URL and opens only http(s)).
static void OpenLink(const std::string& url)
{
    EM_ASM({
        try {
            if (Module["csOpenLink"]) Module["csOpenLink"](UTF8ToString($0));
        } catch (e) { setTimeout(function() { throw e; }); }
    }, url.c_str());
}

static Precision WindowPrecision(Instant start, Instant end)
{
    double span = ToSeconds(end - start);
    CivilTime c = CivilFromInstant(start);
    if ((c.year < -9999 || c.year > 9999) && span > 1000.0 * 365.2425 * 86400.0)
        return Precision_Day;
    if (span < 1.0)
        return Precision_Nanosecond;
    return Precision_Millisecond;
}

static nlohmann::json WindowJson()
{
    Instant s, e;
    AppGetWindow(&g_main->App, &s, &e);
    Precision p = WindowPrecision(s, e);
    nlohmann::json j;
    j["start"] = FormatIso(s, p);
    j["end"] = FormatIso(e, p);
    j["startYear"] = DecimalYearFromInstant(s);
    j["endYear"] = DecimalYearFromInstant(e);
    return j;
}

// An event as the JS API gives it (select, getSelection): what the timeline tl holds of it.
static nlohmann::json EventJsonOf(const Timeline& tl, const Event& ev)
{
    nlohmann::json j;
    j["id"] = tl.Str(ev.Id);
    j["title"] = tl.Str(ev.Title);
    j["text"] = tl.Str(ev.Text);
    j["date"] = FormatEventDate(tl, ev, GetTimelineLocale(), GetTimelineTimeZone());  // as the timeline shows it
    j["start"] = FormatIso(ev.Start(), ev.StartPrecision());
    if (ev.Flags & EventFlags_HasEnd)
        j["end"] = FormatIso(ev.End(), ev.EndPrecision());
    j["milestone"] = ev.IsMilestone();
    if (ev.Group != kNoGroup && ev.Group < tl.Groups.size())
        j["group"] = tl.Groups[ev.Group].Id;
    if (ev.Extra != kNoExtra && ev.Extra < tl.Extras.size()) {
        const EventExtra& x = tl.Extras[ev.Extra];
        if (x.Link)
            j["link"] = tl.Str(x.Link);
        nlohmann::json tags = nlohmann::json::array();
        for (StrId t : x.Tags)
            tags.push_back(tl.Str(t));
        if (!tags.empty())
            j["tags"] = tags;
        nlohmann::json media = nlohmann::json::object();
        if (x.MediaUrl) media["url"] = tl.Str(x.MediaUrl);
        if (x.MediaCaption) media["caption"] = tl.Str(x.MediaCaption);
        if (x.MediaCredit) media["credit"] = tl.Str(x.MediaCredit);
        if (x.MediaThumbnail) media["thumbnail"] = tl.Str(x.MediaThumbnail);
        if (!media.empty())
            j["media"] = media;
    }
    return j;
}

// ------------------------------------------------------------------------------------------------ tiles
// A tiled timeline (core/tiles.h, app.h AppOpenTiles): web/src/tiles.js fetches what the engine asks for
// (cs_tile_requests) and hands it back (cs_tile_arrived, cs_tile_failed). Event numbers are then ordinals, and
// the data on screen (App.Data) is the window of loaded tiles: an event's title and dates are there while its
// leaf is loaded, its full record (id, text, tags, media) in its leaf's text page, fetched when it is selected.
static bool        g_selection_complete = true;   // the selection was emitted with its full record
static std::string g_search_query;                // a tiled search waiting for its shards ("" = none)
static bool        g_search_pending = false;

static bool Tiled() { return g_main && AppIsTiled(&g_main->App); }

// The window index of an ordinal, -1 when the window does not hold it on its own.
static int WindowIndex(uint64_t ordinal) { return AppTilesWindowIndex(&g_main->App, (int64_t)ordinal); }

// An event of a tiled timeline: what the window holds of it, which is its full record once its text page has come
// (the App copies it in) for the selected event; until then "pending": true (and the select event comes again
// with the full record). *complete: the full record.
static nlohmann::json TiledEventJson(uint64_t ordinal, bool* complete)
{
    *complete = false;
    const int w = WindowIndex(ordinal);
    if (w < 0)
        return nlohmann::json{ { "index", ordinal }, { "pending", true } };
    nlohmann::json j = EventJsonOf(g_main->App.Data->Tl, g_main->App.Data->Tl.Events[w]);
    j["index"] = ordinal;
    *complete = AppTilesHaveDetails(&g_main->App, (int64_t)ordinal);
    if (!*complete)
        j["pending"] = true;
    return j;
}

static nlohmann::json EventJson(int index, bool* complete = nullptr)
{
    bool dummy = true;
    bool* done = complete ? complete : &dummy;
    *done = true;
    if (index < 0 || !g_main)
        return nullptr;
    if (Tiled())
        return TiledEventJson((uint64_t)index, done);
    if (index >= (int)g_main->App.Data->Tl.Events.size())
        return nullptr;
    return EventJsonOf(g_main->App.Data->Tl, g_main->App.Data->Tl.Events[index]);
}

// The number of events a tiled timeline's marks stand for (the weights of the window's events): all of them when
// the whole set is in the window.
static uint64_t WindowWeight()
{
    const Timeline& tl = g_main->App.Data->Tl;
    if (tl.Weights.empty())
        return tl.Events.size();
    uint64_t n = 0;
    for (uint32_t w : tl.Weights)
        n += w;
    return n;
}

// ------------------------------------------------------------------------------------------------ search field
// The page puts an HTML input over the widget's search field while it is edited (web/src/search_field.js), since
// the canvas never gets IME composition. When the field takes the keyboard, or moves while the input is up, the
// engine sends "searchfield": {"x","y","w","h" (CSS pixels of the canvas), "text", "fontSize", "color",
// "background", "rounding", "padX"}; the page answers cs_search_overlay(1) and from then on edits the
// query (cs_search, cs_search_step) until it calls cs_search_overlay(0).
static float g_search_rect[4] = { 0, 0, 0, 0 };

static std::string CssColor(ImVec4 c)
{
    char s[64];
    snprintf(s, sizeof(s), "rgba(%d,%d,%d,%.3f)", (int)(c.x * 255.0f + 0.5f), (int)(c.y * 255.0f + 0.5f),
             (int)(c.z * 255.0f + 0.5f), c.w);
    return s;
}

static void WebSearchField(MainLoop* m)
{
    SetCurrentTimeline(m->App.TimelineId);
    ImVec2 a, b;
    GetTimelineRect(TimelineRect_Search, &a, &b);
    const bool editing = IsTimelineSearchEditing(), overlay = IsTimelineSearchOverlay();
    size_t cap = 0;
    const std::string text = GetTimelineSearchBuffer(&cap);
    SetCurrentTimeline(0);
    const float rect[4] = { a.x, a.y, b.x - a.x, b.y - a.y };
    const bool moved = memcmp(rect, g_search_rect, sizeof(rect)) != 0;
    if (!(editing && !overlay) && !(overlay && moved))
        return;
    memcpy(g_search_rect, rect, sizeof(rect));
    if (rect[2] < 1.0f || rect[3] < 1.0f)
        return;
    const ImGuiStyle& is = ImGui::GetStyle();
    // the field's colour as drawn over the widget's background (the input is opaque: the canvas shows through nowhere)
    float clear[4];
    AppClearColor(&m->App, clear);
    const ImVec4 f = is.Colors[ImGuiCol_FrameBg];
    const ImVec4 bg(f.x * f.w + clear[0] * (1 - f.w), f.y * f.w + clear[1] * (1 - f.w), f.z * f.w + clear[2] * (1 - f.w), 1.0f);
    nlohmann::json j;
    j["x"] = rect[0];
    j["y"] = rect[1];
    j["w"] = rect[2];
    j["h"] = rect[3];
    j["text"] = text;
    j["fontSize"] = ImGui::GetFontSize();
    j["color"] = CssColor(is.Colors[ImGuiCol_Text]);
    j["background"] = CssColor(bg);
    j["rounding"] = is.FrameRounding;
    j["padX"] = is.FramePadding.x;
    Emit("searchfield", Dump(j));
}

static void WebFrame(void*)
{
    MainLoop* m = g_main;
    if (!m)
        return;
    double w = 0, h = 0;
    emscripten_get_element_css_size(g_canvas.c_str(), &w, &h);
    double dpr = emscripten_get_device_pixel_ratio();
    if (w < 1) w = 1;
    if (h < 1) h = 1;
    if (w != g_css_w || h != g_css_h || dpr != g_dpr) {
        if (dpr != g_dpr) {
            m->App.DpiScale = (float)dpr;
            m->App.FontsDirty = true;
        }
        g_css_w = w;
        g_css_h = h;
        g_dpr = dpr;
        SDL_SetWindowSize(m->Window, (int)w, (int)h);
    }
    // The backing store in device pixels. Checked every frame: SDL may reset it to CSS pixels on its own
    // resize handling, after ours.
    int want_w = (int)(w * dpr + 0.5), want_h = (int)(h * dpr + 0.5), cur_w = 0, cur_h = 0;
    emscripten_get_canvas_element_size(g_canvas.c_str(), &cur_w, &cur_h);
    if (cur_w != want_w || cur_h != want_h) {
        emscripten_set_canvas_element_size(g_canvas.c_str(), want_w, want_h);
        m->ForceDraw = true;  // a new backing store starts blank
    }
    double t0 = emscripten_get_now();
    MainFrame(m);
    g_frame_ms = emscripten_get_now() - t0;

    if (!m->App.PendingLink.empty()) {
        std::string link;
        link.swap(m->App.PendingLink);
        if (IsOpenableLink(link.c_str()))
            OpenLink(link);
    }
    if (m->App.LoadCount != g_emitted_loads && (m->Headless || RendererReady())) {  // (after a frame that drew the data)
        g_emitted_loads = m->App.LoadCount;
        const Timeline& tl = m->App.Data->Tl;
        nlohmann::json j;
        j["events"] = Tiled() ? AppTileManifest(&m->App)->Events : (uint64_t)tl.Events.size();
        j["title"] = tl.Title;
        j["loads"] = g_emitted_loads;
        j["window"] = WindowJson();
        Emit("load", Dump(j));
        if (g_main != m)
            return;  // a listener destroyed this timeline
    }
    int sel = AppSelected(&m->App);
    // (a tiled selection is emitted again once its text page has come)
    if (sel != g_last_selected || (!g_selection_complete && sel >= 0)) {
        bool complete = true;
        nlohmann::json j = EventJson(sel, &complete);
        if (sel != g_last_selected || complete) {
            g_last_selected = sel;
            g_selection_complete = complete;
            Emit("select", Dump(j));
            if (g_main != m)
                return;
        }
    }
    if (g_search_pending && Tiled()) {
        const int n = AppSearch(&m->App, g_search_query.c_str());
        if (n >= 0) {
            g_search_pending = false;
            Emit("search", Dump(nlohmann::json{ { "query", g_search_query }, { "matches", n } }));
            if (g_main != m)
                return;
        }
    }
    Instant s, e;
    AppGetWindow(&m->App, &s, &e);
    if (s != g_last_start || e != g_last_end) {
        g_last_start = s;
        g_last_end = e;
        Emit("rangechange", Dump(WindowJson()));
        if (g_main != m)
            return;
    }
    WebSearchField(m);
}

// ------------------------------------------------------------------------------------------------ pictures
// The page fetches and decodes the pictures the widget asks for (web/src/pictures.js is Module.csLoadImage(id,
// url, svg), url resolved against the data's URL by app/images.h). It hands the decoded ImageBitmap or canvas back to
// Module.csImageUpload(source), set up in cs_start_ui, which makes a WebGL texture of it in this instance's context
// and answers its id (0: it could not); the page then calls cs_image_done(id, texture, width, height), or
// cs_image_failed(id, why) (why: an index into kImageNotes).
static std::unordered_map<int, std::string> g_image_requests;   // id -> URL, while the page loads it
static int g_image_next = 1;
static const char* const kImageNotes[] = { "could not be loaded", "not found", "not a picture the browser decodes",
                                           "picture too large", "not a web address" };

static void WebImageStart(const std::string& url, void*)
{
    const int id = g_image_next++;
    g_image_requests[id] = url;
    // (an SVG is drawn by the page through an image element, not decoded from its bytes: core says which it is)
    const int svg = ClassifyMedia(url.c_str(), url.size()).Extension == "svg" ? 1 : 0;
    int asked = EM_ASM_INT({
        try {
            if (Module["csLoadImage"]) { Module["csLoadImage"]($0, UTF8ToString($1), !!$2); return 1; }
        } catch (e) { setTimeout(function() { throw e; }); }
        return 0;
    }, id, url.c_str(), svg);
    if (!asked) {
        g_image_requests.erase(id);
        ImagesFailed(&g_main->App.Pictures, url, "pictures are not loaded on this page");
    }
}

static void WebImageFree(uint64_t texture, void*)
{
    GLuint t = (GLuint)texture;
    glDeleteTextures(1, &t);
}

static void WebImageNone(const std::string& url, void*)
{
    ImagesFailed(&g_main->App.Pictures, url, "pictures are not drawn without WebGL 2");
}

static void WebImagesInstall(App* app)
{
    if (g_main->Headless) {  // (no context to make textures in)
        app->Pictures.Loader.Start = &WebImageNone;
        return;
    }
    app->Pictures.Loader.Start = &WebImageStart;
    app->Pictures.Loader.Free = &WebImageFree;
    EM_ASM({
        Module["csImageUpload"] = function(source) {
            var gl = GLctx;  // (one declaration per var: a comma here would split the macro's argument)
            var w = source.width | 0;
            var h = source.height | 0;
            var tex = 0;
            try {
                var max = gl.getParameter(gl.MAX_TEXTURE_SIZE);
                if (w > 0 && h > 0 && w <= max && h <= max) {
                    var t = gl.createTexture();
                    tex = GL.getNewId(GL.textures);
                    t.name = tex;
                    GL.textures[tex] = t;
                    gl.bindTexture(gl.TEXTURE_2D, t);
                    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
                    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
                    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
                    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
                    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, source);
                }
            } catch (e) {
                if (tex) { gl.deleteTexture(GL.textures[tex]); GL.textures[tex] = null; }
                tex = 0;
            }
            return tex;
        };
    });
}

// ------------------------------------------------------------------------------------------------ text runs
// Text the atlas cannot draw right (core/script.h) is drawn by the browser (web/src/text.js: a 2D canvas and the
// page's Noto slices) and packed by the app's run cache (app/text_runs.h) into textures made here. Calls into JS
// catch what it throws (see the top of this file); a run whose call failed is Failed and drawn with the atlas.
static int WebTextRasterise(const char* s, size_t n, float px, uint32_t color, int flags, float wrap_px,
                            RunBitmap* out, void*)
{
    int st = EM_ASM_INT({
        try {
            var f = Module["csTextRun"];
            return f ? f(UTF8ToString($0, $1), $2, $3, $4, $5) : 2;
        } catch (e) { setTimeout(function() { throw e; }); }
        return 2;
    }, s, (int)n, px, (int)(color & 0xFFFFFF), flags, wrap_px);
    if (st != 0)
        return st == 1 ? RunResult_Pending : RunResult_Failed;
    int meta[5] = { 0, 0, 0, 0, 0 };
    EM_ASM({
        var m = Module["csTextMeta"]();
        for (var i = 0; i < 5; i++) HEAP32[($0 >> 2) + i] = m[i] | 0;
    }, meta);
    out->Width = meta[0];
    out->Height = meta[1];
    out->Ascent = (float)meta[2];
    out->RightToLeft = meta[3] != 0;
    out->Missing = meta[4];
    out->Rgba.resize((size_t)out->Width * (size_t)out->Height * 4);
    const int got = EM_ASM_INT({
        var d = Module["csTextPixels"]();
        if (d.length !== $1) return 0;
        HEAPU8.set(d, $0);
        return 1;
    }, out->Rgba.data(), (int)out->Rgba.size());
    return got ? RunResult_Ready : RunResult_Failed;
}

static int WebTextMissing(const char* s, size_t n, void*)
{
    return EM_ASM_INT({
        try {
            var f = Module["csTextMissing"];
            return f ? f(UTF8ToString($0, $1)) : 0;
        } catch (e) { setTimeout(function() { throw e; }); }
        return 0;
    }, s, (int)n);
}

static uint64_t WebTextureCreate(int w, int h, void*) { return RendererCreateTexture(w, h); }
static void WebTextureUpdate(uint64_t texture, int x, int y, int w, int h, const uint8_t* rgba, void*)
{
    RendererUpdateTexture(texture, x, y, w, h, rgba);
}
static void WebTextureFree(uint64_t texture, void*) { RendererFreeTexture(texture); }

// Headless (no WebGL 2: nothing is drawn and there is no context to make textures in), only the count of missing
// glyphs; the widget's text then takes the atlas path, which draws nothing either.
static void WebTextInstall(App* app, bool headless)
{
    app->Runs.Rasteriser.CountMissing = &WebTextMissing;
    if (headless)
        return;
    app->Runs.Rasteriser.Rasterise = &WebTextRasterise;
    app->Runs.Textures.Create = &WebTextureCreate;
    app->Runs.Textures.Update = &WebTextureUpdate;
    app->Runs.Textures.Free = &WebTextureFree;
}

// The offset (seconds east of UTC) of an IANA zone at an instant, from the browser's Intl (its tz database), cached
// per zone and quarter hour (zones change offset on quarter hours).
EM_JS(int, cs_js_zone_offset, (const char* zone, double sec), {
    const name = UTF8ToString(zone);
    const bucket = Math.floor(sec / 900);
    const cache = Module.csZoneCache || (Module.csZoneCache = new Map());
    const key = name + " " + bucket;
    let v = cache.get(key);
    if (v !== undefined) return v;
    v = 0;
    try {
      let z = Module.csZoneFormat;
      if (!z || z.name !== name)
        z = Module.csZoneFormat = { name, f: new Intl.DateTimeFormat("en-US", { timeZone: name, timeZoneName: "longOffset" }) };
      const ms = Math.max(-8.64e15, Math.min(8.64e15, bucket * 900000));
      const part = z.f.formatToParts(new Date(ms)).find((p) => p.type === "timeZoneName");
      const t = part ? part.value : "";   /* GMT, GMT+09:00, GMT-03:30, GMT+08:27:52 */
      if (t.length > 4) {
        const f = t.slice(4).split(":").map(Number);
        v = (t[3] === "+" ? 1 : -1) * ((f[0] || 0) * 3600 + (f[1] || 0) * 60 + (f[2] || 0));
      }
    } catch (e) { setTimeout(() => { throw e; }); }
    if (cache.size > 4096) cache.clear();
    cache.set(key, v);
    return v;
});

static int ZoneOffsetFromJs(const char* zone, int64_t sec, void*) { return cs_js_zone_offset(zone, (double)sec); }

extern "C" {

// Starting takes three calls, each its own task so that the page paints in between: cs_start (SDL, the window and
// its WebGL context), cs_start_ui (ImGui, the renderer, the App) and cs_start_fonts (the first font atlas); then
// the page calls cs_frame every animation frame. Each returns 1, or 0 when it failed (no WebGL 2); a failed start
// may be tried again. gl 0 starts headless (MainLoop::Headless: the page has no WebGL 2 and shows the events as
// text): every call works, frames draw nothing.
EMSCRIPTEN_KEEPALIVE int cs_start(const char* canvas_selector, int dark, int gl)
{
    if (g_main)
        return 1;
    g_canvas = canvas_selector;
    g_dark = dark != 0;
    // SDL and EGL look for "#canvas": point it at this instance's canvas (several timelines can share a page).
    EM_ASM({ specialHTMLTargets["#canvas"] = Module["canvas"]; });
    // Keyboard events only while this canvas has focus, so the rest of the page keeps its keys.
    SDL_SetHint(SDL_HINT_EMSCRIPTEN_KEYBOARD_ELEMENT, g_canvas.c_str());
    double w = 0, h = 0;
    emscripten_get_element_css_size(g_canvas.c_str(), &w, &h);
    g_main = new MainLoop();
    g_main->Headless = gl == 0;
    if (!MainInitWindow(g_main, "Chronoscope", w > 1 ? (int)w : 640, h > 1 ? (int)h : 400, false)) {
        delete g_main;  // (no WebGL 2) a later cs_start may try again
        g_main = nullptr;
        return 0;
    }
    return 1;
}

EMSCRIPTEN_KEEPALIVE int cs_start_ui()
{
    if (!g_main)
        return 0;
    if (g_main->UiReady)
        return 1;
    if (!MainInitUi(g_main))
        return 0;
    g_main->App.UiFontRegular = "/fonts/NotoSans-Regular.ttf";
    g_main->App.UiFontBold = "/fonts/NotoSans-Bold.ttf";
    AppSetTheme(&g_main->App, g_dark);
    GetInputMap().WheelUnitsPerNotch = 1.2f;      // one notch is 1.2 wheel units in the browser, 1.0 natively
    WebImagesInstall(&g_main->App);
    WebTextInstall(&g_main->App, g_main->Headless);
    g_main->SkipUnchanged = true;                 // an idle timeline leaves its canvas alone (gl_renderer.h)
    return 1;
}

EMSCRIPTEN_KEEPALIVE int cs_start_fonts()
{
    if (!g_main || !g_main->UiReady)
        return 0;
    g_dpr = emscripten_get_device_pixel_ratio();  // (the frame loop rebuilds the atlas only when this changes)
    g_main->App.DpiScale = (float)g_dpr;
    if (AppUpdateFonts(&g_main->App) && !g_main->Headless)
        RendererRebuildFontTexture();
    g_main->ForceDraw = true;
    return 1;
}

// One frame: input, the App, drawing, then the messages to the page. 0 before the start is complete.
EMSCRIPTEN_KEEPALIVE int cs_frame()
{
    if (!g_main || !g_main->UiReady)
        return 0;
    WebFrame(nullptr);
    return 1;
}

EMSCRIPTEN_KEEPALIVE void cs_stop()
{
    if (!g_main)
        return;
    ImagesClear(&g_main->App.Pictures);
    TextRunsClear(&g_main->App.Runs);
    MainShutdown(g_main);
    delete g_main;
    g_main = nullptr;
}

// Detaches an instance that failed from the page: its listeners on the window and the document (SDL's focus,
// resize and visibility handlers) would otherwise call into it, and keep it and its memory alive. Touches
// nothing of the instance's own state, which may be damaged.
EMSCRIPTEN_KEEPALIVE void cs_halt() { emscripten_html5_remove_all_event_listeners(); }

// Loads JSON bytes (ownership stays with the caller). On success the number of loads so far (>= 1; the "load"
// event carries it too); 0 and cs_last_error() otherwise.
static std::unique_ptr<TimelineData> g_pending;  // a worker's result being copied in (page side, below)

EMSCRIPTEN_KEEPALIVE int cs_load(const char* data, int size, const char* name, int keep_view)
{
    if (!g_main)
        return 0;
    g_pending.reset();  // a newer load: any adoption in progress is dropped
    return AppLoadBytes(&g_main->App, data, (size_t)size, name, keep_view != 0) ? g_main->App.LoadCount : 0;
}

// What a load says while it runs (core FormatLoadProgress, as the native status box says it): the page's overlay
// shows it. bytes of total read (or downloaded), events read so far; total 0 when the size is unknown.
EMSCRIPTEN_KEEPALIVE const char* cs_progress_text(const char* name, double bytes, double total, double events)
{
    g_return = FormatLoadProgress(name ? name : "", (size_t)bytes, (size_t)total, (size_t)events);
    return g_return.c_str();
}

// Runs a search as the search field would (for IME input from the page); returns the number of matches.
EMSCRIPTEN_KEEPALIVE int cs_search(const char* query)
{
    if (!g_main)
        return 0;
    const int n = AppSearch(&g_main->App, query);
    // a tiled search waits for its shards: the frame loop emits "search" with the count when they have come
    g_search_pending = n < 0 && Tiled();
    g_search_query = g_search_pending ? query : "";
    return n;
}

// The page's input over the search field is up (1) or gone (0); see "search field" above.
EMSCRIPTEN_KEEPALIVE void cs_search_overlay(int on)
{
    if (!g_main)
        return;
    SetCurrentTimeline(g_main->App.TimelineId);
    SetTimelineSearchOverlay(on != 0);
    SetCurrentTimeline(0);
    if (!on)
        g_search_rect[2] = 0;  // (the next edit reports the field again)
}

// Enter in the page's input: the next (+1) or previous (-1) match is selected and brought into view; its index.
EMSCRIPTEN_KEEPALIVE int cs_search_step(int dir)
{
    if (!g_main)
        return -1;
    return AppSearchStep(&g_main->App, dir);
}

// Where the mark of an event is drawn, in CSS pixels from the canvas's top-left: {"x","y"}, or null when the
// event is not drawn on its own (outside the view, hidden, or folded into a cluster).
EMSCRIPTEN_KEEPALIVE const char* cs_locate(const char* id)
{
    g_return = "null";
    if (!g_main || !id)
        return g_return.c_str();
    float x = 0, y = 0;
    if (AppLocate(&g_main->App, id, &x, &y)) {
        nlohmann::json j;
        j["x"] = x;
        j["y"] = y;
        g_return = Dump(j);
    }
    return g_return.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* cs_last_error() { return g_main ? g_main->App.LastError.c_str() : ""; }

// The page's fonts changed (text.js: slices arrived): runs that waited for them are drawn again.
EMSCRIPTEN_KEEPALIVE void cs_text_fonts_changed()
{
    if (!g_main)
        return;
    TextRunsFontsChanged(&g_main->App.Runs);
    g_main->ForceDraw = true;
}

// Characters of the data's text that none of the page's fonts has (app.h AppMissingGlyphs; the page fetches
// text.js's manifest first).
EMSCRIPTEN_KEEPALIVE int cs_missing_glyphs() { return g_main ? AppMissingGlyphs(&g_main->App) : 0; }

// For tests: the width in CSS pixels the widget gives text whose em is em_px CSS pixels (CSS's font-size; bold:
// 1), through the text provider as a label would be measured; -1 while its run is pending.
EMSCRIPTEN_KEEPALIVE double cs_test_text_width(const char* text, double em_px, int bold)
{
    if (!g_main)
        return -1;
    TimelineTextRun r;
    const float size = (float)em_px / (g_main->App.Runs.EmScale > 0.0f ? g_main->App.Runs.EmScale : 1.0f);
    TextRunsGet(text, nullptr, size, 0xFF000000u, (bold ? TimelineTextFlags_Bold : 0) | TimelineTextFlags_Measure,
                0.0f, &r, &g_main->App.Runs);
    return r.Status == TimelineTextRunStatus_Ready ? (double)r.Size.x : -1.0;
}

EMSCRIPTEN_KEEPALIVE const char* cs_get_window()
{
    g_return = g_main ? Dump(WindowJson()) : "null";
    return g_return.c_str();
}

// start/end in any date form of the JSON format. 1 on success; 0 and cs_last_error() otherwise.
EMSCRIPTEN_KEEPALIVE int cs_set_window(const char* start, const char* end)
{
    if (!g_main)
        return 0;
    ParsedDate a, b;
    std::string err;
    if (!ParseDateText(start, &a, &err) || !ParseDateText(end, &b, &err)) {
        g_main->App.LastError = "setWindow: " + err;
        return 0;
    }
    if (!(a.Time < b.Time)) {
        g_main->App.LastError = "setWindow: end must be after start";
        return 0;
    }
    AppSetWindow(&g_main->App, a.Time, b.Time);
    return 1;
}

EMSCRIPTEN_KEEPALIVE int cs_select(const char* id)
{
    if (!g_main)
        return 0;
    return AppSelect(&g_main->App, id) ? 1 : 0;
}

// Story mode: the next (+1) or previous (-1) event of the story; the selected event's index, or -1 (the title card,
// or nothing).
EMSCRIPTEN_KEEPALIVE int cs_step(int dir) { return g_main ? AppStep(&g_main->App, dir) : -1; }
EMSCRIPTEN_KEEPALIVE void cs_show_title_card()
{
    if (g_main)
        AppShowTitleCard(&g_main->App);
}
EMSCRIPTEN_KEEPALIVE int cs_title_card_shown() { return g_main && AppTitleCardShown(&g_main->App) ? 1 : 0; }
// The page's prefers-reduced-motion: views jump instead of flying, no inertia.
EMSCRIPTEN_KEEPALIVE void cs_set_reduced_motion(int on) { GetInputMap().ReducedMotion = on != 0; }

// The accessible list's rows: the shown events in the visible window, the first max in time order, as
// {"more": bool, "events": [{"index", "id", "title", "date", "group" (its label), "milestone", "selected"}]}.
EMSCRIPTEN_KEEPALIVE const char* cs_events_in_view(int max)
{
    nlohmann::json j;
    std::vector<uint32_t> list;
    bool more = false;
    if (g_main)
        AppEventsInView(&g_main->App, (size_t)std::max(max, 0), &list, &more);
    j["more"] = more;
    j["events"] = nlohmann::json::array();
    if (g_main) {
        const Timeline& tl = g_main->App.Data->Tl;
        const int sel = AppSelected(&g_main->App);
        const bool tiled = Tiled();
        for (uint32_t i : list) {
            // (tiled: i is an ordinal; its row is what the window holds of it)
            const int w = tiled ? WindowIndex(i) : (int)i;
            if (w < 0 || w >= (int)tl.Events.size())
                continue;
            const Event& ev = tl.Events[w];
            nlohmann::json r;
            r["index"] = i;
            r["id"] = tl.Str(ev.Id);
            r["title"] = Utf8Truncate(tl.Str(ev.Title), 300);
            r["date"] = FormatEventDate(tl, ev, GetTimelineLocale(), GetTimelineTimeZone());
            r["group"] = ev.Group != kNoGroup && ev.Group < tl.Groups.size() ? Utf8Truncate(tl.Groups[ev.Group].Label.c_str(), 200) : "";
            r["milestone"] = ev.IsMilestone();
            r["selected"] = (int)i == sel;
            j["events"].push_back(std::move(r));
        }
    }
    g_return = Dump(j);
    return g_return.c_str();
}

// Selects the event at this index of the data (-1: none) and brings it into view; 0 when there is no such event.
EMSCRIPTEN_KEEPALIVE int cs_select_index(int i) { return g_main && AppSelectIndex(&g_main->App, i) ? 1 : 0; }

EMSCRIPTEN_KEEPALIVE const char* cs_get_selection()
{
    g_return = Dump(EventJson(g_main ? AppSelected(&g_main->App) : -1));
    return g_return.c_str();
}

EMSCRIPTEN_KEEPALIVE void cs_set_theme(int dark)
{
    if (g_main)
        AppSetTheme(&g_main->App, dark != 0);
}

// ---------------------------------------------------------------------------------------- adopting a worker's result

static UiCharSet                     g_pending_chars;
static std::vector<uint32_t>         g_slots;   // the adoption table (web_table.h, AdoptSlot)

// Reads a snapshot header (copied into this heap by the caller; arrays_bytes: the total size of the arrays the
// worker sent, the character set excluded) into a pending timeline and returns the adoption table (web_table.h,
// AdoptSlot): the sizes of its arrays, the last being the character set. Each array is then sized with
// cs_adopt_array, one per task, so that no single step allocates much. Any pending adoption is dropped. 0 and
// cs_last_error() on a damaged header (the data on screen stays).
EMSCRIPTEN_KEEPALIVE const uint32_t* cs_adopt_begin(const uint8_t* header, int size, double arrays_bytes)
{
    if (!g_main)
        return nullptr;
    g_pending.reset(new TimelineData());
    g_pending_chars = UiCharSet();
    std::vector<SnapshotArray> slots;
    std::string err;
    if (!(arrays_bytes >= 0 && arrays_bytes < 4294967296.0) ||
        !SnapshotBegin(header, (size_t)size, (size_t)arrays_bytes, &g_pending->Tl, &g_pending->Index, &slots, &err, false)) {
        if (err.empty())
            err = "damaged timeline image: too large";
        g_pending.reset();
        AppSetLoadError(&g_main->App, err.c_str(), err.c_str());
        return nullptr;
    }
    g_slots.assign(kAdoptFixedSlots, 0);
    Slot(g_slots, AdoptSlot::arrayCount) = (uint32_t)slots.size() + 1;
    for (const SnapshotArray& a : slots)
        TablePushArray(&g_slots, 0, (uint32_t)a.Size);
    TablePushArray(&g_slots, 0, 0x10000);  // the character set: one byte per BMP code point
    return g_slots.data();
}

// Drops an adoption in progress (superseded, destroyed, or failed) and its memory.
EMSCRIPTEN_KEEPALIVE void cs_adopt_cancel()
{
    g_pending.reset();
    g_pending_chars = UiCharSet();
    g_slots.clear();
}

// Sizes array i of the pending timeline (cs_adopt_begin) and returns where its bytes go; 1 for an empty array
// (nothing is written there), 0 when there is no such array or not enough memory (the adoption is then dropped).
EMSCRIPTEN_KEEPALIVE uint32_t cs_adopt_array(int i)
{
    const size_t count = g_slots.empty() ? 0 : Slot(g_slots, AdoptSlot::arrayCount);
    if (!g_main || !g_pending || i < 0 || (size_t)i >= count)
        return 0;
    size_t bytes = g_slots[TableArrayWord(kAdoptFixedSlots, (size_t)i, ArraySlot::bytes)];
    void* data = nullptr;
    if ((size_t)i + 1 == count) {  // the character set
        g_pending_chars.Seen.assign(bytes, 0);
        data = g_pending_chars.Seen.data();
    } else if (!SnapshotSizeArray(&g_pending->Tl, &g_pending->Index, (size_t)i, bytes, &data)) {
        cs_adopt_cancel();
        return 0;
    }
    return data ? (uint32_t)(uintptr_t)data : 1u;
}

// After the arrays are in place: checks them and puts the new data on screen. The number of loads so far, or 0
// and cs_last_error() (the data on screen stays).
EMSCRIPTEN_KEEPALIVE int cs_adopt_end(const char* name, int keep_view, int needs_cjk)
{
    if (!g_main || !g_pending)
        return 0;
    std::string err;
    if (!SnapshotFinish(g_pending->Tl, g_pending->Index, &err)) {
        g_pending.reset();
        AppSetLoadError(&g_main->App, err.c_str(), err.c_str());
        return 0;
    }
    g_pending_chars.NeedsCjk = needs_cjk != 0;
    AppAdopt(&g_main->App, std::move(g_pending), &g_pending_chars, name, keep_view != 0);
    g_pending_chars = UiCharSet();
    return g_main->App.LoadCount;
}

// A load that failed in the worker: all diagnostics, one per line, and the first error for the banner.
EMSCRIPTEN_KEEPALIVE void cs_set_load_error(const char* all, const char* first)
{
    if (g_main)
        AppSetLoadError(&g_main->App, all, first);
}

// ---------------------------------------------------------------------------------------- tiles (see "tiles" above)

// Opens a tiled timeline from its manifest (bytes owned by the caller). The number of loads so far (the "load"
// message follows after the first frame that draws it), or 0 and cs_last_error() (the data on screen stays).
EMSCRIPTEN_KEEPALIVE int cs_tiles_open(const char* manifest, int size, const char* name)
{
    if (!g_main)
        return 0;
    g_pending.reset();
    g_search_pending = false;
    return AppOpenTiles(&g_main->App, manifest, (size_t)size, name) ? g_main->App.LoadCount : 0;
}

// The files to fetch now, paths relative to the manifest, most wanted first: a JSON array of strings.
EMSCRIPTEN_KEEPALIVE const char* cs_tile_requests()
{
    g_return = "[]";
    if (!Tiled())
        return g_return.c_str();
    std::vector<TileRequest> req;
    AppTileRequests(&g_main->App, &req);
    if (req.empty())
        return g_return.c_str();
    nlohmann::json list = nlohmann::json::array();
    for (const TileRequest& r : req)
        list.push_back(r.Path);
    g_return = Dump(list);
    return g_return.c_str();
}

// A fetched file, in a block from malloc() that the engine takes over (it frees it: a big cover is decoded from it
// in steps, no copy made): 1, or 0 and cs_last_error() when its bytes are damaged (the set goes on without it).
EMSCRIPTEN_KEEPALIVE int cs_tile_arrived(const char* path, uint8_t* data, int size)
{
    if (!Tiled()) {
        free(data);
        return 1;
    }
    g_main->App.LastError.clear();
    AppTileArrivedOwned(&g_main->App, path, data, (size_t)size);
    return g_main->App.LastError.empty() ? 1 : 0;
}

// Decodes the big covers taken in a slice at a time (app.h AppTileDecodeSome) for about budget_ms: 1 while some are
// left, 0 when none is, -1 and cs_last_error() when one was damaged (the set goes on without it).
EMSCRIPTEN_KEEPALIVE int cs_tile_decode(double budget_ms)
{
    if (!Tiled())
        return 0;
    g_main->App.LastError.clear();
    const bool more = AppTileDecodeSome(&g_main->App, budget_ms);
    return !g_main->App.LastError.empty() ? -1 : more ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE void cs_tile_failed(const char* path, const char* why)
{
    if (Tiled())
        AppTileFailed(&g_main->App, path, why);
}

// What the tile set holds and has fetched (core TileSetStats), with the set's event count and the events the
// window's marks stand for: JSON, or "null" when no tile set is open.
EMSCRIPTEN_KEEPALIVE const char* cs_tile_stats()
{
    g_return = "null";
    if (!Tiled())
        return g_return.c_str();
    const TileSetStats st = AppTileStats(&g_main->App);
    nlohmann::json j;
    j["bytesFetched"] = st.BytesFetched;
    j["requests"] = st.Requests;
    j["failed"] = st.Failed;
    j["cacheBytes"] = st.CacheBytes;
    j["nodes"] = st.Nodes;
    j["inFlight"] = st.InFlight;
    j["finestLevelInView"] = st.FinestLevelInView;
    j["complete"] = st.Complete;
    j["events"] = AppTileManifest(&g_main->App)->Events;
    j["windowEvents"] = g_main->App.Data->Tl.Events.size();
    j["windowWeight"] = WindowWeight();
    g_return = Dump(j);
    return g_return.c_str();
}

EMSCRIPTEN_KEEPALIVE double cs_frame_count() { return g_main ? (double)g_main->FrameCount : 0.0; }
EMSCRIPTEN_KEEPALIVE double cs_drawn_count() { return g_main ? (double)g_main->DrawnCount : 0.0; }
EMSCRIPTEN_KEEPALIVE double cs_frame_ms() { return g_frame_ms; }
EMSCRIPTEN_KEEPALIVE double cs_gl_ms() { return g_main ? g_main->GlSubmitMs : 0.0; }
EMSCRIPTEN_KEEPALIVE double cs_widget_ms() { return g_main ? AppTimelineMs(&g_main->App) : 0.0; }
EMSCRIPTEN_KEEPALIVE double cs_tiles_ms() { return g_main ? AppTilesFrameMs(&g_main->App) : 0.0; }
EMSCRIPTEN_KEEPALIVE double cs_fonts_ms() { return g_main ? g_main->FontsMs : 0.0; }
EMSCRIPTEN_KEEPALIVE int cs_frame_vertices() { return g_main ? g_main->Vertices : 0; }

// The time axis: 1 for time before present on a log scale, 0 for linear (the window stays in dates on both).
// ---------------------------------------------------------------------------------------- locale and time zone
// The fields of core's Locale, [{"name", "skeleton"?}], which web/src/locale.js fills from Intl.
EMSCRIPTEN_KEEPALIVE const char* cs_locale_fields()
{
    nlohmann::json list = nlohmann::json::array();
    for (const LocaleField& f : LocaleFields()) {
        nlohmann::json o = { { "name", f.Name } };
        if (f.Skeleton)
            o["skeleton"] = f.Skeleton;
        list.push_back(o);
    }
    g_return = Dump(list);
    return g_return.c_str();
}

// tag and {name: value} for every field (json "" or "{}" with an English tag: the built-in English). 1 on success;
// 0 and cs_last_error() otherwise (the locale stays as it was).
EMSCRIPTEN_KEEPALIVE int cs_set_locale(const char* tag, const char* json)
{
    if (!g_main)
        return 0;
    Locale loc;
    if (IsEnglishTag(tag)) {
        loc.Tag = tag;
        AppSetLocale(&g_main->App, loc);
        return 1;
    }
    nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
    std::vector<std::pair<std::string, std::string>> fields;
    if (j.is_object())
        for (auto it = j.begin(); it != j.end(); ++it)
            fields.emplace_back(it.key(), it.value().is_string() ? it.value().get<std::string>() : it.value().dump());
    std::string err;
    if (!LocaleFromFields(tag, fields, &loc, &err)) {
        g_main->App.LastError = std::string("locale ") + tag + ": " + err;
        return 0;
    }
    AppSetLocale(&g_main->App, loc);
    return 1;
}

EMSCRIPTEN_KEEPALIVE const char* cs_get_locale()
{
    g_return = g_main ? GetTimelineLocale().Tag : "";
    return g_return.c_str();
}

// mode 0: each time at its written offset; 1: UTC; 2: the IANA zone `name` (checked by the caller with Intl)
EMSCRIPTEN_KEEPALIVE void cs_set_time_zone(int mode, const char* name)
{
    if (!g_main)
        return;
    TimeZoneSetting z;
    z.Mode = mode == 1 ? ZoneMode_Utc : mode == 2 ? ZoneMode_Named : ZoneMode_Written;
    if (z.Mode == ZoneMode_Named) {
        z.Name = name;
        z.OffsetAt = &ZoneOffsetFromJs;
    }
    AppSetTimeZone(&g_main->App, z);
}

EMSCRIPTEN_KEEPALIVE void cs_set_scale(int log)
{
    if (g_main)
        AppSetLogScale(&g_main->App, log != 0);
}
EMSCRIPTEN_KEEPALIVE int cs_get_scale() { return g_main && AppIsLogScale(&g_main->App) ? 1 : 0; }

// Right to left (1): time runs from right to left and the widget's parts mirror (TimelineFlags_RightToLeft).
EMSCRIPTEN_KEEPALIVE void cs_set_rtl(int on)
{
    if (g_main)
        g_main->App.RightToLeft = on != 0;
}

// For tests (not part of the JS API): the events whose titles the last frame drew, [{"id", "group"}] in draw order.
EMSCRIPTEN_KEEPALIVE const char* cs_test_labelled_events()
{
    nlohmann::json list = nlohmann::json::array();
    if (g_main) {
        std::vector<uint32_t> ev;
        AppLabelledEvents(&g_main->App, &ev);
        const Timeline& tl = g_main->App.Data->Tl;
        const bool tiled = Tiled();
        for (uint32_t i : ev) {
            if (tiled) {  // i is an ordinal: with the title drawn
                const int w = WindowIndex(i);
                if (w < 0)
                    continue;
                const Event& e = tl.Events[w];
                list.push_back({ { "ordinal", i }, { "title", tl.Str(e.Title) },
                                 { "group", e.Group < tl.Groups.size() ? nlohmann::json(tl.Groups[e.Group].Id) : nlohmann::json(nullptr) } });
                continue;
            }
            if (i >= tl.Events.size())
                continue;
            nlohmann::json j;
            j["id"] = tl.Str(tl.Events[i].Id);
            j["group"] = tl.Events[i].Group < tl.Groups.size() ? nlohmann::json(tl.Groups[tl.Events[i].Group].Id) : nlohmann::json(nullptr);
            list.push_back(j);
        }
    }
    g_return = Dump(list);
    return g_return.c_str();
}

// Pictures (see "pictures" above). Relative media URLs resolve against base: the data's URL, or the page's for
// data given inline.
EMSCRIPTEN_KEEPALIVE void cs_set_media_base(const char* base)
{
    if (g_main)
        g_main->App.Pictures.Base = base ? base : "";
}

// How many pictures are still loading (the tests wait for them before they call a timeline idle).
EMSCRIPTEN_KEEPALIVE int cs_pictures_loading() { return g_main ? g_main->App.Pictures.Loading : 0; }

EMSCRIPTEN_KEEPALIVE void cs_image_done(int id, int texture, int width, int height)
{
    auto it = g_image_requests.find(id);
    if (it == g_image_requests.end() || !g_main) {
        WebImageFree((uint64_t)texture, nullptr);
        return;
    }
    std::string url = std::move(it->second);
    g_image_requests.erase(it);
    ImagesDone(&g_main->App.Pictures, url, (uint64_t)texture, width, height);
}

EMSCRIPTEN_KEEPALIVE void cs_image_failed(int id, int why)
{
    auto it = g_image_requests.find(id);
    if (it == g_image_requests.end())
        return;
    std::string url = std::move(it->second);
    g_image_requests.erase(it);
    const int n = (int)(sizeof(kImageNotes) / sizeof(kImageNotes[0]));
    if (g_main)
        ImagesFailed(&g_main->App.Pictures, url, kImageNotes[why >= 0 && why < n ? why : 0]);
}

// The opt-in video player (web/src/embed.js): for the selected event's YouTube or Vimeo media, the provider, the
// video id (core/media.h checks it character by character) and where the panel drew its card, in CSS pixels of the
// canvas: {"provider": "youtube", "id": "...", "x", "y", "w", "h"}; "" when there is none, or while the card is not
// wholly inside the panel.
EMSCRIPTEN_KEEPALIVE const char* cs_media_embed()
{
    g_return.clear();
    if (!g_main)
        return "";
    const int sel = AppSelected(&g_main->App);
    const Timeline& tl = g_main->App.Data->Tl;
    if (sel < 0 || sel >= (int)tl.Events.size() || tl.Events[sel].Extra == kNoExtra || tl.Events[sel].Extra >= tl.Extras.size())
        return "";
    const MediaInfo mi = ClassifyMedia(tl.Str(tl.Extras[tl.Events[sel].Extra].MediaUrl));
    if (mi.Embed == MediaEmbed_None)
        return "";
    ImVec2 a, b, p0, p1;
    SetCurrentTimeline(g_main->App.TimelineId);
    GetTimelineRect(TimelineRect_Media, &a, &b);
    GetTimelineRect(TimelineRect_Details, &p0, &p1);
    SetCurrentTimeline(0);
    // none while the card is scrolled partly out of the panel (a player there would cover the bar or the page)
    if (b.x - a.x < 2.0f || b.y - a.y < 2.0f || a.x < p0.x || a.y < p0.y || b.x > p1.x || b.y > p1.y)
        return "";
    nlohmann::json j;
    j["provider"] = mi.Embed == MediaEmbed_YouTube ? "youtube" : "vimeo";
    j["id"] = mi.EmbedId;
    j["x"] = a.x;
    j["y"] = a.y;
    j["w"] = b.x - a.x;
    j["h"] = b.y - a.y;
    g_return = Dump(j);
    return g_return.c_str();
}

} // extern "C"
#endif
