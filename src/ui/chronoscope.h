// Chronoscope: a zoomable history timeline widget for Dear ImGui.
//
// Index of this file
//   [SECTION] Quick start
//   [SECTION] Flags, colours, style
//   [SECTION] Context
//   [SECTION] Locale and time zone
//   [SECTION] The widget: BeginTimeline() / EndTimeline()
//   [SECTION] Steering and reading the current timeline
//   [SECTION] Parts: title bar, details panel, tooltip
//   [SECTION] Pictures: the host's image provider
//   [SECTION] Text runs: the host's text provider
//   [SECTION] What the user can do
//
//-----------------------------------------------------------------------------------------------------------------
// [SECTION] Quick start
//-----------------------------------------------------------------------------------------------------------------
//
//   #include "ui/chronoscope.h"
//   #include "core/load.h"
//
//   chronoscope::CreateContext();                       // after ImGui::CreateContext()
//   chronoscope::TimelineData data;                     // a timeline and its index (core/timeline_data.h)
//   chronoscope::LoadResult res;
//   if (chronoscope::LoadTimelineFile("story.json", chronoscope::LoadOptions(), &data.Tl, &res))
//       chronoscope::BuildTimelineIndex(data.Tl, &data.Index);
//
//   // every frame, inside any ImGui window:
//   if (chronoscope::BeginTimeline("history", &data, ImVec2(-1, 400))) {
//       // here: read or steer it (GetTimelineSelection(), SetTimelineWindow(), ...), draw over it
//       chronoscope::EndTimeline();
//   }
//
//   chronoscope::DestroyContext();                      // before ImGui::DestroyContext()
//
// The widget keeps its state (the visible window, animation, selection, search, folded groups) per id, as ImGui
// does for its own widgets, so any number of timelines can share a window. It never owns the data: `data` must
// stay alive while a timeline shows it; give a timeline a new TimelineData (or call data.MarkChanged()) and it
// starts over with it. It draws with the fonts in its style, or the host's current font, and never touches the
// host's ImGui style.
//
// The widget is the plot (eras, group headers, lanes of marks, the time axis) plus optional parts that each flag
// switches off: a bar above it (title, group legend, search field), a details panel at its right for the
// selected event, and a tooltip. The parts are written with nothing but the calls in this file, so a host can
// switch one off and put its own in its place.
#pragma once

#include "imgui.h"

#include "core/locale.h"
#include "core/time.h"
#include "core/timeline_data.h"
#include "core/view.h"

#include <cstdint>

namespace chronoscope {

struct TimelineContext;

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] Flags, colours, style
//-----------------------------------------------------------------------------------------------------------------

typedef int TimelineFlags;   // -> enum TimelineFlags_
typedef int TimelineCol;     // -> enum TimelineCol_
typedef int TimelineRect;    // -> enum TimelineRect_

enum TimelineFlags_ {
    TimelineFlags_None       = 0,
    TimelineFlags_NoTitle    = 1 << 0,   // the bar shows no title
    TimelineFlags_NoLegend   = 1 << 1,   // the bar shows no group chips
    TimelineFlags_NoSearch   = 1 << 2,   // the bar shows no search field, match count or Fit button
    TimelineFlags_NoDetails  = 1 << 3,   // no details panel for the selected event
    TimelineFlags_NoTooltip  = 1 << 4,   // no tooltip over marks
    TimelineFlags_NoKeyboard = 1 << 5,   // keys do nothing (the mouse still does)
    TimelineFlags_NoInputs   = 1 << 6,   // no zoom, pan, clicks or keys: a picture that the calls below steer
    TimelineFlags_NoTitleCard = 1 << 7,  // no title card first (the data's title, description and media)
    // Right to left, for Arabic, Hebrew and Persian readers: time runs from right to left (later events to the
    // left) and the parts mirror: the bar's title at the right and its controls at the left, the details panel at
    // the left, text set from the right. A drag still moves the content with the pointer, the wheel zooms about it,
    // and the arrow key pointing to later time steps to the next event (Left).
    TimelineFlags_RightToLeft = 1 << 8,
    // The host takes the story's and the search's steps: the data is a window of something larger (a tiled timeline,
    // core/tileset.h), so the next event is not always among the events held. See TakeTimelineStepRequest().
    TimelineFlags_HostSteps  = 1 << 9,
    // No list of a cluster too wide to zoom into (TimelineClusterList): the click still opens its listing
    // (GetTimelineClusterList) for the host to draw its own, or to call the part itself.
    TimelineFlags_NoClusterList = 1 << 10,
    TimelineFlags_NoBar      = TimelineFlags_NoTitle | TimelineFlags_NoLegend | TimelineFlags_NoSearch,  // no bar row
    TimelineFlags_PlotOnly   = TimelineFlags_NoBar | TimelineFlags_NoDetails,
};

