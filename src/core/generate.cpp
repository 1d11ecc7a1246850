// Chronoscope core: the data set generator (see generate.h).
#include "core/generate.h"

#include "core/time.h"
#include "core/utf8.h"

#include <cstring>

namespace chronoscope {

namespace {

// ---------------------------------------------------------------------------------------------
// Random numbers: splitmix64, and helpers with integer arithmetic only (same on every platform).

struct Rng {
    uint64_t State;
};

static inline uint64_t RngNext(Rng* r) {
    uint64_t z = (r->State += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

// Uniform in [0, n) (n > 0); the multiply-shift bias is negligible for our ranges.
static inline uint64_t RngBelow(Rng* r, uint64_t n) {
    uint64_t x = RngNext(r) >> 32;   // 32 random bits
    if (n <= 0xFFFFFFFFULL)
        return (x * n) >> 32;
    return RngNext(r) % n;
}

// Uniform in [lo, hi] (inclusive).
static inline int64_t RngRange(Rng* r, int64_t lo, int64_t hi) {
    return lo + (int64_t)RngBelow(r, (uint64_t)(hi - lo + 1));
}

// 0..99, for percentages.
static inline int RngPercent(Rng* r) { return (int)RngBelow(r, 100); }

template <size_t N>
static inline const char* Pick(Rng* r, const char* const (&list)[N]) {
    return list[RngBelow(r, N)];
}

// ---------------------------------------------------------------------------------------------
// Text output.

static inline void Put(std::string* s, const char* t) { s->append(t, strlen(t)); }

// A JSON string literal, quotes included. Escapes quotes, backslashes and control characters; UTF-8
// passes through.
static void PutJsonString(std::string* s, const char* t, size_t n) {
    static const char kHex[] = "0123456789abcdef";
    s->push_back('"');
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        s->append(t + run, i - run);
        run = i + 1;
        switch (c) {
        case '"':  s->append("\\\"", 2); break;
        case '\\': s->append("\\\\", 2); break;
        case '\n': s->append("\\n", 2); break;
        case '\r': s->append("\\r", 2); break;
        case '\t': s->append("\\t", 2); break;
        default: {
            char e[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
            s->append(e, 6);
        }
        }
    }
    s->append(t + run, n - run);
    s->push_back('"');
}
static void PutJsonString(std::string* s, const std::string& t) { PutJsonString(s, t.data(), t.size()); }

static inline void PutUInt(std::string* s, uint64_t v) {
    char buf[24];
    int n = 0;
    do { buf[sizeof(buf) - 1 - n++] = (char)('0' + v % 10); v /= 10; } while (v);
    s->append(buf + sizeof(buf) - n, (size_t)n);
}

// 1234567 -> "1,234,567"
static void PutUIntGrouped(std::string* s, uint64_t v) {
    char digits[24];
    int n = 0;
    do { digits[n++] = (char)('0' + v % 10); v /= 10; } while (v);
    for (int i = n - 1; i >= 0; i--) {
        s->push_back(digits[i]);
        if (i > 0 && i % 3 == 0)
            s->push_back(',');
    }
}

static inline void Put2(char* p, int v) { p[0] = (char)('0' + v / 10); p[1] = (char)('0' + v % 10); }
static inline void Put4(char* p, int v) {
    p[0] = (char)('0' + v / 1000); p[1] = (char)('0' + v / 100 % 10);
    p[2] = (char)('0' + v / 10 % 10); p[3] = (char)('0' + v % 10);
}

// ---------------------------------------------------------------------------------------------
// Dates: seconds since 1970-01-01 (all within years 1500..2035, so 4-digit years), at a precision.

enum GenPrecision { kGenYear, kGenMonth, kGenDay, kGenSecond };

static inline int64_t FloorDiv(int64_t a, int64_t b) { int64_t q = a / b; return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q; }

// Truncates t to the start of its year / month / day (seconds are kept for kGenSecond).
static int64_t Truncate(int64_t t, GenPrecision prec) {
    if (prec == kGenSecond)
        return t;
    int64_t days = FloorDiv(t, kSecondsPerDay);
    if (prec == kGenDay)
        return days * kSecondsPerDay;
    int64_t y; int m, d;
    CivilFromDays(days, &y, &m, &d);
    return DaysFromCivil(y, prec == kGenYear ? 1 : m, 1) * kSecondsPerDay;
}

// The start of the next unit after the (truncated) instant t.
static int64_t NextUnit(int64_t t, GenPrecision prec) {
    if (prec == kGenSecond)
        return t + 1;
    if (prec == kGenDay)
        return t + kSecondsPerDay;
    int64_t y; int m, d;
    CivilFromDays(FloorDiv(t, kSecondsPerDay), &y, &m, &d);
    if (prec == kGenYear)
        return DaysFromCivil(y + 1, 1, 1) * kSecondsPerDay;
    return (m == 12 ? DaysFromCivil(y + 1, 1, 1) : DaysFromCivil(y, m + 1, 1)) * kSecondsPerDay;
}

// Writes "YYYY", "YYYY-MM", "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ", in quotes.
static void PutDate(std::string* s, int64_t t, GenPrecision prec) {
    int64_t days = FloorDiv(t, kSecondsPerDay);
    int sod = (int)(t - days * kSecondsPerDay);
    int64_t y; int m, d;
    CivilFromDays(days, &y, &m, &d);
    char b[24];
    b[0] = '"';
    Put4(b + 1, (int)y);
    size_t n = 5;
    if (prec >= kGenMonth) { b[n] = '-'; Put2(b + n + 1, m); n += 3; }
    if (prec >= kGenDay)   { b[n] = '-'; Put2(b + n + 1, d); n += 3; }
    if (prec >= kGenSecond) {
        b[n] = 'T'; Put2(b + n + 1, sod / 3600);
        b[n + 3] = ':'; Put2(b + n + 4, sod / 60 % 60);
        b[n + 6] = ':'; Put2(b + n + 7, sod % 60);
        b[n + 9] = 'Z';
        n += 10;
    }
    b[n++] = '"';
    s->append(b, n);
}

// ---------------------------------------------------------------------------------------------
// Word lists.

static const char* const kGroupLabels[] = {"Archive", "Expeditions", "Trade", "Science", "Arts", "Politics",
                                           "Religion", "Warfare", "Medicine", "Engineering", "Music", "Sport"};
static const char* const kGroupColors[] = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#76b7b2",
                                           "#edc948", "#ff9da7", "#9c755f", "#7b3fe4", "#2f8f9d", "#bab0ac"};

static const char* const kEraLabels[] = {"Age of Sail", "Age of Enlightenment", "Industrial Age", "Age of Empires",
                                         "Modern Era", "Information Age", "Age of Reform", "Long Peace"};
static const char* const kEraColors[] = {"#efe7fd", "#e7f3fd", "#fdf3e7", "#e9fbe9", "#fde7ec", "#f4f4e2",
                                         "#e4f6f6", "#f2e9f9"};

static const char* const kAdjectives[] = {
    "Great", "Royal", "Northern", "Southern", "Eastern", "Western", "First", "Second", "Last", "Grand",
    "Secret", "Lost", "New", "Old", "Imperial", "Free", "Golden", "Silent", "Bitter", "Long",
    "Early", "Final", "Little", "Young", "Open", "Hidden", "Famous", "Forgotten", "Public", "Private"};
static const char* const kNouns[] = {
    "Treaty", "Expedition", "Voyage", "Charter", "Council", "Exhibition", "Survey", "Archive", "Revolt",
    "Harvest", "Fire", "Flood", "Census", "Reform", "Alliance", "Embassy", "Discovery", "Company", "Railway",
    "Bridge", "Observatory", "Academy", "Library", "Museum", "Festival", "Strike", "Election", "Siege",
    "Market", "Canal", "Cathedral", "Printing Press", "Gazette", "Concert", "Opera", "Crossing", "Mission",
    "Dispute", "Accord", "Congress", "Trial", "Patent", "Lecture", "Atlas", "Map", "Fleet", "Mint",
    "Hospital", "University", "Exchange", "Telegraph", "Lighthouse", "Manifesto", "Petition", "Journal"};
static const char* const kPlaces[] = {
    "Lisbon", "Venice", "Antwerp", "Amsterdam", "London", "Paris", "Vienna", "Prague", "Kraków", "Seville",
    "Genoa", "Hamburg", "Edo", "Kyoto", "Seoul", "Beijing", "Canton", "Malacca", "Goa", "Calcutta",
    "Cairo", "Istanbul", "Smyrna", "Aleppo", "Timbuktu", "Zanzibar", "Cape Town", "Lima", "Mexico City",
    "Boston", "Quebec", "Havana", "Batavia", "Manila", "Sydney", "Stockholm", "Moscow", "Warsaw", "Madrid",
    "Naples", "Rome", "Geneva", "Edinburgh", "Dublin", "the Andes", "the Baltic", "the Cape", "the Nile",
    "the Arctic", "the Pacific", "Kilimanjaro", "Tahiti", "St. John's"};
static const char* const kPeople[] = {
    "Magellan's", "Newton's", "Galileo's", "Cook's", "Humboldt's", "Darwin's", "Curie's", "Bach's",
    "Mozart's", "Kepler's", "Linnaeus's", "Franklin's", "Lovelace's", "Tesla's", "Nightingale's",
    "the King's", "the Queen's", "the Admiral's", "the Duke's", "the Cardinal's", "the Merchant's"};
static const char* const kVerbs[] = {
    "Opens", "Falls", "Signed", "Founded", "Begins", "Ends", "Returns", "Sails", "Burns", "Rises",
    "Published", "Restored", "Dissolved", "Crowned", "Reformed", "Launched", "Completed", "Surveyed"};
static const char* const kHangul[] = {
    "서울", "기록", "탐험", "조약", "박물관", "한양", "부산", "항해", "학술", "전시회", "도서관", "왕실",
    "개항", "신문", "철도", "대학", "축제", "무역"};

static const char* const kSentenceSubjects[] = {
    "The delegation", "A small crew", "The council", "A group of scholars", "The merchants", "The envoys",
    "A young clerk", "The printers", "The guild", "A traveling painter", "The surveyors", "The garrison",
    "The new academy", "A rival faction", "The harbour master", "Local farmers"};
static const char* const kSentencePredicates[] = {
    "arrived in", "set out from", "met secretly in", "reported from", "negotiated terms in",
    "published a pamphlet in", "returned to", "built a workshop in", "mapped the coast near",
    "opened an office in", "were expelled from", "held a public meeting in"};
static const char* const kSentenceClauses[] = {
    "after weeks of delay", "despite a severe winter", "with letters from the court",
    "carrying samples of silk and spice", "while the city was under quarantine",
    "according to a surviving diary", "which changed the trade routes for decades",
    "as rumours of war spread along the coast", "and the records were lost in a fire",
    "to the surprise of foreign observers", "under the protection of a local prince",
    "although the accounts disagree on the date"};

static const char* const kTags[] = {
    "trade", "war", "science", "art", "exploration", "religion", "law", "medicine", "navigation",
    "architecture", "music", "print", "diplomacy", "finance", "disaster", "technology", "education", "기록"};

static void MakeTitleOnce(Rng* r, std::string* t) {
    t->clear();
    if (RngPercent(r) < 3) {   // Hangul (sometimes mixed with a Latin place)
        int words = (int)RngRange(r, 2, 3);
        for (int i = 0; i < words; i++) {
            if (i) t->push_back(' ');
            Put(t, Pick(r, kHangul));
        }
        if (RngPercent(r) < 30) { t->append(" — "); Put(t, Pick(r, kPlaces)); }
        return;
    }
    switch (RngBelow(r, 9)) {
    case 0:   // "Great Fire of London"
        Put(t, Pick(r, kAdjectives)); t->push_back(' '); Put(t, Pick(r, kNouns)); t->append(" of ");
        Put(t, Pick(r, kPlaces));
        break;
    case 1:   // "Lisbon Exhibition"
        Put(t, Pick(r, kPlaces)); t->push_back(' '); Put(t, Pick(r, kNouns));
        break;
    case 2:   // "Darwin's Voyage to the Cape"
        Put(t, Pick(r, kPeople)); t->push_back(' '); Put(t, Pick(r, kNouns)); t->append(" to ");
        Put(t, Pick(r, kPlaces));
        break;
    case 3:   // "Treaty of Venice Signed"
        Put(t, Pick(r, kNouns)); t->append(" of "); Put(t, Pick(r, kPlaces)); t->push_back(' ');
        Put(t, Pick(r, kVerbs));
        break;
    case 4:   // "Royal Academy Opens"
        Put(t, Pick(r, kAdjectives)); t->push_back(' '); Put(t, Pick(r, kNouns)); t->push_back(' ');
        Put(t, Pick(r, kVerbs));
        break;
    case 5:   // "The Secret Accord"
        t->append("The "); Put(t, Pick(r, kAdjectives)); t->push_back(' '); Put(t, Pick(r, kNouns));
        break;
    case 6:   // "Second Charter of Seville Dissolved"
        Put(t, Pick(r, kAdjectives)); t->push_back(' '); Put(t, Pick(r, kNouns)); t->append(" of ");
        Put(t, Pick(r, kPlaces)); t->push_back(' '); Put(t, Pick(r, kVerbs));
        break;
    case 7:   // "Humboldt's Survey Returns from the Andes"
        Put(t, Pick(r, kPeople)); t->push_back(' '); Put(t, Pick(r, kNouns)); t->push_back(' ');
        Put(t, Pick(r, kVerbs)); t->append(" in "); Put(t, Pick(r, kPlaces));
        break;
    default:  // "Newton's Atlas"
        Put(t, Pick(r, kPeople)); t->push_back(' '); Put(t, Pick(r, kNouns));
        break;
    }
}

// A title of 2-6 words (templates that come out longer are drawn again).
static void MakeTitle(Rng* r, std::string* t) {
    for (;;) {
        MakeTitleOnce(r, t);
        int words = 1;
        for (char c : *t) words += c == ' ';
        if (words <= 6) {
            if ((*t)[0] >= 'a' && (*t)[0] <= 'z')   // "the King's ..." -> "The King's ..."
                (*t)[0] = (char)((*t)[0] - 'a' + 'A');
            return;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Titles in other scripts and lengths (GenerateParams::TitleScripts, TitleLength). Words are made here from code
// points (letters of an alphabet, syllables of an abugida) or picked from the small lists below, so the data
// has the shapes real titles have (joined Arabic letters, Devanagari conjuncts and vowel signs, CJK without
// spaces inside a word, right to left runs inside left to right titles, emoji) and no text copied from anywhere.

// Common Han characters (Chinese and Japanese use them alike) for CJK words of one to three characters.
static const char kHan[] =
    "日月山川水火木金土人大小中国年時東西南北上下天地海風雨雪花春夏秋冬王城市京都港島橋道寺宮門学院館書文字史記"
    "新古長高明光平和戦争条約会議革命帝皇民族鉄路船航旅博物展覧祭典星空森林石田村町江河湖岸村家星雲竜鳥馬牛";
// Emoji of one code point each, drawn as emoji without a variation selector (Emoji_Presentation).
static const uint32_t kEmoji[] = {0x1F680, 0x1F30D, 0x1F4DC, 0x1F3F0, 0x1F3AD, 0x1F525, 0x1F30A, 0x2B50,
                                  0x1F389, 0x1F4DA, 0x2693,  0x1F3A8, 0x1F3B5, 0x1F30B, 0x1F5FF, 0x1F451,
                                  0x1F418, 0x1F338, 0x1F375, 0x1F682, 0x26F5,  0x1F52D, 0x1F4A1, 0x1F4EF};
// Devanagari vowel signs of Hindi (matras).
static const uint32_t kMatras[] = {0x093E, 0x093F, 0x0940, 0x0941, 0x0942, 0x0947, 0x0948, 0x094B, 0x094C};
// Hebrew letters without the final forms (which only end a word).
static const uint32_t kHebrewFinal[] = {0x05DA, 0x05DD, 0x05DF, 0x05E3, 0x05E5};

static bool IsHebrewFinal(uint32_t c)
{
    for (uint32_t f : kHebrewFinal)
        if (c == f)
            return true;
    return false;
}

// A word of a script made from code points (GenScript_*), appended.
static void MakeWord(Rng* r, uint32_t script, std::string* t)
{
    switch (script) {
    case GenScript_Cjk:
        if (RngPercent(r) < 25) {   // a katakana word (loanwords, names): 2-5 of U+30A1..U+30F3
            for (int k = (int)RngRange(r, 2, 5); k > 0; k--)
                Utf8Encode(t, (uint32_t)RngRange(r, 0x30A1, 0x30F3));
        } else {                    // one to three Han characters (each three bytes in kHan)
            const size_t han = (sizeof(kHan) - 1) / 3;
            for (int k = (int)RngRange(r, 1, 3); k > 0; k--)
                t->append(kHan + 3 * RngBelow(r, han), 3);
        }
        return;
    case GenScript_Arabic:          // 3-7 letters of U+0627..U+064A (not the tatweel or the few rare ones between)
        for (int k = (int)RngRange(r, 3, 7); k > 0; k--) {
            uint32_t c = (uint32_t)RngRange(r, 0x0627, 0x064A - 6);
            if (c > 0x063A)
                c += 6;             // skips U+063B..U+0640
            Utf8Encode(t, c);
        }
        return;
    case GenScript_Hebrew:          // 2-6 letters of U+05D0..U+05EA, no final form inside the word
        for (int k = (int)RngRange(r, 2, 6); k > 0; k--) {
            uint32_t c;
            do c = (uint32_t)RngRange(r, 0x05D0, 0x05EA); while (IsHebrewFinal(c));
            Utf8Encode(t, c);
        }
        return;
    case GenScript_Devanagari:      // 2-4 syllables: a consonant, a vowel sign or none, now and then a conjunct
        for (int k = (int)RngRange(r, 2, 4); k > 0; k--) {
            Utf8Encode(t, (uint32_t)RngRange(r, 0x0915, 0x0939));
            const int x = RngPercent(r);
            if (x < 12) {           // conjunct: virama + consonant
                Utf8Encode(t, 0x094D);
                Utf8Encode(t, (uint32_t)RngRange(r, 0x0915, 0x0939));
            }
            if (x >= 40)
                Utf8Encode(t, kMatras[RngBelow(r, sizeof(kMatras) / sizeof(kMatras[0]))]);
            if (RngPercent(r) < 8)
                Utf8Encode(t, 0x0902);   // anusvara
        }
        return;
    case GenScript_Cyrillic:        // a capital and 3-8 small letters of U+0430..U+044F
        Utf8Encode(t, (uint32_t)RngRange(r, 0x0410, 0x0429));
        for (int k = (int)RngRange(r, 3, 8); k > 0; k--)
            Utf8Encode(t, (uint32_t)RngRange(r, 0x0430, 0x044F));
        return;
    case GenScript_Emoji:
        Utf8Encode(t, kEmoji[RngBelow(r, sizeof(kEmoji) / sizeof(kEmoji[0]))]);
        return;
    case GenScript_Hangul:
        if (RngPercent(r) < 50) {
            Put(t, Pick(r, kHangul));
        } else {                    // 2-3 syllables of U+AC00..U+D7A3
            for (int k = (int)RngRange(r, 2, 3); k > 0; k--)
                Utf8Encode(t, (uint32_t)RngRange(r, 0xAC00, 0xD7A3));
        }
        return;
    default: {                      // Latin: a word of the English lists
        const int x = (int)RngBelow(r, 4);
        Put(t, x == 0 ? Pick(r, kAdjectives) : x == 1 ? Pick(r, kNouns) : x == 2 ? Pick(r, kPlaces) : Pick(r, kVerbs));
        return;
    }
    }
}

// One word of a script, appended: word k of the script's vocabulary of 32767 words (each made by MakeWord from a
// generator seeded with the script and k, so the same word every time), each octave of k (1, 2-3, 4-7, ...)
// equally likely, so a word's share falls as 1/k as in real text (a few common, most rare). Words made afresh
// each time would make nearly every word of a million titles a word of its own, which no real text does.
static void PutWord(Rng* r, uint32_t script, std::string* t)
{
    if (script == GenScript_Latin || script == GenScript_Emoji) {   // (small lists already)
        MakeWord(r, script, t);
        return;
    }
    const uint64_t octave = RngBelow(r, 15);
    const uint64_t k = ((uint64_t)1 << octave) + RngBelow(r, (uint64_t)1 << octave);
    Rng w{ ((uint64_t)script << 32) ^ k ^ 0x576F7264ULL };   // "Word"
    MakeWord(&w, script, t);
}

// A title of the scripts and length asked for: short 2-6 words, long 12-30 (about 80-250 characters), mixed a
// third long. One script for the title; with several scripts, three titles in ten mix in words of others (an
// Arabic title with a Latin name, a CJK one with an emoji).
static void MakeScriptTitle(Rng* r, const GenerateParams& p, std::string* t)
{
    t->clear();
    uint32_t scripts[8];
    int ns = 0;
    for (uint32_t b = 1; b <= GenScript_Hangul; b <<= 1)
        if (p.TitleScripts & b)
            scripts[ns++] = b;
    if (ns == 0)
        scripts[ns++] = GenScript_Latin;
    const bool long_title = p.TitleLength == GenTitle_Long || (p.TitleLength == GenTitle_Mixed && RngBelow(r, 3) == 0);
    const int words = long_title ? (int)RngRange(r, 12, 30) : (int)RngRange(r, 2, 6);
    const uint32_t main = scripts[RngBelow(r, (uint64_t)ns)];
    const bool mix = ns > 1 && RngPercent(r) < 30;
    for (int w = 0; w < words; w++) {
        if (w)
            t->push_back(' ');
        PutWord(r, mix && RngPercent(r) < 25 ? scripts[RngBelow(r, (uint64_t)ns)] : main, t);
    }
}

// One sentence of 60-120 characters.
static void MakeSentence(Rng* r, std::string* t) {
    t->clear();
    Put(t, Pick(r, kSentenceSubjects)); t->push_back(' ');
    Put(t, Pick(r, kSentencePredicates)); t->push_back(' ');
    Put(t, Pick(r, kPlaces));
    for (int tries = 0; t->size() < 60 && tries < 16; tries++) {
        const char* c = Pick(r, kSentenceClauses);
        size_t n = strlen(c);
        if (t->size() + 2 + n + 1 > 120)
            continue;
        t->append(", "); t->append(c, n);
    }
    while (t->size() < 59)   // unreachable with these lists; keeps the promise anyway
        t->append(" again");
    t->push_back('.');
}

} // namespace

// ---------------------------------------------------------------------------------------------

void GenerateTimelineJson(const GenerateParams& p, std::string* out) {
    out->clear();
    out->reserve(1024 + (size_t)(p.Groups < 1 ? 1 : p.Groups) * 80 + p.Count * 180);
    GenerateTimeline(p, false, [](void* user, const char* data, size_t n) { ((std::string*)user)->append(data, n); },
                     out);
}

void GenerateTimeline(const GenerateParams& p, bool jsonl, void (*write)(void* user, const char* data, size_t n),
                      void* user) {
    std::string buf;
    std::string& s = buf;
    auto flush = [&](bool always) {
        if (always || s.size() >= ((size_t)1 << 20)) {
            write(user, s.data(), s.size());
            s.clear();
        }
    };
    const int groups = p.Groups < 1 ? 1 : p.Groups;
    const size_t count = p.Count;
    // the document's framing: JSON (indented, one document) or JSON Lines (the fields on one line, then one event a
    // line)
    const char* const nl = jsonl ? "" : "\n";
    const char* const in1 = jsonl ? "" : "  ";
    const char* const in2 = jsonl ? "" : "    ";

    Rng rng{p.Seed ^ 0x43684E6F53636F70ULL};   // "ChNoScop"
    Rng* r = &rng;

    const int64_t firstDay = DaysFromCivil(1500, 1, 1);
    const int64_t lastDay = DaysFromCivil(2025, 12, 31);
    const int64_t spanDays = lastDay - firstDay + 1;

    // Header.
    s.append("{"); s.append(nl); s.append(in1); s.append("\"title\": \"Generated: ");
    PutUIntGrouped(&s, count);
    s.append(count == 1 ? " event\"," : " events\","); s.append(jsonl ? " " : "\n");
    s.append(in1); s.append("\"description\": \"Synthetic data set from Chronoscope's generator (seed ");
    PutUInt(&s, p.Seed);
    s.append(", ");
    PutUInt(&s, (uint64_t)groups);
    s.append(groups == 1 ? " group" : " groups");
    s.append("), spread over 1500..2025 with bursts of activity and dates at mixed precision.\",");
    s.append(jsonl ? " " : "\n");

    // Groups.
    s.append(in1); s.append("\"groups\": ["); s.append(nl);
    std::string label;
    for (int g = 0; g < groups; g++) {
        const size_t nl = sizeof(kGroupLabels) / sizeof(kGroupLabels[0]);
        s.append(in2); s.append("{ \"id\": \"g");
        PutUInt(&s, (uint64_t)g);
        s.append("\", \"label\": ");
        label = kGroupLabels[g % nl];
        if ((size_t)g >= nl) { label.push_back(' '); label += std::to_string(g / nl + 1); }
        PutJsonString(&s, label);
        s.append(", \"color\": \"");
        s.append(kGroupColors[g % (sizeof(kGroupColors) / sizeof(kGroupColors[0]))]);
        s.append(g + 1 < groups ? "\" }," : "\" }"); s.append(jsonl ? (g + 1 < groups ? " " : "") : "\n");
    }
    s.append(in1); s.append("],"); s.append(jsonl ? " " : "\n");

    // Eras: 3-5 disjoint spans, each inside an equal slice of the span.
    s.append(in1); s.append("\"eras\": ["); s.append(nl);
    const int eras = (int)RngRange(r, 3, 5);
    const size_t eraLabelOffset = RngBelow(r, sizeof(kEraLabels) / sizeof(kEraLabels[0]));
    for (int e = 0; e < eras; e++) {
        int64_t sliceA = firstDay + spanDays * e / eras, sliceB = firstDay + spanDays * (e + 1) / eras;
        int64_t len = sliceB - sliceA;
        int64_t a = sliceA + (int64_t)RngBelow(r, (uint64_t)(len / 5));
        int64_t b = sliceB - 1 - (int64_t)RngBelow(r, (uint64_t)(len / 5));
        s.append(in2); s.append("{ \"start\": ");
        PutDate(&s, Truncate(a * kSecondsPerDay, kGenYear), kGenYear);
        s.append(", \"end\": ");
        PutDate(&s, Truncate(b * kSecondsPerDay, kGenYear), kGenYear);
        s.append(", \"label\": ");
        PutJsonString(&s, label = kEraLabels[(eraLabelOffset + (size_t)e) % (sizeof(kEraLabels) / sizeof(kEraLabels[0]))]);
        s.append(", \"color\": \"");
        s.append(kEraColors[(eraLabelOffset + (size_t)e) % (sizeof(kEraColors) / sizeof(kEraColors[0]))]);
        s.append(e + 1 < eras ? "\" }," : "\" }"); s.append(jsonl ? (e + 1 < eras ? " " : "") : "\n");
    }
    if (jsonl) {
        s.append("]}\n");
    } else {
        s.append("  ],\n");
    }

    // Bursts: centres, half-widths (days) and weights; 40% of events fall into one of them.
    struct Burst { int64_t Center, HalfWidth; };
    enum { kBursts = 32 };
    Burst bursts[kBursts];
    for (int i = 0; i < kBursts; i++) {
        bursts[i].Center = firstDay + (int64_t)RngBelow(r, (uint64_t)spanDays);
        // Log-ish spread of widths: 2 weeks .. ~8 years.
        static const int64_t kWidths[] = {14, 30, 90, 180, 365, 730, 1461, 2922};
        bursts[i].HalfWidth = kWidths[RngBelow(r, 8)];
    }
    // Group weights: some lanes are busier than others (1..4 shares each).
    int groupShares[64];
    int totalShares = 0;
    const int weightedGroups = groups < 64 ? groups : 64;
    for (int g = 0; g < weightedGroups; g++) totalShares += (groupShares[g] = (int)RngRange(r, 1, 4));

    // Events.
    if (!jsonl)
        s.append("  \"events\": [\n");
    std::string title, text;
    title.reserve(128);
    text.reserve(160);
    for (size_t i = 0; i < count; i++) {
        // Start day: uniform or in a burst (triangular around the centre).
        int64_t day;
        if (RngPercent(r) < p.BurstPercent) {
            const Burst& b = bursts[RngBelow(r, kBursts)];
            int64_t w = b.HalfWidth;
            day = b.Center + (int64_t)RngBelow(r, (uint64_t)w + 1) + (int64_t)RngBelow(r, (uint64_t)w + 1) - w;
            if (day < firstDay) day = firstDay;
            if (day > lastDay) day = lastDay;
        } else {
            day = firstDay + (int64_t)RngBelow(r, (uint64_t)spanDays);
        }
        int64_t t = day * kSecondsPerDay + (int64_t)RngBelow(r, (uint64_t)kSecondsPerDay);

        int pr = RngPercent(r);
        GenPrecision prec = pr < 50 ? kGenDay : pr < 80 ? kGenSecond : pr < 95 ? kGenMonth : kGenYear;
        int64_t start = Truncate(t, prec);

        bool hasEnd = RngPercent(r) < p.RangePercent;
        int64_t end = 0;
        if (hasEnd) {
            // Durations from 1 hour to 5 years, log-ish: pick a scale then a value within it.
            static const int64_t kScales[] = {3600, 86400, 7 * 86400, 30 * 86400, 365 * 86400, 5 * 365 * 86400};
            int k = (int)RngBelow(r, 5);
            int64_t dur = RngRange(r, kScales[k], kScales[k + 1]);
            end = Truncate(t + dur, prec);
            if (end <= start)
                end = NextUnit(start, prec);
        }

        // Group.
        int group;
        if (groups <= 64) {
            int x = (int)RngBelow(r, (uint64_t)totalShares);
            group = 0;
            while (x >= groupShares[group]) x -= groupShares[group++];
        } else {
            group = (int)RngBelow(r, (uint64_t)groups);
        }

        if (p.TitleScripts == 0 && p.TitleLength == GenTitle_Short)
            MakeTitle(r, &title);   // (the default set's titles, byte for byte)
        else
            MakeScriptTitle(r, p, &title);

        s.append(in2); s.append("{ \"id\": \"e");
        PutUInt(&s, i);
        s.append("\", \"start\": ");
        PutDate(&s, start, prec);
        if (hasEnd) { s.append(", \"end\": "); PutDate(&s, end, prec); }
        s.append(", \"title\": ");
        PutJsonString(&s, title);
        s.append(", \"group\": \"g");
        PutUInt(&s, (uint64_t)group);
        s.push_back('"');
        if (RngPercent(r) < 5)
            s.append(", \"milestone\": true");
        if (RngPercent(r) < 20) {
            MakeSentence(r, &text);
            s.append(", \"text\": ");
            PutJsonString(&s, text);
        }
        if (RngPercent(r) < 10) {
            s.append(", \"tags\": [");
            int n = (int)RngRange(r, 1, 3);
            size_t first = RngBelow(r, sizeof(kTags) / sizeof(kTags[0]));
            for (int k = 0; k < n; k++) {   // stride 7 over 18 tags: never a duplicate
                if (k) s.append(", ");
                const char* tag = kTags[(first + (size_t)k * 7) % (sizeof(kTags) / sizeof(kTags[0]))];
                PutJsonString(&s, tag, strlen(tag));
            }
            s.push_back(']');
        }
        s.append(jsonl || i + 1 == count ? " }\n" : " },\n");
        flush(false);
    }
    if (!jsonl)
        s.append("  ]\n}\n");
    flush(true);
}

} // namespace chronoscope
