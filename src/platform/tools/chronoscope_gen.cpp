// chronoscope-gen: writes a seeded, generated data set in Chronoscope's JSON format.
//   chronoscope-gen N OUT.json [--seed S]
// The same seed and count always give the same bytes (the demo's 100k story and the benchmarks use it).
#include "core/generate.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

int main(int argc, char** argv)
{
    if (argc < 3 || !strcmp(argv[1], "--help")) {
        fprintf(argc < 3 ? stderr : stdout, "usage: chronoscope-gen N OUT.json [--seed S]\n");
        return argc < 3 ? 2 : 0;
    }
    chronoscope::GenerateParams gp;
    long long n = atoll(argv[1]);
    if (n <= 0) {
        fprintf(stderr, "chronoscope-gen: error: N must be > 0\n");
        return 2;
    }
    gp.Count = (size_t)n;
    for (int i = 3; i + 1 < argc; i += 2)
        if (!strcmp(argv[i], "--seed"))
            gp.Seed = strtoull(argv[i + 1], nullptr, 10);
    std::string json;
    chronoscope::GenerateTimelineJson(gp, &json);
    FILE* f = fopen(argv[2], "wb");
    if (!f || fwrite(json.data(), 1, json.size(), f) != json.size()) {
        fprintf(stderr, "chronoscope-gen: error: cannot write %s\n", argv[2]);
        if (f)
            fclose(f);
        return 1;
    }
    fclose(f);
    printf("%s: %lld events, %zu bytes\n", argv[2], n, json.size());
    return 0;
}
