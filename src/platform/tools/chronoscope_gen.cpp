// chronoscope-gen: writes a seeded, generated data set in Chronoscope's JSON format, or as JSON Lines.
//   chronoscope-gen N OUT.json [--seed S] [--jsonl] [--groups G] [--ranges PERCENT] [--bursts PERCENT]
// The same seed and count always give the same bytes (the demo's 100k story and the benchmarks use it). The data is
// written as it is made, a megabyte at a time, so 100 million events need no memory to speak of. --jsonl (or an
// OUT ending in .jsonl) writes JSON Lines, the packer's input for sizes a JSON array is awkward at
// (chronoscope pack); --groups, --ranges (events that are ranges) and --bursts (events in bursts of activity rather
// than uniformly spread) vary the data's shape.
#include "core/generate.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

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
                "[--bursts PERCENT]\n");
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
