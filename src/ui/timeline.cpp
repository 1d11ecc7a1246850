// Chronoscope widget: the context, each timeline's state, and one frame of a timeline from BeginTimeline to
// EndTimeline (see chronoscope.h).
//
// A frame: BeginTimeline finds the timeline's state by id, takes new data, cuts the widget into bar, plot, axis
// and details panel, turns input into view changes, lays out what is visible (core/layout.h) and draws the
// plot and the axis. The host may then draw over it. EndTimeline draws the parts (title bar, details panel,
// tooltip) and moves ImGui's cursor past the widget.
#include "ui/chronoscope_internal.h"

#include "core/format.h"
#include "core/link.h"
#include "core/search.h"
#include "core/story.h"
#include "core/utf8.h"

#include "imgui_internal.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace chronoscope {

// ------------------------------------------------------------------------------------------------ context

static TimelineContext* g_Context = nullptr;

TimelineContext* CreateContext()
{
    TimelineContext* ctx = new TimelineContext();
    if (!g_Context)
        g_Context = ctx;
    return ctx;
}

void DestroyContext(TimelineContext* ctx)
{
    if (!ctx)
        ctx = g_Context;
    if (g_Context == ctx)
        g_Context = nullptr;
    delete ctx;
}

TimelineContext* GetCurrentContext() { return g_Context; }
void SetCurrentContext(TimelineContext* ctx) { g_Context = ctx; }

TimelineContext* Ctx()
{
    IM_ASSERT(g_Context && "no Chronoscope context: call chronoscope::CreateContext() first");
    return g_Context;
}

TimelineState* Cur()
{
    TimelineState* st = Ctx()->Current;
    IM_ASSERT(st && "no current timeline: call this between BeginTimeline and EndTimeline, or after SetCurrentTimeline");
    return st;
}

TimelineStyle& GetStyle() { return Ctx()->Style; }
void SetTimelineLocale(const Locale& loc) { Ctx()->Loc = loc; }
const Locale& GetTimelineLocale() { return Ctx()->Loc; }
void SetTimelineTimeZone(const TimeZoneSetting& zone) { Ctx()->Zone = zone; }
const TimeZoneSetting& GetTimelineTimeZone() { return Ctx()->Zone; }
TimelineInputMap& GetInputMap() { return Ctx()->InputMap; }

static TimelineState* StateFor(ImGuiID id)
{
    TimelineContext* ctx = Ctx();
    std::unique_ptr<TimelineState>& p = ctx->States[id];
    if (!p) {
        p.reset(new TimelineState());
        p->ID = id;
        CivilTime a, b;
        a.year = 2000;
        b.year = 2030;
        ViewSetRange(&p->Cur, InstantFromCivil(a), InstantFromCivil(b));
        p->Target = p->Cur;
        p->GroupHidden.assign(1, 0);
        p->GroupCollapsed.assign(1, 0);
    }
    return p.get();
}

// What a log axis counts ages back from: now, or the data's last instant if that is later (so that nothing the data
// holds sits past the axis's right end).
static Instant PresentFor(const TimelineState* st)
{
    using namespace std::chrono;
    const int64_t ns = duration_cast<nanoseconds>(system_clock::now().time_since_epoch()).count();
    Instant now = MakeInstant(ns / 1000000000, ns % 1000000000);
    if (st->Data && !st->Data->Index.Empty && now < st->Data->Index.Max)
        now = st->Data->Index.Max;
    return now;
}

void SetCurrentTimeline(ImGuiID id)
{
    TimelineContext* ctx = Ctx();
    IM_ASSERT(!ctx->InFrame && "SetCurrentTimeline is for between frames; inside one the current timeline is the one begun");
    ctx->Current = id ? StateFor(id) : nullptr;
}

ImGuiID GetTimelineID() { return Ctx()->Current ? Ctx()->Current->ID : 0; }
ImGuiID GetTimelineID(const char* str_id) { return ImGui::GetID(str_id); }

void SetNextTimelineEmptyText(const char* text)
{
    Ctx()->NextEmptyText = text ? text : "";
    Ctx()->HaveNextEmptyText = true;
}

// ------------------------------------------------------------------------------------------------ data

