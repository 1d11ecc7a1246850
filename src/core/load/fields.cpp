// Chronoscope core: readings of record values that every format shares (see load_internal.h): text, colours,
// dates, unknown keys. Each reports a problem at the value it is about.
#include "core/load/load_internal.h"

#include "core/color.h"
#include "core/html_text.h"
#include "core/load/date_value.h"
#include "core/quote.h"

#include <cstdio>

namespace chronoscope {
namespace load {

std::string Loader::TextOf(const Record& r, int i, bool html)
{
    if (i < 0)
        return std::string();
    const Node& n = r.Nodes[i];
    if (n.Type == Node_String)
        return html ? PlainTextFromHtml(n.String().data(), n.String().size()) : std::string(n.String());
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

bool Loader::NotAString(const Node& n, const char* what)
{
    if (n.Type == Node_Null)
        return false;
    ErrorAt(n, std::string(what) + " must be a string");
    return false;
}

Color32 Loader::ColorOf(const Record& r, int i)
{
    if (i < 0 || r.Nodes[i].Type == Node_Null)
        return 0;
    const Node& n = r.Nodes[i];
    Color32 c = 0;
    if (n.Type != Node_String || !ParseColor(n.String().data(), n.String().size(), &c)) {
        WarnAt(n, "color must be \"#rgb\", \"#rrggbb\" or \"#rrggbbaa\"; ignored");
        return 0;
    }
    return c;
}

// A date in any form of our format (date_value.h), reported as "WHAT: problem" at the value or part concerned.
bool Loader::DateOf(const Record& r, int i, ParsedDate* out, const char* what)
{
    // ISO text in its common form: ParseIsoDate's own first reading, without the error text of the others
    const Node& n = r.Nodes[i];
    if (n.Type == Node_String && ParseIsoDateCommon(n.String().data(), n.String().size(), out))
        return true;
    std::string err;
    int at;
    if (DateFromValue(r, i, out, &err, &at))
        return true;
    ErrorAt(r.Nodes[at], std::string(what) + ": " + err);
    return false;
}

bool ReadDate(Loader& L, const Record& r, int i, ParsedDate* out, const char* what) { return L.DateOf(r, i, out, what); }

// Warns about keys outside `known` (a bit per KeyId); keys starting with "_" are the author's own.
void Loader::WarnUnknownKeys(const Record& r, int i, uint64_t known, const char* where)
{
    if (r.Nodes[i].Type != Node_Object)
        return;
    if (i == 0) {   // (the root's keys are indexed: most records have only known ones)
        r.IndexRoot();
        if (!(r.RootKeys & ~known) && r.RootUnnamed == 0)
            return;
    }
    for (int c = i + 1; c <= r.Nodes[i].Last; c = r.Nodes[c].Last + 1) {
        int id = r.Nodes[c].KeyId;
        if (id >= 0 && (known >> id) & 1)
            continue;
        const std::string key = r.Nodes[c].KeyName();
        if (key.empty() || key[0] != '_')
            WarnAt(r.Nodes[c], "unknown key " + QuoteExcerpt(key) + " in " + where + "; ignored");
    }
}

} // namespace load
} // namespace chronoscope
