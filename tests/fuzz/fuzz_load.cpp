// libFuzzer target for Chronoscope's JSON loader (src/core/load.h) and what runs on loaded data.
//
// Build and run: see tests/fuzz/README.md. Every invariant violation is a __builtin_trap(), which libFuzzer
// reports as a crash (deadly signal) with the input saved to crash-<sha1>.
//
// Checked:
//   - LoadTimeline never crashes (ASan/UBSan), and on success the events are sorted by start and end >= start;
//   - every diagnostic with a line has a column (Line > 0 => Column > 0), and its message is one line of at most
//     200 bytes without control characters, however long the values it quotes;
//   - CheckJsonSyntax false => LoadTimeline false, unless it loaded as CSV (a TimelineJS3 sheet);
//   - RichTextFromHtml on the input: blocks and spans in range, every span inside its block's text, every link one
//     that opens (core/link.h), and PlainTextFromHtml agreeing with it;
//   - the index, a fitted view's layout and the --validate summary run on whatever loaded;
//   - ParseDateText (on a NUL-terminated copy, at most 256 bytes) and FoldCase never crash.
#include "core/date_parse.h"
#include "core/date_text.h"
#include "core/index.h"
#include "core/html_text.h"
#include "core/layout.h"
#include "core/link.h"
#include "core/load.h"
#include "core/model.h"
#include "core/search.h"
#include "core/validate.h"
#include "core/view.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

using namespace chronoscope;

static void CheckDiagnostic(const Diagnostic& d)
{
    if (d.Line < 0 || d.Column < 0)
        __builtin_trap();
    if (d.Line > 0 && d.Column <= 0)
        __builtin_trap();
    // one short line, whatever the values it quotes (core/quote.h)
    if (d.Message.size() > 200)
        __builtin_trap();
    for (unsigned char c : d.Message)
        if (c < 0x20 || c == 0x7F)
            __builtin_trap();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const char* text = reinterpret_cast<const char*>(data);

    // 1. Syntax only.
    Diagnostic syntax_err;
    bool syntax_ok = CheckJsonSyntax(text, size, &syntax_err);
    if (!syntax_ok)
        CheckDiagnostic(syntax_err);

    // 2. The loader, with small limits.
    LoadOptions opt;
    opt.MaxBytes = (size_t)1 << 20;   // 1 MiB
    opt.MaxDiagnostics = 20;
    Timeline tl;
    LoadResult res;
    bool loaded = LoadTimeline(text, size, opt, &tl, &res);

    for (const Diagnostic& d : res.Diagnostics)
        CheckDiagnostic(d);
    if ((int)res.Diagnostics.size() > opt.MaxDiagnostics + 1)   // +1: room for a "too many errors" note
        __builtin_trap();
    if (!syntax_ok && loaded && res.Format != SourceFormat_TimelineJS3Sheet)
        __builtin_trap();

    // 3. The input as TimelineJS3 HTML.
    {
        RichText rt = RichTextFromHtml(text, size);
        uint32_t next = 0;  // spans follow each other, block after block
        for (const RichBlock& b : rt.Blocks) {
            if (b.SpanCount == 0 || b.FirstSpan != next || (uint64_t)b.FirstSpan + b.SpanCount > rt.Spans.size())
                __builtin_trap();
            next = b.FirstSpan + b.SpanCount;
        }
        if (next != rt.Spans.size())
            __builtin_trap();
        for (const RichSpan& sp : rt.Spans) {
            if (sp.Begin >= sp.End || sp.End > rt.Text.size() || sp.Link > rt.Links.size())
                __builtin_trap();
        }
        for (const std::string& l : rt.Links)
            if (!IsOpenableLink(l.data(), l.size()))
                __builtin_trap();
        if (PlainTextFromHtml(text, size) != PlainTextOf(rt))
            __builtin_trap();
    }

    if (loaded) {
        // Events sorted by start; every end >= start.
        for (size_t i = 0; i < tl.Events.size(); i++) {
            const Event& e = tl.Events[i];
            if (e.StartNsec < 0 || e.StartNsec >= 1000000000 || e.EndNsec < 0 || e.EndNsec >= 1000000000)
                __builtin_trap();
            if (e.End() < e.Start())
                __builtin_trap();
            if (i > 0 && e.Start() < tl.Events[i - 1].Start())
                __builtin_trap();
            if (e.Group != kNoGroup && e.Group >= tl.Groups.size())
                __builtin_trap();
            if (e.Extra != kNoExtra && e.Extra >= tl.Extras.size())
                __builtin_trap();
            if (e.Id >= tl.Strings.Bytes.size() || e.Title >= tl.Strings.Bytes.size() ||
                e.Text >= tl.Strings.Bytes.size())
                __builtin_trap();
        }

        TimelineIndex index;
        BuildTimelineIndex(tl, &index);

        View view;
        ViewSetWidth(&view, 1280.0);
        if (!index.Empty)
            ViewFit(&view, index.Min, index.Max, 0.03);
        if (!(view.Span > 0.0))
            __builtin_trap();

        Layout lay;
        LayoutView(tl, index, view, LayoutParams(), nullptr, &lay);
        for (const Mark& m : lay.Marks) {
            if (m.Event >= tl.Events.size() || m.Lane >= index.Lanes.size())
                __builtin_trap();
            if (m.Count == 0)
                __builtin_trap();
        }
        if (lay.VisibleEvents > tl.Events.size())
            __builtin_trap();

        std::string summary = ValidateSummary("fuzz.json", tl);
        if (summary.empty())
            __builtin_trap();
    }

    // 3. One date as text (NUL-terminated copy, capped at 256 bytes), and case folding.
    size_t n = size < 256 ? size : 256;
    std::string copy(text, n);   // std::string keeps a NUL after its bytes; embedded NULs just end it early
    ParsedDate date;
    std::string date_err;
    ParseDateText(copy.c_str(), &date, &date_err);

    std::string folded = FoldCase(text, size);
    (void)folded;
    return 0;
}
