// Chronoscope core: a strict, streaming JSON reader (RFC 8259) that calls a handler for each token.
//
// The loader's hot path: a million events are ~130 MB of JSON. This reader looks at each byte once, copies
// string runs in one append, keeps no DOM and no recursion (a container stack of one byte per level), and
// reports the byte offset of every problem; the loader turns offsets into LINE:COL only for diagnostics.
//
//   struct Handler {
//       bool null(); bool boolean(bool); bool number_integer(int64_t); bool number_unsigned(uint64_t);
//       bool number_float(double); bool string(std::string&); bool key(std::string&);
//       bool start_object(); bool end_object(); bool start_array(); bool end_array();
//       void syntax_error(size_t offset, const char* message);   // the reader stops after this
//   };
//   const char* cursor;   // before each call: just past the token (past '{' for start_object, ...)
//   const char* start;    // before each call: where the token starts ('{' for start_object, a string's or key's
//                         // opening quote, a number's '-' or first digit, a literal's first letter, '}' for
//                         // end_object): a value's place in the text without looking back
//   bool ok = JsonRead(data, size, &handler, &cursor, &start);   // (start may be left out)
//
// Or in pieces, while the bytes arrive in one buffer (a download):
//   JsonReader<Handler> r;  r.Init(data, &handler, &cursor, &start);
//   r.Resume(bytes_so_far, false) ... -> kNeedMore (or kFailed: stop early)
//   r.Rebase(new_data)                   when the buffer grew and moved (the bytes so far copied over)
//   r.Resume(size, true)              -> kDone or kFailed
// The same calls reach the handler, and the same error at the same offset, however the input is cut.
// JSON Lines: r.Lines = true after Init reads one value per line (each on its line and ending it; blank lines
// skipped), with offsets into the whole text as ever.
//
// A handler may also have bool key_text(const char*, size_t) and bool string_text(const char*, size_t) (both): a key or
// string without escapes then comes as it stands in the text (valid during the call), with no copy made.
// A handler returning false stops the reader (JsonRead returns false, no syntax_error). String and key
// callbacks get the decoded UTF-8 text and may swap it away. What is accepted is exactly RFC 8259: one value
// with optional whitespace around it, no trailing commas, no comments, strings of valid UTF-8 (core/utf8.h)
// without raw control characters, \u escapes with paired surrogates (a lone surrogate is an error; \u0000
// gives a NUL byte, and during the string or key callback the reader's Nul points at the first such escape of
// that text, for a handler that cannot keep a NUL), numbers without leading zeros. Integers go to
// number_integer, or number_unsigned when they only fit there, else number_float; a number too large for a
// double is an error. One UTF-8 byte order mark at the start is skipped.
#pragma once

#include "core/utf8.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <clocale>
#include <cmath>
#include <string>
#include <type_traits>

// Inlined by force where the native reader's speed asks for it (the packer reads ~100 MB of JSON per million
// events); the web build leaves it to the compiler, since every copy of a call's body adds to the page's download.
#if defined(__EMSCRIPTEN__)
#define CS_FORCE_INLINE inline
#else
#define CS_FORCE_INLINE __attribute__((always_inline)) inline
#endif
#include <utility>
#include <vector>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace chronoscope {

