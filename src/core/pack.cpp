// Chronoscope core: the packer (see pack.h; the format is tiles.h's).
//
// How a pack runs
// 1. Read. A JSON Lines file is read a line at a time, each line of our events straight into its record
//    (load::LineLoader, the loader's own reading of an event). A line it does not take (an importer's item, a
//    syntax error) starts a batch of lines for the core loader, read as JSON Lines as the window reads the file
//    ({"groups": [...]} and then the lines as written, so a diagnostic is the window's, at the file's LINE:COL).
//    Any other file goes to the loader whole. LoadOptions::EventText hands over each event's object text as
//    written. Each event becomes one record of the event sorter: its key is (start, input position), in
//    bytes that sort as the key does; its value the fields a tile needs, its id, its folded words and its object.
// 2. Sort. The sorter (ExternalSorter) keeps records in an arena; when the arena passes its budget it sorts them and
//    spills them to a run file; at the end the runs are merged (a heap of run readers). Small inputs never spill.
// 3. Write, in one pass over the merged events (ordinals in time order): lanes with the index's rule
//    (core/index.h LaneAssigner), leaves and their text pages as each fills, inner nodes bottom-up as each
//    completes (the lowest inner level picks its proxies from its events, each level above from its children's
//    proxies: per lane and bin the longest, weights summed), and the words and ids into two more sorters, whose
//    merges then write the search and id shards.
// 4. The manifest last; the temporary directory is renamed into place.
#include "core/pack.h"

#include "core/format.h"
#include "core/hash.h"
#include "core/index.h"
#include "core/json_read.h"
#include "core/load/load_internal.h"
#include "core/load.h"
#include "core/tile_words.h"
#include "core/tiles.h"
#include "core/varint.h"

#include <dirent.h>
#include <fcntl.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <ftw.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace chronoscope {

namespace {

typedef std::chrono::steady_clock Clock;

double Since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// With CS_PACK_DEBUG set, the resident set, the CPU time and the page faults at each stage go to stderr.
void Mark(const char* stage)
{
    static const bool on = getenv("CS_PACK_DEBUG") != nullptr;
    if (!on)
        return;
    FILE* f = fopen("/proc/self/status", "r");
    if (!f)
        return;
    char line[256];
    while (fgets(line, sizeof(line), f))
        if (!strncmp(line, "VmRSS:", 6) || !strncmp(line, "VmHWM:", 6))
            fprintf(stderr, "pack: %s: %s", stage, line);
    fclose(f);
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) == 0)
        fprintf(stderr, "pack: %s: CPU user %.2f s, system %.2f s; minor faults %ld\n", stage,
                (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6,
                (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec * 1e-6, ru.ru_minflt);
#if defined(__GLIBC__)
    struct mallinfo2 mi = mallinfo2();
    fprintf(stderr, "pack: %s: malloc in use %zu MB, held %zu MB (mmap %zu MB)\n", stage, mi.uordblks >> 20,
            (mi.arena + mi.hblkhd) >> 20, mi.hblkhd >> 20);
#endif
}

// Freed memory back to the system. glibc keeps what is freed on its heap resident, and the tree's stage frees a lot in
// pieces (id buckets, word lists and covers grow by doubling; spills free them all at once): at 100M events 1.5 GB
// stayed resident with 0.5 GB in use. Called when a stage ends, after a spill, and every million events.
void GiveBack()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

// The resident set's bytes now (0 when the system does not say).
size_t ResidentBytes()
{
    FILE* f = fopen("/proc/self/statm", "r");
    if (!f)
        return 0;
    unsigned long long pages = 0, resident = 0;
    const bool ok = fscanf(f, "%llu %llu", &pages, &resident) == 2;
    fclose(f);
    return ok ? (size_t)resident * (size_t)sysconf(_SC_PAGESIZE) : 0;
}

// GiveBack within a stage, only once the resident set passes `most` bytes: what a spill frees, the stage takes
// again as its lists and covers grow back, and every page handed back is a page fault to take again, and on a host
// that takes back free memory a fresh page to clear (10M events, default cap: the tree stage's page faults went
// from 212,000 to 178,000, its system time from 1.1-1.6 s to 1.0-1.2 s). A small cap still gives back each time.
void GiveBackPast(size_t most)
{
    if (ResidentBytes() > most)
        GiveBack();
}

size_t PeakRss()
{
    FILE* f = fopen("/proc/self/status", "r");
    if (!f)
        return 0;
    char line[256];
    size_t kb = 0;
    while (fgets(line, sizeof(line), f))
        if (!strncmp(line, "VmHWM:", 6))
            kb = (size_t)strtoull(line + 6, nullptr, 10);
    fclose(f);
    return kb * 1024;
}

// A large buffer just allocated and not yet touched (the sorter's arena and items, a pass of text pages), asked to be
// backed by 2 MB pages where the system leaves that to the program (Linux's transparent huge pages in "madvise" mode):
// one page fault and one TLB entry for 2 MB instead of 512. At 1M events a third of the pack's page faults were the
// arena's and the text's, and the merge reads the arena at random. Only whole 2 MB pages inside the buffer are asked
// for, so what is resident stays what is touched, to within 2 MB.
void HugePages(const void* p, size_t n)
{
#if defined(MADV_HUGEPAGE)
    const uintptr_t huge = (uintptr_t)2 << 20;
    const uintptr_t a = ((uintptr_t)p + huge - 1) & ~(huge - 1), b = ((uintptr_t)p + n) & ~(huge - 1);
    if (b > a)
        madvise((void*)a, b - a, MADV_HUGEPAGE);
#else
    (void)p;
    (void)n;
#endif
}

// ------------------------------------------------------------------------------------------------ files

// Writes the n bytes at p to fd, going on after an interrupted or partial write; false on an error (errno says which)
// or when nothing could be written.
bool WriteFully(int fd, const char* p, size_t n)
{
    while (n > 0) {
        const ssize_t k = write(fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return false;
        p += k;
        n -= (size_t)k;
    }
    return true;
}

bool WriteFile(const std::string& path, const char* data, size_t size, std::string* err)
{
    int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        *err = path + ": cannot write: " + strerror(errno);
        return false;
    }
    if (!WriteFully(fd, data, size)) {
        *err = path + ": cannot write: " + strerror(errno);
        close(fd);
        return false;
    }
    if (close(fd) != 0) {
        *err = path + ": cannot write: " + strerror(errno);
        return false;
    }
    return true;
}

bool MakeDir(const std::string& path, std::string* err)
{
    if (mkdir(path.c_str(), 0755) == 0 || errno == EEXIST)
        return true;
    *err = path + ": cannot make the directory: " + strerror(errno);
    return false;
}

int RemoveOne(const char* path, const struct stat*, int, struct FTW*) { return remove(path); }
void RemoveTree(const std::string& path) { nftw(path.c_str(), RemoveOne, 16, FTW_DEPTH | FTW_PHYS); }

// A JSON Lines input, read past the system's page cache where its file system allows (O_DIRECT). The input is read
// twice, once through each time (its records, then the text pages), and a page of the cache filled from the disk is
// dear on the cloud machines we measure on: reading a 12.8 GB file the cache did not hold cost the kernel 20.8 s of
// system time through the cache, 0.36 s straight into the program's buffer (3.6 GB/s from the disk either way).
// Direct reads are of whole aligned blocks into an aligned buffer (Block); a file system that refuses them, or a
// read that cannot be aligned, goes through the cache instead, from then on.
struct InputFile {
    static constexpr size_t kAlign = 4096;
    static constexpr uint64_t Whole(uint64_t n) { return (n + kAlign - 1) & ~(uint64_t)(kAlign - 1); }   // whole blocks
    int  Fd = -1;
    bool Direct = false;
    bool Open(const char* path, bool direct)
    {
#if defined(O_DIRECT)
        if (direct) {
            Fd = open(path, O_RDONLY | O_CLOEXEC | O_DIRECT);
            Direct = Fd >= 0;
            if (Fd >= 0) {
                struct stat st;
                if (fstat(Fd, &st) != 0 || !S_ISREG(st.st_mode))
                    Cached();
                return true;
            }
        }
#else
        (void)direct;
#endif
        Fd = open(path, O_RDONLY | O_CLOEXEC);
        return Fd >= 0;
    }
    void Cached()   // reads go through the page cache from now on
    {
#if defined(O_DIRECT)
        if (Direct) {
            const int fl = fcntl(Fd, F_GETFL);
            if (fl != -1)
                fcntl(Fd, F_SETFL, fl & ~O_DIRECT);
        }
#endif
        Direct = false;
    }
    // Up to n bytes at off into buf: n unless the file ends first; -1 on an error (errno says which). Direct while
    // buf, n and off are multiples of kAlign.
    int64_t ReadAt(char* buf, size_t n, uint64_t off)
    {
        if (Direct && (((uintptr_t)buf | n | off) & (kAlign - 1)))
            Cached();
        size_t got = 0;
        while (got < n) {
            const ssize_t r = pread(Fd, buf + got, n - got, (off_t)(off + got));
            if (r < 0 && errno == EINTR)
                continue;
            if (r < 0 && errno == EINVAL && Direct) {
                Cached();
                continue;
            }
            if (r < 0)
                return -1;
            if (r == 0)
                break;
            got += (size_t)r;
            if (Direct && (got & (kAlign - 1)))
                break;   // a direct read short of a block: the file's end
        }
        return (int64_t)got;
    }
    ~InputFile()
    {
        if (Fd >= 0)
            close(Fd);
    }
};

// A buffer aligned for direct reads and writes, of at least the bytes asked for (rounded up to whole blocks); from
// operator new, as every other buffer the memory cap counts.
struct Block {
    char*  P = nullptr;
    size_t N = 0;
    bool Reserve(size_t n)
    {
        if (n <= N)
            return true;
        Reset();
        n = (size_t)InputFile::Whole(n);
        P = (char*)::operator new(n, std::align_val_t(InputFile::kAlign), std::nothrow);
        N = P ? n : 0;
        return P != nullptr;
    }
    void Reset()
    {
        if (P)
            ::operator delete(P, std::align_val_t(InputFile::kAlign));
        P = nullptr;
        N = 0;
    }
    ~Block() { Reset(); }
};

// A whole file written past the page cache where its file system allows (O_DIRECT), else as WriteFile. data is
// aligned to InputFile::kAlign and has room for size rounded up to whole blocks: the room past size is zeroed,
// written, and cut off the file. For the text pages, most of what a pack writes: at 100M events, 12.8 GB copied into
// the cache cost 41 s of system time (copy_folio_from_iter_atomic), the pages filled being memory the host had to
// hand back.
bool WriteFileDirect(const std::string& path, char* data, size_t size, std::string* err)
{
#if defined(O_DIRECT)
    const size_t whole = (size_t)InputFile::Whole(size);
    if (((uintptr_t)data & (InputFile::kAlign - 1)) == 0 && whole > 0) {
        const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_DIRECT, 0644);
        if (fd >= 0) {
            memset(data + size, 0, whole - size);
            bool ok = WriteFully(fd, data, whole);
            int e = ok ? 0 : errno;
            if (ok && ftruncate(fd, (off_t)size) != 0) {
                ok = false;
                e = errno;
            }
            if (close(fd) != 0 && ok) {
                ok = false;
                e = errno;
            }
            if (ok)
                return true;
            if (e != EINVAL) {   // (EINVAL: the file system refuses direct writes after all)
                *err = path + ": cannot write: " + strerror(e);
                return false;
            }
        }
    }
#endif
    return WriteFile(path, data, size, err);
}

// A file written in pieces of 64 KB (large enough for few system calls, small beside any memory cap), gathered in a
// buffer of its own: a small Put is a copy (through stdio each was a call into it, a tenth of the tree stage's time
// for the text pages' 12 bytes an event). Open(..., direct) writes a temporary file past the page cache (O_DIRECT)
// where the file system allows, in whole aligned pieces, the last one padded and the file cut back to its length
// when it is closed: a run written once and read once has no use for the cache, and filling the cache costs the
// system time InputFile describes (writing it back to the disk costs more, on the kernel's threads).
struct Writer {
    int      Fd = -1;
    Block    Buf;
    size_t   Cap = 0;     // Buf's bytes in use as the buffer
    size_t   N = 0;       // bytes in Buf
    uint64_t Written = 0; // bytes in the file
    bool     Direct = false;
    bool     Bad = false;
    bool IsOpen() const { return Fd >= 0; }
    bool Open(const std::string& path, size_t buffer = (size_t)64 << 10, bool direct = false)
    {
        Fd = -1;
        Direct = false;
#if defined(O_DIRECT)
        if (direct) {
            Fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_DIRECT, 0666);
            Direct = Fd >= 0;
        }
#else
        (void)direct;
#endif
        if (Fd < 0)
            Fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);   // as fopen(path, "wb")
        Bad = false;
        N = 0;
        Written = 0;
        if (Direct)
            buffer = std::max(buffer, InputFile::kAlign) & ~(InputFile::kAlign - 1);
        if (Fd >= 0 && !Buf.Reserve(buffer)) {
            close(Fd);
            Fd = -1;
            errno = ENOMEM;
        }
        Cap = buffer;
        return Fd >= 0;
    }
#if defined(__GNUC__)
    __attribute__((always_inline))   // (a copy of a few bytes: with a second caller it was a call each)
#endif
    bool Put(const void* p, size_t n)
    {
        if (n <= Cap - N) {
            memcpy(Buf.P + N, p, n);
            N += n;
            return !Bad;
        }
        return PutPast(p, n);
    }
#if defined(__GNUC__)
    __attribute__((noinline))
#endif
    bool PutPast(const void* p, size_t n)   // Put's rare case: the buffer is full
    {
        if (Direct) {   // whole buffers only
            const char* c = (const char*)p;
            while (n) {
                const size_t k = std::min(n, Cap - N);
                memcpy(Buf.P + N, c, k);
                N += k;
                c += k;
                n -= k;
                if (N == Cap && !Flush())
                    return false;
            }
            return !Bad;
        }
        if (!Flush())
            return false;
        if (n >= Cap)
            return WriteAll((const char*)p, n);
        memcpy(Buf.P, p, n);
        N = n;
        return true;
    }
    bool WriteAll(const char* p, size_t n)   // (nothing more once a write failed)
    {
        if (!Bad && !WriteFully(Fd, p, n))
            Bad = true;
        Written += n;
        return !Bad;
    }
    bool Flush()
    {
        const size_t n = N;
        N = 0;
        return WriteAll(Buf.P, n);
    }
    bool Close()
    {
        if (Fd < 0)
            return false;
        bool ok;
        if (Direct && (N & (InputFile::kAlign - 1))) {   // the last piece padded, then the file cut to its length
            const uint64_t length = Written + N;
            const size_t whole = (size_t)InputFile::Whole(N);
            memset(Buf.P + N, 0, whole - N);
            N = whole;
            ok = Flush() && ftruncate(Fd, (off_t)length) == 0;
        } else {
            ok = Flush();
        }
        if (close(Fd) != 0)
            ok = false;
        Fd = -1;
        return ok && !Bad;
    }
    ~Writer()
    {
        if (Fd >= 0)
            close(Fd);
    }
};

// ------------------------------------------------------------------------------------------------ sorting

// An LSD radix sort of a[0, n) by key(item) (a uint64_t), Bits bits a pass, between a and b (n items each); passes
// over the bits every key shares are skipped. Stable: items of equal keys keep their order. Returns whichever of a
// and b holds the result.
template <int Bits, class T, class Key>
T* RadixSortLsd(T* a, T* b, size_t n, Key key)
{
    const uint64_t mask = ((uint64_t)1 << Bits) - 1;
    uint64_t any = 0, all = ~(uint64_t)0;
    for (size_t i = 0; i < n; i++) {
        const uint64_t k = key(a[i]);
        any |= k;
        all &= k;
    }
    const uint64_t varies = any & ~all;
    size_t at[(size_t)1 << Bits];
    for (int shift = 0; shift < 64; shift += Bits) {
        if (!((varies >> shift) & mask))
            continue;
        memset(at, 0, sizeof(at));
        for (size_t i = 0; i < n; i++)
            at[(key(a[i]) >> shift) & mask]++;
        size_t sum = 0;
        for (size_t& c : at) {
            const size_t k = c;
            c = sum;
            sum += k;
        }
        for (size_t i = 0; i < n; i++)
            b[at[(key(a[i]) >> shift) & mask]++] = a[i];
        std::swap(a, b);
    }
    return a;
}

// (key, index) pairs, made in index order, sorted by key with ties in index order (std::sort's order for them, as
// the indexes are distinct) by the radix sort, *other its second array; *pairs holds the result.
typedef std::pair<uint64_t, uint32_t> KeyedIndex;
void SortKeyedIndexes(std::vector<KeyedIndex>* pairs, std::vector<KeyedIndex>* other)
{
    other->resize(pairs->size());
    if (RadixSortLsd<11>(pairs->data(), other->data(), pairs->size(), [](const KeyedIndex& x) { return x.first; }) !=
        pairs->data())
        pairs->swap(*other);
}

// A variable-length integer (core/varint.h) appended to *s, for run files.
void PutV(std::string* s, uint64_t v)
{
    if (v < 0x80) {
        s->push_back((char)v);
        return;
    }
    char b[10];   // one append (a byte at a time was a call into the string each)
    s->append(b, (size_t)(PutVarint(b, v) - b));
}
uint64_t GetV(const char** p, const char* end)
{
    uint64_t v = 0;
    for (int shift = 0; *p < end && shift < 64; shift += 7) {
        uint8_t b = (uint8_t) * (*p)++;
        v |= (uint64_t)(b & 0x7F) << shift;
        if (!(b & 0x80))
            break;
    }
    return v;
}

// A run file read in large pieces.
struct RunReader {
    FILE*             F = nullptr;
    std::vector<char> Buf;
    size_t            Pos = 0, Len = 0;
    // Open(..., direct): read past the page cache where the file system allows (Writer's direct files). Then the
    // bytes are in D, [Head bytes of room][Chunk bytes read at a time]: what is left of a piece moves into the room
    // just before the next read, which stays aligned.
    InputFile         In;
    Block             D;
    size_t            Head = 0, Chunk = 0;
    uint64_t          At = 0;   // the file's offset of the next direct read
    bool              End = false;
    bool Open(const std::string& path, size_t buffer, bool direct = false)
    {
        if (direct) {
            if (!In.Open(path.c_str(), true))
                return false;
            if (In.Direct) {
                // (the room a quarter of the buffer, up to 64 KB; it grows for a longer piece)
                const size_t all = std::max(buffer, 2 * InputFile::kAlign) & ~(InputFile::kAlign - 1);
                Head = std::min<size_t>(std::max(all / 4, InputFile::kAlign), (size_t)64 << 10) & ~(InputFile::kAlign - 1);
                Chunk = all - Head;
                if (!D.Reserve(Head + Chunk))
                    return false;
                Pos = Len = Head;
                return true;
            }
            close(In.Fd);
            In.Fd = -1;
        }
        F = fopen(path.c_str(), "rb");
        if (!F)
            return false;
        Buf.resize(buffer);
        return true;
    }
    char* Data() { return In.Fd >= 0 ? D.P : Buf.data(); }
    size_t BufferBytes() const { return In.Fd >= 0 ? Chunk : Buf.size(); }
    bool Fill(size_t need)   // at least `need` bytes from Pos
    {
        if (Len - Pos >= need)
            return true;
        if (In.Fd >= 0)
            return FillDirect(need);
        memmove(Buf.data(), Buf.data() + Pos, Len - Pos);
        Len -= Pos;
        Pos = 0;
        if (Buf.size() < need)
            Buf.resize(need * 2);
        Len += fread(Buf.data() + Len, 1, Buf.size() - Len, F);
        return Len >= need;
    }
    bool FillDirect(size_t need)
    {
        const size_t left = Len - Pos;
        if (End)
            return false;
        if (need > Head) {   // more room, and reads at least as large
            const size_t head = (size_t)InputFile::Whole(need);
            Block more;
            if (!more.Reserve(head + std::max(Chunk, head)))
                return false;
            memcpy(more.P + head - left, D.P + Pos, left);
            std::swap(more.P, D.P);
            std::swap(more.N, D.N);
            Head = head;
            Chunk = std::max(Chunk, head);
        } else {
            memmove(D.P + Head - left, D.P + Pos, left);
        }
        Pos = Head - left;
        Len = Head;
        const int64_t r = In.ReadAt(D.P + Head, Chunk, At);
        if (r < 0) {
            End = true;
            return false;
        }
        At += (uint64_t)r;
        Len += (size_t)r;
        if ((size_t)r < Chunk)
            End = true;
        return Len - Pos >= need;
    }
    const char* Piece(size_t max, size_t* got)   // 1 to max bytes (*got), valid until the next call; null at the end
    {
        if (!Fill(1))
            return nullptr;
        *got = std::min(max, Len - Pos);
        const char* p = Data() + Pos;
        Pos += *got;
        return p;
    }
    const char* Take(size_t n)   // n bytes, valid until the next call; null at the end
    {
        if (!Fill(n))
            return nullptr;
        const char* p = Data() + Pos;
        Pos += n;
        return p;
    }
    ~RunReader()
    {
        if (F)
            fclose(F);
    }
};

