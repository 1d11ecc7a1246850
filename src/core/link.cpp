// Chronoscope core: which links the product may open (see link.h for the rule and its reasons).
#include "core/link.h"

#include "core/utf8.h"

#include <cstdint>
#include <cstring>

namespace chronoscope {

static const char* const kNotHttp = "only http:// and https:// links open";
static const char* const kSlashes = "\"http:\" or \"https:\" must be followed by \"//\" and a host";
static const char* const kControl = "it contains a space or a control character";
static const char* const kBackslash = "it contains a backslash";
static const char* const kUtf8 = "it is not valid UTF-8";
static const char* const kNoHost = "it has no host";
static const char* const kUserinfo = "a user name or password before the host is not allowed";
static const char* const kIpv6 = "the host is not a valid IPv6 address in brackets";
static const char* const kIpv4 = "a host that ends in a number must be an IPv4 address like 192.0.2.1";
static const char* const kHostChar = "the host contains a character host names cannot have";
static const char* const kEmptyLabel = "the host has an empty part between dots";
static const char* const kPunycode = "the host has an \"xn--\" part that is not valid Punycode";
static const char* const kBidi = "the host mixes right-to-left and other text in a way IDNA refuses";
static const char* const kPort = "the port must be a number from 0 to 65535";

static bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
static bool IsHex(unsigned char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
static unsigned char Lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c; }

// s[0, len) starts with prefix (lower-case ASCII), letters compared in either case.
static bool StartsWithNoCase(const char* s, size_t len, const char* prefix)
{
    size_t n = strlen(prefix);
    if (len < n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (Lower((unsigned char)s[i]) != (unsigned char)prefix[i])
            return false;
    return true;
}

// ------------------------------------------------------------------------------------------------ IP addresses

// The URL Standard's IPv6 parser (url.spec.whatwg.org, "IPv6 parser"), as a check: up to eight groups of 1-4 hex
// digits separated by ":", one "::" standing for the groups left out, the last 32 bits optionally as an IPv4
// address (four decimal numbers 0-255 without leading zeros). No zone ("%eth0").
static bool IsIpv6(const char* s, size_t len)
{
    size_t p = 0;
    int piece = 0;
    bool compressed = false;
    auto at = [&](size_t i) -> unsigned char { return i < len ? (unsigned char)s[i] : 0; };
    if (at(p) == ':') {
        if (at(p + 1) != ':')
            return false;
        p += 2;
        piece++;
        compressed = true;
    }
    while (p < len) {
        if (piece == 8)
            return false;
        if (at(p) == ':') {
            if (compressed)
                return false;
            p++;
            piece++;
            compressed = true;
            continue;
        }
        int length = 0;
        while (length < 4 && IsHex(at(p))) {
            p++;
            length++;
        }
        if (at(p) == '.') {
            if (length == 0 || piece > 6)
                return false;
            p -= (size_t)length;
            int numbers = 0;
            while (p < len) {
                if (numbers > 0) {
                    if (at(p) != '.' || numbers >= 4)
                        return false;
                    p++;
                }
                if (!IsDigit(at(p)))
                    return false;
                int value = -1;
                while (IsDigit(at(p))) {
                    if (value == 0)
                        return false;  // a leading zero
                    value = (value < 0 ? 0 : value * 10) + (at(p) - '0');
                    if (value > 255)
                        return false;
                    p++;
                }
                numbers++;
                if (numbers == 2 || numbers == 4)
                    piece++;
            }
            if (numbers != 4)
                return false;
            break;
        }
        if (at(p) == ':') {
            p++;
            if (p >= len)
                return false;
        } else if (p < len) {
            return false;
        }
        piece++;
    }
    return compressed || piece == 8;
}

// Four decimal numbers 0-255 joined by ".", without leading zeros (the URL Standard also takes "127.1", octal and
// hex parts: refused here).
static bool IsStrictIpv4(const char* s, size_t len)
{
    size_t p = 0;
    for (int part = 0; part < 4; part++) {
        if (part > 0) {
            if (p >= len || s[p] != '.')
                return false;
            p++;
        }
        size_t from = p;
        int value = 0;
        while (p < len && IsDigit((unsigned char)s[p]) && p - from < 3)
            value = value * 10 + (s[p++] - '0');
        size_t digits = p - from;
        if (digits == 0 || value > 255 || (digits > 1 && s[from] == '0'))
            return false;
    }
    return p == len;
}

// The URL Standard's "ends in a number": the last label (before one final "."), digits only or "0x" and hex digits,
// makes the host an IPv4 address.
static bool EndsInNumber(const char* s, size_t len)
{
    if (len > 0 && s[len - 1] == '.')
        len--;
    size_t from = len;
    while (from > 0 && s[from - 1] != '.')
        from--;
    const char* last = s + from;
    size_t n = len - from;
    if (n == 0)
        return false;
    size_t i = 0;
    bool hex = n >= 2 && last[0] == '0' && (last[1] == 'x' || last[1] == 'X');
    if (hex)
        i = 2;
    for (; i < n; i++)
        if (hex ? !IsHex((unsigned char)last[i]) : !IsDigit((unsigned char)last[i]))
            return false;
    return true;
}

// ------------------------------------------------------------------------------------------------ domains

// Code points a domain may not hold outside ASCII: UTS #46 maps them to spaces, ASCII punctuation or digits (which
// would change the host or make it an address), or disallows them.
static bool RefusedInDomain(uint32_t cp)
{
    static const struct { uint32_t Lo, Hi; } kRanges[] = {
        { 0x0080, 0x00BF },    // C1 controls, no-break space, soft hyphen, Latin-1 punctuation and symbols
        { 0x02B0, 0x02FF },    // spacing modifier letters
        { 0x037A, 0x037A }, { 0x037E, 0x037E }, { 0x0384, 0x0385 },   // Greek spacing accents, question mark
        { 0x0600, 0x0605 }, { 0x061C, 0x061C }, { 0x06DD, 0x06DD }, { 0x070F, 0x070F },   // format characters
        { 0x115F, 0x1160 }, { 0x1680, 0x1680 }, { 0x17B4, 0x17B5 }, { 0x180B, 0x180F },   // fillers, spaces
        { 0x1FBD, 0x1FBD }, { 0x1FBF, 0x1FC1 }, { 0x1FCD, 0x1FCF }, { 0x1FDD, 0x1FDF }, { 0x1FED, 0x1FEF },
        { 0x1FFD, 0x1FFF },    // Greek spacing accents
        { 0x2000, 0x2BFF },    // spaces, format characters, punctuation, super- and subscripts, letterlike and number
                               // forms, arrows, mathematical and technical symbols, enclosed alphanumerics, shapes
        { 0x2E00, 0x2E7F },    // supplemental punctuation
        { 0x3000, 0x3004 }, { 0x3008, 0x3020 },   // ideographic space and full stop, CJK punctuation
        { 0x3164, 0x3164 },    // Hangul filler
        { 0x3200, 0x33FF },    // enclosed CJK letters and CJK compatibility (to digits and letters: U+3251 is "21")
        { 0xD800, 0xF8FF },    // surrogates, private use
        { 0xFB00, 0xFDFF },    // alphabetic (ligatures, Hebrew) and Arabic presentation forms A (phrases with spaces)
        { 0xFE00, 0xFE6F },    // variation selectors, vertical, compatibility and small forms
        { 0xFE70, 0xFEFF },    // Arabic presentation forms B (spacing marks), zero width no-break space
        { 0xFF00, 0xFFEF },    // halfwidth and fullwidth forms (U+FF0F is "/", U+FF0E ".")
        { 0xFFF0, 0xFFFF },    // specials
        { 0x1D400, 0x1D7FF },  // mathematical alphanumeric symbols
        { 0x1F100, 0x1F1FF },  // enclosed alphanumeric supplement
        { 0x1FB00, 0x1FBFF },  // symbols for legacy computing (segmented digits)
        { 0x2EE60, 0x2F7FF }, { 0x2FA20, 0x2FFFF },   // unassigned in plane 2
        { 0x323B0, 0x10FFFF }, // unassigned planes 3-13, tags and variation selectors supplement, private use planes
    };
    if ((cp & 0xFFFE) == 0xFFFE)
        return true;  // a noncharacter of any plane
    for (const auto& r : kRanges)
        if (cp >= r.Lo && cp <= r.Hi)
            return true;
    return false;
}

static bool IsDomainAscii(unsigned char c)
{
    return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
}

// RFC 3492 Punycode: the code points of label `s` (the part after "xn--", at most 59 bytes) into out[64] and
// *n_out, or false when it does not decode to at least one non-ASCII code point allowed in a domain.
static bool DecodePunycode(const char* s, size_t len, uint32_t* out, size_t* count)
{
    const uint32_t kBase = 36, kTmin = 1, kTmax = 26, kSkew = 38, kDamp = 700;
    size_t n_out = 0;
    size_t dash = len;
    while (dash > 0 && s[dash - 1] != '-')
        dash--;
    size_t basic = dash > 0 ? dash - 1 : 0;  // the ASCII code points come first, up to the last "-"
    for (size_t k = 0; k < basic; k++) {
        if (!IsDomainAscii((unsigned char)s[k]))
            return false;
        out[n_out++] = (unsigned char)s[k];
    }
    uint32_t n = 128, i = 0, bias = 72;
    bool any_non_ascii = false;
    for (size_t p = dash; p < len;) {
        uint32_t old_i = i, w = 1;
        for (uint32_t k = kBase;; k += kBase) {
            if (p >= len)
                return false;
            unsigned char c = Lower((unsigned char)s[p++]);
            uint32_t digit = c >= 'a' && c <= 'z' ? c - 'a' : IsDigit(c) ? c - '0' + 26 : kBase;
            if (digit >= kBase || digit > (0x7FFFFFFFu - i) / w)
                return false;
            i += digit * w;
            uint32_t t = k <= bias ? kTmin : k >= bias + kTmax ? kTmax : k - bias;
            if (digit < t)
                break;
            if (w > 0x7FFFFFFFu / (kBase - t))
                return false;
            w *= kBase - t;
        }
        // adapt the bias
        uint32_t delta = old_i == 0 ? (i - old_i) / kDamp : (i - old_i) / 2;
        delta += delta / (uint32_t)(n_out + 1);
        uint32_t k = 0;
        while (delta > ((kBase - kTmin) * kTmax) / 2) {
            delta /= kBase - kTmin;
            k += kBase;
        }
        bias = k + (kBase - kTmin + 1) * delta / (delta + kSkew);
        uint32_t slots = (uint32_t)(n_out + 1);
        if (i / slots > 0x10FFFF - n)
            return false;
        n += i / slots;
        i %= slots;
        if (n_out == 64 || RefusedInDomain(n))
            return false;
        memmove(out + i + 1, out + i, (n_out - i) * sizeof(out[0]));
        out[i++] = n;
        n_out++;
        any_non_ascii = true;
    }
    *count = n_out;
    return any_non_ascii;
}

// The blocks of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo, ...; in plane 1 too).
static bool IsRtlBlock(uint32_t cp)
{
    return (cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0x10800 && cp <= 0x10FFF) || (cp >= 0x1E800 && cp <= 0x1EFFF);
}

// What the bidi rule (RFC 5893, which UTS #46 applies to a domain with right-to-left text) looks at in a label,
// approximated by blocks: its first and last characters, and whether it has right-to-left characters or letters of
// other scripts.
struct LabelText {
    uint32_t First = 0, Last = 0;
    bool     Rtl = false, Other = false;
    void Add(uint32_t cp)
    {
        if (!First)
            First = cp;
        Last = cp;
        if (IsRtlBlock(cp))
            Rtl = true;
        else if (!(cp >= '0' && cp <= '9') && cp != '-' && cp != '_')
            Other = true;
    }
    // A right-to-left label starts with a right-to-left character, holds no letters of other scripts and does not
    // end in "-" or "_"; in a domain with one, every other label starts with a letter and does not end so either.
    bool Bidi(bool rtl_domain) const
    {
        bool ends_ok = Last != '-' && Last != '_';
        if (Rtl)
            return IsRtlBlock(First) && !Other && ends_ok;
        return !rtl_domain || (ends_ok && First != '-' && First != '_' && !(First >= '0' && First <= '9'));
    }
};

// A domain: labels joined by ".", one final "." allowed, none empty; each of ASCII letters, digits, "-", "_" and
// non-ASCII code points not refused above; an "xn--" label valid Punycode of such; the bidi rule; not ending in a
// number unless it is an IPv4 address.
static const char* DomainRefusal(const char* s, size_t len)
{
    if (EndsInNumber(s, len))
        return IsStrictIpv4(s, len) ? nullptr : kIpv4;
    size_t end = len > 1 && s[len - 1] == '.' ? len - 1 : len;
    bool rtl_domain = false;
    // twice: the bidi rule for a label depends on whether any label of the domain is right-to-left
    for (int pass = 0; pass < 2; pass++) {
        for (size_t from = 0; from <= end;) {
            LabelText text;
            size_t to = from;
            bool ascii = true;
            while (to < end && s[to] != '.') {
                unsigned char c = (unsigned char)s[to];
                if (c < 0x80) {
                    if (!IsDomainAscii(c))
                        return kHostChar;
                    text.Add(Lower(c));
                    to++;
                    continue;
                }
                ascii = false;
                size_t at = to;
                uint32_t cp = Utf8Decode(s, end, &to);
                if (cp == kReplacementChar && to == at + 1)
                    return kUtf8;
                if (RefusedInDomain(cp))
                    return kHostChar;
                text.Add(cp);
            }
            if (to == from)
                return kEmptyLabel;
            if (StartsWithNoCase(s + from, to - from, "xn--")) {
                uint32_t cps[64];
                size_t n = 0;
                if (!ascii || to - from > 63 || !DecodePunycode(s + from + 4, to - from - 4, cps, &n))
                    return kPunycode;
                text = LabelText();
                for (size_t k = 0; k < n; k++)
                    text.Add(cps[k]);
            }
            if (pass == 0)
                rtl_domain |= text.Rtl;
            else if (!text.Bidi(rtl_domain))
                return kBidi;
            from = to + 1;
        }
    }
    return nullptr;
}

// ------------------------------------------------------------------------------------------------ the link

const char* LinkRefusal(const char* s, size_t len)
{
    if (!s)
        return kNotHttp;
    // The whole link: no controls or spaces (browsers strip them at the ends and drop tabs and newlines inside), no
    // backslash (read as "/" in http(s) links), valid UTF-8.
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= 0x20 || c == 0x7F)
            return kControl;
        if (c == '\\')
            return kBackslash;
        if (c >= 0x80) {
            int n = Utf8SequenceLength((const unsigned char*)s + i, (const unsigned char*)s + len);
            if (n == 0)
                return kUtf8;
            i += (size_t)n - 1;
        }
    }
    size_t p;
    if (StartsWithNoCase(s, len, "https:"))
        p = 6;
    else if (StartsWithNoCase(s, len, "http:"))
        p = 5;
    else
        return kNotHttp;
    if (len - p < 2 || s[p] != '/' || s[p + 1] != '/')
        return kSlashes;
    p += 2;
    // The authority runs to the first "/", "?" or "#".
    size_t end = p;
    while (end < len && s[end] != '/' && s[end] != '?' && s[end] != '#')
        end++;
    if (end == p)
        return kNoHost;
    if (memchr(s + p, '@', end - p))
        return kUserinfo;
    size_t host_end;
    if (s[p] == '[') {
        const char* close = (const char*)memchr(s + p, ']', end - p);
        if (!close || !IsIpv6(s + p + 1, (size_t)(close - (s + p + 1))))
            return kIpv6;
        host_end = (size_t)(close - s) + 1;
        if (host_end < end && s[host_end] != ':')
            return kIpv6;
    } else {
        const char* colon = (const char*)memchr(s + p, ':', end - p);
        host_end = colon ? (size_t)(colon - s) : end;
        if (host_end == p)
            return kNoHost;
        if (const char* why = DomainRefusal(s + p, host_end - p))
            return why;
    }
    if (host_end < end) {  // ":" and the port
        uint32_t port = 0;
        for (size_t i = host_end + 1; i < end; i++) {
            if (!IsDigit((unsigned char)s[i]))
                return kPort;
            port = port * 10 + (uint32_t)(s[i] - '0');
            if (port > 65535)
                return kPort;
        }
    }
    return nullptr;
}

bool IsOpenableLink(const char* url, size_t len) { return LinkRefusal(url, len) == nullptr; }

bool IsOpenableLink(const char* url) { return url && IsOpenableLink(url, strlen(url)); }

} // namespace chronoscope
