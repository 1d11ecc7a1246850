// Chronoscope UI: the timeline widget (see timeline_widget.h).
#include "ui/timeline_widget.h"

#include "core/format.h"
#include "core/search.h"
#include "ui/fonts.h"

#include "imgui.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace chronoscope {

// ------------------------------------------------------------------------------------------------ helpers

static ImU32 Col(Color32 c, float alpha_mul = 1.0f)
{
    unsigned a = (unsigned)((c >> 24) & 0xFF);
    a = (unsigned)std::min(255.0f, a * alpha_mul);
    return IM_COL32((c >> 16) & 0xFF, (c >> 8) & 0xFF, c & 0xFF, a);
}

static const Color32 kPalette[] = { 0xFF6D4AE0, 0xFF0E9F6E, 0xFFE3622B, 0xFF2E86DE, 0xFFC2399E, 0xFFC99A06,
                                    0xFF17A2B8, 0xFF7B8794 };

static Color32 GroupColor(const Timeline& tl, int g)
{
    if (g >= 0 && g < (int)tl.Groups.size() && tl.Groups[g].Color)
        return tl.Groups[g].Color | 0xFF000000;
    if (g < 0 || g >= (int)tl.Groups.size())
        return 0xFF6B7280;
    return kPalette[g % (int)(sizeof(kPalette) / sizeof(kPalette[0]))];
}

static Color32 EventColor(const Timeline& tl, const Event& e)
{
    if (e.Extra != kNoExtra && e.Extra < tl.Extras.size() && tl.Extras[e.Extra].Color)
        return tl.Extras[e.Extra].Color | 0xFF000000;
    return GroupColor(tl, e.Group == kNoGroup ? -1 : e.Group);
}

static Color32 Mix(Color32 a, Color32 b, float t)
{
    auto ch = [&](int s) { return (uint32_t)((((a >> s) & 0xFF) * (1 - t) + ((b >> s) & 0xFF) * t) + 0.5f) << s; };
    return 0xFF000000 | ch(16) | ch(8) | ch(0);
}

static float Luma(Color32 c) { return (0.299f * ((c >> 16) & 0xFF) + 0.587f * ((c >> 8) & 0xFF) + 0.114f * (c & 0xFF)) / 255.0f; }

static std::string CountLabel(uint32_t n)
{
    char b[32];
    if (n >= 1000000) snprintf(b, sizeof(b), "%.1fM", n / 1e6);
    else if (n >= 10000) snprintf(b, sizeof(b), "%uk", n / 1000);
    else if (n >= 1000) snprintf(b, sizeof(b), "%.1fk", n / 1e3);
    else snprintf(b, sizeof(b), "%u", n);
    return b;
}

static std::string EventDateText(const Timeline& tl, const Event& e)
{
    if (e.Extra != kNoExtra && e.Extra < tl.Extras.size() && tl.Extras[e.Extra].DisplayDate)
        return tl.Str(tl.Extras[e.Extra].DisplayDate);
    if (e.Flags & EventFlags_HasEnd)
        return FormatRange(e.Start(), e.StartPrecision(), e.End(), e.EndPrecision());
    return FormatInstant(e.Start(), e.StartPrecision());
}

static const char* GroupLabel(const Timeline& tl, int g)
{
    if (g < 0 || g >= (int)tl.Groups.size())
        return "";
    return tl.Groups[g].Label.c_str();
}

// ------------------------------------------------------------------------------------------------ state

