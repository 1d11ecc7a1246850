// Unit tests for src/core/html_text.h: TimelineJS3's HTML read into formatted text (RichText) from a safe subset.
#include "core/html_text.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

using namespace chronoscope;

namespace {

RichText R(const std::string& s) { return RichTextFromHtml(s.data(), s.size()); }

// The text as "[kind depth number] span|span" lines, each span marked *bold*, _italic_, <link N> as it is styled.
std::string Show(const RichText& t)
{
    std::string out;
    for (const RichBlock& b : t.Blocks) {
        out += b.Kind == RichBlock_Paragraph ? "P" : b.Kind == RichBlock_Bullet ? "*" : "#" + std::to_string(b.Number);
        if (b.Depth)
            out += "@" + std::to_string(b.Depth);
        out += " ";
        for (uint32_t i = 0; i < b.SpanCount; i++) {
            const RichSpan& s = t.Spans[b.FirstSpan + i];
            std::string x = t.SpanText(s);
            if (s.Style & RichStyle_Bold)
                x = "*" + x + "*";
            if (s.Style & RichStyle_Italic)
                x = "_" + x + "_";
            if (s.Link)
                x = "<" + t.Links[s.Link - 1] + " " + x + ">";
            out += (i ? "|" : "") + x;
        }
        out += "\n";
    }
    return out;
}

} // namespace

TEST(RichText, ParagraphsBreaksBoldItalic)
{
    RichText t = R("<p>Born in <b>Ulm</b>, <i>1879</i>.</p>\n<p>Moved<br>to <strong>Bern</strong><br/><br> <em>later</em></p>");
    EXPECT_EQ(Show(t), "P Born in |*Ulm*|, |_1879_|.\n"
                       "P Moved\nto |*Bern*|\n|_later_\n");
    EXPECT_TRUE(t.HasFormatting());
    EXPECT_EQ(PlainTextOf(t), "Born in Ulm, 1879.\nMoved\nto Bern\nlater");
    // bold inside italic, and unbalanced closing tags do no harm
    EXPECT_EQ(Show(R("<i>a <b>b</b></i></b></i> c")), "P _a _|_*b*_| c\n");
}

TEST(RichText, Lists)
{
    RichText t = R("<p>Works:</p><ul><li>Relativity</li><li>Photons<ol><li>one</li><li>two</li></ol></li></ul>"
                   "<ol><li>first</li></ol>after");
    EXPECT_EQ(Show(t), "P Works:\n"
                       "*@1 Relativity\n"
                       "*@1 Photons\n"
                       "#1@2 one\n"
                       "#2@2 two\n"
                       "#1@1 first\n"
                       "P after\n");
    EXPECT_TRUE(t.HasFormatting());
    // an <li> outside a list is a bullet; an empty item makes no block
    EXPECT_EQ(Show(R("<li>x</li><li> </li>")), "*@1 x\n");
}

// Only http(s) links that the product opens (core/link.h) are links; the text of any other stays, plain.
TEST(RichText, Links)
{
    RichText t = R("See <a href=\"https://example.org/a?b=1&amp;c=2\" target=_blank>the <b>site</b></a>, "
                   "<a href='javascript:alert(1)'>this</a>, <A HREF=http://example.org>that</A> and <a>none</a>.");
    EXPECT_EQ(Show(t), "P See |<https://example.org/a?b=1&c=2 the >|<https://example.org/a?b=1&c=2 *site*>|, this, "
                       "|<http://example.org that>| and none.\n");
    ASSERT_EQ(t.Links.size(), 2u);
    EXPECT_EQ(Show(R("<a href=\"data:text/html,x\">x</a> <a href=\"/relative\">y</a>")), "P x y\n");
    EXPECT_FALSE(R("<a href=\"file:///etc/passwd\">x</a>").HasFormatting());
}

// Never code: <script> and <style> content is dropped whole, other tags dropped with their text kept, comments gone.
TEST(RichText, UnknownAndUnsafeMarkup)
{
    EXPECT_EQ(Show(R("a<script>alert('<b>x</b>')</script>b<style>p{color:red}</style>c")), "P abc\n");
    EXPECT_EQ(Show(R("<span class=x>kept</span> <font color=red>too</font> <img src=x onerror=alert(1)>")), "P kept too\n");
    EXPECT_EQ(Show(R("x<!-- <b>not</b> -->y")), "P xy\n");
    EXPECT_EQ(Show(R("<SCRIPT>never</SCRIPT >shown")), "P shown\n");
    EXPECT_EQ(Show(R("<script>no end")), "");
    EXPECT_EQ(Show(R("&lt;b&gt;literal&lt;/b&gt; &amp; &#x41;")), "P <b>literal</b> & A\n");
    EXPECT_FALSE(R("<p>just text</p><div>more</div>").HasFormatting());
    EXPECT_EQ(R("").Blocks.size(), 0u);
}

TEST(RichText, WhiteSpaceFoldsAndTrims)
{
    EXPECT_EQ(Show(R("  <p>  a \n\t b  </p>  <p> </p> c <br> d  ")), "P a b\nP c\nd\n");
    EXPECT_EQ(Show(R("<h2>Title</h2>body")), "P *Title*\nP body\n");
    // a space keeps the style it had: no underlined or bold space before a link or bold word
    RichText t = R("a <b>b</b>");
    ASSERT_EQ(t.Spans.size(), 2u);
    EXPECT_EQ(t.SpanText(t.Spans[0]), "a ");
    EXPECT_EQ(t.Spans[0].Style, 0);
}

// The plain text is the rich text's: what the loader keeps as an event's text.
TEST(RichText, PlainTextAgrees)
{
    for (const char* s : { "<p>one</p><p>two</p>", "<ul><li>a</li><li><b>b</b></li></ul>", "x<br>y", "<i>z</i>",
                           "plain words", " lead", "trail ", "two  spaces", "a\tb", "a\nb", "\xC3\xA9t\xC3\xA9", "" }) {
        RichText t = R(s);
        EXPECT_EQ(PlainTextFromHtml(s, strlen(s)), PlainTextOf(t)) << s;
    }
    EXPECT_EQ(PlainTextFromHtml("<ul><li>a</li><li>b</li></ul>", 29), "a\nb");
}