// The run files one external sort spills: Prefix + k + ".run", removed when it is done (or when it is dropped).
struct SpillRuns {
    std::string              Prefix;
    std::vector<std::string> Paths;

    std::string Next() const { return Prefix + std::to_string(Paths.size()) + ".run"; }
    void RemoveAll()
    {
        for (const std::string& p : Paths)
            remove(p.c_str());
        Paths.clear();
    }
    ~SpillRuns() { RemoveAll(); }
};

// Events by (start, input position), as two integers that compare as the key does, each with its record: at most
// Budget bytes in memory (the arena's bytes and the items' slots); past it the events are sorted and spilled to a run
// file, and Finish merges the runs, reading each through MergeBuffer bytes.
struct EventSorter {
    size_t      Budget = (size_t)256 << 20;   // the packer lowers it as the word dictionary grows
    size_t      MergeBuffer = (size_t)8 << 20;
    std::string Arena;                  // per event: u32 length, the record
    struct Item {
        uint64_t K1, K2, Off;
        bool operator<(const Item& o) const { return K1 < o.K1 || (K1 == o.K1 && K2 < o.K2); }
    };
    std::vector<Item>        Items;
    SpillRuns                Runs;
    uint64_t                 Count = 0;
    std::string*             Err = nullptr;
    bool                     Ok = true;
    double                   SortSeconds = 0;
    bool                     Direct = false;   // runs written and read past the page cache (Writer)

    static void Key(Instant start, uint64_t seq, uint64_t* k1, uint64_t* k2)
    {
        *k1 = (uint64_t)start.sec ^ 0x8000000000000000ULL;
        *k2 = ((uint64_t)(uint32_t)start.nsec << 34) | seq;   // seq < 2^34: PackTimeline refuses more events
    }
    // rec: n bytes, the record's length (u32) then the record
    void Add(uint64_t k1, uint64_t k2, const char* rec, size_t n)
    {
        if (!Ok)   // a spill failed: the pack fails when the reading ends (a run file that could not be made left the
            return;   // items full, and every event after it sorted them all again: hours at 10M events)
        if (Items.capacity() == 0) {   // once: growing by doubling would copy the arena and fault its pages twice
            Items.reserve(Budget / 128);
            Arena.reserve(Budget - Items.capacity() * sizeof(Item));
            HugePages(Items.data(), Items.capacity() * sizeof(Item));
            HugePages(Arena.data(), Arena.capacity());
        } else if (!Items.empty() && (Items.size() == Items.capacity() || Arena.size() + n > Arena.capacity())) {
            Spill();   // full: short records fill the items, long ones the arena
        }
        Items.push_back(Item{ k1, k2, (uint64_t)Arena.size() });
        Arena.append(rec, n);
        Count++;
        // A chunk whose records pass half the budget will be spilled whatever follows (Finish keeps a chunk only
        // when all it holds, the items' whole capacity too, is at most half): spilled now, so no more than half the
        // budget is ever touched. At 10M events the arena's and the items' first touches (fresh pages, 2 MB each)
        // were a fifth of the reading's time; a larger input makes about twice as many runs, the same bytes spilled.
        // (Not past 200 runs: the merge opens every run at once, and the files a process may open are limited.)
        if (Bytes() > Budget || (Runs.Paths.size() < 200 && Arena.size() + Items.size() * sizeof(Item) > Budget / 2))
            Spill();
    }
    size_t Bytes() const { return Arena.size() + Items.capacity() * sizeof(Item); }
    // Items in key order: an in-place radix sort, most significant digit first (American flag sort), the first
    // digit the 11 or 8 bits below the highest bit where the keys differ, each bucket's next digit the bits below;
    // buckets of a few dozen by insertion. The keys are distinct (the input position is in K2), so any correct sort
    // gives this order. About as many instructions as std::sort's (callgrind, 100k events), but fewer branches
    // mispredicted and passes over the items: std::sort took 1.4 to 1.7 times as long on keys shaped like the
    // generator's (1M items; 7M, a chunk at 10M events, where its introsort was 3% of the pack's time).
    static void InsertionSort(Item* a, size_t n)
    {
        for (size_t i = 1; i < n; i++) {
            const Item v = a[i];
            size_t j = i;
            for (; j > 0 && v < a[j - 1]; j--)
                a[j] = a[j - 1];
            a[j] = v;
        }
    }
    // The highest bit of the 128-bit key (K1:K2) where a[0, n) differ, or -1 when they are all equal.
    static int TopDifference(const Item* a, size_t n)
    {
        uint64_t d1 = 0, d2 = 0;
        for (size_t i = 1; i < n; i++) {
            d1 |= a[i].K1 ^ a[0].K1;
            d2 |= a[i].K2 ^ a[0].K2;
        }
        return d1 ? 127 - __builtin_clzll(d1) : d2 ? 63 - __builtin_clzll(d2) : -1;
    }
    // a[0, n), whose keys agree above bit `top` (and may at it and below)
    static void RadixSort(Item* a, size_t n, int top)
    {
        if (n <= 32) {
            InsertionSort(a, n);
            return;
        }
        if (n >= ((size_t)1 << 16))
            RadixLevel<11>(a, n, top);
        else
            RadixLevel<8>(a, n, top);
    }
    template <int Bits>
    static void RadixLevel(Item* a, size_t n, int top)
    {
        constexpr size_t B = (size_t)1 << Bits;
        const int shift = top >= Bits - 1 ? top - (Bits - 1) : 0;
        auto digit = [shift](const Item& it) -> size_t {   // the key's Bits bits from `shift` up
            if (shift >= 64)
                return (size_t)(it.K1 >> (shift - 64)) & (B - 1);
            if (shift > 64 - Bits)
                return (size_t)((it.K1 << (64 - shift)) | (it.K2 >> shift)) & (B - 1);
            return (size_t)(it.K2 >> shift) & (B - 1);
        };
        size_t count[B] = {}, head[B], end[B];
        for (size_t i = 0; i < n; i++)
            count[digit(a[i])]++;
        if (count[digit(a[0])] == n) {   // one bucket: the next bits where they differ
            const int t = TopDifference(a, n);
            if (t >= 0 && t < shift)
                RadixSort(a, n, t);
            return;
        }
        size_t sum = 0;
        for (size_t d = 0; d < B; d++) {
            head[d] = sum;
            sum += count[d];
            end[d] = sum;
        }
        for (size_t d = 0; d < B; d++)
            while (head[d] < end[d]) {   // a[head[d]] goes to its bucket; what was there comes back, until one is d's
                Item v = a[head[d]];
                for (size_t k = digit(v); k != d; k = digit(v))
                    std::swap(v, a[head[k]++]);
                a[head[d]++] = v;
            }
        if (shift == 0)
            return;
        for (size_t d = 0, from = 0; d < B; from = end[d++])
            if (end[d] - from > 1)
                RadixSort(a + from, end[d] - from, shift - 1);
    }
    void Sort()
    {
        Clock::time_point t0 = Clock::now();
        const int top = TopDifference(Items.data(), Items.size());
        if (top >= 0)
            RadixSort(Items.data(), Items.size(), top);
        SortSeconds += Since(t0);
    }
    void Spill()
    {
        Sort();
        std::string path = Runs.Next();
        Writer w;
        if (!w.Open(path, std::max<size_t>((size_t)64 << 10, std::min<size_t>((size_t)1 << 20, Budget / 64)), Direct)) {
            Fail(path + ": cannot write: " + strerror(errno));
            return;
        }
        // per item: K1, K2, the u32 length and the record; the records lie in the arena in the input's order: fetched
        // a few ahead
        for (size_t i = 0; i < Items.size(); i++) {
            if (i + 16 < Items.size()) {
                const char* ahead = Arena.data() + Items[i + 16].Off;
                __builtin_prefetch(ahead);
                __builtin_prefetch(ahead + 64);
            }
            const Item& it = Items[i];
            uint32_t len;
            memcpy(&len, Arena.data() + it.Off, 4);
            char head[16];
            memcpy(head, &it.K1, 8);
            memcpy(head + 8, &it.K2, 8);
            w.Put(head, 16);
            w.Put(Arena.data() + it.Off, 4 + (size_t)len);
        }
        if (!w.Close())
            Fail(path + ": cannot write (is the disk full?)");
        Runs.Paths.push_back(path);
        Items.clear();
        Arena.clear();
    }
    void Fail(const std::string& why)
    {
        if (Ok && Err)
            *Err = why;
        Ok = false;
    }

    struct Run : RunReader {
        uint64_t    K1 = 0, K2 = 0;
        const char* Val = nullptr;
        uint32_t    Len = 0;
        bool Next()
        {
            const char* h = Take(20);
            if (!h)
                return false;
            memcpy(&K1, h, 8);
            memcpy(&K2, h + 8, 8);
            memcpy(&Len, h + 16, 4);
            Val = Take(Len);
            return Val != nullptr;
        }
    };
    std::vector<std::unique_ptr<Run>> Open;
    std::vector<Run*> Heap;
    size_t            MemAt = 0;
    bool              Merging = false;
    Run*              Last = nullptr;
    static bool HeapAfter(const Run* a, const Run* b) { return b->K1 < a->K1 || (b->K1 == a->K1 && b->K2 < a->K2); }
    void Sink()   // Heap[0] down to its place (std::make_heap's order: no run after its children)
    {
        const size_t n = Heap.size();
        size_t i = 0;
        for (;;) {
            size_t c = 2 * i + 1;
            if (c >= n)
                break;
            if (c + 1 < n && HeapAfter(Heap[c], Heap[c + 1]))
                c++;
            if (!HeapAfter(Heap[i], Heap[c]))
                break;
            std::swap(Heap[i], Heap[c]);
            i = c;
        }
    }

    void Finish()
    {
        // a chunk that fills less than half the budget stays: the tree's stage needs the rest (for the word lists
        // and the ids); a larger one is spilled and read back through a small buffer
        if (Runs.Paths.empty() && Bytes() <= Budget / 2) {
            Sort();
            return;
        }
        if (!Items.empty())
            Spill();
        Arena.shrink_to_fit();
        Items.shrink_to_fit();
        Merging = true;
        const size_t per = MergeBuffer;
        for (const std::string& path : Runs.Paths) {
            std::unique_ptr<Run> r(new Run());
            if (!r->Open(path, per, Direct)) {
                Fail(path + ": cannot read: " + strerror(errno));
                return;
            }
            if (r->Next())
                Heap.push_back(r.get());
            Open.push_back(std::move(r));
        }
        std::make_heap(Heap.begin(), Heap.end(), HeapAfter);
    }
    // The next event in key order (its record valid until the next call), false at the end.
    bool Next(uint64_t* k1, uint64_t* k2, const char** val, uint32_t* len)
    {
        if (!Merging) {
            if (MemAt >= Items.size())
                return false;
            // the records lie in the arena in the input's order: fetch a few ahead of their use. Three lines: a
            // record of the generator's shape (about 90 bytes) reaches into a third in about two cases of five, and
            // its word ids, which the tree reads first after its head, are at its end
            if (MemAt + 16 < Items.size()) {
                const char* ahead = Arena.data() + Items[MemAt + 16].Off;
                __builtin_prefetch(ahead);
                __builtin_prefetch(ahead + 64);
                __builtin_prefetch(ahead + 128);
            }
            const Item& it = Items[MemAt++];
            *k1 = it.K1;
            *k2 = it.K2;
            memcpy(len, Arena.data() + it.Off, 4);
            *val = Arena.data() + it.Off + 4;
            return true;
        }
        // the run given last stays on top of the heap: it moves on, and sinks to its place (one pass down, not a
        // pop and a push an event)
        if (Last) {
            if (!Last->Next()) {
                Heap[0] = Heap.back();
                Heap.pop_back();
            }
            Sink();
            Last = nullptr;
        }
        if (Heap.empty())
            return false;
        Last = Heap[0];
        *k1 = Last->K1;
        *k2 = Last->K2;
        *val = Last->Val;
        *len = Last->Len;
        return true;
    }
    void Close()
    {
        Open.clear();
        Heap.clear();
        Runs.RemoveAll();
        Items.clear();
        Items.shrink_to_fit();
        Arena.clear();
        Arena.shrink_to_fit();
    }
    ~EventSorter() { Close(); }
};

// The line breaks ('\n', '\r') of n bytes at p made spaces: 8 bytes at a time, the classic "has a zero byte" test on
// them xor each (exact for whether there is one), a byte at a time only where there is.
inline void LineBreaksToSpaces(char* p, size_t n)
{
    const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
    auto one = [](char& c) {
        if (c == '\n' || c == '\r')
            c = ' ';
    };
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t v;
        memcpy(&v, p + i, 8);
        const uint64_t a = v ^ (ones * '\n'), b = v ^ (ones * '\r');
        if ((((a - ones) & ~a) | ((b - ones) & ~b)) & high)
            for (size_t k = i; k < i + 8; k++)
                one(p[k]);
    }
    for (; i < n; i++)
        one(p[i]);
}

// What a heap block of `cap` bytes costs (std::string's: a terminating byte; malloc's: a header, 16-byte steps);
// nothing for a string kept in place (libstdc++'s short strings, up to 15 bytes).
inline size_t HeapBytes(size_t cap) { return cap > 15 ? (cap + 1 + 8 + 15) & ~(size_t)15 : 0; }

// The search index: a dictionary of folded words (read time), and per word its ordinals, which arrive in ascending
// order (write time) and are kept as varint deltas. When the packer's budget says so the lists are spilled to a run
// file, words in order; runs hold ascending ranges of ordinals, so the merge joins each word's lists run after run,
// streaming them into the shards: one word's list can be a good part of all the events, it is never held whole.
struct WordIndex {
    static constexpr size_t kBlock = (size_t)64 << 10;   // a list past this is kept as blocks: growing never copies it
    std::string* Err = nullptr;
    bool        Ok = true;
    bool        Direct = false;                  // runs written and read past the page cache (Writer)
    size_t      WriteBuffer = (size_t)64 << 10;  // a run's, while spilling
    // word -> id: open addressing, per slot the word's hash (high 32 bits) and id + 1 (0: empty), linear probing
    // from Home; needed while reading only
    std::vector<uint64_t>    Slots;
    size_t                   Mask = 0;   // Slots.size() - 1 (0 while empty)
    size_t                   Used = 0;
    std::vector<std::string> Words;    // id -> word
    size_t                   WordHeap = 0;   // the words' heap blocks
    // Read time: per word, the last event that had it (Stamp's value then), so an event takes each of its words once
    // without looking through the ones it has. The caller sets Stamp per event (never 0: a word starts unseen).
    std::vector<uint32_t>    Seen;
    uint32_t                 Stamp = 0;
    // Write time (Start): per word its list in this run, the first ordinal, then deltas, as varints written in place
    // as they come (the shards copy these bytes): its full blocks (in Full), then its tail in Lists (kIn bytes in the
    // List itself, then a malloc block growing past kBlock; a full one goes to Full as it is, not copied). Order:
    // the ids in the words' order.
    static constexpr uint32_t kIn = 16;
    struct List {
        uint64_t Prev = 0;        // the last ordinal in this run (0 before the first: the first is its own delta)
        uint32_t Size = 0;        // bytes (0: no ordinal in this run)
        uint32_t Cap = kIn;       // room: kIn in In, else Heap's
        union {
            char  In[kIn];
            char* Heap;
        };
        char*       Data() { return Cap > kIn ? Heap : In; }
        const char* Data() const { return Cap > kIn ? Heap : In; }
    };
    struct Block {
        char*  P;
        size_t N;
    };
    std::vector<List>        Lists;
    std::unordered_map<uint32_t, std::vector<Block>> Full;
    std::vector<uint32_t>    Order;
    size_t                   PostBytes = 0;   // the lists' memory (heap blocks, Full's vectors and nodes)
    SpillRuns                Runs;
    size_t                   RunBuffer = (size_t)1 << 20;   // per run, while merging

    // The dictionary's memory (the hash table, the words, the per-word vectors of write time).
    size_t DictBytes() const
    {
        return Slots.capacity() * 8 + Words.capacity() * sizeof(std::string) + WordHeap + Seen.capacity() * 4 +
               Lists.capacity() * sizeof(List) + Order.capacity() * 4;
    }
    // The lists' heap blocks as they are (for a debug dump).
    size_t ListHeap() const
    {
        size_t n = 0;
        for (const List& l : Lists)
            n += l.Cap > kIn ? l.Cap : 0;
        for (const auto& kv : Full)
            for (const Block& b : kv.second)
                n += b.N;
        return n;
    }