void TimelineWidgetSetTheme(TimelineWidget* w, bool dark)
{
    TimelineTheme& t = w->Theme;
    t.Dark = dark;
    if (!dark) {
        t.Background = 0xFFF4F5F8; t.Plot = 0xFFFFFFFF; t.Grid = 0xFFEDEEF3; t.GridMajor = 0xFFDADDE6;
        t.Text = 0xFF1E2230; t.TextDim = 0xFF6A7080; t.Accent = 0xFF5B3FD9; t.Selection = 0xFF1E2230;
        t.Cluster = 0xFF8C93A6; t.ClusterText = 0xFFFFFFFF; t.Header = 0xFFF7F8FB; t.ErrorBg = 0xFFFDECEC;
        t.ErrorText = 0xFFB42318; t.Panel = 0xFFFFFFFF; t.PanelBorder = 0xFFDADDE6; t.Match = 0xFFF59E0B;
    } else {
        t.Background = 0xFF111318; t.Plot = 0xFF171A21; t.Grid = 0xFF20242D; t.GridMajor = 0xFF2C313C;
        t.Text = 0xFFE8EAF0; t.TextDim = 0xFF9AA1B2; t.Accent = 0xFF9B87F5; t.Selection = 0xFFFFFFFF;
        t.Cluster = 0xFF5D6478; t.ClusterText = 0xFFFFFFFF; t.Header = 0xFF1B1F27; t.ErrorBg = 0xFF3A1717;
        t.ErrorText = 0xFFFF8A80; t.Panel = 0xFF171A21; t.PanelBorder = 0xFF2C313C; t.Match = 0xFFFBBF24;
    }
    if (ImGui::GetCurrentContext()) {
        ImGuiStyle& st = ImGui::GetStyle();
        if (dark) ImGui::StyleColorsDark(&st); else ImGui::StyleColorsLight(&st);
        st.FrameRounding = 6.0f;
        st.ChildRounding = 8.0f;
        st.PopupRounding = 6.0f;
        st.WindowRounding = 6.0f;
        st.FramePadding = ImVec2(8, 5);
        st.ItemSpacing = ImVec2(8, 6);
        st.Colors[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(Col(t.Background));
        st.Colors[ImGuiCol_ChildBg] = ImGui::ColorConvertU32ToFloat4(Col(t.Panel));
        st.Colors[ImGuiCol_PopupBg] = ImGui::ColorConvertU32ToFloat4(Col(t.Panel));
        st.Colors[ImGuiCol_Border] = ImGui::ColorConvertU32ToFloat4(Col(t.PanelBorder));
        st.Colors[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(Col(t.Text));
        st.Colors[ImGuiCol_TextDisabled] = ImGui::ColorConvertU32ToFloat4(Col(t.TextDim));
        st.Colors[ImGuiCol_FrameBg] = ImGui::ColorConvertU32ToFloat4(Col(dark ? 0xFF232833 : 0xFFEEF0F5));
        st.Colors[ImGuiCol_Button] = ImGui::ColorConvertU32ToFloat4(Col(dark ? 0xFF2A3040 : 0xFFE9E6FB));
        st.Colors[ImGuiCol_ButtonHovered] = ImGui::ColorConvertU32ToFloat4(Col(dark ? 0xFF363D52 : 0xFFDCD6FA));
        st.Colors[ImGuiCol_ButtonActive] = ImGui::ColorConvertU32ToFloat4(Col(dark ? 0xFF434B66 : 0xFFCBC2F7));
    }
}

void TimelineWidgetClearColor(const TimelineWidget* w, float rgba[4])
{
    Color32 c = w->Theme.Plot;
    rgba[0] = ((c >> 16) & 0xFF) / 255.0f;
    rgba[1] = ((c >> 8) & 0xFF) / 255.0f;
    rgba[2] = (c & 0xFF) / 255.0f;
    rgba[3] = 1.0f;
}

void TimelineWidgetInit(TimelineWidget* w)
{
    *w = TimelineWidget();
    TimelineWidgetSetTheme(w, false);
    CivilTime a, b;
    a.year = 2000;
    b.year = 2030;
    ViewSetRange(&w->Cur, InstantFromCivil(a), InstantFromCivil(b));
    w->Target = w->Cur;
}

void TimelineWidgetSetError(TimelineWidget* w, const char* message) { w->Error = message ? message : ""; }
void TimelineWidgetSetNotice(TimelineWidget* w, const char* message) { w->Notice = message ? message : ""; }

static void ClampTarget(TimelineWidget* w, View* v)
{
    if (!w->Data || w->Data->Index.Empty)
        return;
    const TimelineIndex& ix = w->Data->Index;
    double extent = ToSeconds(ix.Max - ix.Min);
    double max_span = std::max(extent * 3.0, 86400.0 * 2.0);
    if (v->Span > max_span)
        v->Span = max_span;
    ViewClamp(v, ix.Min, ix.Max, 0.08);
}

void TimelineWidgetFit(TimelineWidget* w, bool animate)
{
    if (!w->Data || w->Data->Index.Empty)
        return;
    View v = w->Cur;
    // room on the right for the labels of the last events
    const TimelineIndex& ix = w->Data->Index;
    Instant hi = ix.Max + DurationFromSeconds(ToSeconds(ix.Max - ix.Min) * 0.10);
    ViewFit(&v, ix.Min, hi, 0.03);
    w->Target = v;
    if (!animate)
        w->Cur = v;
    w->Animating = animate;
    w->VelocityPx = 0.0;
}

void TimelineWidgetSetData(TimelineWidget* w, TimelineData* data, bool keep_view)
{
    w->Data = data;
    size_t ng = data ? data->Tl.Groups.size() + 1 : 1;
    if (!keep_view || w->GroupHidden.size() != ng) {
        w->GroupHidden.assign(ng, 0);
        w->GroupCollapsed.assign(ng, 0);
    }
    w->Selected = -1;
    w->Hovered = -1;
    // the last frame's marks point into the old data
    w->Lay.Marks.clear();
    w->LaneShown.clear();
    w->LaneY.clear();
    w->Matches.clear();
    w->SearchQuery.clear();
    w->MatchCursor = -1;
    w->ScrollY = 0.0f;
    if (data && data->Tl.Events.size() && w->SearchBuf[0])
        TimelineWidgetSearch(w, w->SearchBuf);
    if (!keep_view)
        TimelineWidgetFit(w, false);
}

void TimelineWidgetSetWindow(TimelineWidget* w, Instant start, Instant end)
{
    ViewSetRange(&w->Cur, start, end);
    w->Target = w->Cur;
    w->Animating = false;
    w->VelocityPx = 0.0;
}

void TimelineWidgetGetWindow(const TimelineWidget* w, Instant* start, Instant* end)
{
    *start = w->Cur.Start;
    *end = ViewEnd(w->Cur);
}

int TimelineWidgetSelected(const TimelineWidget* w) { return w->Selected; }

static void BringIntoView(TimelineWidget* w, int index)
{
    const Event& e = w->Data->Tl.Events[index];
    View v = w->Target;
    double x0 = ViewX(v, e.Start()), x1 = ViewX(v, e.End());
    double margin = v.Width * 0.12;
    if (x0 >= margin && x1 <= v.Width - margin)
        return;
    double len = ToSeconds(e.End() - e.Start());
    if (len > v.Span * 0.7) {
        ViewFit(&v, e.Start(), e.End(), 0.15);
    } else {
        Instant mid = e.Start() + DurationFromSeconds(len * 0.5);
        v.Start = mid - DurationFromSeconds(v.Span * 0.5);
    }
    ClampTarget(w, &v);
    w->Target = v;
    w->Animating = true;
    w->VelocityPx = 0.0;
}

void TimelineWidgetSelectIndex(TimelineWidget* w, int index, bool bring_into_view)
{
    if (!w->Data || index < 0 || index >= (int)w->Data->Tl.Events.size()) {
        w->Selected = -1;
        return;
    }
    w->Selected = index;
    if (bring_into_view)
        BringIntoView(w, index);
}

bool TimelineWidgetSelect(TimelineWidget* w, const char* id)
{
    if (!id || !id[0]) {
        w->Selected = -1;
        return true;
    }
    if (!w->Data)
        return false;
    const Timeline& tl = w->Data->Tl;
    for (size_t i = 0; i < tl.Events.size(); i++)
        if (tl.Events[i].Id && strcmp(tl.Str(tl.Events[i].Id), id) == 0) {
            TimelineWidgetSelectIndex(w, (int)i, true);
            // an API selection shows the event at once
            w->Cur = w->Target;
            w->Animating = false;
            return true;
        }
    return false;
}

void TimelineWidgetPinch(TimelineWidget* w, float x, float factor)
{
    if (!(factor > 0.0f))
        return;
    ViewZoom(&w->Target, 1.0 / factor, x);
    ClampTarget(w, &w->Target);
    w->Cur = w->Target;
    w->Animating = false;
}

void TimelineWidgetSearch(TimelineWidget* w, const char* query)
{
    if (query != w->SearchBuf)
        snprintf(w->SearchBuf, sizeof(w->SearchBuf), "%s", query ? query : "");
    w->SearchQuery = w->SearchBuf;
    w->MatchCursor = -1;
    if (w->Data)
        SearchEvents(w->Data->Tl, w->SearchBuf, &w->Matches);
    else
        w->Matches.clear();
}

bool TimelineWidgetLocate(const TimelineWidget* w, const char* id, float* x, float* y)
{
    if (!w->Data || !id || !id[0])
        return false;
    const Timeline& tl = w->Data->Tl;
    for (const Mark& m : w->Lay.Marks) {
        if (m.Count != 1 || m.Lane >= w->LaneShown.size() || !w->LaneShown[m.Lane] || m.Event >= tl.Events.size())
            continue;
        const Event& e = tl.Events[m.Event];
        if (!e.Id || strcmp(tl.Str(e.Id), id) != 0)
            continue;
        float x0 = std::max(m.X0, 0.0f), x1 = std::min(m.X1, w->PlotWidth);
        if (x1 < x0)
            return false;
        *x = w->PlotX0 + (m.Kind == MarkKind_Range ? (x0 + x1) * 0.5f : m.X0);
        *y = w->LaneY[m.Lane] + w->RowH * 0.5f;
        return true;
    }
    return false;
}

static bool IsMatch(const TimelineWidget* w, uint32_t ev)
{
    return !w->Matches.empty() && std::binary_search(w->Matches.begin(), w->Matches.end(), ev);
}

static bool EventShown(const TimelineWidget* w, int index)
{
    const Event& e = w->Data->Tl.Events[index];
    size_t g = e.Group == kNoGroup ? w->Data->Tl.Groups.size() : e.Group;
    return g < w->GroupHidden.size() && !w->GroupHidden[g];
}

// Story mode: the next (dir = +1) or previous (-1) shown event in time order.
static void Step(TimelineWidget* w, int dir)
{
    const std::vector<Event>& ev = w->Data->Tl.Events;
    if (ev.empty())
        return;
    int i = w->Selected;
    if (i < 0) {
        // start from the middle of the view
        Instant mid = ViewTime(w->Cur, w->Cur.Width * 0.5);
        auto it = std::lower_bound(ev.begin(), ev.end(), mid, [](const Event& e, Instant t) { return e.Start() < t; });
        i = (int)(it - ev.begin());
        if (dir < 0)
            i--;
    } else {
        i += dir;
    }
    while (i >= 0 && i < (int)ev.size() && !EventShown(w, i))
        i += dir;
    if (i >= 0 && i < (int)ev.size())
        TimelineWidgetSelectIndex(w, i, true);
}

// ------------------------------------------------------------------------------------------------ animation

static void Animate(TimelineWidget* w, float dt)
{
    if (w->VelocityPx != 0.0 && !w->Dragging) {
        ViewPan(&w->Target, w->VelocityPx * dt);
        ClampTarget(w, &w->Target);
        w->Cur.Start = w->Target.Start;
        w->Cur.Span = w->Target.Span;
        w->VelocityPx *= std::exp(-dt * 4.0);
        if (std::fabs(w->VelocityPx) < 20.0)
            w->VelocityPx = 0.0;
        return;
    }
    if (!w->Animating)
        return;
    double k = 1.0 - std::exp(-(double)dt * 16.0);
    double ls = std::log(w->Cur.Span), lt = std::log(w->Target.Span);
    double new_span = std::exp(ls + (lt - ls) * k);
    // keep the anchor: the point where both views agree on time moves smoothly
    double diff = ToSeconds(w->Target.Start - w->Cur.Start);
    double shift = diff * k;
    w->Cur.Start = w->Cur.Start + DurationFromSeconds(shift);
    w->Cur.Span = new_span;
    double px_err = std::fabs(ToSeconds(w->Target.Start - w->Cur.Start)) / w->Cur.Span * w->Cur.Width;
    if (px_err < 0.25 && std::fabs(lt - std::log(w->Cur.Span)) < 1e-3) {
        w->Cur = w->Target;
        w->Animating = false;
    }
}

static void ZoomAt(TimelineWidget* w, double factor, double x)
{
    // zoom the target about the time that is under x *now*
    Instant at = ViewTime(w->Cur, x);
    View t = w->Target;
    t.Span = t.Span * factor;
    if (t.Span < kMinSpanSeconds) t.Span = kMinSpanSeconds;
    if (t.Span > kMaxSpanSeconds) t.Span = kMaxSpanSeconds;
    t.Start = at - DurationFromSeconds(x / t.Width * t.Span);
    ClampTarget(w, &t);
    w->Target = t;
    w->Animating = true;
    w->VelocityPx = 0.0;
}

static void PanBy(TimelineWidget* w, double dx)
{
    ViewPan(&w->Target, dx);
    ClampTarget(w, &w->Target);
    w->Animating = true;
}

// ------------------------------------------------------------------------------------------------ drawing

struct Frame {
    ImDrawList* Dl;
    UiFonts*    F;
    float       S;                  // UI scale (1 at 15 px text)
    ImVec2      P0, P1;             // the whole widget
    float       PlotX0, PlotX1, PlotY0, PlotY1;
    float       RowH, HeaderH, EraH;
};

static float TextW(ImFont* f, float size, const char* s, const char* e = nullptr)
{
    return f->CalcTextSizeA(size, FLT_MAX, 0.0f, s, e).x;
}

static void DrawClippedText(ImDrawList* dl, ImFont* f, float size, ImVec2 pos, ImU32 col, const char* s, float max_w)
{
    float tw = TextW(f, size, s);
    if (tw <= max_w) {
        dl->AddText(f, size, pos, col, s);
        return;
    }
    if (max_w < size * 1.5f)
        return;
    // cut at a character boundary and add an ellipsis
    const char* e = s + strlen(s);
    const char* cut = s;
    float ell = TextW(f, size, "\xE2\x80\xA6");
    const char* p = s;
    while (p < e) {
        const char* q = p + 1;
        while (q < e && ((unsigned char)*q & 0xC0) == 0x80)
            q++;
        if (TextW(f, size, s, q) + ell > max_w)
            break;
        cut = q;
        p = q;
    }
    if (cut == s)
        return;
    std::string t(s, cut);
    t += "\xE2\x80\xA6";
    dl->AddText(f, size, pos, col, t.c_str());
}

static void DrawAxis(TimelineWidget* w, const Frame& fr)
{
    const TimelineTheme& th = w->Theme;
    ImDrawList* dl = fr.Dl;
    float ay = fr.PlotY1;
    // no background fill: every screen-wide fill costs software WebGL a few milliseconds
    dl->AddLine(ImVec2(fr.PlotX0, ay), ImVec2(fr.PlotX1, ay), Col(th.GridMajor), 1.0f);
    float small = fr.F->Size * 0.84f;
    float last_label_end = -1e9f;
    for (const Tick& t : w->Ticks.Ticks) {
        float x = fr.PlotX0 + (float)t.X;
        if (x < fr.PlotX0 - 1 || x > fr.PlotX1 + 1)
            continue;
        if (t.Major) {
            dl->AddLine(ImVec2(x, ay), ImVec2(x, ay + 7 * fr.S), Col(th.TextDim), 1.0f);
            float tw = TextW(fr.F->Small, small, t.Label.c_str());
            float lx = x - tw * 0.5f;
            if (lx < fr.PlotX0 + 2) lx = fr.PlotX0 + 2;
            if (lx + tw > fr.PlotX1 - 2) lx = fr.PlotX1 - 2 - tw;
            if (lx > last_label_end + 8 * fr.S) {
                dl->AddText(fr.F->Small, small, ImVec2(lx, ay + 9 * fr.S), Col(th.Text), t.Label.c_str());
                last_label_end = lx + tw;
            }
        } else {
            dl->AddLine(ImVec2(x, ay), ImVec2(x, ay + 4 * fr.S), Col(th.GridMajor), 1.0f);
        }
    }
    if (!w->Ticks.Context.empty())
        dl->AddText(fr.F->Small, small, ImVec2(fr.PlotX0 + 6 * fr.S, ay + 27 * fr.S), Col(th.TextDim), w->Ticks.Context.c_str());
}

static void DrawGrid(TimelineWidget* w, const Frame& fr)
{
    const TimelineTheme& th = w->Theme;
    double minor_px = w->Ticks.MinorStep.ApproxSeconds / w->Cur.Span * w->Cur.Width;
    for (const Tick& t : w->Ticks.Ticks) {
        float x = fr.PlotX0 + (float)t.X;
        if (x < fr.PlotX0 || x > fr.PlotX1)
            continue;
        if (t.Major)
            fr.Dl->AddLine(ImVec2(x, fr.PlotY0), ImVec2(x, fr.PlotY1), Col(th.GridMajor), 1.0f);
        else if (minor_px >= 14.0)
            fr.Dl->AddLine(ImVec2(x, fr.PlotY0), ImVec2(x, fr.PlotY1), Col(th.Grid), 1.0f);
    }
}

static void DrawEras(TimelineWidget* w, const Frame& fr, bool strip)
{
    const Timeline& tl = w->Data->Tl;
    const TimelineTheme& th = w->Theme;
    if (tl.Eras.empty())
        return;
    int k = 0;
    for (const Era& e : tl.Eras) {
        double x0 = fr.PlotX0 + ViewX(w->Cur, e.Start), x1 = fr.PlotX0 + ViewX(w->Cur, e.End);
        k++;
        if (x1 < fr.PlotX0 || x0 > fr.PlotX1)
            continue;
        float a = (float)std::max<double>(x0, fr.PlotX0), b = (float)std::min<double>(x1, fr.PlotX1);
        if (b - a < 1.0f)
            b = a + 1.0f;
        Color32 c = e.Color ? (e.Color | 0xFF000000) : kPalette[(k - 1) % 8];
        Color32 band = th.Dark ? Mix(c, th.Plot, 0.9f) : Mix(c, 0xFFFFFFFF, 0.90f);
        if (e.Color && !th.Dark && Luma(e.Color) > 0.8f && strip == false)
            band = e.Color | 0xFF000000;
        if (!strip) {
            // Boundaries only, no screen-high tint: filling (and blending) a band the height of the screen is
            // what software WebGL pays most for, and the strip above already names the era.
            ImU32 edge = Col(th.Dark ? Mix(c, th.Plot, 0.55f) : Mix(c, 0xFFFFFFFF, 0.45f));
            if (x0 >= fr.PlotX0)
                fr.Dl->AddLine(ImVec2((float)x0, fr.PlotY0 + fr.EraH), ImVec2((float)x0, fr.PlotY1), edge, 1.0f);
            if (x1 <= fr.PlotX1)
                fr.Dl->AddLine(ImVec2((float)x1, fr.PlotY0 + fr.EraH), ImVec2((float)x1, fr.PlotY1), edge, 1.0f);
            (void)band;
            continue;
        }
        fr.Dl->AddRectFilled(ImVec2(a + 1, fr.PlotY0 + 2), ImVec2(b - 1, fr.PlotY0 + fr.EraH - 2), Col(th.Dark ? Mix(c, th.Plot, 0.72f) : Mix(c, 0xFFFFFFFF, 0.72f)), 3.0f);
        float lx = std::max(a + 6 * fr.S, fr.PlotX0 + 4 * fr.S);
        fr.Dl->PushClipRect(ImVec2(a, fr.PlotY0), ImVec2(b, fr.PlotY0 + fr.EraH), true);
        DrawClippedText(fr.Dl, fr.F->Small, fr.F->Size * 0.84f, ImVec2(lx, fr.PlotY0 + (fr.EraH - fr.F->Size * 0.84f) * 0.5f),
                        Col(th.Text), e.Label.c_str(), b - lx - 4);
        fr.Dl->PopClipRect();
    }
}

// Rows: for each shown group a header and its lanes. Fills LaneShown/LaneY; returns the content height.
static float LayoutRows(TimelineWidget* w, const Frame& fr, std::vector<float>* header_y)
{
    const TimelineIndex& ix = w->Data->Index;
    w->LaneShown.assign(ix.Lanes.size(), 0);
    w->LaneY.assign(ix.Lanes.size(), 0.0f);
    header_y->assign(ix.Groups.size(), -1.0f);
    float top = fr.PlotY0 + fr.EraH + 4 * fr.S;
    float y = top - w->ScrollY;
    bool single = ix.Groups.size() == 1 || (ix.Groups.size() == 2 && ix.Groups[0].LaneCount == 0 && w->Data->Tl.Groups.empty());
    for (size_t g = 0; g < ix.Groups.size(); g++) {
        const GroupLanes& gl = ix.Groups[g];
        if (gl.LaneCount == 0 || w->GroupHidden[g])
            continue;
        bool show_header = !(single && g + 1 == ix.Groups.size());
        if (show_header) {
            (*header_y)[g] = y;
            y += fr.HeaderH;
        }
        if (w->GroupCollapsed[g] && show_header)
            continue;
        for (int l = gl.FirstLane; l < gl.FirstLane + gl.LaneCount; l++) {
            w->LaneY[l] = y;
            w->LaneShown[l] = (y + fr.RowH > fr.PlotY0 + fr.EraH && y < fr.PlotY1) ? 1 : 0;
            y += fr.RowH;
        }
        y += 4 * fr.S;
    }
    return y + w->ScrollY - top;
}

static void DrawHeaders(TimelineWidget* w, const Frame& fr, const std::vector<float>& header_y)
{
    const Timeline& tl = w->Data->Tl;
    const TimelineIndex& ix = w->Data->Index;
    const TimelineTheme& th = w->Theme;
    ImGuiIO& io = ImGui::GetIO();
    for (size_t g = 0; g < header_y.size(); g++) {
        float y = header_y[g];
        if (y < 0.0f || y + fr.HeaderH < fr.PlotY0 + fr.EraH || y > fr.PlotY1)
            continue;
        Color32 c = GroupColor(tl, g < tl.Groups.size() ? (int)g : -1);
        ImVec2 a(fr.PlotX0, y), b(fr.PlotX1, y + fr.HeaderH);
        bool hover = io.MousePos.x >= a.x && io.MousePos.x < a.x + 260 * fr.S && io.MousePos.y >= a.y && io.MousePos.y < b.y;
        // a tinted tab behind the label and a hairline across (not a screen-wide band: fill is what software
        // WebGL pays for)
        float tab_w = std::min(b.x - a.x, 280.0f * fr.S);
        fr.Dl->AddRectFilled(a, ImVec2(a.x + tab_w, b.y), Col(th.Dark ? Mix(c, th.Plot, 0.88f) : Mix(c, 0xFFFFFFFF, 0.93f)));
        fr.Dl->AddLine(ImVec2(a.x + tab_w, b.y - 1), ImVec2(b.x, b.y - 1), Col(th.Dark ? Mix(c, th.Plot, 0.75f) : Mix(c, 0xFFFFFFFF, 0.80f)), 1.0f);
        fr.Dl->AddRectFilled(a, ImVec2(a.x + 3 * fr.S, b.y), Col(c));
        float small = fr.F->Size * 0.84f;
        float ty = y + (fr.HeaderH - small) * 0.5f;
        ImVec2 ac(a.x + 14 * fr.S, y + fr.HeaderH * 0.5f);
        float r = 4.0f * fr.S;
        ImU32 arrow_col = Col(hover ? th.Text : th.TextDim);
        if (w->GroupCollapsed[g])
            fr.Dl->AddTriangleFilled(ImVec2(ac.x - r * 0.6f, ac.y - r), ImVec2(ac.x + r * 0.8f, ac.y), ImVec2(ac.x - r * 0.6f, ac.y + r), arrow_col);
        else
            fr.Dl->AddTriangleFilled(ImVec2(ac.x - r, ac.y - r * 0.6f), ImVec2(ac.x + r, ac.y - r * 0.6f), ImVec2(ac.x, ac.y + r * 0.8f), arrow_col);
        const char* label = g < tl.Groups.size() ? tl.Groups[g].Label.c_str() : "Other";
        fr.Dl->AddText(fr.F->Bold, small, ImVec2(a.x + 24 * fr.S, ty), Col(th.Text), label);
        float lw = TextW(fr.F->Bold, small, label);
        std::string n = FormatGrouped(ix.Groups[g].EventCount);
        n += ix.Groups[g].EventCount == 1 ? " event" : " events";
        fr.Dl->AddText(fr.F->Small, small, ImVec2(a.x + 32 * fr.S + lw, ty), Col(th.TextDim), n.c_str());
    }
}

static void DrawMarks(TimelineWidget* w, const Frame& fr)
{
    const Timeline& tl = w->Data->Tl;
    const TimelineIndex& ix = w->Data->Index;
    const TimelineTheme& th = w->Theme;
    ImDrawList* dl = fr.Dl;
    const float fs = fr.F->Size;
    const float small = fs * 0.84f;
    const std::vector<Mark>& marks = w->Lay.Marks;
    dl->PushClipRect(ImVec2(fr.PlotX0, fr.PlotY0 + fr.EraH), ImVec2(fr.PlotX1, fr.PlotY1), true);
    // What one frame draws is bounded by the screen: in busy views shapes lose their anti-aliased fringe and
    // rounding, circles get fewer segments, and labels need more room and share a glyph budget. (Software
    // WebGL pays per triangle; a dense view without this is 40k+ vertices.)
    const bool dense = marks.size() > 150;
    const ImDrawListFlags saved_flags = dl->Flags;
    if (dense)
        dl->Flags &= ~(ImDrawListFlags_AntiAliasedFill | ImDrawListFlags_AntiAliasedLines);
    const int circle_segments = dense ? 6 : 14;
    const float label_min = (dense ? 64.0f : 24.0f) * fr.S;
    int glyph_budget = dense ? 1200 : 4000;
    auto label_ok = [&](const char* s) {
        if (glyph_budget <= 0)
            return false;
        glyph_budget -= (int)std::min<size_t>(strlen(s), 40);
        return true;
    };
    // A lane with more marks than one per 24 px has no room for a single label: it is drawn as a strip of plain
    // bars (clusters, ranges, and ticks for points), one rectangle each, no text. What it shows (where the events
    // are, how busy) stays; its cost per mark drops to that of one rectangle.
    const size_t strip_min = (size_t)std::max(24.0f, (fr.PlotX1 - fr.PlotX0) / (24.0f * fr.S));
    std::vector<uint8_t> strip(w->LaneY.size(), 0);
    for (size_t i = 0, j; i < marks.size(); i = j) {
        for (j = i; j < marks.size() && marks[j].Lane == marks[i].Lane; j++) {}
        if (j - i > strip_min && marks[i].Lane < strip.size())
            strip[marks[i].Lane] = 1;
    }
    for (size_t i = 0; i < marks.size(); i++) {
        const Mark& m = marks[i];
        if (m.X0 > fr.PlotX1 - fr.PlotX0 + 2.0f || m.X1 < -300.0f)
            continue;  // laid out beyond the edges for labels' sake, but nothing of it would show
        float cy = w->LaneY[m.Lane] + fr.RowH * 0.5f;
        float x0 = fr.PlotX0 + m.X0, x1 = fr.PlotX0 + m.X1;
        // room for a label: up to the next mark of the same lane
        float next_x = fr.PlotX1 + 400.0f;
        if (i + 1 < marks.size() && marks[i + 1].Lane == m.Lane)
            next_x = fr.PlotX0 + marks[i + 1].X0;
        const Event& e = tl.Events[m.Event];
        Color32 c = m.Kind == MarkKind_Cluster ? GroupColor(tl, ix.Lanes[m.Lane].Group == kNoGroup ? -1 : ix.Lanes[m.Lane].Group)
                                               : EventColor(tl, e);
        bool sel = m.Count == 1 && (int)m.Event == w->Selected;
        bool hov = m.Count == 1 && (int)m.Event == w->Hovered;
        bool match = m.Count == 1 && IsMatch(w, m.Event);
        if (strip[m.Lane]) {
            float h = (m.Kind == MarkKind_Cluster ? 7.0f : m.Kind == MarkKind_Range ? 6.0f : 5.0f) * fr.S;
            float a0 = x0, a1 = std::max(x1, x0 + 2.0f * fr.S);
            if (m.Kind == MarkKind_Point || m.Kind == MarkKind_Milestone) {
                a0 = x0 - 1.5f * fr.S;
                a1 = x0 + 1.5f * fr.S;
            }
            Color32 fill = m.Kind == MarkKind_Cluster ? (th.Dark ? Mix(c, th.Plot, 0.3f) : Mix(c, 0xFFFFFFFF, 0.2f)) : c;
            dl->AddRectFilled(ImVec2(a0, cy - h), ImVec2(a1, cy + h), Col(fill));
            if (sel || hov || match)
                dl->AddRect(ImVec2(a0 - 2, cy - h - 2), ImVec2(a1 + 2, cy + h + 2), Col(match && !sel ? th.Match : th.Selection),
                            0.0f, 0, 2.0f * fr.S);
            continue;
        }
        const char* title = tl.Str(e.Title);
        switch (m.Kind) {
        case MarkKind_Range: {
            float h = 9.0f * fr.S;
            ImVec2 a(x0, cy - h), b(std::max(x1, x0 + 2.0f), cy + h);
            Color32 fill = th.Dark ? Mix(c, th.Plot, 0.25f) : Mix(c, 0xFFFFFFFF, 0.12f);
            dl->AddRectFilled(a, b, Col(fill, hov ? 1.0f : 0.92f), dense ? 0.0f : 4.0f * fr.S);
            if (match)
                dl->AddRect(ImVec2(a.x - 2, a.y - 2), ImVec2(b.x + 2, b.y + 2), Col(th.Match), 5.0f * fr.S, 0, 2.0f * fr.S);
            if (sel)
                dl->AddRect(ImVec2(a.x - 1, a.y - 1), ImVec2(b.x + 1, b.y + 1), Col(th.Selection), 5.0f * fr.S, 0, 2.0f * fr.S);
            float lx = std::max(x0, fr.PlotX0) + 6 * fr.S;
            float inside = std::min(b.x, fr.PlotX1) - lx - 4 * fr.S;
            float tw = TextW(fr.F->Regular, small, title);
            ImU32 tc = Col(Luma(fill) > 0.6f ? 0xFF1E2230 : 0xFFFFFFFF);
            if (tw <= inside && label_ok(title)) {
                dl->AddText(fr.F->Regular, small, ImVec2(lx, cy - small * 0.5f - 1), tc, title);
            } else if (inside > std::max(40 * fr.S, label_min) && label_ok(title)) {
                DrawClippedText(dl, fr.F->Regular, small, ImVec2(lx, cy - small * 0.5f - 1), tc, title, inside);
            } else if (tw > inside) {
                float room = std::min(next_x, fr.PlotX1) - b.x - 10 * fr.S;
                if (room > std::max(30 * fr.S, label_min) && label_ok(title))
                    DrawClippedText(dl, fr.F->Regular, small, ImVec2(b.x + 5 * fr.S, cy - small * 0.5f - 1), Col(th.Text), title, room);
            }
            break;
        }
        case MarkKind_Milestone:
        case MarkKind_Point: {
            float r = (m.Kind == MarkKind_Milestone ? 7.5f : 5.0f) * fr.S;
            float x = x0;
            if (m.Kind == MarkKind_Milestone) {
                ImVec2 p[4] = { ImVec2(x, cy - r), ImVec2(x + r, cy), ImVec2(x, cy + r), ImVec2(x - r, cy) };
                dl->AddConvexPolyFilled(p, 4, Col(c));
                if (hov || sel)
                    dl->AddPolyline(p, 4, Col(th.Selection), ImDrawFlags_Closed, 2.0f * fr.S);
            } else {
                dl->AddCircleFilled(ImVec2(x, cy), r, Col(c), circle_segments);
                if (hov || sel)
                    dl->AddCircle(ImVec2(x, cy), r + 1.5f, Col(th.Selection), 16, 2.0f * fr.S);
            }
            if (match)
                dl->AddCircle(ImVec2(x, cy), r + 4.0f * fr.S, Col(th.Match), 20, 2.0f * fr.S);
            float room = std::min(next_x - 8 * fr.S, fr.PlotX1 + 200.0f) - (x + r + 5 * fr.S);
            if (room > label_min && label_ok(title)) {
                ImFont* f = (m.Kind == MarkKind_Milestone || sel) ? fr.F->Bold : fr.F->Regular;
                DrawClippedText(dl, f, small, ImVec2(x + r + 5 * fr.S, cy - small * 0.5f - 1), Col(th.Text), title, room);
            }
            break;
        }
        case MarkKind_Cluster:
        default: {
            float h = 8.0f * fr.S;
            std::string n = CountLabel(m.Count);
            float tw = TextW(fr.F->Small, small * 0.9f, n.c_str());
            float wmin = tw + 8 * fr.S;
            float bx1 = std::max(x1, x0 + 6 * fr.S);
            bool label = (bx1 - x0) >= wmin || (next_x - x0) > wmin + 4 * fr.S;
            if (label)
                bx1 = std::max(bx1, x0 + wmin);
            Color32 fill = th.Dark ? Mix(c, th.Plot, 0.45f) : Mix(c, 0xFFFFFFFF, 0.35f);
            dl->AddRectFilled(ImVec2(x0, cy - h), ImVec2(bx1, cy + h), Col(fill), dense ? 0.0f : 3.0f * fr.S);
            if (label)
                dl->AddText(fr.F->Small, small * 0.9f, ImVec2((x0 + bx1 - tw) * 0.5f, cy - small * 0.45f - 1), Col(0xFFFFFFFF), n.c_str());
            break;
        }
        }
    }
    dl->Flags = saved_flags;
    dl->PopClipRect();
}

static void DrawLegendAndBar(TimelineWidget* w, const Frame& fr, float bar_h)
{
    const Timeline& tl = w->Data->Tl;
    const TimelineTheme& th = w->Theme;
    ImDrawList* dl = fr.Dl;
    dl->AddLine(ImVec2(fr.P0.x, fr.P0.y + bar_h - 1), ImVec2(fr.P1.x, fr.P0.y + bar_h - 1), Col(th.GridMajor));
    float fs = fr.F->Size;
    float x = fr.P0.x + 14 * fr.S;
    float cy = fr.P0.y + bar_h * 0.5f;
    const char* title = tl.Title.empty() ? "Chronoscope" : tl.Title.c_str();
    float search_w = std::min(230.0f * fr.S, (fr.P1.x - fr.P0.x) * 0.3f);
    float right = fr.P1.x - search_w - 120 * fr.S;
    float tw = TextW(fr.F->Bold, fs * 1.1f, title);
    float max_title = std::max(80.0f, std::min(tw, (right - x) * 0.55f));
    DrawClippedText(dl, fr.F->Bold, fs * 1.1f, ImVec2(x, cy - fs * 0.55f), Col(th.Text), title, max_title);
    x += std::min(tw, max_title) + 18 * fr.S;

    // legend: one chip per group; click to hide or show it
    ImGuiIO& io = ImGui::GetIO();
    for (size_t g = 0; g < tl.Groups.size(); g++) {
        const char* label = tl.Groups[g].Label.c_str();
        float lw = TextW(fr.F->Small, fs * 0.84f, label);
        float chip_w = lw + 26 * fr.S;
        if (x + chip_w > right)
            break;
        ImVec2 a(x, cy - 11 * fr.S), b(x + chip_w, cy + 11 * fr.S);
        bool hidden = w->GroupHidden[g] != 0;
        bool hover = io.MousePos.x >= a.x && io.MousePos.x < b.x && io.MousePos.y >= a.y && io.MousePos.y < b.y;
        Color32 c = GroupColor(tl, (int)g);
        dl->AddRectFilled(a, b, Col(hover ? th.GridMajor : th.Plot), 11 * fr.S);
        dl->AddRect(a, b, Col(th.GridMajor), 11 * fr.S);
        dl->AddCircleFilled(ImVec2(a.x + 12 * fr.S, cy), 5 * fr.S, Col(hidden ? th.GridMajor : c), 12);
        dl->AddText(fr.F->Small, fs * 0.84f, ImVec2(a.x + 21 * fr.S, cy - fs * 0.42f - 1), Col(hidden ? th.TextDim : th.Text), label);
        if (hover && ImGui::IsMouseClicked(0))
            w->GroupHidden[g] = !hidden;
        x += chip_w + 6 * fr.S;
    }

    // search field, match count, fit button
    ImGui::SetCursorScreenPos(ImVec2(fr.P1.x - search_w - 14 * fr.S, cy - ImGui::GetFrameHeight() * 0.5f));
    ImGui::SetNextItemWidth(search_w);
    if (w->FocusSearch) {
        ImGui::SetKeyboardFocusHere();
        w->FocusSearch = false;
    }
    bool enter = ImGui::InputTextWithHint("##search", "Search  (Ctrl+F)", w->SearchBuf, sizeof(w->SearchBuf),
                                          ImGuiInputTextFlags_EnterReturnsTrue);
    bool big = tl.Events.size() > 200000;
    if ((w->SearchQuery != w->SearchBuf) && (!big || enter))
        TimelineWidgetSearch(w, w->SearchBuf);
    if (enter) {
        if (!w->Matches.empty()) {
            w->MatchCursor = (w->MatchCursor + 1) % (int)w->Matches.size();
            TimelineWidgetSelectIndex(w, (int)w->Matches[w->MatchCursor], true);
        }
        ImGui::SetKeyboardFocusHere(-1);  // keep typing / pressing Enter
    }
    if (w->SearchBuf[0]) {
        char buf[64];
        if (w->SearchQuery != w->SearchBuf)
            snprintf(buf, sizeof(buf), "Enter to search");
        else if (w->Matches.empty())
            snprintf(buf, sizeof(buf), "no matches");
        else if (w->MatchCursor >= 0)
            snprintf(buf, sizeof(buf), "%d of %s", w->MatchCursor + 1, FormatGrouped((int64_t)w->Matches.size()).c_str());
        else
            snprintf(buf, sizeof(buf), "%s match%s", FormatGrouped((int64_t)w->Matches.size()).c_str(), w->Matches.size() == 1 ? "" : "es");
        float mw = TextW(fr.F->Small, fs * 0.84f, buf);
        dl->AddText(fr.F->Small, fs * 0.84f, ImVec2(fr.P1.x - search_w - 24 * fr.S - mw, cy - fs * 0.42f - 1),
                    Col(w->Matches.empty() ? th.TextDim : th.Accent), buf);
    } else {
        ImGui::SetCursorScreenPos(ImVec2(fr.P1.x - search_w - 70 * fr.S, cy - ImGui::GetFrameHeight() * 0.5f));
        if (ImGui::Button("Fit"))
            TimelineWidgetFit(w, true);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Show everything (F)");
    }
}

static void DrawDetails(TimelineWidget* w, const Frame& fr, float panel_w)
{
    const Timeline& tl = w->Data->Tl;
    const TimelineTheme& th = w->Theme;
    const Event& e = tl.Events[w->Selected];
    float fs = fr.F->Size;
    ImVec2 pos(fr.PlotX1, fr.PlotY0);
    if (th.Panel != th.Plot)
        fr.Dl->AddRectFilled(pos, ImVec2(fr.P1.x, fr.P1.y), Col(th.Panel));
    fr.Dl->AddLine(pos, ImVec2(pos.x, fr.P1.y), Col(th.PanelBorder));
    ImGui::SetCursorScreenPos(ImVec2(pos.x + 1, pos.y));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(18 * fr.S, 16 * fr.S));
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(0, 0, 0, 0));  // drawn above (or the clear colour)
    ImGui::BeginChild("##details", ImVec2(panel_w - 1, fr.P1.y - pos.y), ImGuiChildFlags_AlwaysUseWindowPadding,
                      ImGuiWindowFlags_NoSavedSettings);
    float inner_w = ImGui::GetContentRegionAvail().x;
    // group chip and close button
    int g = e.Group == kNoGroup ? -1 : e.Group;
    ImVec2 c0 = ImGui::GetCursorScreenPos();
    if (g >= 0) {
        ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(c0.x + 5 * fr.S, c0.y + fs * 0.5f), 5 * fr.S, Col(GroupColor(tl, g)), 12);
        ImGui::SetCursorScreenPos(ImVec2(c0.x + 16 * fr.S, c0.y));
        ImGui::TextDisabled("%s", GroupLabel(tl, g));
    } else {
        ImGui::TextDisabled("%s", e.IsMilestone() ? "Milestone" : "Event");
    }
    ImGui::SetCursorScreenPos(ImVec2(c0.x + inner_w - 22 * fr.S, c0.y - 3 * fr.S));
    if (ImGui::SmallButton("\xC3\x97##close"))
        w->Selected = -1;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Close (Esc)");
    if (w->Selected < 0) {
        ImGui::EndChild();
        ImGui::PopStyleColor();
        ImGui::PopStyleVar();
        return;
    }
    ImGui::SetCursorScreenPos(ImVec2(c0.x, c0.y + fs * 1.6f));
    ImGui::PushFont(fr.F->Bold);
    ImGui::SetWindowFontScale(1.25f);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(tl.Str(e.Title));
    ImGui::PopTextWrapPos();
    ImGui::SetWindowFontScale(1.0f);
    ImGui::PopFont();
    ImGui::PushStyleColor(ImGuiCol_Text, Col(th.Accent));
    ImGui::TextUnformatted(EventDateText(tl, e).c_str());
    ImGui::PopStyleColor();
    ImGui::Spacing();
    const char* text = tl.Str(e.Text);
    if (text[0]) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(text);
        ImGui::PopTextWrapPos();
    }
    if (e.Extra != kNoExtra && e.Extra < tl.Extras.size()) {
        const EventExtra& x = tl.Extras[e.Extra];
        if (x.MediaCaption || x.MediaCredit) {
            ImGui::Spacing();
            ImGui::Separator();
            ImGui::PushTextWrapPos(0.0f);
            if (x.MediaCaption)
                ImGui::TextUnformatted(tl.Str(x.MediaCaption));
            if (x.MediaCredit)
                ImGui::TextDisabled("%s", tl.Str(x.MediaCredit));
            ImGui::PopTextWrapPos();
        }
        if (!x.Tags.empty()) {
            ImGui::Spacing();
            std::string tags;
            for (StrId t : x.Tags) {
                if (!tags.empty()) tags += "  \xC2\xB7  ";
                tags += tl.Str(t);
            }
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextDisabled("%s", tags.c_str());
            ImGui::PopTextWrapPos();
        }
        const char* link = tl.Str(x.Link);
        bool openable = strncasecmp(link, "http://", 7) == 0 || strncasecmp(link, "https://", 8) == 0;
        if (link[0]) {
            ImGui::Spacing();
            if (openable) {
                if (ImGui::Button("Open link \xE2\x80\xBA"))
                    w->PendingLink = link;
                if (ImGui::IsItemHovered())
                    ImGui::SetTooltip("%s", link);
            } else {
                ImGui::TextDisabled("Link not opened (only http and https): %s", link);
            }
        }
    }
    ImGui::Spacing();
    ImGui::Spacing();
    if (ImGui::Button("\xE2\x80\xB9 Previous"))
        Step(w, -1);
    ImGui::SameLine();
    if (ImGui::Button("Next \xE2\x80\xBA"))
        Step(w, +1);
    ImGui::EndChild();
    ImGui::PopStyleColor();
    ImGui::PopStyleVar();
}

