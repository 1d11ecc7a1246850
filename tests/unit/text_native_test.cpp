// Unit tests for src/platform/text_native.h: the native rasteriser shapes (HarfBuzz), orders (FriBidi) and draws
// (FreeType) every script of the data with the Noto fonts Debian ships (scripts/deps.sh installs them).
#include "platform/text_native.h"

#include "core/utf8.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <cstdio>
#include <string>
#include <vector>

using namespace chronoscope;

namespace {

const TextRasteriser& Rasteriser()
{
    static TextRasteriser r = [] {
        std::vector<std::string> dirs = NativeTextFontDirs();
        std::vector<const char*> d;
        for (const std::string& s : dirs)
            d.push_back(s.c_str());
        d.push_back(nullptr);
        return NativeTextRasteriserCreate(d.data());
    }();
    return r;
}

NativeShapedText Shape(const std::string& s, float px = 20.0f, int flags = 0, float wrap = 0.0f)
{
    NativeShapedText t;
    EXPECT_TRUE(NativeTextShape(Rasteriser(), s.data(), s.size(), px, flags, wrap, &t)) << s;
    return t;
}

std::vector<uint32_t> CodePoints(const std::string& s)
{
    std::vector<uint32_t> cps;
    size_t i = 0;
    while (i < s.size())
        cps.push_back(Utf8Decode(s.data(), s.size(), &i));
    return cps;
}

// The clusters of a line's glyphs in visual order, each once.
std::vector<uint32_t> VisualClusters(const NativeShapedLine& l)
{
    std::vector<uint32_t> c;
    for (const NativeShapedGlyph& g : l.Glyphs)
        if (c.empty() || c.back() != g.Cluster)
            c.push_back(g.Cluster);
    return c;
}

std::string FontOf(const NativeShapedGlyph& g) { return NativeTextFontNames(Rasteriser())[g.Font]; }

RunBitmap Draw(const std::string& s, uint32_t color = 0xFFFFFFFF, float px = 20.0f, int flags = 0, float wrap = 0.0f)
{
    RunBitmap bm;
    const TextRasteriser& r = Rasteriser();
    EXPECT_EQ(r.Rasterise(s.data(), s.size(), px, color, flags, wrap, &bm, r.User), RunResult_Ready) << s;
    EXPECT_EQ(bm.Rgba.size(), (size_t)bm.Width * bm.Height * 4);
    return bm;
}

TEST(NativeText, FindsNotoSans)
{
    std::string s = "Apollo";
    NativeShapedText t = Shape(s);
    ASSERT_EQ(t.Lines.size(), 1u);
    ASSERT_EQ(t.Lines[0].Glyphs.size(), 6u);
    EXPECT_NE(FontOf(t.Lines[0].Glyphs[0]).find("NotoSans-Regular.ttf"), std::string::npos);
    EXPECT_FALSE(t.RightToLeft);
    EXPECT_EQ(t.Missing, 0);
}

TEST(NativeText, ArabicJoinsRightToLeft)
{
    const std::string s = "مرحبا بالعالم";
    NativeShapedText t = Shape(s);
    EXPECT_TRUE(t.RightToLeft);
    EXPECT_EQ(t.Missing, 0);
    ASSERT_EQ(t.Lines.size(), 1u);
    std::vector<uint32_t> cps = CodePoints(s);
    // joined: most letters take another glyph than the letter alone (its isolated form)
    int joined = 0, letters = 0;
    for (const NativeShapedGlyph& g : t.Lines[0].Glyphs) {
        if (cps[g.Cluster] == ' ')
            continue;
        EXPECT_NE(FontOf(g).find("NotoSansArabic"), std::string::npos);
        std::string alone;
        Utf8Append(&alone, cps[g.Cluster]);
        NativeShapedText a = Shape(alone);
        ASSERT_EQ(a.Lines[0].Glyphs.size(), 1u);
        letters++;
        joined += a.Lines[0].Glyphs[0].Glyph != g.Glyph;
    }
    EXPECT_EQ(letters, 12);
    EXPECT_GE(joined, 9) << "of " << letters << " letters";
    // right to left: the first character is drawn rightmost, the last leftmost
    std::vector<uint32_t> v = VisualClusters(t.Lines[0]);
    EXPECT_EQ(v.front(), cps.size() - 1);
    EXPECT_EQ(v.back(), 0u);
    RunBitmap bm = Draw(s);
    EXPECT_TRUE(bm.RightToLeft);
    EXPECT_EQ(bm.Missing, 0);
}

TEST(NativeText, HebrewRightToLeft)
{
    const std::string s = "שלום עולם";
    NativeShapedText t = Shape(s);
    EXPECT_TRUE(t.RightToLeft);
    EXPECT_EQ(t.Missing, 0);
    std::vector<uint32_t> v = VisualClusters(t.Lines[0]);
    std::vector<uint32_t> want = { 8, 7, 6, 5, 4, 3, 2, 1, 0 };
    EXPECT_EQ(v, want);
    EXPECT_NE(FontOf(t.Lines[0].Glyphs[0]).find("NotoSansHebrew"), std::string::npos);
}

TEST(NativeText, DevanagariConjunct)
{
    const std::string s = "क्षत्रिय";  // 8 code points: क ् ष त ् र ि य
    ASSERT_EQ(CodePoints(s).size(), 8u);
    NativeShapedText t = Shape(s);
    EXPECT_EQ(t.Missing, 0);
    EXPECT_FALSE(t.RightToLeft);
    EXPECT_LT(t.Lines[0].Glyphs.size(), 8u);  // क्ष is one conjunct glyph, त्र another
    EXPECT_NE(FontOf(t.Lines[0].Glyphs[0]).find("NotoSansDevanagari"), std::string::npos);
    // the vowel sign ि (code point 6) is drawn before (left of) र, the consonant it follows
    std::vector<uint32_t> v = VisualClusters(t.Lines[0]);
    ASSERT_FALSE(v.empty());
}

TEST(NativeText, ThaiMarksStack)
{
    const std::string s = "ที่นี่ประเทศไทย";
    NativeShapedText t = Shape(s);
    EXPECT_EQ(t.Missing, 0);
    int marks = 0;
    for (const NativeShapedGlyph& g : t.Lines[0].Glyphs) {
        EXPECT_NE(FontOf(g).find("NotoSansThai"), std::string::npos);
        marks += g.Advance == 0.0f;  // a mark over its consonant takes no room
    }
    EXPECT_GE(marks, 4);
    // the Thai shaper splits SARA AM (U+0E33) and puts its NIKHAHIT under the tone mark: 3 code points, 4 glyphs
    t = Shape("น้ำ");
    ASSERT_EQ(t.Lines[0].Glyphs.size(), 4u);
    EXPECT_EQ(t.Lines[0].Glyphs[1].Advance, 0.0f);
    EXPECT_EQ(t.Lines[0].Glyphs[2].Advance, 0.0f);
}

TEST(NativeText, MixedDirectionsFollowTheBidiAlgorithm)
{
    // LTR paragraph (its first strong character is Latin). The digits after Arabic letters are Arabic numbers
    // (UAX #9 W2) at level 2, so they read left to right after the Arabic word's right-to-left letters:
    // "Apollo 11 — " then "11", " ", "ولوبأ" (the word's first letter rightmost).
    const std::string ltr = "Apollo 11 — أبولو 11";
    NativeShapedText t = Shape(ltr);
    EXPECT_FALSE(t.RightToLeft);
    EXPECT_EQ(t.Missing, 0);
    std::vector<uint32_t> want = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 18, 19, 17, 16, 15, 14, 13, 12 };
    EXPECT_EQ(VisualClusters(t.Lines[0]), want);
    // RTL paragraph (first strong character Arabic): "Apollo 11" is an embedded LTR run at the far left, the
    // Arabic word at the right, its digits (level 2) left to right in between.
    const std::string rtl = "أبولو 11 — Apollo 11";
    t = Shape(rtl);
    EXPECT_TRUE(t.RightToLeft);
    want = { 11, 12, 13, 14, 15, 16, 17, 18, 19, 10, 9, 8, 6, 7, 5, 4, 3, 2, 1, 0 };
    EXPECT_EQ(VisualClusters(t.Lines[0]), want);
    // brackets are mirrored in a right-to-left run: "(" at level 1 is drawn as ")"'s glyph
    t = Shape("שלום (עולם)");
    std::vector<uint32_t> v = VisualClusters(t.Lines[0]);
    EXPECT_EQ(v.front(), 10u);
    EXPECT_EQ(v.back(), 0u);
}

