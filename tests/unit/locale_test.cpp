// Locales and time zones in core's formatters (core/locale.h, format.h, ticks.h), with a Locale filled in the test
// as a filler (Intl, ICU) fills it: field by field, by name.
#include "core/date_parse.h"
#include "core/format.h"
#include "core/locale.h"
#include "core/load.h"
#include "core/ticks.h"
#include "core/view.h"

#include <gtest/gtest.h>

#include <cstring>

using namespace chronoscope;

static Instant Iso(const char* s)
{
    ParsedDate d;
    std::string err;
    EXPECT_TRUE(ParseIsoDate(s, strlen(s), &d, &err)) << s << ": " << err;
    return d.Time;
}

// Korean as CLDR writes it (what Intl's formatToParts gives for ko, placeholders put in)
static Locale Korean()
{
    Locale k;
    k.English = false;
    k.Tag = "ko";
    const char* fields[][2] = {
        { "pattern.year", "{y}년" }, { "pattern.year.bce", "기원전 {y}년" }, { "pattern.month", "{y}년 {M}" },
        { "pattern.month.bce", "기원전 {y}년 {M}" }, { "pattern.day", "{y}년 {M} {d}일" },
        { "pattern.day.bce", "기원전 {y}년 {M} {d}일" }, { "pattern.minute", "{y}년 {M} {d}일 {H}:{m}" },
        { "pattern.minute.bce", "기원전 {y}년 {M} {d}일 {H}:{m}" }, { "pattern.second", "{y}년 {M} {d}일 {H}시 {m}분 {s}초" },
        { "pattern.second.bce", "기원전 {y}년 {M} {d}일 {H}시 {m}분 {s}초" }, { "pattern.day_month", "{M} {d}일" },
        { "pattern.time_minute", "{H}:{m}" }, { "pattern.time_second", "{H}시 {m}분 {s}초" },
        { "number.decimal", "." }, { "number.group", "," }, { "number.group_size", "3" }, { "number.group_size2", "3" },
        { "number.min_grouping", "1" }, { "compact.10", "{n}억" }, { "compact.10.div", "8" },
        { "compact.4", "{n}만" }, { "compact.4.div", "4" }, { "compact.8", "{n}억" }, { "compact.8.div", "8" },
    };
    for (auto& f : fields)
        EXPECT_TRUE(SetLocaleField(&k, f[0], f[1])) << f[0];
    for (int m = 1; m <= 12; m++) {
        std::string n = std::to_string(m) + "월";
        EXPECT_TRUE(SetLocaleField(&k, "month.short." + std::to_string(m), n));
        EXPECT_TRUE(SetLocaleField(&k, "month.short_alone." + std::to_string(m), n));
    }
    for (int d = 0; d < 10; d++)
        EXPECT_TRUE(SetLocaleField(&k, "digit." + std::to_string(d), std::to_string(d)));
    for (const char* u : { "year", "month", "week", "day", "hour", "minute", "second" })
        EXPECT_TRUE(SetLocaleField(&k, std::string("ago.") + u + ".other",
                                   std::string("{n}") + (strcmp(u, "year") ? u : "년") + " 전"));
    EXPECT_TRUE(SetLocaleField(&k, "plural.int", std::string(200, '5')));
    EXPECT_TRUE(SetLocaleField(&k, "plural.frac", std::string(200, '5')));
    return k;
}

TEST(Locale, KoreanDates)
{
    Locale ko = Korean();
    EXPECT_EQ("2020년 8월", FormatInstant(Iso("2020-08-21"), Precision_Month, ko));
    EXPECT_EQ("기원전 500년", FormatInstant(Iso("-0499"), Precision_Year, ko));
    EXPECT_EQ("2020년 8월 21일", FormatInstant(Iso("2020-08-21"), Precision_Day, ko));
    EXPECT_EQ("2020년 8월 21일 13:05", FormatInstant(Iso("2020-08-21T13:05Z"), Precision_Minute, ko));
    EXPECT_EQ("2020년", FormatYear(2020, ko));
    EXPECT_EQ("138억년 전", FormatYear(-13800000000LL, ko));
    EXPECT_EQ("4.5억년 전", FormatAge(450000000.0, 3, ko));
    EXPECT_EQ("2020년 8월 21일 13:05 \xE2\x80\x93 15:00",
              FormatRange(Iso("2020-08-21T13:05Z"), Precision_Minute, Iso("2020-08-21T15:00Z"), Precision_Minute, ko));
    EXPECT_EQ("1,234,567", FormatGrouped(1234567, ko));
}

