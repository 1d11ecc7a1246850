// Chronoscope app: a tiled timeline on screen (see app.h, core/tileset.h).
//
// The widget shows a window of the set (the tiles the view needs, core/tileset.h TileSetBuildWindow); the App keeps
// what must outlive a window as ordinals: the selection, the search's matches, the story's step. Each time the
// window is built again it is swapped in under the widget (SwapTimelineData keeps the view, the query and the folds)
// and the selection and matches are mapped to the new window's indices.
#include "app/app.h"

#include "core/story.h"
#include "core/tileset.h"
#include "ui/chronoscope.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>

namespace chronoscope {

struct AppTiles {
    TileSet*    Ts = nullptr;
    TileWindow  Win;
    int64_t     Selected = -1;          // ordinal, -1: none
    bool        Bring = false;          // bring the selection into view once it is in the window
    bool        HaveDetails = false;    // Details holds the selected event's full record
    Timeline    Details;
    int         WidgetSel = -1;         // the widget's selection as last set or seen
    std::string PendingId;              // AppSelect(id) waiting for its id shard
    int64_t     FlyTo = -1;             // a story step's event: flown to once it is in the window (ordinal)
    int         MatchStepWaiting = 0;   // the bar's step (+1, -1) asked for while the shards load
    TimelineStep StepWaiting = TimelineStep_None;   // a step through the shown events waiting for their nodes
    int         StepWaitingDir = 0;
    std::string Query;                  // the search over the shards, and its answer
    bool        QueryDone = true;
    std::vector<uint64_t> Matches;
    int         MatchCursor = -1;       // the match the last step went to (index into Matches), -1: none
    bool        Rebuild = false;
    bool        FirstComplete = false;
    std::unique_ptr<TimelineData> Next;   // the window being built (TileSetBuildWindowSome)
    // A window built and not swapped in yet: its new titles' characters are being noted for the fonts, a frame's
    // budget at a time (a big cover brings megabytes of titles): NewText[TextAt], from byte TextOff of it on.
    bool        Scanning = false;
    TileWindow  NextWin;
    size_t      TextAt = 0, TextOff = 0;
    double      FrameMs = 0;            // time of the last AppTilesFrame (for the benchmarks)

