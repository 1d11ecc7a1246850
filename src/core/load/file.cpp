// Chronoscope core: a timeline from a file or a descriptor (load.h LoadTimelineFile, LoadTimelineFd).
//
// A regular file has a size: it is refused up front when too big, else read whole into one buffer and loaded.
// Anything else that reads (a FIFO, a pipe, standard input, a character device) is a stream of unknown length. Its
// bytes go into a buffer that doubles as they come, and to the streaming loader (LoadBegin, LoadFeed) after each
// read, so that
// - input that cannot load (binary data, the wrong file) stops the read once the loader gets to it;
// - input that passes LoadOptions::MaxBytes is refused then, without reading the rest;
// - the loader's progress (events read) moves while the data still arrives.
// The whole input stays in memory either way: the loader gives each diagnostic its LINE:COL from it at the end.
//
// No read ever blocks: a stream is polled 100 ms at a time, and between polls LoadOptions::Cancel is looked at, so
// a quit is never held up by a writer that is slow or absent. A named FIFO is opened non-blocking (a blocking open
// waits for a writer, with no way to stop it); until a program opens it for writing, a read returns 0 and the
// kernel reports no hang-up, which is how "no writer yet" is told from the end of the data.
#include "core/load/load_internal.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <strings.h>

namespace chronoscope {

namespace {

const size_t kFirstRead = (size_t)64 << 10;  // a pipe's buffer
const int    kPollMs = 100;                  // the longest a read waits before looking at Cancel again

bool Fail(LoadResult* res, const std::string& msg)
{
    *res = LoadResult();
    Diagnostic d;
    d.Message = msg;
    res->Diagnostics.push_back(d);
    res->Errors = 1;
    return false;
}

std::string ErrnoMessage(const char* what, int err) { return std::string(what) + ": " + strerror(err); }

bool Cancelled(const LoadOptions& opt) { return opt.Cancel && opt.Cancel->load(std::memory_order_relaxed); }

bool ReadRegular(int fd, const struct stat& st, const LoadOptions& opt, Timeline* out, LoadResult* res)
{
    off_t at = lseek(fd, 0, SEEK_CUR);  // 0 when opened here; standard input may stand further on
    uint64_t from = at > 0 ? (uint64_t)at : 0, end = st.st_size > 0 ? (uint64_t)st.st_size : 0;
    uint64_t size = end > from ? end - from : 0;
    if (size > opt.MaxBytes)
        return Fail(res, TooBigMessage(size, opt.MaxBytes));
    char* data = (char*)malloc(size ? (size_t)size : 1);
    if (!data)
        return Fail(res, "cannot read: out of memory");
    size_t got = 0;
    while (got < size) {
        ssize_t n = read(fd, data + got, (size_t)size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int err = errno;
            free(data);
            return Fail(res, ErrnoMessage("cannot read", err));
        }
        if (n == 0)
            break;  // it shrank meanwhile
        got += (size_t)n;
    }
    bool ok = LoadTimeline(data, got, opt, out, res);
    free(data);
    return ok;
}

// may_lack_writer: a named FIFO opened here (non-blocking), which may have no writer yet.
bool ReadStream(int fd, bool may_lack_writer, const LoadOptions& opt, Timeline* out, LoadResult* res)
{
    // The buffer never holds more than one byte past the limit: that byte says the limit is passed.
    const size_t most = opt.MaxBytes < (size_t)-1 ? opt.MaxBytes + 1 : opt.MaxBytes;
    size_t cap = std::min(kFirstRead, most), size = 0;
    char* data = (char*)malloc(cap);
    if (!data)
        return Fail(res, "cannot read: out of memory");
    LoadStream* stream = LoadBegin(data, std::min(cap, opt.MaxBytes), opt, out, res);
    bool writer_seen = !may_lack_writer;
    const auto started = std::chrono::steady_clock::now();
    std::string error;  // a reason to stop that is not in the data
    for (;;) {
        if (Cancelled(opt)) {
            error = load::kCancelledMessage;
            break;
        }
        if (size == cap) {
            size_t grown = cap <= most / 2 ? cap * 2 : most;
            char* moved = (char*)realloc(data, grown);
            if (!moved) {
                error = "cannot read: out of memory";
                break;
            }
            data = moved;
            cap = grown;
            LoadRebase(stream, data, std::min(cap, opt.MaxBytes));
        }
        struct pollfd p = { fd, POLLIN, 0 };
        int ready = poll(&p, 1, kPollMs);
        if (ready < 0 && errno != EINTR) {
            error = ErrnoMessage("cannot read", errno);
            break;
        }
        if (ready <= 0 && writer_seen)
            continue;
        // Ready, or a FIFO without a writer so far: a read says whether one came (EAGAIN: it did, with no data yet).
        ssize_t n = read(fd, data + size, cap - size);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                writer_seen = true;
            else if (errno != EINTR) {
                error = ErrnoMessage("cannot read", errno);
                break;
            }
            continue;
        }
        if (n == 0) {
            if (ready > 0 || writer_seen)
                break;  // the end of the data (a FIFO's last writer closed it: the kernel reported the hang-up)
            double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            if (opt.WaitForWriterMs >= 0 && waited * 1000.0 >= opt.WaitForWriterMs) {
                char msg[96];
                snprintf(msg, sizeof(msg), "nothing opened the FIFO for writing within %g s",
                         opt.WaitForWriterMs / 1000.0);
                error = msg;
                break;
            }
            continue;
        }
        writer_seen = true;
        size += (size_t)n;
        if (size > opt.MaxBytes) {
            error = TooBigMessage(size, opt.MaxBytes);
            break;
        }
        if (!LoadFeed(stream, size))
            break;  // the input cannot load (or the load was cancelled): LoadFinish says why
    }
    bool ok;
    if (!error.empty()) {
        LoadAbandon(stream);
        ok = Fail(res, error);
    } else {
        ok = LoadFinish(stream, size);
    }
    free(data);
    return ok;
}

// Reads an open descriptor; opened_here: by LoadTimelineFile (a FIFO is then non-blocking and may lack a writer).
bool ReadOpen(int fd, bool opened_here, const LoadOptions& opt, Timeline* out, LoadResult* res)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return Fail(res, ErrnoMessage("cannot read", errno));
    if (S_ISDIR(st.st_mode))
        return Fail(res, "is a directory");
    if (S_ISREG(st.st_mode))
        return ReadRegular(fd, st, opt, out, res);
    return ReadStream(fd, opened_here && S_ISFIFO(st.st_mode), opt, out, res);
}

} // namespace