TEST(Locale, EnglishIsTheBuiltIn)
{
    // the built-in English: the strings the product always wrote
    EXPECT_EQ("Aug 2020", FormatInstant(Iso("2020-08-21"), Precision_Month));
    EXPECT_EQ("500 BCE", FormatYear(-499));
    EXPECT_EQ("13.8 Ga", FormatYear(-13800000000LL));
    EXPECT_EQ("21 Aug 2020 13:05", FormatInstant(Iso("2020-08-21T13:05Z"), Precision_Minute, EnglishLocale()));
}

TEST(Locale, DigitsAndGrouping)
{
    Locale ar;
    ar.English = false;
    const char* digits[] = { "٠", "١", "٢", "٣", "٤", "٥", "٦", "٧", "٨", "٩" };
    for (int d = 0; d < 10; d++)
        ASSERT_TRUE(SetLocaleField(&ar, "digit." + std::to_string(d), digits[d]));
    ar.Decimal = "٫";
    ar.Group = "٬";
    EXPECT_EQ("١٢٬٣٤٥", LocaleInteger(ar, 12345, true));
    EXPECT_EQ("٢٠٢٠٫٥", LocaleDigits(ar, "2020.5"));
    Locale hi;   // Indian grouping: 3, then 2
    hi.English = false;
    for (int d = 0; d < 10; d++)
        hi.Digits[d] = std::to_string(d);
    hi.GroupSize2 = 2;
    EXPECT_EQ("12,34,567", LocaleInteger(hi, 1234567, true));
    Locale es = hi;   // grouping from 5 digits on
    es.GroupSize2 = 3;
    es.MinGrouping = 2;
    es.Group = ".";
    EXPECT_EQ("1234", LocaleInteger(es, 1234, true));
    EXPECT_EQ("12.345", LocaleInteger(es, 12345, true));
}

TEST(Locale, FieldsByName)
{
    Locale l;
    EXPECT_FALSE(SetLocaleField(&l, "pattern.nope", "x"));
    EXPECT_FALSE(SetLocaleField(&l, "month.short.13", "x"));
    EXPECT_FALSE(SetLocaleField(&l, "plural.int", "12"));
    EXPECT_TRUE(SetLocaleField(&l, "ago.day.few", "{n} дня назад"));
    EXPECT_EQ("{n} дня назад", GetLocaleField(l, "ago.day.few"));
    // every listed field can be set and read back, and a fill must give every one
    std::vector<std::pair<std::string, std::string>> all;
    for (const LocaleField& f : LocaleFields()) {
        std::string v = f.Name.compare(0, 7, "plural.") == 0 ? std::string(200, '5')
                        : (f.Name.compare(0, 7, "number.") == 0 && f.Name.find("size") != std::string::npos) ||
                                  f.Name.find("min_grouping") != std::string::npos || f.Name.find(".div") != std::string::npos
                            ? "3" : "x";
        all.emplace_back(f.Name, v);
    }
    Locale full;
    std::string err;
    EXPECT_TRUE(LocaleFromFields("xx", all, &full, &err)) << err;
    EXPECT_FALSE(full.English);
    all.pop_back();
    EXPECT_FALSE(LocaleFromFields("xx", all, &full, &err));
    EXPECT_NE(std::string::npos, err.find("missing")) << err;
}

TEST(Locale, AxisTicksAndSpans)
{
    Locale ko = Korean();
    View v;
    v.Start = Iso("2020-08-01");
    v.Span = ToSeconds(Iso("2020-12-31") - v.Start);
    v.Width = 1000;
    TickSet ts;
    ComputeTicks(v, 90.0f, &ts, ko);
    ASSERT_EQ(TickUnit_Month, ts.MajorStep.Unit);
    bool aug = false;
    for (const Tick& t : ts.Ticks)
        aug |= t.Label == "8월";
    EXPECT_TRUE(aug);
    ASSERT_EQ(1u, ts.Spans.size());   // Aug..Dec 2020: one year over the months
    EXPECT_EQ("2020년", ts.Spans[0].Label);
}

