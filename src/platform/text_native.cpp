// Chronoscope platform: the native text rasteriser (see text_native.h).
#include "platform/text_native.h"

#include "core/utf8.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <fribidi.h>
#include <hb-ft.h>
#include <hb.h>

#include <sys/stat.h>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <unordered_map>

namespace chronoscope {

namespace {

// One face of one file, opened when first needed.
struct FontSlot {
    std::string File;     // file name, looked up in the folders
    int         Index = 0;  // face in a collection (.ttc)
    std::string Path;     // where it was found ("" = not found)
    bool        Tried = false;
    FT_Face     Face = nullptr;
    hb_font_t*  Hb = nullptr;
    bool        Color = false;   // a bitmap-only colour font (CBDT): drawn at its strike and scaled
    float       StrikePpem = 0;  // the strike's size, for Color
    FT_F26Dot6  SizeSet = 0;     // the size FT_Set_Char_Size was last given
};

// A family in the fallback chain. Regular[k]/Bold[k]: slot indices (-1: none); k is the CJK region, 0 elsewhere.
enum CjkRegion { kSC = 0, kJP = 1, kKR = 2, kRegions = 3 };
struct Family {
    int  Regular[kRegions] = { -1, -1, -1 };
    int  Bold[kRegions] = { -1, -1, -1 };
    bool Cjk = false, Emoji = false;
};

struct CachedGlyph {
    int  Left = 0, Top = 0, W = 0, H = 0;  // position of the bitmap's top-left corner from the pen, in pixels
    bool Color = false;                    // Pixels: premultiplied RGBA (Color) or coverage
    std::vector<uint8_t> Pixels;
};

struct Rasteriser {
    FT_Library               Ft = nullptr;
    std::vector<std::string> Dirs;
    std::vector<FontSlot>    Slots;
    std::vector<Family>      Families;  // the fallback chain, in order
    int                      EmojiFamily = -1;
    hb_buffer_t*             Buf = nullptr;
    std::vector<int8_t>      BmpFamily;  // family of each BMP character (-2: not looked up, -1: none)
    std::unordered_map<uint32_t, int8_t>     AstralFamily;
    std::unordered_map<uint64_t, CachedGlyph> Glyphs;
    size_t                   GlyphBytes = 0;
};

static bool FileExists(const std::string& p)
{
    struct stat st;
    return stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

static bool OpenSlot(Rasteriser* r, int i)
{
    FontSlot& s = r->Slots[i];
    if (s.Tried)
        return s.Face != nullptr;
    s.Tried = true;
    for (const std::string& d : r->Dirs) {
        if (d.empty())
            continue;
        std::string p = d + "/" + s.File;
        if (FileExists(p)) {
            s.Path = p;
            break;
        }
    }
    if (s.Path.empty() || FT_New_Face(r->Ft, s.Path.c_str(), s.Index, &s.Face) != 0) {
        s.Face = nullptr;
        return false;
    }
    if (!FT_IS_SCALABLE(s.Face)) {
        if (!FT_HAS_COLOR(s.Face) || s.Face->num_fixed_sizes < 1 || FT_Select_Size(s.Face, 0) != 0) {
            FT_Done_Face(s.Face);
            s.Face = nullptr;
            return false;
        }
        s.Color = true;
        s.StrikePpem = (float)s.Face->size->metrics.y_ppem;
    }
    // HarfBuzz reads the tables through FreeType's face (no second copy of the file) and positions glyphs with its
    // own OpenType functions (hmtx, unhinted), at the scale set for each run: the same advances a browser's
    // HarfBuzz gives, whatever size FreeType was last set to.
    hb_face_t* face = hb_ft_face_create_referenced(s.Face);
    s.Hb = hb_font_create(face);
    hb_face_destroy(face);
    return true;
}

static bool SlotHas(Rasteriser* r, int slot, uint32_t cp)
{
    return slot >= 0 && OpenSlot(r, slot) && FT_Get_Char_Index(r->Slots[slot].Face, cp) != 0;
}

static int AddSlot(Rasteriser* r, const char* file, int index = 0)
{
    FontSlot s;
    s.File = file;
    s.Index = index;
    r->Slots.push_back(s);
    return (int)r->Slots.size() - 1;
}

static void AddFamily(Rasteriser* r, const char* regular, const char* bold)
{
    Family f;
    f.Regular[0] = AddSlot(r, regular);
    if (bold)
        f.Bold[0] = AddSlot(r, bold);
    r->Families.push_back(f);
}

static void BuildChain(Rasteriser* r)
{
    AddFamily(r, "NotoSans-Regular.ttf", "NotoSans-Bold.ttf");
    AddFamily(r, "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf");
    AddFamily(r, "NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf");
    AddFamily(r, "NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf");
    AddFamily(r, "NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf");
    AddFamily(r, "NotoSansTamil-Regular.ttf", "NotoSansTamil-Bold.ttf");
    AddFamily(r, "NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf");
    AddFamily(r, "NotoSansArmenian-Regular.ttf", "NotoSansArmenian-Bold.ttf");
    AddFamily(r, "NotoSansGeorgian-Regular.ttf", "NotoSansGeorgian-Bold.ttf");
    AddFamily(r, "NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf");
    AddFamily(r, "NotoSansSymbols-Regular.ttf", "NotoSansSymbols-Bold.ttf");
    AddFamily(r, "NotoSansSymbols2-Regular.ttf", nullptr);
    AddFamily(r, "NotoSansMath-Regular.ttf", nullptr);
    // Noto Sans CJK: faces 0 JP, 1 KR, 2 SC, 3 TC, 4 HK of the collection
    Family cjk;
    cjk.Cjk = true;
    const int face_of[kRegions] = { 2, 0, 1 };
    for (int k = 0; k < kRegions; k++) {
        cjk.Regular[k] = AddSlot(r, "NotoSansCJK-Regular.ttc", face_of[k]);
        cjk.Bold[k] = AddSlot(r, "NotoSansCJK-Bold.ttc", face_of[k]);
    }
    r->Families.push_back(cjk);
    Family emoji;
    emoji.Emoji = true;
    emoji.Regular[0] = AddSlot(r, "NotoColorEmoji.ttf");
    r->Families.push_back(emoji);
    r->EmojiFamily = (int)r->Families.size() - 1;
}

// The slot a family draws with.
static int FamilySlot(Rasteriser* r, int family, bool bold, int region)
{
    const Family& f = r->Families[family];
    int k = f.Cjk ? region : 0;
    if (bold && f.Bold[k] >= 0 && OpenSlot(r, f.Bold[k]))
        return f.Bold[k];
    return f.Regular[k];
}

// The first family of the chain that has cp (-1: none).
static int ChainFamily(Rasteriser* r, uint32_t cp)
{
    int8_t* cached = nullptr;
    if (cp < 0x10000) {
        cached = &r->BmpFamily[cp];
        if (*cached != -2)
            return *cached;
    } else {
        auto it = r->AstralFamily.find(cp);
        if (it != r->AstralFamily.end())
            return it->second;
    }
    int found = -1;
    for (int f = 0; f < (int)r->Families.size() && found < 0; f++)
        if (SlotHas(r, r->Families[f].Regular[0], cp))
            found = f;
    if (cached)
        *cached = (int8_t)found;
    else
        r->AstralFamily[cp] = (int8_t)found;
    return found;
}

static bool FamilyHas(Rasteriser* r, int family, uint32_t cp)
{
    if (family < 0)
        return false;
    if (family == ChainFamily(r, cp))
        return true;
    return SlotHas(r, r->Families[family].Regular[0], cp);
}

// Characters that draw nothing by themselves: never missing, and kept in the font of the character before them.
static bool IsIgnorable(uint32_t cp)
{
    if (cp == 0x200D || cp == 0x200C || cp == 0x20E3 || (cp >= 0xFE00 && cp <= 0xFE0F) ||
        (cp >= 0xE0000 && cp <= 0xE0FFF) || (cp >= 0x1F3FB && cp <= 0x1F3FF))
        return true;
    hb_unicode_general_category_t gc = hb_unicode_general_category(hb_unicode_funcs_get_default(), cp);
    return gc == HB_UNICODE_GENERAL_CATEGORY_CONTROL || gc == HB_UNICODE_GENERAL_CATEGORY_FORMAT ||
           gc == HB_UNICODE_GENERAL_CATEGORY_LINE_SEPARATOR || gc == HB_UNICODE_GENERAL_CATEGORY_PARAGRAPH_SEPARATOR;
}

// Characters drawn as emoji when the emoji font has them: the emoji blocks of plane 1 (pictographs, regional
// indicators, ...) and any character followed by the emoji presentation selector U+FE0F.
static bool WantsEmoji(const std::vector<uint32_t>& cps, size_t i)
{
    uint32_t cp = cps[i];
    if (cp >= 0x1F000 && cp <= 0x1FAFF)
        return true;
    return i + 1 < cps.size() && cps[i + 1] == 0xFE0F;
}

static bool IsKana(uint32_t c) { return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) || (c >= 0xFF66 && c <= 0xFF9F); }
static bool IsHangul(uint32_t c) { return (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F); }
static bool IsHan(uint32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0x20000 && c <= 0x3FFFF);
}
// Where a line may break between CJK characters (see text_native.h).
static bool IsCjkBreakable(uint32_t c) { return IsHan(c) || IsKana(c) || (c >= 0xAC00 && c <= 0xD7AF); }
static bool IsCjkCloser(uint32_t c)
{
    switch (c) {
    case 0x3001: case 0x3002: case 0xFF0C: case 0xFF0E: case 0x300D: case 0x300F: case 0xFF09: case 0xFF01:
    case 0xFF1F: case 0x3011: case 0x300B: case 0x3009: case 0xFF1A: case 0xFF1B: case 0x30FC: return true;
    default: return false;
    }
}
static bool IsCjkOpener(uint32_t c)
{
    return c == 0x300C || c == 0x300E || c == 0xFF08 || c == 0x3010 || c == 0x300A || c == 0x3008;
}
static bool IsSpace(uint32_t c) { return c == 0x20 || c == 0x3000 || c == 0xA0 || (c >= 0x2000 && c <= 0x200A); }

// The text of one call, decoded and analysed.
struct Para {
    std::vector<uint32_t>     Cps;       // controls are spaces (U+000A stays, for wrapping)
    std::vector<FriBidiLevel> Levels;
    std::vector<int16_t>      Family;    // per character
    std::vector<hb_script_t>  Script;    // per character, Common and Inherited resolved from their neighbours
    bool                      Rtl = false;
    int                       Missing = 0;
    int                       Region = kSC;
};

static void Decode(const char* s, size_t n, std::vector<uint32_t>* cps)
{
    cps->clear();
    size_t i = 0;
    while (i < n) {
        uint32_t cp = (unsigned char)s[i] < 0x80 ? (uint32_t)(unsigned char)s[i++] : Utf8Decode(s, n, &i);
        cps->push_back(cp);
    }
}

// Font per character (see text_native.h), counting the characters no font has.
static void PickFonts(Rasteriser* r, Para* p)
{
    const size_t n = p->Cps.size();
    p->Family.assign(n, 0);
    p->Missing = 0;
    hb_unicode_funcs_t* uf = hb_unicode_funcs_get_default();
    int prev = -1;
    for (size_t i = 0; i < n; i++) {
        uint32_t cp = p->Cps[i];
        bool ignorable = IsIgnorable(cp);
        hb_script_t sc = hb_unicode_script(uf, cp);
        bool neutral = sc == HB_SCRIPT_COMMON || sc == HB_SCRIPT_INHERITED || ignorable;
        bool emoji = WantsEmoji(p->Cps, i);
        int f = -1;
        if (prev >= 0 && neutral && !emoji) {
            // stay in the font before: joiners and modifiers in an emoji's, spaces and marks in a script's
            if (prev == r->EmojiFamily ? ignorable : (ignorable || FamilyHas(r, prev, cp)))
                f = prev;
        }
        if (f < 0 && emoji && FamilyHas(r, r->EmojiFamily, cp))
            f = r->EmojiFamily;
        if (f < 0)
            f = ChainFamily(r, cp);
        if (f < 0) {
            if (!ignorable && cp != '\n')
                p->Missing++;
            f = prev >= 0 ? prev : 0;
        }
        p->Family[i] = (int16_t)f;
        prev = f;
    }
}

static void ResolveScripts(Para* p)
{
    const size_t n = p->Cps.size();
    hb_unicode_funcs_t* uf = hb_unicode_funcs_get_default();
    p->Script.assign(n, HB_SCRIPT_COMMON);
    hb_script_t last = HB_SCRIPT_INVALID;
    size_t first_real = n;
    for (size_t i = 0; i < n; i++) {
        hb_script_t sc = hb_unicode_script(uf, p->Cps[i]);
        if (sc == HB_SCRIPT_COMMON || sc == HB_SCRIPT_INHERITED || sc == HB_SCRIPT_UNKNOWN) {
            p->Script[i] = last;
        } else {
            p->Script[i] = last = sc;
            if (first_real == n)
                first_real = i;
        }
    }
    hb_script_t lead = first_real < n ? p->Script[first_real] : HB_SCRIPT_LATIN;
    for (size_t i = 0; i < n && p->Script[i] == HB_SCRIPT_INVALID; i++)
        p->Script[i] = lead;
}

static bool Analyse(Rasteriser* r, const char* s, size_t n, Para* p)
{
    Decode(s, n, &p->Cps);
    bool kana = false, hangul = false, han = false;
    for (uint32_t& c : p->Cps) {
        if (c < 0x20 && c != '\n')
            c = ' ';
        kana |= IsKana(c);
        hangul |= IsHangul(c);
        han |= IsHan(c);
    }
    p->Region = kana ? kJP : (hangul && !han) ? kKR : kSC;
    const FriBidiStrIndex len = (FriBidiStrIndex)p->Cps.size();
    std::vector<FriBidiCharType> types(len);
    std::vector<FriBidiBracketType> brackets(len);
    p->Levels.assign(len, 0);
    FriBidiParType base = FRIBIDI_PAR_ON;  // the first strong character decides
    if (len > 0) {
        fribidi_get_bidi_types(p->Cps.data(), len, types.data());
        fribidi_get_bracket_types(p->Cps.data(), len, types.data(), brackets.data());
        if (!fribidi_get_par_embedding_levels_ex(types.data(), brackets.data(), len, &base, p->Levels.data()))
            return false;
    }
    p->Rtl = FRIBIDI_IS_RTL(base);
    PickFonts(r, p);
    ResolveScripts(p);
    return true;
}

// A run: characters [Start, End) of one level, script and font.
struct Run {
    size_t       Start = 0, End = 0;
    FriBidiLevel Level = 0;
    int          Slot = 0;
    hb_script_t  Script = HB_SCRIPT_COMMON;
};

static void Itemise(Rasteriser* r, const Para& p, size_t a, size_t b, bool bold, std::vector<Run>* runs)
{
    runs->clear();
    for (size_t i = a; i < b;) {
        Run run;
        run.Start = i;
        run.Level = p.Levels[i];
        run.Script = p.Script[i];
        int fam = p.Family[i];
        size_t j = i + 1;
        while (j < b && p.Levels[j] == run.Level && p.Family[j] == fam && p.Script[j] == run.Script)
            j++;
        run.End = j;
        run.Slot = FamilySlot(r, fam, bold, p.Region);
        runs->push_back(run);
        i = j;
    }
}

// UAX #9 L2: from the highest level down to the lowest odd one, reverse every sequence of runs at that level or
// higher.
static void VisualOrder(std::vector<Run>* runs)
{
    if (runs->empty())
        return;
    FriBidiLevel hi = 0, lo_odd = 255;
    for (const Run& r : *runs) {
        hi = std::max(hi, r.Level);
        if (r.Level & 1)
            lo_odd = std::min(lo_odd, r.Level);
    }
    for (int lev = hi; lev >= (int)lo_odd && lev > 0; lev--) {
        for (size_t i = 0; i < runs->size();) {
            if ((*runs)[i].Level < lev) {
                i++;
                continue;
            }
            size_t j = i;
            while (j < runs->size() && (*runs)[j].Level >= lev)
                j++;
            std::reverse(runs->begin() + i, runs->begin() + j);
            i = j;
        }
    }
}

// Shapes one run (the whole text as context) and appends its glyphs, X their offset from the pen; *pen advances.
static void ShapeRun(Rasteriser* r, const Para& p, const Run& run, float px, float* pen,
                     std::vector<NativeShapedGlyph>* out)
{
    FontSlot& s = r->Slots[run.Slot];
    if (!OpenSlot(r, run.Slot))
        return;
    int scale = (int)lroundf(px * 64.0f);
    if (s.Color)
        scale = (int)lroundf(px * 64.0f);  // hmtx advances, scaled like any font's: the bitmap is scaled to match
    hb_font_set_scale(s.Hb, scale, scale);
    hb_buffer_t* buf = r->Buf;
    hb_buffer_clear_contents(buf);
    hb_buffer_add_codepoints(buf, p.Cps.data(), (int)p.Cps.size(), (unsigned)run.Start,
                             (int)(run.End - run.Start));
    hb_buffer_set_direction(buf, (run.Level & 1) ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    hb_buffer_set_script(buf, run.Script);
    hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
    hb_buffer_guess_segment_properties(buf);  // (the language: the process's default)
    hb_shape(s.Hb, buf, nullptr, 0);
    unsigned count = 0;
    hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &count);
    hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &count);
    for (unsigned g = 0; g < count; g++) {
        NativeShapedGlyph sg;
        sg.Glyph = info[g].codepoint;
        sg.Font = run.Slot;
        sg.Cluster = info[g].cluster;
        sg.X = pos[g].x_offset / 64.0f;
        sg.Y = -pos[g].y_offset / 64.0f;
        sg.Advance = pos[g].x_advance / 64.0f;
        *pen += sg.Advance;
        out->push_back(sg);
    }
}