TEST(NativeText, EmojiAreInColour)
{
    RunBitmap bm = Draw("🎉🌍", 0xFFFFFFFF, 32.0f);
    EXPECT_EQ(bm.Missing, 0);
    int coloured = 0, opaque = 0;
    for (size_t i = 0; i < bm.Rgba.size(); i += 4) {
        int r = bm.Rgba[i], g = bm.Rgba[i + 1], b = bm.Rgba[i + 2], a = bm.Rgba[i + 3];
        opaque += a > 128;
        coloured += a > 128 && std::max({ r, g, b }) - std::min({ r, g, b }) > 80;
    }
    EXPECT_GT(opaque, 300);
    EXPECT_GT(coloured, opaque / 3) << "of " << opaque;
    // drawn at about the requested size (the 109 px strike scaled down): one emoji is about 1.2 em wide
    EXPECT_GT(bm.Width, 2 * 32);
    EXPECT_LT(bm.Width, 2 * 32 * 1.6);
    EXPECT_LT(bm.Height, 32 * 2);
}

TEST(NativeText, GreyTextInTheRequestedColourStraightAlpha)
{
    RunBitmap bm = Draw("Xia 夏朝", 0xFF2040C0);  // 0xAABBGGRR: red C0, green 40, blue 20
    int drawn = 0;
    for (size_t i = 0; i < bm.Rgba.size(); i += 4) {
        if (!bm.Rgba[i + 3])
            continue;
        drawn++;
        ASSERT_EQ(bm.Rgba[i], 0xC0);
        ASSERT_EQ(bm.Rgba[i + 1], 0x40);
        ASSERT_EQ(bm.Rgba[i + 2], 0x20);
    }
    EXPECT_GT(drawn, 100);
    EXPECT_GT(bm.Ascent, 14.0f);
    EXPECT_LT(bm.Ascent, bm.Height);
}

