// Chronoscope core: loading a timeline from JSON, with exact error positions.
//
// LoadTimeline reads Chronoscope's own format (README "The JSON format") and detects two others by their
// shape: TimelineJS3 (events with "start_date", "text": {"headline"}, "eras", "scale") and vis-timeline
// ({"items", "groups"} or a bare array of items with "content"). TimelineJS3's Google Sheets template exported
// as CSV is read too (its header row tells it: Year, Month, Day, ..., Headline, Text, ...), with the same errors
// at the same kind of place: the cell's LINE:COL.
//
// It never throws, never asserts on input and never aborts (the bytes are read by json_read.h, a strict
// streaming reader without recursion). Every problem is a Diagnostic at the offending value:
//
//     story.json:12:17: error: month 13 out of range 1..12
//
// Lines and columns are 1-based; columns count UTF-8 characters. All errors are reported up to
// LoadOptions::MaxDiagnostics. Recoverable problems are warnings (an unknown color, an unknown key...).
// A message quotes a value it is about with QuoteExcerpt (core/quote.h), so it stays one short line:
// `unknown group "AAAA…" (300,000 characters)`.
// Input larger than LoadOptions::MaxBytes (kMaxInputBytes unless a caller sets less) is refused with
// TooBigMessage: up front when its size is known, else as soon as it passes the limit (the rest is not read).
//
// The loaded events are sorted by start (stable: equal starts keep file order).
//
// The loader's parts are in src/core/load/ (load_internal.h says how a load runs). ParseColor (core/color.h) and
// PlainTextFromHtml (core/html_text.h), which the importers use, come with this header.
#pragma once

#include "core/color.h"
#include "core/html_text.h"
#include "core/model.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace chronoscope {

enum Severity : uint8_t { Severity_Error = 0, Severity_Warning };

struct Diagnostic {
    Severity    Sev = Severity_Error;
    int         Line = 0;       // 1-based; 0 when the problem is not at a place in the text
    int         Column = 0;     // 1-based, in UTF-8 characters
    std::string Message;
};

enum SourceFormat : uint8_t {
    SourceFormat_Chronoscope = 0,
    SourceFormat_TimelineJS3,
    SourceFormat_VisTimeline,
    SourceFormat_TimelineJS3Sheet,  // TimelineJS3's spreadsheet template as CSV
};

// The largest input the product loads: 1 GiB (the web engine's heap must hold it and the timeline).
static const size_t kMaxInputBytes = (size_t)1 << 30;

// Why an input of `bytes` is refused: "the file is 1500.0 MB, more than the limit of 1073.7 MB" (MB of 10^6 bytes).
std::string TooBigMessage(uint64_t bytes, size_t limit = kMaxInputBytes);

struct LoadOptions {
    size_t MaxBytes = kMaxInputBytes;
    int    MaxDiagnostics = 50;
    // Called while reading, every ProgressEvery events: bytes of the input read so far and events read.
    // (The web build posts it from its parsing worker to the page.)
    void (*Progress)(void* user, size_t bytes_read, size_t events_read) = nullptr;
    void*  ProgressUser = nullptr;
    size_t ProgressEvery = 16384;
    // When it becomes true (another thread may set it), the load stops at its next progress point and fails
    // with "the load was cancelled". A load that reads a stream (LoadTimelineFile) also looks at it at least
    // every 100 ms while it waits for data.
    const std::atomic<bool>* Cancel = nullptr;
    // A named FIFO that no program has open for writing: how long LoadTimelineFile waits for one before it
    // fails with "nothing opened the FIFO for writing within 5 s". Negative: as long as it takes (until
    // Cancel). A writer that opened it and is slow to write is waited for without limit, as by `cat`.
    int    WaitForWriterMs = 5000;
    // Read the input as CSV (TimelineJS3's spreadsheet template) whatever its first line says. Without it CSV is
    // told from JSON by the first line: a header row with a "Year" cell. LoadTimelineFile sets it for a file
    // whose name ends in ".csv".
    bool   Csv = false;
    // Read the input as JSON Lines, as `chronoscope pack` reads a .jsonl file: one JSON value per line; the first
    // line may hold the timeline's other fields ({"title": ..., "groups": [...]}, without events), and every other
    // line is one event. Errors keep their LINE:COL in the file. LoadTimelineFile sets it for a file whose name
    // ends in ".jsonl".
    bool   JsonLines = false;
    // Called for each event as it is read (in the input's order, before the events are sorted; its group not yet
    // resolved), with the text of its JSON object as written (null for a CSV row): the packer (core/pack.h) keeps
    // it beside the event.
    void (*EventText)(void* user, const Event& ev, const char* text, size_t len) = nullptr;
    void*  EventTextUser = nullptr;
    // When set, the story's ids are put here as written instead of being resolved against the events (the packer
    // resolves them once every event of a large input is known).
    std::vector<std::string>* StoryIds = nullptr;
    // The events stay in the input's order instead of being sorted by start (the packer sorts them itself; a story
    // then indexes that order).
    bool   KeepOrder = false;
};