// Lines [start, end) of at most wrap_px (see text_native.h for the rule), from the advance of each character.
static void BreakLines(const Para& p, const std::vector<float>& adv, const std::vector<uint8_t>& cluster_start,
                       float wrap_px, std::vector<std::pair<size_t, size_t>>* lines)
{
    const size_t n = p.Cps.size();
    lines->clear();
    auto can_break_before = [&](size_t i) {  // between i-1 and i
        uint32_t a = p.Cps[i - 1], b = p.Cps[i];
        if (IsSpace(a))
            return !IsSpace(b);
        if (IsCjkCloser(b) || IsCjkOpener(a))
            return false;
        return IsCjkBreakable(a) || IsCjkBreakable(b);
    };
    size_t start = 0;
    while (start < n) {
        float w = 0.0f;
        size_t last_ok = 0, i = start, hard = n;
        for (; i < n; i++) {
            if (p.Cps[i] == '\n') {
                hard = i;
                break;
            }
            if (i > start && can_break_before(i))
                last_ok = i;
            if (wrap_px > 0.0f && !IsSpace(p.Cps[i]) && w + adv[i] > wrap_px && i > start) {
                // too wide: break at the last opportunity, or between clusters for a word longer than a line
                if (last_ok <= start) {
                    last_ok = i;
                    while (last_ok > start + 1 && !cluster_start[last_ok])
                        last_ok--;
                }
                break;
            }
            w += adv[i];
        }
        if (hard < n) {
            lines->push_back({ start, hard });
            start = hard + 1;
            if (start == n)
                lines->push_back({ n, n });
        } else if (i >= n) {
            lines->push_back({ start, n });
            start = n;
        } else {
            lines->push_back({ start, last_ok });
            start = last_ok;
            while (start < n && IsSpace(p.Cps[start]))
                start++;
        }
    }
    if (lines->empty())
        lines->push_back({ 0, 0 });
}