// ------------------------------------------------------------------------------------------------ two-level axis

static View ViewOf(const char* a, const char* b, double width = 1200)
{
    View v;
    v.Start = Iso(a);
    v.Span = ToSeconds(Iso(b) - v.Start);
    v.Width = width;
    return v;
}

TEST(TwoLevelAxis, MonthsDaysAndHoursNameWhatTheyBelongTo)
{
    TickSet ts;
    ComputeTicks(ViewOf("2020-08-01", "2020-12-31"), 90.0f, &ts);
    ASSERT_EQ(TickUnit_Month, ts.MajorStep.Unit);
    ASSERT_EQ(1u, ts.Spans.size());
    EXPECT_EQ("2020", ts.Spans[0].Label);

    ComputeTicks(ViewOf("2020-11-01", "2021-03-01"), 90.0f, &ts);   // across a new year: two spans
    ASSERT_EQ(2u, ts.Spans.size());
    EXPECT_EQ("2020", ts.Spans[0].Label);
    EXPECT_EQ("2021", ts.Spans[1].Label);
    EXPECT_LT(ts.Spans[0].X0, 0.0);                                  // began before the view
    EXPECT_NEAR(ts.Spans[1].X0, ts.Spans[0].X1, 1e-6);
    EXPECT_NEAR(ts.Spans[1].X0, 1200.0 * 61 / 120, 1.0);            // 1 Jan 2021 is 61 of 120 days in

    ComputeTicks(ViewOf("2020-08-10", "2020-08-25"), 90.0f, &ts);
    ASSERT_EQ(TickUnit_Day, ts.MajorStep.Unit);
    ASSERT_EQ(1u, ts.Spans.size());
    EXPECT_EQ("Aug 2020", ts.Spans[0].Label);

    ComputeTicks(ViewOf("2020-08-21T06:00Z", "2020-08-22T06:00Z"), 90.0f, &ts);
    ASSERT_EQ(TickUnit_Hour, ts.MajorStep.Unit);
    ASSERT_EQ(2u, ts.Spans.size());
    EXPECT_EQ("21 Aug 2020", ts.Spans[0].Label);
    EXPECT_EQ("22 Aug 2020", ts.Spans[1].Label);

    ComputeTicks(ViewOf("1900-01-01", "2020-01-01"), 90.0f, &ts);   // years: no second row
    EXPECT_TRUE(ts.Spans.empty());
}

TEST(TwoLevelAxis, CountsInTheZonesLocalTime)
{
    // 21 Aug 2020 15:00 UTC .. 22 Aug 03:00 UTC is 22 Aug 00:00 .. 12:00 in Seoul (+09:00): one local day
    TickSet ts;
    ComputeTicks(ViewOf("2020-08-21T15:00Z", "2020-08-22T03:00Z"), 90.0f, &ts, EnglishLocale(), 9 * 3600);
    ASSERT_EQ(1u, ts.Spans.size());
    EXPECT_EQ("22 Aug 2020", ts.Spans[0].Label);
    EXPECT_EQ(Iso("2020-08-21T15:00Z").sec, ts.Spans[0].Time.sec);   // local midnight, in UTC
    bool midnight = false;
    for (const Tick& t : ts.Ticks)
        midnight |= t.Major && t.Label == "22 Aug" && t.Time.sec == Iso("2020-08-21T15:00Z").sec;
    EXPECT_TRUE(midnight);
}

// ------------------------------------------------------------------------------------------------ time zones

static int FakeNewYork(const char*, int64_t, void*) { return -4 * 3600; }

