// Chronoscope widget: the style, its light and dark presets, and the colours of the data.
#include "ui/chronoscope_internal.h"

namespace chronoscope {

static ImVec4 FromColor32(Color32 c)
{
    return ImVec4(((c >> 16) & 0xFF) / 255.0f, ((c >> 8) & 0xFF) / 255.0f, (c & 0xFF) / 255.0f, ((c >> 24) & 0xFF) / 255.0f);
}

Color32 ToColor32(const ImVec4& c)
{
    auto ch = [](float v) { return (uint32_t)((v < 0.0f ? 0.0f : v > 1.0f ? 1.0f : v) * 255.0f + 0.5f); };
    return (ch(c.w) << 24) | (ch(c.x) << 16) | (ch(c.y) << 8) | ch(c.z);
}

Color32 MixColor(Color32 a, Color32 b, float t)
{
    auto ch = [&](int s) { return (uint32_t)((((a >> s) & 0xFF) * (1 - t) + ((b >> s) & 0xFF) * t) + 0.5f) << s; };
    return 0xFF000000 | ch(16) | ch(8) | ch(0);
}

float Luma(Color32 c)
{
    return (0.299f * ((c >> 16) & 0xFF) + 0.587f * ((c >> 8) & 0xFF) + 0.114f * (c & 0xFF)) / 255.0f;
}

// The palette is the same in both presets: it names groups, and a group keeps its colour across themes.
static const Color32 kPalette[kTimelinePaletteSize] = { 0xFF6D4AE0, 0xFF0E9F6E, 0xFFE3622B, 0xFF2E86DE,
                                                        0xFFC2399E, 0xFFC99A06, 0xFF17A2B8, 0xFF7B8794 };

static void SetColors(TimelineStyle* s, const Color32 (&c)[TimelineCol_COUNT])
{
    for (int i = 0; i < TimelineCol_COUNT; i++)
        s->Colors[i] = FromColor32(c[i]);
    for (int i = 0; i < kTimelinePaletteSize; i++)
        s->Palette[i] = FromColor32(kPalette[i]);
}

void StyleColorsLight(TimelineStyle* dst)
{
    TimelineStyle* s = dst ? dst : &GetStyle();
    static const Color32 c[TimelineCol_COUNT] = {
        0xFFFFFFFF,  // PlotBg
        0xFFEDEEF3,  // Grid
        0xFFDADDE6,  // GridMajor
        0xFF1E2230,  // Text
        0xFF6A7080,  // TextDim
        0xFF5B3FD9,  // Accent
        0xFF1E2230,  // Selection
        0xFFF59E0B,  // Match
        0xFFFFFFFF,  // ClusterText
        0xFF1E2230,  // LabelOnLight
        0xFFFFFFFF,  // LabelOnDark
        0xFF6B7280,  // Ungrouped
        0xFFFFFFFF,  // PanelBg
        0xFFDADDE6,  // PanelBorder
    };
    SetColors(s, c);
    s->RangeTint = 0.12f;
    s->ClusterTint = 0.35f;
    s->StripClusterTint = 0.2f;
    s->HeaderTabTint = 0.93f;
    s->HeaderRuleTint = 0.8f;
    s->EraStripTint = 0.72f;
    s->EraEdgeTint = 0.45f;
}

void StyleColorsDark(TimelineStyle* dst)
{
    TimelineStyle* s = dst ? dst : &GetStyle();
    static const Color32 c[TimelineCol_COUNT] = {
        0xFF171A21,  // PlotBg
        0xFF20242D,  // Grid
        0xFF2C313C,  // GridMajor
        0xFFE8EAF0,  // Text
        0xFF9AA1B2,  // TextDim
        0xFF9B87F5,  // Accent
        0xFFFFFFFF,  // Selection
        0xFFFBBF24,  // Match
        0xFFFFFFFF,  // ClusterText
        0xFF1E2230,  // LabelOnLight
        0xFFFFFFFF,  // LabelOnDark
        0xFF6B7280,  // Ungrouped
        0xFF171A21,  // PanelBg
        0xFF2C313C,  // PanelBorder
    };
    SetColors(s, c);
    s->RangeTint = 0.25f;
    s->ClusterTint = 0.45f;
    s->StripClusterTint = 0.3f;
    s->HeaderTabTint = 0.88f;
    s->HeaderRuleTint = 0.75f;
    s->EraStripTint = 0.72f;
    s->EraEdgeTint = 0.55f;
}

TimelineStyle::TimelineStyle()
{
    StyleColorsLight(this);
}

Color32 StyleColor32(TimelineCol col)
{
    return ToColor32(GetStyle().Colors[col]);
}

ImU32 GetColorU32(TimelineCol col, float alpha_mul)
{
    return ToImU32(StyleColor32(col), alpha_mul);
}

Color32 GroupColor32(const Timeline& tl, int g)
{
    if (g >= 0 && g < (int)tl.Groups.size() && tl.Groups[g].Color)
        return tl.Groups[g].Color | 0xFF000000;
    if (g < 0 || g >= (int)tl.Groups.size())
        return StyleColor32(TimelineCol_Ungrouped);
    return ToColor32(GetStyle().Palette[g % kTimelinePaletteSize]);
}

Color32 EventColor32(const Timeline& tl, const Event& e)
{
    if (e.Extra != kNoExtra && e.Extra < tl.Extras.size() && tl.Extras[e.Extra].Color)
        return tl.Extras[e.Extra].Color | 0xFF000000;
    return GroupColor32(tl, e.Group == kNoGroup ? -1 : e.Group);
}

} // namespace chronoscope