// Shapes the text once, run by run in logical order, then lays out each line from those glyphs: a line ends at a
// space or between CJK characters, where shaping does not join, so its runs' glyphs are the text's.
static bool Shape(Rasteriser* r, const char* s, size_t n, float px, int flags, float wrap_px, Para* p,
                  NativeShapedText* out)
{
    out->Lines.clear();
    if (!Analyse(r, s, n, p))
        return false;
    out->RightToLeft = p->Rtl;
    out->Missing = p->Missing;
    const bool bold = (flags & RunFlags_Bold) != 0;
    const size_t count = p->Cps.size();
    std::vector<Run> runs;
    Itemise(r, *p, 0, count, bold, &runs);
    std::vector<NativeShapedGlyph> glyphs;   // each run's glyphs in visual order, the runs in logical order
    std::vector<size_t> first(runs.size() + 1, 0);
    float pen = 0.0f;
    for (size_t i = 0; i < runs.size(); i++) {
        first[i] = glyphs.size();
        ShapeRun(r, *p, runs[i], px, &pen, &glyphs);
    }
    first[runs.size()] = glyphs.size();

    std::vector<std::pair<size_t, size_t>> lines;
    bool one_line = wrap_px <= 0.0f || pen <= wrap_px;
    for (size_t i = 0; one_line && i < count; i++)
        one_line = p->Cps[i] != '\n';
    if (one_line) {
        lines.push_back({ 0, count });
    } else {
        std::vector<float> adv(count, 0.0f);
        std::vector<uint8_t> cluster_start(count, 0);
        for (const NativeShapedGlyph& g : glyphs)
            if (g.Cluster < count) {
                adv[g.Cluster] += g.Advance;
                cluster_start[g.Cluster] = 1;
            }
        BreakLines(*p, adv, cluster_start, wrap_px, &lines);
    }
    out->Lines.resize(lines.size());
    std::vector<Run> parts;
    std::vector<size_t> part_of;
    for (size_t l = 0; l < lines.size(); l++) {
        size_t a = lines[l].first, b = lines[l].second;
        while (b > a && (IsSpace(p->Cps[b - 1]) || p->Cps[b - 1] == '\n'))  // trailing spaces take no room
            b--;
        parts.clear();
        for (size_t i = 0; i < runs.size(); i++) {
            if (runs[i].End <= a || runs[i].Start >= b)
                continue;
            Run part = runs[i];
            part.Start = std::max(part.Start, a);
            part.End = std::min(part.End, b);
            part.Slot = (int)i;  // (here: which run)
            parts.push_back(part);
        }
        VisualOrder(&parts);
        NativeShapedLine& line = out->Lines[l];
        float x = 0.0f;
        for (const Run& part : parts) {
            const size_t ri = (size_t)part.Slot;
            for (size_t g = first[ri]; g < first[ri + 1]; g++) {
                const NativeShapedGlyph& sg = glyphs[g];
                if (sg.Cluster < part.Start || sg.Cluster >= part.End)
                    continue;
                NativeShapedGlyph o = sg;
                o.X = x + sg.X;  // (sg.X: its offset from the pen)
                x += sg.Advance;
                line.Glyphs.push_back(o);
            }
        }
        line.Width = x;
    }
    return true;
}

