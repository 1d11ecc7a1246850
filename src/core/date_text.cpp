// Chronoscope core: one date given as text (see date_text.h).
#include "core/date_text.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <cstring>

namespace cs {

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
        static const char* const keys[7] = { "year", "month", "day", "hour", "minute", "second", "millisecond" };
        DateParts parts;
        for (int i = 0; i < 7; i++) {
            parts.Has[i] = false;
            parts.Value[i] = 0;
            auto it = v.find(keys[i]);
            if (it == v.end() || it->is_null())
                continue;
            double d = 0;
            if (it->is_number()) {
                d = it->get<double>();
            } else if (it->is_string()) {
                const std::string& s = it->get_ref<const std::string&>();
                if (s.empty())
                    continue;
                char* end = nullptr;
                d = strtod(s.c_str(), &end);
                if (end == s.c_str() || *end) {
                    *error = std::string(keys[i]) + " is not a number";
                    return false;
                }
            } else {
                *error = std::string(keys[i]) + " must be a number";
                return false;
            }
            if (!std::isfinite(d) || d != std::floor(d) || std::fabs(d) > 1e15) {
                *error = std::string(keys[i]) + " must be a whole number";
                return false;
            }
            parts.Has[i] = true;
            parts.Value[i] = (int64_t)d;
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

} // namespace cs