    // A word's first slot: from its hash's high 32 bits, the ones a slot keeps, so growing the table finds each
    // word's new slot from its old one (v: a slot, or the hash) without hashing the words again.
    size_t Home(uint64_t v) const { return (size_t)(v >> 32) & Mask; }
    void Grow()
    {
        std::vector<uint64_t> old;
        old.swap(Slots);
        Slots.assign(old.empty() ? 1 << 16 : old.size() * 2, 0);
        Mask = Slots.size() - 1;
        for (uint64_t v : old)
            if (v) {
                size_t at = Home(v);
                while (Slots[at])
                    at = (at + 1) & Mask;
                Slots[at] = v;
            }
    }
    // A new word (the probe ended at an empty slot `at`; none at all before the first word): off the lookup's path.
    __attribute__((noinline)) uint32_t Insert(size_t at, uint64_t h, const char* w, size_t n)
    {
        if ((Used + 1) * 2 > Slots.size()) {
            Grow();
            for (at = Home(h); Slots[at];)
                at = (at + 1) & Mask;
        }
        uint32_t id = (uint32_t)Words.size();
        Slots[at] = (h & 0xFFFFFFFF00000000ULL) | ((uint64_t)id + 1);
        Used++;
        Words.emplace_back(w, n);
        WordHeap += HeapBytes(Words.back().capacity());
        Seen.push_back(0);
        return id;
    }
    uint32_t Id(const char* w, size_t n, uint64_t h)   // h: HashBytes(w, n)
    {
        static const uint64_t none = 0;   // the table before the first word: one empty slot
        const uint64_t tag = h & 0xFFFFFFFF00000000ULL;
        const uint64_t* slots = Slots.empty() ? &none : Slots.data();
        for (size_t at = Home(h);; at = (at + 1) & Mask) {
            const uint64_t v = slots[at];
            if (!v)
                return Insert(at, h, w, n);
            if ((v & 0xFFFFFFFF00000000ULL) == tag) {
                const std::string& x = Words[(uint32_t)v - 1];
                if (x.size() == n && SameBytes(x.data(), w, n))
                    return (uint32_t)v - 1;
            }
        }
    }
    // The id of a word of at most kShort bytes (h: its HashBytes) that the dictionary has, else ~0; the dictionary
    // must have a word (Slots). Id's lookup without a call in it (SameBytes compares in place up to kShort bytes).
    static constexpr size_t kShort = 16;
    uint32_t Find(const char* w, size_t n, uint64_t h) const
    {
        const uint64_t tag = h & 0xFFFFFFFF00000000ULL;
        const uint64_t* slots = Slots.data();
        for (size_t at = Home(h);; at = (at + 1) & Mask) {
            const uint64_t v = slots[at];
            if (!v)
                return ~(uint32_t)0;
            if ((v & 0xFFFFFFFF00000000ULL) == tag) {
                const std::string& x = Words[(uint32_t)v - 1];
                if (x.size() == n && SameBytes(x.data(), w, n))
                    return (uint32_t)v - 1;
            }
        }
    }
    // Whether the current event (Stamp) has word id for the first time (then it has it now).
    bool FirstInEvent(uint32_t id)
    {
        if (Seen[id] == Stamp)
            return false;
        Seen[id] = Stamp;
        return true;
    }
    // The id of a word (h: HashBytes(w, n)), unless the current event (Stamp) had it already: then ~0.
    uint32_t NewInEvent(const char* w, size_t n, uint64_t h)
    {
        const uint32_t id = Id(w, n, h);
        return FirstInEvent(id) ? id : ~(uint32_t)0;
    }
    // The dictionary is complete: the lists start (the hash table goes, the words' order is known).
    void Start()
    {
        const size_t freed = Slots.capacity() * sizeof(uint64_t) + Seen.capacity() * sizeof(uint32_t);
        std::vector<uint64_t>().swap(Slots);
        Mask = 0;
        std::vector<uint32_t>().swap(Seen);
        Words.shrink_to_fit();
        Lists.resize(Words.size());
        // the words' byte order (std::string's): sorted by their first 8 bytes as a big-endian integer (zero-padded,
        // which orders as the bytes do), then each run of equal prefixes by the whole words: most comparisons are of
        // two integers, not two strings through memcmp (the pairs take the room the hash table's slots left)
        std::vector<std::pair<uint64_t, uint32_t>> keyed(Words.size());
        for (uint32_t i = 0; i < (uint32_t)Words.size(); i++)
            keyed[i] = { Key8(Words[i]), i };
        // by key, ties in id order (the pairs' order): a stable radix sort of the ids' order when its second array
        // fits in what the hash table and the stamps left (a large dictionary's, where std::sort's comparisons were
        // a good part of the pack of many distinct words), else std::sort
        if (2 * keyed.size() * sizeof(keyed[0]) <= freed && keyed.size() > 256) {
            std::vector<KeyedIndex> tmp;
            SortKeyedIndexes(&keyed, &tmp);
        } else {
            std::sort(keyed.begin(), keyed.end());
        }
        Order.resize(Words.size());
        for (size_t i = 0; i < keyed.size();) {
            size_t j = i;
            for (; j < keyed.size() && keyed[j].first == keyed[i].first; j++)
                Order[j] = keyed[j].second;
            if (j - i > 1)
                std::sort(Order.begin() + i, Order.begin() + j,
                          [this](uint32_t x, uint32_t y) { return Words[x] < Words[y]; });
            i = j;
        }
    }
    // A word's first 8 bytes as a big-endian integer, zero-padded (which orders as the bytes do): one load when the
    // string's block has 8 bytes to read (capacity() + 1 are its), the bytes past its size masked off.
    static uint64_t Key8(const std::string& w)
    {
        const size_t n = std::min<size_t>(w.size(), 8);
        uint64_t k = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        if (w.capacity() >= 7) {
            memcpy(&k, w.data(), 8);
            k = __builtin_bswap64(k);
            return n < 8 ? k & ~(~(uint64_t)0 >> (8 * n)) : k;
        }
#endif
        for (size_t j = 0; j < 8; j++)
            k = (k << 8) | (j < n ? (uint8_t)w[j] : 0);
        return k;
    }
    // Word id's next ordinal (ascending): its delta from the one before, written at its list's end.
    void Add(uint32_t id, uint64_t ord)
    {
        List& l = Lists[id];
        const uint64_t v = ord - l.Prev;
        l.Prev = ord;
        if (l.Cap - l.Size < 10) {   // (a varint takes at most 10 bytes)
            AddPast(l, id, v);
            return;
        }
        char* const p = l.Data() + l.Size;
        l.Size += (uint32_t)(PutVarint(p, v) - p);
    }
    // Add's rare case: the varint may not fit. It goes in if it does; else the list grows as a std::string would
    // (30 bytes, then twice its room: the budget counts it as it counted the strings these lists were, so the lists
    // spill when they did), or, past kBlock, its block goes to Full as it is and the list starts again in place.
    __attribute__((noinline)) void AddPast(List& l, uint32_t id, uint64_t v)
    {
        char b[10];
        const size_t n = (size_t)(PutVarint(b, v) - b);
        if (l.Size + n > l.Cap) {
            if (l.Cap >= kBlock) {
                std::vector<Block>& f = Full[id];
                const size_t fcap = f.capacity();
                f.push_back(Block{ l.Heap, l.Size });
                PostBytes += (fcap ? 0 : 64) + (f.capacity() - fcap) * sizeof(Block);   // (the block's bytes stay)
                l.Size = 0;
                l.Cap = kIn;
            } else {
                const uint32_t cap = l.Cap > kIn ? l.Cap * 2 : 30;
                char* h;
                if (l.Cap > kIn) {
                    h = (char*)realloc(l.Heap, cap);   // (in place when it can)
                    PostBytes -= HeapBytes(l.Cap);
                } else {
                    h = (char*)malloc(cap);
                    memcpy(h, l.In, l.Size);
                }
                PostBytes += HeapBytes(cap);
                l.Heap = h;
                l.Cap = cap;
            }
        }
        memcpy(l.Data() + l.Size, b, n);
        l.Size += (uint32_t)n;
    }
    // Word id's list emptied for the next run (its blocks freed).
    void Clear(uint32_t id)
    {
        List& l = Lists[id];
        if (l.Cap > kIn)
            free(l.Heap);
        l.Prev = 0;
        l.Size = 0;
        l.Cap = kIn;
    }
    void ClearFull()
    {
        for (auto& kv : Full)
            for (const Block& b : kv.second)
                free(b.P);
        std::unordered_map<uint32_t, std::vector<Block>>().swap(Full);
    }
    // Each piece of word `id`'s list in this run, in order.
    template <typename F>
    void Pieces(uint32_t id, F piece) const
    {
        if (!Full.empty()) {
            auto it = Full.find(id);
            if (it != Full.end())
                for (const Block& b : it->second)
                    piece(b.P, b.N);
        }
        if (Lists[id].Size)
            piece(Lists[id].Data(), Lists[id].Size);
    }
    static uint64_t Count(const char* p, size_t n)   // varints in [p, p + n): their last bytes
    {
        uint64_t c = 0;
        for (size_t i = 0; i < n; i++)
            c += !((uint8_t)p[i] & 0x80);
        return c;
    }
    // This run's lists to a run file, words in order: per word V(id), V(ordinals), V(last ordinal), V(bytes), the
    // list.
    void Spill()
    {
        std::string path = Runs.Next();
        Writer w;
        if (!w.Open(path, WriteBuffer, Direct)) {
            Ok = false;
            *Err = path + ": cannot write: " + strerror(errno);
            return;
        }
        std::string h;
        for (uint32_t id : Order) {
            if (!Lists[id].Size)
                continue;
            uint64_t count = 0, bytes = 0;
            Pieces(id, [&](const char* p, size_t n) {
                count += Count(p, n);
                bytes += n;
            });
            h.clear();
            PutV(&h, id);
            PutV(&h, count);
            PutV(&h, Lists[id].Prev);
            PutV(&h, bytes);
            w.Put(h.data(), h.size());
            Pieces(id, [&](const char* p, size_t n) { w.Put(p, n); });
            Clear(id);
        }
        ClearFull();
        if (!w.Close()) {
            Ok = false;
            *Err = path + ": cannot write (is the disk full?)";
        }
        Runs.Paths.push_back(path);
        PostBytes = 0;
    }
    // Every word in order (Order; each has a list, every word comes from an event): word(text, number of
    // ordinals), then bytes(p, n) as often as it takes to hand over its list (the first ordinal, then deltas, as
    // varints). Either returns false to stop.
    template <typename W, typename B>
    bool ForEach(W word, B bytes)
    {
        if (Runs.Paths.empty()) {
            for (uint32_t id : Order) {
                uint64_t count = 0;
                Pieces(id, [&](const char* p, size_t n) { count += Count(p, n); });
                if (!word(Words[id], count))
                    return false;
                bool go = true;
                Pieces(id, [&](const char* p, size_t n) {
                    if (go)
                        go = bytes(p, n);
                });
                if (!go)
                    return false;
            }
            return true;
        }
        for (uint32_t id : Order)
            if (Lists[id].Size) {
                Spill();
                break;
            }
        if (!Ok)
            return false;
        struct R : RunReader {
            uint32_t Id = 0;
            uint64_t Count = 0, LastOrd = 0, N = 0;
            bool     At = false;   // a list is next
            bool V(uint64_t* v, size_t* used = nullptr)
            {
                *v = 0;
                for (int shift = 0;; shift += 7) {
                    const char* b = Take(1);
                    if (!b || shift > 63)
                        return false;
                    if (used)
                        ++*used;
                    *v |= (uint64_t)((uint8_t)*b & 0x7F) << shift;
                    if (!((uint8_t)*b & 0x80))
                        return true;
                }
            }
            void Next()
            {
                uint64_t id = 0;
                At = V(&id) && V(&Count) && V(&LastOrd) && V(&N);
                Id = (uint32_t)id;
            }
        };
        std::vector<std::unique_ptr<R>> runs;
        for (const std::string& path : Runs.Paths) {
            std::unique_ptr<R> r(new R());
            if (!r->Open(path, RunBuffer, Direct)) {
                Ok = false;
                *Err = path + ": cannot read";
                return false;
            }
            r->Next();
            runs.push_back(std::move(r));
        }
        std::string first;
        for (uint32_t id : Order) {
            uint64_t count = 0;
            for (auto& r : runs)
                if (r->At && r->Id == id)
                    count += r->Count;
            if (!word(Words[id], count))
                return false;
            bool any = false;
            uint64_t last = 0;
            for (auto& r : runs) {   // the runs in ordinal order
                if (!r->At || r->Id != id)
                    continue;
                // the run's first ordinal is itself: in the list, its difference from the run before's last
                uint64_t a = 0;
                size_t used = 0;
                if (!r->V(&a, &used) || used > r->N || (any && a <= last)) {
                    Ok = false;
                    *Err = Runs.Paths[0] + ": cannot read: a run is damaged";
                    return false;
                }
                first.clear();
                PutV(&first, any ? a - last : a);
                if (!bytes(first.data(), first.size()))
                    return false;
                for (uint64_t left = r->N - used; left > 0;) {
                    size_t got = 0;
                    const char* p = r->Piece((size_t)std::min<uint64_t>(left, r->BufferBytes()), &got);
                    if (!p) {
                        Ok = false;
                        *Err = Runs.Paths[0] + ": cannot read: a run ends early";
                        return false;
                    }
                    if (!bytes(p, got))
                        return false;
                    left -= got;
                }
                last = r->LastOrd;
                any = true;
                r->Next();
            }
        }
        return true;
    }
    void Close()
    {
        Runs.RemoveAll();
        std::vector<uint64_t>().swap(Slots);
        Mask = 0;
        std::vector<std::string>().swap(Words);
        for (uint32_t id = 0; id < (uint32_t)Lists.size(); id++)
            Clear(id);
        std::vector<List>().swap(Lists);
        ClearFull();
        std::vector<uint32_t>().swap(Order);
        Used = 0;
        WordHeap = PostBytes = 0;
    }
    ~WordIndex() { Close(); }
};

// The ids: per bucket (TileIdShardKey) its (id, ordinal) entries; when the packer's budget says so all buckets are
// spilled to a run file in bucket order, and the end gathers each bucket from memory and every run, sorts it and
// writes its shard.
struct IdIndex {
    std::string* Err = nullptr;
    bool        Ok = true;
    bool        Direct = false;                  // runs written and read past the page cache (Writer)
    size_t      WriteBuffer = (size_t)64 << 10;  // a run's, while spilling
    std::vector<std::string> Buf;      // bucket -> varint length, id, varint ordinal; ...
    size_t      Bytes = 0;             // the buckets' heap blocks
    SpillRuns                Runs;
    size_t      RunBuffer = (size_t)1 << 20;   // per run, while merging

    // Entries wait in Staged (their bytes, then per entry its bucket and where its bytes end) until a thousand have
    // come (or 64 KB of them: ids may be long), then go to their buckets in one loop. An append to a bucket is a
    // cache miss (its end is anywhere in the buckets' hundreds of MB at 10M events): one an event, between the
    // tree's other work, each was waited for alone; a loop of nothing else has many in flight at once. (A few dozen
    // KB, in the packer's reserve.)
    std::string Staged;                // its first StagedN bytes are the entries (a buffer written in place)
    size_t      StagedN = 0;
    std::vector<std::pair<uint32_t, uint32_t>> StagedAt;
    static constexpr size_t kStaged = 1024, kStagedBytes = (size_t)64 << 10;
    void Add(uint32_t bucket, const char* id, size_t n, uint64_t ord)
    {
        if (Staged.size() < StagedN + n + 20)   // (two varints: at most 20 bytes)
            Staged.resize(std::max(StagedN + n + 20, kStagedBytes + 64));
        char* p = PutVarint(&Staged[StagedN], n);
        memcpy(p, id, n);
        p = PutVarint(p + n, ord);
        StagedN = (size_t)(p - Staged.data());
        StagedAt.emplace_back(bucket, (uint32_t)StagedN);
        if (StagedAt.size() >= kStaged || StagedN >= kStagedBytes)
            Unstage();
    }
    void Unstage()   // the staged entries to their buckets, in the order they came
    {
        uint32_t from = 0;
        for (const std::pair<uint32_t, uint32_t>& s : StagedAt) {
            std::string& b = Buf[s.first];
            const size_t cap = b.capacity();
            b.append(Staged.data() + from, s.second - from);
            if (b.capacity() != cap)
                Bytes += HeapBytes(b.capacity()) - HeapBytes(cap);
            from = s.second;
        }
        StagedN = 0;
        StagedAt.clear();
    }
    void Spill()
    {
        Unstage();
        std::string path = Runs.Next();
        Writer w;
        if (!w.Open(path, WriteBuffer, Direct)) {
            Ok = false;
            *Err = path + ": cannot write: " + strerror(errno);
            return;
        }
        for (uint32_t b = 0; b < (uint32_t)Buf.size(); b++) {
            if (Buf[b].empty())
                continue;
            uint32_t len = (uint32_t)Buf[b].size();
            w.Put(&b, 4);
            w.Put(&len, 4);
            w.Put(Buf[b].data(), len);
            std::string().swap(Buf[b]);
        }
        if (!w.Close()) {
            Ok = false;
            *Err = path + ": cannot write (is the disk full?)";
        }
        Runs.Paths.push_back(path);
        Bytes = 0;
    }
    struct Entry {
        uint64_t         Head;   // the id's first 8 bytes, big-endian, zero-padded: compares as the bytes do
        std::string_view Id;
        uint64_t         Ord;
        bool operator<(const Entry& o) const
        {
            if (Head != o.Head)
                return Head < o.Head;
            int c = Id.compare(o.Id);
            return c < 0 || (c == 0 && Ord < o.Ord);
        }
    };
    // Entries by (id, ordinal): a radix sort on the heads, least significant byte first, between *a and *tmp (the
    // bytes every head shares skipped: an id's first bytes are often alike, and short ids end in zeros); then each
    // run of equal heads (ids that agree in their first 8 bytes, or one id twice) by the whole comparison. The order
    // is std::sort's (the comparison is a total order: ordinals are distinct), for a fifth of its instructions.
    static void SortEntries(std::vector<Entry>* a, std::vector<Entry>* tmp)
    {
        const size_t n = a->size();
        if (n < 64) {
            std::sort(a->begin(), a->end());
            return;
        }
        tmp->resize(n);
        if (RadixSortLsd<8>(a->data(), tmp->data(), n, [](const Entry& x) { return x.Head; }) != a->data())
            a->swap(*tmp);
        Entry* e = a->data();
        for (size_t i = 0, j; i < n; i = j) {
            for (j = i + 1; j < n && e[j].Head == e[i].Head; j++) {
            }
            if (j - i > 1)
                std::sort(e + i, e + j);
        }
    }
    // Every bucket with ids: each(bucket, its entries sorted by (id, ordinal)) returns false to stop; the ids are
    // views valid during the call.
    template <typename F>
    bool ForEach(F each)
    {
        Unstage();
        struct R : RunReader {
            uint32_t    B = 0xFFFFFFFFu;
            const char* P = nullptr;
            uint32_t    N = 0;
            void Next()
            {
                const char* h = Take(8);
                if (!h) {
                    P = nullptr;
                    B = 0xFFFFFFFFu;
                    return;
                }
                memcpy(&B, h, 4);
                memcpy(&N, h + 4, 4);
                P = Take(N);
                if (!P)
                    B = 0xFFFFFFFFu;
            }
        };
        std::vector<std::unique_ptr<R>> runs;
        for (const std::string& path : Runs.Paths) {
            std::unique_ptr<R> r(new R());
            if (!r->Open(path, RunBuffer, Direct)) {
                Ok = false;
                *Err = path + ": cannot read";
                return false;
            }
            r->Next();
            runs.push_back(std::move(r));
        }
        // a bucket's entries from every run and memory, gathered in one buffer, so each entry's id is a view of it
        std::string chunk;
        std::vector<Entry> entries, sorting;
        for (uint32_t b = 0; b < (uint32_t)Buf.size(); b++) {
            chunk.clear();
            for (auto& r : runs)
                if (r->B == b) {
                    chunk.append(r->P, r->N);
                    r->Next();
                }
            const std::string& from = chunk.empty() ? Buf[b] : chunk.append(Buf[b]);
            entries.clear();
            const char* p = from.data();
            const char* end = p + from.size();
            while (p < end) {
                size_t len = (size_t)GetV(&p, end);
                const char* id = p;
                p += len;
                uint64_t head = 0;
                if (len >= 8 || (len > 0 && end - id >= 8)) {   // 8 bytes at once, those past the id cleared
                    memcpy(&head, id, 8);
                    head = __builtin_bswap64(head);
                    if (len < 8)
                        head &= ~(uint64_t)0 << (8 * (8 - len));
                } else {
                    for (size_t k = 0; k < 8; k++)
                        head = (head << 8) | (k < len ? (uint8_t)id[k] : 0);
                }
                entries.push_back(Entry{ head, std::string_view(id, len), GetV(&p, end) });
            }
            if (entries.empty())
                continue;
            SortEntries(&entries, &sorting);
            if (!each(b, entries))
                return false;
            std::string().swap(Buf[b]);
        }
        return true;
    }
    void Close()
    {
        Runs.RemoveAll();
        std::vector<std::string>().swap(Buf);
        std::string().swap(Staged);
        StagedN = 0;
        std::vector<std::pair<uint32_t, uint32_t>>().swap(StagedAt);
    }
    ~IdIndex() { Close(); }
};

