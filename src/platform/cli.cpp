// Chronoscope platform (native): the command line (see cli.h).
#if !defined(__EMSCRIPTEN__)
#include "platform/cli.h"

#include "app/app.h"
#include "core/date_text.h"
#include "core/load.h"
#include "core/pack.h"
#include "core/validate.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace chronoscope {

// A printf format: its one conversion is how long --validate waits for a FIFO's writer.
static const char* kHelp =
    "Chronoscope: a zoomable history timeline.\n"
    "\n"
    "Usage:\n"
    "  chronoscope FILE.json [options]     open FILE in a window; it reloads when the file changes (the old\n"
    "                                      data stays usable while a big file is re-read)\n"
    "  chronoscope --validate FILE...      check files: errors as FILE:LINE:COL: error: message (exit 1),\n"
    "                                      or one line per good file (exit 0):\n"
    "                                      FILE: N events, M milestones, E eras, G groups, span START .. END\n"
    "  chronoscope pack IN OUT_DIR/ [--leaf-events N] [--memory MB] [--cover-fanout N] [--cached-io]\n"
    "                                      pack IN (JSON, JSON Lines .jsonl, or an importer's format) into tiles\n"
    "                                      in OUT_DIR for any static web server: a manifest.json, tiles, text\n"
    "                                      pages and search shards (memory stays near --memory, default 1024;\n"
    "                                      the covers' tree has --cover-fanout children a node, 2..256, default 4;\n"
    "                                      a .jsonl input and temporary files bypass the page cache unless\n"
    "                                      --cached-io)\n"
    "  chronoscope --help                  this text\n"
    "\n"
    "FILE may be - (standard input), a FIFO or a pipe such as <(command): it is read as its data comes, up to\n"
    "the same size limit as a file, and once (a window does not reload it). --validate gives up on a FIFO that\n"
    "no program opens for writing within %g s; a window waits for one until it is closed.\n"
    "\n"
    "Options for the window:\n"
    "  --screenshot OUT.png   render one frame to OUT.png and exit (for tests and README images)\n"
    "  --size WxH             window size in pixels (default 1280x720)\n"
    "  --window START END     the visible time window; dates as in the JSON format: 2020-08-21,\n"
    "                         2020-08-21T09:30, -4500000000-06-01, or a number of years like -13.8e9\n"
    "  --select ID            select the event with this id (its details panel opens)\n"
    "  --theme light|dark     colour theme (default light)\n"
    "  --scale linear|log     the time axis: linear (default), or log: time before present, from 13.8 Ga to\n"
    "                         seconds ago on one axis (the L key switches it)\n"
    "  --rtl                  right to left: later events to the left, the bar and details panel mirrored\n"
    "                         (for Arabic, Hebrew and Persian readers)\n"
    "  --locale TAG           the dates' language and style: ko, ja, zh, de, fr, es, ru, ar, hi, ... (CLDR data\n"
    "                         from ICU; default: the environment's LC_ALL, LC_TIME or LANG; C or en: English)\n"
    "  --time-zone ZONE       show times in UTC, local (this system's zone) or an IANA zone (Asia/Seoul);\n"
    "                         default: each time at the offset it was written with (13:00 +09:00)\n"
    "\n"
    "Environment: CHRONOSCOPE_FONT_DIR overrides where the UI fonts are looked up.\n";

static int RunValidate(int argc, char** argv, int first)
{
    int failed = 0;
    if (first >= argc) {
        fprintf(stderr, "chronoscope: error: --validate needs at least one FILE\n");
        return 2;
    }
    for (int i = first; i < argc; i++) {
        Timeline tl;
        LoadOptions opt;
        LoadResult res;
        bool ok = AppReadTimeline(argv[i], opt, &tl, &res);
        for (const Diagnostic& d : res.Diagnostics)
            fprintf(stderr, "%s\n", FormatDiagnostic(argv[i], d).c_str());
        if (ok)
            printf("%s\n", ValidateSummary(argv[i], tl).c_str());
        else
            failed++;
    }
    return failed ? 1 : 0;
}

static void PackProgress(void*, const char* stage, uint64_t done, uint64_t total)
{
    if (total)
        fprintf(stderr, "\r%s: %llu of %llu events   ", stage, (unsigned long long)done, (unsigned long long)total);
    else
        fprintf(stderr, "\r%s: %llu events   ", stage, (unsigned long long)done);
}