void SetTimelineData(const TimelineData* data, bool keep_view)
{
    TimelineState* st = Cur();
    st->Data = data;
    st->DataSerial = data ? data->Serial : 0;
    st->DataOffsetMin = data ? DataWrittenOffset(data->Tl) : kNoOffsetMin;
    size_t ng = data ? data->Tl.Groups.size() + 1 : 1;
    if (!keep_view || st->GroupHidden.size() != ng) {
        st->GroupHidden.assign(ng, 0);
        st->GroupCollapsed.assign(ng, 0);
    }
    st->Selected = -1;
    st->Hovered = -1;
    st->HoverMark = -1;
    CloseClusterList(st);
    if (!keep_view)
        st->TitleCard = true;  // (shown if the data has one: IsTimelineTitleCardShown)
    // the last frame's marks and rows point into the old data
    st->Lay.Marks.clear();
    st->LaneShown.clear();
    st->LaneY.clear();
    st->HeaderY.clear();
    st->Matches.clear();
    st->SearchQuery.clear();
    st->MatchCursor = -1;
    st->ScrollY = 0.0f;
    if (data && !data->Tl.Events.empty() && st->SearchBuf[0])
        SetTimelineSearch(st->SearchBuf);
    if (st->Cur.Scale == TimeScale_Log)
        st->Cur.Present = st->Target.Present = PresentFor(st);
    if (!keep_view)
        FitTimeline(false);
}

const TimelineData* GetTimelineData() { return Cur()->Data; }

void SwapTimelineData(const TimelineData* data)
{
    TimelineState* st = Cur();
    st->Data = data;
    st->DataSerial = data ? data->Serial : 0;
    st->DataOffsetMin = data ? DataWrittenOffset(data->Tl) : kNoOffsetMin;
    size_t ng = data ? data->Tl.Groups.size() + 1 : 1;
    if (st->GroupHidden.size() != ng) {
        st->GroupHidden.assign(ng, 0);
        st->GroupCollapsed.assign(ng, 0);
    }
    st->Selected = -1;
    st->Hovered = -1;
    st->HoverMark = -1;
    CloseClusterList(st);
    st->Lay.Marks.clear();   // the last frame's marks point into the old data
    st->LaneShown.clear();
    st->LaneY.clear();
    st->HeaderY.clear();
    const int total = st->MatchTotal;
    const bool pending = st->MatchPending;
    if (data && st->SearchBuf[0] && st->SearchQuery == st->SearchBuf)
        SetTimelineSearch(st->SearchBuf);
    else
        st->Matches.clear();
    st->MatchTotal = total;
    st->MatchPending = pending;
}

void GetTimelineView(View* out) { *out = Cur()->Cur; }

// ------------------------------------------------------------------------------------------------ the window

void GetTimelineWindow(Instant* start, Instant* end)
{
    const TimelineState* st = Cur();
    *start = st->Cur.Start;
    *end = ViewEnd(st->Cur);
}

void SetTimelineWindow(Instant start, Instant end)
{
    TimelineState* st = Cur();
    ViewSetRange(&st->Cur, start, end);
    st->Target = st->Cur;
    st->Animating = false;
    st->VelocityPx = 0.0;
}

void FitTimeline(bool animate)
{
    TimelineState* st = Cur();
    if (!st->Data || st->Data->Index.Empty)
        return;
    View v = st->Cur;
    FitView(&v, st->Data->Tl, st->Data->Index);  // with room on the right for the labels of the last events
    st->Target = v;
    if (!animate)
        st->Cur = v;
    st->Animating = animate;
    st->VelocityPx = 0.0;
}

void SetTimelineTimeScale(TimelineTimeScale scale)
{
    TimelineState* st = Cur();
    const TimeScale to = scale == TimelineTimeScale_Log ? TimeScale_Log : TimeScale_Linear;
    if (st->Cur.Scale == to)
        return;
    if (to == TimeScale_Log)
        st->Cur.Present = st->Target.Present = PresentFor(st);
    // from where the view is heading, so that an animation under way ends in the same place; a view of everything
    // stays one (fitted anew: what fits on one scale leaves most of the other empty)
    View v = st->Target;
    const bool all = st->Data && !st->Data->Index.Empty && !(st->Data->Index.Min < v.Start) &&
                     !(ViewEnd(v) < st->Data->Index.Max);
    ViewSetScale(&v, to);
    if (all)
        FitView(&v, st->Data->Tl, st->Data->Index);
    else
        ClampView(st, &v);
    st->Cur = st->Target = v;
    st->Animating = false;
    st->VelocityPx = 0.0;
}

TimelineTimeScale GetTimelineTimeScale()
{
    return Cur()->Cur.Scale == TimeScale_Log ? TimelineTimeScale_Log : TimelineTimeScale_Linear;
}

