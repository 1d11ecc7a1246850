// Chronoscope core: the tiled format's one encoder and one decoder (see tiles.h).
//
// Every binary file: "CSTL", version byte (kTileVersion), kind byte (TileKind), then
//
//   node (inner or leaf)
//     v level, v index
//     first start, next start (z sec, v nsec; next start's sec is a delta from the first's), max end (the same)
//     inner: v children; per child: first start, last start, max end (instants as deltas from the instant before
//            them in the file), v count, v bytes
//     events
//   cover (r/L/I.bin)
//     v level, v index, events (with ordinals, ascending; the first start a delta from 0)
//   events
//     v events
//     v looks; per look: v group + 1 (0: ungrouped), byte lane, byte flags, byte precision, z start zone,
//                        z end zone, v colour
//     v pieces; per piece (most used first): v length, bytes (no NUL)
//     per event:
//       inner, cover: z ordinal, a delta from the previous event's (the first's from 0); a leaf's ordinals are its
//              node's, in order, and not written
//       start (z sec delta from the previous event's start, or from the node's first start; v nsec)
//       end (v sec after start's sec; v nsec)
//       v look
//       inner: v weight
//       v pieces of the title, v each piece's index (joined with one space; heavier proxies write 0 pieces)
//   shard
//     v words; per word: v bytes shared with the previous word, v bytes after those, the bytes,
//                        v ordinals, the first ordinal, then v deltas (each >= 1)
//
// The manifest is JSON: the tree's numbers, and under "timeline" a document of the JSON format without events
// (title, description, media, groups, eras), read back by the core loader.
#include "core/tiles.h"

#include "core/format.h"
#include "core/hash.h"
#include "core/json_read.h"
#include "core/load.h"
#include "core/search.h"
#include "core/tile_words.h"
#include "core/utf8.h"
#include "core/varint.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace chronoscope {

// ------------------------------------------------------------------------------------------------ manifest shape

uint64_t TileManifest::NodeEvents(uint32_t level) const
{
    uint64_t n = std::max<uint32_t>(LeafEvents, 1);
    for (uint32_t l = level + 1; l < Levels; l++) {
        if (n > UINT64_MAX / std::max<uint32_t>(Fanout, 1))
            return UINT64_MAX;
        n *= std::max<uint32_t>(Fanout, 1);
    }
    return n;
}

uint64_t TileManifest::NodeCount(uint32_t level) const
{
    uint64_t per = NodeEvents(level);
    if (Events == 0)
        return level == 0 ? 1 : 0;
    return (Events + per - 1) / per;
}

uint32_t TileManifest::CoverLevels() const
{
    const uint64_t leaves = Leaves();
    const uint64_t f = std::max<uint32_t>(CoverFanout, 2);
    uint32_t levels = 1;
    for (uint64_t span = 1; span < leaves; span = span > UINT64_MAX / f ? UINT64_MAX : span * f)
        levels++;
    return levels;
}

uint64_t TileManifest::CoverNodeLeaves(uint32_t level) const
{
    const uint64_t f = std::max<uint32_t>(CoverFanout, 2);
    uint64_t n = 1;
    for (uint32_t l = level + 1, levels = CoverLevels(); l < levels; l++)
        n = n > UINT64_MAX / f ? UINT64_MAX : n * f;
    return n;
}

uint64_t TileManifest::CoverNodeEvents(uint32_t level) const
{
    const uint64_t n = CoverNodeLeaves(level), leaf = std::max<uint32_t>(LeafEvents, 1);
    return n > UINT64_MAX / leaf ? UINT64_MAX : n * leaf;
}

uint64_t TileManifest::CoverNodeCount(uint32_t level) const
{
    const uint64_t per = CoverNodeLeaves(level), leaves = Leaves();
    return leaves / per + (leaves % per != 0);
}

// ------------------------------------------------------------------------------------------------ paths

static std::string Dec(uint64_t v)
{
    char buf[24];
    snprintf(buf, sizeof(buf), "%" PRIu64, v);
    return buf;
}

std::string TileNodePath(uint32_t level, uint64_t index) { return "t/" + Dec(level) + "/" + Dec(index) + ".bin"; }
std::string TileTextPath(uint64_t leaf) { return "x/" + Dec(leaf) + ".jsonl"; }
std::string TileCoverPath(uint32_t level, uint64_t index) { return "r/" + Dec(level) + "/" + Dec(index) + ".bin"; }

// dir + "/" + the key's name + ".bin", in one string sized once (a search shard's path is made per shard: tens of
// thousands in a pack of many words)
static std::string KeyPath(const char* dir, const std::string& key)
{
    bool plain = !key.empty();
    for (unsigned char c : key)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')))
            plain = false;
    std::string s;
    s.resize(2 + (plain ? key.size() : 1 + 2 * key.size()) + 4);
    char* p = &s[0];
    *p++ = dir[0];
    *p++ = '/';
    if (plain) {
        memcpy(p, key.data(), key.size());
        p += key.size();
    } else {
        static const char hex[] = "0123456789abcdef";
        *p++ = 'x';
        for (unsigned char c : key) {
            *p++ = hex[c >> 4];
            *p++ = hex[c & 15];
        }
    }
    memcpy(p, ".bin", 4);
    return s;
}

std::string TileShardPath(const std::string& key) { return KeyPath("s", key); }
std::string TileIdShardPath(const std::string& key) { return KeyPath("i", key); }

size_t TileShardKeyLength(const char* w, size_t len)
{
    // two code points: a lead byte and its continuation bytes, twice (invalid bytes count as one code point)
    size_t i = 0;
    for (int cp = 0; cp < 2 && i < len; cp++) {
        i++;
        while (i < len && ((unsigned char)w[i] & 0xC0) == 0x80)
            i++;
    }
    return i;
}

std::string TileShardKey(const char* w, size_t len) { return std::string(w, TileShardKeyLength(w, len)); }

uint32_t TileIdShard(const TileManifest& m, const char* id, size_t len)
{
    uint64_t h = 1469598103934665603ULL;   // FNV-1a
    for (size_t k = 0; k < len; k++)
        h = (h ^ (unsigned char)id[k]) * 1099511628211ULL;
    // (the packer's counts are powers of two: a mask, not a division, for the same bucket)
    const uint32_t n = std::max<uint32_t>(m.IdShards, 1);
    return (uint32_t)((n & (n - 1)) == 0 ? h & (n - 1) : h % n);
}

std::string TileIdShardKey(const TileManifest& m, const char* id, size_t len) { return Dec(TileIdShard(m, id, len)); }

// A code point that is part of a word: ASCII letters and digits, and past ASCII everything but spaces and
// punctuation (Latin-1's symbols, General Punctuation, CJK punctuation, full-width forms' punctuation).
bool TileWordChar(uint32_t c)
{
    if (c < 0x80)
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (c < 0xC0)
        return c == 0xAA || c == 0xB5 || c == 0xBA;
    if (c == 0xD7 || c == 0xF7)
        return false;
    if ((c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE10 && c <= 0xFE6F) ||
        (c >= 0xFF00 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) || c == 0xFEFF || c == 0xFFFD)
        return false;
    return true;
}

// Per byte: 1 an ASCII word character, 2 an upper-case ASCII letter too, 4 a byte past ASCII, 8 too for the lead
// bytes FoldsLeadByte names (U+00C0..U+043F), the only code points past ASCII that FoldCase changes (a word without
// them or upper-case ASCII is its own folding), 16 too for the lead bytes of the only code points past ASCII that
// TileWordChar refuses (0xC2, 0xC3: U+0080..U+00FF; 0xE2, 0xE3: U+2000..U+3FFF; 0xEF: U+F000..U+FFFF). Every valid
// sequence led by another byte is a word character without decoding it.
struct AsciiWordTable {
    uint8_t K[256];
    constexpr AsciiWordTable() : K()
    {
        for (int c = 0; c < 256; c++)
            K[c] = (uint8_t)((FoldsLeadByte((unsigned)c) ? 12 : c >= 0x80 ? 4 : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ? 1 :
                              (c >= 'A' && c <= 'Z') ? 3 : 0) |
                             (c == 0xC2 || c == 0xC3 || c == 0xE2 || c == 0xE3 || c == 0xEF ? 16 : 0));
    }
};
static constexpr AsciiWordTable kAsciiWord;

