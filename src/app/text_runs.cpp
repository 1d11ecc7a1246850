// Chronoscope app: the cache of text runs (see text_runs.h).
#include "app/text_runs.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace chronoscope {

namespace {

const int kPad = 1;   // clear pixels around each run

// bytes, then what draws them: device pixels (in 1/64), flags, wrap width (device pixels) and, unless measured
// only, the colour
void AppendKey(std::string* k, const char* s, size_t n, int px64, int flags, int wrap_px)
{
    k->assign(s, n);
    k->push_back('\0');
    int32_t v[3] = { px64, flags & ~TimelineTextFlags_Measure, wrap_px };
    k->append((const char*)v, sizeof(v));
}

void AppendColor(std::string* k, uint32_t rgb) { k->append((const char*)&rgb, sizeof(rgb)); }

void FreePage(TextRuns* r, int pi)
{
    TextRuns::Page& p = r->Pages[(size_t)pi];
    if (p.Texture && r->Textures.Free)
        r->Textures.Free(p.Texture, r->Textures.User);
    r->Bytes -= (size_t)p.W * (size_t)p.H * 4;
    p = TextRuns::Page();
}

// Forgets the runs on page pi (their pixels are about to go).
void DropRunsOn(TextRuns* r, int pi)
{
    for (auto it = r->Map.begin(); it != r->Map.end();) {
        if (it->second.Status == RunResult_Ready && it->second.Page == pi)
            it = r->Map.erase(it);
        else
            ++it;
    }
}

int NewPage(TextRuns* r, int w, int h, bool solo)
{
    if (!r->Textures.Create)
        return -1;
    uint64_t t = r->Textures.Create(w, h, r->Textures.User);
    if (!t)
        return -1;
    size_t slot = 0;
    while (slot < r->Pages.size() && r->Pages[slot].W)
        slot++;
    if (slot == r->Pages.size())
        r->Pages.emplace_back();
    TextRuns::Page& p = r->Pages[slot];
    p = TextRuns::Page();
    p.Texture = t;
    p.W = w;
    p.H = h;
    p.Solo = solo;
    r->Bytes += (size_t)w * (size_t)h * 4;
    return (int)slot;
}

// A place for a w x h box on page pi (shelf packing), or false.
bool PlaceOn(TextRuns::Page* p, int w, int h, int* x, int* y)
{
    if (p->Solo || w > p->W || h > p->H)
        return false;
    TextRuns::Shelf* best = nullptr;
    for (TextRuns::Shelf& s : p->Shelves)   // the lowest shelf it fits that does not waste over a third
        if (h <= s.H && h * 3 >= s.H * 2 && s.X + w <= p->W && (!best || s.H < best->H))
            best = &s;
    if (!best) {
        const int sh = (h + 3) & ~3;   // shelf heights in steps of 4 px, so similar runs share them
        if (p->Bottom + std::min(sh, p->H) > p->H)
            return false;
        TextRuns::Shelf s;
        s.Y = p->Bottom;
        s.H = std::min(sh, p->H - p->Bottom);
        p->Bottom += s.H;
        p->Shelves.push_back(s);
        best = &p->Shelves.back();
    }
    *x = best->X;
    *y = best->Y;
    best->X += w;
    return true;
}

// Finds room for a box (with its border): a page with room; else a new page within the cap; else the page used
// longest ago (not in this frame) emptied; else a new page past the cap. -1: no texture could be made.
int Place(TextRuns* r, int w, int h, int* x, int* y)
{
    if (w > r->PageSize || h > r->PageSize) {
        int pi = NewPage(r, w, h, true);
        *x = *y = 0;
        return pi;
    }
    for (size_t i = 0; i < r->Pages.size(); i++)
        if (r->Pages[i].W && PlaceOn(&r->Pages[i], w, h, x, y))
            return (int)i;
    const size_t page_bytes = (size_t)r->PageSize * r->PageSize * 4;
    if (r->Bytes + page_bytes > r->CapBytes) {
        int lru = -1;
        for (size_t i = 0; i < r->Pages.size(); i++) {
            const TextRuns::Page& p = r->Pages[i];
            if (p.W && p.Used < r->Frame && (lru < 0 || p.Used < r->Pages[(size_t)lru].Used))
                lru = (int)i;
        }
        if (lru >= 0) {
            DropRunsOn(r, lru);
            TextRuns::Page& p = r->Pages[(size_t)lru];
            if (p.Solo) {
                FreePage(r, lru);
            } else {
                p.Shelves.clear();
                p.Bottom = 0;
                if (PlaceOn(&p, w, h, x, y))
                    return lru;
            }
        }
    }
    int pi = NewPage(r, r->PageSize, r->PageSize, false);
    if (pi >= 0 && !PlaceOn(&r->Pages[(size_t)pi], w, h, x, y))
        return -1;
    return pi;
}

void Answer(const TextRuns* r, const TextRuns::Entry& e, TimelineTextRun* out)
{
    out->Status = e.Status == RunResult_Ready ? TimelineTextRunStatus_Ready
                : e.Status == RunResult_Pending ? TimelineTextRunStatus_Pending : TimelineTextRunStatus_Failed;
    out->RightToLeft = e.RightToLeft;
    if (e.Status != RunResult_Ready)
        return;
    const float k = r->DpiScale > 0.0f ? 1.0f / r->DpiScale : 1.0f;
    out->Size = ImVec2((float)e.W * k, (float)e.H * k);
    out->Ascent = e.Ascent * k;
    if (e.Page >= 0) {
        const TextRuns::Page& p = r->Pages[(size_t)e.Page];
        out->Texture = (ImTextureID)(intptr_t)p.Texture;
        out->Uv0 = ImVec2((float)e.X / (float)p.W, (float)e.Y / (float)p.H);
        out->Uv1 = ImVec2((float)(e.X + e.W) / (float)p.W, (float)(e.Y + e.H) / (float)p.H);
    }
}

} // namespace

