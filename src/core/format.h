// Chronoscope core: dates as people read them, and as ISO 8601.
//
// Labels use HISTORICAL years (no year 0): astronomical year 0 is "1 BCE", -499 is "500 BCE". Deep time
// reads as an age: "13.8 Ga", "66 Ma", "300 ka" (a log axis also reads "1,000 years ago", "3 months ago"). A date
// is printed at its own precision:
//
//   FormatInstant(t, Precision_Year)        "1066", "500 BCE", "13.8 Ga"
//   FormatInstant(t, Precision_Month)       "Aug 2020"
//   FormatInstant(t, Precision_Day)         "21 Jul 2021"
//   FormatInstant(t, Precision_Minute)      "21 Jul 2021 09:30"
//   FormatInstant(t, Precision_Millisecond) "21 Jul 2021 09:30:00.250"
//   FormatRange(a, pa, b, pb)               "Aug 2020 – May 2021", "1939 – 1945"
//   FormatIso(t, p)                         "2020-08-21", "-4500000000-06-01", "2021-07-21T09:30:00.250Z"
//                                           (astronomical years, as the JSON format reads them back)
//   FormatLoadProgress("big.json", ...)     "Reading big.json: 507,904 events (50%)" (the status while loading)
#pragma once

#include "core/locale.h"
#include "core/model.h"
#include "core/time.h"

#include <string>

namespace chronoscope {

// Years before which labels switch from "BCE" to an age ("ka", "Ma", "Ga").
static const int64_t kDeepTimeYear = -99999;

// Every label follows a Locale (core/locale.h; the default is the product's English, shown in the examples here).
std::string FormatYear(int64_t astronomical_year, const Locale& loc = EnglishLocale());   // "1066", "500 BCE", "66 Ma"
// "13.8 Ga", "66 Ma", "10 ka", "1,000 years ago", "1 year ago" (other locales: "138억년 전", "vor 13,8 Mrd. Jahren")
std::string FormatAge(double years_ago, int significant, const Locale& loc = EnglishLocale());
// (3, "month") -> "3 months ago", (1, "day") -> "1 day ago"; unit: year, month, week, day, hour, minute, second
std::string FormatAgeIn(double count, const char* unit, const Locale& loc = EnglishLocale());
std::string FormatInstant(Instant t, Precision p, const Locale& loc = EnglishLocale());
std::string FormatRange(Instant a, Precision pa, Instant b, Precision pb, const Locale& loc = EnglishLocale());
// An event's date as shown: the author's display date if it has one, else its start (and end) at their precision,
// times in the zone (default: each at the offset it was written with, "21 Aug 2020 13:00 +09:00").
std::string FormatEventDate(const Timeline& tl, const Event& e, const Locale& loc = EnglishLocale(),
                            const TimeZoneSetting& zone = TimeZoneSetting());
// A time (precision Hour or finer) at an offset in seconds, named after it when shown: "21 Aug 2020 13:00 +09:00"
std::string FormatInstantAt(Instant t, Precision p, int offset_sec, bool shown, bool utc_word,
                            const Locale& loc = EnglishLocale());
// The offset (minutes) every time of the data with a written offset shares, or kNoOffsetMin (none, or several).
int DataWrittenOffset(const Timeline& tl);
std::string FormatIso(Instant t, Precision p);
std::string FormatGrouped(int64_t v, const Locale& loc = EnglishLocale());   // 12345678 -> "12,345,678"
const char* MonthShortName(int month);                      // 1 -> "Jan"
// A month as an axis tick names it ("Aug"; standalone form)
std::string MonthTickName(int month, const Locale& loc = EnglishLocale());

// The status line of a load in progress, as the native app and the web page show it:
//   "Reading NAME"  + ": N events" once events were read (N grouped: "507,904")
//                   + " (P%)" when the total size is known and bytes were read, else an ellipsis (U+2026).
// name: the file's base name; total_bytes: 0 when unknown. P is rounded down.
std::string FormatLoadProgress(const char* name, size_t bytes, size_t total_bytes, size_t events);

} // namespace chronoscope