// The words of a run [i, b) of bytes that holds a byte past ASCII (a run: ASCII letters and digits and bytes past
// ASCII, ended by another byte or the text's end, so a sequence the run cuts is invalid in the text too): code
// points one at a time, a valid sequence (the codec's one rule; an invalid byte ends a word) that is a word
// character, decoded only when its lead byte (16) says it may not be one.
void tile_words::WordsOfRun(const char* text, size_t i, size_t b, char* low,
                            void (*each)(void* user, const char* word, size_t n), void* user)
{
    const uint8_t* K = kAsciiWord.K;
    const unsigned char* u = (const unsigned char*)text;
    const unsigned char* const end = u + b;
    while (i < b) {
        const size_t start = i;
        uint8_t kinds = 0;
        while (i < b) {
            const uint8_t k = K[u[i]];
            if (k & 3) {
                kinds |= k;
                i++;
                continue;
            }
            const int n = Utf8SequenceLength(u + i, end);
            if (!n || ((k & 16) && !TileWordChar(Utf8DecodeValid(u + i, n))))
                break;
            kinds |= k;
            i += (size_t)n;
        }
        if (i == start) {   // a non-word code point past ASCII, or an invalid byte (one byte, as Utf8Decode steps)
            const int n = Utf8SequenceLength(u + i, end);
            i += n ? (size_t)n : 1;
            continue;
        }
        if (kinds & 10) {   // (its bytes are valid UTF-8: the scan took only sequences Utf8SequenceLength accepts)
            FoldCaseValid(text + start, i - start, low + start);
            each(user, low + start, i - start);
        } else {
            each(user, text + start, i - start);
        }
    }
}

void TileWordsEach(const char* text, size_t len, void (*each)(void* user, const char* word, size_t n), void* user)
{
    char stack[1024];
    std::unique_ptr<char[]> heap;
    tile_words::WordsOfText(text, len, len <= sizeof(stack) ? stack : (heap.reset(new char[len]), heap.get()),
                            [each, user](const char* w, size_t n) { each(user, w, n); }, each, user);
}

void TileWords(const char* text, size_t len, std::vector<std::string>* out)
{
    // out's strings are reused (assigned, not reallocated)
    struct Fill {
        std::vector<std::string>* Out;
        size_t                    N;
    } fill{ out, 0 };
    TileWordsEach(text, len, [](void* user, const char* w, size_t n) {
        Fill& f = *(Fill*)user;
        if (f.N == f.Out->size())
            f.Out->emplace_back();
        (*f.Out)[f.N++].assign(w, n);
    }, &fill);
    out->resize(fill.N);
}

// ------------------------------------------------------------------------------------------------ bytes

namespace {

// The encoders' bytes go through a small buffer of their own to *S (a varint at a time through std::string's append
// was most of an encoder's cost); they reach *S when it fills and when the Out goes.
struct Out {
    std::string* S;
    char         B[1024];
    size_t       N = 0;
    explicit Out(std::string* s) : S(s) {}
    Out(const Out&) = delete;
    ~Out() { Flush(); }
    void Flush()
    {
        S->append(B, N);
        N = 0;
    }
    void Byte(uint8_t b)
    {
        if (N == sizeof(B))
            Flush();
        B[N++] = (char)b;
    }
    void V(uint64_t v)
    {
        if (N + 10 > sizeof(B))
            Flush();
        N = (size_t)(PutVarint(B + N, v) - B);
    }
    void Z(int64_t v) { V(ZigZag(v)); }
    // Many small fields at once: Room(n) makes room for n bytes (n <= sizeof(B)) and returns where they go;
    // PutVarint/PutZigzag (core/varint.h) write there unchecked and return the end; Took(end) counts what was
    // written. (One check a group of fields, and the place kept in a register, not N loaded and stored a byte.)
    char* Room(size_t n)
    {
        if (N + n > sizeof(B))
            Flush();
        return B + N;
    }
    void Took(char* end) { N = (size_t)(end - B); }
    void Bytes(const char* p, size_t n)
    {
        if (N + n > sizeof(B)) {
            Flush();
            if (n > sizeof(B) / 2) {
                S->append(p, n);
                return;
            }
        }
        memcpy(B + N, p, n);
        N += n;
    }
    // an instant, its seconds as a delta from *prev (then *prev = t)
    void Time(Instant t, Instant* prev)
    {
        Z((int64_t)((uint64_t)t.sec - (uint64_t)prev->sec));
        V((uint32_t)t.nsec);
        *prev = t;
    }
    void Header(TileKind kind)
    {
        Bytes("CSTL", 4);
        Byte(kTileVersion);
        Byte(kind);
    }
};

struct In {
    const uint8_t* Begin;
    const uint8_t* P;
    const uint8_t* End;
    bool           Bad = false;
    const char*    Why = nullptr;
    size_t         At = 0;

    bool Fail(const char* why)
    {
        if (!Bad) {
            Bad = true;
            Why = why;
            At = (size_t)(P - Begin);
        }
        P = End;
        return false;
    }
    size_t Left() const { return (size_t)(End - P); }
    uint8_t Byte()
    {
        if (P >= End) {
            Fail("truncated");
            return 0;
        }
        return *P++;
    }
    // most varints are one byte: that case inline, the rest in VLong
#if defined(__GNUC__)
    __attribute__((always_inline))
#endif
    uint64_t V()
    {
        if (P < End && *P < 0x80)
            return *P++;
        if (P + 1 < End && P[1] < 0x80) {
            uint64_t v = (uint64_t)(P[0] & 0x7F) | ((uint64_t)P[1] << 7);
            P += 2;
            return v;
        }
        return VLong();
    }
#if defined(__GNUC__)
    __attribute__((noinline))
#endif
    uint64_t VLong()
    {
        uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (P >= End) {
                Fail("truncated");
                return 0;
            }
            uint8_t b = *P++;
            if (shift == 63 && (b & 0x7E)) {
                Fail("varint out of range");
                return 0;
            }
            v |= (uint64_t)(b & 0x7F) << shift;
            if (!(b & 0x80))
                return v;
        }
        Fail("varint too long");
        return 0;
    }
    int64_t Z()
    {
        uint64_t u = V();
        return (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
    }
    // a count of things that take at least `min_bytes` each: never more than the bytes left allow
    uint64_t Count(size_t min_bytes)
    {
        uint64_t n = V();
        if (!Bad && n > Left() / std::max<size_t>(min_bytes, 1)) {
            Fail("count larger than the file");
            return 0;
        }
        return n;
    }
    bool Time(Instant* t, Instant* prev)
    {
        int64_t d = Z();
        uint64_t ns = V();
        if (Bad)
            return false;
        if (ns >= (uint64_t)kNanosPerSecond)
            return Fail("nanoseconds out of range");
        // the instant must stay within the year range (no overflow of the delta)
        int64_t sec = (int64_t)((uint64_t)prev->sec + (uint64_t)d);
        if ((d > 0 && sec < prev->sec) || (d < 0 && sec > prev->sec) || sec < MinInstant().sec ||
            sec > MaxInstant().sec)
            return Fail("time out of range");
        t->sec = sec;
        t->nsec = (int32_t)ns;
        *prev = *t;
        return true;
    }
    bool Header(uint8_t* kind)
    {
        if (Left() < 6 || memcmp(P, "CSTL", 4) != 0)
            return Fail(Left() < 6 ? "truncated" : "not a tile (no CSTL magic)");
        if (P[4] != kTileVersion)
            return Fail("a tile of another version of the format (pack the set again)");
        *kind = P[5];
        P += 6;
        return true;
    }
};

bool Failed(const In& in, const char* what, std::string* err)
{
    if (err) {
        char buf[160];
        snprintf(buf, sizeof(buf), "%s: %s at byte %zu", what, in.Why ? in.Why : "damaged", in.At);
        *err = buf;
    }
    return false;
}

} // namespace