// Box-filters a premultiplied RGBA bitmap by scale (both ways).
static void ScaleRgba(const uint8_t* src, int sw, int sh, int pitch, float scale, CachedGlyph* g)
{
    int dw = std::max(1, (int)ceilf(sw * scale)), dh = std::max(1, (int)ceilf(sh * scale));
    g->W = dw;
    g->H = dh;
    g->Pixels.assign((size_t)dw * dh * 4, 0);
    const float inv = 1.0f / scale;
    for (int dy = 0; dy < dh; dy++) {
        float y0 = dy * inv, y1 = std::min((float)sh, (dy + 1) * inv);
        for (int dx = 0; dx < dw; dx++) {
            float x0 = dx * inv, x1 = std::min((float)sw, (dx + 1) * inv);
            float acc[4] = { 0, 0, 0, 0 }, wsum = 0;
            for (int sy = (int)y0; sy < (int)ceilf(y1); sy++) {
                float wy = std::min(y1, sy + 1.0f) - std::max(y0, (float)sy);
                for (int sx = (int)x0; sx < (int)ceilf(x1); sx++) {
                    float w = wy * (std::min(x1, sx + 1.0f) - std::max(x0, (float)sx));
                    const uint8_t* q = src + (size_t)sy * pitch + sx * 4;  // BGRA
                    acc[0] += w * q[2];
                    acc[1] += w * q[1];
                    acc[2] += w * q[0];
                    acc[3] += w * q[3];
                    wsum += w;
                }
            }
            // the pixel's area is (1/scale)^2; a partly covered edge pixel is partly transparent
            float norm = scale * scale;
            uint8_t* d = &g->Pixels[((size_t)dy * dw + dx) * 4];
            for (int c = 0; c < 4; c++)
                d[c] = (uint8_t)std::min(255.0f, acc[c] * norm + 0.5f);
            (void)wsum;
        }
    }
}

