// Chronoscope core: one date given as text, in any of the JSON format's date forms.
//
// Used where a date arrives outside a JSON file: the CLI's --window and the JS API's setWindow().
//   "2020-08-21", "2020-08-21T09:30:00.250Z", "-4500000000-06-01"   ISO 8601 (astronomical years)
//   "1066", "-13.8e9", "2020.5"                                       a number of years (astronomical)
//   "{\"year\": -500, \"month\": 3}"                                  a TimelineJS-style object (JSON)
//   "\"2020-08\""                                                     a JSON string holding any of the above
// Text starting with '{', '"' or '[' is JSON.
// A bare 4-digit text such as "1066" reads as an ISO year; both readings agree. A date object is read as in a
// file (core/load/date_value.h), with the same messages; the JSON is read by json_read.h.
// On failure: false and a short message in *error.
#pragma once

#include "core/date_parse.h"

#include <string>

namespace chronoscope {

bool ParseDateText(const char* text, ParsedDate* out, std::string* error);

} // namespace chronoscope
