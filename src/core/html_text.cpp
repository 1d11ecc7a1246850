// Chronoscope core: markup to plain text (see html_text.h).
#include "core/html_text.h"

#include "core/utf8.h"

#include <cctype>
#include <cstdint>
#include <cstdlib>

namespace chronoscope {

std::string PlainTextFromHtml(const char* s, size_t len)
{
    std::string out;
    out.reserve(len);
    size_t i = 0;
    while (i < len) {
        char c = s[i];
        if (c == '<') {
            size_t j = i + 1;
            while (j < len && s[j] != '>')
                j++;
            std::string tag(s + i + 1, j - i - 1);
            for (char& ch : tag)
                ch = (char)tolower((unsigned char)ch);
            if (tag.compare(0, 2, "br") == 0 || tag == "/p" || tag == "/li" || tag == "/div" || tag.compare(0, 2, "/h") == 0) {
                if (!out.empty() && out.back() != '\n')
                    out += '\n';
            }
            i = j < len ? j + 1 : len;
            continue;
        }
        if (c == '&') {
            size_t j = i + 1;
            while (j < len && j - i < 10 && s[j] != ';' && s[j] != '&' && s[j] != ' ')
                j++;
            if (j < len && s[j] == ';') {
                std::string ent(s + i + 1, j - i - 1);
                uint32_t cp = 0;
                if (ent == "amp") cp = '&';
                else if (ent == "lt") cp = '<';
                else if (ent == "gt") cp = '>';
                else if (ent == "quot") cp = '"';
                else if (ent == "apos" || ent == "#39") cp = '\'';
                else if (ent == "nbsp") cp = ' ';
                else if (ent == "mdash") cp = 0x2014;
                else if (ent == "ndash") cp = 0x2013;
                else if (ent == "hellip") cp = 0x2026;
                else if (ent == "rsquo") cp = 0x2019;
                else if (ent == "lsquo") cp = 0x2018;
                else if (ent == "rdquo") cp = 0x201D;
                else if (ent == "ldquo") cp = 0x201C;
                else if (ent.size() > 1 && ent[0] == '#') {
                    cp = (ent[1] == 'x' || ent[1] == 'X') ? (uint32_t)strtoul(ent.c_str() + 2, nullptr, 16)
                                                          : (uint32_t)strtoul(ent.c_str() + 1, nullptr, 10);
                }
                if (cp) {
                    Utf8Append(&out, cp);
                    i = j + 1;
                    continue;
                }
            }
        }
        if (c == '\r' || c == '\t')
            c = ' ';
        if (c == '\n')
            c = ' ';
        if (c == ' ' && (out.empty() || out.back() == ' ' || out.back() == '\n')) {
            i++;
            continue;
        }
        out += c;
        i++;
    }
    while (!out.empty() && (out.back() == ' ' || out.back() == '\n'))
        out.pop_back();
    return out;
}

} // namespace chronoscope