// ------------------------------------------------------------------------------------------------ nodes

namespace {

// What an event of a file shares with many others: group, lane, flags, precision, zones, colour. A file lists each
// different one once (its palette) and its events name theirs by index.
struct Look {
    uint64_t A, B;
    bool operator<(const Look& o) const { return A < o.A || (A == o.A && B < o.B); }
    bool operator==(const Look& o) const { return A == o.A && B == o.B; }
};

Look LookOf(const TileEvent& te)
{
    const Event& e = te.Ev;
    Look k;
    k.A = ((uint64_t)e.Group << 48) | ((uint64_t)te.Lane << 40) | ((uint64_t)e.Flags << 32) |
          ((uint64_t)e.Precision << 24);
    k.B = ((uint64_t)(uint16_t)e.StartZone << 48) | ((uint64_t)(uint16_t)e.EndZone << 32) | (uint64_t)te.Color;
    return k;
}

// The pieces of a NUL-terminated title in a pool that ends at `end`: split at each space (so joining the pieces with
// one space gives it back, byte for byte). The ends are found 16 bytes a step (SSE2) or 8 (a space or a NUL among
// them: the lowest byte that is one), a byte at a time only within the pool's last bytes (no read past its end).
template <class F> void ForEachPiece(const char* t, const char* end, F f)
{
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL, spaces = 0x2020202020202020ULL;
#if defined(__SSE2__)
    const __m128i nul16 = _mm_setzero_si128(), space16 = _mm_set1_epi8(' ');
#endif
    const char* p = t;
    const char* q = t;
    for (;;) {
        for (;;) {
#if defined(__SSE2__)
            if (q + 16 <= end) {
                const __m128i v = _mm_loadu_si128((const __m128i*)q);
                const unsigned m16 = (unsigned)_mm_movemask_epi8(
                    _mm_or_si128(_mm_cmpeq_epi8(v, nul16), _mm_cmpeq_epi8(v, space16)));
                if (m16) {
                    q += __builtin_ctz(m16);
                    break;
                }
                q += 16;
                continue;
            }
#endif
            if (q + 8 > end) {
                while (*q != ' ' && *q != '\0')
                    q++;
                break;
            }
            uint64_t x;
            memcpy(&x, q, 8);
            const uint64_t y = x ^ spaces;
            // a byte is flagged when it is 0 (x) or a space (y); a flag above the first may be false, never one below
            const uint64_t m = ((x - ones) & ~x & highs) | ((y - ones) & ~y & highs);
            if (m) {
                q += __builtin_ctzll(m) >> 3;
                break;
            }
            q += 8;
        }
        f(p, (size_t)(q - p));
        if (*q == '\0')
            return;
        p = ++q;
    }
}

struct EventsFormat {
    bool Ordinals;   // inner nodes and covers write each event's ordinal
    bool Weights;    // inner nodes write each proxy's weight
};

// The events part of a node or cover (see the layout at the top of this file).
void EncodeEvents(Out& o, const std::vector<TileEvent>& events, const StringPool& strings, Instant first,
                  EventsFormat f)
{
    // the palette, in order of first use: found by an open-addressing table of look + 1 (0: empty)
    std::vector<Look> looks;
    std::vector<uint32_t> look_of(events.size());
    {
        std::vector<uint32_t> slots(64, 0);
        // both halves mixed into the low bits the table uses (looks often differ only in the group, lane, flags
        // and precision: A's high bits, which a product alone leaves out of the low bits)
        auto hash = [](const Look& k) {
            uint64_t h = (k.A * 0x9E3779B97F4A7C15ULL) ^ k.B;
            h = (h ^ (h >> 32)) * 0xBF58476D1CE4E5B9ULL;
            return (size_t)(h ^ (h >> 29));
        };
        for (size_t i = 0; i < events.size(); i++) {
            const Look k = LookOf(events[i]);
            size_t mask = slots.size() - 1, at = hash(k) & mask;
            while (slots[at] && !(looks[slots[at] - 1] == k))
                at = (at + 1) & mask;
            if (slots[at]) {
                look_of[i] = slots[at] - 1;
                continue;
            }
            look_of[i] = (uint32_t)looks.size();
            looks.push_back(k);
            slots[at] = (uint32_t)looks.size();
            if (looks.size() * 2 > slots.size()) {   // grow: at most half full
                slots.assign(slots.size() * 2, 0);
                mask = slots.size() - 1;
                for (uint32_t j = 0; j < (uint32_t)looks.size(); j++) {
                    size_t a = hash(looks[j]) & mask;
                    while (slots[a])
                        a = (a + 1) & mask;
                    slots[a] = j + 1;
                }
            }
        }
    }
    // the pieces of the titles, most used first: per distinct piece (a place in `strings`, which stays put while
    // this runs) its uses, found by an open-addressing table of HashBytes; per event its pieces' first-use
    // numbers, renumbered by rank once every piece is counted
    struct Piece {
        const char* P;
        uint32_t    N;
        uint32_t    Hash;
    };
    std::vector<Piece> pieces;
    std::vector<uint32_t> uses;
    // piece + 1, 0: empty; sized for the pieces a leaf's titles usually have (up to 64K slots: a large cover's
    // grow), so it seldom grows
    const size_t guess = std::min<size_t>(events.size() * 4, (size_t)1 << 16);
    size_t table = 64;
    while (table < guess)
        table *= 2;
    std::vector<uint32_t> slots(table, 0);
    std::vector<uint32_t> event_pieces;    // per titled event its pieces' numbers, in order
    event_pieces.reserve(guess);
    std::vector<uint32_t> pieces_end(events.size(), 0);
    const char* const pool_end = strings.Bytes.data() + strings.Bytes.size();
    size_t mask = slots.size() - 1;
    for (size_t i = 0; i < events.size(); i++) {
        const TileEvent& te = events[i];
        const char* title = strings.Get(te.Ev.Title);
        if (!(f.Weights && te.Weight != 1) && title[0])
            ForEachPiece(title, pool_end, [&](const char* p, size_t n) {
                const uint32_t h = (uint32_t)HashBytes(p, n);
                size_t at = h & mask;
                for (;; at = (at + 1) & mask) {
                    uint32_t v = slots[at];
                    if (!v) {
                        slots[at] = (uint32_t)pieces.size() + 1;
                        pieces.push_back(Piece{ p, (uint32_t)n, h });
                        uses.push_back(1);
                        event_pieces.push_back((uint32_t)pieces.size() - 1);
                        break;
                    }
                    const Piece& x = pieces[v - 1];
                    if (x.Hash == h && x.N == n && SameBytes(x.P, p, n)) {
                        uses[v - 1]++;
                        event_pieces.push_back(v - 1);
                        return;
                    }
                }
                if (pieces.size() * 2 > slots.size()) {   // grow: at most half full
                    slots.assign(slots.size() * 2, 0);
                    mask = slots.size() - 1;
                    for (uint32_t j = 0; j < (uint32_t)pieces.size(); j++) {
                        size_t a = pieces[j].Hash & mask;
                        while (slots[a])
                            a = (a + 1) & mask;
                        slots[a] = j + 1;
                    }
                }
            });
        pieces_end[i] = (uint32_t)event_pieces.size();
    }
    // most used first, pieces of equal use in first-use order: a counting sort on the uses (a stable sort's order)
    std::vector<uint32_t> order(pieces.size()), rank(pieces.size());
    {
        uint32_t most = 0;
        for (uint32_t u : uses)
            most = std::max(most, u);
        std::vector<uint32_t> at((size_t)most + 2, 0);   // at[most - u + 1]: pieces used more than u times
        for (uint32_t u : uses)
            at[most - u + 1]++;
        for (size_t k = 1; k < at.size(); k++)
            at[k] += at[k - 1];
        for (uint32_t i = 0; i < (uint32_t)pieces.size(); i++) {
            const uint32_t r = at[most - uses[i]]++;
            order[r] = i;
            rank[i] = r;
        }
    }

    o.V(events.size());
    o.V(looks.size());
    for (const Look& k : looks) {
        const uint16_t g = (uint16_t)(k.A >> 48);
        o.V(g == kNoGroup ? 0 : (uint64_t)g + 1);
        o.Byte((uint8_t)(k.A >> 40));
        o.Byte((uint8_t)(k.A >> 32));
        o.Byte((uint8_t)(k.A >> 24));
        o.Z((int16_t)(uint16_t)(k.B >> 48));
        o.Z((int16_t)(uint16_t)(k.B >> 32));
        o.V((uint32_t)k.B);
    }
    o.V(pieces.size());
    for (uint32_t i : order) {
        o.V(pieces[i].N);
        o.Bytes(pieces[i].P, pieces[i].N);
    }
    Instant prev = first;
    uint64_t prev_ord = 0;
    uint32_t from = 0;
    for (size_t i = 0; i < events.size(); i++) {
        const TileEvent& te = events[i];
        const Event& e = te.Ev;
        char* w = o.Room(64);   // the fields before the title's pieces: at most 55 bytes
        if (f.Ordinals) {
            w = PutZigzag(w, (int64_t)(te.Ordinal - prev_ord));
            prev_ord = te.Ordinal;
        }
        w = PutZigzag(w, (int64_t)((uint64_t)e.StartSec - (uint64_t)prev.sec));   // Out::Time's
        w = PutVarint(w, (uint32_t)e.StartNsec);
        prev = e.Start();
        w = PutVarint(w, (uint64_t)(e.EndSec - e.StartSec));
        w = PutVarint(w, (uint32_t)e.EndNsec);
        w = PutVarintShort(w, look_of[i]);
        if (f.Weights)
            w = PutVarint(w, te.Weight);
        w = PutVarint(w, pieces_end[i] - from);
        for (char* room_end = o.B + sizeof(o.B); from < pieces_end[i]; from++) {
            if (w + 5 > room_end) {   // (a u32: at most 5 bytes)
                o.Took(w);
                w = o.Room(sizeof(o.B));
            }
            w = PutVarintShort(w, rank[event_pieces[from]]);
        }
        o.Took(w);
    }
}

// Reads the events part, a slice of events at a time when asked (a big cover: core/tiles.h TileCoverDecoder).
// Begin reads the head (counts, palette, title pieces): `count`: events the node must have (leaf), or 0;
// `first_ord`..`end_ord`: where ordinals may be; `max_weight`: the heaviest a proxy may be. Step decodes up to `n`
// more events into out->Events and out->Strings (whose bytes are longer than the titles until Finish); the bytes
// read must stay put between the calls.
struct EventsDecoder {
    struct LookV { uint16_t Group; uint8_t Lane, Flags, Precision; int16_t Sz, Ez; Color32 Color; };
    struct Piece { const char* P; uint32_t N; };
    const TileManifest* M = nullptr;
    EventsFormat F{ false, false };
    uint64_t FirstOrd = 0, EndOrd = 0, MaxWeight = 1;
    uint64_t Count = 0, Done = 0;   // events in all, decoded
    uint64_t Ord = 0;
    Instant  Prev;
    std::vector<LookV> Looks;
    std::vector<Piece> Pieces;
    std::vector<uint32_t> Tok;
    size_t Used = 0;                // bytes of out->Strings that are titles
    uint64_t Titles = 0;            // titles' bytes decoded so far (all pieces)

