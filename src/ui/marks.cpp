// Chronoscope widget: the marks of the lanes (core/layout.h lays them out): range bars, milestone diamonds,
// points, clusters with counts, their labels, and thumbnails of events with pictures where a mark has room.
//
// What one frame draws is bounded by the screen: in busy views shapes lose their anti-aliased fringe and
// rounding, circles get fewer segments, and labels need more room and share a glyph budget (software WebGL pays
// per triangle; a dense view without this is 40k+ vertices). A lane with more marks than one per
// StripMarkSpacing pixels has no room for a single label: it is drawn as a strip of plain bars, one rectangle
// per mark, no text. What it shows (where the events are, how busy) stays; its cost per mark drops to that of
// one rectangle.
#include "ui/chronoscope_internal.h"

#include "core/media.h"

#include <algorithm>
#include <cfloat>
#include <cstdio>
#include <cstring>
#include <string>

namespace chronoscope {

static std::string CountLabel(uint32_t n)
{
    char b[32];
    if (n >= 1000000) snprintf(b, sizeof(b), "%.1fM", n / 1e6);
    else if (n >= 10000) snprintf(b, sizeof(b), "%uk", n / 1000);
    else if (n >= 1000) snprintf(b, sizeof(b), "%.1fk", n / 1e3);
    else snprintf(b, sizeof(b), "%u", n);
    return b;
}

// An event's thumbnail: media.thumbnail, else its media URL when that is a picture (null: none).
static const char* ThumbnailUrl(const Timeline& tl, const Event& e)
{
    if (e.Extra == kNoExtra || e.Extra >= tl.Extras.size())
        return nullptr;
    const EventExtra& x = tl.Extras[e.Extra];
    if (x.MediaThumbnail && IsImageUrl(tl.Str(x.MediaThumbnail)))
        return tl.Str(x.MediaThumbnail);
    if (x.MediaUrl && IsImageUrl(tl.Str(x.MediaUrl)))
        return tl.Str(x.MediaUrl);
    return nullptr;
}

static void DrawThumbnail(ImDrawList* dl, const TimelineImage& img, ImVec2 a, ImVec2 b, float rounding)
{
    // the picture's middle, cut to the box's shape
    const float box = (b.x - a.x) / std::max(b.y - a.y, 1.0f), pic = img.Size.x / std::max(img.Size.y, 1.0f);
    ImVec2 uv0(0, 0), uv1(1, 1);
    if (pic > box) {
        float keep = box / pic;
        uv0.x = (1.0f - keep) * 0.5f;
        uv1.x = 1.0f - uv0.x;
    } else if (pic < box) {
        float keep = pic / box;
        uv0.y = (1.0f - keep) * 0.5f;
        uv1.y = 1.0f - uv0.y;
    }
    UprightScope upright(dl);   // (a picture reads the same way in a mirrored plot)
    dl->AddImageRounded(img.Texture, a, b, uv0, uv1, IM_COL32_WHITE, rounding);
}

// A bar from a to b, its corners rounded by `round`: an end past the plot's edge (x0..x1) by more than the rounding is
// cut square a little beyond that edge. Its corners would not show, but a rounded bar costs its arcs and an
// anti-aliased fringe around it, 30-50 triangles where a plain one is two, and software WebGL pays per triangle: a
// zoomed-in view's bars mostly run past both edges. What shows is the same.
static void AddBar(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float round, float x0, float x1)
{
    if (round <= 0.0f) {
        dl->AddRectFilled(a, b, col);
        return;
    }
    const float margin = round + 2.0f;
    ImDrawFlags corners = ImDrawFlags_RoundCornersAll;
    if (a.x < x0 - margin) {
        a.x = x0 - margin;
        corners &= ~ImDrawFlags_RoundCornersLeft;
    }
    if (b.x > x1 + margin) {
        b.x = std::max(x1 + margin, a.x);
        corners &= ~ImDrawFlags_RoundCornersRight;
    }
    if (corners & ImDrawFlags_RoundCornersAll)
        dl->AddRectFilled(a, b, col, round, corners);
    else
        dl->AddRectFilled(a, b, col);
}

void DrawMarks(const TimelineState* st, const FrameCtx& fr)
{
    const Timeline& tl = st->Data->Tl;
    const TimelineIndex& ix = st->Data->Index;
    const TimelineStyle& style = GetStyle();
    const Color32 bg = StyleColor32(TimelineCol_PlotBg);
    const ImU32 col_text = GetColorU32(TimelineCol_Text), col_sel = GetColorU32(TimelineCol_Selection),
                col_match = GetColorU32(TimelineCol_Match);
    const float S = fr.S, small = fr.SmallFs;
    ImDrawList* dl = fr.Dl;
    const std::vector<Mark>& marks = st->Lay.Marks;
    st->Labelled.clear();
    // a title drawn from (x, its middle y) on: counted when that is inside the plot (below the era strip)
    auto labelled = [&](const Mark& m, float x, float y) {
        if (x >= fr.PlotMin.x && x < fr.PlotMax.x && y >= fr.PlotMin.y + fr.EraH && y < fr.PlotMax.y)
            st->Labelled.push_back(m.Event);
    };
    dl->PushClipRect(ImVec2(fr.PlotMin.x, fr.PlotMin.y + fr.EraH), fr.PlotMax, true);
    const bool dense = (int)marks.size() > style.DenseMarks;
    const ImDrawListFlags saved_flags = dl->Flags;
    if (dense)
        dl->Flags &= ~(ImDrawListFlags_AntiAliasedFill | ImDrawListFlags_AntiAliasedLines);
    const int circle_segments = dense ? style.DenseCircleSegments : style.CircleSegments;
    const float label_min = (dense ? style.DenseLabelMinWidth : style.LabelMinWidth) * S;
    const float thick = style.OutlineThickness * S;
    int glyph_budget = dense ? style.DenseGlyphBudget : style.GlyphBudget;
    auto label_ok = [&](const char* s) {
        if (glyph_budget <= 0)
            return false;
        glyph_budget -= (int)strnlen(s, 40);
        return true;
    };
    // Thumbnails: on a mark with room for one and a label after it, when the host draws pictures; never in busy views
    const bool thumbs = !dense && Ctx()->ImageGetter != nullptr;
    const float thumb_room = fr.RowH * 1.75f + std::max(style.RangeLabelMinInside * S, label_min);
    auto Thumbnail = [&](const Event& ev, TimelineImage* img) {
        const char* url = ThumbnailUrl(tl, ev);
        return url && GetTimelineImage(url, img) && img->Status == TimelineImageStatus_Ready;
    };
    auto ThumbWidth = [&](const TimelineImage& img, float th) {
        return std::min(std::max(th * img.Size.x / img.Size.y, th * 0.75f), th * 1.5f);
    };
    const float kStripMinMarks = 24.0f;  // a lane of fewer marks is never a strip, however narrow the plot
    const size_t strip_min = (size_t)std::max(kStripMinMarks, (fr.PlotMax.x - fr.PlotMin.x) / (style.StripMarkSpacing * S));
    std::vector<uint8_t> strip(st->LaneY.size(), 0);
    for (size_t i = 0, j; i < marks.size(); i = j) {
        for (j = i; j < marks.size() && marks[j].Lane == marks[i].Lane; j++) {}
        if (j - i > strip_min && marks[i].Lane < strip.size())
            strip[marks[i].Lane] = 1;
    }
    // with RecordDrawn, the extent of the vertices each mark added
    const bool record = Ctx()->RecordDrawn;
    st->Drawn.clear();
    int rec_mark = -1, rec_vtx = 0;
    auto Record = [&]() {
        if (!record || rec_mark < 0 || dl->VtxBuffer.Size == rec_vtx)
            return;
        float a = FLT_MAX, b = -FLT_MAX;
        for (int v = rec_vtx; v < dl->VtxBuffer.Size; v++) {
            a = std::min(a, dl->VtxBuffer[v].pos.x);
            b = std::max(b, dl->VtxBuffer[v].pos.x);
        }
        a = std::max(a, fr.PlotMin.x);
        b = std::min(b, fr.PlotMax.x);
        if (a < b)
            st->Drawn.push_back(DrawnMark{ (uint32_t)rec_mark, marks[rec_mark].Lane, a, b });
    };
    for (size_t i = 0; i < marks.size(); i++) {
        Record();
        rec_mark = (int)i;
        rec_vtx = dl->VtxBuffer.Size;
        const Mark& m = marks[i];
        if (m.X0 > fr.PlotMax.x - fr.PlotMin.x + 2.0f || m.X1 < -300.0f)
            continue;  // laid out beyond the edges for labels' sake, but nothing of it would show
        float cy = st->LaneY[m.Lane] + fr.RowH * 0.5f;
        float x0 = fr.PlotMin.x + m.X0, x1 = fr.PlotMin.x + m.X1;
        // room for a label: up to the next mark of the same lane (next_x: where it is; next_left: where what is
        // drawn of it begins)
        float next_x = fr.PlotMax.x + 400.0f, next_left = next_x;
        if (i + 1 < marks.size() && marks[i + 1].Lane == m.Lane) {
            next_x = fr.PlotMin.x + marks[i + 1].X0;
            next_left = fr.PlotMin.x + MarkLeftPx(marks[i + 1], st->LayParams);
        }
        const Event& e = tl.Events[m.Event];
        Color32 c = m.Kind == MarkKind_Cluster ? GroupColor32(tl, ix.Lanes[m.Lane].Group == kNoGroup ? -1 : ix.Lanes[m.Lane].Group)
                                               : EventColor32(tl, e);
        bool sel = m.Count == 1 && (int)m.Event == st->Selected;
        bool hov = m.Count == 1 && (int)m.Event == st->Hovered;
        bool match = m.Count == 1 && IsTimelineMatch((int)m.Event);
        if (strip[m.Lane]) {
            float h = (m.Kind == MarkKind_Cluster ? style.StripClusterHeight : m.Kind == MarkKind_Range ? style.StripRangeHeight
                                                                                                        : style.StripPointHeight) * 0.5f * S;
            float a0 = x0, a1 = std::max(x1, x0 + style.StripMinWidth * S);
            if (m.Kind == MarkKind_Point || m.Kind == MarkKind_Milestone) {
                a0 = x0 - style.StripPointWidth * 0.5f * S;
                a1 = x0 + style.StripPointWidth * 0.5f * S;
            }
            Color32 fill = m.Kind == MarkKind_Cluster ? MixColor(c, bg, style.StripClusterTint) : c;
            dl->AddRectFilled(ImVec2(a0, cy - h), ImVec2(a1, cy + h), ToImU32(fill));
            if (sel || hov || match)
                dl->AddRect(ImVec2(a0 - 2, cy - h - 2), ImVec2(a1 + 2, cy + h + 2), match && !sel ? col_match : col_sel, 0.0f, 0, thick);
            continue;
        }
        const char* title = tl.Str(e.Title);
        switch (m.Kind) {
        case MarkKind_Range: {
            float h = style.RangeHeight * 0.5f * S;
            ImVec2 a(x0, cy - h), b(std::max(x1, x0 + kRangeMinPx), cy + h);
            Color32 fill = MixColor(c, bg, style.RangeTint);
            float round = style.RangeRounding * S;
            AddBar(dl, a, b, ToImU32(fill, hov ? 1.0f : 0.92f), dense ? 0.0f : round, fr.PlotMin.x, fr.PlotMax.x);
            if (match)
                dl->AddRect(ImVec2(a.x - 2, a.y - 2), ImVec2(b.x + 2, b.y + 2), col_match, round + S, 0, thick);
            if (sel)
                dl->AddRect(ImVec2(a.x - 1, a.y - 1), ImVec2(b.x + 1, b.y + 1), col_sel, round + S, 0, thick);
            if (m.Continued)
                break;  // the rest of a bar that gave way to a mark inside it: labelled where it begins
            const float pad = style.LabelPadding * S;
            float lx = std::max(x0, fr.PlotMin.x) + pad;
            float inside = std::min(b.x, fr.PlotMax.x) - lx - style.LabelEndPadding * S;
            TimelineImage img;
            bool thumbed = false;
            if (thumbs && inside > thumb_room && Thumbnail(e, &img)) {
                thumbed = true;
                // at the bar's left end, inside it
                float th = b.y - a.y - 2 * S, tw = ThumbWidth(img, th);
                ImVec2 t0(lx - pad + S, a.y + S);
                DrawThumbnail(dl, img, t0, ImVec2(t0.x + tw, t0.y + th), std::max(round - S, 0.0f));
                lx += tw + S;
                inside -= tw + S;
            }
            float tw = LabelWidth(fr.Font, small, title, std::max(inside, 0.0f));
            ImU32 tc = GetColorU32(Luma(fill) > 0.6f ? TimelineCol_LabelOnLight : TimelineCol_LabelOnDark);
            if (tw <= inside && label_ok(title)) {
                DrawText(dl, fr.Font, small, ImVec2(lx, cy - small * 0.5f - 1), tc, title);
                labelled(m, lx, cy);
            } else if (inside > std::max(style.RangeLabelMinInside * S, label_min) && label_ok(title)) {
                DrawClippedText(dl, fr.Font, small, ImVec2(lx, cy - small * 0.5f - 1), tc, title, inside);
                labelled(m, lx, cy);
            } else if (tw > inside) {
                const float gap = style.LabelGap * S;
                float room = std::min(next_left, fr.PlotMax.x) - b.x - 2 * gap;
                float bx = b.x + gap;
                if (!thumbed && thumbs && room > thumb_room && Thumbnail(e, &img)) {
                    // a bar too short for its picture: beside it, before the label, as for a point
                    float th = fr.RowH - 6 * S, tw2 = ThumbWidth(img, th);
                    DrawThumbnail(dl, img, ImVec2(bx, cy - th * 0.5f), ImVec2(bx + tw2, cy + th * 0.5f), 2 * S);
                    bx += tw2 + gap;
                    room -= tw2 + gap;
                }
                if (room > std::max(style.RangeLabelMinBeside * S, label_min) && label_ok(title)) {
                    DrawClippedText(dl, fr.Font, small, ImVec2(bx, cy - small * 0.5f - 1), col_text, title, room);
                    labelled(m, bx, cy);
                }
            }
            break;
        }
        case MarkKind_Milestone:
        case MarkKind_Point: {
            float r = (m.Kind == MarkKind_Milestone ? style.MilestoneRadius : style.PointRadius) * S;
            float x = x0;
            if (m.Kind == MarkKind_Milestone) {
                ImVec2 p[4] = { ImVec2(x, cy - r), ImVec2(x + r, cy), ImVec2(x, cy + r), ImVec2(x - r, cy) };
                dl->AddConvexPolyFilled(p, 4, ToImU32(c));
                if (hov || sel)
                    dl->AddPolyline(p, 4, col_sel, ImDrawFlags_Closed, thick);
            } else {
                dl->AddCircleFilled(ImVec2(x, cy), r, ToImU32(c), circle_segments);
                if (hov || sel)
                    dl->AddCircle(ImVec2(x, cy), r + 1.5f, col_sel, 16, thick);
            }
            if (match)
                dl->AddCircle(ImVec2(x, cy), r + style.MatchRingGap * S, col_match, 20, thick);
            const float gap = style.LabelGap * S;
            float room = std::min(std::min(next_x - style.LabelNextGap * S, next_left), fr.PlotMax.x + 200.0f) - (x + r + gap);
            float lx = x + r + gap;
            TimelineImage img;
            if (thumbs && room > thumb_room && Thumbnail(e, &img)) {
                // between the mark and its label
                float th = fr.RowH - 6 * S, tw = ThumbWidth(img, th);
                DrawThumbnail(dl, img, ImVec2(lx, cy - th * 0.5f), ImVec2(lx + tw, cy + th * 0.5f), 2 * S);
                lx += tw + gap;
                room -= tw + gap;
            }
            if (room > label_min && label_ok(title)) {
                ImFont* f = (m.Kind == MarkKind_Milestone || sel) ? fr.Bold : fr.Font;
                DrawClippedText(dl, f, small, ImVec2(lx, cy - small * 0.5f - 1), col_text, title, room);
                labelled(m, lx, cy);
            }
            break;
        }
        case MarkKind_Cluster:
        default: {
            float h = style.ClusterHeight * 0.5f * S;
            std::string n = CountLabel(m.Count);
            float tw = TextWidth(fr.Small, small * 0.9f, n.c_str());
            const float pad = style.ClusterLabelPadding * S;
            float wmin = tw + 2 * pad;
            float bx1 = std::max(x1, x0 + style.ClusterMinWidth * S);
            bool label = (bx1 - x0) >= wmin || (next_left - x0) > wmin + pad;
            if (label)
                bx1 = std::max(bx1, x0 + wmin);
            Color32 fill = MixColor(c, bg, style.ClusterTint);
            AddBar(dl, ImVec2(x0, cy - h), ImVec2(bx1, cy + h), ToImU32(fill), dense ? 0.0f : style.ClusterRounding * S,
                   fr.PlotMin.x, fr.PlotMax.x);
            if (label)
                DrawText(dl, fr.Small, small * 0.9f, ImVec2((x0 + bx1 - tw) * 0.5f, cy - small * 0.45f - 1),
                         GetColorU32(TimelineCol_ClusterText), n.c_str());
            break;
        }
        }
    }
    Record();
    dl->Flags = saved_flags;
    dl->PopClipRect();
}

} // namespace chronoscope
