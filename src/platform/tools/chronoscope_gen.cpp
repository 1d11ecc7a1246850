// chronoscope-gen: writes a seeded, generated data set in Chronoscope's JSON format, or as JSON Lines.
//   chronoscope-gen N OUT.json [--seed S] [--jsonl] [--groups G] [--ranges PERCENT] [--bursts PERCENT]
//                              [--titles short|long|mixed] [--scripts LIST]
// The same seed and count always give the same bytes (the demo's 100k story and the benchmarks use it). The data is
// written as it is made, a megabyte at a time, so 100 million events need no memory to speak of. --jsonl (or an
// OUT ending in .jsonl) writes JSON Lines, the packer's input for sizes a JSON array is awkward at
// (chronoscope pack); --groups, --ranges (events that are ranges) and --bursts (events in bursts of activity rather
// than uniformly spread) vary the data's shape; --titles (length) and --scripts (latin, cjk, arabic, hebrew,
// devanagari, cyrillic, emoji, hangul, comma separated, or mixed: all of them) vary its titles.
#include "core/generate.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

// "cjk,arabic" -> flags; 0 on an unknown name
uint32_t ParseScripts(const char* list)
{
    static const struct { const char* Name; uint32_t Flag; } kNames[] = {
        { "latin", chronoscope::GenScript_Latin },       { "cjk", chronoscope::GenScript_Cjk },
        { "arabic", chronoscope::GenScript_Arabic },     { "hebrew", chronoscope::GenScript_Hebrew },
        { "devanagari", chronoscope::GenScript_Devanagari }, { "cyrillic", chronoscope::GenScript_Cyrillic },
        { "emoji", chronoscope::GenScript_Emoji },       { "hangul", chronoscope::GenScript_Hangul },
        { "mixed", chronoscope::GenScript_All },
    };
    uint32_t flags = 0;
    std::string s(list);
    size_t a = 0;
    while (a <= s.size()) {
        size_t b = s.find(',', a);
        if (b == std::string::npos)
            b = s.size();
        const std::string name = s.substr(a, b - a);
        uint32_t f = 0;
        for (const auto& n : kNames)
            if (name == n.Name)
                f = n.Flag;
        if (!f)
            return 0;
        flags |= f;
        a = b + 1;
    }
    return flags;
}

struct Out {
    FILE*  F;
    size_t Bytes = 0;
    bool   Ok = true;
};

void Write(void* user, const char* data, size_t n)
{
    Out* o = (Out*)user;
    if (o->Ok && fwrite(data, 1, n, o->F) != n)
        o->Ok = false;
    o->Bytes += n;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 3 || !strcmp(argv[1], "--help")) {
        fprintf(argc < 3 ? stderr : stdout,
                "usage: chronoscope-gen N OUT.json [--seed S] [--jsonl] [--groups G] [--ranges PERCENT] "
                "[--bursts PERCENT] [--titles short|long|mixed]\n"
                "       [--scripts latin,cjk,arabic,hebrew,devanagari,cyrillic,emoji,hangul|mixed]\n");
        return argc < 3 ? 2 : 0;
    }
    chronoscope::GenerateParams gp;
    long long n = atoll(argv[1]);
    if (n <= 0) {
        fprintf(stderr, "chronoscope-gen: error: N must be > 0\n");
        return 2;
    }
    gp.Count = (size_t)n;
    size_t len = strlen(argv[2]);
    bool jsonl = len > 6 && !strcmp(argv[2] + len - 6, ".jsonl");
    for (int i = 3; i < argc; i++) {
        const char* a = argv[i];
        bool has = i + 1 < argc;
        if (!strcmp(a, "--jsonl")) {
            jsonl = true;
        } else if (!strcmp(a, "--seed") && has) {
            gp.Seed = strtoull(argv[++i], nullptr, 10);
        } else if (!strcmp(a, "--groups") && has) {
            gp.Groups = atoi(argv[++i]);
        } else if ((!strcmp(a, "--ranges") || !strcmp(a, "--bursts")) && has) {
            int v = atoi(argv[++i]);
            if (v < 0 || v > 100) {
                fprintf(stderr, "chronoscope-gen: error: %s wants a percentage 0..100\n", a);
                return 2;
            }
            (!strcmp(a, "--ranges") ? gp.RangePercent : gp.BurstPercent) = v;
        } else if (!strcmp(a, "--titles") && has) {
            const char* v = argv[++i];
            if (!strcmp(v, "short"))
                gp.TitleLength = chronoscope::GenTitle_Short;
            else if (!strcmp(v, "long"))
                gp.TitleLength = chronoscope::GenTitle_Long;
            else if (!strcmp(v, "mixed"))
                gp.TitleLength = chronoscope::GenTitle_Mixed;
            else {
                fprintf(stderr, "chronoscope-gen: error: --titles wants short, long or mixed\n");
                return 2;
            }
        } else if (!strcmp(a, "--scripts") && has) {
            gp.TitleScripts = ParseScripts(argv[++i]);
            if (!gp.TitleScripts) {
                fprintf(stderr, "chronoscope-gen: error: --scripts wants names from latin, cjk, arabic, hebrew, "
                                "devanagari, cyrillic, emoji, hangul (comma separated) or mixed\n");
                return 2;
            }
        } else {
            fprintf(stderr, "chronoscope-gen: error: unknown option %s (see --help)\n", a);
            return 2;
        }
    }
    Out out;
    out.F = fopen(argv[2], "wb");
    if (!out.F) {
        fprintf(stderr, "chronoscope-gen: error: cannot write %s\n", argv[2]);
        return 1;
    }
    static char buf[1 << 20];
    setvbuf(out.F, buf, _IOFBF, sizeof(buf));
    chronoscope::GenerateTimeline(gp, jsonl, Write, &out);
    if (fclose(out.F) != 0 || !out.Ok) {
        fprintf(stderr, "chronoscope-gen: error: cannot write %s\n", argv[2]);
        return 1;
    }
    printf("%s: %lld events, %zu bytes\n", argv[2], n, out.Bytes);
    return 0;
}