TEST(NativeText, EmojiSequencesAreOneGlyph)
{
    for (const char* s : { "👨‍👩‍👧‍👦", "🇰🇷", "👍🏽", "1️⃣" }) {
        NativeShapedText t = Shape(s);
        EXPECT_EQ(t.Missing, 0) << s;
        ASSERT_EQ(t.Lines[0].Glyphs.size(), 1u) << s;
        EXPECT_NE(FontOf(t.Lines[0].Glyphs[0]).find("NotoColorEmoji"), std::string::npos) << s;
    }
}

TEST(NativeText, NoMissingGlyphInAnyScript)
{
    const char* samples[] = {
        "The Battle of Hastings, 1066 (Normandy)",
        "Ἀλέξανδρος ὁ Μέγας — Μακεδονία",
        "Крещение Руси, 988 год",
        "夏朝建立，禹传位于启",              // simplified Chinese
        "中華民國臨時政府成立於南京",          // traditional Chinese
        "日本語のかなとカタカナ、明治維新",    // Japanese
        "한국어: 조선 건국, 기원전 2333년",     // Korean
        "مرحبا بالعالم، الدولة العباسية",
        "שלום עולם — ממלכת ישראל",
        "क्षत्रिय मौर्य साम्राज्य की स्थापना",
        "อาณาจักรสุโขทัย ก่อตั้งเมื่อ",
        "🎉🌍🚀 👨‍👩‍👧‍👦 🇰🇷 🇯🇵 👍🏽 ❤️ 1️⃣",
        "Apollo 11 — أبولو 11 — אפולו 11",
    };
    const TextRasteriser& r = Rasteriser();
    for (const char* s : samples) {
        EXPECT_EQ(Shape(s).Missing, 0) << s;
        EXPECT_EQ(r.CountMissing(s, strlen(s), r.User), 0) << s;
        RunBitmap bm = Draw(s);
        EXPECT_EQ(bm.Missing, 0) << s;
        EXPECT_GT(bm.Width, 20) << s;
    }
}

TEST(NativeText, CharactersNoFontHasAreMissing)
{
    const TextRasteriser& r = Rasteriser();
    const std::string s = "a\U0010FFFDb\U0001D000";  // a private-use character, a Byzantine musical symbol
    EXPECT_EQ(r.CountMissing(s.data(), s.size(), r.User), 2);
    EXPECT_EQ(Shape(s).Missing, 2);
    EXPECT_EQ(Draw(s).Missing, 2);
    // joiners and selectors are not characters to draw: never missing
    const std::string j = "a\u200Db\uFE0F\u200E";
    EXPECT_EQ(r.CountMissing(j.data(), j.size(), r.User), 0);
}

TEST(NativeText, BoldUsesTheBoldFaces)
{
    NativeShapedText t = Shape("Bold مرحبا", 20.0f, RunFlags_Bold);
    bool latin = false, arabic = false;
    for (const NativeShapedGlyph& g : t.Lines[0].Glyphs) {
        latin |= FontOf(g).find("NotoSans-Bold.ttf") != std::string::npos;
        arabic |= FontOf(g).find("NotoSansArabic-Bold.ttf") != std::string::npos;
    }
    EXPECT_TRUE(latin);
    EXPECT_TRUE(arabic);
    EXPECT_GT(Shape("Bold", 20.0f, RunFlags_Bold).Lines[0].Width, Shape("Bold").Lines[0].Width);
}

