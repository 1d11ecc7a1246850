// Chronoscope widget internals: the context, the per-timeline state and the drawing steps of a frame.
// Not an API: chronoscope.h is. Hosts should not rely on anything here.
#pragma once

#include "ui/chronoscope.h"

#include "core/layout.h"
#include "core/ticks.h"
#include "core/view.h"

#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace chronoscope {

// Colours of the data are 0xAARRGGBB (core/model.h); ImGui's ImU32 is ABGR.
inline ImU32 ToImU32(Color32 c, float alpha_mul = 1.0f)
{
    unsigned a = (unsigned)((c >> 24) & 0xFF);
    float v = (float)a * alpha_mul;
    a = (unsigned)(v < 255.0f ? v : 255.0f);
    return IM_COL32((c >> 16) & 0xFF, (c >> 8) & 0xFF, c & 0xFF, a);
}
Color32 ToColor32(const ImVec4& c);
Color32 MixColor(Color32 a, Color32 b, float t);   // a toward b by t (0..1), opaque
float   Luma(Color32 c);                           // 0 (black) .. 1 (white)
Color32 StyleColor32(TimelineCol col);
Color32 GroupColor32(const Timeline& tl, int group);
Color32 EventColor32(const Timeline& tl, const Event& e);

// The horizontal extent of everything drawn for one mark (shape, label, picture), clipped to the plot: recorded
// for the tests that check that marks of a lane never overlap.
struct DrawnMark {
    uint32_t Mark;            // index into Lay.Marks
    uint16_t Lane;
    float    X0, X1;          // screen x
};

// One timeline's state, kept per id across frames.
struct TimelineState {
    ImGuiID              ID = 0;
    const TimelineData*  Data = nullptr;      // what the last frame showed (owned by the host)
    uint64_t             DataSerial = 0;
    int                  DataOffsetMin = kNoOffsetMin;   // the offset all the data's written times share (format.h)
    bool                 Fitted = false;      // the view has been fitted to some data
    TimelineFlags        Flags = 0;
    int                  LastFrame = -1;      // ImGui frame count of the last BeginTimeline

    // The view: Cur is drawn, Target is where smooth zoom and pan are heading.
    View                 Cur, Target;
    bool                 Animating = false;
    double               VelocityPx = 0.0;    // inertia after a drag, pixels per second
    bool                 Dragging = false;
    float                DragDistance = 0.0f;
    float                ScrollY = 0.0f;      // vertical scroll of the lanes

    int                  Selected = -1;
    bool                 TitleCard = false;   // the title card is up (ShowTimelineTitleCard)
    int                  Hovered = -1;
    int                  HoverMark = -1;      // index into Lay.Marks, or -1
    // The list a click on a cluster too wide to zoom into opened (TimelineClusterList): the first events of the
    // cluster's lane over its time, in time order. Closed when the data changes (its indices are the data's).
    bool                 ListOpen = false;
    int                  ListFrame = -1;      // the ImGui frame it was opened in
    uint32_t             ListCount = 0;       // the cluster's count
    bool                 ListMore = false;    // the lane holds more events there than ListEvents
    std::vector<uint32_t> ListEvents;
    ImVec2               ListAt;              // where the click was (screen)

    char                 SearchBuf[256] = {};
    std::string          SearchQuery;         // what Matches were found for
    std::vector<uint32_t> Matches;            // event indices, time order
    int                  MatchCursor = -1;
    int                  MatchTotal = -1;     // the host's count of all matches (SetTimelineMatches), -1: Matches.size()
    bool                 MatchPending = false; // the host is still looking (SetTimelineMatches with total -1)
    bool                 HasKeys = false;     // keys went to this timeline in the last frame

    std::vector<uint8_t> GroupHidden;         // per group (+1 for ungrouped)
    std::vector<uint8_t> GroupCollapsed;

    std::string          EmptyText;
    std::string          LinkRequest;         // an http(s) link the user asked to open this frame
    TimelineStep         StepRequest = TimelineStep_None;  // a step for the host (TimelineFlags_HostSteps), not taken yet
    int                  StepDir = 0;