    bool Begin(In& in, const TileManifest& m, Instant first, EventsFormat f, uint64_t first_ord, uint64_t end_ord,
               uint64_t max_weight, bool leaf, uint64_t count, TileNode* out)
    {
        M = &m;
        F = f;
        FirstOrd = first_ord;
        EndOrd = end_ord;
        MaxWeight = max_weight;
        Prev = first;
        Ord = f.Ordinals ? 0 : first_ord;
        Count = in.Count(6);
        Done = 0;
        if (!in.Bad && leaf && Count != count)
            return in.Fail("wrong number of events for the leaf");
        const size_t ngroups = m.Meta.Groups.size();
        Looks.resize((size_t)in.Count(6));
        for (LookV& k : Looks) {
            uint64_t g = in.V();
            k.Lane = in.Byte();
            k.Flags = in.Byte();
            k.Precision = in.Byte();
            int64_t sz = in.Z(), ez = in.Z();
            uint64_t color = in.V();
            if (in.Bad)
                return false;
            if (g > ngroups || sz < INT16_MIN || sz > INT16_MAX || ez < INT16_MIN || ez > INT16_MAX || color > 0xFFFFFFFFu)
                return in.Fail("field out of range");
            k.Group = g == 0 ? kNoGroup : (uint16_t)(g - 1);
            k.Sz = (int16_t)sz;
            k.Ez = (int16_t)ez;
            k.Color = (Color32)color;
        }
        Pieces.resize((size_t)in.Count(1));
        for (Piece& p : Pieces) {
            uint64_t n = in.V();
            if (in.Bad)
                return false;
            if (n > in.Left())
                return in.Fail("truncated");
            if (memchr(in.P, 0, (size_t)n))
                return in.Fail("NUL in a title");
            p.P = (const char*)in.P;
            p.N = (uint32_t)n;
            in.P += n;
        }
        Used = out->Strings.Bytes.size();
        return !in.Bad;
    }

    // The titles' bytes of `events` more events: 32 a title before any is decoded, then the rate so far and an
    // eighth to spare (reserved once, not grown by doubling: a copy, and twice the bytes for a while)
    size_t TitleBytesFor(uint64_t events) const
    {
        const double per = Done ? 1.125 * (double)Titles / (double)Done : 32.0;
        return (size_t)(per * (double)events) + 64;
    }

