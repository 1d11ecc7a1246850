// Chronoscope platform (web): the parsing worker's C functions, Emscripten only.
//
// Big files are parsed off the page's thread: a Web Worker (web/src/worker.js) runs this same module and calls
// cs_parse (or cs_parse_begin/feed/end while a download arrives), which loads, indexes and collects the characters,
// then lays the result out as a snapshot (core/snapshot.h) and describes it in the result table (web_table.h) whose
// arrays the worker transfers to the page. The page adopts them (web_page.cpp). While it reads, the worker calls
// Module.csProgress(bytes, events), the first time after LoadOptions::ProgressEvery events, later at most every
// 50 ms.
#if defined(__EMSCRIPTEN__)
#include "app/app.h"
#include "platform/web_table.h"

#include "core/load.h"
#include "core/snapshot.h"

#include <emscripten.h>

#include <string>
#include <vector>

using namespace chronoscope;

struct ParseState {
    Prepared              Result;
    Snapshot              Snap;
    std::vector<uint32_t> Table;              // the result table (web_table.h, ParseSlot)
    double                LastProgressMs = 0;
    bool                  SentProgress = false;
    LoadStream*           Stream = nullptr;   // a download being read as it arrives
};

// The input size limit in bytes on the web: what one instance can read. Its heap cannot grow past 2 GiB
// (MAXIMUM_MEMORY), and while it reads it holds the JSON, the data read from it and the loader's working memory:
// for the generator's data (chronoscope-gen, ~132 bytes of JSON per event) about 420 bytes per event, 3.2 times the
// file's size, measured in Chromium as the heap each instance grew to: 2M events (264 MB) 851 MB, 3M 1237 MB, 4M
// (529 MB) 1712 MB, or 1927 MB downloaded without a size (the loader then cannot size its vectors ahead); 5.3M
// (701 MB) ran out. The ceiling is thus about 5.1M events, 670 MB; the limit is 512 MiB (4.06M such events),
// below it with room for downloads without a size and for denser data. Data denser still can run out of memory
// below the limit: that ends as "not enough memory", never an abort (web_memory.cpp).
static const size_t kWebMaxInputBytes = (size_t)512 << 20;

static size_t WebMaxInputBytes() { return kWebMaxInputBytes < kMaxInputBytes ? kWebMaxInputBytes : kMaxInputBytes; }

static ParseState* g_parse = nullptr;
static std::string g_layout;
static std::string g_message;   // storage for a string returned to JS

// The first report always goes out, so that even a quick parse shows a count part way; later ones at most every
// 50 ms.
static void ParseProgress(void*, size_t bytes, size_t events)
{
    double now = emscripten_get_now();
    if (g_parse->SentProgress && now - g_parse->LastProgressMs < 50.0)
        return;
    g_parse->SentProgress = true;
    g_parse->LastProgressMs = now;
    // (what the script throws stays in JS: an exception must not unwind through wasm)
    EM_ASM({
        try {
            if (Module["csProgress"]) Module["csProgress"]($0, $1);
        } catch (e) { setTimeout(function() { throw e; }); }
    }, (double)bytes, (double)events);
}

// Fills the result table: the fixed slots, then one entry per snapshot array and one for the character set.
static int ParseResult()
{
    Prepared& r = g_parse->Result;
    SnapshotWrite(r.Data->Tl, r.Data->Index, &g_parse->Snap);
    std::vector<uint32_t>& t = g_parse->Table;
    const Snapshot& s = g_parse->Snap;
    t.assign(kParseFixedSlots, 0);
    Slot(t, ParseSlot::header) = (uint32_t)(uintptr_t)s.Header.data();
    Slot(t, ParseSlot::headerBytes) = (uint32_t)s.Header.size();
    Slot(t, ParseSlot::needsCjk) = r.Chars.NeedsCjk ? 1u : 0u;
    Slot(t, ParseSlot::events) = (uint32_t)r.Data->Tl.Events.size();
    Slot(t, ParseSlot::arrayCount) = (uint32_t)s.Arrays.size() + 1;
    for (const SnapshotArray& a : s.Arrays)
        TablePushArray(&t, (uint32_t)(uintptr_t)a.Data, (uint32_t)a.Size);
    TablePushArray(&t, (uint32_t)(uintptr_t)r.Chars.Seen.data(), (uint32_t)r.Chars.Seen.size());
    return 1;
}

static LoadOptions ParseBegin()
{
    if (g_parse && g_parse->Stream)
        LoadAbandon(g_parse->Stream);
    delete g_parse;
    g_parse = new ParseState();
    g_parse->LastProgressMs = emscripten_get_now();
    LoadOptions opt;
    opt.MaxBytes = WebMaxInputBytes();
    opt.Progress = ParseProgress;
    return opt;
}

