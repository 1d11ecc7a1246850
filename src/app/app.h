// Chronoscope app: the product, built on the timeline widget's public API (ui/chronoscope.h).
//
// An App is one timeline filling the window, the data it shows, how that data is loaded, the product's fonts and
// theme, and its own chrome over the widget: an error box when a load failed and a status box while one runs.
// The native main loop and the JS bindings drive the same App; neither touches the widget but through it.
//
// Loading never loses data: a file that fails to load leaves the previous data on screen and shows its first
// error ("FILE:LINE:COL: error: ...") in the error box.
//
//   App app; AppInit(&app);                 after ImGui::CreateContext() and chronoscope::CreateContext()
//   AppLoadFile(&app, "story.json", false); or AppPrepare (any thread) + AppFinishLoad (this one)
//   each frame, between ImGui::NewFrame() and ImGui::Render(): AppDraw(&app);
#pragma once

#include "app/fonts.h"
#include "app/images.h"
#include "app/text_runs.h"
#include "core/load.h"
#include "core/tileset.h"
#include "core/timeline_data.h"

#include "imgui.h"

#include <memory>
#include <string>
#include <vector>

namespace chronoscope {

struct AppTiles;   // a tiled timeline's state (app_tiles.cpp)

struct App {
    std::unique_ptr<TimelineData> Data;       // what is on screen (never null after AppInit)
    ImGuiID                       TimelineId = 0x43484E31;  // the product's one timeline (any fixed id)
    std::string                   SourceName;  // file name or URL shown in errors
    std::string                   LastError;   // all diagnostics of the last failed load, one per line
    std::string                   ErrorBox;    // the first error, over the data ("" = none)
    std::string                   Notice;      // status while data loads, e.g. "Reading x.json: 45%" ("" = none)
    std::string                   PendingLink; // an http(s) link the user asked to open; the platform opens it
    bool                          Dark = false;
    bool                          RightToLeft = false; // time runs from right to left (TimelineFlags_RightToLeft)
    std::string                   UiFontRegular, UiFontBold, CjkFont;  // font file paths
    float                         FontSize = 15.0f;
    float                         DpiScale = 1.0f;
    bool                          FontsDirty = true;   // rebuild the atlas before the next frame
    UiCharSet                     Chars;               // the characters of the data (NeedsCjk: Hangul/CJK)
    UiFonts                       Fonts;
    int                           LoadCount = 0;       // successful loads so far
    Images                        Pictures;            // the data's pictures (the platform sets Loader and Base)
    TextRuns                      Runs;                // text the atlas cannot draw (the platform sets Rasteriser
                                                       // and Textures; without them the atlas draws all text)
    std::shared_ptr<AppTiles>     Tiles;               // a tiled timeline (AppOpenTiles); null: Data is all there is
};

void AppInit(App* app);
// Loads JSON bytes. On success replaces the data (fitting the view unless keep_view) and returns true. On
// failure keeps the old data, sets LastError and the error box, and returns false.
bool AppLoadBytes(App* app, const char* data, size_t size, const char* name, bool keep_view);
bool AppLoadFile(App* app, const char* path, bool keep_view);

// A load in two steps, for loads that run elsewhere (the web build's parsing worker, the native app's load
// thread): AppPrepare touches no App and may run on any thread; AppFinishLoad puts the result on screen, or shows
// its errors (the data on screen stays).
struct Prepared {
    std::unique_ptr<TimelineData> Data;      // loaded and indexed; null when the load failed
    UiCharSet                     Chars;     // the characters of the data
    std::string                   AllErrors, FirstError;  // when it failed: every diagnostic (a line each), the first error
    LoadResult                    Result;    // the loader's diagnostics (filled while a stream is read)
};
// The file a command line names: "-" is standard input (core LoadTimelineFd), any other path a file, a FIFO or a
// pipe (LoadTimelineFile).
bool AppIsStdin(const char* path);
bool AppReadTimeline(const char* path, const LoadOptions& opt, Timeline* out, LoadResult* res);
// Reads `path` when given (AppReadTimeline), else data/size; name is what errors say, and its ending may say the
// kind (load.h LoadOptionsForName: .csv, .jsonl). True on success.
bool AppPrepare(const char* data, size_t size, const char* path, const char* name, const LoadOptions& opt,
                Prepared* out);
// The same while the bytes arrive (the web build's worker reads a download as it comes; load.h LoadBegin): feed
// the stream with LoadFeed, then AppPrepareFinish ends it (and frees it) and indexes, like AppPrepare.
LoadStream* AppPrepareBegin(const char* data, size_t capacity, const char* name, const LoadOptions& opt,
                            Prepared* out);
bool        AppPrepareFinish(LoadStream* stream, size_t size, const char* name, Prepared* out);
bool AppFinishLoad(App* app, Prepared* p, const char* name, bool keep_view);
// Takes data loaded and indexed elsewhere with its characters (moved from).
bool AppAdopt(App* app, std::unique_ptr<TimelineData> data, UiCharSet* chars, const char* name, bool keep_view);
// Shows a load error found elsewhere; the data on screen stays.
void AppSetLoadError(App* app, const char* all, const char* first);
void AppSetNotice(App* app, const char* text);    // "" clears the status box

// A tiled timeline (core/tiles.h: `chronoscope pack` wrote it): the manifest's bytes; then the tiles come as the
// view needs them. The App never reads files itself: every frame the platform takes the requests (paths relative
// to the manifest, in priority order, at most TileSetOptions::MaxInFlight outstanding) and fetches them, and hands
// each file's bytes back when it comes, in any order (or says it failed). False: an error box, the old data stays.
// A load of a single file (AppLoadBytes...) leaves tiled mode.
//
// In tiled mode the event numbers of AppSelected, AppSelectIndex, AppEventsInView, AppLabelledEvents and AppStep
// are ordinals (an event's index in the whole set, in time order, as in a single file); AppSelect(id) resolves the
// id through the id shards (it selects when the shard comes); AppSearch searches the shards and returns -1 while
// they load (the bar shows the count when they come); the details panel shows the event's text once its page is
// here. A status notice shows until the first view's tiles are all here.
bool AppOpenTiles(App* app, const char* manifest_json, size_t size, const char* name);
bool AppIsTiled(const App* app);
void AppTileRequests(App* app, std::vector<TileRequest>* out);
void AppTileArrived(App* app, const char* path, const uint8_t* data, size_t size);
// The same, taking the bytes over (a malloc'd block the tile set frees: core/tileset.h TileSetArrivedOwned).
void AppTileArrivedOwned(App* app, const char* path, uint8_t* data, size_t size);
void AppTileFailed(App* app, const char* path, const char* why);
// Decodes the big covers taken in a slice at a time (core/tileset.h TileSetDecodeSome) for about budget_ms, outside
// the frame (the web page after it, the native loop with its reads); true while some are left. A damaged one goes
// to the error box as AppTileArrived's would.
bool AppTileDecodeSome(App* app, double budget_ms);
TileSetStats AppTileStats(const App* app);   // (Complete: the view's tiles are all here)

// Fonts: rebuilds the atlas if FontsDirty (call between frames); true when it did (the renderer must then
// upload the new font texture).
bool AppUpdateFonts(App* app);

// Characters of the data's text (title, description, group names, events' titles and text) that no font of the
// text rasteriser has: 0 when every script of the data renders (TextRunsCountMissing; text the atlas draws is
// not counted).
int  AppMissingGlyphs(App* app);

// The theme: the widget's colours, ImGui's style for the product's buttons and fields, the boxes' colours.
void AppSetTheme(App* app, bool dark);
// The locale every date follows (the widget's SetTimelineLocale; its characters join the atlas's) and the time zone
void AppSetLocale(App* app, const Locale& loc);
void AppSetTimeZone(App* app, const TimeZoneSetting& zone);
void AppClearColor(const App* app, float rgba[4]);   // what to clear the frame with (the widget does not fill it)

// One frame of the product: a window over the whole viewport with the timeline and the chrome.
void AppDraw(App* app);

// The timeline, between frames (the CLI and the JS API). Events by their "id" in the data.
bool   AppSelect(App* app, const char* id);                     // "" clears; false if there is no such id
int    AppSelected(App* app);                                   // event index (tiled: ordinal) or -1
void   AppGetWindow(App* app, Instant* start, Instant* end);
void   AppSetWindow(App* app, Instant start, Instant end);
int    AppSearch(App* app, const char* query);                  // the number of matches
// Selects the next (+1) or previous (-1) match of the search, brought into view; returns it (tiled: its ordinal),
// or -1 when there is none (tiled: none yet, while the shards load). Past the last it goes round to the first.
int    AppSearchStep(App* app, int dir);
// Where the event's own mark was drawn; false when it is not drawn on its own (out of view, hidden, in a cluster).
// Tiled: any id, through the id shards; false until its shard and its leaf have come (asked for by the call: ask
// again after a frame), then the event is drawn on its own where it is in view, as a selected one is.
bool   AppLocate(App* app, const char* id, float* x, float* y);
void   AppZoom(App* app, float screen_x, float factor);         // a pinch: factor > 1 zooms in
// The shown events (groups hidden in the legend left out) that the visible window holds, the first max in time
// order; *more: there are others. What the web page's accessible list reads.
void   AppEventsInView(App* app, size_t max, std::vector<uint32_t>* out, bool* more);
bool   AppSelectIndex(App* app, int event);                     // select by index (-1: none), brought into view
int    AppStep(App* app, int dir);                              // story mode: next (+1) or previous (-1); the selection
void   AppShowTitleCard(App* app);                              // back to the title card, if the data has one
bool   AppTitleCardShown(App* app);
double AppTimelineMs(App* app);                                 // CPU time of the last frame's timeline
// The time axis: linear, or time before present on a log scale (the widget's SetTimelineTimeScale)
void   AppSetLogScale(App* app, bool log);
bool   AppIsLogScale(App* app);
// The events whose titles the last frame drew (the widget's GetTimelineLabelledEvents)
void   AppLabelledEvents(App* app, std::vector<uint32_t>* out);

// (app_tiles.cpp, for the functions above in tiled mode)
void    AppTilesFrame(App* app);
double  AppTilesFrameMs(const App* app);   // time of the last frame's AppTilesFrame (0: not tiled)
bool    AppTilesSelect(App* app, const char* id);
bool    AppTilesSelectIndex(App* app, int64_t ordinal);
int64_t AppTilesSelected(const App* app);
int     AppTilesSearch(App* app, const char* query);
int64_t AppTilesStep(App* app, int dir);
int64_t AppTilesSearchStep(App* app, int dir);
void    AppTilesToOrdinals(const App* app, std::vector<uint32_t>* events);
int     AppTilesWindowIndex(const App* app, int64_t ordinal);
int     AppTilesLocateIndex(App* app, const char* id);
// The open set's manifest (null when not tiled), and whether the selected event's full record (its text page) has
// come and is in the window (the web page's select event waits for it)
const TileManifest* AppTileManifest(const App* app);
bool    AppTilesHaveDetails(const App* app, int64_t ordinal);

} // namespace chronoscope