    // Decodes up to n more events into *out: after the events decoded before (the same node as the last call), or,
    // as a piece, into a node of their own (its titles' pool then holds only theirs). The events are reserved and
    // the titles' pool sized for what is left (a piece: for this call's) when it starts; then each is written
    // once, memory touched as it is written.
    bool Step(In& in, uint64_t n, TileNode* out, bool piece = false)
    {
        std::string& pool = out->Strings.Bytes;
        const uint64_t stop = Count - Done > n ? Done + n : Count;
        const uint64_t ahead = piece ? stop - Done : Count - Done;
        if (piece)
            Used = pool.size();
        if (piece || Done == 0) {
            out->Events.reserve(out->Events.size() + (size_t)ahead);
            pool.reserve(Used + TitleBytesFor(ahead));
        }
        for (; Done < stop && !in.Bad; Done++) {
            out->Events.emplace_back();
            TileEvent& te = out->Events.back();
            Event& e = te.Ev;
            memset(&e, 0, sizeof(e));
            e.Extra = kNoExtra;
            if (F.Ordinals) {
                Ord += (uint64_t)in.Z();
                if (!in.Bad && (Ord < FirstOrd || Ord >= EndOrd))
                    return in.Fail("ordinal outside the node");
            } else {
                Ord = FirstOrd + Done;
            }
            te.Ordinal = Ord;
            Instant s;
            if (!in.Time(&s, &Prev))
                return false;
            uint64_t dsec = in.V(), ens = in.V(), look = in.V();
            uint64_t weight = F.Weights ? in.V() : 1;
            uint64_t ntok = in.V();
            if (in.Bad)
                return false;
            if (dsec > (uint64_t)(MaxInstant().sec - s.sec) || ens >= (uint64_t)kNanosPerSecond ||
                (dsec == 0 && (int32_t)ens < s.nsec))
                return in.Fail("end out of range");
            if (look >= Looks.size() || weight == 0 || weight > MaxWeight || ntok > in.Left())
                return in.Fail("field out of range");
            const LookV& lk = Looks[(size_t)look];
            e.SetStart(s);
            e.EndSec = s.sec + (int64_t)dsec;
            e.EndNsec = (int32_t)ens;
            e.Group = lk.Group;
            e.Flags = lk.Flags;
            e.Precision = lk.Precision;
            e.StartZone = lk.Sz;
            e.EndZone = lk.Ez;
            te.Lane = lk.Lane;
            te.Color = lk.Color;
            te.Weight = (uint32_t)weight;
            // the title, joined straight into the pool (as StringPool::Add would: bytes, then a NUL)
            if (ntok) {
                if (Tok.size() < ntok)
                    Tok.resize((size_t)ntok);
                size_t len = (size_t)ntok;   // the spaces between and the NUL
                for (uint64_t t = 0; t < ntok; t++) {
                    uint64_t pi = in.V();
                    if (in.Bad)
                        return false;
                    if (pi >= Pieces.size())
                        return in.Fail("title piece out of range");
                    Tok[(size_t)t] = (uint32_t)pi;
                    len += Pieces[(size_t)pi].N;
                }
                const size_t at = Used;
                if (pool.size() < at + len + 16) {
                    // (16: the slack of the word copies below) grown a piece at a time within what is reserved
                    // (past it, reserved again for what is left at the rate so far), so a slice touches about the
                    // memory it writes
                    const size_t need = at + len + 16;
                    if (need > pool.capacity())
                        pool.reserve(need + TitleBytesFor(stop - Done));   // (a copy)
                    pool.resize(std::min(std::max(need, pool.size() + ((size_t)64 << 10)), pool.capacity()));
                }
                Used += len;
                Titles += len;
                char* w = &pool[at];
                for (size_t t = 0; t < (size_t)ntok; t++) {
                    const Piece& pc = Pieces[Tok[t]];
                    if (pc.N <= 16 && pc.P + 16 <= (const char*)in.End) {
                        // two word copies rather than a call: most pieces are short words
                        uint64_t x[2];
                        memcpy(x, pc.P, 16);
                        memcpy(w, x, 16);
                    } else {
                        memcpy(w, pc.P, pc.N);
                    }
                    w += pc.N;
                    *w++ = t + 1 < (size_t)ntok ? ' ' : '\0';
                }
                e.Title = (StrId)at;
            }
        }
        return !in.Bad;
    }

    bool Finished() const { return Done == Count; }
    // the pool cut to the titles' bytes
    void Finish(TileNode* out) { out->Strings.Bytes.resize(Used); }
    // a piece's too, and its spare bytes given back (a small copy: a piece is a slice's titles)
    void FinishPiece(TileNode* out)
    {
        Finish(out);
        out->Strings.Bytes.shrink_to_fit();
    }
};

bool DecodeEvents(In& in, const TileManifest& m, Instant first, EventsFormat f, uint64_t first_ord, uint64_t end_ord,
                  uint64_t max_weight, bool leaf, uint64_t count, TileNode* out)
{
    EventsDecoder d;
    if (!d.Begin(in, m, first, f, first_ord, end_ord, max_weight, leaf, count, out) || !d.Step(in, UINT64_MAX, out))
        return false;
    d.Finish(out);
    return true;
}

bool Refused(In& in, const std::string& what, TileNode* out, std::string* err)
{
    std::string keep_err;
    Failed(in, what.c_str(), &keep_err);
    *out = TileNode();
    if (err)
        *err = keep_err;
    return false;
}

} // namespace

void EncodeTileNode(const TileNode& node, std::string* out)
{
    out->clear();
    Out o(out);
    const bool inner = node.Kind == TileKind_Inner;
    o.Header(node.Kind);
    o.V(node.Level);
    o.V(node.Index);
    Instant at;   // the first start is written as a delta from 0
    o.Time(node.FirstStart, &at);
    at = node.FirstStart;
    o.Time(node.NextStart, &at);
    at = node.FirstStart;
    o.Time(node.MaxEnd, &at);
    if (inner) {
        o.V(node.Children.size());
        Instant p = node.FirstStart;
        for (const TileChild& c : node.Children) {
            o.Time(c.FirstStart, &p);
            Instant q = c.FirstStart;
            o.Time(c.LastStart, &q);
            q = c.FirstStart;
            o.Time(c.MaxEnd, &q);
            o.V(c.Count);
            o.V(c.Bytes);
        }
    }
    EncodeEvents(o, node.Events, node.Strings, node.FirstStart, EventsFormat{ inner, inner });
}

bool DecodeTileNode(const uint8_t* data, size_t size, const TileManifest& m, uint32_t level, uint64_t index,
                    TileNode* out, std::string* err)
{
    const std::string what = TileNodePath(level, index);
    *out = TileNode();
    In in{ data, data, data + size };
    uint8_t kind = 0;
    if (!in.Header(&kind))
        return Refused(in, what, out, err);
    if (level >= m.Levels || index >= m.NodeCount(level)) {
        in.Fail("no such node in the manifest");
        return Refused(in, what, out, err);
    }
    const bool leaf = m.IsLeafLevel(level);
    if (kind != (leaf ? TileKind_Leaf : TileKind_Inner)) {
        in.Fail("wrong kind of tile for its level");
        return Refused(in, what, out, err);
    }
    out->Kind = (TileKind)kind;
    uint64_t lv = in.V(), ix = in.V();
    if (!in.Bad && (lv != level || ix != index))
        in.Fail("the tile says it is another node");
    Instant at;   // the first start is a delta from 0
    out->Level = level;
    out->Index = index;
    in.Time(&out->FirstStart, &at);
    at = out->FirstStart;
    in.Time(&out->NextStart, &at);
    at = out->FirstStart;
    in.Time(&out->MaxEnd, &at);
    const uint64_t per = m.NodeEvents(level);
    const uint64_t first_ord = index * per;
    const uint64_t count = std::min<uint64_t>(per, m.Events - std::min(m.Events, first_ord));
    if (!leaf && !in.Bad) {
        uint64_t nc = in.Count(8);
        uint64_t children = (count + m.NodeEvents(level + 1) - 1) / m.NodeEvents(level + 1);
        if (!in.Bad && nc != children)
            in.Fail("wrong number of children");
        out->Children.resize((size_t)nc);
        Instant p = out->FirstStart;
        uint64_t total = 0;
        for (TileChild& c : out->Children) {
            in.Time(&c.FirstStart, &p);
            Instant q = c.FirstStart;
            in.Time(&c.LastStart, &q);
            q = c.FirstStart;
            in.Time(&c.MaxEnd, &q);
            c.Count = in.V();
            uint64_t b = in.V();
            if (in.Bad)
                break;
            if (b > 0xFFFFFFFFu || c.Count > per) {
                in.Fail("child out of range");
                break;
            }
            c.Bytes = (uint32_t)b;
            total += c.Count;
        }
        if (!in.Bad && total != count)
            in.Fail("children's counts do not add up to the node's");
    }
    if (!in.Bad)
        DecodeEvents(in, m, out->FirstStart, EventsFormat{ !leaf, !leaf }, first_ord, first_ord + count, count, leaf,
                     count, out);
    if (!in.Bad && in.P != in.End)
        in.Fail("bytes after the end");
    if (in.Bad)
        return Refused(in, what, out, err);
    return true;
}

void EncodeTileCover(const TileNode& cover, std::string* out)
{
    out->clear();
    Out o(out);
    o.Header(TileKind_Cover);
    o.V(cover.Level);
    o.V(cover.Index);
    EncodeEvents(o, cover.Events, cover.Strings, Instant(), EventsFormat{ true, false });
}

struct TileCoverDecoder::State {
    In            Rd{ nullptr, nullptr, nullptr };
    EventsDecoder Ev;
    std::string   What;
    uint32_t      Level = 0;
    uint64_t      Index = 0;
    bool          Any = false;     // an event was decoded (pieces: Last is the last piece's last ordinal)
    uint64_t      Last = 0;
};

TileCoverDecoder::TileCoverDecoder() = default;
TileCoverDecoder::~TileCoverDecoder() = default;
TileCoverDecoder::TileCoverDecoder(TileCoverDecoder&&) noexcept = default;
TileCoverDecoder& TileCoverDecoder::operator=(TileCoverDecoder&&) noexcept = default;

