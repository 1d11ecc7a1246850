// Chronoscope platform (native): loads of the open file on a thread.
//
// The window is up at once; the data on screen (none at first) stays usable while a big file is read and
// indexed, and a status box says how far the read is. The result is put on screen on the main thread (or its
// errors shown, the old data kept). A change seen while a load runs starts another one after it, except that a
// load from a stream (a FIFO, a pipe, standard input), which may wait for data without end, is cancelled first.
// Quitting cancels a load at its next progress point, or within 100 ms when it waits for a stream's data (core
// LoadTimelineFile never blocks longer): the load thread is joined, never left behind.
//
//   Reloader r;
//   ReloaderStart(&r, path);                   first load, and whenever the file changed
//   each frame: ReloaderPoll(&r, &app, path);  true when a load finished and is on screen
//   ReloaderStop(&r);                          before quitting
#pragma once

#include "app/app.h"

#include <atomic>
#include <string>
#include <thread>

namespace chronoscope {

struct Reloader {
    std::thread         Thread;
    std::atomic<bool>   Done{ false };
    std::atomic<size_t> BytesRead{ 0 }, EventsRead{ 0 };
    std::atomic<bool>   Cancel{ false };   // set on quit, or for a change of the file while a stream is read
    size_t              FileSize = 0;       // 0 for a stream
    bool                Stream = false;     // the load reads a stream: it may wait for data without end
    bool                Superseded = false; // it was cancelled for a change of the file: its result is dropped
    bool                Quiet = false;      // no "FILE: loaded" line on stdout (a screenshot's run)
    bool                Running = false, Again = false;
    bool                First = true;   // until a load succeeds, the next one fits the view to its data
    Prepared            Result;
};

void ReloaderStart(Reloader* r, const std::string& path);
bool ReloaderPoll(Reloader* r, App* app, const std::string& path);
void ReloaderStop(Reloader* r);

} // namespace chronoscope
