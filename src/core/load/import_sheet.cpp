// Chronoscope core: TimelineJS3's Google Sheets template, exported as CSV (see load_internal.h, SheetReader).
//
// Columns (by their header, in any order): Year, Month, Day, Time, End Year, End Month, End Day, End Time,
// Display Date, Headline, Text, Media, Media Credit, Media Caption, Media Thumbnail, Alt Text, Type, Group (or
// Tag, its older name), Background. Each row is read as TimelineJS3 reads it (its extractEventFromCSVObject):
// cells trimmed, spaces and thousands commas dropped from the date numbers, Time as H:MM[:SS[.fff]], HHMM,
// optionally with AM or PM; "Type" title is the title slide (a second one is an event), era an era, anything
// else an event. The row then becomes the TimelineJS3 entry it stands for ({"start_date": {"year": ...}, "text":
// {"headline", "text"}, "media", ...}) with each value's offset at its cell, and is read by import_timelinejs.cpp
// like one from a JSON file: one reading of TimelineJS3's meaning, and every problem at its cell's LINE:COL.
#include "core/load/load_internal.h"

#include "core/quote.h"

#include <cctype>
#include <cstring>
#include <utility>
#include <vector>

namespace chronoscope {
namespace load {

namespace {

enum Column { C_Year, C_Month, C_Day, C_Time, C_EndYear, C_EndMonth, C_EndDay, C_EndTime, C_DisplayDate, C_Headline,
              C_Text, C_Media, C_MediaCredit, C_MediaCaption, C_MediaThumbnail, C_AltText, C_Type, C_Group, C_Tag,
              C_Background, C_COUNT };

const char* const kColumns[C_COUNT] = { "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
    "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail", "Alt Text",
    "Type", "Group", "Tag", "Background" };

// JavaScript's trim() for what spreadsheets write: ASCII white space and the no-break space.
void Trim(const std::string& s, size_t* from, size_t* to)
{
    size_t a = 0, b = s.size();
    for (;;) {
        if (a < b && strchr(" \t\r\n\f\v", s[a]))
            a++;
        else if (b - a >= 2 && (unsigned char)s[a] == 0xC2 && (unsigned char)s[a + 1] == 0xA0)
            a += 2;
        else
            break;
    }
    for (;;) {
        if (b > a && strchr(" \t\r\n\f\v", s[b - 1]))
            b--;
        else if (b - a >= 2 && (unsigned char)s[b - 2] == 0xC2 && (unsigned char)s[b - 1] == 0xA0)
            b -= 2;
        else
            break;
    }
    *from = a;
    *to = b;
}

// One cell of a row, trimmed; At is where its value starts (its opening quote when quoted).
struct Value {
    std::string Text;
    size_t      At = 0;
    bool Has() const { return !Text.empty(); }
};

// A date number as TimelineJS3 cleans it: white space and commas dropped ("1,200" is 1200).
std::string CleanInteger(const std::string& s)
{
    std::string out;
    for (char c : s)
        if (c != ',' && !strchr(" \t\r\n\f\v", c))
            out.push_back(c);
    return out;
}

bool Digits(const std::string& s, size_t a, size_t b)
{
    if (a >= b)
        return false;
    for (size_t i = a; i < b; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

int Number(const std::string& s, size_t a, size_t b)
{
    int v = 0;
    for (size_t i = a; i < b && i < a + 9; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

// A Time cell as TimelineJS3's parseTime reads it: "H", "H:MM", "H:MM:SS", "H:MM:SS.fff" (or ",fff"), "HHMM",
// the parts split by '.' when there is no ':', optionally followed by AM or PM (a.m., pm, ...). Part k of
// hour, minute, second, millisecond is given when has[k].
bool ParseSheetTime(const std::string& text, int v[4], bool has[4], std::string* error)
{
    for (int k = 0; k < 4; k++)
        v[k] = 0, has[k] = false;
    std::string s = text;
    // AM / PM at the end
    int period = 0;  // 'a' or 'p'
    {
        size_t e = s.size();
        while (e > 0 && s[e - 1] == ' ')
            e--;
        size_t p = e;
        if (p > 0 && (s[p - 1] == '.'))
            p--;
        if (p > 0 && (s[p - 1] == 'm' || s[p - 1] == 'M')) {
            size_t q = p - 1;
            if (q > 0 && s[q - 1] == '.')
                q--;
            if (q > 0 && strchr("aApP", s[q - 1])) {
                period = tolower((unsigned char)s[q - 1]);
                s.resize(q - 1);
                while (!s.empty() && s.back() == ' ')
                    s.pop_back();
            }
        }
    }
    *error = "Time must be H:MM, H:MM:SS, H:MM:SS.fff or HHMM, optionally with AM or PM";
    std::vector<std::pair<size_t, size_t>> parts;
    if (s.size() >= 3 && s.size() <= 4 && Digits(s, 0, s.size())) {
        parts.push_back({ 0, s.size() - 2 });
        parts.push_back({ s.size() - 2, s.size() });
    } else {
        char sep = s.find(':') != std::string::npos ? ':' : '.';
        size_t a = 0;
        for (;;) {
            size_t b = s.find(sep, a);
            parts.push_back({ a, b == std::string::npos ? s.size() : b });
            if (b == std::string::npos)
                break;
            a = b + 1;
        }
        // the seconds may carry a fraction after '.' or ','
        if (sep == ':' && parts.size() == 3) {
            size_t a3 = parts[2].first, b3 = parts[2].second;
            size_t f = s.find_first_of(".,", a3);
            if (f != std::string::npos && f < b3) {
                parts[2].second = f;
                parts.push_back({ f + 1, b3 });
            }
        }
    }
    if (parts.size() > 4)
        return false;
    for (auto& p : parts)
        if (!Digits(s, p.first, p.second) || p.second - p.first > 9)
            return false;
    int hour = Number(s, parts[0].first, parts[0].second);
    if (period == 'p' && hour < 12)
        hour += 12;
    else if (period == 'a' && hour == 12)
        hour = 0;
    if (hour > 23 || (period && Number(s, parts[0].first, parts[0].second) > 12)) {
        *error = "Time: hour " + s.substr(parts[0].first, parts[0].second - parts[0].first) + " out of range";
        return false;
    }
    v[0] = hour;
    has[0] = true;
    static const char* const names[4] = { "hour", "minute", "second", "millisecond" };
    for (size_t k = 1; k < parts.size(); k++) {
        size_t a = parts[k].first, b = parts[k].second;
        if (k == 3) {
            // a fraction of a second: its first three digits are milliseconds
            int ms = 0;
            for (size_t i = 0; i < 3; i++)
                ms = ms * 10 + (a + i < b ? s[a + i] - '0' : 0);
            v[3] = ms;
        } else {
            v[k] = Number(s, a, b);
            if (v[k] > 59) {
                *error = std::string("Time: ") + names[k] + " " + s.substr(a, b - a) + " out of range";
                return false;
            }
        }
        has[k] = true;
    }
    error->clear();
    return true;
}

// Builds a record the way the JSON reader does: node 0 the entry, children after their parent.
struct Builder {
    Record&          R;
    std::vector<int> Open;
    explicit Builder(Record& r) : R(r) {}
    Node& Add(NodeType t, const char* key, size_t at)
    {
        int parent = Open.empty() ? -1 : Open.back();
        Node& n = R.Push();
        n.Type = t;
        n.Start = at;
        n.Parent = parent;
        if (key) {
            n.Key = key;
            n.KeyId = KeyIdOf(key, strlen(key));
        }
        return n;
    }
    void Begin(const char* key, size_t at)
    {
        Add(Node_Object, key, at);
        Open.push_back(R.Count - 1);
    }
    void End()
    {
        R.Nodes[Open.back()].Last = R.Count - 1;
        Open.pop_back();
    }
    void Text(const char* key, const Value& v)
    {
        if (v.Has())
            Add(Node_String, key, v.At).Str = v.Text;
    }
    void Int(const char* key, int64_t value, size_t at)
    {
        Node& n = Add(Node_Int, key, at);
        n.Int = value;
        n.Num = (double)value;
    }
};

} // namespace

void SheetReader::OnCsvProblem(bool error, size_t offset, const char* message)
{
    L->Diag(error ? Severity_Error : Severity_Warning, offset, true, message);
}

bool SheetReader::OnRow(const std::vector<CsvCell>& cells)
{
    Value v[C_COUNT];
    bool blank = true;
    for (size_t i = 0; i < cells.size(); i++) {
        const CsvCell& c = cells[i];
        size_t a, b;
        Trim(c.Text, &a, &b);
        if (!HaveHeader) {
            std::string name = c.Text.substr(a, b - a);
            int col = -1;
            for (int k = 0; k < C_COUNT && col < 0; k++)
                if (name == kColumns[k])
                    col = k;
            Columns.push_back(col);
            continue;
        }
        if (a == b)
            continue;
        blank = false;
        int col = i < Columns.size() ? Columns[i] : -1;
        if (i >= Columns.size())
            L->Diag(Severity_Warning, c.Start, true, "a cell past the last column; ignored");
        if (col < 0)
            continue;
        v[col].Text = c.Text.substr(a, b - a);
        v[col].At = c.Start + (c.Quoted ? 0 : a);
    }
    if (!HaveHeader) {
        HaveHeader = true;
        bool year = false;
        for (int col : Columns)
            year = year || col == C_Year;
        if (!year) {
            L->Diag(Severity_Error, cells[0].Start, true,
                    "a TimelineJS3 sheet needs a \"Year\" column (its header row names Year, Month, Day, ..., Headline, Text)");
            return false;
        }
        for (size_t i = 0; i < cells.size(); i++) {
            size_t a, b;
            Trim(cells[i].Text, &a, &b);
            std::string name = cells[i].Text.substr(a, b - a);
            for (size_t j = 0; j < i && Columns[i] >= 0; j++)
                if (Columns[j] == Columns[i]) {
                    L->Diag(Severity_Warning, cells[i].Start, true, "column " + QuoteExcerpt(name) + " again: this one is read");
                    Columns[j] = -1;  // TimelineJS3 reads a row as an object keyed by the header: the last one wins
                }
            if (Columns[i] < 0 && !name.empty())
                L->Diag(Severity_Warning, cells[i].Start, true, "unknown column " + QuoteExcerpt(name) + "; ignored");
        }
        return true;
    }
    if (blank)
        return true;  // an empty row: nothing to show (TimelineJS3 shows nothing for it either)
    const size_t row_at = cells[0].Start;

    bool title = v[C_Type].Text == "title" && !SawTitle;
    bool era = v[C_Type].Text == "era";
    if (v[C_Type].Text == "title" && !title)
        L->Diag(Severity_Warning, v[C_Type].At, true, "a second title row; read as an event, as TimelineJS3 does");
    else if (v[C_Type].Has() && !title && !era)
        L->Diag(Severity_Warning, v[C_Type].At, true,
                "Type " + QuoteExcerpt(v[C_Type].Text) + " is neither \"title\" nor \"era\"; read as an event");

    Rec.Clear();
    Builder w(Rec);
    w.Begin(nullptr, row_at);
    // the dates: {"year", "month", "day"} and the time's parts, each at its cell
    for (int end = 0; end < 2; end++) {
        const Value& year = v[end ? C_EndYear : C_Year];
        const Value& time = v[end ? C_EndTime : C_Time];
        if (!year.Has()) {
            if (time.Has()) {
                L->Diag(Severity_Error, time.At, true, end ? "End Time without an End Year" : "Time without a Year");
                return !L->Stop;
            }
            continue;
        }
        w.Begin(end ? "end_date" : "start_date", year.At);
        static const char* const keys[3] = { "year", "month", "day" };
        for (int k = 0; k < 3; k++) {
            Value part = v[(end ? C_EndYear : C_Year) + k];
            part.Text = CleanInteger(part.Text);
            w.Text(keys[k], part);
        }
        if (time.Has()) {
            int t[4];
            bool has[4];
            std::string err;
            if (!ParseSheetTime(time.Text, t, has, &err)) {
                L->Diag(Severity_Error, time.At, true, (end ? "End " : "") + err);
                return !L->Stop;
            }
            static const char* const tkeys[4] = { "hour", "minute", "second", "millisecond" };
            for (int k = 0; k < 4; k++)
                if (has[k])
                    w.Int(tkeys[k], t[k], time.At);
        }
        w.End();
    }
    if (v[C_Headline].Has() || v[C_Text].Has()) {
        w.Begin("text", v[C_Headline].Has() ? v[C_Headline].At : v[C_Text].At);
        w.Text("headline", v[C_Headline]);
        w.Text("text", v[C_Text]);
        w.End();
    }
    static const int media_cols[5] = { C_Media, C_MediaCredit, C_MediaCaption, C_MediaThumbnail, C_AltText };
    static const char* const media_keys[5] = { "url", "credit", "caption", "thumbnail", "alt" };
    for (int k = 0; k < 5; k++)
        if (v[media_cols[k]].Has()) {
            w.Begin("media", v[media_cols[k]].At);
            for (int j = 0; j < 5; j++)
                w.Text(media_keys[j], v[media_cols[j]]);
            w.End();
            break;
        }
    w.Text("display_date", v[C_DisplayDate]);
    w.Text("group", v[C_Group].Has() ? v[C_Group] : v[C_Tag]);
    w.Text("background", v[C_Background]);
    w.End();

    if (title) {
        SawTitle = true;
        TjsTitleSlide(*L, Rec, 0);
    } else if (era) {
        if (!v[C_Year].Has() || !v[C_EndYear].Has())
            L->Diag(Severity_Error, row_at, true, "an era row needs a Year and an End Year");
        else
            L->EraRecord(Rec);
    } else if (!v[C_Year].Has()) {
        L->Diag(Severity_Warning, row_at, true, "row without a Year left out (TimelineJS3 leaves it out too)");
    } else {
        L->EventRecord(Rec, false);
    }
    return !L->Stop;
}

void SheetReader::Finish()
{
    if (!HaveHeader)
        L->Diag(Severity_Error, 0, false, "the CSV file is empty (a TimelineJS3 sheet starts with its header row)");
}

bool LooksLikeSheet(const char* data, size_t avail, bool final, bool* decided)
{
    // Decided as early as can be, so that JSON (and input that is neither) is read as it comes: the first byte
    // that is not white space says JSON when it is '{' or '[' or stands past the first line; else the first line
    // decides once it is whole (a header row is a few hundred bytes: one over 4 KiB, or holding a control
    // character, is no header).
    const size_t kMostHeader = 4096;
    size_t a = avail >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    size_t s = a;
    while (s < avail && (data[s] == ' ' || data[s] == '\t'))
        s++;
    *decided = true;
    if (s < avail && (data[s] == '{' || data[s] == '[' || data[s] == '\n' || data[s] == '\r'))
        return false;
    size_t e = s;
    while (e < avail && e - a < kMostHeader && data[e] != '\n' && data[e] != '\r') {
        if ((unsigned char)data[e] < 0x20 && data[e] != '\t')
            return false;
        e++;
    }
    if (e == avail && !final && e - a < kMostHeader) {
        *decided = false;
        return false;
    }
    if (e - a >= kMostHeader)
        return false;
    // the cells of the first line, roughly: commas inside quotes do not matter for finding "Year"
    for (size_t c = a; c <= e;) {
        size_t d = c;
        while (d < e && data[d] != ',')
            d++;
        size_t x = c, y = d;
        while (x < y && (data[x] == ' ' || data[x] == '\t' || data[x] == '"'))
            x++;
        while (y > x && (data[y - 1] == ' ' || data[y - 1] == '\t' || data[y - 1] == '"'))
            y--;
        if (y - x == 4 && memcmp(data + x, "Year", 4) == 0)
            return true;
        c = d + 1;
    }
    return false;
}

} // namespace load
} // namespace chronoscope