struct LoadResult {
    std::vector<Diagnostic> Diagnostics;   // in order of position, errors and warnings
    int          Errors = 0;               // counted even past MaxDiagnostics
    int          Warnings = 0;
    SourceFormat Format = SourceFormat_Chronoscope;
};

// On success fills *out (replacing it) and returns true; warnings may still be present. On failure returns
// false and leaves *out in an unspecified but valid state: load into a fresh Timeline and swap it in.
bool LoadTimeline(const char* data, size_t size, const LoadOptions& opt, Timeline* out, LoadResult* res);
// The same from a file (load/file.cpp). A regular file is read whole, its size checked before it is read. Any
// other readable file (a FIFO, a pipe such as /dev/stdin or bash's <(command), a character device) is a stream:
// read as its bytes come, fed to the loader meanwhile (input that cannot load stops the read at once), never
// blocking for more than 100 ms at a time (see LoadOptions::Cancel and WaitForWriterMs). A directory, a socket or
// a file that cannot be opened fails with one diagnostic without a place ("is a directory", "cannot open: ...").
bool LoadTimelineFile(const char* path, const LoadOptions& opt, Timeline* out, LoadResult* res);
// The same from an open descriptor, e.g. 0 for standard input (any kind, a socket too), read from where it stands;
// it stays open.
bool LoadTimelineFd(int fd, const LoadOptions& opt, Timeline* out, LoadResult* res);
// What a file's name says of its kind: ".csv" sets opt->Csv, ".jsonl" opt->JsonLines (any case; other names change
// nothing). LoadTimelineFile applies it; a host that loads bytes under a name (a download) does too.
void LoadOptionsForName(const char* name, LoadOptions* opt);

// Loading while the bytes arrive (a download into a buffer of `capacity` bytes, e.g. the size the server
// announced; data may be null with capacity 0 when it is unknown). LoadFeed reads on as far as the first
// `available` bytes allow and returns false once the input cannot load (a syntax error, a cancel: stop
// downloading; LoadFinish then reports it). When the buffer grows and moves, LoadRebase says where the same
// bytes are now. LoadFinish reads the rest, ends like LoadTimeline, and frees the stream; LoadAbandon frees it
// without a result. LoadTimeline(data, size) is LoadFinish(LoadBegin(data, size), size).
struct LoadStream;
LoadStream* LoadBegin(const char* data, size_t capacity, const LoadOptions& opt, Timeline* out, LoadResult* res);
bool        LoadFeed(LoadStream* s, size_t available);
bool        LoadRebase(LoadStream* s, const char* data, size_t capacity);
bool        LoadFinish(LoadStream* s, size_t size);
void        LoadAbandon(LoadStream* s);

// Only checks that the bytes are JSON (RFC 8259). On failure fills *err with the syntax error's place.
bool CheckJsonSyntax(const char* data, size_t size, Diagnostic* err);

// "FILE:LINE:COL: error: message" (or "FILE: error: message" when there is no place).
std::string FormatDiagnostic(const char* file, const Diagnostic& d);

} // namespace chronoscope
