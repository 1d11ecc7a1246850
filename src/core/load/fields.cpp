// Chronoscope core: readings of record values that every format shares (see load_internal.h): text, colours,
// dates, unknown keys. Each reports a problem at the value it is about.
#include "core/load/load_internal.h"

#include "core/color.h"
#include "core/html_text.h"

#include <cstdio>

namespace chronoscope {
namespace load {

std::string Loader::TextOf(const Record& r, int i, bool html)
{
    if (i < 0)
        return std::string();
    const Node& n = r.Nodes[i];
    if (n.Type == Node_String)
        return html ? PlainTextFromHtml(n.Str.data(), n.Str.size()) : n.Str;
    if (n.Type == Node_Int)
        return std::to_string(n.Int);
    if (n.Type == Node_Float) {
        char b[32];
        snprintf(b, sizeof(b), "%g", n.Num);
        return b;
    }
    if (n.Type == Node_Null)
        return std::string();
    WarnAt(n, "expected text here");
    return std::string();
}

bool Loader::WantString(const Record& r, int i, const char* what)
{
    if (i < 0 || r.Nodes[i].Type == Node_Null)
        return false;
    if (r.Nodes[i].Type != Node_String) {
        ErrorAt(r.Nodes[i], std::string(what) + " must be a string");
        return false;
    }
    return true;
}

Color32 Loader::ColorOf(const Record& r, int i)
{
    if (i < 0 || r.Nodes[i].Type == Node_Null)
        return 0;
    const Node& n = r.Nodes[i];
    Color32 c = 0;
    if (n.Type != Node_String || !ParseColor(n.Str.data(), n.Str.size(), &c)) {
        WarnAt(n, "color must be \"#rgb\", \"#rrggbb\" or \"#rrggbbaa\"; ignored");
        return 0;
    }
    return c;
}

// A date in any form of our format: ISO 8601 text, a number of years, or an object with a year.
bool Loader::DateOf(const Record& r, int i, ParsedDate* out, const char* what)
{
    const Node& n = r.Nodes[i];
    std::string err;
    switch (n.Type) {
    case Node_String:
        if (ParseIsoDate(n.Str.data(), n.Str.size(), out, &err))
            return true;
        break;
    case Node_Int:
    case Node_Float:
        if (DateFromYearNumber(n.Type == Node_Int ? (double)n.Int : n.Num, out, &err))
            return true;
        break;
    case Node_Object:
        return DateFromObject(r, i, out, what);
    default:
        err = "expected a date (ISO 8601 text, a number of years, or an object with a year)";
        break;
    }
    ErrorAt(n, std::string(what) + ": " + err);
    return false;
}

bool ReadDate(Loader& L, const Record& r, int i, ParsedDate* out, const char* what) { return L.DateOf(r, i, out, what); }

bool Loader::DateFromObject(const Record& r, int i, ParsedDate* out, const char* what)
{
    static const KeyId ids[DatePart_COUNT] = { K_year, K_month, K_day, K_hour, K_minute, K_second, K_millisecond };
    DateParts parts;
    for (int k = 0; k < DatePart_COUNT; k++) {
        int c = r.Child(i, ids[k]);
        if (c < 0 || r.Nodes[c].Type == Node_Null)
            continue;
        const Node& v = r.Nodes[c];
        std::string err = std::string(kDatePartNames[k]) + " must be a whole number";
        int got = -1;
        if (v.Type == Node_String)  // TimelineJS writes numbers as strings, and "" for "not given"
            got = DatePartFromText((DatePart)k, v.Str.data(), v.Str.size(), &parts.Value[k], &err);
        else if (v.Type == Node_Int || v.Type == Node_Float)
            got = DatePartFromNumber((DatePart)k, v.Type == Node_Int ? (double)v.Int : v.Num, &parts.Value[k], &err);
        if (got < 0) {
            ErrorAt(v, std::string(what) + ": " + err);
            return false;
        }
        parts.Has[k] = got > 0;
    }
    std::string err;
    if (!DateFromParts(parts, out, &err)) {
        ErrorAt(r.Nodes[i], std::string(what) + ": " + err);
        return false;
    }
    return true;
}

// Warns about keys outside `known` (a bit per KeyId); keys starting with "_" are the author's own.
void Loader::WarnUnknownKeys(const Record& r, int i, uint64_t known, const char* where)
{
    if (r.Nodes[i].Type != Node_Object)
        return;
    for (int c = i + 1; c <= r.Nodes[i].Last; c = r.Nodes[c].Last + 1) {
        int id = r.Nodes[c].KeyId;
        if (id >= 0 && (known >> id) & 1)
            continue;
        if (r.Nodes[c].Key.empty() || r.Nodes[c].Key[0] != '_')
            WarnAt(r.Nodes[c], "unknown key \"" + r.Nodes[c].Key + "\" in " + where + "; ignored");
    }
}

} // namespace load
} // namespace chronoscope
