// chronoscope-text: the native text rasteriser (platform/text_native.h) from the command line, for tests and
// measurements.
//
//   chronoscope-text missing FILE...       per file, "FILE: N characters no font has" (and each such character),
//                                          over all the text the app draws: titles, texts, groups, eras
//   chronoscope-text widths PX [bold]      one JSON object per line of standard input:
//                                          {"text", "width" (shaped advance, px), "missing", "rtl", "fonts"}
//   chronoscope-text time PX [WRAP]        microseconds per Rasterise of each line of standard input (a cold
//                                          call, then the mean of warm ones) and the bitmaps' bytes
//   chronoscope-text png PX OUT.png [WRAP]  the runs of each line of standard input, drawn in dark blue over a
//                                          light background one below the other, to look at
//   The fonts are found as the app finds them ($CHRONOSCOPE_FONT_DIR, then Debian's folders).
#include "platform/text_native.h"
#include "platform/png_write.h"

#include "core/load.h"
#include "core/model.h"
#include "core/utf8.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <set>
#include <string>

using namespace chronoscope;

static std::string JsonString(const std::string& s)
{
    std::string o = "\"";
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            o += '\\';
            o += (char)c;
        } else if (c < 0x20) {
            char b[8];
            snprintf(b, sizeof b, "\\u%04x", c);
            o += b;
        } else {
            o += (char)c;
        }
    }
    return o + "\"";
}

static int Missing(const TextRasteriser& r, int argc, char** argv)
{
    int status = 0;
    for (int a = 0; a < argc; a++) {
        Timeline tl;
        LoadResult res;
        if (!LoadTimelineFile(argv[a], LoadOptions(), &tl, &res)) {
            for (const Diagnostic& d : res.Diagnostics)
                fprintf(stderr, "%s\n", FormatDiagnostic(argv[a], d).c_str());
            status = 1;
            continue;
        }
        int missing = 0;
        std::set<uint32_t> which;
        auto scan = [&](const char* s, size_t n) {
            int m = r.CountMissing(s, n, r.User);
            if (m == 0)
                return;
            missing += m;
            size_t i = 0;  // which characters: each one alone
            while (i < n) {
                size_t at = i;
                uint32_t cp = Utf8Decode(s, n, &i);
                if (r.CountMissing(s + at, i - at, r.User) > 0)
                    which.insert(cp);
            }
        };
        const std::string& pool = tl.Strings.Bytes;
        for (size_t i = 0; i < pool.size();) {
            size_t e = pool.find('\0', i);
            if (e == std::string::npos)
                e = pool.size();
            if (e > i)
                scan(pool.data() + i, e - i);
            i = e + 1;
        }
        scan(tl.Title.data(), tl.Title.size());
        scan(tl.Description.data(), tl.Description.size());
        for (const Group& g : tl.Groups)
            scan(g.Label.data(), g.Label.size());
        for (const Era& e : tl.Eras)
            scan(e.Label.data(), e.Label.size());
        printf("%s: %d characters no font has\n", argv[a], missing);
        for (uint32_t cp : which) {
            std::string ch;
            Utf8Append(&ch, cp);
            printf("  U+%04X %s\n", cp, ch.c_str());
        }
    }
    return status;
}

static int Widths(const TextRasteriser& r, float px, int flags)
{
    std::vector<std::string> names = NativeTextFontNames(r);
    std::string line;
    while (std::getline(std::cin, line)) {
        NativeShapedText t;
        if (!NativeTextShape(r, line.data(), line.size(), px, flags, 0.0f, &t))
            return 1;
        std::set<int> fonts;
        for (const NativeShapedGlyph& g : t.Lines[0].Glyphs)
            fonts.insert(g.Font);
        names = NativeTextFontNames(r);
        std::string f;
        for (int i : fonts)
            f += (f.empty() ? "" : ",") + JsonString(names[i]);
        printf("{\"text\": %s, \"width\": %.3f, \"missing\": %d, \"rtl\": %s, \"fonts\": [%s]}\n",
               JsonString(line).c_str(), t.Lines[0].Width, t.Missing, t.RightToLeft ? "true" : "false", f.c_str());
    }
    return 0;
}

