// Chronoscope core: a whole small file as bytes (file_bytes.h).
#include "core/file_bytes.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>

namespace chronoscope {

static bool Fail(std::vector<uint8_t>* out, std::string* why, const char* msg)
{
    out->clear();
    if (why)
        *why = msg;
    return false;
}

bool ReadFileBytes(const char* path, size_t max_bytes, std::vector<uint8_t>* out, std::string* why)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return Fail(out, why, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return Fail(out, why, strerror(e));
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        return Fail(out, why, "is a directory");
    }
    if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > max_bytes) {
        close(fd);
        return Fail(out, why, "file too large");
    }
    // A regular file is read in one go into a buffer of its size (and one byte more, for the read that sees its
    // end); anything else grows as it comes.
    out->resize(S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : (size_t)65536);
    size_t have = 0;
    for (;;) {
        if (have == out->size()) {
            if (have > max_bytes) {
                close(fd);
                return Fail(out, why, "file too large");
            }
            out->resize(have ? have * 2 : 65536);
        }
        ssize_t n = read(fd, out->data() + have, out->size() - have);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;
            close(fd);
            return Fail(out, why, strerror(e));
        }
        if (n == 0)
            break;
        have += (size_t)n;
    }
    close(fd);
    if (have > max_bytes)
        return Fail(out, why, "file too large");
    out->resize(have);
    return true;
}

} // namespace chronoscope
