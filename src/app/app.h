// Chronoscope platform: the application state shared by the native and the web main loops.
//
// An App owns the loaded data (Timeline + index) and one TimelineWidget. Loading never loses data: a file that
// fails to load leaves the previous data on screen and shows its first error ("FILE:LINE:COL: error: ...") in the
// widget's banner. The native loop and the JS bindings (web_api.cpp) drive the same App.
#pragma once

#include "core/load.h"
#include "ui/fonts.h"
#include "ui/timeline_widget.h"

#include <memory>
#include <string>

namespace chronoscope {

struct App {
    std::unique_ptr<TimelineData> Data;       // what is on screen (never null after AppInit)
    TimelineWidget                Widget;
    std::string                   SourceName;  // file name or URL shown in errors
    std::string                   LastError;   // all diagnostics of the last failed load, one per line
    std::string                   UiFontRegular, UiFontBold, CjkFont;  // font file paths
    float                         FontSize = 15.0f;
    float                         DpiScale = 1.0f;
    bool                          FontsDirty = true;   // rebuild the atlas before the next frame
    UiCharSet                     Chars;               // the characters of the data (NeedsCjk: Hangul/CJK)
    int                           LoadCount = 0;       // successful loads so far
};

void AppInit(App* app);
// Loads JSON bytes. On success replaces the data (fitting the view unless keep_view) and returns true. On
// failure keeps the old data, sets LastError and the widget's error banner, and returns false.
bool AppLoadBytes(App* app, const char* data, size_t size, const char* name, bool keep_view);
bool AppLoadFile(App* app, const char* path, bool keep_view);

// A load in two steps, for loads that run elsewhere (the web build's parsing worker, the native app's reload
// thread): AppPrepare touches no App and may run on any thread; AppFinishLoad puts the result on screen, or shows
// its errors (the data on screen stays).
struct Prepared {
    std::unique_ptr<TimelineData> Data;      // loaded and indexed; null when the load failed
    UiCharSet                     Chars;     // the characters of the data
    std::string                   AllErrors, FirstError;  // when it failed: every diagnostic (a line each), the first error
    LoadResult                    Result;    // the loader's diagnostics (filled while a stream is read)
};
// Reads `path` when given, else data/size; name is what errors say. True on success.
bool AppPrepare(const char* data, size_t size, const char* path, const char* name, const LoadOptions& opt,
                Prepared* out);
// The same while the bytes arrive (the web build's worker reads a download as it comes; load.h LoadBegin): feed
// the stream with LoadFeed, then AppPrepareFinish ends it (and frees it) and indexes, like AppPrepare.
LoadStream* AppPrepareBegin(const char* data, size_t capacity, const LoadOptions& opt, Prepared* out);
bool        AppPrepareFinish(LoadStream* stream, size_t size, const char* name, Prepared* out);
bool AppFinishLoad(App* app, Prepared* p, const char* name, bool keep_view);
// Takes data loaded and indexed elsewhere with its characters (moved from).
bool AppAdopt(App* app, std::unique_ptr<TimelineData> data, UiCharSet* chars, const char* name, bool keep_view);
// Shows a load error found elsewhere; the data on screen stays.
void AppSetLoadError(App* app, const char* all, const char* first);
// Rebuilds the font atlas (and its GL texture) if FontsDirty. Call between frames.
void AppUpdateFonts(App* app);

} // namespace chronoscope
