// Chronoscope core: one date given as text (see date_text.h).
#include "core/date_text.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <cstring>

namespace chronoscope {

static bool DateFromJsonValue(const nlohmann::json& v, ParsedDate* out, std::string* error)
{
    if (v.is_string()) {
        const std::string& s = v.get_ref<const std::string&>();
        return ParseDateText(s.c_str(), out, error);
    }
    if (v.is_number()) {
        double y = v.get<double>();
        return DateFromYearNumber(y, out, error);
    }
    if (v.is_object()) {
        DateParts parts;
        for (int k = 0; k < DatePart_COUNT; k++) {
            auto it = v.find(kDatePartNames[k]);
            if (it == v.end() || it->is_null())
                continue;
            int got;
            if (it->is_number()) {
                got = DatePartFromNumber((DatePart)k, it->get<double>(), &parts.Value[k], error);
            } else if (it->is_string()) {
                const std::string& t = it->get_ref<const std::string&>();
                got = DatePartFromText((DatePart)k, t.data(), t.size(), &parts.Value[k], error);
            } else {
                *error = std::string(kDatePartNames[k]) + " must be a number";
                return false;
            }
            if (got < 0)
                return false;
            parts.Has[k] = got > 0;
        }
        return DateFromParts(parts, out, error);
    }
    *error = "a date is a string, a number of years or an object with a year";
    return false;
}

bool ParseDateText(const char* text, ParsedDate* out, std::string* error)
{
    if (!text) {
        *error = "no date";
        return false;
    }
    while (*text == ' ' || *text == '\t' || *text == '\n' || *text == '\r')
        text++;
    size_t len = strlen(text);
    while (len && (text[len - 1] == ' ' || text[len - 1] == '\t' || text[len - 1] == '\n' || text[len - 1] == '\r'))
        len--;
    if (len == 0) {
        *error = "empty date";
        return false;
    }
    if (text[0] == '{' || text[0] == '"') {
        nlohmann::json v = nlohmann::json::parse(text, text + len, nullptr, false);
        if (v.is_discarded()) {
            *error = "not valid JSON";
            return false;
        }
        return DateFromJsonValue(v, out, error);
    }
    // ISO first: "2020", "-0500", "-4500000000-06-01" are all ISO dates.
    std::string iso_error;
    if (ParseIsoDate(text, len, out, &iso_error))
        return true;
    // Then a plain number of years: "-13.8e9", "2020.5".
    std::string s(text, len);
    char* end = nullptr;
    double y = strtod(s.c_str(), &end);
    if (end != s.c_str() && *end == '\0' && std::isfinite(y))
        return DateFromYearNumber(y, out, error);
    *error = iso_error;
    return false;
}

} // namespace chronoscope