void ZoomTimeline(float factor, float screen_x)
{
    TimelineState* st = Cur();
    if (!(factor > 0.0f))
        return;
    ViewZoom(&st->Target, 1.0 / factor, PlotX(st, screen_x));
    ClampView(st, &st->Target);
    st->Cur = st->Target;
    st->Animating = false;
}

bool IsTimelineAnimating()
{
    const TimelineState* st = Cur();
    return st->Animating || st->VelocityPx != 0.0 || st->Dragging;
}

// ------------------------------------------------------------------------------------------------ selection

int GetTimelineSelection() { return Cur()->Selected; }
int GetTimelineHovered() { return Cur()->Hovered; }

static int EventCount(const TimelineState* st) { return st->Data ? (int)st->Data->Tl.Events.size() : 0; }

void SetTimelineSelection(int event, bool bring_into_view)
{
    TimelineState* st = Cur();
    if (event < 0 || event >= EventCount(st)) {
        st->Selected = -1;
        return;
    }
    st->Selected = event;
    st->TitleCard = false;
    if (bring_into_view) {
        BringIntoView(st, event);
        st->Cur = st->Target;
        st->Animating = false;
    }
}

// The story: the data's own order, or the shown events in time order. Story steps fly to the event.
static bool CardAvailable(const TimelineState* st)
{
    if (!st->Data || (st->Flags & TimelineFlags_NoTitleCard))
        return false;
    const Timeline& tl = st->Data->Tl;
    return !tl.Description.empty() || !tl.MediaUrl.empty() || !tl.MediaCaption.empty();
}

static void ShowCard(TimelineState* st)
{
    st->Selected = -1;
    st->TitleCard = true;
    FitTimeline(!GetInputMap().ReducedMotion);
}

static void StoryStep(TimelineState* st, int event)
{
    st->Selected = event;
    st->TitleCard = false;
    FlyTo(st, event);
}

// A step the host takes (TimelineFlags_HostSteps): recorded for TakeTimelineStepRequest. True when it was.
bool RequestHostStep(TimelineState* st, TimelineStep step, int dir)
{
    if (!(st->Flags & TimelineFlags_HostSteps))
        return false;
    st->StepRequest = step;
    st->StepDir = dir < 0 ? -1 : 1;
    return true;
}

TimelineStep TakeTimelineStepRequest(int* dir)
{
    TimelineState* st = Cur();
    const TimelineStep step = st->StepRequest;
    if (dir)
        *dir = step != TimelineStep_None ? st->StepDir : 0;
    st->StepRequest = TimelineStep_None;
    st->StepDir = 0;
    return step;
}

void FlyTimelineTo(int event)
{
    TimelineState* st = Cur();
    if (event >= 0 && event < EventCount(st))
        StoryStep(st, event);
}

void StepTimelineSelection(int dir)
{
    TimelineState* st = Cur();
    if (RequestHostStep(st, TimelineStep_Story, dir))
        return;
    const int n = EventCount(st);
    const Timeline& tl = st->Data->Tl;
    StoryPlace at;
    at.Events = n;
    at.Selected = st->Selected;
    at.OnCard = st->TitleCard;
    at.HasCard = CardAvailable(st);
    const Instant mid = ViewTime(st->Cur, st->Cur.Width * 0.5);
    at.AtView = (int64_t)FirstEventFrom(tl, mid);
    const StoryMove m = NextStoryMove(tl.Story, at, dir, [st, n](int64_t i, int d) -> int64_t {
        while (i >= 0 && i < n && !EventShown(st, (int)i))
            i += d;
        return i >= 0 && i < n ? i : -1;
    });
    if (m.To == StoryMove::Select)
        StoryStep(st, (int)m.Event);
    else if (m.To == StoryMove::Card)
        ShowCard(st);
}

bool HasTimelineTitleCard() { return CardAvailable(Cur()); }
bool IsTimelineTitleCardShown() { return Cur()->TitleCard && Cur()->Selected < 0 && CardAvailable(Cur()); }

void ShowTimelineTitleCard(bool show)
{
    TimelineState* st = Cur();
    st->TitleCard = show;
    if (show)
        st->Selected = -1;
}

// ------------------------------------------------------------------------------------------------ search

int SetTimelineSearch(const char* query)
{
    TimelineState* st = Cur();
    if (query != st->SearchBuf) {
        // a query is at most the field's size, cut between two characters
        const char* q = query ? query : "";
        size_t n = strnlen(q, sizeof(st->SearchBuf) - 1);
        while (n > 0 && q[n] && Utf8IsContinuation((unsigned char)q[n]))
            n--;
        memcpy(st->SearchBuf, q, n);
        st->SearchBuf[n] = 0;
    }
    st->SearchQuery = st->SearchBuf;
    st->MatchCursor = -1;
    st->MatchTotal = -1;
    st->MatchPending = false;
    if (st->Data)
        SearchEvents(st->Data->Tl, st->SearchBuf, &st->Matches);
    else
        st->Matches.clear();
    return (int)st->Matches.size();
}