// A glyph drawn at px with its pen at a quarter-pixel offset sub (0..3), cached.
static const CachedGlyph* DrawGlyph(Rasteriser* r, int slot, uint32_t gid, float px, int sub)
{
    FontSlot& s = r->Slots[slot];
    FT_F26Dot6 size = (FT_F26Dot6)lroundf(px * 64.0f);
    uint64_t key = ((uint64_t)slot << 56) | ((uint64_t)(size & 0xFFFFFF) << 32) | ((uint64_t)(gid & 0xFFFFFF) << 8) |
                   (uint64_t)(s.Color ? 0 : sub);
    auto it = r->Glyphs.find(key);
    if (it != r->Glyphs.end())
        return &it->second;
    if (r->GlyphBytes > (32u << 20)) {  // a bound on the cache: start again
        r->Glyphs.clear();
        r->GlyphBytes = 0;
    }
    CachedGlyph g;
    FT_Face face = s.Face;
    if (s.Color) {
        if (FT_Load_Glyph(face, gid, FT_LOAD_COLOR) == 0 && face->glyph->bitmap.pixel_mode == FT_PIXEL_MODE_BGRA) {
            const FT_Bitmap& bm = face->glyph->bitmap;
            float scale = px / s.StrikePpem;
            ScaleRgba(bm.buffer, (int)bm.width, (int)bm.rows, bm.pitch, scale, &g);
            g.Left = (int)lroundf(face->glyph->bitmap_left * scale);
            g.Top = (int)lroundf(face->glyph->bitmap_top * scale);
            g.Color = true;
        }
    } else {
        if (s.SizeSet != size) {
            FT_Set_Char_Size(face, 0, size, 72, 72);
            s.SizeSet = size;
        }
        FT_Vector delta = { sub * 16, 0 };
        FT_Set_Transform(face, nullptr, &delta);
        if (FT_Load_Glyph(face, gid, FT_LOAD_TARGET_LIGHT | FT_LOAD_NO_BITMAP) == 0 &&
            FT_Render_Glyph(face->glyph, FT_RENDER_MODE_LIGHT) == 0) {
            const FT_Bitmap& bm = face->glyph->bitmap;
            g.W = (int)bm.width;
            g.H = (int)bm.rows;
            g.Left = face->glyph->bitmap_left;
            g.Top = face->glyph->bitmap_top;
            g.Pixels.resize((size_t)g.W * g.H);
            for (int y = 0; y < g.H; y++)
                memcpy(&g.Pixels[(size_t)y * g.W], bm.buffer + (ptrdiff_t)y * bm.pitch, (size_t)g.W);
        }
    }
    r->GlyphBytes += g.Pixels.size() + 64;
    return &r->Glyphs.emplace(key, std::move(g)).first->second;
}