    // The last frame's geometry (screen coordinates) and layout
    ImVec2               FrameMin, FrameMax, BarMin, BarMax, PlotMin, PlotMax, AxisMin, AxisMax, DetailsMin, DetailsMax;
    ImVec2               MediaMin, MediaMax;  // TimelineRect_Media (this frame's, as SetTimelineMediaRect set it)
    ImVec2               SearchMin, SearchMax;  // TimelineRect_Search (this frame's, as the bar reported it)
    bool                 SearchEditing = false;
    bool                 SearchOverlay = false; // the host's input edits the search (SetTimelineSearchOverlay)
    bool                 Pinching = false;    // two fingers that landed on the plot are down
    ImVec2               PinchMid;            // their midpoint and distance in the last frame
    float                PinchDist = 0.0f;
    float                Scale = 1.0f;        // style sizes x Scale = pixels
    float                TextSize = 15.0f;
    float                EraH = 0.0f;         // the era strip's height (0 without eras)
    Layout               Lay;
    LayoutParams         LayParams;           // what Lay was laid out with (the marks' drawn sizes among it)
    TickSet              Ticks;
    std::vector<uint8_t> LaneShown;
    std::vector<float>   LaneY;               // top of each lane row (valid where shown)
    std::vector<float>   HeaderY;             // top of each group header, or -1
    mutable std::vector<uint32_t> Labelled;   // events whose titles DrawMarks drew in the plot, in draw order
    mutable std::vector<DrawnMark> Drawn;     // with TimelineContext::RecordDrawn: what DrawMarks drew of each mark
    double               FrameMs = 0.0;
};

struct TimelineContext {
    TimelineStyle        Style;
    TimelineInputMap     InputMap;
    std::unordered_map<ImGuiID, std::unique_ptr<TimelineState>> States;
    TimelineState*       Current = nullptr;   // between Begin and End, or chosen by SetCurrentTimeline
    bool                 InFrame = false;     // between BeginTimeline and EndTimeline
    ImGuiID              KeyOwner = 0;        // the timeline that takes keys when none is hovered
    ImGuiID              HoveredTimeline = 0; // hovered in the last frame
    ImGuiID              HoveredNow = 0;
    int                  HoverFrame = -1;
    std::string          NextEmptyText;
    bool                 HaveNextEmptyText = false;
    Locale               Loc;                 // SetTimelineLocale
    TimeZoneSetting      Zone;                // SetTimelineTimeZone
    TimelineImageGetter  ImageGetter = nullptr;  // the host's picture provider (SetTimelineImageProvider)
    void*                ImageUser = nullptr;
    TimelineTextGetter   TextGetter = nullptr;   // the host's text provider (SetTimelineTextProvider)
    void*                TextUser = nullptr;
    // Right to left: the vertex ranges of text and pictures drawn in the plot and axis this frame (KeepUpright)
    ImDrawList*          UprightDl = nullptr;    // the draw list being recorded, or null
    int                  MirrorStart = -1;       // its first vertex to mirror
    std::vector<std::pair<int, int>> Upright;
    int                  TouchCount = 0;      // fingers down (SetTimelineTouches); the first two:
    ImVec2               Touches[2];
    bool                 RecordDrawn = false;    // fill TimelineState::Drawn (tests)
};

TimelineContext* Ctx();            // the current context (asserts there is one)
TimelineState*   Cur();            // the current timeline (asserts there is one)

// What one frame draws with: sizes already scaled.
struct FrameCtx {
    ImDrawList* Dl;
    ImFont*     Font;
    ImFont*     Bold;
    ImFont*     Small;
    float       S;            // scale
    float       Fs;           // text size
    float       SmallFs;      // small text size
    float       RowH, HeaderH, EraH;
    ImVec2      PlotMin, PlotMax;
    bool        Rtl = false;  // TimelineFlags_RightToLeft
};

