// Chronoscope core: search (see search.h).
#include "core/search.h"

#include "core/utf8.h"

#include <cstring>

namespace chronoscope {

uint32_t FoldCodePoint(uint32_t c)
{
    if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;                 // Latin-1
    if (c == 0x178) return 0xFF;                                                 // Ÿ
    if (c >= 0x100 && c <= 0x17F && c != 0x178 && c != 0x130 && c != 0x131 && c != 0x138 && c != 0x149 && c != 0x17F) {
        bool odd_lower = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
        if (odd_lower) return (c % 2 == 1) ? c + 1 : c;
        return (c % 2 == 0) ? c + 1 : c;                                         // Latin Extended-A
    }
    if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 32;                 // Greek
    if (c == 0x3C2) return 0x3C3;                                                // final sigma
    if (c >= 0x410 && c <= 0x42F) return c + 32;                                 // Cyrillic
    if (c >= 0x400 && c <= 0x40F) return c + 80;
    return c;
}

void FoldCaseTo(const char* s, size_t len, std::string* out)
{
    out->clear();
    out->reserve(len);
    const unsigned char* u = (const unsigned char*)s;
    size_t i = 0;
    while (i < len) {
        if (u[i] < 0x80) {  // fast path
            unsigned char c = u[i++];
            out->push_back((char)((c >= 'A' && c <= 'Z') ? c + 32 : c));
            continue;
        }
        // Fold changes no code point past U+042F: a valid sequence with a lead byte past 0xD0 stays as it is
        int n;
        if (u[i] > 0xD0 && (n = Utf8SequenceLength(u + i, u + len)) > 0) {
            out->append(s + i, (size_t)n);
            i += (size_t)n;
            continue;
        }
        Utf8Append(out, FoldCodePoint(Utf8Decode(s, len, &i)));
    }
}

// FoldCodePoint of every two-byte sequence FoldsLeadByte leads (0xC3..0xD0, U+00C0..U+043F), as its two bytes again
// (< U+0800): [lead - 0xC3][continuation byte's low 6 bits], filled from FoldCodePoint when the program starts.
struct FoldPairs {
    uint8_t B[14][64][2];
    FoldPairs()
    {
        for (unsigned lead = 0xC3; lead <= 0xD0; lead++)
            for (unsigned low = 0; low < 64; low++) {
                const uint32_t f = FoldCodePoint(((lead & 0x1F) << 6) | low);
                B[lead - 0xC3][low][0] = (uint8_t)(0xC0 | (f >> 6));
                B[lead - 0xC3][low][1] = (uint8_t)(0x80 | (f & 0x3F));
            }
    }
};
static const FoldPairs kFoldPairs;

void FoldCaseValid(const char* s, size_t len, char* out)
{
    // only ASCII and the two-byte sequences FoldsLeadByte leads (U+00C0..U+043F) change, each into as many bytes; a
    // continuation byte (0x80..0xBF) is never one of those lead bytes, so the bytes are read one lead at a time
    static_assert(FoldsLeadByte(0xC3) && FoldsLeadByte(0xD0) && !FoldsLeadByte(0xC2) && !FoldsLeadByte(0xD1),
                  "kFoldPairs covers FoldsLeadByte's leads");
    const unsigned char* u = (const unsigned char*)s;
    for (size_t i = 0; i < len;) {
        const unsigned char c = u[i];
        if (c < 0x80) {
            out[i++] = (char)((unsigned)(c - 'A') < 26u ? c + 32 : c);
        } else if (FoldsLeadByte(c)) {
            const uint8_t* f = kFoldPairs.B[c - 0xC3][u[i + 1] & 0x3F];
            out[i] = (char)f[0];
            out[i + 1] = (char)f[1];
            i += 2;
        } else {
            out[i++] = (char)c;
        }
    }
}

std::string FoldCase(const char* s, size_t len)
{
    std::string out;
    FoldCaseTo(s, len, &out);
    return out;
}

static bool Contains(const std::string& hay, const std::string& needle)
{
    return memmem(hay.data(), hay.size(), needle.data(), needle.size()) != nullptr;
}

void SearchEvents(const Timeline& tl, const char* query, std::vector<uint32_t>* out)
{
    out->clear();
    std::string q = FoldCase(query, strlen(query));
    std::vector<std::string> words;
    size_t i = 0;
    while (i < q.size()) {
        while (i < q.size() && (q[i] == ' ' || q[i] == '\t'))
            i++;
        size_t j = i;
        while (j < q.size() && q[j] != ' ' && q[j] != '\t')
            j++;
        if (j > i)
            words.push_back(q.substr(i, j - i));
        i = j;
    }
    if (words.empty())
        return;
    std::string hay;
    for (size_t e = 0; e < tl.Events.size(); e++) {
        const Event& ev = tl.Events[e];
        hay.clear();
        const char* t = tl.Str(ev.Title);
        hay += FoldCase(t, strlen(t));
        hay += '\n';
        const char* x = tl.Str(ev.Text);
        hay += FoldCase(x, strlen(x));
        if (ev.Extra != kNoExtra && ev.Extra < tl.Extras.size())
            for (StrId tag : tl.Extras[ev.Extra].Tags) {
                const char* s = tl.Str(tag);
                hay += '\n';
                hay += FoldCase(s, strlen(s));
            }
        bool all = true;
        for (const std::string& w : words)
            if (!Contains(hay, w)) {
                all = false;
                break;
            }
        if (all)
            out->push_back((uint32_t)e);
    }
}

} // namespace chronoscope