enum TimelineCol_ {
    TimelineCol_PlotBg,          // behind lanes and axis (filled only with TimelineStyle::FillBackground)
    TimelineCol_Grid,            // minor grid lines
    TimelineCol_GridMajor,       // major grid lines, the axis, the bar's rule, legend chips' outline
    TimelineCol_Text,
    TimelineCol_TextDim,         // counts, the axis's context line, hidden groups
    TimelineCol_Accent,          // the selected event's date, match counts
    TimelineCol_Selection,       // outline of the selected and the hovered event
    TimelineCol_Match,           // outline of search matches
    TimelineCol_ClusterText,     // counts on cluster marks
    TimelineCol_LabelOnLight,    // a title inside a light range bar
    TimelineCol_LabelOnDark,     // a title inside a dark range bar
    TimelineCol_Ungrouped,       // marks of events without a group
    TimelineCol_PanelBg,         // the details panel (filled where it differs from PlotBg)
    TimelineCol_PanelBorder,
    TimelineCol_COUNT
};

static const int kTimelinePaletteSize = 8;

// Every size is in pixels for 15 px text and scales with the text size (a timeline drawn with 30 px text is
// twice as large). Set a field once (GetStyle()) or between frames; the presets set colours and tints only.
struct TimelineStyle {
    // Text. Null fonts use the current ImGui font; FontSize 0 uses ImGui::GetFontSize().
    ImFont* Font = nullptr;             // labels, details text
    ImFont* FontBold = nullptr;         // the title, group headers, milestone labels, the details' title
    ImFont* FontSmall = nullptr;        // axis labels, counts, legend chips (drawn at FontSize * SmallTextScale)
    float   FontSize = 0.0f;
    float   SmallTextScale = 0.84f;
    float   TitleTextScale = 1.1f;      // the title in the bar
    float   DetailsTitleScale = 1.25f;  // the selected event's title in the details panel

    // Layout
    float   BarHeight = 48.0f;          // the bar above the plot (title, legend, search)
    float   AxisHeight = 48.0f;         // the time axis below the lanes
    float   RowHeight = 26.0f;          // one lane
    float   GroupHeaderHeight = 24.0f;
    float   GroupGap = 4.0f;            // below each group's lanes, and above the first group
    float   EraHeight = 22.0f;          // the strip naming the eras, above the lanes
    float   DetailsWidth = 360.0f;      // the details panel, at most DetailsMaxShare of the widget's width
    float   DetailsMaxShare = 0.42f;
    float   DetailsSheetBelow = 640.0f; // a widget narrower than this holds the panel as a sheet below the axis (phones)
    float   DetailsSheetShare = 0.45f;  // ... that tall, as a share of the widget's height
    float   ScrollMargin = 8.0f;        // room below the last lane when the lanes are scrolled to the end

    // The axis
    float   TickSpacing = 96.0f;        // least room between two labelled ticks
    float   TickLength = 7.0f;          // a labelled tick; minor ticks are MinorTickLength
    float   MinorTickLength = 4.0f;
    float   TickLabelOffset = 9.0f;     // from the axis line down to the labels
    float   TickLabelSpacing = 8.0f;    // least gap between two labels (a label that would come closer is left out)
    float   AxisContextOffset = 27.0f;  // from the axis line down to the context line ("2020" under months)

    // Group headers and eras
    float   HeaderTabWidth = 280.0f;    // the tinted tab of a group header (a click there folds the group)
    float   HeaderAccentWidth = 3.0f;   // the group's colour at the tab's left edge
    float   HeaderArrowSize = 4.0f;     // the fold arrow, centred HeaderArrowX from the tab's left edge
    float   HeaderArrowX = 14.0f;
    float   HeaderLabelX = 24.0f;       // the group's name, then its count HeaderCountSpacing further
    float   HeaderCountSpacing = 8.0f;
    float   EraRounding = 3.0f;
    float   LabelPadding = 6.0f;        // before a label inside a range bar or an era's chip
    float   LabelEndPadding = 4.0f;     // after it (and before an era's label at the plot's left edge)

