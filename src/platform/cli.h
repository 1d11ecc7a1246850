// Chronoscope platform (native): the command line.
//
//   chronoscope FILE.json [--screenshot OUT.png] [--size WxH] [--window START END] [--select ID] [--theme T]
//                         [--scale linear|log] [--rtl]
//   chronoscope --validate FILE...            (FILE - is standard input)
//   chronoscope pack IN OUT_DIR/ [--leaf-events N] [--memory MB]    (core/pack.h)
//   chronoscope --help
//
// CliParse reads the arguments into CliOptions; the window's part is run by main.cpp, --validate, pack and --help
// here.
#pragma once

#include "core/time.h"

namespace chronoscope {

struct CliOptions {
    const char* File = nullptr;
    const char* Screenshot = nullptr;   // --screenshot: render one frame to this PNG and exit
    const char* Select = nullptr;
    bool        HaveWindow = false;     // --window START END, parsed
    Instant     WindowStart, WindowEnd;
    bool        Dark = false;
    bool        Log = false;            // --scale log: time before present on a log axis
    bool        Rtl = false;            // --rtl: time runs from right to left, the chrome mirrored
    const char* Locale = nullptr;       // --locale TAG (default: the environment's, LC_ALL / LC_TIME / LANG)
    const char* TimeZone = nullptr;     // --time-zone UTC|local|IANA (default: each time at its written offset)
    int         Width = 1280, Height = 720;
};

// Parses argv. Returns -1 to go on with *out, else the exit status (after --help, --validate or a usage error,
// whose message went to stderr).
int CliParse(int argc, char** argv, CliOptions* out);

} // namespace chronoscope
