// Chronoscope core: what every date and number the product writes needs from a locale, and the time zone dates are
// shown in.
//
// A Locale holds month names, date patterns per precision (CE and BCE), digits and number grouping, the words of
// "N years ago" per plural category, and compact numbers ("138억", "13,8 Mrd.") for deep time. It is never written
// by hand: on the web the JS fills it from Intl (web/src/locale.js), natively from ICU (src/platform/locale_icu.*),
// both by the field names that LocaleFields() lists here, once. The default Locale is the product's own English
// ("21 Aug 2020", "500 BCE", "13.8 Ga"), which every formatter keeps byte for byte.
//
// Patterns are text with placeholders; everything else in them is literal (era words included):
//   {y} the year number (historical: 500 for 500 BCE)   {M} short month, format form ("Aug.")
//   {L} short month, standalone form ("Aug")            {d} day      {H} hour 00..23   {m} minute   {s} second
//   {o} the month's number ("8": ja, zh "2020年8月")     {O} the month's number in two digits ("08")
//   {n} (relative-time and compact patterns) a number
//
//   Locale ko;  SetLocaleField(&ko, "pattern.month", "{y}년 {M}");  ...   (every name of LocaleFields())
//   FormatInstant(t, Precision_Month, ko)   "2020년 8월"
#pragma once

#include "core/time.h"

#include <cstdint>
#include <string>
#include <vector>

