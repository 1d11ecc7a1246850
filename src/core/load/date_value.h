// Chronoscope core: the one reading of a date written as a JSON value, for files (the loader) and for dates given
// as text (date_text.h: the CLI's --window, the JS API's setWindow), so both accept the same dates and say the same
// about the rest.
//
//   "2020-08-21"                         ISO 8601 text (date_parse.h: ParseIsoDate)
//   -13.8e9                              a number of years (DateFromYearNumber)
//   {"year": 1969, "month": "7", ...}    an object of parts, numbers or text holding them (DateFromParts)
#pragma once

#include "core/date_parse.h"
#include "core/load/record.h"

#include <string>

namespace chronoscope {
namespace load {

// Node i of r as a date. False with the problem in *error and, in *at, the node it is about (the value, or the
// part of a date object that is wrong).
bool DateFromValue(const Record& r, int i, ParsedDate* out, std::string* error, int* at);

} // namespace load
} // namespace chronoscope