bool LoadTimelineFile(const char* path, const LoadOptions& opt, Timeline* out, LoadResult* res)
{
    *res = LoadResult();
    out->Clear();
    // What cannot be opened for reading is named first (opening a socket fails with a less clear "No such device or
    // address"); a regular file over the limit is refused without opening it.
    struct stat st;
    if (stat(path, &st) != 0)
        return Fail(res, ErrnoMessage("cannot open", errno));
    if (S_ISDIR(st.st_mode))
        return Fail(res, "is a directory");
    if (S_ISSOCK(st.st_mode))
        return Fail(res, "is a socket, not a file");
    if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > opt.MaxBytes)
        return Fail(res, TooBigMessage((uint64_t)st.st_size, opt.MaxBytes));
    // Non-blocking, so that a FIFO opens at once, writer or not; what it is now is the descriptor's fstat's to say.
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return Fail(res, ErrnoMessage("cannot open", errno));
    LoadOptions with = opt;
    LoadOptionsForName(path, &with);
    bool ok = ReadOpen(fd, true, with, out, res);
    close(fd);
    return ok;
}

// A name ending in ".csv" says the file is CSV, so that one that is not a TimelineJS3 sheet hears it is not; one
// ending in ".jsonl" says JSON Lines.
void LoadOptionsForName(const char* name, LoadOptions* opt)
{
    const size_t n = name ? strlen(name) : 0;
    if (n >= 4 && strcasecmp(name + n - 4, ".csv") == 0)
        opt->Csv = true;
    if (n >= 6 && strcasecmp(name + n - 6, ".jsonl") == 0)
        opt->JsonLines = true;
}

bool LoadTimelineFd(int fd, const LoadOptions& opt, Timeline* out, LoadResult* res)
{
    *res = LoadResult();
    out->Clear();
    return ReadOpen(fd, false, opt, out, res);
}

} // namespace chronoscope
