// Chronoscope core: a generator of large, realistic-looking timeline data sets.
//
// GenerateTimelineJson writes a complete document in Chronoscope's JSON format (README, "The JSON
// format"): a title ("Generated: 1,000,000 events"), a description, `Groups` groups with ids
// "g0", "g1", ... and colours, 3-5 eras, and `Count` events between the years 1500 and 2025. It is
// meant for benchmarks, stress tests and demos of level of detail, so the data looks like a real
// history rather than noise:
//
// - density varies: most events are spread evenly over the span, the rest fall into bursts
//   (clusters from weeks to years wide) placed by the seed;
// - dates come at mixed precisions, as people know them: about 50% "YYYY-MM-DD", 30%
//   "YYYY-MM-DDTHH:MM:SSZ", 15% "YYYY-MM", 5% "YYYY";
// - about 30% are ranges ("end", 1 hour to 5 years long, written at the precision of "start" and
//   always strictly after it), 5% are milestones, 20% have a one-sentence "text", 10% have "tags";
// - titles are 2-6 words (about 25 characters) from word lists; about 3% use Hangul words, so
//   font building and text layout see non-Latin text (TitleScripts and TitleLength ask for titles of
//   other scripts, mixed, and longer).
//
// Every event has an id "e<index>" (unique). Events are written in index order, which is not the
// order of their start dates.
//
// Deterministic: the same Seed, Count and Groups give the same bytes on every platform and standard
// library (an own splitmix64 generator, integer arithmetic only, no <random> distributions, no
// locale). Fast: about 150 bytes per event, built with plain string appends (1,000,000 events in
// well under two seconds at -O2).
//
//     chronoscope::GenerateParams p;
//     p.Seed = 42; p.Count = 1000000;
//     std::string json;
//     chronoscope::GenerateTimelineJson(p, &json);   // then load it like any file
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace chronoscope {

// Scripts of titles (GenerateParams::TitleScripts): bit flags.
enum GenScript : uint32_t {
    GenScript_Latin = 1 << 0,
    GenScript_Cjk = 1 << 1,          // Han characters and katakana
    GenScript_Arabic = 1 << 2,       // right to left, joined letters
    GenScript_Hebrew = 1 << 3,       // right to left
    GenScript_Devanagari = 1 << 4,   // vowel signs, conjuncts
    GenScript_Cyrillic = 1 << 5,
    GenScript_Emoji = 1 << 6,
    GenScript_Hangul = 1 << 7,
    GenScript_All = (1 << 8) - 1,
};
enum GenTitleLength { GenTitle_Short, GenTitle_Long, GenTitle_Mixed };

struct GenerateParams {
    uint64_t Seed = 1;
    size_t   Count = 100000;   // number of events
    int      Groups = 6;       // lanes of the data set (values below 1 are treated as 1)
    int      RangePercent = 30;   // events that are ranges (the rest points)
    int      BurstPercent = 40;   // events that start in a burst (the rest uniformly over the span)
    // Titles: 0 and GenTitle_Short: the English titles above (about 3% Hangul). Else each title's words are of
    // the scripts flagged (GenScript_*; 0: Latin), made from code points or small word lists of the generator's
    // own: short 2-6 words, long 12-30 (about 80-250 characters), mixed a third long.
    uint32_t TitleScripts = 0;
    int      TitleLength = GenTitle_Short;
};

// Appends nothing else: *out is replaced by a complete JSON document.
void GenerateTimelineJson(const GenerateParams& p, std::string* out);
// The same data, handed to `write` a piece (about 1 MB) at a time, so that 100 million events need no 15 GB string:
// the JSON document, or (jsonl) JSON Lines: the title, description, groups and eras on the first line, then one
// event a line.
void GenerateTimeline(const GenerateParams& p, bool jsonl, void (*write)(void* user, const char* data, size_t n),
                      void* user);

} // namespace chronoscope
