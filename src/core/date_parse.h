// Chronoscope core: parsing the date forms of the JSON format.
//
//   ParseIsoDate         "2020", "2020-08", "2020-08-21", "2020-08-21T09:30", "2020-08-21T09:30:15.250Z",
//                        "2020-08-21 09:30+09:00", expanded years "-4500000000-06-01", "+12345", "-0500" (501 BCE)
//   DateFromYearNumber   a JSON number: an astronomical year, fractions allowed (2020.5, -13.8e9)
//   DateFromParts        a TimelineJS-style object {year, month, day, hour, minute, second, millisecond}, its
//                        parts read with DatePartFromNumber / DatePartFromText
// Every function returns false with a short message on bad input and never crashes on any bytes.
// The precision is what was given: "2020-08" is a month, -13.8e9 a year.
#pragma once

#include "core/time.h"

#include <cstddef>
#include <string>

namespace chronoscope {

struct ParsedDate {
    Instant   Time;                  // UTC
    Precision Prec = Precision_Year;
    int       OffsetMin = kNoOffsetMin;   // the offset written with the time ("+09:00": 540); none for Z or no offset
};

enum DatePart { DatePart_Year = 0, DatePart_Month, DatePart_Day, DatePart_Hour, DatePart_Minute, DatePart_Second,
                DatePart_Millisecond, DatePart_COUNT };

struct DateParts {
    bool    Has[DatePart_COUNT] = {};
    int64_t Value[DatePart_COUNT] = {};
};

extern const char* const kDatePartNames[DatePart_COUNT];   // "year", "month", ... (the keys of a date object)

// One part of a date object as written: a JSON number, or text holding one (TimelineJS writes numbers as strings,
// and "" for "not given"; spaces around the number are ignored). Returns 1 with *value set, 0 for "not given"
// (text only), -1 with a message for anything but a whole number in the part's range (month 1..12, day 1..31,
// hour 0..23, minute and second 0..59, millisecond 0..999, year within 100 billion years of year 0).
int  DatePartFromNumber(DatePart part, double v, int64_t* value, std::string* error);
int  DatePartFromText(DatePart part, const char* s, size_t len, int64_t* value, std::string* error);

bool ParseIsoDate(const char* s, size_t len, ParsedDate* out, std::string* error);
// ParseIsoDate's two steps: the common forms ("2020", "2020-08", "2020-08-21", "2020-08-21T09:30:15Z", without a
// sign, fraction or offset) read at fixed places, true only when the text is one of them and valid, with what the
// full reader gives; else the full reader, which reads every form and words every problem. (Both are here for the
// test that holds them to agree, and for a caller that needs no error text in the common case, the loader's
// DateOf: it tries ParseIsoDateCommon first and calls ParseIsoDate when that says no. Anyone else: ParseIsoDate.)
bool ParseIsoDateCommon(const char* s, size_t len, ParsedDate* out);
bool ParseIsoDateFull(const char* s, size_t len, ParsedDate* out, std::string* error);
bool DateFromYearNumber(double year, ParsedDate* out, std::string* error);
bool DateFromParts(const DateParts& p, ParsedDate* out, std::string* error);

} // namespace chronoscope