// ------------------------------------------------------------------------------------------------ event records

// The record of an event: these fixed fields, then the title, the id, its words (WordIndex ids, varints) and the
// object's text.
struct Fixed {
    int64_t  EndSec;
    int32_t  EndNsec;
    uint32_t Color;
    uint16_t Group;
    uint8_t  Flags, Precision;
    int16_t  StartZone, EndZone;
    uint32_t TitleLen, IdLen, WordsLen, TextLen;
    uint64_t TextOff;    // where the object is in the input (a JSON Lines file), or ~0: it follows in the record
};

// ------------------------------------------------------------------------------------------------ the packer

struct Packer {
    const char*        InPath;
    std::string        OutDir, Tmp;
    PackOptions        Opt;
    PackStats*         St;
    std::string*       Err;

    Timeline           Meta;                 // title card, groups, eras; Story (ordinals) at the end
    std::vector<std::string> StoryIds;       // a JSON Lines input's story, as ids
    bool               StoryAsIds = false;
    EventSorter        Events;
    WordIndex          Words;
    IdIndex            Ids;
    // ---------------------------------------------------------------- memory
    // One cap, PackOptions::MemoryBytes (Mem), on what the packer allocates. Reserve of it is what no budget counts
    // (a batch of JSON Lines read the loader's way, file buffers, the tree's open nodes and covers); each stage's big holders share
    // the rest, counted by what they allocate (capacities, hash slots, arenas), and release it when the stage ends:
    //   read: the event sorter's arena and items, the word dictionary (the arena spills when they fill it);
    //   tree: the sorter's merge buffers (or its arena, if it never spilled), the dictionary, the word lists and the
    //         id buckets (the larger of these two spills when they fill what is left);
    //   search shards: the dictionary, a buffer per run; id shards: a buffer per run, a bucket;
    //   text pages: a pass's text and its lines' places.
    size_t             Mem = 0, Reserve = 0;
    size_t ReadBudget() const
    {
        const size_t used = Reserve + Words.DictBytes();
        return used + Mem / 4 < Mem ? Mem - used : Mem / 4;
    }
    // A sequential file's buffer, written or read (direct reads and writes wait for the disk: few and large are
    // better, up to 1 MB, a 64th of the cap)
    size_t IoBuffer() const { return std::max<size_t>((size_t)64 << 10, std::min<size_t>((size_t)1 << 20, Mem / 64)); }
    size_t RunBuffer(size_t runs, size_t most) const   // a merge's buffer per run: together Mem / 16
    {
        return std::max<size_t>((size_t)16 << 10, std::min(most, Mem / 16 / std::max<size_t>(runs, 1)));
    }
    std::vector<uint32_t> WordIds;           // scratch
    Instant            Min, Max;
    bool               Any = false;
    uint64_t           Seq = 0;
    std::string        Val;                  // scratch: a sort record

    // ---------------------------------------------------------------- reading
    void Extent(Instant a, Instant b)
    {
        if (!Any || a < Min)
            Min = a;
        if (!Any || b > Max)
            Max = b;
        Any = true;
    }

    // The search words of an event: of its title, its text and its tags, each once, in WordIds (NewEvent first).
    void NewEvent()
    {
        WordIds.clear();
        if (++Words.Stamp == 0) {   // (after 2^32 - 1 events: every word unseen again)
            std::fill(Words.Seen.begin(), Words.Seen.end(), 0);
            Words.Stamp = 1;
        }
    }
    void AddWords(const char* s, size_t n) { TileWordsEachOf<AddWord>(s, n, this); }
    // A word of the event (TileWordsEachOf's Each: inlined where the scan finds the word). This runs for every word
    // of every event: a short word the dictionary has is found (WordIndex::Find) and taken without a call; the rest
    // is AddWordPast's.
    CS_FORCE_INLINE static void AddWord(void* user, const char* w, size_t n)
    {
        Packer& p = *(Packer*)user;
        const uint64_t h = HashBytes(w, n);   // (once: AddWordPast takes it too)
        if (n > WordIndex::kShort || p.Words.Slots.empty())
            return p.AddWordPast(w, n, h);
        const uint32_t id = p.Words.Find(w, n, h);
        if (id == ~(uint32_t)0)
            return p.AddWordPast(w, n, h);
        if (!p.Words.FirstInEvent(id))
            return;
        if (p.WordIds.size() == p.WordIds.capacity())
            return p.PushWord(id);
        p.WordIds.push_back(id);
    }
    // AddWord's rare cases: a word new to the dictionary, or long; WordIds full.
    __attribute__((noinline)) void AddWordPast(const char* w, size_t n, uint64_t h)
    {
        const uint32_t id = Words.NewInEvent(w, n, h);
        if (id != ~(uint32_t)0)
            WordIds.push_back(id);
    }
    __attribute__((noinline)) void PushWord(uint32_t id) { WordIds.push_back(id); }

    // One event's sort record, its words in WordIds; the text of its object follows in the record unless it stays in
    // the input at text_off.
    void AddRecord(const Event& e, uint32_t color, const char* title, size_t title_len, const char* id, size_t id_len,
                   const char* text, size_t len, uint64_t text_off)
    {
        Fixed f;
        memset(&f, 0, sizeof(f));
        f.EndSec = e.EndSec;
        f.EndNsec = e.EndNsec;
        f.Group = e.Group;
        f.Flags = e.Flags;
        f.Precision = e.Precision;
        f.StartZone = e.StartZone;
        f.EndZone = e.EndZone;
        f.Color = color;
        f.TitleLen = (uint32_t)title_len;
        f.IdLen = (uint32_t)id_len;
        // the record is written in place in Val after its length (grown, never shrunk: no fill, no appends), as the
        // sorter takes it (one append)
        const bool inline_text = text_off == ~(uint64_t)0;
        const size_t head = sizeof(f) + title_len + id_len;
        const size_t most = 4 + head + WordIds.size() * 5 + (inline_text ? len : 0);   // a u32: at most 5 varint bytes
        if (Val.size() < most)
            Val.resize(std::max(most, Val.size() * 2));
        char* const v = &Val[4];
        char* wb = v + head;
        for (uint32_t w : WordIds)
            wb = PutVarint(wb, w);
        f.WordsLen = (uint32_t)(wb - (v + head));
        f.TextLen = (uint32_t)len;
        f.TextOff = text_off;
        memcpy(v, &f, sizeof(f));
        memcpy(v + sizeof(f), title, title_len);
        memcpy(v + sizeof(f) + title_len, id, id_len);
        // the object on one line: outside strings a raw line break is only whitespace, and inside one it cannot be
        if (inline_text) {
            memcpy(wb, text, len);
            LineBreaksToSpaces(wb, len);
            wb += len;
        }
        Extent(e.Start(), e.End());
        uint64_t k1, k2;
        EventSorter::Key(e.Start(), Seq++, &k1, &k2);
        Events.Budget = ReadBudget();
        const uint32_t rec_len = (uint32_t)(wb - v);
        memcpy(&Val[0], &rec_len, 4);
        Events.Add(k1, k2, Val.data(), 4 + (size_t)rec_len);
    }

    // One event of a loaded timeline (its groups resolved) with the text of its object.
    void AddEvent(const Timeline& tl, const Event& e, const char* text, size_t len, std::string* synth,
                  uint64_t text_off = ~(uint64_t)0)
    {
        if (!text) {   // a CSV row: the event written in the JSON format
            SynthObject(tl, e, synth);
            text = synth->data();
            len = synth->size();
        }
        const EventExtra* x = e.Extra != kNoExtra && e.Extra < tl.Extras.size() ? &tl.Extras[e.Extra] : nullptr;
        const char* title = tl.Str(e.Title);
        const char* id = tl.Str(e.Id);
        const size_t title_len = strlen(title);
        NewEvent();
        AddWords(title, title_len);
        if (e.Text) {
            const char* text_s = tl.Str(e.Text);
            AddWords(text_s, strlen(text_s));
        }
        if (x)
            for (StrId t : x->Tags) {
                const char* tag = tl.Str(t);
                AddWords(tag, strlen(tag));
            }
        AddRecord(e, x ? x->Color : 0, title, title_len, id, strlen(id), text, len, text_off);
    }

    // The event a JSON Lines line gave (the line at `off` in the input).
    void AddLine(const load::LineLoader& ll, uint64_t off)
    {
        const std::string_view title = ll.Title(), text = ll.Text();
        NewEvent();
        if (!title.empty())
            AddWords(title.data(), title.size());
        if (!text.empty())
            AddWords(text.data(), text.size());
        for (int c : ll.Own.Tags) {
            const std::string_view tag = ll.Rec->Nodes[c].String();
            AddWords(tag.data(), tag.size());
        }
        AddRecord(ll.Ev, ll.Color, title.empty() ? "" : title.data(), title.size(), ll.IdAt, ll.IdLen,
                  nullptr, ll.ObjectLen, off + ll.ObjectAt);
    }

    static void SynthObject(const Timeline& tl, const Event& e, std::string* out);

    bool LoadFailed(const LoadResult& res, int line_base, const std::vector<int>* lines)
    {
        for (const Diagnostic& d0 : res.Diagnostics) {
            if (d0.Sev != Severity_Error)
                continue;
            Diagnostic d = d0;
            if (lines && d.Line > 0)
                d.Line = d.Line - 1 < (int)lines->size() ? (*lines)[d.Line - 1] : line_base;
            *Err = FormatDiagnostic(InPath, d);
            return false;
        }
        *Err = std::string(InPath) + ": error: the input does not load";
        return false;
    }

    // What the loader's EventText hook hands over, in the input's order.
    struct TextSink {
        std::vector<Instant> Starts;
        std::vector<size_t>  Ends;       // event i's text is Text[Ends[i - 1], Ends[i]) (Base: [Begins[i], Ends[i]))
        std::vector<size_t>  Begins;
        std::string          Text;
        const char*          Base = nullptr;   // the input stays: its texts are places in it, not copies
        // with Base, a batch of JSON Lines: per line, where it starts in Base and in the input file
        const std::vector<std::pair<size_t, uint64_t>>* FileAt = nullptr;
        bool                 Csv = false;
    };
    static void OnEventText(void* user, const Event& ev, const char* text, size_t len)
    {
        TextSink* s = (TextSink*)user;
        s->Starts.push_back(ev.Start());
        if (!text) {
            s->Csv = true;
            s->Ends.push_back(s->Text.size());
        } else if (s->Base) {
            s->Begins.push_back((size_t)(text - s->Base));
            s->Ends.push_back((size_t)(text - s->Base) + len);
        } else {
            s->Text.append(text, len);
            s->Ends.push_back(s->Text.size());
        }
    }

    // The events of a loaded timeline (sorted by start, stably, by the loader), each with its text: the same stable
    // sort of the input's order says which text is whose. seq0: the input position of the first.
    // in_order: the loader kept the input's order (LoadOptions::KeepOrder), event k is the sink's k.
    bool AddLoaded(const Timeline& tl, const TextSink& sink, bool in_order = false)
    {
        const size_t n = tl.Events.size();
        if (sink.Starts.size() != n) {
            *Err = std::string(InPath) + ": error: the loader and the packer disagree on the events";
            return false;
        }
        std::vector<uint32_t> perm(n);
        for (size_t i = 0; i < n; i++)
            perm[i] = (uint32_t)i;
        if (!in_order)
            std::stable_sort(perm.begin(), perm.end(),
                             [&](uint32_t a, uint32_t b) { return sink.Starts[a] < sink.Starts[b]; });
        std::string synth;
        const uint64_t seq0 = Seq;
        for (size_t k = 0; k < n; k++) {
            uint32_t i = perm[k];
            size_t from = sink.Base ? sink.Begins[i] : i ? sink.Ends[i - 1] : 0;
            const char* base = sink.Base ? sink.Base : sink.Text.data();
            Seq = seq0 + i;
            uint64_t file_off = ~(uint64_t)0;
            if (sink.FileAt && sink.FileAt->size() == n && (*sink.FileAt)[i].first <= from) {
                // every line gave its event: event i is line i
                file_off = (*sink.FileAt)[i].second + (from - (*sink.FileAt)[i].first);
            } else if (sink.FileAt && !sink.FileAt->empty()) {
                auto it = std::upper_bound(sink.FileAt->begin(), sink.FileAt->end(),
                                           std::make_pair(from, ~(uint64_t)0));
                if (it != sink.FileAt->begin()) {
                    --it;
                    file_off = it->second + (from - it->first);
                }
            }
            AddEvent(tl, tl.Events[k], sink.Csv ? nullptr : base + from, sink.Csv ? 0 : sink.Ends[i] - from, &synth,
                     file_off);
        }
        Seq = seq0 + n;
        return true;
    }

    void TakeMeta(Timeline& tl)
    {
        Meta.Title = tl.Title;
        Meta.Description = tl.Description;
        Meta.DescriptionHtml = tl.DescriptionHtml;
        Meta.MediaUrl = tl.MediaUrl;
        Meta.MediaCaption = tl.MediaCaption;
        Meta.MediaCredit = tl.MediaCredit;
        Meta.Groups = tl.Groups;
        Meta.Eras = tl.Eras;
        for (const Era& e : Meta.Eras)
            Extent(e.Start, e.End);
    }

    bool ReadWhole()
    {
        TextSink sink;
        LoadOptions lo;
        lo.EventText = OnEventText;
        lo.EventTextUser = &sink;
        lo.MaxDiagnostics = 10;
        LoadResult res;
        Timeline tl;
        if (!LoadTimelineFile(InPath, lo, &tl, &res))
            return LoadFailed(res, 0, nullptr);
        TakeMeta(tl);
        Meta.Story = tl.Story;   // indices of the sorted events: ordinals
        return AddLoaded(tl, sink);
    }

    bool ReadJsonl();
    load::LineLoader   Lines;                // a JSON Lines input's events, a line at a time
    // A JSON Lines input's lines that are not our format's events (an importer's entries) or that do not parse,
    // from the first such line to the end of its batch, wrapped as one document and read by the loader as a whole
    // file is (so they mean, and fail, as they always have), then added in the input's order.
    struct Batch {
        std::string Buf;
        std::vector<int> Lines;                          // per line of Buf: the input's line
        std::vector<std::pair<size_t, uint64_t>> LineAt; // per event line: its place in Buf and in the file
        TextSink    Sink;
        Timeline    Tl;
        LoadResult  Res;
        bool        Ok = false;
        void Parse();
    };
    std::unique_ptr<Batch> Parsing;                      // the batch read
    bool TakeBatch();                                    // parses Parsing and adds its events
    InputFile In;                                        // a JSON Lines input: its records, then its text pages
    // A JSON Lines input's text pages: per ordinal, where its line is in the input (u64 offset, u32 length), for
    // WriteTextPages, which gathers the lines after the tree is written.
    Writer             TextLocs;
    std::string        TextLocsPath;
    bool WriteTextPages();

    // ---------------------------------------------------------------- writing
    TileManifest M;
    std::vector<LaneAssigner> Lanes;
    std::vector<uint64_t> GroupCounts;
    struct Level {
        bool                   Open = false;
        uint64_t               Index = 0;
        TileNode               Node;         // leaf: the events; inner: the children
        std::vector<TileEvent> Cand;         // inner: candidates for proxies (events or the children's proxies)
        StringPool             CandStrings;
        Instant                LastStart;
    };
    std::vector<Level> Lv;
    std::string        TextPage, Enc;
    // PickProxies' scratch: per (group, lane, bin) its proxy, and the table that finds it
    struct Proxy {
        uint64_t Key, Weight;
        uint32_t Best;
        Duration Length;
    };
    std::vector<Proxy>    ProxyScratch;
    std::vector<uint32_t> ProxySlots, ProxyOf;
    uint64_t           Written = 0;

    std::string NodeDir(uint32_t level) const { return Tmp + "/t/" + std::to_string(level); }

    // A closed node's events (a leaf's) or proxies (an inner node's) as its parent's candidates: copied at once, and
    // the node's titles with them, its pool appended whole (it holds only their titles), each title's place moved by
    // where the pool went; a proxy standing for more than one event keeps no title. (A title at a time, each found
    // by its length and added to the pool, was a tenth of the tree's instructions.)
    static void AddCandidates(Level& p, const TileNode& n)
    {
        const size_t from = p.Cand.size();
        const StrId base = (StrId)p.CandStrings.Bytes.size();
        p.CandStrings.Bytes.append(n.Strings.Bytes);
        p.Cand.insert(p.Cand.end(), n.Events.begin(), n.Events.end());
        for (size_t i = from; i < p.Cand.size(); i++) {
            StrId& t = p.Cand[i].Ev.Title;
            t = p.Cand[i].Weight == 1 && t ? base + t : 0;
        }
    }

    // A finished node: written, and summarised for its parent.
    bool Close(uint32_t level, Instant next)
    {
        Level& L = Lv[level];
        if (!L.Open)
            return true;
        TileNode& n = L.Node;
        n.NextStart = next;
        if (n.Kind == TileKind_Inner)
            PickProxies(L, next);
        EncodeTileNode(n, &Enc);
        std::string path = NodeDir(level) + "/" + std::to_string(n.Index) + ".bin";
        if (!WriteFile(path, Enc.data(), Enc.size(), Err))
            return false;
        St->TileBytes += Enc.size();
        St->LevelBytes[level] += Enc.size();
        if (n.Kind == TileKind_Leaf) {
            St->Leaves++;
            if (!TextLocs.IsOpen()) {   // else WriteTextPages writes it
                std::string tp = Tmp + "/" + TileTextPath(n.Index);
                if (!WriteFile(tp, TextPage.data(), TextPage.size(), Err))
                    return false;
                St->TextBytes += TextPage.size();
                TextPage.clear();
            }
        } else {
            St->InnerNodes++;
        }
        if (level > 0) {
            Level& P = Lv[level - 1];
            TileChild c;
            c.FirstStart = n.FirstStart;
            c.LastStart = L.LastStart;
            c.MaxEnd = n.MaxEnd;
            c.Count = 0;
            if (n.Kind == TileKind_Leaf)
                c.Count = n.Events.size();
            else
                for (const TileChild& cc : n.Children)
                    c.Count += cc.Count;
            c.Bytes = (uint32_t)Enc.size();
            P.Node.Children.push_back(c);
            if (c.MaxEnd > P.Node.MaxEnd)
                P.Node.MaxEnd = c.MaxEnd;
            P.LastStart = L.LastStart;   // (the events come in time order: the last child's last start is the parent's)
            AddCandidates(P, n);
        }
        L.Open = false;
        return true;
    }