    // Marks
    float   RangeHeight = 18.0f;
    float   RangeRounding = 4.0f;
    float   MilestoneRadius = 7.5f;
    float   PointRadius = 5.0f;
    float   ClusterHeight = 16.0f;
    float   ClusterRounding = 3.0f;
    float   ClusterMinWidth = 6.0f;
    float   ClusterLabelPadding = 4.0f; // each side of a cluster's count
    float   OutlineThickness = 2.0f;    // selection, hover and match outlines
    float   MatchRingGap = 4.0f;        // between a matching point and the ring around it
    float   LabelGap = 5.0f;            // between a mark and a label beside it
    float   LabelNextGap = 8.0f;        // a label beside a point stops this far before the next mark
    float   RangeLabelMinInside = 40.0f;   // least room for a cut title inside a bar, else it goes beside it
    float   RangeLabelMinBeside = 30.0f;   // least room for a title beside a bar
    float   HitSlop = 6.0f;             // how near the pointer must come to a point to hover it
    // Busy views. With more than DenseMarks marks on screen, shapes drop anti-aliasing and rounding, circles have
    // fewer segments, and labels need more room and share a smaller glyph budget. A lane with more than one mark
    // per StripMarkSpacing pixels is drawn as a strip of plain bars without labels.
    int     DenseMarks = 150;
    float   LabelMinWidth = 24.0f;
    float   DenseLabelMinWidth = 64.0f;
    int     GlyphBudget = 4000;
    int     DenseGlyphBudget = 1200;
    int     CircleSegments = 14;
    int     DenseCircleSegments = 6;
    float   StripMarkSpacing = 24.0f;
    float   StripClusterHeight = 14.0f;
    float   StripRangeHeight = 12.0f;
    float   StripPointHeight = 10.0f;
    float   StripPointWidth = 3.0f;
    float   StripMinWidth = 2.0f;       // the narrowest bar in a strip

    // The title bar
    float   BarPadding = 14.0f;         // at the bar's left and right ends
    float   TitleSpacing = 18.0f;       // between the title and the legend
    float   ChipHeight = 22.0f;         // a legend chip: its dot ChipDotX from its left edge, its label at ChipLabelX
    float   ChipDotRadius = 5.0f;
    float   ChipDotX = 12.0f;
    float   ChipLabelX = 21.0f;
    float   ChipRightPadding = 5.0f;
    float   ChipSpacing = 6.0f;
    float   SearchWidth = 230.0f;       // the search field, at most SearchMaxShare of the widget's width
    float   SearchMaxShare = 0.3f;
    float   SearchReserve = 120.0f;     // room left of the search field for the match count or the Fit button
    float   FitButtonX = 70.0f;         // the Fit button's left edge, left of the search field
    float   MatchCountSpacing = 10.0f;  // between the match count and the search field
    float   ScaleButtonX = 136.0f;      // the Log / Linear button's left edge, left of the search field (shown for data
                                        // spanning more than ScaleButtonMinYears, or on a log axis)
    float   ScaleButtonMinYears = 10000.0f;

    // The details panel
    ImVec2  DetailsPadding = ImVec2(18.0f, 16.0f);
    float   DetailsDotRadius = 5.0f;    // the group's dot before its name
    float   DetailsLabelX = 16.0f;
    ImVec2  DetailsCloseOffset = ImVec2(22.0f, 3.0f);  // the close button, in from the top right corner

    // Colours. A group's colour (its own, else Palette[group % 8]) is mixed toward PlotBg by these shares for:
    float   RangeTint = 0.12f;          // range bars
    float   ClusterTint = 0.35f;        // cluster marks
    float   StripClusterTint = 0.2f;    // cluster bars in a strip
    float   HeaderTabTint = 0.93f;      // the tab behind a group header
    float   HeaderRuleTint = 0.8f;      // the rule under a group header
    float   EraStripTint = 0.72f;       // an era's chip in the era strip
    float   EraEdgeTint = 0.45f;        // an era's boundary lines
    ImVec4  Colors[TimelineCol_COUNT];
    ImVec4  Palette[kTimelinePaletteSize];
    bool    FillBackground = true;      // fill PlotBg (a host that clears its frame with that colour can skip it)

    TimelineStyle();                    // light colours
};

// What the mouse wheel and keys do (GetInputMap()).
struct TimelineInputMap {
    float WheelUnitsPerNotch = 1.0f;    // io.MouseWheel per wheel notch (Dear ImGui's web backend reports 1.2)
    float WheelZoom = 0.82f;            // span factor per notch (< 1: the wheel forward zooms in)
    float KeyZoom = 0.6f;               // span factor per + key
    float KeyPan = 0.25f;               // share of the width per Shift+Left/Right
    float KeyScroll = 40.0f;            // pixels per Up/Down
    float WheelPan = 60.0f;             // pixels per notch of Shift+wheel or a horizontal wheel
    float DoubleClickZoom = 0.5f;       // span factor of a double-click
    bool  ReducedMotion = false;        // no animated zoom, pan or inertia: views jump (prefers-reduced-motion)
};

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] Context
//-----------------------------------------------------------------------------------------------------------------