uint64_t TileCoverDecoder::Events() const { return S ? S->Ev.Count : 0; }
uint64_t TileCoverDecoder::Decoded() const { return S ? S->Ev.Done : 0; }

bool TileCoverDecodeStart(TileCoverDecoder* d, const uint8_t* data, size_t size, const TileManifest& m,
                          uint32_t level, uint64_t index, TileNode* out, std::string* err)
{
    d->S.reset(new TileCoverDecoder::State());
    TileCoverDecoder::State& st = *d->S;
    st.What = TileCoverPath(level, index);
    st.Level = level;
    st.Index = index;
    *out = TileNode();
    In& in = st.Rd;
    in = In{ data, data, data + size };
    uint8_t kind = 0;
    if (in.Header(&kind)) {
        if (level == 0 || level >= m.CoverLevels() || index >= m.CoverNodeCount(level))
            in.Fail("no such cover in the manifest");
        else if (kind != TileKind_Cover)
            in.Fail("not a cover");
    }
    if (!in.Bad) {
        out->Kind = TileKind_Cover;
        out->Level = level;
        out->Index = index;
        uint64_t lv = in.V(), ix = in.V();
        if (!in.Bad && (lv != level || ix != index))
            in.Fail("the cover says it is another node's");
    }
    // the events of a cover start before the node's first ordinal
    if (!in.Bad)
        st.Ev.Begin(in, m, Instant(), EventsFormat{ true, false }, 0, index * m.CoverNodeEvents(level), 1, false, 0,
                    out);
    if (in.Bad) {
        Refused(in, st.What, out, err);
        d->S.reset();
        return false;
    }
    return true;
}

int TileCoverDecodeStep(TileCoverDecoder* d, uint64_t events, TileNode* out, std::string* err)
{
    if (!d->S)
        return -1;
    TileCoverDecoder::State& st = *d->S;
    In& in = st.Rd;
    const size_t from = out->Events.size();
    st.Ev.Step(in, events, out);
    for (size_t k = std::max<size_t>(from, 1); !in.Bad && k < out->Events.size(); k++)
        if (out->Events[k].Ordinal <= out->Events[k - 1].Ordinal)
            in.Fail("ordinals not ascending");
    if (!in.Bad && st.Ev.Finished() && in.P != in.End)
        in.Fail("bytes after the end");
    if (in.Bad) {
        Refused(in, st.What, out, err);
        d->S.reset();
        return -1;
    }
    if (!st.Ev.Finished())
        return 0;
    st.Ev.Finish(out);
    d->S.reset();
    return 1;
}

int TileCoverDecodePiece(TileCoverDecoder* d, uint64_t events, TileNode* piece, std::string* err)
{
    *piece = TileNode();
    if (!d->S)
        return -1;
    TileCoverDecoder::State& st = *d->S;
    In& in = st.Rd;
    piece->Kind = TileKind_Cover;
    piece->Level = st.Level;
    piece->Index = st.Index;
    st.Ev.Step(in, std::max<uint64_t>(1, events), piece, true);
    for (size_t k = 0; !in.Bad && k < piece->Events.size(); k++) {
        const uint64_t o = piece->Events[k].Ordinal;
        if (st.Any && o <= st.Last)
            in.Fail("ordinals not ascending");
        st.Any = true;
        st.Last = o;
    }
    if (!in.Bad && st.Ev.Finished() && in.P != in.End)
        in.Fail("bytes after the end");
    if (in.Bad) {
        Refused(in, st.What, piece, err);
        d->S.reset();
        return -1;
    }
    st.Ev.FinishPiece(piece);
    if (!st.Ev.Finished())
        return 0;
    d->S.reset();
    return 1;
}

bool DecodeTileCover(const uint8_t* data, size_t size, const TileManifest& m, uint32_t level, uint64_t index,
                     TileNode* out, std::string* err)
{
    TileCoverDecoder d;
    return TileCoverDecodeStart(&d, data, size, m, level, index, out, err) &&
           TileCoverDecodeStep(&d, UINT64_MAX, out, err) == 1;
}

// ------------------------------------------------------------------------------------------------ shards

static void ShardHead(Out& o, uint64_t words)
{
    o.Header(TileKind_Shard);
    o.V(words);
}

// The bytes s shares with prev at its start. (Sorted words share long prefixes, "e1234", "e1235": 8 bytes at a time,
// the first that differs the lowest set byte of their xor.)
static inline size_t SharedPrefix(std::string_view prev, std::string_view s)
{
    const size_t most = std::min(s.size(), prev.size());
    size_t shared = 0;
#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    for (; shared + 8 <= most; shared += 8) {
        uint64_t a, b;
        memcpy(&a, s.data() + shared, 8);
        memcpy(&b, prev.data() + shared, 8);
        if (a != b)
            return shared + ((size_t)__builtin_ctzll(a ^ b) >> 3);
    }
#endif
    while (shared < most && s[shared] == prev[shared])
        shared++;
    return shared;
}

// A word's entry after prev (empty for the first): the bytes it shares with prev, the rest, and its count, written
// at w (room for rest + kShardEntrySlack bytes: three varints take at most 30); returns the end.
static const size_t kShardEntrySlack = 30;
static char* PutShardEntry(char* w, size_t shared, std::string_view s, uint64_t count)
{
    const size_t rest = s.size() - shared;
    w = PutVarint(PutVarint(w, shared), rest);
    memcpy(w, s.data() + shared, rest);
    return PutVarint(w + rest, count);
}

// a word after prev to the buffer, as one group when it fits
static void ShardWord(Out& o, std::string_view prev, std::string_view s, uint64_t count)
{
    const size_t shared = SharedPrefix(prev, s);
    const size_t rest = s.size() - shared;
    if (rest > sizeof(o.B) / 2) {
        o.V(shared);
        o.V(rest);
        o.Bytes(s.data() + shared, rest);
        o.V(count);
        return;
    }
    o.Took(PutShardEntry(o.Room(rest + kShardEntrySlack), shared, s, count));
}

void EncodeTileShardHead(uint64_t words, std::string* out)
{
    Out o(out);
    ShardHead(o, words);
}

void EncodeTileShardWord(const std::string* prev, const std::string& s, uint64_t count, std::string* out)
{
    // (the packer's, once a word of the search index: a short entry goes in one append, without Out's buffer)
    const size_t shared = prev ? SharedPrefix(*prev, s) : 0;
    char b[96];
    if (s.size() - shared + kShardEntrySlack <= sizeof(b)) {
        out->append(b, (size_t)(PutShardEntry(b, shared, s, count) - b));
        return;
    }
    Out o(out);
    ShardWord(o, prev ? std::string_view(*prev) : std::string_view(), s, count);
}

void EncodeTileShardSingles(const std::vector<std::pair<std::string_view, uint64_t>>& words, std::string* out)
{
    out->clear();
    Out o(out);
    ShardHead(o, words.size());
    std::string_view prev;
    for (const auto& w : words) {
        ShardWord(o, prev, w.first, 1);
        o.V(w.second);
        prev = w.first;
    }
}

void EncodeTileShard(const TileShard& shard, std::string* out)
{
    out->clear();
    Out o(out);
    ShardHead(o, shard.Words.size());
    std::string_view prev;
    for (size_t w = 0; w < shard.Words.size(); w++) {
        const std::string& s = shard.Words[w];
        const std::vector<uint64_t>& ords = w < shard.Ordinals.size() ? shard.Ordinals[w] : std::vector<uint64_t>();
        ShardWord(o, prev, s, ords.size());
        uint64_t p = 0;
        for (size_t k = 0; k < ords.size(); k++) {
            o.V(k == 0 ? ords[0] : ords[k] - p);
            p = ords[k];
        }
        prev = s;
    }
}