const char* GetTimelineSearch() { return Cur()->SearchQuery.c_str(); }

char* GetTimelineSearchBuffer(size_t* capacity)
{
    TimelineState* st = Cur();
    if (capacity)
        *capacity = sizeof(st->SearchBuf);
    return st->SearchBuf;
}

int GetTimelineMatchCount()
{
    const TimelineState* st = Cur();
    return st->MatchTotal >= 0 ? st->MatchTotal : (int)st->Matches.size();
}

bool IsTimelineSearchPending() { return Cur()->MatchPending; }

void SetTimelineMatches(const uint32_t* events, int count, const char* query, int total)
{
    TimelineState* st = Cur();
    if (st->SearchQuery != (query ? query : "") || total < 0)
        st->MatchCursor = -1;
    st->SearchQuery = query ? query : "";
    st->Matches.assign(events, events + std::max(0, count));
    std::sort(st->Matches.begin(), st->Matches.end());
    st->MatchPending = total < 0;
    st->MatchTotal = total < 0 ? 0 : total;
    if (st->MatchCursor >= std::max((int)st->Matches.size(), st->MatchTotal))
        st->MatchCursor = -1;
}
int GetTimelineMatchCursor() { return Cur()->MatchCursor; }

void SetTimelineMatchCursor(int cursor)
{
    TimelineState* st = Cur();
    st->MatchCursor = cursor >= 0 && cursor < std::max((int)st->Matches.size(), st->MatchTotal) ? cursor : -1;
}

int StepTimelineMatch(int dir)
{
    TimelineState* st = Cur();
    if (RequestHostStep(st, TimelineStep_Match, dir))
        return -1;
    const int n = (int)st->Matches.size();
    if (n == 0)
        return -1;
    st->MatchCursor = st->MatchCursor < 0 ? (dir >= 0 ? 0 : n - 1) : ((st->MatchCursor + (dir >= 0 ? 1 : -1)) % n + n) % n;
    int event = (int)st->Matches[st->MatchCursor];
    if (event < EventCount(st)) {
        st->Selected = event;
        st->TitleCard = false;
        BringIntoView(st, event);
    }
    return event;
}

bool IsTimelineMatch(int event)
{
    const TimelineState* st = Cur();
    return event >= 0 && !st->Matches.empty() && std::binary_search(st->Matches.begin(), st->Matches.end(), (uint32_t)event);
}

// ------------------------------------------------------------------------------------------------ groups

static bool GroupOk(const std::vector<uint8_t>& v, int g) { return g >= 0 && g < (int)v.size(); }

bool IsTimelineGroupHidden(int g) { return GroupOk(Cur()->GroupHidden, g) && Cur()->GroupHidden[g]; }
bool IsTimelineGroupCollapsed(int g) { return GroupOk(Cur()->GroupCollapsed, g) && Cur()->GroupCollapsed[g]; }

void SetTimelineGroupHidden(int g, bool hidden)
{
    if (GroupOk(Cur()->GroupHidden, g))
        Cur()->GroupHidden[g] = hidden ? 1 : 0;
}

void SetTimelineGroupCollapsed(int g, bool collapsed)
{
    if (GroupOk(Cur()->GroupCollapsed, g))
        Cur()->GroupCollapsed[g] = collapsed ? 1 : 0;
}

// ------------------------------------------------------------------------------------------------ pictures

void SetTimelineImageProvider(TimelineImageGetter getter, void* user_data)
{
    Ctx()->ImageGetter = getter;
    Ctx()->ImageUser = user_data;
}

bool GetTimelineImage(const char* url, TimelineImage* out)
{
    *out = TimelineImage();
    TimelineContext* ctx = Ctx();
    if (!ctx->ImageGetter || !url || !url[0])
        return false;
    ctx->ImageGetter(url, out, ctx->ImageUser);
    if (out->Status == TimelineImageStatus_Ready && (!out->Texture || out->Size.x <= 0.0f || out->Size.y <= 0.0f))
        out->Status = TimelineImageStatus_Failed;  // nothing the widget could draw
    return true;
}

void SetTimelineMediaRect(const ImVec2& min, const ImVec2& max)
{
    Cur()->MediaMin = min;
    Cur()->MediaMax = max;
}