// One context holds the style and the state of every timeline; create it after ImGui's and destroy it before.
TimelineContext*  CreateContext();
void              DestroyContext(TimelineContext* ctx = nullptr);   // null: the current one
TimelineContext*  GetCurrentContext();
void              SetCurrentContext(TimelineContext* ctx);

TimelineStyle&    GetStyle();
TimelineInputMap& GetInputMap();
void              StyleColorsLight(TimelineStyle* dst = nullptr);   // null: GetStyle()
void              StyleColorsDark(TimelineStyle* dst = nullptr);
ImU32             GetColorU32(TimelineCol col, float alpha_mul = 1.0f);

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] Locale and time zone
//-----------------------------------------------------------------------------------------------------------------
//
// Every date the widget writes (axis, details, tooltip, title card) follows the context's Locale (core/locale.h:
// month names, date patterns, digits, era and "years ago" words), filled from CLDR by the host: the product fills
// it from Intl on the web and from ICU natively; the default is the built-in English ("21 Aug 2020", "500 BCE").
// Times are shown in the context's zone: by default each at the offset it was written with ("13:00 +09:00"), or
// all in UTC, or in an IANA zone whose offsets the host answers (TimeZoneSetting::OffsetAt). The axis counts in
// that zone (by default in the data's written offset when all its times share one, else UTC).
void                   SetTimelineLocale(const Locale& loc);
const Locale&          GetTimelineLocale();
void                   SetTimelineTimeZone(const TimeZoneSetting& zone);
const TimeZoneSetting& GetTimelineTimeZone();

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] The widget
//-----------------------------------------------------------------------------------------------------------------

// Draws a timeline at the cursor. size: (0, 0) fills the space left in the window; a negative component leaves
// that much room at the right or bottom (as ImGui::BeginChild). The id is pushed on ImGui's id stack like any
// widget's (an ImGuiID is used as it is, as BeginChild(ImGuiID) does). Returns false when there is no room to
// draw; call EndTimeline() only when it returned true. data may be null (nothing to show).
bool BeginTimeline(const char* str_id, const TimelineData* data, const ImVec2& size = ImVec2(0, 0), TimelineFlags flags = 0);
bool BeginTimeline(ImGuiID id, const TimelineData* data, const ImVec2& size = ImVec2(0, 0), TimelineFlags flags = 0);
void EndTimeline();

// Before BeginTimeline: what the next timeline shows when it has nothing to show ("No events to show").
void SetNextTimelineEmptyText(const char* text);

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] Steering and reading the current timeline
//-----------------------------------------------------------------------------------------------------------------
//
// These act on the current timeline: the one between BeginTimeline() and EndTimeline() (and after it, the one just
// ended, as ImGui's IsItem*() act on the last item), or the one SetCurrentTimeline() chose (a host's API calls
// between frames, e.g. JavaScript's). A change shows in the next frame drawn. Events are indices into data->Tl.Events (time order); groups are indices into
// data->Tl.Groups, and Groups.size() stands for the events without a group.

ImGuiID GetTimelineID();                     // the current timeline's id (0: none)
ImGuiID GetTimelineID(const char* str_id);   // the id BeginTimeline(str_id) would use here (needs a window)
void    SetCurrentTimeline(ImGuiID id);      // not inside Begin/End; makes the state if there is none yet; 0: none
// Gives the current timeline other data now (BeginTimeline also does, when its data changes): the selection,
// search matches and folded groups start over; the view fits the new data unless keep_view.
void    SetTimelineData(const TimelineData* data, bool keep_view = false);
const TimelineData* GetTimelineData();
// Another window of the same timeline (a tiled timeline's, core/tileset.h): the view, the search query, folded and
// hidden groups and the title card stay; the selection and the matches are cleared (the host sets them again:
// SetTimelineSelection(i, false), SetTimelineMatches) and the window's own matches are found until it does.
void    SwapTimelineData(const TimelineData* data);
// The view as drawn in the last frame (its window, plot width and scale).
void    GetTimelineView(View* out);