    ~AppTiles() { TileSetDestroy(Ts); }
};

namespace {
struct WithTimeline {
    explicit WithTimeline(const App* app) { SetCurrentTimeline(app->TimelineId); }
    ~WithTimeline() { SetCurrentTimeline(0); }
};
} // namespace

bool AppIsTiled(const App* app) { return app->Tiles != nullptr; }

bool AppOpenTiles(App* app, const char* manifest_json, size_t size, const char* name)
{
    std::shared_ptr<AppTiles> t = std::make_shared<AppTiles>();
    t->Ts = TileSetCreate();
    std::string err;
    if (!TileSetOpen(t->Ts, manifest_json, size, &err)) {
        std::string msg = std::string(name ? name : "manifest.json") + ": error: " + err;
        AppSetLoadError(app, msg.c_str(), msg.c_str());
        return false;
    }
    std::unique_ptr<TimelineData> data(new TimelineData());
    TileSetBuildWindow(t->Ts, data.get(), &t->Win);
    UiCharSet chars;
    UiCollectChars(data->Tl, &chars);
    AppAdopt(app, std::move(data), &chars, name, false);
    app->Tiles = t;
    AppSetNotice(app, "Loading tiles...");
    return true;
}

void AppTileRequests(App* app, std::vector<TileRequest>* out)
{
    out->clear();
    if (app->Tiles)
        TileSetTakeRequests(app->Tiles->Ts, out);
}

void AppTileArrived(App* app, const char* path, const uint8_t* data, size_t size)
{
    if (!app->Tiles)
        return;
    std::string err;
    if (!TileSetArrived(app->Tiles->Ts, path, data, size, &err))
        AppSetLoadError(app, err.c_str(), err.c_str());
}

void AppTileArrivedOwned(App* app, const char* path, uint8_t* data, size_t size)
{
    if (!app->Tiles) {
        free(data);
        return;
    }
    std::string err;
    if (!TileSetArrivedOwned(app->Tiles->Ts, path, data, size, &err))
        AppSetLoadError(app, err.c_str(), err.c_str());
}

bool AppTileDecodeSome(App* app, double budget_ms)
{
    if (!app->Tiles)
        return false;
    std::string err;
    const bool done = TileSetDecodeSome(app->Tiles->Ts, budget_ms, &err);
    if (!err.empty())
        AppSetLoadError(app, err.c_str(), err.c_str());
    return !done;
}

void AppTileFailed(App* app, const char* path, const char* why)
{
    if (!app->Tiles)
        return;
    TileSetFailed(app->Tiles->Ts, path, why);
    // a missing search or id shard only means no word or id has its key; anything else is an error
    if (strncmp(path, "s/", 2) != 0 && strncmp(path, "i/", 2) != 0) {
        std::string msg = std::string(path) + ": error: " + (why ? why : "could not be read");
        AppSetLoadError(app, msg.c_str(), msg.c_str());
    }
}

// Complete also means the window on screen is the one for the view (none is waiting to be built or swapped in).
TileSetStats AppTileStats(const App* app)
{
    if (!app->Tiles)
        return TileSetStats();
    const AppTiles* t = app->Tiles.get();
    TileSetStats st = TileSetGetStats(t->Ts);
    st.Complete = st.Complete && !TileSetWindowChanged(t->Ts) && !TileSetBuildingWindow(t->Ts) && !t->Rebuild &&
                  !t->Scanning;
    return st;
}

// Copies an event's full record (text, id, tags, link, media) into a window event.
static void CopyDetails(const Timeline& from, Timeline* to, uint32_t i)
{
    const Event& f = from.Events[0];
    Event& e = to->Events[i];
    e.Id = to->Strings.Add(from.Str(f.Id));
    e.Text = to->Strings.Add(from.Str(f.Text));
    if (f.Extra != kNoExtra && f.Extra < from.Extras.size()) {
        const EventExtra& fx = from.Extras[f.Extra];
        EventExtra x;
        for (StrId tag : fx.Tags)
            x.Tags.push_back(to->Strings.Add(from.Str(tag)));
        x.Link = to->Strings.Add(from.Str(fx.Link));
        x.MediaUrl = to->Strings.Add(from.Str(fx.MediaUrl));
        x.MediaCaption = to->Strings.Add(from.Str(fx.MediaCaption));
        x.MediaCredit = to->Strings.Add(from.Str(fx.MediaCredit));
        x.MediaThumbnail = to->Strings.Add(from.Str(fx.MediaThumbnail));
        x.DisplayDate = to->Strings.Add(from.Str(fx.DisplayDate));
        x.TextHtml = to->Strings.Add(from.Str(fx.TextHtml));
        x.Color = e.Extra != kNoExtra ? to->Extras[e.Extra].Color : fx.Color;
        if (e.Extra == kNoExtra) {
            e.Extra = (uint32_t)to->Extras.size();
            to->Extras.push_back(x);
        } else {
            to->Extras[e.Extra] = x;
        }
    }
}

// The matches of the window, as its indices (proxies left out), for the widget.
static void SetMatches(AppTiles* t)
{
    std::vector<uint32_t> idx;
    if (t->QueryDone)
        for (uint64_t o : t->Matches) {
            int i = t->Win.IndexOf(o);
            if (i >= 0)
                idx.push_back((uint32_t)i);
        }
    SetTimelineMatches(idx.data(), (int)idx.size(), t->Query.c_str(), t->QueryDone ? (int)t->Matches.size() : -1);
    SetTimelineMatchCursor(t->QueryDone ? t->MatchCursor : -1);   // ("4 of 120")
}

// A frame's budget for building the window (its index is built over several frames when it is big): what the
// view shows stays drawn from the last window until the new one is complete.
static const double kWindowBudgetMs = 3.0;

// Notes the characters of the built window's new titles (TileWindow::NewText: only the tiles new in this window)
// until budget_ms have passed since t0 (at least a chunk); true once all are.
static bool ScanNewText(App* app, std::chrono::steady_clock::time_point t0, double budget_ms)
{
    AppTiles* t = app->Tiles.get();
    const std::string& bytes = t->Next->Tl.Strings.Bytes;
    const size_t chunk = 64u << 10;
    while (t->TextAt < t->NextWin.NewText.size()) {
        const std::pair<size_t, size_t>& r = t->NextWin.NewText[t->TextAt];
        const char* p = bytes.data() + r.first + t->TextOff;
        const char* end = bytes.data() + r.first + r.second;
        const char* stop = p + std::min<size_t>(chunk, (size_t)(end - p));
        for (; p < stop; p += strlen(p) + 1)
            if (*p && UiAddChars(&app->Chars, p))
                app->FontsDirty = true;
        if (p >= end) {
            t->TextAt++;
            t->TextOff = 0;
        } else {
            t->TextOff = (size_t)(p - (bytes.data() + r.first));
        }
        if (std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() >= budget_ms)
            return t->TextAt >= t->NextWin.NewText.size();
    }
    return true;
}

// Builds the window some more (a new build when it is asked for and none is under way), then notes its new titles'
// characters for the fonts, a frame's budget at a time; swaps it in under the widget when that is done.
static void RebuildWindow(App* app)
{
    AppTiles* t = app->Tiles.get();
    const auto t0 = std::chrono::steady_clock::now();
    if (!t->Scanning) {
        if (!TileSetBuildingWindow(t->Ts))
            t->Rebuild = false;   // (this build takes in what was asked for until now)
        if (!t->Next)
            t->Next.reset(new TimelineData());
        if (!TileSetBuildWindowSome(t->Ts, t->Next.get(), &t->NextWin, kWindowBudgetMs))
            return;
        t->Scanning = true;
        t->TextAt = t->TextOff = 0;
    }
    if (!ScanNewText(app, t0, kWindowBudgetMs))
        return;
    t->Scanning = false;
    t->Win = std::move(t->NextWin);
    t->NextWin = TileWindow();
    std::unique_ptr<TimelineData> d = std::move(t->Next);
    const int sel = t->Selected >= 0 ? t->Win.IndexOf((uint64_t)t->Selected) : -1;
    if (sel >= 0 && t->HaveDetails)
        CopyDetails(t->Details, &d->Tl, (uint32_t)sel);
    if (sel >= 0 && UiAddChars(&app->Chars, d->Tl.Str(d->Tl.Events[(size_t)sel].Text)))
        app->FontsDirty = true;
    SwapTimelineData(d.get());   // the widget points at the new window before the old one is freed
    app->Data = std::move(d);
    if (sel >= 0) {
        SetTimelineSelection(sel, t->Bring);
        t->Bring = false;
    }
    t->WidgetSel = sel;
    if (!t->Query.empty())
        SetMatches(t);
}

static void SelectOrdinal(AppTiles* t, int64_t ordinal, bool bring)
{
    if (ordinal == t->Selected) {
        t->Bring |= bring;
        t->Rebuild = true;
        return;
    }
    t->Selected = ordinal;
    t->HaveDetails = false;
    t->Bring = bring;
    t->Rebuild = true;
    TileSetForgetOrdinals(t->Ts);
    if (ordinal < 0)
        return;
    TileSetWantOrdinal(t->Ts, (uint64_t)ordinal);
    Instant start;
    if (bring && t->Win.IndexOf((uint64_t)ordinal) < 0 && TileSetOrdinalStart(t->Ts, (uint64_t)ordinal, &start)) {
        // move to where it is, keeping the zoom (its leaf loads for that view, or by the ordinal asked for)
        Instant s, e;
        GetTimelineWindow(&s, &e);
        const Duration half = DurationFromSeconds(ToSeconds(e - s) * 0.5);
        if (start < s || e < start)
            SetTimelineWindow(start - half, start + half);
    }
}

static void TakeStep(AppTiles* t);
static int64_t MatchStep(AppTiles* t, int dir);

static void TilesFrame(App* app);

void AppTilesFrame(App* app)
{
    if (!app->Tiles)
        return;
    const auto t0 = std::chrono::steady_clock::now();
    TilesFrame(app);
    app->Tiles->FrameMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

double AppTilesFrameMs(const App* app) { return app->Tiles ? app->Tiles->FrameMs : 0.0; }

static void TilesFrame(App* app)
{
    AppTiles* t = app->Tiles.get();
    WithTimeline w(app);
    // the user's own selection (a click, a key, a search step) speaks window indices
    const int sel = GetTimelineSelection();
    if (sel != t->WidgetSel) {
        t->WidgetSel = sel;
        if (sel < 0)
            SelectOrdinal(t, -1, false);
        else if ((size_t)sel < t->Win.Ordinals.size() && (t->Win.Weights.empty() || t->Win.Weights[(size_t)sel] == 1))
            SelectOrdinal(t, (int64_t)t->Win.Ordinals[(size_t)sel], false);
        t->Rebuild = false;   // (the widget has it already; the details come with the next window)
    }
    TakeStep(t);
    if (!t->PendingId.empty()) {
        uint64_t o = 0;
        const int r = TileSetFindId(t->Ts, t->PendingId.c_str(), &o);
        if (r >= 0) {
            t->PendingId.clear();
            if (r == 1)
                SelectOrdinal(t, (int64_t)o, true);
        }
    }
    // the query the widget's bar (or AppSearch) set, over the shards
    const char* q = GetTimelineSearch();
    if (t->Query != q) {
        t->Query = q;
        t->QueryDone = t->Query.empty();
        t->Matches.clear();
        t->MatchCursor = -1;
        if (!t->Query.empty())
            SetMatches(t);   // searching...
    }
    if (!t->QueryDone && TileSetSearch(t->Ts, t->Query.c_str(), &t->Matches) >= 0) {
        t->QueryDone = true;
        SetMatches(t);
    }
    if (t->MatchStepWaiting && t->QueryDone) {
        MatchStep(t, t->MatchStepWaiting);
        t->MatchStepWaiting = 0;
    }
    if (t->Selected >= 0) {
        TileSetWantOrdinal(t->Ts, (uint64_t)t->Selected);
        if (!t->HaveDetails && TileSetEventDetails(t->Ts, (uint64_t)t->Selected, &t->Details)) {
            t->HaveDetails = true;
            t->Rebuild = true;
        }
    }
    View v;
    GetTimelineView(&v);
    TileSetUpdate(t->Ts, v);
    if (TileSetWindowChanged(t->Ts) || t->Rebuild || TileSetBuildingWindow(t->Ts) || t->Scanning)
        RebuildWindow(app);
    if (t->FlyTo != t->Selected)
        t->FlyTo = -1;   // (the selection went elsewhere before the flight)
    if (t->FlyTo >= 0) {
        const int i = t->Win.IndexOf((uint64_t)t->FlyTo);
        if (i >= 0) {
            FlyTimelineTo(i);   // (zoomed in among its neighbours, as a story step is)
            t->FlyTo = -1;
        }
    }
    const TileSetStats st = AppTileStats(app);
    if (!t->FirstComplete && st.Complete) {
        t->FirstComplete = true;
        AppSetNotice(app, "");
    }
}

// ------------------------------------------------------------------------------------------------ the App's API

bool AppTilesSelect(App* app, const char* id)
{
    AppTiles* t = app->Tiles.get();
    WithTimeline w(app);
    t->PendingId.clear();
    if (!id || !id[0]) {
        SelectOrdinal(t, -1, false);
        SetTimelineSelection(-1, false);
        t->WidgetSel = -1;
        return true;
    }
    uint64_t o = 0;
    const int r = TileSetFindId(t->Ts, id, &o);
    if (r == 0)
        return false;
    if (r < 0)
        t->PendingId = id;   // selected when its shard comes
    else
        SelectOrdinal(t, (int64_t)o, true);
    return true;
}

bool AppTilesSelectIndex(App* app, int64_t ordinal)
{
    AppTiles* t = app->Tiles.get();
    WithTimeline w(app);
    if (ordinal >= (int64_t)TileSetManifest(t->Ts).Events)
        return false;
    SelectOrdinal(t, ordinal < 0 ? -1 : ordinal, ordinal >= 0);
    if (ordinal < 0) {
        SetTimelineSelection(-1, false);
        t->WidgetSel = -1;
    }
    return true;
}

int64_t AppTilesSelected(const App* app) { return app->Tiles->Selected; }

int AppTilesSearch(App* app, const char* query)
{
    AppTiles* t = app->Tiles.get();
    WithTimeline w(app);
    SetTimelineSearch(query);
    t->Query = GetTimelineSearch();
    t->Matches.clear();
    t->MatchCursor = -1;
    t->QueryDone = t->Query.empty();
    if (t->QueryDone)
        return 0;
    int n = TileSetSearch(t->Ts, t->Query.c_str(), &t->Matches);
    t->QueryDone = n >= 0;
    SetMatches(t);
    return n;
}

// Back to the title card (a step back before the story's first event).
static void ShowCard(AppTiles* t)
{
    SelectOrdinal(t, -1, false);
    SetTimelineSelection(-1, false);
    t->WidgetSel = -1;
    ShowTimelineTitleCard(true);
    FitTimeline(!GetInputMap().ReducedMotion);
}

// The nearest shown event (its group not hidden in the legend) from an ordinal on (dir +1) or back (-1), as
// core/story.h's StoryShownFrom answers: -1 none, -2 while the nodes it needs come (core/tileset.h TileSetShownFrom).
static int64_t ShownFrom(AppTiles* t, int64_t from, int dir)
{
    const size_t groups = TileSetManifest(t->Ts).Meta.Groups.size();
    std::vector<bool> hidden(groups + 1);
    for (size_t g = 0; g <= groups; g++)
        hidden[g] = IsTimelineGroupHidden((int)g);
    uint64_t o = 0;
    const int r = TileSetShownFrom(t->Ts, (uint64_t)from, dir, hidden, &o);
    return r > 0 ? (int64_t)o : r == 0 ? -1 : -2;
}

// The story's step by ordinal (core/story.h, the rule the widget steps through the events it holds with).
// Returns the selection (-1: none).
static int64_t StoryStep(AppTiles* t, int dir)
{
    const TileManifest& m = TileSetManifest(t->Ts);
    StoryPlace at;
    at.Events = (int64_t)m.Events;
    at.Selected = t->Selected;
    at.OnCard = IsTimelineTitleCardShown();
    at.HasCard = HasTimelineTitleCard();
    // the first event at or after the view's middle, as the window knows it (after its last when none of it is)
    View v;
    GetTimelineView(&v);
    const Instant mid = ViewTime(v, v.Width * 0.5);
    const size_t i = FirstEventFrom(GetTimelineData()->Tl, mid);
    if (i < t->Win.Ordinals.size())
        at.AtView = (int64_t)t->Win.Ordinals[i];
    else
        at.AtView = t->Win.Ordinals.empty() ? 0 : std::min<int64_t>((int64_t)t->Win.Ordinals.back() + 1, at.Events);
    const StoryMove to = NextStoryMove(m.Meta.Story, at, dir, [t](int64_t from, int d) { return ShownFrom(t, from, d); });
    if (to.To == StoryMove::Pending) {
        t->StepWaiting = TimelineStep_Story;   // (taken again each frame until its nodes are here)
        t->StepWaitingDir = dir;
    }
    if (to.To == StoryMove::Card)
        ShowCard(t);
    if (to.To != StoryMove::Select)
        return t->Selected;
    ShowTimelineTitleCard(false);
    SelectOrdinal(t, to.Event, true);
    t->FlyTo = to.Event;
    return to.Event;
}

// The matches are ordinals of the whole set, most of them outside the window: the step goes by ordinal from the
// selection and loads the match's leaf (SelectOrdinal), as the story does. The bar counts it ("3 of 120").
static int64_t MatchStep(AppTiles* t, int dir)
{
    if (!t->QueryDone || t->Matches.empty())
        return -1;
    const std::vector<uint64_t>& ms = t->Matches;   // ascending
    size_t k;
    if (dir >= 0) {
        k = t->Selected < 0 ? 0 : (size_t)(std::upper_bound(ms.begin(), ms.end(), (uint64_t)t->Selected) - ms.begin());
        if (k == ms.size())
            k = 0;
    } else {
        size_t lo = t->Selected < 0 ? ms.size()
                                    : (size_t)(std::lower_bound(ms.begin(), ms.end(), (uint64_t)t->Selected) - ms.begin());
        k = lo == 0 ? ms.size() - 1 : lo - 1;
    }
    ShowTimelineTitleCard(false);
    SelectOrdinal(t, (int64_t)ms[k], true);
    t->MatchCursor = (int)std::min<size_t>(k, INT32_MAX);
    SetTimelineMatchCursor(t->MatchCursor);
    return (int64_t)ms[k];
}

// A step the widget asked for (TimelineFlags_HostSteps: its buttons and keys), taken by ordinal.
static void TakeStep(AppTiles* t)
{
    int dir = 0;
    TimelineStep step = TakeTimelineStepRequest(&dir);
    if (step == TimelineStep_None) {
        step = t->StepWaiting;   // (a newer request replaces it)
        dir = t->StepWaitingDir;
    }
    t->StepWaiting = TimelineStep_None;
    const uint64_t n = TileSetManifest(t->Ts).Events;
    if (step == TimelineStep_Story) {
        StoryStep(t, dir);
    } else if (step == TimelineStep_Match) {
        if (t->QueryDone)
            MatchStep(t, dir);
        else
            t->MatchStepWaiting = dir;   // (taken once the shards are here, as Enter would have)
    } else if ((step == TimelineStep_First || step == TimelineStep_Last) && n > 0) {
        // the first (last) shown event
        const int64_t o = step == TimelineStep_First ? ShownFrom(t, 0, 1) : ShownFrom(t, (int64_t)n - 1, -1);
        if (o == -2) {
            t->StepWaiting = step;
            t->StepWaitingDir = dir;
        } else if (o >= 0) {
            ShowTimelineTitleCard(false);
            SelectOrdinal(t, o, true);
        }
    }
}

int64_t AppTilesStep(App* app, int dir)
{
    WithTimeline w(app);
    return StoryStep(app->Tiles.get(), dir);
}

int64_t AppTilesSearchStep(App* app, int dir)
{
    WithTimeline w(app);
    return MatchStep(app->Tiles.get(), dir);
}

// An event by its id for AppLocate: its window index once it is drawn there on its own; -1 while its id shard or
// its leaf is on the way (asked for here: ask again after a frame), when no event has the id, or when it starts
// after the view (a locate loads nothing out of view). The event is then shown on its own, as a selected one is.
int AppTilesLocateIndex(App* app, const char* id)
{
    AppTiles* t = app->Tiles.get();
    uint64_t o = 0;
    if (!id || !id[0] || TileSetFindId(t->Ts, id, &o) != 1)
        return -1;
    const int i = t->Win.IndexOf(o);
    if (i >= 0)
        return i;
    Instant start, s, e;
    GetTimelineWindow(&s, &e);
    if (!TileSetOrdinalStart(t->Ts, o, &start) || start <= e)
        TileSetWantOrdinal(t->Ts, o);
    return -1;
}

// Window indices to ordinals (proxies left out).
static void ToOrdinals(const AppTiles* t, std::vector<uint32_t>* v)
{
    size_t k = 0;
    for (uint32_t i : *v)
        if (i < t->Win.Ordinals.size() && (t->Win.Weights.empty() || t->Win.Weights[i] == 1))
            (*v)[k++] = (uint32_t)std::min<uint64_t>(t->Win.Ordinals[i], UINT32_MAX);
    v->resize(k);
}

void AppTilesToOrdinals(const App* app, std::vector<uint32_t>* events) { ToOrdinals(app->Tiles.get(), events); }

int AppTilesWindowIndex(const App* app, int64_t ordinal)
{
    return ordinal < 0 ? -1 : app->Tiles->Win.IndexOf((uint64_t)ordinal);
}

const TileManifest* AppTileManifest(const App* app) { return app->Tiles ? &TileSetManifest(app->Tiles->Ts) : nullptr; }

bool AppTilesHaveDetails(const App* app, int64_t ordinal)
{
    return app->Tiles && ordinal >= 0 && app->Tiles->Selected == ordinal && app->Tiles->HaveDetails;
}

} // namespace chronoscope