bool DecodeTileShard(const uint8_t* data, size_t size, TileShard* out, std::string* err)
{
    out->Words.clear();
    out->Ordinals.clear();
    In in{ data, data, data + size };
    uint8_t kind = 0;
    if (in.Header(&kind) && kind != TileKind_Shard)
        in.Fail("not a shard");
    uint64_t n = in.Count(3);
    out->Words.resize((size_t)n);
    out->Ordinals.resize((size_t)n);
    for (uint64_t w = 0; w < n && !in.Bad; w++) {
        uint64_t shared = in.V(), rest = in.V();
        if (in.Bad)
            break;
        if ((w == 0 ? shared != 0 : shared > out->Words[w - 1].size()) || rest > in.Left()) {
            in.Fail("word out of range");
            break;
        }
        std::string& s = out->Words[(size_t)w];
        if (w > 0)
            s.assign(out->Words[w - 1], 0, (size_t)shared);
        s.append((const char*)in.P, (size_t)rest);
        in.P += rest;
        if (w > 0 && !(out->Words[w - 1] < s)) {
            in.Fail("words out of order");
            break;
        }
        uint64_t k = in.Count(1);
        std::vector<uint64_t>& ords = out->Ordinals[(size_t)w];
        ords.resize((size_t)k);
        uint64_t p = 0;
        for (uint64_t j = 0; j < k && !in.Bad; j++) {
            uint64_t d = in.V();
            if (j > 0 && (d == 0 || d > UINT64_MAX - p)) {
                in.Fail("ordinals out of order");
                break;
            }
            p = j == 0 ? d : p + d;
            ords[(size_t)j] = p;
        }
    }
    if (!in.Bad && in.P != in.End)
        in.Fail("bytes after the end");
    if (in.Bad) {
        out->Words.clear();
        out->Ordinals.clear();
        return Failed(in, "shard", err);
    }
    return true;
}

void TileShard::Match(const std::string& prefix, std::vector<uint64_t>* out) const
{
    out->clear();
    auto it = std::lower_bound(Words.begin(), Words.end(), prefix);
    size_t first = (size_t)(it - Words.begin());
    size_t last = first;
    while (last < Words.size() && Words[last].compare(0, prefix.size(), prefix) == 0)
        last++;
    for (size_t w = first; w < last && w < Ordinals.size(); w++)
        out->insert(out->end(), Ordinals[w].begin(), Ordinals[w].end());
    if (last - first > 1) {
        std::sort(out->begin(), out->end());
        out->erase(std::unique(out->begin(), out->end()), out->end());
    }
}

// ------------------------------------------------------------------------------------------------ manifest