static void DrawTooltip(TimelineWidget* w, const Mark& m)
{
    const Timeline& tl = w->Data->Tl;
    const Event& e = tl.Events[m.Event];
    UiFonts* f = UiGetFonts();
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24.0f);
    if (m.Kind == MarkKind_Cluster) {
        ImGui::PushFont(f->Bold);
        ImGui::Text("%s events", FormatGrouped(m.Count).c_str());
        ImGui::PopFont();
        const Event& last = tl.Events[m.Event];
        (void)last;
        ImGui::TextDisabled("from %s", FormatInstant(e.Start(), e.StartPrecision()).c_str());
        ImGui::TextDisabled("click to zoom in");
    } else {
        ImGui::PushFont(f->Bold);
        ImGui::TextUnformatted(tl.Str(e.Title));
        ImGui::PopFont();
        ImGui::TextUnformatted(EventDateText(tl, e).c_str());
        if (e.Group != kNoGroup)
            ImGui::TextDisabled("%s", GroupLabel(tl, e.Group));
    }
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

static void HandleKeys(TimelineWidget* w)
{
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || ImGui::IsAnyItemActive())
        return;
    double W = w->Cur.Width;
    bool ctrl = io.KeyCtrl || io.KeySuper;
    if ((ctrl && ImGui::IsKeyPressed(ImGuiKey_F, false)) || ImGui::IsKeyPressed(ImGuiKey_Slash, false)) {
        w->FocusSearch = true;
        return;
    }
    bool plus = ImGui::IsKeyPressed(ImGuiKey_KeypadAdd) || (ImGui::IsKeyPressed(ImGuiKey_Equal));
    bool minus = ImGui::IsKeyPressed(ImGuiKey_KeypadSubtract) || ImGui::IsKeyPressed(ImGuiKey_Minus);
    if (plus) ZoomAt(w, 0.6, W * 0.5);
    if (minus) ZoomAt(w, 1.0 / 0.6, W * 0.5);
    if (io.KeyShift) {
        if (ImGui::IsKeyPressed(ImGuiKey_LeftArrow)) PanBy(w, W * 0.25);
        if (ImGui::IsKeyPressed(ImGuiKey_RightArrow)) PanBy(w, -W * 0.25);
    } else {
        if (ImGui::IsKeyPressed(ImGuiKey_LeftArrow)) Step(w, -1);
        if (ImGui::IsKeyPressed(ImGuiKey_RightArrow)) Step(w, +1);
    }
    if (ImGui::IsKeyPressed(ImGuiKey_UpArrow)) w->ScrollY -= 40.0f;
    if (ImGui::IsKeyPressed(ImGuiKey_DownArrow)) w->ScrollY += 40.0f;
    if (ImGui::IsKeyPressed(ImGuiKey_Home) && w->Data && !w->Data->Tl.Events.empty()) {
        w->Selected = -1;
        int i = 0;
        while (i < (int)w->Data->Tl.Events.size() && !EventShown(w, i)) i++;
        TimelineWidgetSelectIndex(w, i, true);
    }
    if (ImGui::IsKeyPressed(ImGuiKey_End) && w->Data && !w->Data->Tl.Events.empty()) {
        int i = (int)w->Data->Tl.Events.size() - 1;
        while (i >= 0 && !EventShown(w, i)) i--;
        TimelineWidgetSelectIndex(w, i, true);
    }
    if (ImGui::IsKeyPressed(ImGuiKey_F, false) && !ctrl)
        TimelineWidgetFit(w, true);
    if (ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
        w->Selected = -1;
        w->SearchBuf[0] = 0;
        TimelineWidgetSearch(w, "");
    }
}

