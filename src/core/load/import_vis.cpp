// Chronoscope core: vis-timeline's data ({"items", "groups"} or a bare array of items): items with "content"
// (HTML), dates as milliseconds since 1970 or ISO text, "type" box / point / range / background (an era), groups
// that need not be listed.
#include "core/load/load_internal.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace chronoscope {
namespace load {

// vis reads a date string with moment, which falls back to the browser's Date for what is not ISO 8601: real files
// write "1872/08/01". A text of the form YYYY/M/D, optionally with " H:mm" or " H:mm:ss", becomes the same date in
// ISO 8601 (in UTC, as every time here); false for any other text.
static bool SlashDateToIso(const std::string& s, std::string* iso)
{
    auto digits = [&](size_t i, size_t min, size_t max, size_t* end) {
        size_t j = i;
        while (j < s.size() && j - i < max && s[j] >= '0' && s[j] <= '9')
            j++;
        *end = j;
        return j - i >= min;
    };
    auto two = [&](size_t a, size_t b) { return (b - a == 1 ? "0" : "") + s.substr(a, b - a); };
    size_t y, m, d;
    if (!digits(0, 4, 4, &y) || y >= s.size() || s[y] != '/' || !digits(y + 1, 1, 2, &m) || m >= s.size() ||
        s[m] != '/' || !digits(m + 1, 1, 2, &d))
        return false;
    *iso = s.substr(0, 4) + "-" + two(y + 1, m) + "-" + two(m + 1, d);
    if (d == s.size())
        return true;
    size_t h, mi;
    if (s[d] != ' ' || !digits(d + 1, 1, 2, &h) || h >= s.size() || s[h] != ':' || !digits(h + 1, 2, 2, &mi))
        return false;
    *iso += "T" + two(d + 1, h) + ":" + s.substr(h + 1, 2);
    if (mi == s.size())
        return true;
    size_t sec;
    if (s[mi] != ':' || !digits(mi + 1, 2, 2, &sec) || sec != s.size())
        return false;
    *iso += s.substr(mi, 3);
    return true;
}

// vis dates: numbers, and strings of more than 6 digits, are milliseconds since 1970; shorter ones are years (as
// moment reads "1911"); YYYY/M/D text as the browser reads it; other forms are read as in our format.
bool VisDate(Loader& L, const Record& r, int i, ParsedDate* out, const char* what)
{
    const Node& n = r.Nodes[i];
    if (n.Type == Node_String) {
        const std::string s(n.String());
        size_t digits_from = (!s.empty() && s[0] == '-') ? 1 : 0;
        bool numeric = s.size() > 6 + digits_from && s.find_first_not_of("0123456789", digits_from) == std::string::npos;
        if (numeric) {
            errno = 0;
            long long ms = strtoll(s.c_str(), nullptr, 10);
            if (errno == ERANGE) {
                L.ErrorAt(n, std::string(what) + ": time out of range");
                return false;
            }
            out->Time = MakeInstant(ms / 1000 - (ms % 1000 < 0 ? 1 : 0), (ms % 1000 + 1000) % 1000 * 1000000LL);
            out->Prec = Precision_Millisecond;
            return true;
        }
        std::string iso, err;
        if (SlashDateToIso(s, &iso)) {
            if (ParseIsoDate(iso.data(), iso.size(), out, &err))
                return true;
            L.ErrorAt(n, std::string(what) + ": " + err);
            return false;
        }
    } else if (n.Type == Node_Int || n.Type == Node_Float) {
        double ms = n.Type == Node_Int ? (double)n.Int : n.Num;
        if (!std::isfinite(ms) || std::fabs(ms) > 8.64e18) {
            L.ErrorAt(n, std::string(what) + ": time out of range");
            return false;
        }
        int64_t whole = (int64_t)std::floor(ms / 1000.0);
        int64_t rem = (int64_t)std::llround(ms - (double)whole * 1000.0);
        out->Time = MakeInstant(whole, rem * 1000000LL);
        out->Prec = Precision_Millisecond;
        return true;
    }
    return L.DateOf(r, i, out, what);
}

void VisEvent(Loader& L, const Record& r)
{
    EventSpan span;
    if (!L.ReadSpan(r, r.Child(0, K_start), r.Child(0, K_end), VisDate, "event without \"start\"", &span))
        return;
    std::string type = L.TextOf(r, r.Child(0, K_type), false);
    if (type == "background") {
        Era era;
        era.Start = span.Start.Time;
        era.End = span.End.Time;
        era.StartPrecision = span.Start.Prec;
        era.EndPrecision = span.End.Prec;
        era.Label = L.TextOf(r, r.Child(0, K_content), true);
        L.Tl->Eras.push_back(era);
        return;
    }
    EventDraft d = L.NewEvent(span);
    StringPool& sp = L.Tl->Strings;
    d.Ev.Title = sp.Add(L.TextOf(r, r.Child(0, K_content), true));
    d.Ev.Text = sp.Add(L.TextOf(r, r.Child(0, K_title), true));
    int id = r.Child(0, K_id);
    if (id >= 0) {
        d.Ev.Id = sp.Add(L.TextOf(r, id, false));
        d.Ref.IdStart = r.Nodes[id].Start;
    }
    if (type == "box" || type == "point" || (type.empty() && !span.HasEnd))
        d.Ev.Flags |= EventFlags_Milestone;
    int g = r.Child(0, K_group);
    if (g >= 0 && r.Nodes[g].Type != Node_Null) {
        d.Ref.GroupKey = sp.Add(L.TextOf(r, g, false));
        d.Ref.GroupStart = r.Nodes[g].Start;
    }
    L.AddEvent(r, d);
}

// A vis group's label is its "content" (HTML), unless it has our "label".
std::string VisGroupLabel(Loader& L, const Record& r)
{
    int label = r.Child(0, K_label);
    std::string text = label >= 0 ? L.TextOf(r, label, false) : L.TextOf(r, r.Child(0, K_content), true);
    L.SawVis = true;
    return text;
}

} // namespace load
} // namespace chronoscope