namespace chronoscope {

enum LocalePattern {
    LocalePattern_Year,            // "2020", "2020년"
    LocalePattern_YearBce,         // "500 BCE", "기원전 500년"
    LocalePattern_Month,           // "Aug 2020"
    LocalePattern_MonthBce,
    LocalePattern_Day,             // "21 Aug 2020"
    LocalePattern_DayBce,
    LocalePattern_Minute,          // "21 Aug 2020, 13:05"
    LocalePattern_MinuteBce,
    LocalePattern_Second,          // "21 Aug 2020, 13:05:09"
    LocalePattern_SecondBce,
    LocalePattern_DayMonth,        // "21 Aug" (axis ticks)
    LocalePattern_TimeMinute,      // "13:05"
    LocalePattern_TimeSecond,      // "13:05:09"
    LocalePattern_COUNT
};

enum PluralCategory { Plural_Zero, Plural_One, Plural_Two, Plural_Few, Plural_Many, Plural_Other, Plural_COUNT };
enum AgoUnit { AgoUnit_Year, AgoUnit_Month, AgoUnit_Week, AgoUnit_Day, AgoUnit_Hour, AgoUnit_Minute, AgoUnit_Second,
               AgoUnit_COUNT };
static const int kCompactMax = 15;   // compact patterns for 10^0 .. 10^14

struct Locale {
    std::string Tag;                        // "ko", "de-DE"; "" for the built-in English
    bool        English = true;             // the product's own English: no field below is read
    std::string MonthShort[12];             // format form ("Aug.", "авг.")
    std::string MonthShortAlone[12];        // standalone form ("Aug", "авг.")
    std::string MonthLong[12];
    std::string Pattern[LocalePattern_COUNT];
    std::string Digits[10];                 // "0".."9" or the locale's own ("٠".."٩")
    std::string Decimal = ".", Group = ",";
    int         GroupSize = 3, GroupSize2 = 3;   // the first group from the right, then the others (hi: 3, 2)
    int         MinGrouping = 1;            // grouping starts at GroupSize + MinGrouping digits (es: 2: "1234")
    std::string Ago[AgoUnit_COUNT][Plural_COUNT];   // "{n} years ago", "vor {n} Jahren"
    uint8_t     PluralInt[200] = {};        // the plural category of 0..199 (of n >= 200: of n % 100 + 100)
    uint8_t     PluralFrac[200] = {};       // of i + 0.5 for i in 0..199 (a number with a fraction)
    std::string Compact[kCompactMax];       // 10^k written short: "{n}억"; "{n}" when there is no word
    int         CompactDiv[kCompactMax] = {};   // the power of ten the {n} of Compact[k] counts
};

// The built-in English.
const Locale& EnglishLocale();

// The fields a filler sets, by name, with what each needs:
//   "pattern.NAME" with Skeleton: a CLDR skeleton ("yMMM"; "GGGG" asks for the era, long: fill from a BCE date)
//   "month.short.N", "month.short_alone.N", "month.long.N" (N = 1..12), "digit.N" (0..9), "number.decimal",
//   "number.group", "number.group_size", "number.group_size2", "number.min_grouping",
//   "ago.UNIT.CATEGORY" (UNIT: year .. second, CATEGORY: zero one two few many other),
//   "plural.int", "plural.frac" (200 digits, each a category 0..5), "compact.K", "compact.K.div" (K = 0..14)
struct LocaleField {
    std::string Name;
    const char* Skeleton;   // patterns only, else null
};
const std::vector<LocaleField>& LocaleFields();
// Sets one field from its text; false (and nothing set) for an unknown name or a bad value.
bool SetLocaleField(Locale* loc, const std::string& name, const std::string& value);
// Reads one back (for tests and for comparing fillers).
std::string GetLocaleField(const Locale& loc, const std::string& name);
// Fills *out from {name: value} pairs: every field of LocaleFields() must be given once; else false and why.
bool LocaleFromFields(const std::string& tag, const std::vector<std::pair<std::string, std::string>>& fields,
                      Locale* out, std::string* error);
// A tag the built-in English serves ("en", "en-US", ""): fillers are not asked for it.
bool IsEnglishTag(const std::string& tag);

// Numbers as the locale writes them.
std::string LocaleDigits(const Locale& loc, const std::string& ascii);   // "2020.5" -> "٢٠٢٠٫٥" ('.' is the decimal)
std::string LocaleInteger(const Locale& loc, int64_t v, bool grouped);
// A pattern with its placeholders replaced: vals[c] for "{c}" (c in y M L d H m s n), missing ones left empty.
std::string ApplyPattern(const std::string& pattern, const char* names, const std::string* vals);
// The plural category of a count as the locale's rules read it.
int LocalePlural(const Locale& loc, double n, bool has_fraction);
// Every character of every string the locale writes (for a font atlas).
std::string LocaleText(const Locale& loc);

// ------------------------------------------------------------------------------------------------ time zones
// Dates are shown in a zone. By default (ZoneMode_Written) each time is shown at the offset it was written with
// ("2020-08-21T13:00+09:00" reads "21 Aug 2020 13:00 +09:00"), a time without one (or with Z) in UTC as it always
// was; ZoneMode_Utc shows every time in UTC, ZoneMode_Named in an IANA zone whose offset at an instant the host
// answers (the web from Intl, natively ICU). Only times are moved: a date without a time of day is a calendar date.
enum ZoneMode { ZoneMode_Written, ZoneMode_Utc, ZoneMode_Named };
typedef int (*ZoneOffsetFn)(const char* zone, int64_t utc_sec, void* user);   // seconds east of UTC
struct TimeZoneSetting {
    int          Mode = ZoneMode_Written;
    std::string  Name;                 // ZoneMode_Named: "Asia/Seoul"
    ZoneOffsetFn OffsetAt = nullptr;   // ZoneMode_Named
    void*        User = nullptr;
};
// The offset (seconds) to show a time at, given the offset it was written with (minutes, or kNoOffsetMin); *shown:
// whether its label names the offset.
int ZoneOffsetFor(const TimeZoneSetting& z, int64_t utc_sec, int written_min, bool* shown);
// The offset (seconds) a linear axis counts in: the chosen zone's at the view's centre; by default (ZoneMode_Written)
// the offset the data's times were written with when they all share one (data_offset_min; a file of Seoul times
// reads 13:00 on the axis where its details say 13:00), else UTC (mixed offsets have no one right answer).
int ZoneAxisOffset(const TimeZoneSetting& z, int64_t center_sec, int data_offset_min);
// " +09:00", " UTC", " +05:30", " +08:27:52"
std::string FormatOffset(int offset_sec, bool utc_word);

} // namespace chronoscope
