// Chronoscope core: parsing the date forms of the JSON format.
//
//   ParseIsoDate         "2020", "2020-08", "2020-08-21", "2020-08-21T09:30", "2020-08-21T09:30:15.250Z",
//                        "2020-08-21 09:30+09:00", expanded years "-4500000000-06-01", "+12345", "-0500" (501 BCE)
//   DateFromYearNumber   a JSON number: an astronomical year, fractions allowed (2020.5, -13.8e9)
//   DateFromParts        a TimelineJS-style object {year, month, day, hour, minute, second, millisecond}
// Every function returns false with a short message on bad input and never crashes on any bytes.
// The precision is what was given: "2020-08" is a month, -13.8e9 a year.
#pragma once

#include "core/time.h"

#include <cstddef>
#include <string>

namespace cs {

struct ParsedDate {
    Instant   Time;
    Precision Prec = Precision_Year;
};

enum DatePart { DatePart_Year = 0, DatePart_Month, DatePart_Day, DatePart_Hour, DatePart_Minute, DatePart_Second,
                DatePart_Millisecond, DatePart_COUNT };

struct DateParts {
    bool    Has[DatePart_COUNT] = {};
    int64_t Value[DatePart_COUNT] = {};
};

bool ParseIsoDate(const char* s, size_t len, ParsedDate* out, std::string* error);
bool DateFromYearNumber(double year, ParsedDate* out, std::string* error);
bool DateFromParts(const DateParts& p, ParsedDate* out, std::string* error);

} // namespace cs
