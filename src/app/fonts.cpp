// Chronoscope app: fonts built from the characters of the data (see fonts.h).
#include "app/fonts.h"

#include "core/utf8.h"

#include "imgui.h"

#include <sys/stat.h>
#include <cstdio>
#include <cstring>
#include <vector>

namespace chronoscope {

static bool IsCjk(uint32_t c)
{
    return (c >= 0x1100 && c <= 0x11FF) || (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xA960 && c <= 0xA97F) ||
           (c >= 0xAC00 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF);
}

// Calls fn(codepoint) for each non-ASCII character of the data's text (invalid UTF-8 gives U+FFFD).
template <typename Fn>
static void ForEachChar(const Timeline& tl, Fn fn)
{
    auto scan = [&](const char* s, size_t n) {
        size_t i = 0;
        while (i < n) {
            if ((unsigned char)s[i] < 0x80) {  // ASCII is always in the atlas
                i++;
                continue;
            }
            fn(Utf8Decode(s, n, &i));
        }
    };
    scan(tl.Strings.Bytes.data(), tl.Strings.Bytes.size());
    scan(tl.Title.data(), tl.Title.size());
    scan(tl.Description.data(), tl.Description.size());
    for (const Group& g : tl.Groups)
        scan(g.Label.data(), g.Label.size());
    for (const Era& e : tl.Eras)
        scan(e.Label.data(), e.Label.size());
}

// Notes one character (Seen sized); true if it was new.
static bool AddChar(UiCharSet* set, uint32_t c)
{
    if (IsCjk(c))
        set->NeedsCjk = true;
    if (c >= 0x10000 || set->Seen[c])
        return false;
    set->Seen[c] = 1;
    return true;
}

void UiCollectChars(const Timeline& tl, UiCharSet* out)
{
    out->Seen.assign(0x10000, 0);
    out->NeedsCjk = false;
    ForEachChar(tl, [&](uint32_t c) { AddChar(out, c); });
}

bool UiAddChars(UiCharSet* set, const char* utf8)
{
    if (set->Seen.empty())
        set->Seen.assign(0x10000, 0);
    bool added = false;
    size_t len = strlen(utf8), i = 0;
    while (i < len)
        added |= AddChar(set, Utf8Decode(utf8, len, &i));
    return added;
}

static bool FileExists(const char* p)
{
    struct stat st;
    return p && p[0] && stat(p, &st) == 0;
}

// A TrueType/OpenType file by its first four bytes (a server's HTML error page is not a font: stb_truetype
// would read past its end).
static bool IsFontFile(const char* p)
{
    if (!FileExists(p))
        return false;
    FILE* f = fopen(p, "rb");
    if (!f)
        return false;
    unsigned char m[4] = { 0, 0, 0, 0 };
    size_t got = fread(m, 1, 4, f);
    fclose(f);
    if (got != 4)
        return false;
    return (m[0] == 0 && m[1] == 1 && m[2] == 0 && m[3] == 0) || !memcmp(m, "OTTO", 4) || !memcmp(m, "true", 4) ||
           !memcmp(m, "ttcf", 4);
}

float UiFontEmScale(const ImFont* f)
{
    if (!f || !f->ConfigData || !f->ConfigData->FontData || f->ConfigData->FontDataSize < 12)
        return 1.0f;
    const unsigned char* d = (const unsigned char*)f->ConfigData->FontData;
    const size_t n = (size_t)f->ConfigData->FontDataSize;
    auto u16 = [&](size_t o) { return o + 2 <= n ? (unsigned)(d[o] << 8 | d[o + 1]) : 0u; };
    auto u32 = [&](size_t o) { return o + 4 <= n ? (size_t)((unsigned)d[o] << 24 | (unsigned)d[o + 1] << 16 | (unsigned)d[o + 2] << 8 | d[o + 3]) : 0; };
    size_t head = 0, hhea = 0;
    const unsigned tables = u16(4);
    for (unsigned i = 0; i < tables; i++) {
        const size_t rec = 12 + (size_t)i * 16;
        if (rec + 16 > n)
            break;
        if (!memcmp(d + rec, "head", 4)) head = u32(rec + 8);
        if (!memcmp(d + rec, "hhea", 4)) hhea = u32(rec + 8);
    }
    if (!head || !hhea)
        return 1.0f;
    const float em = (float)u16(head + 18);
    const float height = (float)(int16_t)u16(hhea + 4) - (float)(int16_t)u16(hhea + 6);
    return em > 0.0f && height > 0.0f ? em / height : 1.0f;
}

void UiBuildFonts(const UiCharSet* chars, const char* regular_path, const char* bold_path, const char* cjk_path,
                  float size, float dpi_scale, UiFonts* out)
{
    ImGuiIO& io = ImGui::GetIO();
    if (dpi_scale < 0.5f)
        dpi_scale = 1.0f;
    io.Fonts->Clear();

    // Which characters: Latin-1, general punctuation and arrows the UI uses, and every character of the data.
    std::vector<uint8_t> seen(0x10000, 0);
    for (uint32_t c = 0x20; c < 0x100; c++) seen[c] = 1;
    for (uint32_t c = 0x2010; c <= 0x203A; c++) seen[c] = 1;    // dashes, quotes, bullet, ellipsis
    for (uint32_t c : { 0x2190u, 0x2192u, 0x25B6u, 0x25BCu, 0x00D7u, 0x2212u, 0x2715u, 0x2197u, 0x2026u, 0xFFFDu }) seen[c] = 1;
    if (chars && chars->Seen.size() == seen.size())
        for (size_t c = 0; c < seen.size(); c++)
            seen[c] |= chars->Seen[c];
    ImVector<ImWchar> latin, cjk;
    ImFontGlyphRangesBuilder lb, cb;
    for (uint32_t c = 1; c < 0x10000; c++) {
        if (!seen[c])
            continue;
        if (IsCjk(c))
            cb.AddChar((ImWchar)c);
        else
            lb.AddChar((ImWchar)c);
    }
    lb.BuildRanges(&latin);
    cb.BuildRanges(&cjk);
    static ImVector<ImWchar> s_latin, s_cjk;  // the atlas keeps pointers to the ranges until it is built
    s_latin = latin;
    s_cjk = cjk;

    bool have_cjk = IsFontFile(cjk_path) && s_cjk.Size > 1;
    const bool regular_ok = IsFontFile(regular_path);
    const bool bold_ok = IsFontFile(bold_path);
    auto add = [&](const char* path, bool path_ok, float px) -> ImFont* {
        ImFontConfig cfg;
        cfg.OversampleH = 2;
        cfg.OversampleV = 1;
        cfg.PixelSnapH = false;
        ImFont* f = nullptr;
        if (path_ok)
            f = io.Fonts->AddFontFromFileTTF(path, px * dpi_scale, &cfg, s_latin.Data);
        if (!f) {
            ImFontConfig d;
            d.SizePixels = px * dpi_scale;
            f = io.Fonts->AddFontDefault(&d);
        }
        if (have_cjk) {
            ImFontConfig m;
            m.MergeMode = true;
            m.OversampleH = 1;
            m.OversampleV = 1;
            io.Fonts->AddFontFromFileTTF(cjk_path, px * dpi_scale, &m, s_cjk.Data);
        }
        return f;
    };
    out->Size = size;
    out->Regular = add(regular_path, regular_ok, size);
    out->Bold = bold_ok ? add(bold_path, true, size) : add(regular_path, regular_ok, size);
    out->Small = add(regular_path, regular_ok, size * 0.84f);
    out->HaveCjk = have_cjk;
    io.Fonts->Build();
    io.FontDefault = out->Regular;
    io.FontGlobalScale = 1.0f / dpi_scale;
}

} // namespace chronoscope