// The visible window
void    GetTimelineWindow(Instant* start, Instant* end);
void    SetTimelineWindow(Instant start, Instant end);      // at once (no animation)
void    FitTimeline(bool animate = true);                   // everything, with room at the right for labels
void    ZoomTimeline(float factor, float screen_x);         // about screen_x; factor > 1 zooms in
// Touch. ImGui has one pointer, which a host drives with the first finger (as SDL does), so one finger pans and a
// tap selects; the host also reports every finger down, in screen coordinates, each frame before the timelines
// (count 0: none). Two fingers that land on a timeline's plot pinch it: the time under their midpoint stays under
// it as they move, the window's span follows the distance between them, and the first finger's drag pans nothing.
void    SetTimelineTouches(int count, const ImVec2* points);
bool    IsTimelineAnimating();                              // an animation or inertia is under way

// The time axis: linear (equal spans of time, equal widths), or "time before present" on a log scale, where each
// factor of ten in age takes the same width, so 13.8 billion years and last week share one axis. On the log scale
// ages count back from the present (the system clock's now, or the data's last instant if that is later); later
// instants sit at the axis's right end. The window (GetTimelineWindow) stays in dates on both scales.
enum TimelineTimeScale_ {
    TimelineTimeScale_Linear,
    TimelineTimeScale_Log,
};
typedef int TimelineTimeScale;   // -> enum TimelineTimeScale_
void              SetTimelineTimeScale(TimelineTimeScale scale);   // keeps the window where the scale can show it
TimelineTimeScale GetTimelineTimeScale();

// The selected event (-1: none)
int     GetTimelineSelection();
void    SetTimelineSelection(int event, bool bring_into_view = true);  // brought into view at once
// Story mode: flies (zooms and pans, animated unless ReducedMotion) to the next (+1) or previous (-1) event of the
// story, selects it and opens its panel. The story is the data's own order (Timeline::Story) or else the shown
// events in time order; it starts at the title card, where there is one.
void    StepTimelineSelection(int dir);
int     GetTimelineHovered();                // the event under the pointer in the last frame, or -1

// Steps the host takes (TimelineFlags_HostSteps). The widget's data is then a part of what the reader steps
// through, so the widget's own steps (the title card's "Start the story", the details panel's Previous and Next,
// the Left / Right / Home / End keys, Enter in the search field, and StepTimelineSelection / StepTimelineMatch)
// select nothing: each records a request, which the host takes once per frame (before or after the timeline) and
// answers by selecting the event it steps to (SetTimelineSelection(i, true) once that event is in its data;
// ShowTimelineTitleCard(true) for a step back before the story's first event), as ImGui leaves opening a link to
// the host (GetTimelineLinkRequest). Without the flag the widget steps through the events it holds.
enum TimelineStep_ {
    TimelineStep_None = 0,
    TimelineStep_Story,       // the story's next (dir +1) or previous (dir -1) event (StepTimelineSelection)
    TimelineStep_Match,       // the search's next or previous match (StepTimelineMatch)
    TimelineStep_First,       // the first event (Home)
    TimelineStep_Last,        // the last event (End)
};
typedef int TimelineStep;     // -> enum TimelineStep_
// The step asked for and not taken yet (TimelineStep_None: none) and its direction (+1 or -1); taking it clears
// it (a newer request replaces one not taken).
TimelineStep TakeTimelineStepRequest(int* dir);
// A story step's flight to one event, for a host answering TimelineStep_Story: selects it, closes the title card
// and zooms and pans to it among its neighbours (animated unless ReducedMotion), as StepTimelineSelection does.
void         FlyTimelineTo(int event);

// The title card (the data's title, description and media) shows first when the data has a description or
// title media, until an event is selected or the card is closed; story mode goes back to it before the first
// event. TimelineFlags_NoTitleCard leaves it out.
bool    HasTimelineTitleCard();              // the data has something to show on one
bool    IsTimelineTitleCardShown();
void    ShowTimelineTitleCard(bool show);