TEST(NativeText, CjkFaceFollowsTheText)
{
    // the collection's SC face by default, JP when the text has kana, KR for Hangul without Han characters
    auto face = [](const std::string& s) { return FontOf(Shape(s).Lines[0].Glyphs[0]); };
    EXPECT_NE(face("直").find("NotoSansCJK-Regular.ttc#2"), std::string::npos);
    EXPECT_NE(face("直す").find("NotoSansCJK-Regular.ttc"), std::string::npos);
    EXPECT_EQ(face("直す").find("#"), std::string::npos);  // face 0
    EXPECT_NE(face("한국").find("NotoSansCJK-Regular.ttc#1"), std::string::npos);
    // the faces draw the same character differently where the regions differ
    EXPECT_NE(Shape("直").Lines[0].Glyphs[0].Glyph, Shape("直す").Lines[0].Glyphs[0].Glyph);
}

TEST(NativeText, WrapsAtSpacesAndBetweenCjkCharacters)
{
    const std::string latin = "The quick brown fox jumps over the lazy dog near the river bank";
    NativeShapedText t = Shape(latin, 16.0f, 0, 120.0f);
    EXPECT_GE(t.Lines.size(), 4u);
    for (const NativeShapedLine& l : t.Lines) {
        EXPECT_LE(l.Width, 120.0f);
        EXPECT_GT(l.Width, 30.0f);
    }
    // every character once, in order (no space at a line's end)
    size_t drawn = 0;
    for (const NativeShapedLine& l : t.Lines)
        drawn += l.Glyphs.size();
    EXPECT_EQ(drawn, latin.size() - (t.Lines.size() - 1));
    const std::string zh = "夏朝是中国史书中记载的第一个世袭制朝代，一般认为夏朝是多个部落联盟或复杂酋邦形式的国家。";
    t = Shape(zh, 16.0f, 0, 100.0f);
    EXPECT_GE(t.Lines.size(), 4u);
    for (const NativeShapedLine& l : t.Lines) {
        EXPECT_LE(l.Width, 100.0f);
        ASSERT_FALSE(l.Glyphs.empty());
        uint32_t first = CodePoints(zh)[l.Glyphs.front().Cluster];
        EXPECT_NE(first, 0xFF0Cu) << "a line starts with a comma";
        EXPECT_NE(first, 0x3002u) << "a line starts with a full stop";
    }
    // between CJK characters, not only at spaces: the first line goes on past the space
    const std::string mixed = "Xia 夏朝是中国史书中记载的第一个世袭制朝代";
    t = Shape(mixed, 16.0f, 0, 100.0f);
    ASSERT_GE(t.Lines.size(), 2u);
    EXPECT_GT(t.Lines[0].Glyphs.size(), 4u);
    EXPECT_GT(t.Lines[0].Width, 80.0f);
    // a right-to-left paragraph: each line right to left, right-aligned in the bitmap
    RunBitmap one = Draw("مرحبا بالعالم مرحبا بالعالم", 0xFFFFFFFF, 16.0f);
    RunBitmap two = Draw("مرحبا بالعالم مرحبا بالعالم", 0xFFFFFFFF, 16.0f, 0, one.Width * 0.6f);
    EXPECT_GT(two.Height, one.Height * 1.6);
    EXPECT_LT(two.Width, one.Width * 0.7);
    // a hard line break always breaks a wrapped text
    EXPECT_EQ(Shape("one\ntwo", 16.0f, 0, 500.0f).Lines.size(), 2u);
}

TEST(NativeText, Speed)
{
    // Figures for the record (no rate asserted: the machine is shared); a generous bound catches a rasteriser
    // that reopens fonts or redraws every glyph each time.
    const TextRasteriser& r = Rasteriser();
    const std::string title = "Apollo 11 — أبولو 11";
    std::string text;
    while (Utf8CountChars(text.data(), text.size()) < 200)
        text += "夏朝是中国史书中记载的第一个世袭制朝代 The Xia dynasty مرحبا بالعالم ";
    const std::string* both[] = { &title, &text };
    for (const std::string* s : both) {
        RunBitmap bm;
        r.Rasterise(s->data(), s->size(), 15.0f, 0xFFFFFFFF, 0, s == &text ? 300.0f : 0.0f, &bm, r.User);
        const int n = 50;
        auto t0 = std::chrono::steady_clock::now();
        for (int i = 0; i < n; i++)
            r.Rasterise(s->data(), s->size(), 15.0f, 0xFFFFFFFF, 0, s == &text ? 300.0f : 0.0f, &bm, r.User);
        double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count() / n;
        printf("  %s: %.1f us per run (%dx%d px)\n", s == &title ? "title" : "200-char text", us, bm.Width, bm.Height);
        EXPECT_LT(us, 20000.0);
    }
}

} // namespace