void TextRunsGet(const char* text, const char* text_end, float size, ImU32 color, int flags, float wrap_width,
                 TimelineTextRun* out, void* user)
{
    TextRuns* r = (TextRuns*)user;
    *out = TimelineTextRun();
    out->Status = TimelineTextRunStatus_Failed;
    if (!r->Rasteriser.Rasterise || !text)
        return;
    const size_t n = text_end ? (size_t)(text_end - text) : strlen(text);
    const float px = size * r->DpiScale * (r->EmScale > 0.0f ? r->EmScale : 1.0f);
    const int px64 = (int)std::lround(px * 64.0f);
    const int wrap_px = wrap_width > 0.0f ? std::max(1, (int)std::floor(wrap_width * r->DpiScale)) : 0;
    const uint32_t rgb = color & 0x00FFFFFFu;
    std::string key;
    AppendKey(&key, text, n, px64, flags, wrap_px);
    const size_t metric_len = key.size();
    AppendColor(&key, rgb);

    auto it = r->Map.find(key);
    if (it == r->Map.end() && (flags & TimelineTextFlags_Measure)) {
        auto m = r->Measured.find(key.substr(0, metric_len));
        if (m != r->Measured.end()) {
            const float k = 1.0f / r->DpiScale;
            out->Status = TimelineTextRunStatus_Ready;
            out->Size = ImVec2((float)m->second.W * k, (float)m->second.H * k);
            out->Ascent = m->second.Ascent * k;
            out->RightToLeft = m->second.RightToLeft;
            return;
        }
    }
    if (it == r->Map.end()) {
        if (r->RasterisedThisFrame >= r->RasteriseBudget) {   // the next frame goes on
            out->Status = TimelineTextRunStatus_Pending;
            r->WantFrame = true;
            return;
        }
        r->RasterisedThisFrame++;
        RunBitmap bm;
        const int res = r->Rasteriser.Rasterise(text, n, px, color, flags & ~TimelineTextFlags_Measure,
                                                (float)wrap_px, &bm, r->Rasteriser.User);
        TextRuns::Entry e;
        e.Status = res == RunResult_Ready ? RunResult_Ready : res == RunResult_Pending ? RunResult_Pending : RunResult_Failed;
        if (e.Status == RunResult_Ready &&
            (bm.Width < 0 || bm.Height < 0 || bm.Rgba.size() < (size_t)bm.Width * (size_t)bm.Height * 4))
            e.Status = RunResult_Failed;
        e.RightToLeft = bm.RightToLeft;
        e.Missing = bm.Missing;
        if (e.Status == RunResult_Ready) {
            e.W = bm.Width;
            e.H = bm.Height;
            e.Ascent = bm.Ascent;
            if (bm.Width > 0 && bm.Height > 0) {
                const int bw = bm.Width + 2 * kPad, bh = bm.Height + 2 * kPad;
                int x = 0, y = 0;
                const int pi = Place(r, bw, bh, &x, &y);
                if (pi < 0) {
                    e.Status = RunResult_Failed;
                } else {
                    // the run inside its clear border, one upload
                    r->Scratch.assign((size_t)bw * bh * 4, 0);
                    for (int row = 0; row < bm.Height; row++)
                        memcpy(&r->Scratch[((size_t)(row + kPad) * bw + kPad) * 4], &bm.Rgba[(size_t)row * bm.Width * 4],
                               (size_t)bm.Width * 4);
                    if (r->Textures.Update)
                        r->Textures.Update(r->Pages[(size_t)pi].Texture, x, y, bw, bh, r->Scratch.data(), r->Textures.User);
                    e.Page = pi;
                    e.X = x + kPad;
                    e.Y = y + kPad;
                }
            }
            if (e.Status == RunResult_Ready) {
                TextRuns::Metrics m;
                m.W = e.W;
                m.H = e.H;
                m.Ascent = e.Ascent;
                m.RightToLeft = e.RightToLeft;
                r->Measured[key.substr(0, metric_len)] = m;
            }
        } else if (e.Status == RunResult_Pending) {
            r->WaitingFonts++;
        }
        it = r->Map.emplace(key, e).first;
    }
    TextRuns::Entry& e = it->second;
    e.Used = r->Frame;
    if (e.Status == RunResult_Ready && e.Page >= 0 && !(flags & TimelineTextFlags_Measure))
        r->Pages[(size_t)e.Page].Used = r->Frame;
    Answer(r, e, out);
}

