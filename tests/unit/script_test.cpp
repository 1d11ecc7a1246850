// Unit tests for src/core/script.h: which text the atlas draws and which goes to the platform as a run.
#include "core/script.h"

#include <gtest/gtest.h>

#include <string>

using namespace chronoscope;

namespace {

bool Needs(const std::string& s) { return TextNeedsRun(s.data(), s.data() + s.size()); }

TEST(Script, LatinGreekCyrillicStayOnTheAtlas)
{
    for (const char* s : { "", "Battle of Hastings", "Fête de la Fédération, 14 juillet 1790", "Łódź — Kraków",
                           "Ærø Ångström Œuvre ß", "ʃəˈnɛl (IPA)", "Ἀθῆναι, Περικλῆς", "Пётр I, 1703 г.",
                           "Українська: ґ є ї", "“quoted” ‘x’ … – — • ‰ ′ ″", "€ £ ¥ ₩ ₹ ₽", "← → ↗ ⇒ ∞ ≤ ± −",
                           "▶ ▼ ✕ ½ № ™ ℃", "\t\n\x01", "ﬁ ﬂ", "\xEF\xBF\xBD" })
        EXPECT_FALSE(Needs(s)) << s;
}

TEST(Script, ShapedRightToLeftCjkAndEmojiAreRuns)
{
    for (const char* s : {
             "夏朝", "後漢", "ひらがな", "カタカナ", "한국어", "「引用」", "　",               // CJK, kana, Hangul, CJK punctuation
             "العربية", "עברית", "ܣܘܪܝܝܐ", "ދިވެހި",                                        // right to left
             "हिन्दी", "বাংলা", "தமிழ்", "ภาษาไทย", "ລາວ", "བོད་", "မြန်မာ", "ខ្មែរ",           // shaped
             "e\xCC\x81", "\xD2\x83",                                                      // combining marks
             "😀", "👨‍👩‍👧", "🇰🇷", "👍🏽", "❤️", "⌚", "☀", "✈", "#️⃣", "\xF0\x9F\x8F\xB4\xF3\xA0\x81\xA7",  // emoji
             "a\xE2\x80\x8D" "b", "x\xE2\x80\x8F", "\xE2\x80\xAE" "abc", "\xE2\x81\xA6", "\xEF\xB8\x8F", // ZWJ, RLM, RLO, LRI, VS16
             "Ա", "ქართული", "ሰላም", "ᏣᎳᎩ", "𝄞" })
        EXPECT_TRUE(Needs(s)) << s;
}

TEST(Script, OneCharacterAnywhereMakesTheWholeTextARun)
{
    EXPECT_TRUE(Needs("Xia dynasty (夏朝), c. 2070 BCE"));
    EXPECT_TRUE(Needs(std::string(10000, 'a') + "🙂"));
    EXPECT_FALSE(Needs(std::string(10000, 'a')));
}

TEST(Script, BoundsAndInvalidBytes)
{
    const char* s = "abc夏";
    EXPECT_FALSE(TextNeedsRun(s, s + 3));           // the end is respected
    EXPECT_TRUE(TextNeedsRun(s, nullptr));          // NUL-terminated
    EXPECT_FALSE(TextNeedsRun(nullptr, nullptr));
    EXPECT_FALSE(Needs("\xC3"));                     // a truncated sequence is U+FFFD, an atlas character
    EXPECT_FALSE(Needs("\xFF\xFE abc"));
    EXPECT_FALSE(Needs("\xE5\xA4"));                 // truncated CJK: U+FFFD twice
}

TEST(Script, AtlasTableEdges)
{
    EXPECT_TRUE(IsAtlasChar(0x02FF));
    EXPECT_FALSE(IsAtlasChar(0x0300));
    EXPECT_FALSE(IsAtlasChar(0x036F));
    EXPECT_TRUE(IsAtlasChar(0x0370));
    EXPECT_FALSE(IsAtlasChar(0x0483));
    EXPECT_TRUE(IsAtlasChar(0x048A));
    EXPECT_TRUE(IsAtlasChar(0x052F));
    EXPECT_FALSE(IsAtlasChar(0x0530));
    EXPECT_FALSE(IsAtlasChar(0x200D));
    EXPECT_TRUE(IsAtlasChar(0x2026));
    EXPECT_FALSE(IsAtlasChar(0x25FD));
    EXPECT_FALSE(IsAtlasChar(0x1F600));
    EXPECT_FALSE(IsAtlasChar(0x10FFFF));
}

} // namespace
