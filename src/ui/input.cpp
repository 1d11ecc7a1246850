// Chronoscope widget: what the mouse, the wheel and the keys do to a timeline's view, and its animation.
//
// Zoom and pan move a target view; the drawn view follows it smoothly (AnimateView), a drag moves the drawn view
// directly and leaves inertia behind.
#include "ui/chronoscope_internal.h"

#include <algorithm>
#include <cmath>

namespace chronoscope {

// Keeps a view over the data: no further out than three times its extent (or two days; on a log axis, twice its
// extent in e-folds, or a factor of ten in age), and not far past either end.
void ClampView(const TimelineState* st, View* v)
{
    if (!st->Data || st->Data->Index.Empty)
        return;
    const TimelineIndex& ix = st->Data->Index;
    if (v->Scale == TimeScale_Log) {
        double max_span = std::min(kMaxLogSpan, std::max(ViewOffset(*v, ix.Min, ix.Max) * 2.0, std::log(10.0)));
        if (v->Span > max_span)
            v->Span = max_span;
        ViewClamp(v, ix.Min, ix.Max, 0.08);
        return;
    }
    double extent = ToSeconds(ix.Max - ix.Min);
    double max_span = std::max(extent * 3.0, 86400.0 * 2.0);
    if (v->Span > max_span)
        v->Span = max_span;
    ViewClamp(v, ix.Min, ix.Max, 0.08);
}

void BringIntoView(TimelineState* st, int index)
{
    const Event& e = st->Data->Tl.Events[index];
    View v = st->Target;
    double x0 = ViewX(v, e.Start()), x1 = ViewX(v, e.End());
    double margin = v.Width * 0.12;
    if (x0 >= margin && x1 <= v.Width - margin)
        return;
    double len = ToSeconds(e.End() - e.Start());
    if (v.Scale == TimeScale_Log) {
        // as below, in the axis's e-folds
        len = ViewOffset(v, e.Start(), e.End());
        if (len > v.Span * 0.7)
            ViewFit(&v, e.Start(), e.End(), 0.15);
        else
            v.Start = ViewShift(v, ViewShift(v, e.Start(), len * 0.5), -v.Span * 0.5);
    } else if (len > v.Span * 0.7) {
        ViewFit(&v, e.Start(), e.End(), 0.15);
    } else {
        Instant mid = e.Start() + DurationFromSeconds(len * 0.5);
        v.Start = mid - DurationFromSeconds(v.Span * 0.5);
    }
    ClampView(st, &v);
    st->Target = v;
    st->Animating = true;
    st->VelocityPx = 0.0;
}

bool EventShown(const TimelineState* st, int index)
{
    const Event& e = st->Data->Tl.Events[index];
    size_t g = e.Group == kNoGroup ? st->Data->Tl.Groups.size() : e.Group;
    return g < st->GroupHidden.size() && !st->GroupHidden[g];
}

void AnimateView(TimelineState* st, float dt)
{
    if (GetInputMap().ReducedMotion) {  // no animation, no inertia: the view is where it is heading
        if (st->Animating || st->VelocityPx != 0.0)
            st->Cur = st->Target;
        st->Animating = false;
        st->VelocityPx = 0.0;
        return;
    }
    if (st->VelocityPx != 0.0 && !st->Dragging) {
        ViewPan(&st->Target, st->VelocityPx * dt);
        ClampView(st, &st->Target);
        st->Cur.Start = st->Target.Start;
        st->Cur.Span = st->Target.Span;
        st->VelocityPx *= std::exp(-dt * 4.0);
        if (std::fabs(st->VelocityPx) < 20.0)
            st->VelocityPx = 0.0;
        return;
    }
    if (!st->Animating)
        return;
    double k = 1.0 - std::exp(-(double)dt * 16.0);
    double ls = std::log(st->Cur.Span), lt = std::log(st->Target.Span);
    double new_span = std::exp(ls + (lt - ls) * k);
    if (st->Cur.Scale == TimeScale_Log) {
        // the same in the axis's e-folds
        st->Cur.Start = ViewShift(st->Cur, st->Cur.Start, ViewOffset(st->Cur, st->Cur.Start, st->Target.Start) * k);
        st->Cur.Span = new_span;
        double err = std::fabs(ViewOffset(st->Cur, st->Cur.Start, st->Target.Start)) / st->Cur.Span * st->Cur.Width;
        if (err < 0.25 && std::fabs(lt - std::log(st->Cur.Span)) < 1e-3) {
            st->Cur = st->Target;
            st->Animating = false;
        }
        return;
    }
    // keep the anchor: the point where both views agree on time moves smoothly
    double diff = ToSeconds(st->Target.Start - st->Cur.Start);
    double shift = diff * k;
    st->Cur.Start = st->Cur.Start + DurationFromSeconds(shift);
    st->Cur.Span = new_span;
    double px_err = std::fabs(ToSeconds(st->Target.Start - st->Cur.Start)) / st->Cur.Span * st->Cur.Width;
    if (px_err < 0.25 && std::fabs(lt - std::log(st->Cur.Span)) < 1e-3) {
        st->Cur = st->Target;
        st->Animating = false;
    }
}

// Zooms the target about the time that is under x (pixels from the plot's left edge) *now*.
static void ZoomAt(TimelineState* st, double factor, double x)
{
    Instant at = ViewTime(st->Cur, x);
    View t = st->Target;
    t.Span = t.Span * factor;
    if (t.Scale == TimeScale_Log) {
        t.Span = std::min(std::max(t.Span, kMinLogSpan), kMaxLogSpan);
        t.Start = ViewShift(t, at, -x / t.Width * t.Span);
        ClampView(st, &t);
        st->Target = t;
        st->Animating = true;
        st->VelocityPx = 0.0;
        return;
    }
    if (t.Span < kMinSpanSeconds) t.Span = kMinSpanSeconds;
    if (t.Span > kMaxSpanSeconds) t.Span = kMaxSpanSeconds;
    t.Start = at - DurationFromSeconds(x / t.Width * t.Span);
    ClampView(st, &t);
    st->Target = t;
    st->Animating = true;
    st->VelocityPx = 0.0;
}

static void PanBy(TimelineState* st, double dx)
{
    ViewPan(&st->Target, dx);
    ClampView(st, &st->Target);
    st->Animating = true;
}

// Two fingers down (SetTimelineTouches): a pinch that began on the plot moves the view so that the time under the
// fingers' last midpoint is under their new one, its span scaled by how much further apart they are; vertical
// motion of the midpoint scrolls the lanes. Returns whether a pinch is under way.
static bool HandlePinch(TimelineState* st, const FrameCtx& fr)
{
    const TimelineContext* ctx = Ctx();
    if (ctx->TouchCount < 2) {
        st->Pinching = false;
        return false;
    }
    const ImVec2 a = ctx->Touches[0], b = ctx->Touches[1];
    const ImVec2 mid((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
    const float dist = std::max(std::hypot(b.x - a.x, b.y - a.y), 1.0f);
    if (!st->Pinching) {
        // it begins where both fingers are on the plot or the axis under it
        auto on = [&](ImVec2 p) { return p.x >= fr.PlotMin.x && p.x < fr.PlotMax.x && p.y >= fr.PlotMin.y && p.y < st->AxisMax.y; };
        if (!on(a) || !on(b))
            return false;
        st->Pinching = true;
        st->DragDistance += 100.0f;  // (lifting the fingers is no tap)
    } else {
        View v = st->Cur;
        // in the drawing's x (time order): right to left, the fingers move the other way (PlotX)
        ViewPan(&v, PlotX(st, mid.x) - PlotX(st, st->PinchMid.x));
        ViewZoom(&v, st->PinchDist / dist, PlotX(st, mid.x));
        ClampView(st, &v);
        st->Cur = st->Target = v;
        st->Animating = false;
        st->ScrollY -= mid.y - st->PinchMid.y;
    }
    st->VelocityPx = 0.0;
    st->PinchMid = mid;
    st->PinchDist = dist;
    return true;
}

static void SelectAnimated(TimelineState* st, int index)
{
    if (index < 0 || index >= (int)st->Data->Tl.Events.size())
        return;
    st->Selected = index;
    st->TitleCard = false;
    BringIntoView(st, index);
}

// Story mode's flight: the event among its neighbours (the nearest events before and after it that start
// elsewhere), centred; a long range whole. Zoom and pan go together (AnimateView). Distances are in the axis's
// coordinate (ViewOffset: seconds, or e-folds of age on a log axis).
void FlyTo(TimelineState* st, int index)
{
    const std::vector<Event>& ev = st->Data->Tl.Events;
    const Event& e = ev[index];
    View v = st->Target;
    const double len = ViewOffset(v, e.Start(), e.End());
    // the nearest other start on each side: the view holds both neighbours where they are near enough (up to 8
    // times the nearer one's distance), so that a step shows the event in its context
    double gap[2] = { 0.0, 0.0 };
    for (int side = 0; side < 2; side++) {
        const int dir = side ? 1 : -1;
        for (int k = index + dir, steps = 0; k >= 0 && k < (int)ev.size() && steps < 64; k += dir, steps++) {
            const double d = std::fabs(ViewOffset(v, ev[k].Start(), e.Start()));
            if (d > 0.0) {
                gap[side] = d;
                break;
            }
        }
    }
    const double near = gap[0] > 0.0 && gap[1] > 0.0 ? std::min(gap[0], gap[1]) : std::max(gap[0], gap[1]);
    const double reach = std::min(std::max(gap[0], gap[1]), near * 8.0);
    const double minute = v.Scale == TimeScale_Log ? ViewOffset(v, e.Start() - DurationFromSeconds(60.0), e.Start()) : 60.0;
    v.Span = std::max({ len * 1.5, reach * 2.4, minute });
    v.Start = ViewShift(v, e.Start(), len * 0.5 - v.Span * 0.5);
    ClampView(st, &v);
    st->Target = v;
    st->Animating = true;
    st->VelocityPx = 0.0;
}

static void HandleKeys(TimelineState* st)
{
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || ImGui::IsAnyItemActive())
        return;
    const TimelineInputMap& im = GetInputMap();
    double W = st->Cur.Width;
    bool ctrl = io.KeyCtrl || io.KeySuper;
    if ((ctrl && ImGui::IsKeyPressed(ImGuiKey_F, false)) || ImGui::IsKeyPressed(ImGuiKey_Slash, false))
        return;  // the search field's keys (the title bar takes them)
    bool plus = ImGui::IsKeyPressed(ImGuiKey_KeypadAdd) || ImGui::IsKeyPressed(ImGuiKey_Equal);
    bool minus = ImGui::IsKeyPressed(ImGuiKey_KeypadSubtract) || ImGui::IsKeyPressed(ImGuiKey_Minus);
    if (plus) ZoomAt(st, im.KeyZoom, W * 0.5);
    if (minus) ZoomAt(st, 1.0 / im.KeyZoom, W * 0.5);
    // the arrow that points to later time goes later: Right, or Left right to left
    const int later = (st->Flags & TimelineFlags_RightToLeft) ? -1 : 1;
    const bool left = ImGui::IsKeyPressed(ImGuiKey_LeftArrow), right = ImGui::IsKeyPressed(ImGuiKey_RightArrow);
    if (io.KeyShift) {
        if (left) PanBy(st, W * im.KeyPan * later);
        if (right) PanBy(st, -W * im.KeyPan * later);
    } else {
        if (left) StepTimelineSelection(-later);
        if (right) StepTimelineSelection(later);
    }
    if (ImGui::IsKeyPressed(ImGuiKey_UpArrow)) st->ScrollY -= im.KeyScroll;
    if (ImGui::IsKeyPressed(ImGuiKey_DownArrow)) st->ScrollY += im.KeyScroll;
    const int n = (int)st->Data->Tl.Events.size();
    if (ImGui::IsKeyPressed(ImGuiKey_Home) && !RequestHostStep(st, TimelineStep_First, -1)) {
        int i = 0;
        while (i < n && !EventShown(st, i)) i++;
        st->Selected = -1;
        SelectAnimated(st, i);
    }
    if (ImGui::IsKeyPressed(ImGuiKey_End) && !RequestHostStep(st, TimelineStep_Last, 1)) {
        int i = n - 1;
        while (i >= 0 && !EventShown(st, i)) i--;
        SelectAnimated(st, i);
    }
    if (ImGui::IsKeyPressed(ImGuiKey_F, false) && !ctrl)
        FitTimeline(true);
    if (ImGui::IsKeyPressed(ImGuiKey_L, false) && !ctrl)
        SetTimelineTimeScale(GetTimelineTimeScale() == TimelineTimeScale_Log ? TimelineTimeScale_Linear : TimelineTimeScale_Log);
    if (ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
        st->Selected = -1;
        st->TitleCard = false;
        st->SearchBuf[0] = 0;
        SetTimelineSearch("");
    }
}

void HandlePlotInput(TimelineState* st, const FrameCtx& fr, bool keys, PlotInput* out)
{
    ImGuiIO& io = ImGui::GetIO();
    const TimelineInputMap& im = GetInputMap();
    const float W = fr.PlotMax.x - fr.PlotMin.x;
    // The plot and the axis under it take the mouse.
    ImGui::SetCursorScreenPos(fr.PlotMin);
    ImGui::InvisibleButton("##plot", ImVec2(W, st->AxisMax.y - fr.PlotMin.y), ImGuiButtonFlags_MouseButtonLeft);
    const bool hovered = ImGui::IsItemHovered();
    const bool active = ImGui::IsItemActive();
    const bool released = ImGui::IsItemDeactivated();
    out->Hovered = hovered;
    out->MouseX = PlotX(st, io.MousePos.x);
    if (ImGui::IsItemActivated())
        Ctx()->KeyOwner = st->ID;
    if (st->Flags & TimelineFlags_NoInputs)
        return;
    // the view moves the way the pointer and the wheel move on screen: right to left, the other way in time
    const float screen_dir = (st->Flags & TimelineFlags_RightToLeft) ? -1.0f : 1.0f;
    const float dt = io.DeltaTime > 0.0f ? std::min(io.DeltaTime, 0.1f) : 1.0f / 60.0f;
    const double mx = out->MouseX;
    if (hovered && io.MouseWheel != 0.0f && !io.KeyShift)
        ZoomAt(st, std::pow((double)im.WheelZoom, (double)(io.MouseWheel / im.WheelUnitsPerNotch)), mx);
    if (hovered && io.KeyShift && (io.MouseWheel != 0.0f || io.MouseWheelH != 0.0f))
        PanBy(st, (io.MouseWheel + io.MouseWheelH) * im.WheelPan * screen_dir);
    if (hovered && io.MouseWheelH != 0.0f && !io.KeyShift)
        PanBy(st, io.MouseWheelH * im.WheelPan * screen_dir);
    const bool pinching = HandlePinch(st, fr);
    if (active && !pinching && ImGui::IsMouseDragging(0, 2.0f)) {
        float dx = io.MouseDelta.x * screen_dir;
        float dy = io.MouseDelta.y;
        st->Dragging = true;
        st->DragDistance += std::fabs(dx) + std::fabs(dy);
        ViewPan(&st->Cur, dx);
        ClampView(st, &st->Cur);
        st->Target = st->Cur;
        st->Animating = false;
        st->ScrollY -= dy;
        double v = dx / dt;
        st->VelocityPx = st->VelocityPx * 0.6 + v * 0.4;
    }
    out->Clicked = released && st->DragDistance < 4.0f;
    if (released) {
        if (st->Dragging && std::fabs(st->VelocityPx) < 80.0)
            st->VelocityPx = 0.0;
        if (!st->Dragging)
            st->VelocityPx = 0.0;
        st->Dragging = false;
        st->DragDistance = 0.0f;
    }
    if (ImGui::IsItemActivated())
        st->VelocityPx = 0.0;
    if (hovered && ImGui::IsMouseDoubleClicked(0))
        ZoomAt(st, im.DoubleClickZoom, mx);
    if (keys)
        HandleKeys(st);
}

bool ClusterLists(const TimelineState* st, const Mark& m)
{
    return m.Kind == MarkKind_Cluster && (m.X1 - m.X0) * 3.0f >= (float)st->Cur.Width;
}

void CloseClusterList(TimelineState* st)
{
    st->ListOpen = false;
    st->ListEvents.clear();
}

static const size_t kClusterListMax = 200;   // events a cluster's list shows (the rest: "and N more")

// The first events of the cluster's lane over its time. A tiled window's proxies (weight > 1: events folded into
// one at a coarse level) are not events one can select: they are left to the count of the others.
static void OpenClusterList(TimelineState* st, const Mark& m, ImVec2 at)
{
    const Timeline& tl = st->Data->Tl;
    const Instant a = ViewTime(st->Cur, m.X0), b = ViewTime(st->Cur, m.X1);
    CloseClusterList(st);
    st->ListMore = false;
    ListLaneEventsInWindow(tl, st->Data->Index.Lanes[m.Lane], a, b, kClusterListMax, &st->ListEvents, &st->ListMore);
    if (!tl.Weights.empty()) {
        const size_t n = st->ListEvents.size();
        st->ListEvents.erase(std::remove_if(st->ListEvents.begin(), st->ListEvents.end(),
                                            [&](uint32_t i) { return i < tl.Weights.size() && tl.Weights[i] > 1; }),
                             st->ListEvents.end());
        st->ListMore = st->ListMore || st->ListEvents.size() < n;
    }
    st->ListOpen = true;
    st->ListFrame = ImGui::GetFrameCount();
    st->ListCount = m.Count;
    st->ListAt = at;
}

// A click on the plot: selects the event under it, zooms into a cluster (lists one too wide to zoom into), folds a
// group at its header's tab, or clears the selection.
void HandleClick(TimelineState* st, const FrameCtx& fr, const PlotInput& in)
{
    if (!in.Clicked || !in.Hovered || (st->Flags & TimelineFlags_NoInputs))
        return;
    ImGuiIO& io = ImGui::GetIO();
    if (st->HoverMark >= 0) {
        const Mark& m = st->Lay.Marks[st->HoverMark];
        if (m.Kind == MarkKind_Cluster && ClusterLists(st, m)) {
            OpenClusterList(st, m, io.MousePos);
        } else if (m.Kind == MarkKind_Cluster) {
            Instant a = ViewTime(st->Cur, m.X0), b = ViewTime(st->Cur, std::max(m.X1, m.X0 + 4.0f));
            View v = st->Target;
            ViewFit(&v, a, b, 0.25);
            ClampView(st, &v);
            st->Target = v;
            st->Animating = true;
        } else {
            st->Selected = (int)m.Event;
            st->TitleCard = false;
        }
    } else if (io.MousePos.y < fr.PlotMax.y && io.MousePos.y > fr.PlotMin.y + fr.EraH) {
        int on_header = -1;
        for (size_t g = 0; g < st->HeaderY.size(); g++)
            if (st->HeaderY[g] >= 0 && io.MousePos.y >= st->HeaderY[g] && io.MousePos.y < st->HeaderY[g] + fr.HeaderH)
                on_header = (int)g;
        if (on_header >= 0 && PlotX(st, io.MousePos.x) < GetStyle().HeaderTabWidth * fr.S)
            st->GroupCollapsed[on_header] = !st->GroupCollapsed[on_header];
        else if (on_header < 0)
            st->Selected = -1;
    }
}

} // namespace chronoscope