// Search: events whose title, text or tags contain every word of the query (core/search.h)
int         SetTimelineSearch(const char* query);   // returns the number of matches
const char* GetTimelineSearch();                    // the query the matches are for
char*       GetTimelineSearchBuffer(size_t* capacity);  // the text being typed (the bar's field edits it)
int         GetTimelineMatchCount();
int         GetTimelineMatchCursor();               // which match the last step went to, or -1
int         StepTimelineMatch(int dir);             // selects the next (+1) or previous (-1) match; its event
bool        IsTimelineMatch(int event);
// Matches found by the host (a tiled timeline searches its shards, not the events it holds): events (indices, in
// time order) for the highlight and the steps, and total, the count shown, which may be more than count (matches
// not held now). total -1: the host is still searching (the bar says so). Kept until the query changes.
void        SetTimelineMatches(const uint32_t* events, int count, const char* query, int total);
bool        IsTimelineSearchPending();                 // SetTimelineMatches said the host is still searching
// The match the host's own step went to (TimelineFlags_HostSteps), as the bar counts it ("3 of 120"): its place
// among all the matches (0-based, below SetTimelineMatches' total), -1: none. Kept until the query changes.
void        SetTimelineMatchCursor(int cursor);
// The search field edited by a text input of the host's own over the bar's field (TimelineRect_Search): a browser
// page puts an HTML input there while the field is edited, so that IME composition (Korean, Japanese, Chinese)
// works, which the canvas never gets. IsTimelineSearchEditing(): the bar's field has the keyboard (it was clicked,
// or Ctrl+F or / pressed). While the overlay is on, the bar leaves the field empty and never activates it; the
// host sets the query (SetTimelineSearch) and steps through the matches (StepTimelineMatch) itself.
bool        IsTimelineSearchEditing();
void        SetTimelineSearchOverlay(bool on);
bool        IsTimelineSearchOverlay();
void        SetTimelineSearchRect(const ImVec2& min, const ImVec2& max, bool editing);  // the bar reports its field

// Groups
bool    IsTimelineGroupHidden(int group);
void    SetTimelineGroupHidden(int group, bool hidden);
bool    IsTimelineGroupCollapsed(int group);
void    SetTimelineGroupCollapsed(int group, bool collapsed);

// Where things are, in screen coordinates, from the last frame drawn
enum TimelineRect_ {
    TimelineRect_Frame,    // the whole widget
    TimelineRect_Bar,      // the bar above the plot (empty with TimelineFlags_NoBar)
    TimelineRect_Plot,     // eras and lanes
    TimelineRect_Axis,     // the time axis below the plot
    TimelineRect_Details,  // the details panel (empty when nothing is selected, or with TimelineFlags_NoDetails): at
                           // the right of the plot and axis (the left with TimelineFlags_RightToLeft), or below
                           // them on a narrow widget (DetailsSheetBelow)
    TimelineRect_Media,    // the selected event's picture or media card in the details panel (empty when none)
    TimelineRect_Search,   // the bar's search field (empty when the bar has none)
};
void    GetTimelineRect(TimelineRect which, ImVec2* min, ImVec2* max);
float   TimelineTimeToScreenX(Instant t);                 // (mirrored with TimelineFlags_RightToLeft)
Instant TimelineScreenXToTime(float x);
bool    IsTimelineRightToLeft();                          // the current timeline has TimelineFlags_RightToLeft
bool    LocateTimelineEvent(int event, ImVec2* pos);  // its own mark's centre; false if not drawn on its own
// The events whose titles the last frame drew in the plot (beside or inside their marks), in draw order: what a
// reader of the view can read (for a host's summary of it, and tests). Returns the count; *events stays valid
// until the next frame.
int     GetTimelineLabelledEvents(const uint32_t** events);
float   GetTimelineScale();                           // the style's sizes are multiplied by this (text size / 15)
float   GetTimelineTextSize();                        // the text size in pixels (TimelineStyle::FontSize or ImGui's)
bool    HasTimelineKeyboard();                        // keys go to this timeline this frame (hovered, or last clicked)

// Hover: the mark under the pointer in the last frame
struct TimelineHover {
    int  Event = -1;       // the event (for a cluster: its first)
    int  Count = 0;        // 1, or the number of events folded into a cluster; 0 when nothing is hovered
    bool Lists = false;    // a cluster a click lists (TimelineClusterList) rather than zooms into: it is a third of
                           // the plot wide or more, so zooming to it would not part its events
};
TimelineHover GetTimelineHover();

// The list a click on such a cluster opened: its lane's first events over its time (up to 200), in time order.
// EndTimeline draws it (TimelineClusterList) until a choice, a click elsewhere or new data closes it.
struct TimelineClusterListing {
    bool            Open = false;
    bool            JustOpened = false;   // opened by this frame's click
    int             Count = 0;            // the cluster's count
    const uint32_t* Events = nullptr;     // event indices (valid until the next frame)
    int             Shown = 0;
    bool            More = false;         // its lane holds more events there than Events (or a tiled window's
                                          // folded ones, which cannot be listed)
    ImVec2          At;                   // where the click was (screen)
};
TimelineClusterListing GetTimelineClusterList();
void CloseTimelineClusterList();

// Colours of the data, from the style: a group's own colour or the palette's, an event's own or its group's
ImU32   GetTimelineGroupColor(int group);
ImU32   GetTimelineEventColor(int event);

// Links. A click on "Open link" asks the host to open a link (the widget cannot): read it after EndTimeline()
// each frame; null when there is none. Only links that core/link.h allows are ever requested.
void        OpenTimelineLink(const char* url);    // records the request (a part's button calls it)
const char* GetTimelineLinkRequest();