void TextRunsNewFrame(TextRuns* r)
{
    r->Frame++;
    r->RasterisedThisFrame = 0;
    r->WantFrame = false;
    // pages past the cap that the last frame did not draw from go (a frame that needed more made them)
    const size_t page_bytes = (size_t)r->PageSize * r->PageSize * 4;
    while (r->Bytes > r->CapBytes) {
        int lru = -1;
        for (size_t i = 0; i < r->Pages.size(); i++) {
            const TextRuns::Page& p = r->Pages[i];
            if (p.W && p.Used + 1 < r->Frame && (lru < 0 || p.Used < r->Pages[(size_t)lru].Used))
                lru = (int)i;
        }
        if (lru < 0)
            break;
        DropRunsOn(r, lru);
        FreePage(r, lru);
    }
    (void)page_bytes;
    // the measured sizes are small, but not without end
    if (r->Measured.size() > 65536)
        r->Measured.clear();
}

void TextRunsFontsChanged(TextRuns* r)
{
    for (auto it = r->Map.begin(); it != r->Map.end();) {
        if (it->second.Status != RunResult_Ready)
            it = r->Map.erase(it);
        else
            ++it;
    }
    r->WaitingFonts = 0;
    r->WantFrame = true;
}

void TextRunsClear(TextRuns* r)
{
    for (size_t i = 0; i < r->Pages.size(); i++)
        if (r->Pages[i].W)
            FreePage(r, (int)i);
    r->Pages.clear();
    r->Map.clear();
    r->Measured.clear();
    r->Bytes = 0;
    r->WaitingFonts = 0;
}

int TextRunsCountMissing(const TextRuns* r, const char* s, size_t n)
{
    return r->Rasteriser.CountMissing ? r->Rasteriser.CountMissing(s, n, r->Rasteriser.User) : 0;
}

} // namespace chronoscope
