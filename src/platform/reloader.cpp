// Chronoscope platform (native): loads of the open file on a thread (see reloader.h).
#if !defined(__EMSCRIPTEN__)
#include "platform/reloader.h"

#include "core/format.h"

#include <sys/stat.h>
#include <cstdio>
#include <cstring>

namespace chronoscope {

static void ReloadProgress(void* user, size_t bytes, size_t events)
{
    Reloader* r = (Reloader*)user;
    r->BytesRead = bytes;
    r->EventsRead = events;
}

void ReloaderStart(Reloader* r, const std::string& path)
{
    if (r->Running) {
        r->Again = true;
        if (r->Stream) {
            r->Superseded = true;
            r->Cancel = true;
        }
        return;
    }
    struct stat st;
    bool known = AppIsStdin(path.c_str()) ? fstat(0, &st) == 0 : stat(path.c_str(), &st) == 0;
    r->Stream = known && !S_ISREG(st.st_mode);
    r->FileSize = known && !r->Stream ? (size_t)st.st_size : 0;
    r->BytesRead = 0;
    r->EventsRead = 0;
    r->Cancel = false;
    r->Running = true;
    r->Done = false;
    r->Thread = std::thread([r, path]() {
        LoadOptions opt;
        opt.Progress = ReloadProgress;
        opt.ProgressUser = r;
        opt.Cancel = &r->Cancel;
        opt.WaitForWriterMs = -1;  // a window waits for a FIFO's writer; quitting or a change of the file ends that
        AppPrepare(nullptr, 0, path.c_str(), path.c_str(), opt, &r->Result);
        r->Done = true;
    });
}

bool ReloaderPoll(Reloader* r, App* app, const std::string& path)
{
    if (!r->Running)
        return false;
    if (!r->Done) {
        const char* name = strrchr(path.c_str(), '/');
        name = name ? name + 1 : path.c_str();
        AppSetNotice(app, FormatLoadProgress(name, r->BytesRead, r->FileSize, r->EventsRead).c_str());
        return false;
    }
    r->Thread.join();
    r->Running = false;
    AppSetNotice(app, "");
    if (r->Superseded) {
        r->Superseded = false;
        r->Again = false;
        r->Result = Prepared();
        ReloaderStart(r, path);
        return false;
    }
    size_t n = r->Result.Data ? r->Result.Data->Tl.Events.size() : 0;
    bool first = r->First;
    bool ok = AppFinishLoad(app, &r->Result, path.c_str(), !first);
    if (ok) {
        r->First = false;
        if (!r->Quiet) {
            printf("%s: %s, %zu events\n", path.c_str(), first ? "loaded" : "reloaded", n);
            fflush(stdout);
        }
    } else {
        fputs(r->Result.AllErrors.c_str(), stderr);
    }
    r->Result = Prepared();
    if (r->Again) {
        r->Again = false;
        ReloaderStart(r, path);
    }
    return ok;
}

void ReloaderStop(Reloader* r)
{
    if (!r->Running)
        return;
    r->Cancel = true;  // quitting during a big load does not wait for it
    r->Thread.join();
    r->Running = false;
}

} // namespace chronoscope
#endif