extern "C" {

// The layout of the tables in web_table.h as JSON, read once per engine by the scripts:
// {"parse": {slot: index, ...}, "adopt": {slot: index, ...}, "array": {word: index, ..., "stride": words}}.
EMSCRIPTEN_KEEPALIVE const char* cs_table_layout()
{
    if (g_layout.empty()) {
        std::string j;
        uint32_t i = 0;
        auto open = [&](const char* table) { j += j.empty() ? "{\"" : "},\""; j += table; j += "\":{"; i = 0; };
        auto slot = [&](const char* name) {
            if (i)
                j += ',';
            j += '"';
            j += name;
            j += "\":" + std::to_string(i++);
        };
#define CHRONOSCOPE_SLOT_JSON(name) slot(#name);
        open("parse");
        CHRONOSCOPE_PARSE_SLOTS(CHRONOSCOPE_SLOT_JSON)
        open("adopt");
        CHRONOSCOPE_ADOPT_SLOTS(CHRONOSCOPE_SLOT_JSON)
        open("array");
        CHRONOSCOPE_ARRAY_SLOTS(CHRONOSCOPE_SLOT_JSON)
        slot("stride");
#undef CHRONOSCOPE_SLOT_JSON
        j += "}}";
        g_layout = j;
    }
    return g_layout.c_str();
}

// Loads, indexes and lays out a snapshot of JSON bytes (ownership stays with the caller). 1 on success, then
// cs_parse_table(); 0 and cs_parse_errors() / cs_parse_first_error() otherwise.
EMSCRIPTEN_KEEPALIVE int cs_parse(const char* data, int size, const char* name)
{
    LoadOptions opt = ParseBegin();
    if (!AppPrepare(data, (size_t)size, nullptr, name, opt, &g_parse->Result))
        return 0;
    return ParseResult();
}

// The same while a download arrives into [data, data + capacity): cs_parse_feed(n) after the first n bytes are
// in (0: the data cannot load, stop downloading), cs_parse_rebase when the buffer moved, cs_parse_end(size) when
// all are.
EMSCRIPTEN_KEEPALIVE void cs_parse_begin(const char* data, double capacity, const char* name)
{
    LoadOptions opt = ParseBegin();
    g_parse->Stream = AppPrepareBegin(data, (size_t)capacity, name, opt, &g_parse->Result);
}
EMSCRIPTEN_KEEPALIVE int cs_parse_feed(double available)
{
    return g_parse && g_parse->Stream && LoadFeed(g_parse->Stream, (size_t)available) ? 1 : 0;
}
// The download's buffer grew and moved to [data, data + capacity): 0 if the stream cannot follow (then parse
// the whole with cs_parse at the end).
EMSCRIPTEN_KEEPALIVE int cs_parse_rebase(const char* data, double capacity)
{
    return g_parse && g_parse->Stream && LoadRebase(g_parse->Stream, data, (size_t)capacity) ? 1 : 0;
}
EMSCRIPTEN_KEEPALIVE int cs_parse_end(double size, const char* name)
{
    if (!g_parse || !g_parse->Stream)
        return 0;
    LoadStream* st = g_parse->Stream;
    g_parse->Stream = nullptr;
    if (!AppPrepareFinish(st, (size_t)size, name, &g_parse->Result))
        return 0;
    return ParseResult();
}

// The input size limit in bytes: the scripts refuse a download that announces more or passes it, and inline
// text larger.
EMSCRIPTEN_KEEPALIVE double cs_max_input_bytes() { return (double)WebMaxInputBytes(); }

// What the loader says of input of `bytes` bytes, over the limit (core TooBigMessage), without the file's name.
EMSCRIPTEN_KEEPALIVE const char* cs_too_big_message(double bytes)
{
    g_message = TooBigMessage((uint64_t)bytes, WebMaxInputBytes()) + " in a browser";
    return g_message.c_str();
}

// The result table of the last successful parse (web_table.h, ParseSlot), or 0.
EMSCRIPTEN_KEEPALIVE const uint32_t* cs_parse_table() { return g_parse ? g_parse->Table.data() : nullptr; }
EMSCRIPTEN_KEEPALIVE const char* cs_parse_errors() { return g_parse ? g_parse->Result.AllErrors.c_str() : ""; }
EMSCRIPTEN_KEEPALIVE const char* cs_parse_first_error() { return g_parse ? g_parse->Result.FirstError.c_str() : ""; }

} // extern "C"
#endif