void SetTimelineSearchRect(const ImVec2& min, const ImVec2& max, bool editing)
{
    TimelineState* st = Cur();
    st->SearchMin = min;
    st->SearchMax = max;
    st->SearchEditing = editing;
}

bool IsTimelineSearchEditing() { return Cur()->SearchEditing; }
void SetTimelineSearchOverlay(bool on) { Cur()->SearchOverlay = on; }
bool IsTimelineSearchOverlay() { return Cur()->SearchOverlay; }

void SetTimelineTouches(int count, const ImVec2* points)
{
    TimelineContext* ctx = Ctx();
    ctx->TouchCount = count > 0 && points ? count : 0;
    for (int i = 0; i < 2 && i < ctx->TouchCount; i++)
        ctx->Touches[i] = points[i];
}

// ------------------------------------------------------------------------------------------------ geometry

void GetTimelineRect(TimelineRect which, ImVec2* min, ImVec2* max)
{
    const TimelineState* st = Cur();
    switch (which) {
    case TimelineRect_Bar: *min = st->BarMin; *max = st->BarMax; break;
    case TimelineRect_Plot: *min = st->PlotMin; *max = st->PlotMax; break;
    case TimelineRect_Axis: *min = st->AxisMin; *max = st->AxisMax; break;
    case TimelineRect_Details: *min = st->DetailsMin; *max = st->DetailsMax; break;
    case TimelineRect_Media: *min = st->MediaMin; *max = st->MediaMax; break;
    case TimelineRect_Search: *min = st->SearchMin; *max = st->SearchMax; break;
    case TimelineRect_Frame:
    default: *min = st->FrameMin; *max = st->FrameMax; break;
    }
}

float TimelineTimeToScreenX(Instant t) { return ScreenX(Cur(), ViewX(Cur()->Cur, t)); }
Instant TimelineScreenXToTime(float x) { return ViewTime(Cur()->Cur, PlotX(Cur(), x)); }
bool IsTimelineRightToLeft() { return (Cur()->Flags & TimelineFlags_RightToLeft) != 0; }
float GetTimelineScale() { return Cur()->Scale; }
float GetTimelineTextSize() { return Cur()->TextSize; }
bool HasTimelineKeyboard() { return Cur()->HasKeys; }
double GetTimelineFrameMs() { return Cur()->FrameMs; }

bool LocateTimelineEvent(int event, ImVec2* pos)
{
    const TimelineState* st = Cur();
    if (event < 0 || event >= EventCount(st))
        return false;
    const float W = st->PlotMax.x - st->PlotMin.x;
    for (const Mark& m : st->Lay.Marks) {
        if (m.Count != 1 || (int)m.Event != event || m.Lane >= st->LaneShown.size() || !st->LaneShown[m.Lane])
            continue;
        float x0 = std::max(m.X0, 0.0f), x1 = std::min(m.X1, W);
        if (x1 < x0)
            return false;
        pos->x = ScreenX(st, m.Kind == MarkKind_Range ? (x0 + x1) * 0.5f : m.X0);
        pos->y = st->LaneY[m.Lane] + GetStyle().RowHeight * st->Scale * 0.5f;
        return true;
    }
    return false;
}

int GetTimelineLabelledEvents(const uint32_t** events)
{
    const TimelineState* st = Cur();
    if (events)
        *events = st->Labelled.data();
    return (int)st->Labelled.size();
}

TimelineHover GetTimelineHover()
{
    const TimelineState* st = Cur();
    TimelineHover h;
    if (st->HoverMark >= 0 && st->HoverMark < (int)st->Lay.Marks.size()) {
        h.Event = (int)st->Lay.Marks[st->HoverMark].Event;
        h.Count = (int)st->Lay.Marks[st->HoverMark].Count;
        h.Lists = ClusterLists(st, st->Lay.Marks[st->HoverMark]);
    }
    return h;
}

TimelineClusterListing GetTimelineClusterList()
{
    const TimelineState* st = Cur();
    TimelineClusterListing l;
    if (!st->ListOpen)
        return l;
    l.Open = true;
    l.JustOpened = st->ListFrame == ImGui::GetFrameCount();
    l.Count = (int)st->ListCount;
    l.Events = st->ListEvents.data();
    l.Shown = (int)st->ListEvents.size();
    l.More = st->ListMore;
    l.At = st->ListAt;
    return l;
}

void CloseTimelineClusterList() { CloseClusterList(Cur()); }