// Draws src (premultiplied RGBA, floats 0..1) over the straight RGBA pixel d.
static inline void Over(uint8_t* d, float r, float g, float b, float a)
{
    if (a <= 0.0f)
        return;
    float da = d[3] / 255.0f;
    float oa = a + da * (1.0f - a);
    float k = da * (1.0f - a);
    float o[3] = { r + d[0] / 255.0f * k, g + d[1] / 255.0f * k, b + d[2] / 255.0f * k };
    for (int c = 0; c < 3; c++)
        d[c] = (uint8_t)std::min(255.0f, o[c] / oa * 255.0f + 0.5f);
    d[3] = (uint8_t)std::min(255.0f, oa * 255.0f + 0.5f);
}

struct Placed {
    const CachedGlyph* G;
    int X, Y;  // top-left corner in the bitmap, before the margin
};

static int RasteriseImpl(Rasteriser* r, const char* s, size_t n, float px, uint32_t color, int flags, float wrap_px,
                         RunBitmap* out)
{
    out->Width = out->Height = 0;
    out->Rgba.clear();
    out->Ascent = 0;
    out->Missing = 0;
    out->RightToLeft = false;
    if (!(px > 0.0f) || !OpenSlot(r, 0))
        return RunResult_Failed;
    Para p;
    NativeShapedText shaped;
    if (!Shape(r, s, n, px, flags, wrap_px, &p, &shaped))
        return RunResult_Failed;
    out->RightToLeft = shaped.RightToLeft;
    out->Missing = shaped.Missing;

    // line metrics: Noto Sans's (a browser's "normal" line height for it)
    FT_Face primary = r->Slots[0].Face;
    const float upem = (float)primary->units_per_EM;
    const int asc = (int)ceilf(primary->ascender * px / upem);
    const int desc = (int)ceilf(-primary->descender * px / upem);
    const int line_h = asc + desc;
    float width = 0.0f;
    for (const NativeShapedLine& l : shaped.Lines)
        width = std::max(width, l.Width);

    std::vector<Placed> placed;
    int x0 = 0, y0 = 0, x1 = (int)ceilf(width), y1 = line_h * (int)shaped.Lines.size();
    for (size_t li = 0; li < shaped.Lines.size(); li++) {
        const NativeShapedLine& l = shaped.Lines[li];
        float lx = shaped.RightToLeft ? width - l.Width : 0.0f;
        int base = asc + line_h * (int)li;
        for (const NativeShapedGlyph& sg : l.Glyphs) {
            float gx = lx + sg.X;
            int ix = (int)floorf(gx);
            int sub = (int)((gx - ix) * 4.0f) & 3;
            const CachedGlyph* g = DrawGlyph(r, sg.Font, sg.Glyph, px, sub);
            if (!g || g->W == 0 || g->H == 0)
                continue;
            Placed pl{ g, ix + g->Left, base + (int)lroundf(sg.Y) - g->Top };
            x0 = std::min(x0, pl.X);
            y0 = std::min(y0, pl.Y);
            x1 = std::max(x1, pl.X + g->W);
            y1 = std::max(y1, pl.Y + g->H);
            placed.push_back(pl);
        }
    }
    out->Width = x1 - x0;
    out->Height = y1 - y0;
    out->Ascent = (float)(asc - y0);
    const uint8_t cr = color & 0xFF, cg = (color >> 8) & 0xFF, cb = (color >> 16) & 0xFF;
    const size_t pixels = (size_t)out->Width * out->Height;
    out->Rgba.resize(pixels * 4);
    uint8_t* rgba = out->Rgba.data();
    const uint8_t clear[4] = { cr, cg, cb, 0 };
    for (size_t i = 0; i < pixels; i++)
        memcpy(rgba + i * 4, clear, 4);
    const float fr = cr / 255.0f, fg = cg / 255.0f, fb = cb / 255.0f;
    bool mixed = false;  // a colour glyph was drawn: pixels may hold another colour than the run's
    for (const Placed& pl : placed) {
        const CachedGlyph& g = *pl.G;
        mixed |= g.Color;
        for (int y = 0; y < g.H; y++) {
            uint8_t* row = rgba + ((size_t)(pl.Y - y0 + y) * out->Width + (pl.X - x0)) * 4;
            if (!g.Color) {
                const uint8_t* cov = &g.Pixels[(size_t)y * g.W];
                for (int x = 0; x < g.W; x++) {
                    unsigned c = cov[x];
                    if (!c)
                        continue;
                    uint8_t* d = row + x * 4;
                    if (!mixed || (d[0] == cr && d[1] == cg && d[2] == cb)) {
                        d[3] = (uint8_t)(c + (d[3] * (255 - c) + 127) / 255);  // same colour: only the coverage adds up
                    } else {
                        float a = c / 255.0f;
                        Over(d, fr * a, fg * a, fb * a, a);
                    }
                }
            } else {
                const uint8_t* q = &g.Pixels[(size_t)y * g.W * 4];
                for (int x = 0; x < g.W; x++, q += 4)
                    if (q[3])
                        Over(row + x * 4, q[0] / 255.0f, q[1] / 255.0f, q[2] / 255.0f, q[3] / 255.0f);
            }
        }
    }
    return RunResult_Ready;
}