namespace json_detail {

// Bytes a string can contain as they are: not '"', '\\', a control character or a non-ASCII byte.
struct PlainTable {
    bool Plain[256];
    constexpr PlainTable() : Plain()
    {
        for (int c = 0; c < 256; c++)
            Plain[c] = c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
    }
};
static constexpr PlainTable kPlain;

// Where the first byte that is not plain (kPlain: '"', '\\', below 0x20 or past ASCII) is among the 8 at p: 0..7, or 8
// when they all are. The tests are the classic "has a zero byte" / "has a byte less than n" on bytes without their
// high bit; a borrow can only mark bytes after a true hit, so the lowest mark is exact.
inline unsigned PlainRun8(const unsigned char* p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t v;
    memcpy(&v, p, 8);
    const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
    const uint64_t q = v ^ (ones * '"'), b = v ^ (ones * '\\');
    const uint64_t m = (v | ((v - ones * 0x20) & ~v) | ((q - ones) & ~q) | ((b - ones) & ~b)) & high;
    return m ? (unsigned)__builtin_ctzll(m) >> 3 : 8;
#else
    unsigned i = 0;
    while (i < 8 && kPlain.Plain[p[i]])
        i++;
    return i;
#endif
}

#if defined(__SSE2__)
// PlainRun8 for 16 bytes at p, where the machine has SSE2 (every x86-64): '"', '\\' and, as signed bytes, everything
// below 0x20 (control characters, and every byte past ASCII, negative) stop a run.
inline unsigned PlainRun16(const unsigned char* p)
{
    const __m128i v = _mm_loadu_si128((const __m128i*)p);
    const __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                                   _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
                                      _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
    const unsigned m = (unsigned)_mm_movemask_epi8(stop);
    return m ? (unsigned)__builtin_ctz(m) : 16;
}
#endif

inline int HexDigit(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

inline const char* Describe(unsigned char c, char* buf)  // buf: at least 8 bytes
{
    if (c >= 0x21 && c < 0x7F) {
        buf[0] = '\'';
        buf[1] = (char)c;
        buf[2] = '\'';
        buf[3] = 0;
    } else {
        static const char hex[] = "0123456789ABCDEF";
        buf[0] = 'b';
        buf[1] = 'y';
        buf[2] = 't';
        buf[3] = 'e';
        buf[4] = ' ';
        buf[5] = hex[c >> 4];
        buf[6] = hex[c & 15];
        buf[7] = 0;
    }
    return buf;
}

// The end of the run of bytes at q (before end) a string keeps as they are: plain ASCII (16 at a time with SSE2, else
// 8) and valid UTF-8 sequences. The reader's one rule for the text of a string; JsonReader::RunEnd.
inline const unsigned char* RunEnd(const unsigned char* q, const unsigned char* end)
{
    for (;;) {
#if defined(__SSE2__)
        unsigned k16 = 16;
        while (end - q >= 16 && (k16 = PlainRun16(q)) == 16)
            q += 16;
        if (k16 < 16)
            q += k16;
        else
#endif
        {
            unsigned k = 8;
            while (end - q >= 8 && (k = PlainRun8(q)) == 8)
                q += 8;
            if (k < 8)
                q += k;
            else
                while (q < end && kPlain.Plain[*q])
                    q++;
        }
        if (q >= end || *q < 0x80)
            return q;
        // Text past ASCII (a script's words): its sequences one after the other, and a single plain byte between two
        // of them (a space), without going back to the ASCII steps for each.
        for (;;) {
            const int n = Utf8SequenceLength(q, end);
            if (n == 0)
                return q;
            q += n;
            if (q >= end)
                return q;
            if (*q >= 0x80)
                continue;
            if (!kPlain.Plain[*q])
                return q;
            if (end - q >= 2 && q[1] >= 0x80) {
                q++;
                continue;
            }
            break;
        }
    }
}

// q just past a string's opening quote: its closing quote when the string is one run (no escapes, nothing the reader
// refuses), else null (the reader's ReadString words the problem). Most keys and values end within 16 plain bytes:
// RunEnd's first step, without the call (and where they do not, RunEnd goes on from there).
CS_FORCE_INLINE const unsigned char* RunClose(const unsigned char* q, const unsigned char* end)
{
#if defined(__SSE2__)
    if (end - q >= 16) {
        const unsigned k = PlainRun16(q);
        if (k < 16 && q[k] == '"')
            return q + k;
        q += k;   // (RunEnd goes on after the plain bytes)
    }
#endif
    q = RunEnd(q, end);
    return q < end && *q == '"' ? q : nullptr;
}

} // namespace json_detail

template <typename Handler>
struct JsonReader {
    const unsigned char* Begin;
    const unsigned char* P;
    const unsigned char* End;
    Handler*             H;
    const char**         Cursor;
    const char**         Start;      // where the last token starts (TokenStart unless the caller asks)
    const char*          TokenStart = nullptr;
    std::string          Str;        // the string being read (reused)
    std::string          Num;        // a number's text for strtod (reused)
    std::vector<uint8_t> Stack;      // open containers: '{' or '['
    const unsigned char* Nul = nullptr;   // in the last string or key read: its first \u0000 escape, or null
    bool                 Opened = false;  // the last value read opened a container
    bool                 Final = false;   // (Resume) the bytes at hand are all of them

    JsonReader() = default;
    JsonReader(const JsonReader&) = delete;  // Start may point into the reader itself
    JsonReader& operator=(const JsonReader&) = delete;

