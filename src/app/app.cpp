// Chronoscope app: the data on screen, how it is loaded, and the timeline steered between frames (see app.h).
#include "app/app.h"

#include "core/format.h"
#include "core/script.h"
#include "core/utf8.h"
#include "ui/chronoscope.h"

#include <cstdio>
#include <cstring>

namespace chronoscope {

// Makes the product's timeline current for the calls of one App function (between frames).
struct WithTimeline {
    explicit WithTimeline(const App* app) { SetCurrentTimeline(app->TimelineId); }
    ~WithTimeline() { SetCurrentTimeline(0); }
};

void AppInit(App* app)
{
    app->Data.reset(new TimelineData());
    AppSetTheme(app, app->Dark);
    GetStyle().FillBackground = false;  // the frame is cleared with the plot's colour (AppClearColor)
    SetTimelineImageProvider(&ImagesGet, &app->Pictures);
    SetTimelineTextProvider(&TextRunsGet, &app->Runs);
    WithTimeline t(app);
    SetTimelineData(app->Data.get(), false);
}

bool AppAdopt(App* app, std::unique_ptr<TimelineData> data, UiCharSet* chars, const char* name, bool keep_view)
{
    app->Tiles.reset();
    {
        // The widget points at the data: switch it over before the old data is freed.
        WithTimeline t(app);
        SetTimelineData(data.get(), keep_view);
    }
    app->Data = std::move(data);
    app->SourceName = name ? name : "";
    app->LastError.clear();
    app->ErrorBox.clear();
    app->Chars = std::move(*chars);
    UiAddChars(&app->Chars, LocaleText(GetTimelineLocale()).c_str());   // and the locale's dates
    app->FontsDirty = true;  // the atlas holds exactly the characters of the data
    app->LoadCount++;
    return true;
}

// A failed load's diagnostics: *all one per line, *first the first error (the error box's text).
static void FormatLoadErrors(const LoadResult& res, const char* name, std::string* all, std::string* first)
{
    all->clear();
    first->clear();
    for (const Diagnostic& d : res.Diagnostics) {
        std::string line = FormatDiagnostic(name, d);
        if (first->empty() && d.Sev == Severity_Error)
            *first = line;
        *all += line;
        *all += '\n';
    }
    if (first->empty())
        *first = std::string(name) + ": error: could not load";
    if (all->empty())
        *all = *first;
}

// After the loader: index and collect the characters, or format the errors.
static bool PrepareRest(bool ok, const char* name, Prepared* out)
{
    if (!ok) {
        FormatLoadErrors(out->Result, name, &out->AllErrors, &out->FirstError);
        out->Data.reset();
        return false;
    }
    BuildTimelineIndex(out->Data->Tl, &out->Data->Index);
    UiCollectChars(out->Data->Tl, &out->Chars);
    return true;
}

static void PrepareReset(Prepared* out)
{
    out->Data.reset(new TimelineData());
    out->Chars = UiCharSet();
    out->AllErrors.clear();
    out->FirstError.clear();
    out->Result = LoadResult();
}

bool AppIsStdin(const char* path) { return path && path[0] == '-' && path[1] == 0; }

bool AppReadTimeline(const char* path, const LoadOptions& opt, Timeline* out, LoadResult* res)
{
    return AppIsStdin(path) ? LoadTimelineFd(0, opt, out, res) : LoadTimelineFile(path, opt, out, res);
}

bool AppPrepare(const char* data, size_t size, const char* path, const char* name, const LoadOptions& opt,
                Prepared* out)
{
    PrepareReset(out);
    LoadOptions named = opt;
    LoadOptionsForName(name, &named);
    bool ok = path ? AppReadTimeline(path, named, &out->Data->Tl, &out->Result)
                   : LoadTimeline(data, size, named, &out->Data->Tl, &out->Result);
    return PrepareRest(ok, name, out);
}

LoadStream* AppPrepareBegin(const char* data, size_t capacity, const char* name, const LoadOptions& opt,
                            Prepared* out)
{
    PrepareReset(out);
    LoadOptions named = opt;
    LoadOptionsForName(name, &named);
    return LoadBegin(data, capacity, named, &out->Data->Tl, &out->Result);
}

bool AppPrepareFinish(LoadStream* stream, size_t size, const char* name, Prepared* out)
{
    return PrepareRest(LoadFinish(stream, size), name, out);
}

// The boxes over the plot show at most this much of a message (a file name or URL may be very long); the whole
// text stays in LastError.
static const size_t kBoxChars = 600;

void AppSetLoadError(App* app, const char* all, const char* first)
{
    app->LastError = all;
    app->ErrorBox = Utf8Truncate(first ? first : "", kBoxChars);
}

void AppSetNotice(App* app, const char* text)
{
    app->Notice = Utf8Truncate(text ? text : "", kBoxChars);
    if (UiAddChars(&app->Chars, app->Notice.c_str()))
        app->FontsDirty = true;  // a file name in other scripts than the data's
}

bool AppFinishLoad(App* app, Prepared* p, const char* name, bool keep_view)
{
    if (!p->Data) {
        AppSetLoadError(app, p->AllErrors.c_str(), p->FirstError.c_str());
        return false;
    }
    return AppAdopt(app, std::move(p->Data), &p->Chars, name, keep_view);
}

bool AppLoadBytes(App* app, const char* data, size_t size, const char* name, bool keep_view)
{
    Prepared p;
    AppPrepare(data, size, nullptr, name, LoadOptions(), &p);
    return AppFinishLoad(app, &p, name, keep_view);
}

bool AppLoadFile(App* app, const char* path, bool keep_view)
{
    Prepared p;
    AppPrepare(nullptr, 0, path, path, LoadOptions(), &p);
    return AppFinishLoad(app, &p, path, keep_view);
}

bool AppUpdateFonts(App* app)
{
    if (!app->FontsDirty)
        return false;
    app->FontsDirty = false;
    UiBuildFonts(&app->Chars, app->UiFontRegular.c_str(), app->UiFontBold.c_str(),
                 app->CjkFont.empty() ? nullptr : app->CjkFont.c_str(), app->FontSize, app->DpiScale, &app->Fonts);
    app->Runs.DpiScale = app->DpiScale >= 0.5f ? app->DpiScale : 1.0f;   // runs are drawn at device pixels too
    app->Runs.EmScale = UiFontEmScale(app->Fonts.Regular);               // and at the atlas font's em size
    TimelineStyle& style = GetStyle();
    style.Font = app->Fonts.Regular;
    style.FontBold = app->Fonts.Bold;
    style.FontSmall = app->Fonts.Small;
    return true;
}

// ------------------------------------------------------------------------------------------------ between frames

bool AppSelect(App* app, const char* id)
{
    if (app->Tiles)
        return AppTilesSelect(app, id);
    WithTimeline t(app);
    if (!id || !id[0]) {
        SetTimelineSelection(-1, false);
        return true;
    }
    int i = FindEvent(app->Data->Tl, id);
    if (i < 0)
        return false;
    SetTimelineSelection(i, true);
    return true;
}

bool AppSelectIndex(App* app, int event)
{
    if (app->Tiles)
        return AppTilesSelectIndex(app, event);
    WithTimeline t(app);
    if (event >= (int)app->Data->Tl.Events.size())
        return false;
    SetTimelineSelection(event < 0 ? -1 : event, true);
    return true;
}

void AppEventsInView(App* app, size_t max, std::vector<uint32_t>* out, bool* more)
{
    WithTimeline t(app);
    Instant s, e;
    GetTimelineWindow(&s, &e);
    ListEventsInWindow(app->Data->Tl, app->Data->Index, s, e, max, out, more,
                       [](int g, void*) { return g != kNoGroup && IsTimelineGroupHidden(g); });
    if (app->Tiles)
        AppTilesToOrdinals(app, out);
}

int AppSelected(App* app)
{
    if (app->Tiles)
        return (int)AppTilesSelected(app);
    WithTimeline t(app);
    return GetTimelineSelection();
}

void AppGetWindow(App* app, Instant* start, Instant* end)
{
    WithTimeline t(app);
    GetTimelineWindow(start, end);
}

void AppSetWindow(App* app, Instant start, Instant end)
{
    WithTimeline t(app);
    SetTimelineWindow(start, end);
}

int AppSearch(App* app, const char* query)
{
    if (app->Tiles)
        return AppTilesSearch(app, query);
    WithTimeline t(app);
    return SetTimelineSearch(query);
}

bool AppLocate(App* app, const char* id, float* x, float* y)
{
    WithTimeline t(app);
    ImVec2 p;
    const int i = app->Tiles ? AppTilesLocateIndex(app, id) : FindEvent(app->Data->Tl, id);
    if (!LocateTimelineEvent(i, &p))
        return false;
    *x = p.x;
    *y = p.y;
    return true;
}

void AppZoom(App* app, float screen_x, float factor)
{
    WithTimeline t(app);
    ZoomTimeline(factor, screen_x);
}

int AppSearchStep(App* app, int dir)
{
    if (app->Tiles)
        return (int)AppTilesSearchStep(app, dir);
    WithTimeline t(app);
    return StepTimelineMatch(dir);
}

int AppStep(App* app, int dir)
{
    if (app->Tiles)
        return (int)AppTilesStep(app, dir);
    WithTimeline t(app);
    StepTimelineSelection(dir);
    return GetTimelineSelection();
}

void AppShowTitleCard(App* app)
{
    WithTimeline t(app);
    if (HasTimelineTitleCard()) {
        ShowTimelineTitleCard(true);
        FitTimeline(!GetInputMap().ReducedMotion);
    }
}

bool AppTitleCardShown(App* app)
{
    WithTimeline t(app);
    return IsTimelineTitleCardShown();
}

double AppTimelineMs(App* app)
{
    WithTimeline t(app);
    return GetTimelineFrameMs();
}

void AppSetLogScale(App* app, bool log)
{
    WithTimeline t(app);
    SetTimelineTimeScale(log ? TimelineTimeScale_Log : TimelineTimeScale_Linear);
}

bool AppIsLogScale(App* app)
{
    WithTimeline t(app);
    return GetTimelineTimeScale() == TimelineTimeScale_Log;
}

void AppLabelledEvents(App* app, std::vector<uint32_t>* out)
{
    WithTimeline t(app);
    const uint32_t* ev = nullptr;
    int n = GetTimelineLabelledEvents(&ev);
    out->assign(ev, ev + n);
    if (app->Tiles)
        AppTilesToOrdinals(app, out);
}

int AppMissingGlyphs(App* app)
{
    const Timeline& tl = app->Data->Tl;
    int missing = 0;
    auto count = [&](const char* s) {
        if (s && TextNeedsRun(s, nullptr))
            missing += TextRunsCountMissing(&app->Runs, s, strlen(s));
    };
    count(tl.Title.c_str());
    count(tl.Description.c_str());
    for (const Group& g : tl.Groups)
        count(g.Label.c_str());
    for (const Era& er : tl.Eras)
        count(er.Label.c_str());
    for (const Event& e : tl.Events) {
        count(tl.Str(e.Title));
        count(tl.Str(e.Text));
    }
    return missing;
}

} // namespace chronoscope

namespace chronoscope {

void AppSetLocale(App* app, const Locale& loc)
{
    SetTimelineLocale(loc);
    if (UiAddChars(&app->Chars, LocaleText(loc).c_str()))
        app->FontsDirty = true;   // Korean month names need Hangul in the atlas
}

void AppSetTimeZone(App* app, const TimeZoneSetting& zone)
{
    (void)app;
    SetTimelineTimeZone(zone);
}

} // namespace chronoscope