// The CPU time of the last frame's timeline (input, layout, draw lists), in milliseconds.
double  GetTimelineFrameMs();

// Text as the plot draws it: the style's fonts (or the current font), and labels whose cost follows the room they
// may take, not the length of their string (data may hold a 5 MB title). MeasureTimelineText is exact up to
// max_width and returns more than max_width for text that does not fit; DrawTimelineText cuts it with an ellipsis.
enum TimelineFont_ { TimelineFont_Regular, TimelineFont_Bold, TimelineFont_Small };
ImFont* GetTimelineFont(int which);                   // TimelineFont_
float   MeasureTimelineText(ImFont* font, float size, const char* text, float max_width);
void    DrawTimelineText(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 col, const char* text, float max_width);

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] Parts
//-----------------------------------------------------------------------------------------------------------------
//
// EndTimeline() draws these unless their flags are set. Each is written with the calls above only; a host that
// switches one off can call it itself (between BeginTimeline and EndTimeline), or draw its own instead.

void TimelineTitleBar(TimelineFlags flags);   // in TimelineRect_Bar: title, legend chips, search field, Fit
void TimelineDetailsPanel();                  // in TimelineRect_Details: the selected event
void TimelineTitleCard();                     // in TimelineRect_Details: the title card, when it is shown
void TimelineTooltip();                       // at the pointer: the hovered event or cluster
void TimelineClusterList();                   // at a click on a cluster too wide to zoom into: a list of its events
                                              // (GetTimelineClusterList); choosing one selects it
// At the cursor, `width` wide: an event's picture (or a card naming its video, page or provider), its caption and
// credit; nothing when it has none. The details panel calls it; a title card may too. Reports where it drew the
// picture or card (TimelineRect_Media) when `report_rect`.
void TimelineEventMedia(int event, float width, bool report_rect = false);
// The same for any media: the title card's (Timeline::MediaUrl, MediaCaption, MediaCredit), or a host's own.
void TimelineMedia(const char* url, const char* caption, const char* credit, float width, bool report_rect = false);
void SetTimelineMediaRect(const ImVec2& min, const ImVec2& max);   // what TimelineRect_Media answers this frame

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] Pictures
//-----------------------------------------------------------------------------------------------------------------
//
// The widget draws pictures but never loads one: the host does (fetching, decoding, textures, a memory cap), as
// ImGui leaves textures to its backends. Each frame the widget asks the provider for the pictures it would draw
// (the details panel's, and thumbnails of the marks that have room for one) by their URL as the data has it: a
// relative URL is the host's to resolve against where the data came from. The provider must answer at once: it
// starts a load and answers Loading, then Ready with a texture once the picture is decoded (and should make the
// next frame draw), or Failed. Without a provider, pictures show as link cards.
enum TimelineImageStatus_ { TimelineImageStatus_Loading, TimelineImageStatus_Ready, TimelineImageStatus_Failed };
struct TimelineImage {
    int         Status = TimelineImageStatus_Loading;   // TimelineImageStatus_
    ImTextureID Texture = 0;        // Ready: what ImGui draws it with (non-zero)
    ImVec2      Size;               // Ready: its size in pixels
    const char* Note = nullptr;     // Failed: why, for the reader ("not found", "SVG is not drawn here"); may be null
};
typedef void (*TimelineImageGetter)(const char* url, TimelineImage* out, void* user_data);
void SetTimelineImageProvider(TimelineImageGetter getter, void* user_data);   // null: none
bool GetTimelineImage(const char* url, TimelineImage* out);   // asks the provider; false when there is none