static int Time(const TextRasteriser& r, float px, float wrap)
{
    using clock = std::chrono::steady_clock;
    std::string line;
    while (std::getline(std::cin, line)) {
        RunBitmap bm;
        auto t0 = clock::now();
        r.Rasterise(line.data(), line.size(), px, 0xFFFFFFFF, 0, wrap, &bm, r.User);
        double cold = std::chrono::duration<double, std::micro>(clock::now() - t0).count();
        const int n = 200;
        t0 = clock::now();
        for (int i = 0; i < n; i++)
            r.Rasterise(line.data(), line.size(), px, 0xFFFFFFFF, 0, wrap, &bm, r.User);
        double warm = std::chrono::duration<double, std::micro>(clock::now() - t0).count() / n;
        printf("%8.1f us cold %8.1f us warm  %4dx%-3d %7zu bytes  %zu chars  %s\n", cold, warm, bm.Width, bm.Height,
               bm.Rgba.size(), Utf8CountChars(line.data(), line.size()),
               line.size() > 40 ? (line.substr(0, 40) + "...").c_str() : line.c_str());
    }
    return 0;
}

static int Png(const TextRasteriser& r, float px, const char* path, float wrap)
{
    std::vector<RunBitmap> runs;
    std::string line;
    int w = 0, h = 0;
    const int gap = 6;
    while (std::getline(std::cin, line)) {
        RunBitmap bm;
        if (r.Rasterise(line.data(), line.size(), px, 0xFF802010, 0, wrap, &bm, r.User) != RunResult_Ready)
            return 1;
        w = std::max(w, bm.Width + 2 * gap);
        h += bm.Height + gap;
        runs.push_back(std::move(bm));
    }
    h += gap;
    std::vector<uint8_t> rgb((size_t)w * h * 3, 0xF4);
    int y0 = gap;
    for (const RunBitmap& bm : runs) {
        int x0 = bm.RightToLeft ? w - gap - bm.Width : gap;  // right-to-left runs against the right edge
        for (int y = 0; y < bm.Height; y++)
            for (int x = 0; x < bm.Width; x++) {
                const uint8_t* s = &bm.Rgba[((size_t)y * bm.Width + x) * 4];
                uint8_t* d = &rgb[((size_t)(y0 + y) * w + x0 + x) * 3];
                for (int c = 0; c < 3; c++)
                    d[c] = (uint8_t)((s[c] * s[3] + d[c] * (255 - s[3]) + 127) / 255);
            }
        y0 += bm.Height + gap;
    }
    return WritePngRgb(path, rgb.data(), w, h) ? 0 : 1;
}

int main(int argc, char** argv)
{
    if (argc < 3 || (strcmp(argv[1], "missing") && strcmp(argv[1], "widths") && strcmp(argv[1], "time") &&
                      strcmp(argv[1], "png"))) {
        fprintf(stderr, "usage: chronoscope-text missing FILE... | widths PX [bold] | time PX [WRAP] | png PX OUT [WRAP]\n");
        return 2;
    }
    std::vector<std::string> dirs = NativeTextFontDirs();
    std::vector<const char*> d;
    for (const std::string& s : dirs)
        d.push_back(s.c_str());
    d.push_back(nullptr);
    TextRasteriser r = NativeTextRasteriserCreate(d.data());
    int status = 2;
    if (!strcmp(argv[1], "missing"))
        status = Missing(r, argc - 2, argv + 2);
    else if (!strcmp(argv[1], "widths"))
        status = Widths(r, (float)atof(argv[2]), argc > 3 && !strcmp(argv[3], "bold") ? RunFlags_Bold : 0);
    else if (!strcmp(argv[1], "png") && argc > 3)
        status = Png(r, (float)atof(argv[2]), argv[3], argc > 4 ? (float)atof(argv[4]) : 0.0f);
    else
        status = Time(r, (float)atof(argv[2]), argc > 3 ? (float)atof(argv[3]) : 0.0f);
    NativeTextRasteriserDestroy(&r);
    return status;
}
