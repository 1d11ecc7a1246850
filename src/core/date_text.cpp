// Chronoscope core: one date given as text (see date_text.h).
#include "core/date_text.h"

#include "core/load/date_value.h"
#include "core/load/record.h"

#include <cmath>
#include <cstdlib>
#include <cstring>

namespace chronoscope {

static bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static bool DateFromText(const char* text, size_t len, ParsedDate* out, std::string* error)
{
    while (len && IsSpace(*text)) {
        text++;
        len--;
    }
    while (len && IsSpace(text[len - 1]))
        len--;
    if (len == 0) {
        *error = "empty date";
        return false;
    }
    if (text[0] == '{' || text[0] == '"' || text[0] == '[') {
        load::Record r;
        std::string syntax;
        if (!load::ReadJsonValue(text, len, &r, &syntax)) {
            *error = "not valid JSON: " + syntax;
            return false;
        }
        const load::Node& v = r.Nodes[0];
        if (v.Type == load::Node_String)  // a JSON string holds any of the text forms
            return DateFromText(v.String().data(), v.String().size(), out, error);
        int at;
        return load::DateFromValue(r, 0, out, error, &at);
    }
    // ISO first: "2020", "-0500", "-4500000000-06-01" are all ISO dates.
    std::string iso_error;
    if (ParseIsoDate(text, len, out, &iso_error))
        return true;
    // Then a plain number of years: "-13.8e9", "2020.5".
    std::string s(text, len);
    char* end = nullptr;
    double y = strtod(s.c_str(), &end);
    if (end != s.c_str() && end == s.c_str() + s.size() && std::isfinite(y))
        return DateFromYearNumber(y, out, error);
    *error = iso_error;
    return false;
}

bool ParseDateText(const char* text, ParsedDate* out, std::string* error)
{
    if (!text) {
        *error = "no date";
        return false;
    }
    return DateFromText(text, strlen(text), out, error);
}

} // namespace chronoscope
