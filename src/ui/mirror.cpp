// Chronoscope widget: right to left. The plot and the axis are drawn in time order (as left to right) and then
// mirrored about the plot's centre line, vertex by vertex; text and pictures are mirrored back within their own
// boxes so that they read as they should (chronoscope_internal.h, MirrorX).
//
// Mirroring what was drawn, rather than every drawing step computing its own mirrored position, keeps the one
// direction-dependent step in one place: the layout, the label room ("up to the next mark"), the axis's label
// spacing and every outline are the same code in both directions, so right to left cannot drift from left to
// right. The cost is one pass over the vertices of the plot (well under a millisecond for the busiest views).
#include "ui/chronoscope_internal.h"

#include <algorithm>

namespace chronoscope {

void BeginMirror(const FrameCtx& fr)
{
    TimelineContext* ctx = Ctx();
    ctx->Upright.clear();
    ctx->UprightDl = fr.Rtl ? fr.Dl : nullptr;
    ctx->MirrorStart = fr.Rtl ? fr.Dl->VtxBuffer.Size : -1;
}

void KeepUpright(ImDrawList* dl, int vtx_start)
{
    TimelineContext* ctx = Ctx();
    if (ctx->UprightDl == dl && dl->VtxBuffer.Size > vtx_start)
        ctx->Upright.emplace_back(vtx_start, dl->VtxBuffer.Size);
}

void EndMirror(const FrameCtx& fr)
{
    TimelineContext* ctx = Ctx();
    if (!fr.Rtl || ctx->UprightDl != fr.Dl || ctx->MirrorStart < 0) {
        ctx->UprightDl = nullptr;
        return;
    }
    ImDrawVert* v = fr.Dl->VtxBuffer.Data;
    const float m = fr.PlotMin.x + fr.PlotMax.x;
    for (int i = ctx->MirrorStart, n = fr.Dl->VtxBuffer.Size; i < n; i++)
        v[i].pos.x = m - v[i].pos.x;
    // each run back within its box: [a, b] mirrored to [m - b, m - a], its content read the right way
    for (const std::pair<int, int>& r : ctx->Upright) {
        float lo = v[r.first].pos.x, hi = lo;
        for (int i = r.first; i < r.second; i++) {
            lo = std::min(lo, v[i].pos.x);
            hi = std::max(hi, v[i].pos.x);
        }
        for (int i = r.first; i < r.second; i++)
            v[i].pos.x = lo + hi - v[i].pos.x;
    }
    ctx->Upright.clear();
    ctx->UprightDl = nullptr;
    ctx->MirrorStart = -1;
}

} // namespace chronoscope