ImU32 GetTimelineGroupColor(int g)
{
    const TimelineState* st = Cur();
    return st->Data ? ToImU32(GroupColor32(st->Data->Tl, g)) : GetColorU32(TimelineCol_Ungrouped);
}

ImU32 GetTimelineEventColor(int event)
{
    const TimelineState* st = Cur();
    if (event < 0 || event >= EventCount(st))
        return GetColorU32(TimelineCol_Ungrouped);
    return ToImU32(EventColor32(st->Data->Tl, st->Data->Tl.Events[event]));
}

void OpenTimelineLink(const char* url)
{
    if (url && IsOpenableLink(url))
        Cur()->LinkRequest = url;
}

ImFont* GetTimelineFont(int which)
{
    const TimelineStyle& style = GetStyle();
    ImFont* regular = style.Font ? style.Font : ImGui::GetFont();
    if (which == TimelineFont_Bold)
        return style.FontBold ? style.FontBold : regular;
    if (which == TimelineFont_Small)
        return style.FontSmall ? style.FontSmall : regular;
    return regular;
}

float MeasureTimelineText(ImFont* font, float size, const char* text, float max_width)
{
    return LabelWidth(font, size, text, max_width);
}

void DrawTimelineText(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 col, const char* text, float max_width)
{
    DrawClippedText(dl, font, size, pos, col, text, max_width);
}

const char* GetTimelineLinkRequest()
{
    const TimelineState* st = Cur();
    return st->LinkRequest.empty() ? nullptr : st->LinkRequest.c_str();
}

// ------------------------------------------------------------------------------------------------ a frame

bool BeginTimeline(const char* str_id, const TimelineData* data, const ImVec2& size, TimelineFlags flags)
{
    return BeginTimeline(ImGui::GetID(str_id), data, size, flags);
}