    // Per lane and bin of the node's span, the longest candidate, standing for all of them.
    void PickProxies(Level& L, Instant next)
    {
        TileNode& n = L.Node;
        Instant end = next;
        if (end == MaxInstant() || !(end > n.FirstStart))
            end = L.LastStart + MakeDuration(0, 1);
        double span = ToSeconds(end - n.FirstStart);
        const uint32_t bins = std::max<uint32_t>(M.Bins, 1);
        // per (group, lane, bin): the weights summed and the longest candidate (of equal lengths the lowest ordinal),
        // found by an open-addressing table of key -> proxy + 1 (a pass, not a sort of every candidate)
        std::vector<Proxy>& px = ProxyScratch;
        std::vector<uint32_t>& slots = ProxySlots;
        px.clear();
        size_t size = 64;
        while (size < L.Cand.size() * 2)
            size *= 2;
        slots.assign(size, 0);
        const size_t mask = size - 1;
        for (size_t i = 0; i < L.Cand.size(); i++) {
            const TileEvent& te = L.Cand[i];
            double f = span > 0 ? ToSeconds(te.Ev.Start() - n.FirstStart) / span : 0.0;
            uint64_t b = f <= 0 ? 0 : f >= 1 ? bins - 1 : std::min<uint64_t>((uint64_t)(f * bins), bins - 1);
            uint64_t g = te.Ev.Group == kNoGroup ? 0xFFFF : te.Ev.Group;
            const uint64_t key = (g << 40) | ((uint64_t)te.Lane << 32) | b;
            uint64_t h = key * 0x9E3779B97F4A7C15ULL;
            size_t at = (size_t)(h ^ (h >> 29)) & mask;
            while (slots[at] && px[slots[at] - 1].Key != key)
                at = (at + 1) & mask;
            const Duration d = te.Ev.End() - te.Ev.Start();
            if (!slots[at]) {
                px.push_back(Proxy{ key, te.Weight, (uint32_t)i, d });
                slots[at] = (uint32_t)px.size();
                continue;
            }
            Proxy& p = px[slots[at] - 1];
            p.Weight += te.Weight;
            const TileEvent& best = L.Cand[p.Best];
            if (d > p.Length || (d == p.Length && te.Ordinal < best.Ordinal)) {
                p.Best = (uint32_t)i;
                p.Length = d;
            }
        }
        n.Events.clear();
        n.Strings.Clear();
        // in ordinal order (which is time order): the file's deltas stay small. The candidates are in ordinal order
        // (a leaf's events, then each child's proxies, children in order), so the proxies are taken in their best
        // candidate's order: marked, then found in one pass (not a sort of the 72-byte events)
        std::vector<uint32_t>& proxy_of = ProxyOf;   // per candidate: its proxy + 1, 0: none
        proxy_of.assign(L.Cand.size(), 0);
        for (size_t k = 0; k < px.size(); k++)
            proxy_of[px[k].Best] = (uint32_t)k + 1;
        n.Events.reserve(px.size());
        for (size_t i = 0; i < L.Cand.size(); i++) {
            if (!proxy_of[i])
                continue;
            const Proxy& p = px[proxy_of[i] - 1];
            TileEvent te = L.Cand[i];
            te.Weight = (uint32_t)std::min<uint64_t>(p.Weight, 0xFFFFFFFFu);
            const char* title = L.CandStrings.Get(L.Cand[i].Ev.Title);   // (added as is: no std::string made of it)
            te.Ev.Title = te.Weight == 1 ? n.Strings.Add(title, strlen(title)) : 0;
            n.Events.push_back(te);
        }
        L.Cand.clear();
        L.CandStrings.Clear();
    }

    // ---------------------------------------------------------------- covers (tiles.h: "Covers")
    // A range whose end is not behind the leaves opened so far, with the leaf it starts in.
    struct Running {
        Instant     End;
        uint64_t    Leaf;
        TileEvent   Te;
        std::string Title;
    };
    // The running ranges: their records in slots (a slot freed is the next range's, its title's bytes with it),
    // and a heap of (end, leaf, slot), the earliest end first: the heap moves 32 bytes, not a range's 128 and a
    // string, and a range that ends in its own leaf is done without its slot (a cache miss: at 10M events the slots'
    // misses were a twentieth of the pack's time); the slot the next range takes is fetched ahead.
    struct RunEnd {
        Instant  End;
        uint64_t Leaf;
        uint32_t Slot;
    };
    // The free slots are taken from the back, and between two leaves only taken: the next ranges' slots are known
    // a few ahead. A slot fetched just before its range came too late (the next range is often a few events on):
    // each range fetches the slot kRunSlotsAhead ranges on, and the next one's title buffer (its slot fetched by
    // now); a leaf, which frees slots, fetches the next kRunSlotsAhead.
    static constexpr size_t kRunSlotsAhead = 4;
    void FetchRunSlot(size_t k) const   // FreeRunSlots[k]'s
    {
        const char* p = (const char*)&RunSlots[FreeRunSlots[k]];
        __builtin_prefetch(p, 1);
        __builtin_prefetch(p + 64, 1);
    }
    void FetchNextRunSlot() const
    {
        const size_t n = FreeRunSlots.size();
        if (n >= kRunSlotsAhead)
            FetchRunSlot(n - kRunSlotsAhead);
        if (n > 0) {
            const std::string& t = RunSlots[FreeRunSlots[n - 1]].Title;
            if (t.capacity() > 15)
                __builtin_prefetch(t.data(), 1);
        }
    }
    void FetchNextRunSlots() const
    {
        const size_t n = FreeRunSlots.size();
        for (size_t k = n > kRunSlotsAhead ? n - kRunSlotsAhead : 0; k < n; k++)
            FetchRunSlot(k);
    }
    std::vector<Running>    RunSlots;
    std::vector<uint32_t>   FreeRunSlots;
    std::vector<RunEnd>     Runs;
    size_t                  RunTitleBytes = 0;   // the slots' titles' heap blocks (TreeBytes, once a leaf)
    void AddRunning(Instant end, uint64_t leaf, const TileEvent& te, const char* title, size_t title_len)
    {
        uint32_t slot;
        if (!FreeRunSlots.empty()) {
            slot = FreeRunSlots.back();
            FreeRunSlots.pop_back();
        } else {
            slot = (uint32_t)RunSlots.size();
            RunSlots.emplace_back();
        }
        Running& r = RunSlots[slot];
        r.End = end;
        r.Leaf = leaf;
        r.Te = te;
        const size_t cap = r.Title.capacity();
        r.Title.assign(title, title_len);
        RunTitleBytes += HeapBytes(r.Title.capacity()) - HeapBytes(cap);
        // std::push_heap's sift-up (the same moves, so the same heap), the new entry stored once at its place:
        // push_heap read it back 16 bytes at a time right after its 8- and 4-byte stores, a store-forwarding stall
        // (perf at 1M put a third of AddRunning's samples there)
        size_t hole = Runs.size();
        Runs.emplace_back();
        while (hole > 0) {
            const size_t parent = (hole - 1) / 2;
            if (!(end < Runs[parent].End))   // (EndsLater's order: the parent ends no later)
                break;
            Runs[hole] = Runs[parent];
            hole = parent;
        }
        RunEnd& re = Runs[hole];
        re.End = end;
        re.Leaf = leaf;
        re.Slot = slot;
        FetchNextRunSlot();
    }
    // The leaves the running ranges start in, as a count per leaf from the first leaf that has one: ranges are added
    // in leaf order and removed in any, and only the first such leaf is asked for (no tree node per range).
    struct LeafCounts {
        std::deque<uint32_t> Count;   // Count[k]: ranges running from leaf First + k
        uint64_t             First = 0;
        size_t               Total = 0;
        bool Empty() const { return Total == 0; }
        uint64_t Least() const { return First; }   // when not Empty
        void Add(uint64_t leaf)
        {
            if (Total == 0) {
                Count.clear();
                First = leaf;
            }
            while (First + Count.size() <= leaf)
                Count.push_back(0);
            Count[(size_t)(leaf - First)]++;
            Total++;
        }
        void Remove(uint64_t leaf)
        {
            Count[(size_t)(leaf - First)]--;
            Total--;
            while (!Count.empty() && Count.front() == 0) {
                Count.pop_front();
                First++;
            }
        }
        void Clear()
        {
            Count.clear();
            Total = 0;
        }
    };
    LeafCounts              RunLeaves;
    // A cover being filled: its events in memory, in blocks (below), and those spilled before to its run file,
    // read back when it is written. Node holds its kind, level and index; its events and titles are gathered into
    // it (CoverScratch's vectors) only to be written.
    struct Cover {
        TileNode            Node;
        std::vector<char*>  EventBlocks, TitleBlocks;
        uint32_t            Held = 0;         // events in EventBlocks
        size_t              TitleBytes = 1;   // as a StringPool's size: its first NUL, then the titles in TitleBlocks
        uint64_t            Spilled = 0;      // events in the run file
        size_t              SpilledTitles = 0;  // their titles' bytes, with a NUL each
    };
    // Covers being filled, by (the node's first leaf, level, index): final once no running range starts before
    // that leaf. A long range holds back every cover it reaches until it ends (at 100M events 0.8 GB of them at
    // once): past CoverCap, or when the tree stage's pool is full and they are its largest part, they spill.
    std::map<std::tuple<uint64_t, uint32_t, uint64_t>, Cover> Covers;
    std::vector<std::vector<bool>> CoverWritten;   // per level, per node
    // Per level, per node: its cover in Covers while it is being filled, else null. A range goes to a few covers
    // and the next ranges mostly to the same ones: found here, not by a search of the map each (its tuple keys'
    // comparisons were a fifth of AddCover's time at 10M events).
    std::vector<std::vector<Cover*>> CoverAt;
    // The covers' events and titles are kept in blocks of CoverBlock bytes, which the packer keeps once made: a
    // written or spilled cover's blocks go to the next ones to fill. As growing vectors, every cover grew by
    // doubling from nothing (each step a copy), a spill freed them all to grow again, and past malloc's mapping
    // threshold or once the heap was trimmed each step was fresh pages: at 100M events 4.3M page faults in the tree
    // stage, and the spill trigger summed every cover's vectors a leaf. Blocks are made one at a time and freed
    // only when the tree stage's pool is full (ReleaseCoverBlocks) or the tree is written.
    size_t                  CoverBlock = 16 << 10;   // bytes; set where CoverCap is (WriteAll)
    uint32_t                CoverBlockEvents = 0;    // events a block holds
    std::vector<char*>      FreeCoverBlocks;
    size_t                  CoverBlocksMade = 0;
    size_t                  CoverHeldBytes = 0;      // the covers' own: 128 a cover, its block lists' capacity
    TileNode                CoverScratch;            // the vectors a cover is gathered into to be written
    char* TakeCoverBlock()
    {
        if (FreeCoverBlocks.empty()) {
            CoverBlocksMade++;
            return new char[CoverBlock];
        }
        char* b = FreeCoverBlocks.back();
        FreeCoverBlocks.pop_back();
        return b;
    }
    void GiveCoverBlocks(std::vector<char*>* blocks)
    {
        FreeCoverBlocks.insert(FreeCoverBlocks.end(), blocks->begin(), blocks->end());
        blocks->clear();
    }
    // a cover's blocks back to the free ones: it holds nothing in memory
    void EmptyCover(Cover* c)
    {
        GiveCoverBlocks(&c->EventBlocks);
        GiveCoverBlocks(&c->TitleBlocks);
        c->Held = 0;
        c->TitleBytes = 1;
    }
    void ReleaseCoverBlocks()
    {
        for (char* b : FreeCoverBlocks)
            delete[] b;
        CoverBlocksMade -= FreeCoverBlocks.size();
        std::vector<char*>().swap(FreeCoverBlocks);
    }
    size_t CoverFreeBytes() const { return FreeCoverBlocks.size() * CoverBlock + FreeCoverBlocks.capacity() * 8; }
    // the titles' bytes of a cover's blocks, in order (through f(bytes, n))
    template <class F>
    void EachTitleSpan(const Cover& c, F f) const
    {
        size_t left = c.TitleBytes - 1;
        for (size_t k = 0; left > 0; k++) {
            const size_t n = std::min(left, CoverBlock);
            f(c.TitleBlocks[k], n);
            left -= n;
        }
    }
    // the events of a cover's blocks, in order (through f(events, n))
    template <class F>
    void EachEventSpan(const Cover& c, F f) const
    {
        size_t left = c.Held;
        for (size_t k = 0; left > 0; k++) {
            const size_t n = std::min<size_t>(left, CoverBlockEvents);
            f((const TileEvent*)c.EventBlocks[k], n);
            left -= n;
        }
    }
    std::string             CoverRunPrefix;   // a cover's run file: CoverRunPrefix + "level-index.run"
    std::vector<char>       CoverIo;      // the buffer a cover's run file is written and read through
    // What the covers may hold (also while one leaf's ended ranges, or at the end every running one, are put in them).
    size_t                  CoverCap = ~(size_t)0;
    uint32_t                CoverPuts = 0;

    // Runs' heap order, the earliest end on top: a type, not a function, so the heap's compares are inlined (through
    // a function pointer each compare was a call: 50 instructions an event at 100k events)
    struct EndsLater {
        bool operator()(const RunEnd& a, const RunEnd& b) const { return b.End < a.End; }
    };

    uint32_t CoverLevels = 1;   // M.CoverLevels()

    // The first leaf of a node of the covers' tree.
    uint64_t FirstLeaf(uint32_t level, uint64_t index) const
    {
        uint64_t f = index;
        for (uint32_t l = level; l + 1 < CoverLevels; l++)
            f *= M.CoverFanout;
        return f;
    }

    void PutCover(uint32_t level, uint64_t index, const Running& r)
    {
        Cover*& at = CoverAt[level][index];
        if (!at) {
            at = &Covers[std::make_tuple(FirstLeaf(level, index), level, index)];
            at->Node.Kind = TileKind_Cover;
            at->Node.Level = level;
            at->Node.Index = index;
            CoverHeldBytes += 128;
        }
        Cover& c = *at;
        const size_t lists = c.EventBlocks.capacity() + c.TitleBlocks.capacity();
        if (c.Held == c.EventBlocks.size() * CoverBlockEvents)
            c.EventBlocks.push_back(TakeCoverBlock());
        char* slot = c.EventBlocks.back() + (c.Held - (c.EventBlocks.size() - 1) * CoverBlockEvents) * sizeof(TileEvent);
        TileEvent* te = new (slot) TileEvent(r.Te);
        c.Held++;
        // the title as StringPool::Add puts it: "" at 0, else where its bytes and a NUL go
        te->Ev.Title = 0;
        if (!r.Title.empty()) {
            te->Ev.Title = (StrId)c.TitleBytes;
            const char* p = r.Title.c_str();
            for (size_t left = r.Title.size() + 1; left > 0;) {   // (with its NUL)
                if (c.TitleBytes - 1 == c.TitleBlocks.size() * CoverBlock)
                    c.TitleBlocks.push_back(TakeCoverBlock());
                const size_t used = c.TitleBytes - 1 - (c.TitleBlocks.size() - 1) * CoverBlock;
                const size_t n = std::min(left, CoverBlock - used);
                memcpy(c.TitleBlocks.back() + used, p, n);
                p += n;
                left -= n;
                c.TitleBytes += n;
            }
        }
        CoverHeldBytes += (c.EventBlocks.capacity() + c.TitleBlocks.capacity() - lists) * sizeof(char*);
    }

    // A range that starts in leaf r.Leaf and reaches into the first starts of leaves up to `last`: put it in the
    // covers of the fewest nodes of the covers' tree whose leaves are exactly r.Leaf + 1 .. last.
    bool AddCover(const Running& r, uint64_t last)
    {
        if ((++CoverPuts & 1023) == 0 && CoverBytes() > CoverCap && !SpillCovers(false))
            return false;
        uint64_t a = r.Leaf + 1, b = last + 1;
        uint32_t level = CoverLevels - 1;
        const uint64_t F = M.CoverFanout;
        while (a < b && level > 0) {
            if (a % F == 0 && b % F == 0) {
                a /= F, b /= F, level--;
                continue;
            }
            if (a / F == (b - 1) / F) {
                for (; a < b; a++)
                    PutCover(level, a, r);
                break;
            }
            while (a % F)
                PutCover(level, a++, r);
            while (b % F)
                PutCover(level, --b, r);
        }
        return true;
    }

    std::string CoverRunPath(const TileNode& c) const
    {
        return CoverRunPrefix + std::to_string(c.Level) + "-" + std::to_string(c.Index) + ".run";
    }
    FILE* OpenCoverRun(const std::string& path, const char* mode)
    {
        FILE* f = fopen(path.c_str(), mode);
        if (!f) {
            *Err = path + ": cannot open: " + strerror(errno);
            return nullptr;
        }
        CoverIo.resize((size_t)64 << 10);
        setvbuf(f, CoverIo.data(), _IOFBF, CoverIo.size());
        return f;
    }

    // Every cover's events in memory appended to its run file, their blocks kept for the covers to fill next (or,
    // with release, freed): a block of the count and the titles' bytes (two u64), the events as they are (a title:
    // its offset in the block's titles, 0 for none), then the titles (the pool's bytes after its first NUL). A write
    // a block of memory, not one an event (at 100M events the spills' per-event fwrites and the read-back's
    // per-event freads were the most of the tree stage's time).
    bool SpillCovers(bool release)
    {
        for (auto& kv : Covers) {
            Cover& c = kv.second;
            if (c.Held == 0)
                continue;
            const std::string path = CoverRunPath(c.Node);
            FILE* f = OpenCoverRun(path, "ab");
            if (!f)
                return false;
            const uint64_t head[2] = { c.Held, c.TitleBytes - 1 };
            bool ok = fwrite(head, sizeof(head), 1, f) == 1;
            EachEventSpan(c, [&](const TileEvent* ev, size_t n) { ok = ok && fwrite(ev, sizeof(TileEvent), n, f) == n; });
            EachTitleSpan(c, [&](const char* t, size_t n) { ok = ok && fwrite(t, 1, n, f) == n; });
            ok = fflush(f) == 0 && !ferror(f) && ok;
            fclose(f);
            if (!ok) {
                *Err = path + ": cannot write (is the disk full?)";
                return false;
            }
            c.Spilled += head[0];
            c.SpilledTitles += head[1];
            EmptyCover(&c);
            St->CoverRuns++;
        }
        std::vector<char>().swap(CoverIo);
        if (release)
            ReleaseCoverBlocks();
        return true;
    }

    // The run files of the covers not written (a pack that failed).
    void DropCoverRuns()
    {
        for (auto& kv : Covers)
            if (kv.second.Spilled) {
                remove(CoverRunPath(kv.second.Node).c_str());
                kv.second.Spilled = 0;
            }
    }
    ~Packer()
    {
        DropCoverRuns();
        FreeCovers();
    }

    // A block's events' titles moved by `base`, the offset in the cover's pool its titles' bytes were put at, less
    // one (a block's titles start after its pool's first NUL): the pool is then what StringPool::Add of each title
    // in turn made.
    static void MoveTitles(TileEvent* ev, size_t n, StrId base)
    {
        for (size_t i = 0; i < n; i++)
            if (ev[i].Ev.Title)
                ev[i].Ev.Title += base;
    }

    // A cover's spilled events back from its run file into its node's empty vectors (the file is removed): each block
    // read straight into the events and the titles' pool, its titles' offsets moved.
    bool ReadCoverRun(Cover& c)
    {
        TileNode& n = c.Node;
        const std::string path = CoverRunPath(n);
        FILE* f = OpenCoverRun(path, "rb");
        if (!f)
            return false;
        n.Events.resize(c.Spilled);
        bool ok = true;
        uint64_t k = 0;
        while (ok && k < c.Spilled) {
            uint64_t head[2];
            ok = fread(head, sizeof(head), 1, f) == 1 && head[0] <= c.Spilled - k &&
                 head[1] <= c.SpilledTitles + 1 - n.Strings.Bytes.size();
            if (!ok)
                break;
            TileEvent* ev = n.Events.data() + k;
            const size_t at = n.Strings.Bytes.size();
            n.Strings.Bytes.resize(at + head[1]);
            ok = fread(ev, sizeof(TileEvent), head[0], f) == head[0] &&
                 fread(&n.Strings.Bytes[at], 1, head[1], f) == head[1];
            MoveTitles(ev, head[0], (StrId)(at - 1));
            k += head[0];
        }
        fclose(f);
        std::vector<char>().swap(CoverIo);
        remove(path.c_str());
        if (!ok) {
            *Err = path + ": cannot read back what was spilled";
            return false;
        }
        c.Spilled = 0;
        c.SpilledTitles = 0;
        return true;
    }

