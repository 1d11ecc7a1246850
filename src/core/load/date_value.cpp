// Chronoscope core: a date written as a JSON value (see date_value.h).
#include "core/load/date_value.h"

namespace chronoscope {
namespace load {

static bool DateFromObject(const Record& r, int i, ParsedDate* out, std::string* error, int* at)
{
    static const KeyId ids[DatePart_COUNT] = { K_year, K_month, K_day, K_hour, K_minute, K_second, K_millisecond };
    DateParts parts;
    for (int k = 0; k < DatePart_COUNT; k++) {
        int c = r.Child(i, ids[k]);
        if (c < 0 || r.Nodes[c].Type == Node_Null)
            continue;
        const Node& v = r.Nodes[c];
        *error = std::string(kDatePartNames[k]) + " must be a whole number";
        int got = -1;
        if (v.Type == Node_String)  // TimelineJS writes numbers as strings, and "" for "not given"
            got = DatePartFromText((DatePart)k, v.String().data(), v.String().size(), &parts.Value[k], error);
        else if (v.Type == Node_Int || v.Type == Node_Float)
            got = DatePartFromNumber((DatePart)k, v.Type == Node_Int ? (double)v.Int : v.Num, &parts.Value[k], error);
        if (got < 0) {
            *at = c;
            return false;
        }
        parts.Has[k] = got > 0;
    }
    error->clear();
    *at = i;
    return DateFromParts(parts, out, error);
}

bool DateFromValue(const Record& r, int i, ParsedDate* out, std::string* error, int* at)
{
    const Node& n = r.Nodes[i];
    error->clear();
    *at = i;
    switch (n.Type) {
    case Node_String:
        return ParseIsoDate(n.String().data(), n.String().size(), out, error);
    case Node_Int:
    case Node_Float:
        return DateFromYearNumber(n.Type == Node_Int ? (double)n.Int : n.Num, out, error);
    case Node_Object:
        return DateFromObject(r, i, out, error, at);
    default:
        *error = "expected a date (ISO 8601 text, a number of years, or an object with a year)";
        return false;
    }
}

} // namespace load
} // namespace chronoscope