bool BeginTimeline(ImGuiID id, const TimelineData* data, const ImVec2& size, TimelineFlags flags)
{
    auto t_begin = std::chrono::steady_clock::now();
    TimelineContext* ctx = Ctx();
    IM_ASSERT(!ctx->InFrame && "BeginTimeline inside another timeline: call EndTimeline first");
    const TimelineStyle& style = ctx->Style;
    const bool have_empty_text = ctx->HaveNextEmptyText;
    ctx->HaveNextEmptyText = false;
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems)
        return false;
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const ImVec2 frame = ImGui::CalcItemSize(size, avail.x, avail.y);
    if (frame.x < 50 || frame.y < 50) {
        ImGui::Dummy(frame);
        return false;
    }

    TimelineState* st = StateFor(id);
    ctx->Current = st;
    ctx->InFrame = true;
    const int frame_no = ImGui::GetFrameCount();
    if (ctx->HoverFrame != frame_no) {  // the first timeline of a frame: last frame's hover is now complete
        ctx->HoveredTimeline = ctx->HoveredNow;
        ctx->HoveredNow = 0;
        ctx->HoverFrame = frame_no;
    }
    // The keyboard goes to the timeline last clicked; while none is (or it is gone), to the first one drawn.
    if (ctx->KeyOwner == 0 || !ctx->States.count(ctx->KeyOwner) || ctx->States[ctx->KeyOwner]->LastFrame < frame_no - 1)
        ctx->KeyOwner = id;
    st->LastFrame = frame_no;
    st->Flags = flags;
    st->LinkRequest.clear();
    st->MediaMin = st->MediaMax = ImVec2(0, 0);
    st->SearchMin = st->SearchMax = ImVec2(0, 0);
    st->SearchEditing = false;
    st->EmptyText = have_empty_text ? ctx->NextEmptyText : std::string();
    if (data != st->Data || (data && data->Serial != st->DataSerial))
        SetTimelineData(data, false);
    ImGui::PushOverrideID(id);

    // Text and scale
    FrameCtx fr;
    fr.Dl = ImGui::GetWindowDrawList();
    fr.Font = style.Font ? style.Font : ImGui::GetFont();
    fr.Bold = style.FontBold ? style.FontBold : fr.Font;
    fr.Small = style.FontSmall ? style.FontSmall : fr.Font;
    fr.Fs = style.FontSize > 0.0f ? style.FontSize : ImGui::GetFontSize();
    fr.SmallFs = fr.Fs * style.SmallTextScale;
    fr.S = fr.Fs / 15.0f;
    st->Scale = fr.S;
    st->TextSize = fr.Fs;

    // The widget's parts: the bar on top, the axis at the bottom, the details panel at the right of both.
    const bool has_data = st->Data && !st->Data->Tl.Events.empty();
    if (st->Selected >= 0 && st->Selected >= EventCount(st))
        st->Selected = -1;
    const ImVec2 p1(p0.x + frame.x, p0.y + frame.y);
    const float bar_h = (flags & TimelineFlags_NoBar) == TimelineFlags_NoBar ? 0.0f : style.BarHeight * fr.S;
    const float axis_h = style.AxisHeight * fr.S;
    const bool card = st->Selected < 0 && st->TitleCard && CardAvailable(st);
    const bool panel = (st->Selected >= 0 || card) && !(flags & TimelineFlags_NoDetails);
    // on a narrow widget (a phone) the panel is a sheet below the axis, else a column at the right (right to left:
    // at the left)
    const bool sheet = frame.x < style.DetailsSheetBelow * fr.S;
    const float panel_w = panel && !sheet ? std::min(style.DetailsWidth * fr.S, frame.x * style.DetailsMaxShare) : 0.0f;
    const float panel_h = panel && sheet ? std::floor((frame.y - bar_h) * style.DetailsSheetShare) : 0.0f;
    st->FrameMin = p0;
    st->FrameMax = p1;
    st->BarMin = p0;
    st->BarMax = ImVec2(p1.x, p0.y + bar_h);
    st->PlotMin = ImVec2(p0.x, p0.y + bar_h);
    st->PlotMax = ImVec2(p1.x - panel_w, p1.y - panel_h - axis_h);
    st->AxisMin = ImVec2(p0.x, p1.y - panel_h - axis_h);
    st->AxisMax = ImVec2(p1.x - panel_w, p1.y - panel_h);
    st->DetailsMin = sheet ? ImVec2(p0.x, p1.y - panel_h) : ImVec2(p1.x - panel_w, p0.y + bar_h);
    st->DetailsMax = panel_w > 0.0f || panel_h > 0.0f ? p1 : st->DetailsMin;
    if ((flags & TimelineFlags_RightToLeft) && panel_w > 0.0f) {
        st->PlotMin.x = st->AxisMin.x = p0.x + panel_w;
        st->PlotMax.x = st->AxisMax.x = p1.x;
        st->DetailsMin.x = p0.x;
        st->DetailsMax.x = p0.x + panel_w;
    }
    fr.PlotMin = st->PlotMin;
    fr.PlotMax = st->PlotMax;
    fr.Rtl = (flags & TimelineFlags_RightToLeft) != 0;
    fr.RowH = style.RowHeight * fr.S;
    fr.HeaderH = style.GroupHeaderHeight * fr.S;
    fr.EraH = (st->Data && !st->Data->Tl.Eras.empty()) ? style.EraHeight * fr.S : 0.0f;
    st->EraH = fr.EraH;
    double W = fr.PlotMax.x - fr.PlotMin.x;
    if (W < 10)
        W = 10;
    // keep the time at the left edge when the width changes
    ViewSetWidth(&st->Cur, W);
    ViewSetWidth(&st->Target, W);
    if (style.FillBackground)
        fr.Dl->AddRectFilled(p0, p1, GetColorU32(TimelineCol_PlotBg));

    // Input, then animation
    ImGuiIO& io = ImGui::GetIO();
    const bool window_focused = ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows);
    PlotInput in;
    const bool keys_allowed = has_data && !(flags & (TimelineFlags_NoKeyboard | TimelineFlags_NoInputs));
    const bool hovered_now = ImGui::IsMouseHoveringRect(fr.PlotMin, st->AxisMax) && ImGui::IsWindowHovered();
    const bool keys = keys_allowed && (hovered_now || (window_focused && ctx->KeyOwner == id &&
                                                       (ctx->HoveredTimeline == 0 || ctx->HoveredTimeline == id)));
    st->HasKeys = keys;
    HandlePlotInput(st, fr, keys, &in);
    if (in.Hovered)
        ctx->HoveredNow = id;
    const float dt = io.DeltaTime > 0.0f ? std::min(io.DeltaTime, 0.1f) : 1.0f / 60.0f;
    AnimateView(st, dt);

    // Layout: rows (clamping the vertical scroll), then the visible marks, then the axis's ticks
    if (has_data) {
        float content_h = LayoutRows(st, fr);
        float room = fr.PlotMax.y - (fr.PlotMin.y + fr.EraH + style.GroupGap * fr.S);
        float max_scroll = std::max(0.0f, content_h - room + style.ScrollMargin * fr.S);
        float clamped = std::min(std::max(st->ScrollY, 0.0f), max_scroll);
        if (clamped != st->ScrollY) {
            st->ScrollY = clamped;
            LayoutRows(st, fr);
        }
        // the marks' drawn sizes (marks.cpp): the layout keeps what is drawn of a lane's marks apart
        LayoutParams& lp = st->LayParams;
        lp.PointHalfPx = style.PointRadius * fr.S;
        lp.MilestoneHalfPx = style.MilestoneRadius * fr.S;
        lp.RangeMinPx = kRangeMinPx;
        lp.ClusterMinPx = style.ClusterMinWidth * fr.S;
        LayoutView(st->Data->Tl, st->Data->Index, st->Cur, lp, &st->LaneShown, &st->Lay);
    } else {
        st->Lay.Marks.clear();
    }
    {
        const int64_t centre = (st->Cur.Start + DurationFromSeconds(st->Cur.Span * 0.5)).sec;
        const int offset = st->Cur.Scale == TimeScale_Linear ? ZoneAxisOffset(ctx->Zone, centre, st->DataOffsetMin) : 0;
        ComputeTicks(st->Cur, style.TickSpacing * fr.S, &st->Ticks, ctx->Loc, offset);
    }

    // Hover, then what a click does
    st->Hovered = -1;
    st->HoverMark = -1;
    if (has_data && in.Hovered && io.MousePos.y < fr.PlotMax.y && !st->Dragging) {
        for (size_t l = 0; l < st->LaneShown.size(); l++) {
            if (!st->LaneShown[l])
                continue;
            if (io.MousePos.y >= st->LaneY[l] && io.MousePos.y < st->LaneY[l] + fr.RowH) {
                st->HoverMark = LayoutHitTest(st->Lay, (int)l, in.MouseX, style.HitSlop * fr.S);
                break;
            }
        }
        if (st->HoverMark >= 0 && st->Lay.Marks[st->HoverMark].Count == 1)
            st->Hovered = (int)st->Lay.Marks[st->HoverMark].Event;
    }
    HandleClick(st, fr, in);

    // The plot and the axis (drawn in time order from the left; right to left, mirrored at the end)
    BeginMirror(fr);
    fr.Dl->PushClipRect(fr.PlotMin, fr.PlotMax, true);
    if (has_data)
        DrawEras(st, fr, false);
    DrawGrid(st, fr);
    if (has_data) {
        DrawEras(st, fr, true);
        DrawGroupHeaders(st, fr);
        DrawMarks(st, fr);
    }
    fr.Dl->PopClipRect();
    DrawAxis(st, fr, st->AxisMin, st->AxisMax);
    EndMirror(fr);
    if (!has_data) {
        const char* msg = have_empty_text ? st->EmptyText.c_str() : "No events to show";
        float tw = TextWidth(fr.Font, fr.Fs, msg);
        DrawText(fr.Dl, fr.Font, fr.Fs, ImVec2((fr.PlotMin.x + fr.PlotMax.x - tw) * 0.5f, (fr.PlotMin.y + fr.PlotMax.y) * 0.5f),
                 GetColorU32(TimelineCol_TextDim), msg);
    }
    st->FrameMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t_begin).count();
    return true;
}