    // A cover's events, spilled and in blocks, gathered in order into its node, whose vectors are CoverScratch's
    // for the while (their capacity kept from cover to cover); its blocks go back for the next covers.
    bool GatherCover(Cover& c)
    {
        TileNode& n = c.Node;
        n.Events.swap(CoverScratch.Events);
        n.Strings.Bytes.swap(CoverScratch.Strings.Bytes);
        n.Events.clear();
        n.Strings.Clear();
        if (c.SpilledTitles + c.TitleBytes > 0xFFFFFFFFu) {   // StringPool's limit
            *Err = CoverRunPath(n) + ": a cover's titles pass 4 GiB";
            return false;
        }
        n.Events.reserve(c.Spilled + c.Held);
        n.Strings.Bytes.reserve(c.SpilledTitles + c.TitleBytes);
        if (c.Spilled && !ReadCoverRun(c))
            return false;
        const size_t at = n.Events.size();
        const StrId base = (StrId)(n.Strings.Bytes.size() - 1);
        EachEventSpan(c, [&](const TileEvent* ev, size_t k) { n.Events.insert(n.Events.end(), ev, ev + k); });
        MoveTitles(n.Events.data() + at, c.Held, base);
        EachTitleSpan(c, [&](const char* t, size_t k) { n.Strings.Bytes.append(t, k); });
        EmptyCover(&c);
        return true;
    }

    // Events in ordinal order (their ordinals are distinct): the (ordinal, place) pairs sorted, then the events
    // moved into place, a cycle of the permutation at a time (sorting the 72-byte events themselves moved each a
    // dozen times: at 10M events the covers' sorts were 2.5% of the pack's time). The pairs by a radix sort on the
    // ordinal, past a few hundred (std::sort's introsort was still 3% of the pack's time at 10M events: a cover
    // high in the tree holds hundreds of thousands); none when they come in order.
    std::vector<std::pair<uint64_t, uint32_t>> OrderScratch, OrderOther;
    void SortByOrdinal(std::vector<TileEvent>* events)
    {
        std::vector<TileEvent>& ev = *events;
        const size_t n = ev.size();
        bool in_order = true;
        for (size_t i = 1; i < n && in_order; i++)
            in_order = ev[i - 1].Ordinal < ev[i].Ordinal;
        if (in_order)
            return;
        std::vector<KeyedIndex>& from = OrderScratch;   // from[i].second: what goes to i
        from.resize(n);
        for (size_t i = 0; i < n; i++)
            from[i] = std::make_pair(ev[i].Ordinal, (uint32_t)i);
        if (n < 256)
            std::sort(from.begin(), from.end());
        else
            SortKeyedIndexes(&from, &OrderOther);
        for (size_t i = 0; i < n; i++) {
            if (from[i].second == i)
                continue;
            const TileEvent first = ev[i];
            size_t j = i;
            for (;;) {
                const size_t k = from[j].second;
                from[j].second = (uint32_t)j;   // placed
                if (k == i)
                    break;
                ev[j] = ev[k];
                j = k;
            }
            ev[j] = first;
        }
        std::vector<std::pair<uint64_t, uint32_t>>().swap(OrderScratch);
        std::vector<std::pair<uint64_t, uint32_t>>().swap(OrderOther);
    }

    bool WriteCover(Cover& cover)
    {
        if (!GatherCover(cover))
            return false;
        TileNode& c = cover.Node;
        SortByOrdinal(&c.Events);
        EncodeTileCover(c, &Enc);
        if (!WriteFile(Tmp + "/" + TileCoverPath(c.Level, c.Index), Enc.data(), Enc.size(), Err))
            return false;
        St->TileBytes += Enc.size();
        St->CoverBytes += Enc.size();
        CoverWritten[c.Level][c.Index] = true;
        c.Events.swap(CoverScratch.Events);
        c.Strings.Bytes.swap(CoverScratch.Strings.Bytes);
        if (NodeBytes(CoverScratch) > CoverCap / 4)   // (one cover far larger than the rest: not kept for them)
            CoverScratch = TileNode();
        return true;
    }

    // Leaf `leaf` opens at `first`: the ranges that end before it are placed; the covers no running range can
    // reach any more are written.
    bool CoversAt(uint64_t leaf, Instant first)
    {
        while (!Runs.empty() && Runs.front().End < first) {
            std::pop_heap(Runs.begin(), Runs.end(), EndsLater());
            const RunEnd e = Runs.back();
            if (leaf - 1 > e.Leaf && !AddCover(RunSlots[e.Slot], leaf - 1))
                return false;
            RunLeaves.Remove(e.Leaf);
            Runs.pop_back();
            FreeRunSlots.push_back(e.Slot);
        }
        FetchNextRunSlots();
        const uint64_t settled = RunLeaves.Empty() ? leaf : std::min(leaf, RunLeaves.Least());
        while (!Covers.empty() && std::get<0>(Covers.begin()->first) <= settled) {
            if (!WriteCover(Covers.begin()->second))
                return false;
            CoverAt[std::get<1>(Covers.begin()->first)][std::get<2>(Covers.begin()->first)] = nullptr;
            const Cover& c = Covers.begin()->second;
            CoverHeldBytes -= 128 + (c.EventBlocks.capacity() + c.TitleBlocks.capacity()) * sizeof(char*);
            Covers.erase(Covers.begin());
        }
        return true;
    }

    // The end: every running range reaches the last leaf; every cover node but the root has a file, if empty.
    bool FinishCovers(uint64_t leaves)
    {
        for (const RunEnd& e : Runs)
            if (leaves - 1 > e.Leaf && !AddCover(RunSlots[e.Slot], leaves - 1))
                return false;
        Runs.clear();
        RunSlots.clear();
        FreeRunSlots.clear();
        RunTitleBytes = 0;
        RunLeaves.Clear();
        for (auto& kv : Covers) {
            if (!WriteCover(kv.second))
                return false;
            CoverAt[std::get<1>(kv.first)][std::get<2>(kv.first)] = nullptr;
        }
        Covers.clear();
        CoverHeldBytes = 0;
        for (uint32_t l = 1; l < CoverLevels; l++)
            for (uint64_t i = 0; i < CoverWritten[l].size(); i++)
                if (!CoverWritten[l][i]) {
                    Cover c;
                    c.Node.Kind = TileKind_Cover;
                    c.Node.Level = l;
                    c.Node.Index = i;
                    if (!WriteCover(c))
                        return false;
                }
        return true;
    }

    void OpenNode(uint32_t level, uint64_t index, Instant first)
    {
        Level& L = Lv[level];
        L.Open = true;
        L.Index = index;
        // the node's vectors keep their capacity from node to node: a leaf's events, grown anew each leaf, were
        // fresh pages each time (a leaf's worth is past malloc's mmap threshold)
        std::vector<TileEvent> events;
        std::vector<TileChild> children;
        StringPool strings;
        events.swap(L.Node.Events);
        children.swap(L.Node.Children);
        strings.Bytes.swap(L.Node.Strings.Bytes);
        events.clear();
        children.clear();
        strings.Clear();
        L.Node = TileNode();
        L.Node.Events.swap(events);
        L.Node.Children.swap(children);
        L.Node.Strings.Bytes.swap(strings.Bytes);
        L.Node.Level = level;
        L.Node.Index = index;
        L.Node.Kind = M.IsLeafLevel(level) ? TileKind_Leaf : TileKind_Inner;
        L.Node.FirstStart = first;
        L.Node.MaxEnd = first;
    }

    void Dump(const char* stage)
    {
        static const bool on = getenv("CS_PACK_DEBUG") != nullptr;
        if (!on)
            return;
        Mark(stage);
        size_t post = 0, words = 0, ids = 0;
        post += Words.ListHeap();
        for (auto& x : Words.Words) words += x.capacity() > 15 ? x.capacity() : 0;
        for (auto& x : Ids.Buf) ids += x.capacity();
        const size_t cov = CoverBytes() + CoverFreeBytes();
        size_t covn = 0;
        uint64_t spilled = 0;
        for (auto& kv : Covers) {
            covn += kv.second.Held;
            spilled += kv.second.Spilled;
        }
        size_t cand = 0;
        for (auto& L : Lv) cand += L.Cand.capacity() * sizeof(TileEvent) + L.Node.Events.capacity() * sizeof(TileEvent);
        size_t runbuf = 0;
        for (auto& r : Events.Open) runbuf += r->Buf.capacity() + r->D.N;
        fprintf(stderr, "pack: %s: events arena %zu/%zu MB items %zu MB runbufs %zu MB (%zu runs); words %zu (slots %zu MB, "
                "strings %zu MB, post %zu MB, counted %zu MB, %zu runs); ids %zu MB counted %zu MB (%zu runs); covers %zu "
                "(%zu events, %zu MB; %" PRIu64 " spilled, %" PRIu64 " run appends); running %zu; cand %zu MB; textpage %zu MB; dict %zu MB, budget %zu MB\n",
                stage, Events.Arena.size() >> 20, Events.Arena.capacity() >> 20,
                (Events.Items.capacity() * sizeof(EventSorter::Item)) >> 20, runbuf >> 20, Events.Runs.Paths.size(),
                Words.Words.size(), (Words.Slots.capacity() * 8) >> 20, words >> 20, post >> 20, Words.PostBytes >> 20,
                Words.Runs.Paths.size(), ids >> 20, Ids.Bytes >> 20, Ids.Runs.Paths.size(), Covers.size(), covn,
                cov >> 20, spilled, St->CoverRuns, Runs.size(), cand >> 20, TextPage.capacity() >> 20, Words.DictBytes() >> 20, Events.Budget >> 20);
    }
    // What the tree being written holds: its open nodes with their candidates, the running ranges, the covers being
    // filled; counted once a leaf, so with room for its largest vector to double before the next count.
    static size_t NodeBytes(const TileNode& n)
    {
        return n.Events.capacity() * sizeof(TileEvent) + n.Children.capacity() * sizeof(TileChild) +
               HeapBytes(n.Strings.Bytes.capacity());
    }
    size_t TreeBytes() const
    {
        size_t b = Lv.capacity() * sizeof(Level) + Runs.capacity() * sizeof(RunEnd) +
                   RunSlots.capacity() * sizeof(Running) + FreeRunSlots.capacity() * 4 + RunLeaves.Count.size() * 4 +
                   HeapBytes(TextPage.capacity()) + HeapBytes(Enc.capacity());
        size_t most = 0;
        for (const Level& L : Lv) {
            b += NodeBytes(L.Node) + L.Cand.capacity() * sizeof(TileEvent) + HeapBytes(L.CandStrings.Bytes.capacity());
            most = std::max(most, std::max(L.Cand.capacity(), L.Node.Events.capacity()) * sizeof(TileEvent));
        }
        b += 2 * most;
        b += RunTitleBytes;
        return b + CoverBytes() + CoverFreeBytes() + NodeBytes(CoverScratch);
    }
    // What the covers being filled hold: their blocks and lists (the blocks kept free and the vectors a cover is
    // written from count in TreeBytes)
    size_t CoverBytes() const
    {
        return (CoverBlocksMade - FreeCoverBlocks.size()) * CoverBlock + CoverHeldBytes;
    }
    // Every cover's blocks and the free ones freed, the covers forgotten (their run files stay: DropCoverRuns).
    void FreeCovers()
    {
        for (auto& kv : Covers)
            EmptyCover(&kv.second);
        ReleaseCoverBlocks();
        Covers.clear();
        CoverHeldBytes = 0;
        CoverScratch = TileNode();
    }
    // The tree is written: its state goes (the lanes and group counts stay for the manifest).
    void EndTree()
    {
        std::vector<Level>().swap(Lv);
        std::vector<RunEnd>().swap(Runs);
        std::vector<Running>().swap(RunSlots);
        std::vector<uint32_t>().swap(FreeRunSlots);
        RunTitleBytes = 0;
        RunLeaves.Clear();
        std::deque<uint32_t>().swap(RunLeaves.Count);
        DropCoverRuns();
        FreeCovers();
        std::vector<std::vector<bool>>().swap(CoverWritten);
        std::vector<std::vector<Cover*>>().swap(CoverAt);
        std::string().swap(TextPage);
        std::string().swap(Enc);
        std::vector<Proxy>().swap(ProxyScratch);
        std::vector<uint32_t>().swap(ProxySlots);
        std::vector<uint32_t>().swap(ProxyOf);
    }
    bool WriteAll();
    bool WriteWordShards();
    bool WriteIdShards();
    bool Run();
};


void Packer::SynthObject(const Timeline& tl, const Event& e, std::string* out)
{
    std::string& s = *out;
    s = "{\"start\": ";
    AppendJsonString(&s, FormatIso(e.Start(), e.StartPrecision()));
    if (e.Flags & EventFlags_HasEnd) {
        s += ", \"end\": ";
        AppendJsonString(&s, FormatIso(e.End(), e.EndPrecision()));
    }
    if (e.Id) {
        s += ", \"id\": ";
        AppendJsonString(&s, tl.Str(e.Id));
    }
    s += ", \"title\": ";
    AppendJsonString(&s, tl.Str(e.Title));
    if (e.Text) {
        s += ", \"text\": ";
        AppendJsonString(&s, tl.Str(e.Text));
    }
    if (e.Group != kNoGroup && e.Group < tl.Groups.size()) {
        s += ", \"group\": ";
        AppendJsonString(&s, tl.Groups[e.Group].Id);
    }
    if (e.IsMilestone())
        s += ", \"milestone\": true";
    if (e.Extra != kNoExtra && e.Extra < tl.Extras.size()) {
        const EventExtra& x = tl.Extras[e.Extra];
        if (!x.Tags.empty()) {
            s += ", \"tags\": [";
            for (size_t i = 0; i < x.Tags.size(); i++) {
                if (i)
                    s += ", ";
                AppendJsonString(&s, tl.Str(x.Tags[i]));
            }
            s += "]";
        }
        if (x.Link) {
            s += ", \"link\": ";
            AppendJsonString(&s, tl.Str(x.Link));
        }
        if (x.MediaUrl) {
            s += ", \"media\": {\"url\": ";
            AppendJsonString(&s, tl.Str(x.MediaUrl));
            s += ", \"caption\": ";
            AppendJsonString(&s, tl.Str(x.MediaCaption));
            s += ", \"credit\": ";
            AppendJsonString(&s, tl.Str(x.MediaCredit));
            s += "}";
        }
    }
    s += "}";
}

void Packer::Batch::Parse()
{
    Sink.Base = Buf.data();
    Sink.FileAt = &LineAt;
    LoadOptions lo;
    lo.EventText = OnEventText;
    lo.EventTextUser = &Sink;
    lo.MaxDiagnostics = 10;
    lo.ProgressEvery = 0;
    lo.KeepOrder = true;
    lo.JsonLines = true;
    Ok = LoadTimeline(Buf.data(), Buf.size(), lo, &Tl, &Res);
}

bool Packer::TakeBatch()
{
    if (!Parsing)
        return true;
    std::unique_ptr<Batch> b(std::move(Parsing));
    b->Parse();
    if (!b->Ok)
        return LoadFailed(b->Res, b->Lines.empty() ? 0 : b->Lines.back(), &b->Lines);
    return AddLoaded(b->Tl, b->Sink, true);
}

// A JSON Lines input: the first line may be the timeline's other fields; every other line is one event.
bool Packer::ReadJsonl()
{
    // a batch read the loader's way and the reads are a small part of the memory cap (whole blocks of the file, for
    // direct reads)
    const size_t kBlock =
        std::max<size_t>((size_t)64 << 10, std::min<size_t>((size_t)8 << 20, Mem / 128)) & ~(InputFile::kAlign - 1);
    const size_t kBatch = std::max<size_t>((size_t)64 << 10, std::min<size_t>((size_t)24 << 20, Mem / 128));
    std::string pending, prefix;
    std::unique_ptr<Batch> next;   // the batch being read, while lines go the loader's way
    Block block;
    if (!block.Reserve(kBlock)) {
        *Err = std::string(InPath) + ": error: out of memory";
        return false;
    }
    int line = 0;
    bool first = true;
    std::string groups;   // the timeline's groups, as JSON: each batch starts with them
    size_t events_in_batch = 0;
    auto start_batch = [&]() {
        if (groups.empty())
            WriteGroupsJson(Meta, &groups);
        next.reset(new Batch());
        next->Buf.reserve(kBatch + kBatch / 16);
        next->Buf.assign("{\"groups\": ");   // the batch is JSON Lines too: the window's reading, word for word
        next->Buf += groups;
        next->Buf += "}\n";
        next->Lines.assign(1, line);
        events_in_batch = 0;
    };
    // the batch read is parsed and added; the lines after it are read one at a time again
    auto flush = [&]() -> bool {
        std::unique_ptr<Batch> b(std::move(next));
        if (!b || !events_in_batch)
            return true;
        Parsing = std::move(b);
        return TakeBatch();
    };
    auto one_line = [&](const char* p, size_t n, uint64_t off) -> bool {
        line++;
        size_t a = 0;
        while (a < n && (p[a] == ' ' || p[a] == '\t' || p[a] == '\r'))
            a++;
        if (a == n)
            return true;   // a blank line
        if (first) {
            first = false;
            load::Record rec;
            std::string perr;
            if (load::ReadJsonValue(p, n, &rec, &perr) && load::JsonLinesHeader(rec)) {
                // the timeline's fields
                LoadOptions lo;
                lo.StoryIds = &StoryIds;
                lo.MaxDiagnostics = 10;
                LoadResult res;
                Timeline tl;
                std::string doc(p, n);
                if (!LoadTimeline(doc.data(), doc.size(), lo, &tl, &res)) {
                    std::vector<int> map(1, line);
                    return LoadFailed(res, line, &map);
                }
                if (!tl.Events.empty()) {
                    *Err = std::string(InPath) + ":" + std::to_string(line) + ":1: error: " + load::kJsonLinesHeaderEvents;
                    return false;
                }
                TakeMeta(tl);
                StoryAsIds = !StoryIds.empty();
                Lines.Begin(Meta.Groups, 10);
                return true;
            }
            Lines.Begin(Meta.Groups, 10);
        }
        if (!next) {
            switch (Lines.Read(p, n)) {
            case load::LineLoader::Line_Event:
                AddLine(Lines, off);
                return true;
            case load::LineLoader::Line_Failed: {
                std::vector<int> map(1, line);
                return LoadFailed(Lines.LineRes, line, &map);
            }
            default:
                start_batch();
            }
        }
        std::string& buf = next->Buf;
        next->LineAt.emplace_back(buf.size(), off);
        buf.append(p, n);
        buf += '\n';
        next->Lines.push_back(line);
        events_in_batch++;
        if (buf.size() >= kBatch)
            return flush();
        return true;
    };
    Clock::time_point t0 = Clock::now();
    uint64_t pending_off = 0;
    for (;;) {
        const uint64_t block_off = St->InputBytes;
        const int64_t r = In.ReadAt(block.P, kBlock, block_off);
        if (r < 0) {
            *Err = std::string(InPath) + ": error: cannot read: " + strerror(errno);
            return false;
        }
        const size_t got = (size_t)r;
        St->InputBytes += got;
        if (got == 0)
            break;
        const bool last = got < kBlock;   // (no read after it: a direct read past the end would not be aligned)
        const char* p = block.P;
        const char* end = p + got;
        while (p < end) {
            const char* nl = (const char*)memchr(p, '\n', (size_t)(end - p));
            if (!nl) {
                if (pending.empty())
                    pending_off = block_off + (uint64_t)(p - block.P);
                pending.append(p, (size_t)(end - p));
                break;
            }
            bool ok;
            if (!pending.empty()) {
                pending.append(p, (size_t)(nl - p));
                ok = one_line(pending.data(), pending.size(), pending_off);
                pending.clear();
            } else {
                ok = one_line(p, (size_t)(nl - p), block_off + (uint64_t)(p - block.P));
            }
            if (!ok)
                return false;
            p = nl + 1;
        }
        if (Opt.Progress)
            Opt.Progress(Opt.ProgressUser, "read", Seq, 0);
        if (last)
            break;
    }
    if (!pending.empty() && !one_line(pending.data(), pending.size(), pending_off))
        return false;
    (void)t0;
    return flush();
}

