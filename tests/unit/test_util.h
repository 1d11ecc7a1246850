// Shared helpers of the unit tests.
#pragma once

#include "core/load.h"
#include "core/time.h"
#include "core/view.h"

#include <gtest/gtest.h>

#include <string>
#include <unistd.h>

namespace chronoscope {
namespace test {

static const double kYear = 365.2425 * 86400.0;

// The instant of a proleptic Gregorian date and time (astronomical years, UTC).
inline Instant At(int64_t y, int mo = 1, int d = 1, int h = 0, int mi = 0, int s = 0, int32_t ns = 0)
{
    CivilTime c;
    c.year = y; c.month = mo; c.day = d; c.hour = h; c.minute = mi; c.second = s; c.nsec = ns;
    return InstantFromCivil(c);
}

inline View MakeView(Instant start, double span, double width)
{
    View v;
    v.Start = start;
    v.Span = span;
    v.Width = width;
    return v;
}

// A load of JSON (or CSV) text: whether it succeeded, the timeline and the diagnostics.
struct Loaded {
    bool       Ok = false;
    Timeline   Tl;
    LoadResult Res;
};

inline Loaded Load(const std::string& s, const LoadOptions& opt = LoadOptions())
{
    Loaded l;
    l.Ok = LoadTimeline(s.data(), s.size(), opt, &l.Tl, &l.Res);
    return l;
}

inline std::string Str(const Timeline& tl, StrId id) { return tl.Str(id); }

// A path in the temporary directory that is this process's own ("cs_x" ".json" -> /tmp/cs_x-1234.json), so two test
// runs on one machine never share a file, a FIFO or a socket.
inline std::string TempPath(const char* stem, const char* ext = "")
{
    return ::testing::TempDir() + stem + "-" + std::to_string((long)getpid()) + ext;
}

// Every diagnostic of a load as "f.json:LINE:COL: ..." lines, for failure messages.
inline std::string Dump(const LoadResult& r)
{
    std::string s;
    for (const Diagnostic& d : r.Diagnostics)
        s += FormatDiagnostic("f.json", d) + "\n";
    return s;
}

} // namespace test
} // namespace chronoscope
