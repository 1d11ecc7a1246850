// Unit tests for src/core/utf8.h: the one UTF-8 codec (decoding, encoding, validity, columns).
#include "core/utf8.h"

#include <gtest/gtest.h>

#include <string>

using namespace chronoscope;

namespace {

// RFC 3629 written out from the bit patterns, independently of utf8.h: the code point of the sequence at
// s[0, len) and its length, or length 0 when it is not valid UTF-8.
uint32_t Reference(const unsigned char* s, size_t len, int* n)
{
    *n = 0;
    unsigned c = s[0];
    int need = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
    if (need < 0 || (size_t)need >= len)
        return 0;
    uint32_t cp = need == 0 ? c : c & (0x3F >> need);
    for (int k = 1; k <= need; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[k] & 0x3F);
    }
    static const uint32_t kMin[4] = { 0, 0x80, 0x800, 0x10000 };
    if (cp < kMin[need] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    *n = need + 1;
    return cp;
}

// Decode and validity agree with the reference on the sequence s (and on every truncation of it).
void CheckAgainstReference(const unsigned char* s, size_t len)
{
    for (size_t l = 1; l <= len; l++) {
        int n;
        uint32_t want = Reference(s, l, &n);
        size_t i = 0;
        uint32_t got = Utf8Decode((const char*)s, l, &i);
        if (n == 0) {
            ASSERT_EQ(got, kReplacementChar) << std::hex << s[0] << " len " << l;
            ASSERT_EQ(i, 1u);
        } else {
            ASSERT_EQ(got, want) << std::hex << s[0] << " len " << l;
            ASSERT_EQ(i, (size_t)n);
        }
        if (s[0] >= 0x80) {
            ASSERT_EQ(Utf8SequenceLength(s, s + l), n) << std::hex << s[0] << " len " << l;
        }
    }
}

} // namespace

TEST(Utf8, DecodeAgreesWithTheRfcOnEveryShortSequence)
{
    unsigned char s[4];
    for (int a = 0; a < 256; a++) {
        s[0] = (unsigned char)a;
        for (int b = 0; b < 256; b++) {
            s[1] = (unsigned char)b;
            for (int c : { 0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF }) {
                s[2] = (unsigned char)c;
                for (int d : { 0x00, 0x80, 0xBF, 0xC0 }) {
                    s[3] = (unsigned char)d;
                    CheckAgainstReference(s, 4);
                    if (HasFatalFailure())
                        return;
                }
            }
        }
    }
}

TEST(Utf8, EncodeAndDecodeRoundTripEveryCodePoint)
{
    for (uint32_t cp = 1; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        std::string s;
        Utf8Append(&s, cp);
        size_t i = 0;
        ASSERT_EQ(Utf8Decode(s.data(), s.size(), &i), cp);
        ASSERT_EQ(i, s.size());
        ASSERT_EQ(Utf8CountChars(s.data(), s.size()), 1u);
        std::string e;
        Utf8Encode(&e, cp);
        ASSERT_EQ(e, s);
    }
    EXPECT_EQ(std::string("\xF0\x9F\x8E\xB5"), [] { std::string s; Utf8Append(&s, 0x1F3B5); return s; }());
}

TEST(Utf8, AppendReplacesWhatIsNotText)
{
    for (uint32_t cp : { 0u, 0xD800u, 0xDFFFu, 0x110000u, 0xFFFFFFFFu }) {
        std::string s;
        Utf8Append(&s, cp);
        EXPECT_EQ(s, "\xEF\xBF\xBD") << cp;
    }
    std::string nul;
    Utf8Encode(&nul, 0);  // the unchecked form keeps a NUL (the JSON reader's \u0000)
    EXPECT_EQ(nul, std::string(1, '\0'));
}

TEST(Utf8, CountCharsCountsWhatAnEditorShowsAsColumns)
{
    EXPECT_EQ(Utf8CountChars("", 0), 0u);
    EXPECT_EQ(Utf8CountChars("abc", 3), 3u);
    EXPECT_EQ(Utf8CountChars("\xEA\xB0\x80\xEB\x82\x98\xEB\x8B\xA4", 9), 3u);  // 가나다
    EXPECT_EQ(Utf8CountChars("a\xF0\x9F\x8E\xB5z", 6), 3u);
    EXPECT_EQ(Utf8CountChars("\xEA\xB0", 2), 1u);  // a cut sequence counts where it starts
    EXPECT_TRUE(Utf8IsContinuation(0x80));
    EXPECT_TRUE(Utf8IsContinuation(0xBF));
    EXPECT_FALSE(Utf8IsContinuation(0x7F));
    EXPECT_FALSE(Utf8IsContinuation(0xC0));
}

TEST(Utf8, PrefixBytesCutsOnCharacterBoundaries)
{
    const char* s = "a\xC3\xA9\xED\x95\x9C\xF0\x9F\x98\x80z";  // a é 한 😀 z
    EXPECT_EQ(Utf8PrefixBytes(s, 0), 0u);
    EXPECT_EQ(Utf8PrefixBytes(s, 1), 1u);
    EXPECT_EQ(Utf8PrefixBytes(s, 2), 3u);
    EXPECT_EQ(Utf8PrefixBytes(s, 3), 6u);
    EXPECT_EQ(Utf8PrefixBytes(s, 4), 10u);
    EXPECT_EQ(Utf8PrefixBytes(s, 5), 11u);
    EXPECT_EQ(Utf8PrefixBytes(s, 99), 11u);
    EXPECT_EQ(Utf8PrefixBytes("", 3), 0u);
    // a stray continuation byte belongs to the character before it
    EXPECT_EQ(Utf8PrefixBytes("a\x80\x80" "b", 1), 3u);
}

TEST(Utf8, TruncateAddsAnEllipsisOnlyWhenItCuts)
{
    bool cut = true;
    EXPECT_EQ(Utf8Truncate("abc", 3, &cut), "abc");
    EXPECT_FALSE(cut);
    EXPECT_EQ(Utf8Truncate("abcd", 3, &cut), "abc\xE2\x80\xA6");
    EXPECT_TRUE(cut);
    EXPECT_EQ(Utf8Truncate("\xED\x95\x9C\xEA\xB8\x80", 1), "\xED\x95\x9C\xE2\x80\xA6");
}