// Right to left. The plot and the axis are laid out and drawn in time order, x growing with time from the plot's
// left edge, as left to right; the screen shows that drawing mirrored about the plot's centre line (EndMirror), and
// the pointer comes back through the same reflection (PlotX). This is the one place where the direction enters the
// time <-> x mapping, so ticks, lanes, marks, clusters, eras, outlines and hit tests all follow it. Text and
// pictures are kept upright (KeepUpright): each is mirrored back within its own box, so a label beside a mark ends
// at the mark and extends away from it, set from the right.
inline float MirrorX(const TimelineState* st, float x) { return (st->Flags & TimelineFlags_RightToLeft) ? st->PlotMin.x + st->PlotMax.x - x : x; }
// A screen x (the pointer's) -> the drawing's x (time order, from the plot's left edge), and back
inline float PlotX(const TimelineState* st, float screen_x) { return MirrorX(st, screen_x) - st->PlotMin.x; }
inline float ScreenX(const TimelineState* st, double plot_x) { return MirrorX(st, st->PlotMin.x + (float)plot_x); }
void BeginMirror(const FrameCtx& fr);            // records the text and pictures drawn from here (right to left only)
void KeepUpright(ImDrawList* dl, int vtx_start); // the vertices from vtx_start on are text or a picture
void EndMirror(const FrameCtx& fr);              // mirrors what was drawn since BeginMirror, keeping those upright
// What is drawn while one lives is one piece of text or one picture (KeepUpright from its start to its end)
struct UprightScope {
    ImDrawList* Dl;
    int         Start;
    explicit UprightScope(ImDrawList* dl) : Dl(dl), Start(dl->VtxBuffer.Size) {}
    ~UprightScope() { KeepUpright(Dl, Start); }
};

// text.cpp: measuring and drawing labels; a label's cost follows max_w, not the string's length. Text that needs a
// run (core/script.h) goes to the host's text provider, the rest to the ImGui font.
float TextWidth(ImFont* font, float size, const char* s, const char* e = nullptr);   // for short, known strings
float LabelWidth(ImFont* font, float size, const char* s, float max_w);  // exact up to max_w; beyond, some width > max_w
void  DrawClippedText(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 col, const char* s, float max_w);
void  DrawText(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 col, const char* s, const char* e = nullptr);

// input.cpp: mouse, wheel and keys over the plot; animation
struct PlotInput {
    bool Hovered = false, Clicked = false;
    float MouseX = 0.0f;  // pointer x from the plot's left edge
};
void HandlePlotInput(TimelineState* st, const FrameCtx& fr, bool keys, PlotInput* out);
void HandleClick(TimelineState* st, const FrameCtx& fr, const PlotInput& in);
// A cluster a click lists instead of zooming into: a third of the plot wide or more, so that fitting the view to it
// would not even double the zoom (its events overlap: they run across it, and zooming in would not part them).
bool ClusterLists(const TimelineState* st, const Mark& m);
void CloseClusterList(TimelineState* st);
void AnimateView(TimelineState* st, float dt);
void ClampView(const TimelineState* st, View* v);
void BringIntoView(TimelineState* st, int event);
void FlyTo(TimelineState* st, int event);
bool EventShown(const TimelineState* st, int event);
bool RequestHostStep(TimelineState* st, TimelineStep step, int dir);   // (TimelineFlags_HostSteps) true: recorded

// lanes.cpp: rows (group headers, lanes), eras
float LayoutRows(TimelineState* st, const FrameCtx& fr);   // fills LaneShown, LaneY, HeaderY; the content height
void  DrawEras(const TimelineState* st, const FrameCtx& fr, bool strip);
void  DrawGroupHeaders(const TimelineState* st, const FrameCtx& fr);

// axis.cpp: the grid and the time axis
void  DrawGrid(const TimelineState* st, const FrameCtx& fr);
void  DrawAxis(const TimelineState* st, const FrameCtx& fr, ImVec2 axis_min, ImVec2 axis_max);

// marks.cpp: events, ranges and clusters of the lanes
const float kRangeMinPx = 2.0f;   // the narrowest range bar
void  DrawMarks(const TimelineState* st, const FrameCtx& fr);

} // namespace chronoscope