    bool Fail(const unsigned char* at, const char* msg)
    {
        H->syntax_error((size_t)(at - Begin), msg);
        return false;
    }
    bool FailChar(const unsigned char* at, const char* what)
    {
        if (at >= End)
            return Fail(End, (std::string("unexpected end of input; ") + what).c_str());
        char buf[8];
        std::string msg = std::string("unexpected ") + json_detail::Describe(*at, buf) + "; " + what;
        return Fail(at, msg.c_str());
    }
    // Before each handler call: the token is [s, P).
    void Mark(const unsigned char* s)
    {
        *Start = (const char*)s;
        *Cursor = (const char*)P;
    }

    void SkipSpace()
    {
        while (P < End && (*P == ' ' || *P == '\n' || *P == '\r' || *P == '\t'))
            P++;
    }

    const unsigned char* RunEnd(const unsigned char* q) const { return json_detail::RunEnd(q, End); }

    // A handler may take a string or key that is one run (no escapes) as it stands in the text, without a copy:
    // string_text(const char*, size_t) and key_text(const char*, size_t), when it has them.
    template <typename T> static auto HasText(int) -> decltype(std::declval<T&>().key_text((const char*)nullptr, (size_t)0), std::true_type());
    template <typename T> static std::false_type HasText(...);
    static constexpr bool kHasText = decltype(HasText<Handler>(0))::value;

    // P at the opening quote. A string of one run: true with *text set to it, P past the closing quote, Nul null.
    // Else false with P unmoved (ReadString reads it).
    bool StringRun(const unsigned char** text)
    {
        const unsigned char* q = json_detail::RunClose(P + 1, End);
        if (!q)
            return false;
        *text = P + 1;
        Nul = nullptr;
        P = q + 1;
        return true;
    }

    // P at the opening quote. Leaves the text in Str and P past the closing quote.
    bool ReadString()
    {
        const unsigned char* open = P++;
        Str.clear();
        Nul = nullptr;
        for (;;) {
            const unsigned char* run = P;
            P = RunEnd(P);
            if (P > run)
                Str.append((const char*)run, (size_t)(P - run));
            if (P >= End)
                return Fail(open, "unterminated string");
            unsigned char c = *P;
            if (c == '"') {
                P++;
                return true;
            }
            if (c == '\\') {
                if (!ReadEscape())
                    return false;
                continue;
            }
            if (c < 0x20) {
                char buf[96];
                snprintf(buf, sizeof(buf), "control character U+%04X in a string must be written as an escape", c);
                return Fail(P, buf);
            }
            return Fail(P, "invalid UTF-8 in a string");   // (a valid sequence is part of the run)
        }
    }

    bool ReadHex4(const unsigned char* at, uint32_t* out)
    {
        if (End - at < 4)
            return Fail(at, "\\u must be followed by four hex digits");
        uint32_t v = 0;
        for (int i = 0; i < 4; i++) {
            int d = json_detail::HexDigit(at[i]);
            if (d < 0)
                return Fail(at, "\\u must be followed by four hex digits");
            v = v * 16 + (uint32_t)d;
        }
        *out = v;
        return true;
    }

