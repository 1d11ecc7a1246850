// Chronoscope UI: the timeline widget, drawn with Dear ImGui.
//
// It draws a core View of a loaded timeline into the current ImGui window and turns input into view
// operations. Everything it knows is in TimelineWidget (plain, explicit state); the data it shows is owned
// by the caller (TimelineData) and must outlive the widget's use of it.
//
//   TimelineWidget w;
//   TimelineWidgetInit(&w);
//   TimelineWidgetSetData(&w, &data, false);     // fits the view to the data
//   each frame, inside an ImGui window:  TimelineWidgetDraw(&w);
//
// What it draws (top to bottom): a bar with the title, the group legend (click a group to hide or show it),
// the search field and match count; era bands; per group a header (click to collapse) and its lanes with
// range bars, milestone diamonds, points and cluster marks with counts; the time axis with adaptive ticks;
// the details panel of the selected event; the hover tooltip; an error banner when a load failed.
//
// Input (while the timeline's window is hovered or focused):
//   wheel            zoom about the pointer (smooth)        drag          pan, with inertia
//   double-click     zoom in at the pointer                 click         select (a cluster: zoom into it)
//   + / -            zoom about the centre                  Shift+Left/Right, Up/Down   pan / scroll lanes
//   Left / Right     previous / next event in time order (story mode)
//   Home / End       first / last event                     F             fit everything
//   Esc              clear the selection and the search     Ctrl+F or /   focus the search field
//   Enter (search)   jump to the next match
#pragma once

#include "core/index.h"
#include "core/layout.h"
#include "core/model.h"
#include "core/ticks.h"
#include "core/view.h"

#include <string>
#include <vector>

namespace chronoscope {

// What the widget shows: a loaded timeline and its index.
struct TimelineData {
    Timeline      Tl;
    TimelineIndex Index;
};

struct TimelineTheme {
    bool     Dark = false;
    uint32_t Background, Plot, Grid, GridMajor, Text, TextDim, Accent, Selection, Cluster, ClusterText, Header,
             ErrorBg, ErrorText, Panel, PanelBorder, Match;
};

struct TimelineWidget {
    TimelineData*        Data = nullptr;
    View                 Cur;                  // what is drawn
    View                 Target;               // where smooth zoom and pan are heading
    bool                 Animating = false;
    TimelineTheme        Theme;

    // interaction
    double               VelocityPx = 0.0;     // inertia after a drag, pixels per second
    bool                 Dragging = false;
    float                DragDistance = 0.0f;
    float                ScrollY = 0.0f;       // vertical scroll of the lanes
    float                PinchAnchorX = -1.0f;
    float                WheelScale = 1.0f;    // wheel units per notch differ by platform (the web backend gives 1.2)
    int                  Selected = -1;        // event index or -1
    int                  Hovered = -1;
    bool                 FocusSearch = false;
    char                 SearchBuf[256] = {};
    std::string          SearchQuery;          // what Matches were computed for
    std::vector<uint32_t> Matches;             // event indices, time order
    int                  MatchCursor = -1;
    std::vector<uint8_t> GroupHidden;          // per group (+1 for ungrouped): hidden by the legend
    std::vector<uint8_t> GroupCollapsed;       // per group (+1): lanes folded under the header
    std::string          Error;                // banner text ("" = none)
    std::string          Notice;               // status while data loads, e.g. "Reading x.json: 45%" ("" = none)
    std::string          PendingLink;          // a link the user clicked; the platform opens it (http/https only)

    // per-frame scratch (kept to avoid allocations)
    Layout               Lay;
    TickSet              Ticks;
    std::vector<uint8_t> LaneShown;
    std::vector<float>   LaneY;                // top of each lane row on screen (valid when shown)
    float                PlotWidth = 0.0f;
    float                PlotX0 = 0.0f;
    float                RowH = 0.0f;
    double               LastFrameMs = 0.0;    // CPU time of the last TimelineWidgetDraw (layout + draw lists)
};

void TimelineWidgetInit(TimelineWidget* w);
void TimelineWidgetSetData(TimelineWidget* w, TimelineData* data, bool keep_view);
void TimelineWidgetDraw(TimelineWidget* w);
void TimelineWidgetSetTheme(TimelineWidget* w, bool dark);
// The colour to clear the frame with before drawing (the plot background: the widget does not fill it itself,
// which saves software WebGL a screen-sized quad).
void TimelineWidgetClearColor(const TimelineWidget* w, float rgba[4]);
void TimelineWidgetSetError(TimelineWidget* w, const char* message);       // "" clears the banner
void TimelineWidgetSetNotice(TimelineWidget* w, const char* message);      // "" clears the status box

void TimelineWidgetSetWindow(TimelineWidget* w, Instant start, Instant end);  // immediate, no animation
void TimelineWidgetGetWindow(const TimelineWidget* w, Instant* start, Instant* end);
void TimelineWidgetFit(TimelineWidget* w, bool animate);
bool TimelineWidgetSelect(TimelineWidget* w, const char* id);                 // "" clears; false if no such id
void TimelineWidgetSelectIndex(TimelineWidget* w, int index, bool bring_into_view);
int  TimelineWidgetSelected(const TimelineWidget* w);
void TimelineWidgetPinch(TimelineWidget* w, float x, float factor);           // factor > 1 zooms in
void TimelineWidgetSearch(TimelineWidget* w, const char* query);
// Where the event's own mark was drawn in the last frame (screen coordinates); false if it was not drawn alone.
bool TimelineWidgetLocate(const TimelineWidget* w, const char* id, float* x, float* y);

} // namespace chronoscope