// The frame of a panel in TimelineRect_Details, as the details panel and the title card draw theirs: background,
// rule, a padded child window and a close button at its top right. Call EndTimelinePanel() when it returned true.
bool BeginTimelinePanel(const char* str_id, bool* close_clicked);
void EndTimelinePanel();
// Text at the cursor in the current font and text colour, wrapped at `width` (0: the window's content width) and set
// on the reading side: from the left, or right-aligned with TimelineFlags_RightToLeft (as a panel's text is); text
// that needs a run goes through the text provider (TimelineTextUnformatted).
void TimelineTextWrapped(const char* text, const char* text_end = nullptr, float width = 0.0f);
// Moves the cursor so that an item `width` wide starts at the reading side of the line (right to left: ends at the
// content region's right edge); does nothing left to right.
void TimelineAlignItem(float width);

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] Text runs
//-----------------------------------------------------------------------------------------------------------------
//
// The widget draws text with its ImGui fonts, one glyph per character, left to right: right for Latin, Greek and
// Cyrillic, wrong for joined and right-to-left scripts (Arabic, Hebrew), shaped ones (Devanagari, Thai), emoji and
// the tens of thousands of CJK characters (core/script.h says which text is which). Text of the second kind goes
// to the host's text provider, which shapes and rasterises it whole (HarfBuzz, or a browser's canvas) and answers
// with a textured quad, drawn like a picture and tinted white at the text's alpha. Without a provider, or when
// it fails, such text takes the ImGui path. Each frame the widget asks for the text it would draw, only the part
// that can fit its room (a 5 MB title costs what a label shows); a run wider than its room shows its start (the
// left for left-to-right text, the right for right-to-left) fading out at the cut. The provider must answer at
// once: Pending while it cannot draw the run yet (fonts loading: the widget leaves the room empty, and the host
// draws another frame when the run is ready), then Ready, or Failed.
enum TimelineTextRunStatus_ { TimelineTextRunStatus_Pending, TimelineTextRunStatus_Ready, TimelineTextRunStatus_Failed };
enum TimelineTextFlags_ {
    TimelineTextFlags_None = 0,
    TimelineTextFlags_Bold = 1 << 0,    // the bold face (the style's FontBold)
    TimelineTextFlags_Measure = 1 << 1, // only Size, Ascent and RightToLeft are read (a run of the same text in
                                        // another colour will do); the colour is the one it will likely be drawn in
};
struct TimelineTextRun {
    int         Status = TimelineTextRunStatus_Pending;   // TimelineTextRunStatus_
    ImTextureID Texture = 0;        // Ready: what ImGui draws it with (straight alpha RGBA)
    ImVec2      Uv0, Uv1;           // Ready: the run's rectangle in the texture
    ImVec2      Size;               // Ready: its size in frame units (ImGui's pixels, as the text size is)
    float       Ascent = 0.0f;      // Ready: from its top to the (first line's) baseline, in frame units
    bool        RightToLeft = false;// the text's direction (its first strong character)
};
// text: UTF-8 [text, text_end); size: the text size in frame units; color: the text's colour (the run is drawn in
// it; the widget tints it white at its alpha); flags: TimelineTextFlags_; wrap_width: 0 for one line, else the
// width to wrap paragraphs at (frame units).
typedef void (*TimelineTextGetter)(const char* text, const char* text_end, float size, ImU32 color, int flags,
                                   float wrap_width, TimelineTextRun* out, void* user_data);
void SetTimelineTextProvider(TimelineTextGetter getter, void* user_data);   // null: none
// Asks the provider for the run of text, when the text needs one (core/script.h) and there is a provider; false
// when the ImGui fonts draw it. *out is then filled (Pending, Ready or Failed).
bool GetTimelineTextRun(const char* text, const char* text_end, float size, ImU32 color, int flags, float wrap_width,
                        TimelineTextRun* out);
// ImGui::TextUnformatted through the provider, for a part's text: at the cursor, in the current font and size,
// in the text colour (col 0) or col, wrapped where ImGui would (ImGui::PushTextWrapPos; wrapped text is set from the
// right in a right-to-left timeline or paragraph); the cursor moves below.
void TimelineTextUnformatted(const char* text, const char* text_end = nullptr, ImU32 col = 0);
// The width TimelineTextUnformatted takes for text on one line (the run's, when it needs one and it is ready).
float TimelineTextWidth(const char* text, const char* text_end = nullptr);

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] What the user can do
//-----------------------------------------------------------------------------------------------------------------
//
// Over the plot:   wheel: zoom about the pointer (smooth)     drag: pan, with inertia; also scrolls the lanes
//                  two fingers (SetTimelineTouches): pinch to zoom about their midpoint, and pan
//                  double-click: zoom in at the pointer        click: select (a cluster: zoom into it; one a
//                                                              third of the plot wide or more: list its events)
//                  click a group header's tab: fold or unfold its lanes
// Keys (the timeline has the keyboard: it is hovered, or was clicked last, in the focused window):
//                  + / -: zoom about the centre                Shift+Left/Right: pan    Up/Down: scroll the lanes
//                  Left / Right: the previous / next event in time order (story mode); right to left, the
//                                next / previous (the arrow points the way time goes), and Shift pans that way
//                  Home / End: the first / last event          F: fit everything
//                  L: switch the time axis between linear and log (time before present)
//                  Esc: clear the selection and the search     Ctrl+F or /: focus the search field
// In the bar:      click a legend chip to hide or show its group; Enter in the search field steps through matches

} // namespace chronoscope