    bool ReadEscape()  // P at the backslash
    {
        const unsigned char* bs = P;
        if (End - P < 2)
            return Fail(bs, "unterminated string");
        unsigned char e = P[1];
        P += 2;
        switch (e) {
        case '"': Str.push_back('"'); return true;
        case '\\': Str.push_back('\\'); return true;
        case '/': Str.push_back('/'); return true;
        case 'b': Str.push_back('\b'); return true;
        case 'f': Str.push_back('\f'); return true;
        case 'n': Str.push_back('\n'); return true;
        case 'r': Str.push_back('\r'); return true;
        case 't': Str.push_back('\t'); return true;
        case 'u': {
            uint32_t cp = 0;   // (set by ReadHex4; the compiler cannot tell)
            if (!ReadHex4(P, &cp))
                return false;
            P += 4;
            if (cp >= 0xDC00 && cp <= 0xDFFF)
                return Fail(bs, "a low surrogate \\u escape without a high surrogate before it");
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                uint32_t lo;
                if (End - P < 2 || P[0] != '\\' || P[1] != 'u')
                    return Fail(bs, "a high surrogate \\u escape must be followed by a low surrogate \\u escape");
                if (!ReadHex4(P + 2, &lo))
                    return false;
                if (lo < 0xDC00 || lo > 0xDFFF)
                    return Fail(bs, "a high surrogate \\u escape must be followed by a low surrogate \\u escape");
                P += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            if (cp == 0 && !Nul)
                Nul = bs;
            Utf8Encode(&Str, cp);
            return true;
        }
        default:
            return Fail(bs, "invalid escape (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
        }
    }

    bool ReadNumber()  // P at '-' or a digit
    {
        const unsigned char* s = P;
        bool neg = false;
        if (*P == '-') {
            neg = true;
            P++;
        }
        if (P >= End || *P < '0' || *P > '9')
            return FailChar(P, "expected a digit after '-'");
        const unsigned char* digits = P;
        if (*P == '0') {
            P++;
            if (P < End && *P >= '0' && *P <= '9')
                return Fail(s, "a number cannot have a leading zero");
        } else {
            while (P < End && *P >= '0' && *P <= '9')
                P++;
        }
        size_t ndigits = (size_t)(P - digits);
        bool integer = true;
        if (P < End && *P == '.') {
            integer = false;
            P++;
            if (P >= End || *P < '0' || *P > '9')
                return FailChar(P, "expected a digit after the decimal point");
            while (P < End && *P >= '0' && *P <= '9')
                P++;
        }
        if (P < End && (*P == 'e' || *P == 'E')) {
            integer = false;
            P++;
            if (P < End && (*P == '+' || *P == '-'))
                P++;
            if (P >= End || *P < '0' || *P > '9')
                return FailChar(P, "expected a digit in the exponent");
            while (P < End && *P >= '0' && *P <= '9')
                P++;
        }
        Mark(s);
        if (integer && ndigits <= 19) {
            uint64_t v = 0;
            for (const unsigned char* d = digits; d < digits + ndigits; d++)
                v = v * 10 + (uint64_t)(*d - '0');  // 19 digits cannot overflow 64 bits
            if (!neg)
                return v <= (uint64_t)INT64_MAX ? H->number_integer((int64_t)v) : H->number_unsigned(v);
            if (v <= (uint64_t)INT64_MAX)
                return H->number_integer(-(int64_t)v);
            if (v == (uint64_t)INT64_MAX + 1)
                return H->number_integer(INT64_MIN);
        } else if (integer && ndigits == 20 && !neg) {
            uint64_t v = 0;
            bool fits = true;
            for (const unsigned char* d = digits; d < digits + ndigits && fits; d++) {
                uint64_t dig = (uint64_t)(*d - '0');
                if (v > (UINT64_MAX - dig) / 10)
                    fits = false;
                else
                    v = v * 10 + dig;
            }
            if (fits)
                return H->number_unsigned(v);
        }
        Num.assign((const char*)s, (size_t)(P - s));
        // strtod reads the C library's current locale: where the decimal point is not '.', give it that one
        // (as nlohmann's lexer does)
        const char dp = *localeconv()->decimal_point;
        if (dp != '.' && dp != 0)
            for (char& c : Num)
                if (c == '.')
                    c = dp;
        double d = strtod(Num.c_str(), nullptr);
        if (!std::isfinite(d))
            return Fail(s, "number out of range");
        return H->number_float(d);
    }

    bool Literal(const char* word, size_t len)
    {
        const unsigned char* s = P;
        for (size_t i = 0; i < len; i++, P++)
            if (P >= End || *P != (unsigned char)word[i])
                return Fail(s, (std::string("invalid literal; expected ") + word).c_str());
        Mark(s);
        return true;
    }

    // A value starting at P (whitespace skipped). Containers are only opened here. (Inlined: into Member, once per
    // object member, and the array loop.)
    CS_FORCE_INLINE bool Value()
    {
        if (P >= End)
            return FailChar(P, "expected a value");
        const unsigned char* s = P;
        switch (*P) {
        case '{':
            P++;
            Opened = true;
            Stack.push_back('{');
            Mark(s);
            return H->start_object();
        case '[':
            P++;
            Opened = true;
            Stack.push_back('[');
            Mark(s);
            return H->start_array();
        case '"':
            if constexpr (kHasText) {
                const unsigned char* text;
                if (StringRun(&text)) {
                    Mark(s);
                    return H->string_text((const char*)text, (size_t)(P - 1 - text));
                }
            }
            if (!ReadString())
                return false;
            Mark(s);
            return H->string(Str);
        case 't': return Literal("true", 4) && H->boolean(true);
        case 'f': return Literal("false", 5) && H->boolean(false);
        case 'n': return Literal("null", 4) && H->null();
        default:
            if (*P == '-' || (*P >= '0' && *P <= '9'))
                return ReadNumber();
            return FailChar(P, "expected a value (object, array, string, number, true, false or null)");
        }
    }

    // P just inside an object (first), or after a ',' in one: a key, ':' and the start of its value. Reading the whole
    // text (Final), the members after a value that opened nothing are read on here, and the object's '}' closed, without
    // the round through Resume; anything else after such a value is left to Resume (and its error words).
    bool Member(bool first)
    {
        SkipSpace();
        for (;;) {
            if (P < End && *P == '}') {
                if (!first)
                    return Fail(P, "a trailing comma is not allowed before '}'");
                return CloseContainer();
            }
            if (P >= End || *P != '"')
                return FailChar(P, first ? "expected a key in quotes or '}'" : "expected a key in quotes after ','");
            const unsigned char* k = P;
            const unsigned char* text = nullptr;
            if constexpr (kHasText) {
                if (StringRun(&text)) {
                    Mark(k);
                    if (!H->key_text((const char*)text, (size_t)(P - 1 - text)))
                        return false;
                }
            }
            if (!text) {
                if (!ReadString())
                    return false;
                Mark(k);
                if (!H->key(Str))
                    return false;
            }
            // (the common ": " before a value and ", " before the next key are taken at once; else as written)
            if (End - P >= 3 && P[0] == ':' && P[1] == ' ' && P[2] > ' ') {
                P += 2;
            } else {
                SkipSpace();
                if (P >= End || *P != ':')
                    return FailChar(P, "expected ':' after the key");
                P++;
                SkipSpace();
            }
            if (!Value())
                return false;
            if (Opened || !Final)
                return true;
            if (End - P >= 3 && P[0] == ',' && P[1] == ' ' && P[2] == '"') {
                P += 2;
                first = false;
                continue;
            }
            SkipSpace();
            if (P < End && *P == ',') {
                P++;
                first = false;
                SkipSpace();
                continue;
            }
            if (P < End && *P == '}')
                return CloseContainer();
            return true;
        }
    }

    bool CloseContainer()  // P at the matching '}' or ']'
    {
        uint8_t open = Stack.back();
        Stack.pop_back();
        const unsigned char* s = P++;
        Mark(s);
        return open == '{' ? H->end_object() : H->end_array();
    }

    // --- reading in pieces, as the bytes arrive
    //
    // The reader may stop between two tokens and go on later. It only reads a token when a value terminator
    // (',', ']' or '}' outside strings) follows it in the bytes at hand: then the token and the value it starts
    // end at or before that terminator, so no token is ever cut at the end of the bytes at hand. A cheap scan over
    // each new piece (strings and escapes only) finds the last terminator, SafeEnd.
    enum { kFailed = 0, kDone = 1, kNeedMore = 2 };
    const unsigned char* ScanPos = nullptr;
    const unsigned char* SafeEnd = nullptr;
    bool InString = false, Escaped = false, Started = false;
    // JSON Lines (set after Init, before the first Resume): one value per line instead of one value in all. Each
    // value must lie on its line and end it (spaces may follow); blank lines are skipped. The handler hears the
    // values one after the other, as it would hear the elements of an array, without the array's own calls.
    bool                 Lines = false;
    const unsigned char* ValueStart = nullptr;   // (JSON Lines) where the current line's value starts
    size_t               Values = 0;             // (JSON Lines) values read whole so far

    void Scan()
    {
        const unsigned char* q = ScanPos;
        // A raw newline never occurs inside a token (strings must escape it), so the scan of strings can start
        // again at the last-but-one newline of the new bytes: a pretty-printed file costs a line per piece, not
        // a second pass. (In a string that holds a raw newline the reader stops at it with an error anyway.)
        const unsigned char* n2 = End;
        while (n2 > q && n2[-1] != '\n')
            n2--;
        if (n2 > q) {
            const unsigned char* n1 = n2 - 1;
            while (n1 > q && n1[-1] != '\n')
                n1--;
            if (n1 > q) {
                q = n1;
                InString = false;
                Escaped = false;
            }
        }
        while (q < End) {
            unsigned char c = *q;
            if (InString) {
                if (Escaped)
                    Escaped = false;
                else if (c == '\\')
                    Escaped = true;
                else if (c == '"')
                    InString = false;
            } else if (c == '"') {
                InString = true;
            } else if (c == ',' || c == ']' || c == '}') {
                SafeEnd = q;
            }
            q++;
        }
        ScanPos = q;
    }

    // Reads on with the first `avail` bytes (never fewer than before); `final`: that is all of them. kDone when the
    // whole input was one valid value (final only), kNeedMore when it stopped for more bytes, kFailed after
    // syntax_error or a handler's false.
    int Resume(size_t avail, bool final)
    {
        End = Begin + avail;
        Final = final;
        const bool more = !final;
        if (more) {
            Scan();
            if (!SafeEnd || SafeEnd <= P)
                return kNeedMore;
        }
        for (;;) {
            if (!Started) {
                if (P == Begin && End - P >= 3 && P[0] == 0xEF && P[1] == 0xBB && P[2] == 0xBF)
                    P += 3;
                SkipSpace();
                if (P >= End && Lines && Values > 0)
                    return more ? kNeedMore : kDone;   // (JSON Lines: blank lines after the last value)
                if (P >= End) {
                    Fail(P, "no JSON value (the input is empty)");
                    return kFailed;
                }
                if (Lines && more && P >= SafeEnd)
                    return kNeedMore;   // (JSON Lines: the next line's value is read once a terminator follows it)
                Started = true;
                ValueStart = P;
                if (!Value())
                    return kFailed;
            }
            // After each value: a container it opened starts, or the enclosing one goes on or closes.
            while (!Stack.empty()) {
                SkipSpace();
                if (more && P >= SafeEnd)
                    return kNeedMore;
                bool opened = Opened;
                Opened = false;
                uint8_t open = Stack.back();
                uint8_t close = open == '{' ? '}' : ']';
                bool ok;
                if (opened) {
                    if (open == '{')
                        ok = Member(true);
                    else
                        ok = P < End && *P == ']' ? CloseContainer() : Value();
                } else if (P < End && *P == ',') {
                    P++;
                    if (open == '{') {
                        ok = Member(false);
                    } else {
                        SkipSpace();
                        if (P < End && *P == ']') {
                            Fail(P, "a trailing comma is not allowed before ']'");
                            return kFailed;
                        }
                        ok = Value();
                    }
                } else if (P < End && *P == close) {
                    ok = CloseContainer();
                } else {
                    FailChar(P, open == '{' ? "expected ',' or '}' after an object member"
                                            : "expected ',' or ']' after an array element");
                    return kFailed;
                }
                if (!ok)
                    return kFailed;
            }
            if (!Lines)
                break;
            // JSON Lines: the value lies on its line and ends it (the checks are the same when a later Resume repeats
            // them after stopping for the line's end)
            if (const void* nl = memchr(ValueStart, '\n', (size_t)(P - ValueStart))) {
                Fail((const unsigned char*)nl, "a value goes on past the end of its line (JSON Lines: one value per line)");
                return kFailed;
            }
            while (P < End && (*P == ' ' || *P == '\t' || *P == '\r'))
                P++;
            if (P < End && *P != '\n') {
                FailChar(P, "expected the end of the line after its value (JSON Lines: one value per line)");
                return kFailed;
            }
            if (P >= End && more)
                return kNeedMore;   // the line's end is still to come
            Started = false;
            Values++;
        }
        if (more)
            return kNeedMore;  // only the end of the input can say nothing follows the value
        SkipSpace();
        if (P < End) {
            FailChar(P, "expected the end of the input after the top-level value");
            return kFailed;
        }
        return kDone;
    }

    // The buffer moved (it grew; the bytes so far were copied to `data`): go on from the same offsets there.
    void Rebase(const char* data)
    {
        const unsigned char* b = (const unsigned char*)data;
        auto moved = [&](const unsigned char* q) { return b + (q - Begin); };
        P = moved(P);
        End = moved(End);
        ScanPos = moved(ScanPos);
        if (SafeEnd)
            SafeEnd = moved(SafeEnd);
        if (ValueStart)
            ValueStart = moved(ValueStart);
        if (Nul)
            Nul = moved(Nul);
        *Cursor = (const char*)moved((const unsigned char*)*Cursor);
        *Start = (const char*)moved((const unsigned char*)*Start);
        Begin = b;
    }

    void Init(const char* data, Handler* h, const char** cursor, const char** start = nullptr)
    {
        Begin = P = End = ScanPos = (const unsigned char*)data;
        SafeEnd = Nul = ValueStart = nullptr;
        Values = 0;
        Lines = false;
        Stack.clear();
        Opened = InString = Escaped = Started = Final = false;   // a reader may be started again on other text
        H = h;
        Cursor = cursor;
        Start = start ? start : &TokenStart;
        *Cursor = *Start = data;
    }
};

template <typename Handler>
bool JsonRead(const char* data, size_t size, Handler* h, const char** cursor, const char** start = nullptr)
{
    JsonReader<Handler> r;
    r.Init(data, h, cursor, start);
    return r.Resume(size, true) == JsonReader<Handler>::kDone;
}

} // namespace chronoscope