int RasteriseCb(const char* s, size_t n, float px, uint32_t color, int flags, float wrap_px, RunBitmap* out, void* user)
{
    return RasteriseImpl((Rasteriser*)user, s, n, px, color, flags, wrap_px, out);
}

int CountMissingCb(const char* s, size_t n, void* user)
{
    Rasteriser* r = (Rasteriser*)user;
    Para p;
    Decode(s, n, &p.Cps);
    PickFonts(r, &p);
    return p.Missing;
}

} // namespace

std::vector<std::string> NativeTextFontDirs()
{
    std::vector<std::string> d;
    if (const char* env = getenv("CHRONOSCOPE_FONT_DIR"))
        d.push_back(env);
    for (const char* s : { "/usr/share/fonts/truetype/noto", "/usr/share/fonts/opentype/noto", "/usr/local/share/fonts" })
        d.push_back(s);
    return d;
}

TextRasteriser NativeTextRasteriserCreate(const char* const* dirs)
{
    TextRasteriser t;
    auto* r = new Rasteriser();
    if (FT_Init_FreeType(&r->Ft) != 0) {
        delete r;
        return t;
    }
    for (int i = 0; dirs && dirs[i]; i++)
        r->Dirs.push_back(dirs[i]);
    BuildChain(r);
    r->BmpFamily.assign(0x10000, -2);
    r->Buf = hb_buffer_create();
    t.Rasterise = RasteriseCb;
    t.CountMissing = CountMissingCb;
    t.User = r;
    return t;
}