void EndTimeline()
{
    TimelineContext* ctx = Ctx();
    IM_ASSERT(ctx->InFrame && "EndTimeline without a BeginTimeline that returned true");
    auto t_begin = std::chrono::steady_clock::now();
    TimelineState* st = ctx->Current;
    const TimelineFlags flags = st->Flags;
    if (st->Data && (flags & TimelineFlags_NoBar) != TimelineFlags_NoBar)
        TimelineTitleBar(flags);
    if (st->DetailsMax.x > st->DetailsMin.x) {
        if (st->Selected >= 0)
            TimelineDetailsPanel();
        else
            TimelineTitleCard();
    }
    if (st->ListOpen && !(flags & TimelineFlags_NoClusterList))
        TimelineClusterList();
    if (!(flags & TimelineFlags_NoTooltip) && st->HoverMark >= 0 && !ImGui::IsAnyItemActive() &&
        !(st->ListOpen && !(flags & TimelineFlags_NoClusterList)))
        TimelineTooltip();
    ImGui::PopID();
    // ImGui's cursor goes past the widget, as after any item (SameLine() puts the next one at its right)
    ImGui::SetCursorScreenPos(st->FrameMin);
    ImGui::Dummy(ImVec2(st->FrameMax.x - st->FrameMin.x, st->FrameMax.y - st->FrameMin.y));
    st->FrameMs += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t_begin).count();
    ctx->InFrame = false;  // (the timeline stays current: the calls after EndTimeline read what this frame did)
}

} // namespace chronoscope