void TimelineWidgetDraw(TimelineWidget* w)
{
    auto t_begin = std::chrono::steady_clock::now();
    ImGuiIO& io = ImGui::GetIO();
    UiFonts* fonts = UiGetFonts();
    if (!fonts->Regular) {
        fonts->Regular = fonts->Bold = fonts->Small = ImGui::GetFont();
    }
    Frame fr;
    fr.Dl = ImGui::GetWindowDrawList();
    fr.F = fonts;
    fr.S = fonts->Size / 15.0f;
    fr.P0 = ImGui::GetCursorScreenPos();
    ImVec2 avail = ImGui::GetContentRegionAvail();
    if (avail.x < 50 || avail.y < 50)
        return;
    fr.P1 = ImVec2(fr.P0.x + avail.x, fr.P0.y + avail.y);
    const TimelineTheme& th = w->Theme;
    // The plot background is the GL clear colour (TimelineWidgetClearColor): no full-screen quad to fill.
    float bar_h = 48 * fr.S, axis_h = 48 * fr.S;
    bool has_data = w->Data && !w->Data->Tl.Events.empty();
    if (w->Selected >= 0 && (!w->Data || w->Selected >= (int)w->Data->Tl.Events.size()))
        w->Selected = -1;
    float panel_w = w->Selected >= 0 ? std::min(360.0f * fr.S, avail.x * 0.42f) : 0.0f;
    fr.PlotX0 = fr.P0.x;
    fr.PlotX1 = fr.P1.x - panel_w;
    fr.PlotY0 = fr.P0.y + bar_h;
    fr.PlotY1 = fr.P1.y - axis_h;
    fr.RowH = 26 * fr.S;
    fr.HeaderH = 24 * fr.S;
    fr.EraH = (w->Data && !w->Data->Tl.Eras.empty()) ? 22 * fr.S : 0.0f;
    double W = fr.PlotX1 - fr.PlotX0;
    if (W < 10)
        W = 10;
    // keep the time at the left edge when the width changes
    ViewSetWidth(&w->Cur, W);
    ViewSetWidth(&w->Target, W);
    w->PlotWidth = (float)W;
    w->PlotX0 = fr.PlotX0;
    w->RowH = fr.RowH;

    // ---- input over the plot
    ImGui::SetCursorScreenPos(ImVec2(fr.PlotX0, fr.PlotY0));
    ImGui::InvisibleButton("##plot", ImVec2((float)W, fr.P1.y - fr.PlotY0), ImGuiButtonFlags_MouseButtonLeft);
    bool plot_hovered = ImGui::IsItemHovered();
    bool plot_active = ImGui::IsItemActive();
    float dt = io.DeltaTime > 0.0f ? std::min(io.DeltaTime, 0.1f) : 1.0f / 60.0f;
    double mx = io.MousePos.x - fr.PlotX0;
    if (plot_hovered && io.MouseWheel != 0.0f && !io.KeyShift) {
        double factor = std::pow(0.82, (double)(io.MouseWheel * w->WheelScale));
        ZoomAt(w, factor, mx);
    }
    if (plot_hovered && io.KeyShift && (io.MouseWheel != 0.0f || io.MouseWheelH != 0.0f))
        PanBy(w, (io.MouseWheel + io.MouseWheelH) * 60.0);
    if (plot_hovered && io.MouseWheelH != 0.0f && !io.KeyShift)
        PanBy(w, io.MouseWheelH * 60.0);
    if (plot_active && ImGui::IsMouseDragging(0, 2.0f)) {
        float dx = io.MouseDelta.x;
        float dy = io.MouseDelta.y;
        w->Dragging = true;
        w->DragDistance += std::fabs(dx) + std::fabs(dy);
        ViewPan(&w->Cur, dx);
        ClampTarget(w, &w->Cur);
        w->Target = w->Cur;
        w->Animating = false;
        w->ScrollY -= dy;
        double v = dx / dt;
        w->VelocityPx = w->VelocityPx * 0.6 + v * 0.4;
    }
    bool released = ImGui::IsItemDeactivated();
    bool click = released && w->DragDistance < 4.0f;
    if (released) {
        if (w->Dragging && std::fabs(w->VelocityPx) < 80.0)
            w->VelocityPx = 0.0;
        if (!w->Dragging)
            w->VelocityPx = 0.0;
        w->Dragging = false;
        w->DragDistance = 0.0f;
    }
    if (ImGui::IsItemActivated())
        w->VelocityPx = 0.0;
    if (plot_hovered && ImGui::IsMouseDoubleClicked(0))
        ZoomAt(w, 0.5, mx);
    if (has_data && (ImGui::IsWindowFocused() || plot_hovered))
        HandleKeys(w);
    Animate(w, dt);

    // ---- layout
    std::vector<float> header_y;
    float content_h = 0.0f;
    if (has_data) {
        content_h = LayoutRows(w, fr, &header_y);
        float room = fr.PlotY1 - (fr.PlotY0 + fr.EraH + 4 * fr.S);
        float max_scroll = std::max(0.0f, content_h - room + 8 * fr.S);
        float clamped = std::min(std::max(w->ScrollY, 0.0f), max_scroll);
        if (clamped != w->ScrollY) {
            w->ScrollY = clamped;
            content_h = LayoutRows(w, fr, &header_y);
        }
        LayoutParams lp;
        LayoutView(w->Data->Tl, w->Data->Index, w->Cur, lp, &w->LaneShown, &w->Lay);
    } else {
        w->Lay.Marks.clear();
    }
    ComputeTicks(w->Cur, 96.0f * fr.S, &w->Ticks);

    // ---- hover
    w->Hovered = -1;
    int hover_mark = -1;
    if (has_data && plot_hovered && io.MousePos.y < fr.PlotY1 && !w->Dragging) {
        for (size_t l = 0; l < w->LaneShown.size(); l++) {
            if (!w->LaneShown[l])
                continue;
            if (io.MousePos.y >= w->LaneY[l] && io.MousePos.y < w->LaneY[l] + fr.RowH) {
                hover_mark = LayoutHitTest(w->Lay, (int)l, (float)mx, 6.0f * fr.S);
                break;
            }
        }
        if (hover_mark >= 0 && w->Lay.Marks[hover_mark].Count == 1)
            w->Hovered = (int)w->Lay.Marks[hover_mark].Event;
    }
    if (click && plot_hovered) {
        if (hover_mark >= 0) {
            const Mark& m = w->Lay.Marks[hover_mark];
            if (m.Kind == MarkKind_Cluster) {
                Instant a = ViewTime(w->Cur, m.X0), b = ViewTime(w->Cur, std::max(m.X1, m.X0 + 4.0f));
                View v = w->Target;
                ViewFit(&v, a, b, 0.25);
                ClampTarget(w, &v);
                w->Target = v;
                w->Animating = true;
            } else {
                w->Selected = (int)m.Event;
            }
        } else if (io.MousePos.y < fr.PlotY1 && io.MousePos.y > fr.PlotY0 + fr.EraH) {
            // a click on a group header folds or unfolds its lanes; elsewhere it clears the selection
            int on_header = -1;
            for (size_t g = 0; g < header_y.size(); g++)
                if (header_y[g] >= 0 && io.MousePos.y >= header_y[g] && io.MousePos.y < header_y[g] + fr.HeaderH)
                    on_header = (int)g;
            if (on_header >= 0 && io.MousePos.x < fr.PlotX0 + 280.0f * fr.S)
                w->GroupCollapsed[on_header] = !w->GroupCollapsed[on_header];
            else if (on_header < 0)
                w->Selected = -1;
        }
    }

    // ---- draw
    fr.Dl->PushClipRect(ImVec2(fr.PlotX0, fr.PlotY0), ImVec2(fr.PlotX1, fr.PlotY1), true);
    if (has_data)
        DrawEras(w, fr, false);
    DrawGrid(w, fr);
    if (has_data)
        DrawEras(w, fr, true);
    if (has_data) {
        DrawHeaders(w, fr, header_y);
        DrawMarks(w, fr);
    }
    fr.Dl->PopClipRect();
    DrawAxis(w, fr);
    if (w->Data)
        DrawLegendAndBar(w, fr, bar_h);
    if (!has_data) {
        const char* msg = w->Notice.empty() ? "No events to show" : w->Notice.c_str();
        float tw = TextW(fonts->Regular, fonts->Size, msg);
        fr.Dl->AddText(fonts->Regular, fonts->Size, ImVec2((fr.PlotX0 + fr.PlotX1 - tw) * 0.5f, (fr.PlotY0 + fr.PlotY1) * 0.5f),
                       Col(th.TextDim), msg);
    }
    if (w->Selected >= 0 && panel_w > 0)
        DrawDetails(w, fr, panel_w);
    if (hover_mark >= 0 && !ImGui::IsAnyItemActive())
        DrawTooltip(w, w->Lay.Marks[hover_mark]);

    // error banner over the (unchanged) view
    if (!w->Error.empty()) {
        float fs = fonts->Size;
        float pad = 10 * fr.S;
        float max_w = (fr.P1.x - fr.P0.x) - 40 * fr.S;
        ImVec2 ts = fonts->Regular->CalcTextSizeA(fs, FLT_MAX, max_w, w->Error.c_str());
        ImVec2 a(fr.P0.x + 20 * fr.S, fr.PlotY0 + 10 * fr.S);
        ImVec2 b(a.x + ts.x + 2 * pad, a.y + ts.y + 2 * pad);
        fr.Dl->AddRectFilled(a, b, Col(th.ErrorBg), 6 * fr.S);
        fr.Dl->AddRect(a, b, Col(th.ErrorText, 0.6f), 6 * fr.S);
        fr.Dl->AddText(fonts->Regular, fs, ImVec2(a.x + pad, a.y + pad), Col(th.ErrorText), w->Error.c_str(), nullptr, max_w);
    }
    // status box (a load in progress) at the top right, over the data still on screen
    if (!w->Notice.empty() && has_data) {
        float fs = fonts->Size;
        float pad = 8 * fr.S;
        float tw = TextW(fonts->Regular, fs, w->Notice.c_str());
        ImVec2 b(fr.PlotX1 - 12 * fr.S, fr.PlotY0 + 10 * fr.S + fs + 2 * pad);
        ImVec2 a(b.x - tw - 2 * pad, fr.PlotY0 + 10 * fr.S);
        fr.Dl->AddRectFilled(a, b, Col(th.Panel), 6 * fr.S);
        fr.Dl->AddRect(a, b, Col(th.PanelBorder), 6 * fr.S);
        fr.Dl->AddText(fonts->Regular, fs, ImVec2(a.x + pad, a.y + pad), Col(th.Text), w->Notice.c_str());
    }
    w->LastFrameMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t_begin).count();
}

} // namespace chronoscope