void NativeTextRasteriserDestroy(TextRasteriser* t)
{
    Rasteriser* r = (Rasteriser*)t->User;
    if (r) {
        for (FontSlot& s : r->Slots) {
            if (s.Hb)
                hb_font_destroy(s.Hb);
            if (s.Face)
                FT_Done_Face(s.Face);
        }
        hb_buffer_destroy(r->Buf);
        FT_Done_FreeType(r->Ft);
        delete r;
    }
    *t = TextRasteriser();
}

bool NativeTextShape(const TextRasteriser& t, const char* s, size_t n, float px, int flags, float wrap_px,
                     NativeShapedText* out)
{
    Rasteriser* r = (Rasteriser*)t.User;
    if (!r || !OpenSlot(r, 0))
        return false;
    Para p;
    return Shape(r, s, n, px, flags, wrap_px, &p, out);
}

std::vector<std::string> NativeTextFontNames(const TextRasteriser& t)
{
    std::vector<std::string> names;
    Rasteriser* r = (Rasteriser*)t.User;
    if (!r)
        return names;
    for (const FontSlot& s : r->Slots)
        names.push_back(s.Face ? s.Path + (s.Index ? "#" + std::to_string(s.Index) : std::string()) : std::string());
    return names;
}

} // namespace chronoscope