TEST(TimeZones, AnEventKeepsItsWrittenOffset)
{
    ParsedDate d;
    std::string err;
    ASSERT_TRUE(ParseIsoDate("2020-08-21T13:00+09:00", 22, &d, &err));
    EXPECT_EQ(540, d.OffsetMin);
    ASSERT_TRUE(ParseIsoDate("2020-08-21T13:00Z", 17, &d, &err));
    EXPECT_EQ(kNoOffsetMin, d.OffsetMin);
    ASSERT_TRUE(ParseIsoDate("2020-08-21T13:00-03:30", 22, &d, &err));
    EXPECT_EQ(-210, d.OffsetMin);

    const std::string json = R"({"events": [
        {"id": "a", "start": "2020-08-21T13:00+09:00", "title": "Seoul"},
        {"id": "b", "start": "2020-08-21T13:00+09:00", "end": "2020-08-21T15:30+09:00", "title": "Seoul range"},
        {"id": "c", "start": "2020-08-21", "title": "a date"},
        {"id": "d", "start": "2020-08-21T04:00Z", "title": "UTC"}]})";
    Timeline tl;
    LoadResult res;
    ASSERT_TRUE(LoadTimeline(json.data(), json.size(), LoadOptions(), &tl, &res));
    const Event& a = tl.Events[FindEvent(tl, "a")];
    const Event& b = tl.Events[FindEvent(tl, "b")];
    const Event& c = tl.Events[FindEvent(tl, "c")];
    const Event& u = tl.Events[FindEvent(tl, "d")];
    EXPECT_EQ(540, a.StartOffsetMin());
    EXPECT_EQ(kNoOffsetMin, c.StartOffsetMin());
    EXPECT_EQ(540, DataWrittenOffset(tl));

    // by default: at the written offset, named; without one as always
    EXPECT_EQ("21 Aug 2020 13:00 +09:00", FormatEventDate(tl, a));
    EXPECT_EQ("21 Aug 2020 13:00 \xE2\x80\x93 15:30 +09:00", FormatEventDate(tl, b));
    EXPECT_EQ("21 Aug 2020", FormatEventDate(tl, c));
    EXPECT_EQ("21 Aug 2020 04:00", FormatEventDate(tl, u));
    // UTC
    TimeZoneSetting utc;
    utc.Mode = ZoneMode_Utc;
    EXPECT_EQ("21 Aug 2020 04:00 UTC", FormatEventDate(tl, a, EnglishLocale(), utc));
    EXPECT_EQ("21 Aug 2020", FormatEventDate(tl, c, EnglishLocale(), utc));   // a date stays its date
    // a named zone, its offsets from the host
    TimeZoneSetting ny;
    ny.Mode = ZoneMode_Named;
    ny.Name = "America/New_York";
    ny.OffsetAt = &FakeNewYork;
    EXPECT_EQ("21 Aug 2020 00:00 -04:00", FormatEventDate(tl, a, EnglishLocale(), ny));
    EXPECT_EQ("21 Aug 2020 00:00 -04:00", FormatEventDate(tl, u, EnglishLocale(), ny));
    EXPECT_EQ(-4 * 3600, ZoneAxisOffset(ny, 0, DataWrittenOffset(tl)));
    EXPECT_EQ(540 * 60, ZoneAxisOffset(TimeZoneSetting(), 0, DataWrittenOffset(tl)));
    // in Korean, at the written offset
    EXPECT_EQ("2020년 8월 21일 13:00 +09:00", FormatEventDate(tl, a, Korean()));
}

TEST(TimeZones, MixedOffsetsPutTheAxisInUtc)
{
    const std::string json = R"({"events": [
        {"start": "2020-08-21T13:00+09:00", "title": "Seoul"}, {"start": "2020-08-21T13:00+02:00", "title": "Paris"}]})";
    Timeline tl;
    LoadResult res;
    ASSERT_TRUE(LoadTimeline(json.data(), json.size(), LoadOptions(), &tl, &res));
    EXPECT_EQ(kNoOffsetMin, DataWrittenOffset(tl));
    EXPECT_EQ(0, ZoneAxisOffset(TimeZoneSetting(), 0, DataWrittenOffset(tl)));
    EXPECT_EQ(" +05:30", FormatOffset(330 * 60, false));
    EXPECT_EQ(" -03:30", FormatOffset(-210 * 60, false));
    EXPECT_EQ(" +08:27:52", FormatOffset(8 * 3600 + 27 * 60 + 52, false));
}
