// Chronoscope core: a value quoted in a message (see quote.h).
#include "core/quote.h"

#include "core/format.h"
#include "core/utf8.h"

#include <cstdio>

namespace chronoscope {

// Characters a message must not carry as they are: they end, break or reorder the line, or are invisible.
static bool NeedsEscape(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
           (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

// cp as it is written between the quotes.
static void AppendEscaped(std::string* out, uint32_t cp)
{
    switch (cp) {
    case '"': out->append("\\\""); return;
    case '\\': out->append("\\\\"); return;
    case '\b': out->append("\\b"); return;
    case '\f': out->append("\\f"); return;
    case '\n': out->append("\\n"); return;
    case '\r': out->append("\\r"); return;
    case '\t': out->append("\\t"); return;
    default: break;
    }
    if (NeedsEscape(cp)) {
        char buf[8];
        snprintf(buf, sizeof(buf), "\\u%04X", (unsigned)cp);
        out->append(buf);
        return;
    }
    Utf8Encode(out, cp);
}

std::string QuoteExcerpt(const char* s, size_t len)
{
    std::string out = "\"";
    std::string one;
    size_t i = 0, chars = 0;
    while (i < len) {
        uint32_t cp = Utf8Decode(s, len, &i);
        one.clear();
        AppendEscaped(&one, cp);
        if (chars == kExcerptChars || out.size() - 1 + one.size() > kExcerptBytes) {
            out += "\xE2\x80\xA6\" (";  // U+2026 HORIZONTAL ELLIPSIS
            size_t total = Utf8CountChars(s, len);
            out += FormatGrouped((int64_t)total);
            out += " characters)";
            return out;
        }
        out += one;
        chars++;
    }
    out += '"';
    return out;
}

} // namespace chronoscope