// The search shards: the words in order, each shard the run of words with one key (TileShardKey), streamed to its
// file (a word's list is not held whole).
bool Packer::WriteWordShards()
{
    const std::vector<uint32_t>& order = Words.Order;
    Writer w;
    std::string path, head;
    uint64_t left = 0;                   // words still to come in the open shard
    size_t at = 0;                       // the word's place in order
    const std::string* prev = nullptr;   // the word before, in this shard
    // does word k have this key (a view of the shard's first word)?
    auto has_key = [&](size_t k, std::string_view key) {
        const std::string& word = Words.Words[order[k]];
        return word.size() >= key.size() && !memcmp(word.data(), key.data(), key.size()) &&
               TileShardKeyLength(word.data(), word.size()) == key.size();
    };
    auto close = [&]() -> bool {
        if (!w.IsOpen())
            return true;
        if (!w.Close()) {
            *Err = path + ": cannot write (is the disk full?)";
            return false;
        }
        St->Shards++;
        return true;
    };
    auto put = [&](const char* p, size_t n) -> bool {
        St->ShardBytes += n;
        return w.Put(p, n);
    };
    auto word = [&](const std::string& word, uint64_t count) -> bool {
        if (at == order.size() || &Words.Words[order[at]] != &word) {
            *Err = std::string(InPath) + ": error: the search index lost a word";
            return false;
        }
        if (!left) {   // the next shard: as many words as share this one's key
            if (!close())
                return false;
            const std::string key = TileShardKey(word.data(), word.size());
            for (size_t k = at; k < order.size() && has_key(k, key); k++)
                left++;
            path.assign(Tmp).append("/").append(TileShardPath(key));
            if (!w.Open(path)) {
                *Err = path + ": cannot write: " + strerror(errno);
                return false;
            }
            head.clear();
            EncodeTileShardHead(left, &head);
            put(head.data(), head.size());
            prev = nullptr;
        }
        head.clear();
        EncodeTileShardWord(prev, word, count, &head);
        prev = &word;
        left--;
        at++;
        return put(head.data(), head.size());
    };
    bool ok = Words.ForEach(word, put);
    return ok && Words.Ok && close();
}

// Where a JSON Lines input gives an id the second time: "FILE:LINE:COL" of that "id" string, as the loader reports a
// duplicate within one batch of lines (the id index meets duplicates from different batches only once the input is
// read, by ordinal); "FILE" when no second line has it (an input of another kind). Reads the input again, only
// when the pack fails on the duplicate: lines without the id's bytes are skipped unparsed (an id written with
// escapes is looked for in every line).
static std::string SecondIdPlace(const char* path, const std::string& id)
{
    struct TopId {   // the string of a line's top-level "id" key, and where it starts
        const char** Start = nullptr;
        int          Depth = 0;
        bool         IsId = false;
        bool         Match = false;
        const char*  At = nullptr;
        const std::string* Want = nullptr;
        bool Value() { IsId = false; return true; }
        bool null() { return Value(); }
        bool boolean(bool) { return Value(); }
        bool number_integer(int64_t) { return Value(); }
        bool number_unsigned(uint64_t) { return Value(); }
        bool number_float(double) { return Value(); }
        bool string(std::string& v)
        {
            if (IsId && v == *Want) {
                Match = true;
                At = *Start;
            }
            return Value();
        }
        bool key(std::string& k)
        {
            IsId = Depth == 1 && k == "id";
            return true;
        }
        bool start_object() { IsId = false; Depth++; return true; }
        bool end_object() { Depth--; return true; }
        bool start_array() { IsId = false; Depth++; return true; }
        bool end_array() { Depth--; return true; }
        void syntax_error(size_t, const char*) {}
    };
    FILE* f = fopen(path, "rb");
    if (!f)
        return path;
    std::string place = path;
    for (int pass = 0; pass < 2 && place == path; pass++) {
        rewind(f);
        char* line = nullptr;
        size_t cap = 0;
        ssize_t n;
        int line_no = 0, seen = 0;
        while ((n = getline(&line, &cap, f)) > 0) {
            line_no++;
            if (pass == 0 && !memmem(line, (size_t)n, id.data(), id.size()))
                continue;
            TopId h;
            const char *cursor = nullptr, *start = nullptr;
            h.Start = &start;
            h.Want = &id;
            JsonRead(line, (size_t)n, &h, &cursor, &start);
            if (h.Match && ++seen == 2) {
                int col = 1;
                for (const char* c = line; c < h.At; c++)
                    col += ((unsigned char)*c & 0xC0) != 0x80;
                place = std::string(path) + ":" + std::to_string(line_no) + ":" + std::to_string(col);
                break;
            }
        }
        free(line);
    }
    fclose(f);
    return place;
}

bool Packer::WriteIdShards()
{
    std::unordered_map<std::string, size_t> story;   // id -> its place in the story (a JSON Lines input's)
    if (StoryAsIds) {
        for (size_t i = 0; i < StoryIds.size(); i++)
            if (!story.emplace(StoryIds[i], i).second) {
                *Err = std::string(InPath) + ": error: the story names \"" + StoryIds[i] + "\" twice";
                return false;
            }
        Meta.Story.assign(StoryIds.size(), 0xFFFFFFFFu);
    }
    // one id is one word with one ordinal: the entries' views go to the encoder as they are
    std::vector<std::pair<std::string_view, uint64_t>> cur;
    std::string key;
    bool ok = Ids.ForEach([&](uint32_t bucket, const std::vector<IdIndex::Entry>& entries) {
        const size_t n = entries.size();
        cur.clear();
        for (size_t k = 0; k < n; k++) {
            const IdIndex::Entry& e = entries[k];
            if (k && entries[k - 1].Id == e.Id) {
                const std::string id(e.Id);
                *Err = SecondIdPlace(InPath, id) + ": error: duplicate id \"" + id + "\"";
                return false;
            }
            cur.emplace_back(e.Id, e.Ord);
            if (!story.empty()) {
                key.assign(e.Id.data(), e.Id.size());
                auto it = story.find(key);
                if (it != story.end())
                    Meta.Story[it->second] = (uint32_t)e.Ord;
            }
        }
        EncodeTileShardSingles(cur, &Enc);
        if (!WriteFile(Tmp + "/" + TileIdShardPath(std::to_string(bucket)), Enc.data(), Enc.size(), Err))
            return false;
        St->ShardBytes += Enc.size();
        St->Shards++;
        return true;
    });
    if (!ok || !Ids.Ok)
        return false;
    if (StoryAsIds)
        for (size_t i = 0; i < Meta.Story.size(); i++)
            if (Meta.Story[i] == 0xFFFFFFFFu) {
                *Err = std::string(InPath) + ": error: the story names no event \"" + StoryIds[i] + "\"";
                return false;
            }
    return true;
}

// The text pages of a JSON Lines input: each page is its leaf's events' lines, each followed by a line break. The
// lines are where the input has them, in the input's order, not in time order: reading each back where it is would
// be a small random read per event (a system call or a page fault each, most of the packing time). Instead the
// pages are gathered in passes, as many leaves a pass as the memory cap holds of their text and their lines' places:
// the pass's lines are sorted by their place in the input, the input is read through in large sequential blocks,
// each line is copied to its place in its page, and the pages are written. Inputs whose text fits take one pass.
//
// A pass's lines are anywhere in the input (its leaves are a stretch of time, the input is in any order), so each
// pass read all of it: at 100M events (12.8 GB, twenty passes) a quarter of a terabyte. When the input is several
// times what a pass holds, the lines are spread instead: each pass's lines, sorted by their place, go to a file of
// their own (place, length, place in the pass's pages); one read of the input, in the order of all the passes'
// lines merged, appends each line to its pass's text file; then each pass reads its two files through and writes
// its pages. The input is read once, and each line written and read once more.
bool Packer::WriteTextPages()
{
    Clock::time_point t0 = Clock::now();
    const std::string path = TextLocsPath;
    if (!TextLocs.Close()) {
        *Err = path + ": cannot write (is the disk full?)";
        return false;
    }
    struct RemoveAfter {
        std::vector<std::string> P;
        ~RemoveAfter()
        {
            for (const std::string& p : P)
                remove(p.c_str());
        }
    } remove_after{ { path } };
    RunReader locs;
    if (!locs.Open(path, IoBuffer(), Opt.DirectIo)) {
        *Err = path + ": cannot read: " + strerror(errno);
        return false;
    }
    const uint64_t n = M.Events, per = M.LeafEvents;
    const uint64_t leaves = n ? (n + per - 1) / per : 1;   // no events: one empty leaf
    struct Line {
        uint64_t Off;
        uint32_t Len;
        uint64_t At;    // where it goes in the pass's pages
    };
    // The lines by their place in the input (each place once), 11 bits of Off a pass; returns the array that holds
    // the result. A comparison sort was most of the text pages' time.
    auto SortByOffset = [](Line* a, Line* b, size_t n) -> const Line* {
        return RadixSortLsd<11>(a, b, n, [](const Line& x) { return x.Off; });
    };
    std::vector<Line> lines, sorted;  // a pass's lines in ordinal order, a radix sort's other half (counted twice)
    std::vector<uint64_t> page_end;   // per leaf of the pass: where its page ends in text
    // the pass's pages; every byte is written (each line, then its line break): not filled first. Each page starts
    // on a whole block (InputFile::kAlign) and is written from here past the page cache (WriteFileDirect).
    Block text;
    const auto whole = InputFile::Whole;
    // the input read through; not filled first (every byte used is read into it: an 8 MB fill was a tenth of the
    // text pages' instructions at 100k events, and as many pages touched whatever the input's size); 256 KB, not
    // 8 MB: the lines are copied out of it while the system's copy into it is still in the core's cache, and the
    // text stage's peak (the peak of the pack) is 8 MB less
    // (whole blocks of the file from a block's start, for direct reads)
    size_t block_size =
        std::max<size_t>((size_t)64 << 10, std::min<size_t>((size_t)256 << 10, Mem / 16)) & ~(InputFile::kAlign - 1);
    Block block;
    if (!block.Reserve(block_size)) {
        *Err = std::string(InPath) + ": error: out of memory";
        return false;
    }
    // The pass's text and its lines' places: what the cap leaves, but at most kTextPass unless the input would then
    // take over 128 passes. The pass's memory is fresh, and fresh memory is dear on the cloud machines we measure on
    // (the kernel clears each page, and the host is slow to hand it back): an 880 MB pass at 10M events cost 2.6 s of
    // clearing pages, 60 % of the text stage's CPU; a smaller one is cleared once and used again, and the input read
    // once more past the page cache costs little.
    constexpr uint64_t kTextPass = (uint64_t)128 << 20;
    struct stat in_st;
    const uint64_t in_size = fstat(In.Fd, &in_st) == 0 ? (uint64_t)in_st.st_size : 0;
    const uint64_t total = in_size + n * (2 * sizeof(Line) + 1);   // the input's text and its lines' places
    const size_t budget = (size_t)std::min<uint64_t>(Mem - Reserve - block_size, std::max(kTextPass, total / 128));
    // one leaf's lines, placed from 0
    std::vector<Line> held;
    bool have_held = false;
    auto read_leaf = [&](uint64_t l, std::vector<Line>* out) -> bool {
        out->clear();
        const uint64_t count = n ? std::min(per, n - l * per) : 0;
        uint64_t b = 0;
        for (uint64_t k = 0; k < count; k++) {
            const char* p = locs.Take(12);
            if (!p) {
                *Err = path + ": cannot read: it ends early";
                return false;
            }
            Line ln;
            memcpy(&ln.Off, p, 8);
            memcpy(&ln.Len, p + 8, 4);
            ln.At = b;
            b += (uint64_t)ln.Len + 1;
            out->push_back(ln);
        }
        return true;
    };
    std::vector<Line> one;
    uint64_t leaf = 0;
    // The next pass: its leaves from `leaf` while their text fits the budget (at least one), in lines and
    // page_end; its lines sorted by their place (*by_off, lines.size() of them).
    auto next_pass = [&](const Line** by_off) -> bool {
        const uint64_t first = leaf;
        lines.clear();
        page_end.clear();
        uint64_t bytes = 0;
        while (leaf < leaves) {
            if (have_held) {
                one.swap(held);
                have_held = false;
            } else if (!read_leaf(leaf, &one)) {
                return false;
            }
            uint64_t size = 0;
            for (const Line& ln : one)
                size += (uint64_t)ln.Len + 1;
            if (lines.capacity() == 0) {   // places for as many lines as the budget holds of lines like these
                lines.reserve((size_t)std::max<uint64_t>(
                    one.size(), budget / ((size + 2 * sizeof(Line) * one.size()) / std::max<size_t>(one.size(), 1) + 1)));
                HugePages(lines.data(), lines.capacity() * sizeof(Line));
            }
            if (leaf > first && (bytes + whole(size) + 2 * lines.capacity() * sizeof(Line) > budget ||
                                 lines.size() + one.size() > lines.capacity())) {
                // the next pass's first leaf
                held.swap(one);
                have_held = true;
                break;
            }
            for (Line& ln : one) {
                ln.At += bytes;
                lines.push_back(ln);
            }
            bytes += size;
            page_end.push_back(bytes);   // the page ends here; the next starts on a whole block
            bytes = whole(bytes);
            leaf++;
        }
        St->TextPasses++;
        if (sorted.capacity() < lines.capacity()) {
            sorted.reserve(lines.capacity());
            HugePages(sorted.data(), sorted.capacity() * sizeof(Line));
        }
        sorted.resize(lines.size());
        *by_off = SortByOffset(lines.data(), sorted.data(), lines.size());
        return true;
    };
    auto make_text = [&](uint64_t bytes) -> bool {
        bytes = whole(std::max<uint64_t>(bytes, 1));
        if (bytes > text.N) {
            if (!text.Reserve((size_t)bytes)) {   // (frees the old one first: not both at once)
                *Err = std::string(InPath) + ": error: out of memory";
                return false;
            }
            HugePages(text.P, (size_t)bytes);
        }
        return true;
    };
    // the input's [from, to) in block, read from off on, for a line at off of len bytes not in it
    uint64_t from = 0, to = 0;
    auto read_input = [&](uint64_t off, uint32_t len) -> bool {
        from = off & ~(uint64_t)(InputFile::kAlign - 1);
        if (block_size < off - from + len) {
            block.Reset();
            block_size = (size_t)InputFile::Whole(off - from + len);
            if (!block.Reserve(block_size)) {
                *Err = std::string(InPath) + ": error: out of memory";
                return false;
            }
        }
        const int64_t r = In.ReadAt(block.P, block_size, from);
        if (r < 0) {
            *Err = std::string(InPath) + ": error: cannot read it again: " + strerror(errno);
            return false;
        }
        to = from + (uint64_t)r;
        if (off + len > to) {
            *Err = std::string(InPath) + ": error: cannot read it again: it is shorter than it was";
            return false;
        }
        return true;
    };
    auto write_pages = [&](uint64_t first, const std::vector<uint64_t>& ends) -> bool {
        uint64_t at = 0;
        for (size_t k = 0; k < ends.size(); k++) {
            std::string tp = Tmp + "/" + TileTextPath(first + k);
            if (!(Opt.DirectIo ? WriteFileDirect(tp, text.P + at, (size_t)(ends[k] - at), Err)
                               : WriteFile(tp, text.P + at, (size_t)(ends[k] - at), Err)))
                return false;
            St->TextBytes += ends[k] - at;
            at = whole(ends[k]);
        }
        return true;
    };

    // Spread when the input is eight passes' worth or more (an estimate from its size: only the speed depends on
    // it), with two files per pass open at once, as many as the process may open (its soft limit on open files, less
    // 64 for the rest, with a quarter's margin on the estimate: 1,024 allows about 380 passes; a billion events at the
    // default cap take about 200, which a fixed limit of 200 sent to a read of the whole input per pass). 10M events,
    // the text stage's CPU seconds, passes vs spread: at --memory 256 (8 passes) 3.6-3.9 either way; at --memory 64
    // (34 passes) 9.1 vs 3.9 (the input read 34 times: 8.5 s of it the system's).
    uint64_t most_passes = 200;
    struct rlimit files;
    if (getrlimit(RLIMIT_NOFILE, &files) == 0)
        most_passes = files.rlim_cur == RLIM_INFINITY ? 4096
                                                      : std::min<uint64_t>(4096, files.rlim_cur > 64 ? (files.rlim_cur - 64) / 2 : 0);
    const uint64_t estimate = total / std::max<size_t>(budget, 1);
    if (estimate < 8 || estimate + estimate / 4 + 1 > most_passes) {
        while (leaf < leaves) {
            const uint64_t first = leaf;
            const Line* by_off;
            if (!next_pass(&by_off))
                return false;
            if (!make_text(page_end.back()))
                return false;
            for (size_t i = 0; i < lines.size(); i++) {
                const Line& ln = by_off[i];
                if ((ln.Off < from || ln.Off + ln.Len > to) && !read_input(ln.Off, ln.Len))
                    return false;
                memcpy(text.P + ln.At, block.P + (ln.Off - from), ln.Len);
                text.P[ln.At + ln.Len] = '\n';
            }
            if (!write_pages(first, page_end))
                return false;
        }
        St->TextSeconds = Since(t0);
        return true;
    }

    // 1. each pass's lines, sorted by their place, to its lines file
    struct Pass {
        uint64_t              First;
        std::vector<uint64_t> PageEnd;
        std::string           Lines, Text;   // its files
    };
    std::vector<Pass> passes;
    const std::string prefix = Events.Runs.Prefix + "text-";
    while (leaf < leaves) {
        Pass ps;
        ps.First = leaf;
        const Line* by_off;
        if (!next_pass(&by_off))
            return false;
        ps.PageEnd = page_end;
        ps.Lines = prefix + std::to_string(passes.size()) + ".lines";
        ps.Text = prefix + std::to_string(passes.size()) + ".text";
        remove_after.P.push_back(ps.Lines);
        remove_after.P.push_back(ps.Text);
        Writer w;
        if (!w.Open(ps.Lines, IoBuffer(), Opt.DirectIo) || !w.Put(by_off, lines.size() * sizeof(Line)) || !w.Close()) {
            *Err = ps.Lines + ": cannot write (is the disk full?)";
            return false;
        }
        passes.push_back(std::move(ps));
    }
    std::vector<Line>().swap(lines);
    std::vector<Line>().swap(sorted);
    std::vector<Line>().swap(held);
    std::vector<Line>().swap(one);
    // 2. the input read once, in the order of every pass's lines merged; each line to its pass's text file
    {
        const size_t np = passes.size();
        // (direct reads and writes wait for the disk: fewer and larger, up to 1 MB)
        const size_t buf = std::max<size_t>((size_t)4 << 10, std::min<size_t>(Opt.DirectIo ? (size_t)1 << 20 : (size_t)64 << 10, budget / (4 * np)));
        struct Reader : RunReader {
            Line Cur;
            bool Next()
            {
                const char* p = Take(sizeof(Line));
                if (p)
                    memcpy(&Cur, p, sizeof(Line));
                return p != nullptr;
            }
        };
        std::vector<std::unique_ptr<Reader>> rd(np);
        std::vector<std::unique_ptr<Writer>> wr(np);
        std::vector<uint32_t> heap;   // passes by their next line's place, the first on top
        auto later = [&](uint32_t a, uint32_t b) { return rd[b]->Cur.Off < rd[a]->Cur.Off; };
        for (size_t k = 0; k < np; k++) {
            rd[k].reset(new Reader());
            wr[k].reset(new Writer());
            if (!rd[k]->Open(passes[k].Lines, buf, Opt.DirectIo) || !wr[k]->Open(passes[k].Text, buf, Opt.DirectIo)) {
                *Err = passes[k].Text + ": cannot write: " + strerror(errno);
                return false;
            }
            if (rd[k]->Next())
                heap.push_back((uint32_t)k);
        }
        std::make_heap(heap.begin(), heap.end(), later);
        while (!heap.empty()) {
            std::pop_heap(heap.begin(), heap.end(), later);
            const uint32_t k = heap.back();
            const Line& ln = rd[k]->Cur;
            if ((ln.Off < from || ln.Off + ln.Len > to) && !read_input(ln.Off, ln.Len))
                return false;
            if (!wr[k]->Put(block.P + (ln.Off - from), ln.Len)) {
                *Err = passes[k].Text + ": cannot write (is the disk full?)";
                return false;
            }
            if (rd[k]->Next())
                std::push_heap(heap.begin(), heap.end(), later);
            else
                heap.pop_back();
        }
        for (size_t k = 0; k < np; k++)
            if (!wr[k]->Close()) {
                *Err = passes[k].Text + ": cannot write (is the disk full?)";
                return false;
            }
    }
    block.Reset();
    // 3. each pass's pages from its two files, in a buffer the size of the largest pass made once (a pass larger
    // than the one before made it anew: hundreds of MB of fresh pages)
    uint64_t most = 0;
    for (const Pass& ps : passes)
        most = std::max(most, ps.PageEnd.back());
    if (!make_text(most))
        return false;
    for (Pass& ps : passes) {
        RunReader lr, tr;
        if (!lr.Open(ps.Lines, Opt.DirectIo ? IoBuffer() : (size_t)64 << 10, Opt.DirectIo) ||
            !tr.Open(ps.Text, std::max<size_t>((size_t)64 << 10, std::min<size_t>((size_t)1 << 20, budget / 16)),
                     Opt.DirectIo)) {
            *Err = ps.Text + ": cannot read: " + strerror(errno);
            return false;
        }
        while (const char* p = lr.Take(sizeof(Line))) {
            Line ln;
            memcpy(&ln, p, sizeof(Line));
            const char* t = tr.Take(ln.Len);
            if (!t) {
                *Err = ps.Text + ": cannot read: it ends early";
                return false;
            }
            memcpy(text.P + ln.At, t, ln.Len);
            text.P[ln.At + ln.Len] = '\n';
        }
        remove(ps.Lines.c_str());
        remove(ps.Text.c_str());
        if (!write_pages(ps.First, ps.PageEnd))
            return false;
    }
    St->TextSeconds = Since(t0);
    return true;
}