static void PutString(std::string* s, const std::string& t)
{
    static const char kHex[] = "0123456789abcdef";
    s->push_back('"');
    for (unsigned char c : t) {
        if (c == '"' || c == '\\') {
            s->push_back('\\');
            s->push_back((char)c);
        } else if (c < 0x20) {
            char e[7] = { '\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15], 0 };
            s->append(e, 6);
        } else {
            s->push_back((char)c);
        }
    }
    s->push_back('"');
}

void AppendJsonString(std::string* out, const std::string& s) { PutString(out, s); }

static void PutInt(std::string* s, int64_t v)
{
    char buf[24];
    snprintf(buf, sizeof(buf), "%" PRId64, v);
    *s += buf;
}

static void PutUInt(std::string* s, uint64_t v) { *s += Dec(v); }

static void PutInstant(std::string* s, Instant t)
{
    s->push_back('[');
    PutInt(s, t.sec);
    s->push_back(',');
    PutInt(s, t.nsec);
    s->push_back(']');
}

static void PutColor(std::string* s, Color32 c)
{
    char buf[16];
    snprintf(buf, sizeof(buf), "\"#%02x%02x%02x%02x\"", (c >> 16) & 255, (c >> 8) & 255, c & 255, c >> 24);
    *s += buf;
}

void WriteGroupsJson(const Timeline& t, std::string* out)
{
    std::string& s = *out;
    s = "[";
    for (size_t i = 0; i < t.Groups.size(); i++) {
        const Group& g = t.Groups[i];
        s += i ? ", {\"id\": " : "{\"id\": ";
        PutString(&s, g.Id);
        s += ", \"label\": ";
        PutString(&s, g.Label);
        if (g.Color) {
            s += ", \"color\": ";
            PutColor(&s, g.Color);
        }
        s += "}";
    }
    s += "]";
}

// An era's date as the loader reads it back at its precision: FormatIso writes an hour with its minutes
// ("2020-01-01T13:00Z", read as a minute), the JSON format writes it without ("2020-01-01T13Z").
static std::string EraDate(Instant t, Precision p)
{
    std::string s = FormatIso(t, p);
    if (p == Precision_Hour && s.size() > 4 && s[s.size() - 4] == ':')
        s.erase(s.size() - 4, 3);
    return s;
}

void WriteTileManifest(const TileManifest& m, std::string* out)
{
    std::string& s = *out;
    s.clear();
    s += "{\"chronoscope_tiles\": ";
    PutUInt(&s, kTileVersion);
    s += ",\n\"events\": ";
    PutUInt(&s, m.Events);
    s += ", \"leaf_events\": ";
    PutUInt(&s, m.LeafEvents);
    s += ", \"fanout\": ";
    PutUInt(&s, m.Fanout);
    s += ", \"levels\": ";
    PutUInt(&s, m.Levels);
    s += ", \"cover_fanout\": ";
    PutUInt(&s, m.CoverFanout);
    s += ", \"bins\": ";
    PutUInt(&s, m.Bins);
    s += ", \"id_shards\": ";
    PutUInt(&s, m.IdShards);
    s += ",\n\"min\": ";
    PutInstant(&s, m.Min);
    s += ", \"max\": ";
    PutInstant(&s, m.Max);
    s += ",\n\"lanes_per_group\": [";
    for (size_t i = 0; i < m.LanesPerGroup.size(); i++) {
        if (i)
            s += ",";
        PutUInt(&s, m.LanesPerGroup[i]);
    }
    s += "],\n\"group_counts\": [";
    for (size_t i = 0; i < m.GroupCounts.size(); i++) {
        if (i)
            s += ",";
        PutUInt(&s, m.GroupCounts[i]);
    }
    s += "],\n\"story\": [";
    for (size_t i = 0; i < m.Meta.Story.size(); i++) {
        if (i)
            s += ",";
        PutUInt(&s, m.Meta.Story[i]);
    }
    // the timeline's own fields, in the JSON format (read back by the loader), and what that format has no field
    // for: the title card's description as HTML (a TimelineJS3 title slide's)
    const Timeline& t = m.Meta;
    s += "]";
    if (!t.DescriptionHtml.empty()) {
        s += ",\n\"description_html\": ";
        PutString(&s, t.DescriptionHtml);
    }
    s += ",\n\"timeline\": {\"title\": ";
    PutString(&s, t.Title);
    if (!t.Description.empty()) {
        s += ", \"description\": ";
        PutString(&s, t.Description);
    }
    if (!t.MediaUrl.empty() || !t.MediaCaption.empty() || !t.MediaCredit.empty()) {
        s += ",\n\"media\": {\"url\": ";
        PutString(&s, t.MediaUrl);
        s += ", \"caption\": ";
        PutString(&s, t.MediaCaption);
        s += ", \"credit\": ";
        PutString(&s, t.MediaCredit);
        s += "}";
    }
    s += ",\n\"groups\": ";
    std::string groups;
    WriteGroupsJson(t, &groups);
    s += groups;
    s += ",\n\"eras\": [";
    for (size_t i = 0; i < t.Eras.size(); i++) {
        const Era& e = t.Eras[i];
        s += i ? ",\n  {\"start\": " : "\n  {\"start\": ";
        PutString(&s, EraDate(e.Start, e.StartPrecision));
        s += ", \"end\": ";
        PutString(&s, EraDate(e.End, e.EndPrecision));
        s += ", \"label\": ";
        PutString(&s, e.Label);
        if (e.Color) {
            s += ", \"color\": ";
            PutColor(&s, e.Color);
        }
        s += "}";
    }
    s += "],\n\"events\": []}}\n";
}

namespace {

// The manifest's tree numbers, read by the streaming reader; the "timeline" value's bytes are handed to the loader.
struct ManifestReader {
    TileManifest* M;
    const char*   Data;
    const char*   Cursor = nullptr;
    const char*   TokStart = nullptr;
    int           Depth = 0;
    std::string   Key;               // the top-level key whose value is being read
    std::vector<int64_t> Ints;       // the integers of an array value
    bool          InArray = false;
    size_t        TimelineStart = 0, TimelineEnd = 0;
    int           TimelineDepth = 0;
    bool          HaveVersion = false;
    bool          HaveCoverFanout = false;
    std::string   DescriptionHtml;   // "description_html"
    std::string   Error;
    size_t        ErrorAt = 0;

    bool Fail(const std::string& why)
    {
        if (Error.empty()) {
            Error = why;
            ErrorAt = (size_t)(TokStart - Data);
        }
        return false;
    }
    bool Int(int64_t v)
    {
        if (TimelineDepth)
            return true;
        if (Depth == 2 && InArray) {
            Ints.push_back(v);
            return true;
        }
        if (Depth != 1)
            return Fail("unexpected number");
        if (v < 0)
            return Fail("negative \"" + Key + "\"");
        uint64_t u = (uint64_t)v;
        if (Key == "chronoscope_tiles") {
            M->Version = (int)std::min<uint64_t>(u, 1000);
            HaveVersion = true;
        } else if (Key == "events") {
            M->Events = u;
        } else if (Key == "leaf_events" || Key == "fanout" || Key == "levels" || Key == "bins" || Key == "id_shards") {
            if (u == 0 || u > 0xFFFFFFFFu)
                return Fail("\"" + Key + "\" out of range");
            (Key == "leaf_events" ? M->LeafEvents : Key == "fanout" ? M->Fanout : Key == "levels" ? M->Levels :
             Key == "bins" ? M->Bins : M->IdShards) = (uint32_t)u;
        } else if (Key == "cover_fanout") {
            if (u < 2 || u > 256)
                return Fail("\"cover_fanout\" out of range (2 to 256)");
            M->CoverFanout = (uint32_t)u;
            HaveCoverFanout = true;
        }
        return true;
    }
    bool null() { return Depth > 1 || TimelineDepth ? true : Fail("unexpected null"); }
    bool boolean(bool) { return Depth > 1 || TimelineDepth ? true : Fail("unexpected boolean"); }
    bool number_integer(int64_t v) { return Int(v); }
    bool number_unsigned(uint64_t v) { return TimelineDepth || Depth > 2 ? true : Fail("number out of range"); }
    bool number_float(double) { return TimelineDepth || Depth > 2 ? true : Fail("a whole number was expected"); }
    bool string(std::string& v)
    {
        if (Depth == 1 && !TimelineDepth && Key == "description_html")
            DescriptionHtml.swap(v);
        return true;
    }
    bool key(std::string& k)
    {
        if (Depth == 1)
            Key = k;
        return true;
    }
    bool start_object()
    {
        Depth++;
        if (Depth == 2 && Key == "timeline" && !TimelineDepth) {
            TimelineDepth = Depth;
            TimelineStart = (size_t)(TokStart - Data);
        }
        return true;
    }
    bool end_object()
    {
        if (TimelineDepth == Depth) {
            TimelineDepth = 0;
            TimelineEnd = (size_t)(Cursor - Data);
        }
        Depth--;
        return true;
    }
    bool start_array()
    {
        Depth++;
        if (Depth == 2 && !TimelineDepth) {
            InArray = true;
            Ints.clear();
        }
        return true;
    }
    bool end_array()
    {
        if (Depth == 2 && InArray) {
            InArray = false;
            if (!EndArray())
                return false;
        }
        Depth--;
        return true;
    }
    bool EndArray()
    {
        auto instant = [&](Instant* t) {
            if (Ints.size() != 2 || Ints[1] < 0 || Ints[1] >= kNanosPerSecond || Ints[0] < MinInstant().sec ||
                Ints[0] > MaxInstant().sec)
                return Fail("\"" + Key + "\" must be [seconds, nanoseconds]");
            t->sec = Ints[0];
            t->nsec = (int32_t)Ints[1];
            return true;
        };
        if (Key == "min")
            return instant(&M->Min);
        if (Key == "max")
            return instant(&M->Max);
        if (Key == "lanes_per_group") {
            M->LanesPerGroup.clear();
            for (int64_t v : Ints) {
                if (v < 0 || v > 255)
                    return Fail("lanes out of range");
                M->LanesPerGroup.push_back((uint8_t)v);
            }
        } else if (Key == "group_counts") {
            M->GroupCounts.assign(Ints.begin(), Ints.end());
        } else if (Key == "story") {
            M->Meta.Story.clear();
            for (int64_t v : Ints) {
                if (v < 0 || v > 0xFFFFFFFFLL)
                    return Fail("story ordinal out of range");
                M->Meta.Story.push_back((uint32_t)v);
            }
        }
        return true;
    }
    void syntax_error(size_t offset, const char* message)
    {
        if (Error.empty()) {
            Error = message;
            ErrorAt = offset;
        }
    }
};

} // namespace

bool ReadTileManifest(const char* json, size_t size, TileManifest* out, std::string* err)
{
    *out = TileManifest();
    ManifestReader r;
    r.M = out;
    r.Data = json;
    auto fail = [&](const std::string& why, size_t at) {
        if (err) {
            char buf[48];
            snprintf(buf, sizeof(buf), " (byte %zu)", at);
            *err = "manifest.json: " + why + buf;
        }
        *out = TileManifest();
        return false;
    };
    bool ok = JsonRead(json, size, &r, &r.Cursor, &r.TokStart);
    if (!ok || !r.Error.empty())
        return fail(r.Error.empty() ? "not a manifest" : r.Error, r.ErrorAt);
    if (!r.HaveVersion)
        return fail("not a tiles manifest (no \"chronoscope_tiles\")", 0);
    if (out->Version != kTileVersion)
        return fail("tiles of version " + Dec((uint64_t)out->Version) + "; this viewer reads version " +
                        Dec(kTileVersion),
                    0);
    if (!r.TimelineEnd)
        return fail("no \"timeline\"", 0);
    if (!r.HaveCoverFanout)
        return fail("no \"cover_fanout\"", 0);
    // the tree must be one whose every level can be numbered
    if (out->NodeEvents(0) == UINT64_MAX || out->Levels > 64 ||
        (out->Levels > 1 && out->NodeEvents(1) >= out->Events) ||
        (out->Events > out->NodeEvents(0)))
        return fail("the tree's shape does not fit its events", 0);
    LoadOptions lo;
    lo.MaxDiagnostics = 1;
    LoadResult res;
    Timeline tl;
    if (!LoadTimeline(json + r.TimelineStart, r.TimelineEnd - r.TimelineStart, lo, &tl, &res)) {
        std::string why = res.Diagnostics.empty() ? "the timeline does not load" : res.Diagnostics[0].Message;
        return fail("timeline: " + why, r.TimelineStart);
    }
    std::vector<uint32_t> story;
    story.swap(out->Meta.Story);
    out->Meta = std::move(tl);
    out->Meta.Story.swap(story);
    out->Meta.DescriptionHtml.swap(r.DescriptionHtml);
    for (uint32_t o : out->Meta.Story)
        if (o >= out->Events)
            return fail("story ordinal out of range", 0);
    const size_t ng = out->Meta.Groups.size() + 1;
    if (out->LanesPerGroup.size() != ng || out->GroupCounts.size() != ng)
        return fail("\"lanes_per_group\" and \"group_counts\" need one entry per group and one for ungrouped", 0);
    uint64_t total = 0;
    for (uint64_t c : out->GroupCounts)
        total += c;
    if (total != out->Events)
        return fail("\"group_counts\" do not add up to \"events\"", 0);
    return true;
}

} // namespace chronoscope