// chronoscope pack IN OUT_DIR/ [--leaf-events N] [--memory MB] [--cover-fanout N] [--cached-io] [--quiet]
static int RunPack(int argc, char** argv)
{
    const char* in = nullptr;
    const char* out = nullptr;
    PackOptions opt;
    bool quiet = false;
    for (int i = 2; i < argc; i++) {
        const char* a = argv[i];
        if ((!strcmp(a, "--leaf-events") || !strcmp(a, "--memory")) && i + 1 < argc) {
            long long v = atoll(argv[++i]);
            if (v <= 0 || (!strcmp(a, "--leaf-events") && v > 1000000)) {
                fprintf(stderr, "chronoscope: error: %s wants a positive number\n", a);
                return 2;
            }
            if (!strcmp(a, "--memory"))
                opt.MemoryBytes = (size_t)v << 20;
            else
                opt.LeafEvents = (uint32_t)v;
        } else if (!strcmp(a, "--cover-fanout") && i + 1 < argc) {
            long long v = atoll(argv[++i]);
            if (v < 2 || v > 256) {
                fprintf(stderr, "chronoscope: error: --cover-fanout wants a number from 2 to 256\n");
                return 2;
            }
            opt.CoverFanout = (uint32_t)v;
        } else if (!strcmp(a, "--quiet")) {
            quiet = true;
        } else if (!strcmp(a, "--cached-io")) {
            opt.DirectIo = false;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "chronoscope: error: pack: unknown option %s (see --help)\n", a);
            return 2;
        } else if (!in) {
            in = a;
        } else if (!out) {
            out = a;
        } else {
            fprintf(stderr, "chronoscope: error: pack takes IN and OUT_DIR (see --help)\n");
            return 2;
        }
    }
    if (!in || !out) {
        fprintf(stderr, "chronoscope: error: pack takes IN and OUT_DIR (see --help)\n");
        return 2;
    }
    bool tty = isatty(2) && !quiet;
    if (tty)
        opt.Progress = PackProgress;
    PackStats st;
    std::string err;
    bool ok = PackTimeline(in, out, opt, &st, &err);
    if (tty)
        fprintf(stderr, "\r\033[K");
    if (!ok) {
        fprintf(stderr, "%s\n", err.c_str());
        return 1;
    }
    uint64_t bytes = st.TileBytes + st.TextBytes + st.ShardBytes;
    printf("%s: %llu events, %llu tiles, %.1f MB (tiles %.1f, text %.1f, search %.1f), %.1f s, %.0f events/s, "
           "peak RSS %.0f MB\n",
           out, (unsigned long long)st.Events, (unsigned long long)(st.Leaves + st.InnerNodes), bytes / 1e6,
           st.TileBytes / 1e6, st.TextBytes / 1e6, st.ShardBytes / 1e6, st.Seconds,
           st.Seconds > 0 ? st.Events / st.Seconds : 0.0, st.PeakBytes / 1048576.0);
    return 0;
}

int CliParse(int argc, char** argv, CliOptions* o)
{
    if (argc >= 2 && !strcmp(argv[1], "pack"))
        return RunPack(argc, argv);
    const char* win_start = nullptr;
    const char* win_end = nullptr;
    for (int i = 1; i < argc; i++) {
        const char* a = argv[i];
        auto missing = [&](int n) {
            if (i + n < argc)
                return false;
            fprintf(stderr, "chronoscope: error: %s needs %d argument%s (see --help)\n", a, n, n > 1 ? "s" : "");
            return true;
        };
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            printf(kHelp, LoadOptions().WaitForWriterMs / 1000.0);
            return 0;
        } else if (!strcmp(a, "--validate")) {
            return RunValidate(argc, argv, i + 1);
        } else if (!strcmp(a, "--screenshot")) {
            if (missing(1)) return 2;
            o->Screenshot = argv[++i];
        } else if (!strcmp(a, "--size")) {
            if (missing(1)) return 2;
            if (sscanf(argv[++i], "%dx%d", &o->Width, &o->Height) != 2 || o->Width < 64 || o->Height < 64 ||
                o->Width > 8192 || o->Height > 8192) {
                fprintf(stderr, "chronoscope: error: --size wants WxH, e.g. 1280x720\n");
                return 2;
            }
        } else if (!strcmp(a, "--window")) {
            if (missing(2)) return 2;
            win_start = argv[++i];
            win_end = argv[++i];
        } else if (!strcmp(a, "--select")) {
            if (missing(1)) return 2;
            o->Select = argv[++i];
        } else if (!strcmp(a, "--theme")) {
            if (missing(1)) return 2;
            const char* t = argv[++i];
            if (strcmp(t, "dark") && strcmp(t, "light")) {
                fprintf(stderr, "chronoscope: error: --theme is light or dark\n");
                return 2;
            }
            o->Dark = !strcmp(t, "dark");
        } else if (!strcmp(a, "--scale")) {
            if (missing(1)) return 2;
            const char* t = argv[++i];
            if (strcmp(t, "linear") && strcmp(t, "log")) {
                fprintf(stderr, "chronoscope: error: --scale is linear or log\n");
                return 2;
            }
            o->Log = !strcmp(t, "log");
        } else if (!strcmp(a, "--rtl")) {
            o->Rtl = true;
        } else if (!strcmp(a, "--locale")) {
            if (missing(1)) return 2;
            o->Locale = argv[++i];
        } else if (!strcmp(a, "--time-zone")) {
            if (missing(1)) return 2;
            o->TimeZone = argv[++i];
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "chronoscope: error: unknown option %s (see --help)\n", a);
            return 2;
        } else if (!o->File) {
            o->File = a;
        } else {
            fprintf(stderr, "chronoscope: error: one FILE at a time (use --validate for several)\n");
            return 2;
        }
    }
    if (win_start) {
        ParsedDate a, b;
        std::string err;
        if (!ParseDateText(win_start, &a, &err) || !ParseDateText(win_end, &b, &err)) {
            fprintf(stderr, "chronoscope: error: --window: %s\n", err.c_str());
            return 2;
        }
        if (!(a.Time < b.Time)) {
            fprintf(stderr, "chronoscope: error: --window: END must be after START\n");
            return 2;
        }
        o->HaveWindow = true;
        o->WindowStart = a.Time;
        o->WindowEnd = b.Time;
    }
    return -1;
}

} // namespace chronoscope
#endif