bool Packer::WriteAll()
{
    const uint64_t n = Events.Count;
    M.Events = n;
    M.LeafEvents = std::max<uint32_t>(Opt.LeafEvents, 1);
    M.Fanout = std::max<uint32_t>(Opt.Fanout, 2);
    M.CoverFanout = std::min<uint32_t>(std::max<uint32_t>(Opt.CoverFanout, 2), 256);
    M.Bins = std::max<uint32_t>(Opt.Bins, 1);
    M.Levels = 1;
    while (M.NodeEvents(0) < n)
        M.Levels++;
    M.IdShards = 1;
    while ((uint64_t)M.IdShards * 2048 < n)
        M.IdShards *= 2;
    if (Any) {
        M.Min = Min;
        M.Max = Max;
    }
    const size_t ng = Meta.Groups.size();
    IndexOptions io;
    Lanes.assign(ng + 1, LaneAssigner());
    for (LaneAssigner& a : Lanes) {
        a.MaxLanes = io.MaxLanesPerGroup;
        a.MinLength = LaneMinLength(M.Min, M.Max, io);
    }
    GroupCounts.assign(ng + 1, 0);
    Lv.assign(M.Levels, Level());
    St->LevelBytes.assign(M.Levels, 0);
    if (!MakeDir(Tmp + "/t", Err) || !MakeDir(Tmp + "/x", Err) || !MakeDir(Tmp + "/s", Err) ||
        !MakeDir(Tmp + "/i", Err))
        return false;
    for (uint32_t l = 0; l < M.Levels; l++)
        if (!MakeDir(NodeDir(l), Err))
            return false;
    CoverLevels = M.CoverLevels();
    if (CoverLevels > 1 && !MakeDir(Tmp + "/r", Err))
        return false;
    CoverWritten.assign(CoverLevels, std::vector<bool>());
    CoverAt.assign(CoverLevels, std::vector<Cover*>());
    for (uint32_t l = 1; l < CoverLevels; l++) {
        CoverWritten[l].assign((size_t)M.CoverNodeCount(l), false);
        CoverAt[l].assign((size_t)M.CoverNodeCount(l), nullptr);
        if (!MakeDir(Tmp + "/r/" + std::to_string(l), Err))
            return false;
    }

    Clock::time_point t0 = Clock::now();
    Dump("read");
    Events.MergeBuffer = RunBuffer(Events.Runs.Paths.size() + 1, (size_t)8 << 20);
    Events.Finish();
    Words.Start();
    GiveBack();
    Dump("merge started");
    if (!Events.Ok)
        return false;
    // the word lists and the id buckets share what the dictionary and the sorter leave
    const size_t held = Reserve + Words.DictBytes() + (Events.Merging ? Events.Open.size() * Events.MergeBuffer
                                                                    : Events.Bytes());
    const size_t pool = held + Mem / 8 < Mem ? Mem - held : Mem / 8;
    size_t tree = 0, covers = 0;   // TreeBytes() and of it CoverBytes(), once a leaf
    CoverCap = pool / 4;
    // blocks of 1-16 KB: a cover's last blocks are part-filled, and hundreds of covers fill at once (913 at 100M
    // events), so a block is at most a thousandth of what the covers may hold
    CoverBlock = (size_t)16 << 10;
    while (CoverBlock > ((size_t)1 << 10) && CoverBlock > CoverCap / 1024)
        CoverBlock /= 2;
    CoverBlockEvents = (uint32_t)(CoverBlock / sizeof(TileEvent));
    St->SortSeconds = Events.SortSeconds + Since(t0);
    const uint32_t leaf = M.Levels - 1;
    std::vector<uint64_t> per(M.Levels);
    for (uint32_t l = 0; l < M.Levels; l++)
        per[l] = M.NodeEvents(l);
    // per level, the ordinal its next node starts at, moved on as its nodes close (o % per[l] each event and level,
    // and o / per[leaf] for the leaf, were 64-bit divisions: tens of cycles each)
    std::vector<uint64_t> next_node(per);
    Ids.Buf.assign(M.IdShards, std::string());
    if (In.Fd >= 0) {
        TextLocsPath = Events.Runs.Prefix + "text.locs";
        if (!TextLocs.Open(TextLocsPath, IoBuffer(), Opt.DirectIo)) {
            *Err = TextLocsPath + ": cannot write: " + strerror(errno);
            return false;
        }
    }
    uint64_t o = 0, k1, k2;
    const char* val;
    uint32_t vlen;
    while (Events.Next(&k1, &k2, &val, &vlen)) {
        Instant s;
        s.sec = (int64_t)(k1 ^ 0x8000000000000000ULL);
        s.nsec = (int32_t)(k2 >> 34);
        Fixed f;
        memcpy(&f, val, sizeof(f));
        const char* title = val + sizeof(f);
        const char* id = title + f.TitleLen;
        const char* words = id + f.IdLen;
        const char* text = words + f.WordsLen;
        bool leaf_starts = o == 0;
        if (o > 0)
            for (int l = (int)leaf; l >= 0; l--)
                if (o == next_node[l]) {
                    if (!Close((uint32_t)l, s))
                        return false;
                    next_node[l] += per[l];
                    leaf_starts = leaf_starts || l == (int)leaf;
                }
        if (leaf_starts)   // (a node closes only where a leaf does)
            for (uint32_t l = 0; l < M.Levels; l++)
                if (!Lv[l].Open)
                    OpenNode(l, o / per[l], s);
        const uint64_t leaf_index = Lv[leaf].Index;   // o / per[leaf]
        if (leaf_starts && M.Levels > 1 && !CoversAt(leaf_index, s))
            return false;
        if (leaf_starts) {
            tree = TreeBytes();
            covers = CoverBytes();
        }
        TileEvent te;
        Event& e = te.Ev;
        memset(&e, 0, sizeof(e));
        e.SetStart(s);
        e.EndSec = f.EndSec;
        e.EndNsec = f.EndNsec;
        e.Extra = kNoExtra;
        e.Group = f.Group;
        e.Flags = f.Flags;
        e.Precision = f.Precision;
        e.StartZone = f.StartZone;
        e.EndZone = f.EndZone;
        const size_t g = f.Group == kNoGroup || f.Group >= ng ? ng : f.Group;
        te.Lane = (uint8_t)Lanes[g].Assign(s, e.End());
        GroupCounts[g]++;
        te.Ordinal = o;
        te.Color = f.Color;
        Level& L = Lv[leaf];
        e.Title = L.Node.Strings.Add(title, f.TitleLen);
        L.Node.Events.push_back(te);
        if (M.Levels > 1 && s < e.End()) {
            AddRunning(e.End(), leaf_index, te, title, f.TitleLen);
            RunLeaves.Add(leaf_index);
        }
        // the leaf's last start and latest end; an inner node takes its children's as they close (Close)
        L.LastStart = s;
        if (e.End() > L.Node.MaxEnd)
            L.Node.MaxEnd = e.End();
        if (f.TextOff == ~(uint64_t)0) {
            if (TextLocs.IsOpen()) {
                *Err = std::string(InPath) + ": error: an event's line is not where the packer put it";
                return false;
            }
            TextPage.append(text, f.TextLen);
            TextPage.push_back('\n');
        } else {
            char loc[12];   // u64 offset, u32 length: one Put
            memcpy(loc, &f.TextOff, 8);
            memcpy(loc + 8, &f.TextLen, 4);
            if (!TextLocs.Put(loc, 12)) {
                *Err = TextLocsPath + ": cannot write (is the disk full?)";
                return false;
            }
        }
        // the word ids: mostly one or two varint bytes (a few thousand words), those read here, the rest by GetV
        // (its loop per byte was a sixth of this loop's instructions)
        for (const char *w = words, *w_end = words + f.WordsLen; w < w_end;) {
            uint32_t id = (uint8_t)w[0];
            if (id < 0x80) {
                w++;
            } else if (w + 1 < w_end && (uint8_t)w[1] < 0x80) {
                id = (id & 0x7F) | (uint32_t)(uint8_t)w[1] << 7;
                w += 2;
            } else {
                id = (uint32_t)GetV(&w, w_end);
            }
            Words.Add(id, o);
        }
        if (f.IdLen)
            Ids.Add(TileIdShard(M, id, f.IdLen), id, f.IdLen, o);
        // The covers keep at most a quarter of the pool (they come and go in many pieces, which keeps more of the
        // heap resident than they hold); past the pool the largest of the covers and the two lists spills (the lists
        // keep a quarter of the pool whatever the tree holds: spilling them for less would not pay).
        bool full = Words.PostBytes + Ids.Bytes + tree > pool;
        if (full && !FreeCoverBlocks.empty()) {   // the covers' free blocks go before anything spills
            ReleaseCoverBlocks();
            tree = TreeBytes();
            full = Words.PostBytes + Ids.Bytes + tree > pool;
        }
        if (covers > CoverCap || (full && covers > std::max(Words.PostBytes, Ids.Bytes))) {
            if (!SpillCovers(full))
                return false;
            tree = TreeBytes();
            covers = CoverBytes();
            GiveBackPast(Mem / 2);
        } else if (full && Words.PostBytes + Ids.Bytes > pool / 4) {
            if (Words.PostBytes >= Ids.Bytes)
                Words.Spill();
            else
                Ids.Spill();
            GiveBackPast(Mem / 2);
        }
        o++;
        if ((o & 0xFFFFF) == 0)
            GiveBackPast(Mem / 2);
        if ((o & 0x3FFFFF) == 0)
            Dump("tree");
        if (Opt.Progress && (o & 0xFFFFF) == 0)
            Opt.Progress(Opt.ProgressUser, "write", o, n);
        if (!Words.Ok || !Ids.Ok)
            return false;
    }
    if (n == 0)
        OpenNode(0, 0, Instant());
    for (int l = (int)leaf; l >= 0; l--)
        if (!Close((uint32_t)l, MaxInstant()))
            return false;
    if (M.Levels > 1 && !FinishCovers(M.NodeCount(leaf)))
        return false;
    GiveBack();
    Dump("tree written");
    St->SortRuns = Events.Runs.Paths.size();
    Events.Close();
    EndTree();
    Words.RunBuffer = RunBuffer(Words.Runs.Paths.size(), (size_t)1 << 20);
    if (!WriteWordShards())
        return false;
    St->WordRuns = Words.Runs.Paths.size();
    Words.Close();
    GiveBack();
    Dump("search shards written");
    Ids.RunBuffer = RunBuffer(Ids.Runs.Paths.size(), (size_t)1 << 20);
    if (!WriteIdShards())
        return false;
    St->IdRuns = Ids.Runs.Paths.size();
    Ids.Close();
    GiveBack();
    Dump("id shards written");
    if (TextLocs.IsOpen() && !WriteTextPages())
        return false;
    GiveBack();
    Dump("text pages written");

    M.Meta = Meta;
    M.GroupCounts = GroupCounts;
    M.LanesPerGroup.resize(ng + 1);
    for (size_t g = 0; g <= ng; g++)
        M.LanesPerGroup[g] = (uint8_t)Lanes[g].Free.size();
    std::string json;
    WriteTileManifest(M, &json);
    St->Events = n;
    return WriteFile(Tmp + "/manifest.json", json.data(), json.size(), Err);
}

bool Packer::Run()
{
    Clock::time_point t0 = Clock::now();
    std::string in = InPath;
    bool jsonl = in.size() > 6 && in.compare(in.size() - 6, 6, ".jsonl") == 0;
    // the output's place: refuse a directory that is not a pack (it would be replaced)
    struct stat st;
    if (stat(OutDir.c_str(), &st) == 0) {
        if (!S_ISDIR(st.st_mode)) {
            *Err = OutDir + ": error: exists and is not a directory";
            return false;
        }
        struct stat ms;
        DIR* d = opendir(OutDir.c_str());
        int entries = 0;
        if (d) {
            while (struct dirent* de = readdir(d))
                if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
                    entries++;
            closedir(d);
        }
        if (entries && stat((OutDir + "/manifest.json").c_str(), &ms) != 0) {
            *Err = OutDir + ": error: a directory that is not a pack (no manifest.json): not overwritten";
            return false;
        }
    }
    Tmp = OutDir + ".tmp-" + std::to_string((long)getpid());
    RemoveTree(Tmp);
    if (!MakeDir(Tmp, Err))
        return false;
    std::string sort_dir = Opt.TempDir ? std::string(Opt.TempDir) : Tmp + "/.sort";
    if (!MakeDir(sort_dir, Err)) {
        RemoveTree(Tmp);
        return false;
    }
    Mem = std::max<size_t>(Opt.MemoryBytes, (size_t)64 << 10);
#if defined(__GLIBC__)
    // blocks of a megabyte and more are mapped for themselves, so freeing one returns it (glibc's moving threshold
    // would rise with the first large block freed and keep the later ones on its heap); the heap's top is given back
    // past twice that, the pair glibc's moving thresholds keep (setting one leaves the other at 128 KB, and glibc
    // 2.36, once its heap can no longer grow in place (valgrind caps it at 8 MB), gives back in the same call the
    // top it has just grown for a block under a megabyte and fails: std::bad_alloc)
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
    mallopt(M_TRIM_THRESHOLD, 2 << 20);
#endif
    Reserve = Mem / 8;
    Events.Budget = ReadBudget();
    std::string tag = sort_dir + "/" + std::to_string((long)getpid());
    Events.Runs.Prefix = tag + "-events-";
    Words.Runs.Prefix = tag + "-words-";
    Ids.Runs.Prefix = tag + "-ids-";
    CoverRunPrefix = tag + "-cover-";
    Events.Err = Words.Err = Ids.Err = Err;
    Events.Direct = Words.Direct = Ids.Direct = Opt.DirectIo;
    Words.WriteBuffer = Ids.WriteBuffer = IoBuffer();

    if (jsonl && !In.Open(InPath, Opt.DirectIo)) {
        *Err = std::string(InPath) + ": error: cannot open: " + strerror(errno);
        RemoveTree(Tmp);
        return false;
    }
    bool ok = jsonl ? ReadJsonl() : ReadWhole();
    if (ok && !Events.Ok)
        ok = false;
    if (ok && Seq >= ((uint64_t)1 << 34)) {
        *Err = std::string(InPath) + ": error: more than 17 billion events";
        ok = false;
    }
    St->ReadSeconds = Since(t0);
    Clock::time_point t1 = Clock::now();
    if (ok)
        ok = WriteAll();
    St->WriteSeconds = Since(t1);
    Events.Close();
    Words.Close();
    Ids.Close();
    if (Opt.TempDir == nullptr)
        RemoveTree(sort_dir);
    if (ok) {
        std::string old = OutDir + ".old-" + std::to_string((long)getpid());
        bool had = stat(OutDir.c_str(), &st) == 0;
        if (had && rename(OutDir.c_str(), old.c_str()) != 0) {
            *Err = OutDir + ": error: cannot replace: " + strerror(errno);
            ok = false;
        } else if (rename(Tmp.c_str(), OutDir.c_str()) != 0) {
            *Err = OutDir + ": error: cannot rename the pack into place: " + strerror(errno);
            if (had)
                rename(old.c_str(), OutDir.c_str());
            ok = false;
        } else if (had) {
            RemoveTree(old);
        }
    }
    if (!ok)
        RemoveTree(Tmp);
    St->DirectRead = In.Fd >= 0 && In.Direct;
    St->Seconds = Since(t0);
    St->PeakBytes = PeakRss();
    return ok;
}

} // namespace

bool PackTimeline(const char* in_path, const char* out_dir, const PackOptions& opt, PackStats* stats,
                  std::string* err)
{
    PackStats local;
    std::string local_err;
    Packer p;
    p.InPath = in_path;
    p.OutDir = out_dir;
    while (p.OutDir.size() > 1 && p.OutDir.back() == '/')
        p.OutDir.pop_back();
    p.Opt = opt;
    p.St = stats ? stats : &local;
    *p.St = PackStats();
    p.Err = err ? err : &local_err;
    return p.Run();
}

} // namespace chronoscope
