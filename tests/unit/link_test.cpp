// Unit tests for src/core/link.h: the one rule for links the product may open, and the loader's warning.
#include "core/link.h"
#include "core/load.h"

#include "test_util.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

using namespace chronoscope;
using namespace chronoscope::test;

TEST(Link, OpensHttpAndHttpsLinksWithAHost)
{
    for (const char* yes : { "https://example.org/a?b#c", "HTTP://EXAMPLE.ORG", "hTtPs://x", "http://example.org",
                             "http://[::1]:8080/", "http://127.0.0.1/", "https://ko.wikipedia.org/wiki/방탄소년단",
                             "https://münchen.de/", "https://xn--mnchen-3ya.de/", "https://XN--MNCHEN-3YA.DE/",
                             "https://例え.テスト/", "https://xn--r8jz45g.xn--zckzah/", "http://example.org:/",
                             "http://example.org:0/", "http://example.org:065535/", "http://[::ffff:192.0.2.1]/",
                             "http://[2001:db8::]:0/", "http://[1:2:3:4:5:6:7:8]/", "http://[1::]/", "http://[::]/",
                             "https://example.org./", "https://a_b-c.example/", "https://x/@user",
                             "https://x?a=1&b=<2>", "https://x#frag/../\"", "https://255.255.255.255/",
                             "http://0.0.0.0/", "https://x.com/%zz", "https://x.123a/", "https://x.0xg/",
                             "http://مثال.إختبار/", "http://xn--mgbh0fb.xn--kgbechtv/", "http://مثال.com/",
                             "http://מבחן1/", "http://מ-ב/" })
        EXPECT_TRUE(IsOpenableLink(yes)) << yes;
}

TEST(Link, RefusesWhatDoesNotParseOrParsesAmbiguously)
{
    for (const char* no : {
             // the links, and other schemes
             "https://", "http://[::1", "http://a:99999/", "http://\njavascript:alert(1)", "javascript:alert(1)",
             "http:/x", "http:x", "", "http", "http:", "https//x", "ftp://x", "file:///etc/passwd",
             "data:text/html,x", "mailto:a@b", "//example.org", "example.org", "httpx://x", "http\xC2\xA0://x",
             // controls and spaces anywhere, backslashes, invalid UTF-8
             " http://x", "http://x ", "http://x/a b", "http://x/\t", "http://x/\x7F", "http://x/\x1B",
             "http:\\\\evil.example", "http://good.example\\@evil.example/", "http://x/a\\b", "http://x/\xFF",
             "http://x/\xC0\xAF",
             // no host, extra slashes, user info
             "http:///x", "http:////x", "http://?q", "http://#f", "http://:80/", "http://user@example.org/",
             "http://user:pw@example.org/", "https://bank.example@evil.example/",
             // IPv6
             "http://[::1]x/", "http://[1:2:3:4:5:6:7:8:9]/", "http://[1:2:3:4:5:6:7]/", "http://[fe80::1%25eth0]/",
             "http://[:1]/", "http://[1:::2]/", "http://[1::2::3]/", "http://[12345::]/", "http://[::1.2.3]/",
             "http://[::01.2.3.4]/", "http://[::1.2.3.256]/", "http://[]/", "http://[g::]/", "http://x[::1]/",
             // IPv4 and hosts that end in a number
             "http://1.2.3.256/", "http://127.1/", "http://2130706433/", "http://0x7f.0.0.1/", "http://010.0.0.1/",
             "http://foo.123/", "http://1.2.3.4./", "http://0x/", "http://1.2.3.4.5/",
             // domain characters, empty labels, Punycode
             "http://%65xample.org/", "http://a<b/", "http://a>b/", "http://a^b/", "http://a|b/", "http://a]b/",
             "http://a!b/", "http://a..b/", "http://./", "http://.a/", "http://a../", "http://xn--/", "http://xn--a/",
             "http://xn--abc-/", "http://xn--mnchen-3y!a.de/", "http://xn--münchen.de/",
             "http://\xEF\xBD\x85\xEF\xBD\x98.org/",   // fullwidth "ex": UTS 46 maps it to ASCII
             "http://a\xEF\xBC\x8F" "b/",              // U+FF0F FULLWIDTH SOLIDUS: "/" once mapped
             "http://exa\xE2\x80\x8Bmple.org/",        // U+200B ZERO WIDTH SPACE
             "http://a\xC2\xA0" "b/",                  // U+00A0 NO-BREAK SPACE
             "http://x.\xE3\x89\x91/",                 // U+3251 CIRCLED NUMBER 21: "21", a number
             "http://\xEF\xB1\xA1/",                    // U+FC61, an Arabic presentation form: a space and marks
             "http://xn--in6c/",                           // U+FB23, a Hebrew presentation form (UTS 46 maps it)
             "http://\xF1\x90\x80\x80/",                // U+50000, in an unassigned plane
             // right-to-left labels (the bidi rule)
             "http://aمثال/", "http://מבחן-/", "http://üڑћü/", "http://1.מבחן/",
             // ports
             "http://a:8a/", "http://a:-1/", "http://a:65536/", "http://a:1:2/", "http://a:99999999999999999999/" })
        EXPECT_FALSE(IsOpenableLink(no)) << no;
    EXPECT_FALSE(IsOpenableLink(nullptr));
    EXPECT_FALSE(IsOpenableLink(nullptr, 0));
}

TEST(Link, ReadsTheWholeLengthGiven)
{
    std::string nul = std::string("https://ok.example/") + '\0' + "javascript:alert(1)";
    EXPECT_FALSE(IsOpenableLink(nul.data(), nul.size()));
    EXPECT_TRUE(IsOpenableLink(nul.c_str()));  // (the NUL-terminated form sees only what precedes the NUL)
    EXPECT_TRUE(IsOpenableLink("https://example.org/ignored", 20));
}

TEST(Link, SaysWhyALinkWillNotOpen)
{
    auto why = [](const char* url) {
        const char* w = LinkRefusal(url, strlen(url));
        return std::string(w ? w : "(opens)");
    };
    EXPECT_EQ(why("https://example.org/"), "(opens)");
    EXPECT_EQ(why("javascript:alert(1)"), "only http:// and https:// links open");
    EXPECT_EQ(why("http:x"), "\"http:\" or \"https:\" must be followed by \"//\" and a host");
    EXPECT_EQ(why("https://"), "it has no host");
    EXPECT_EQ(why("http://[::1"), "the host is not a valid IPv6 address in brackets");
    EXPECT_EQ(why("http://a:99999/"), "the port must be a number from 0 to 65535");
    EXPECT_EQ(why("http://\njavascript:alert(1)"), "it contains a space or a control character");
    EXPECT_EQ(why("http://a\\b/"), "it contains a backslash");
    EXPECT_EQ(why("http://u@a/"), "a user name or password before the host is not allowed");
    EXPECT_EQ(why("http://127.1/"), "a host that ends in a number must be an IPv4 address like 192.0.2.1");
    EXPECT_EQ(why("http://a^b/"), "the host contains a character host names cannot have");
    EXPECT_EQ(why("http://a..b/"), "the host has an empty part between dots");
    EXPECT_EQ(why("http://xn--a/"), "the host has an \"xn--\" part that is not valid Punycode");
    EXPECT_EQ(why("http://x/\xFF"), "it is not valid UTF-8");
    EXPECT_EQ(why("http://aמבחן/"), "the host mixes right-to-left and other text in a way IDNA refuses");
}

TEST(Link, TheLoaderWarnsAboutLinksThatWillNotOpenAndSaysWhy)
{
    auto warnings = [](const std::string& link) {
        std::string json = "{\"events\": [{\"start\": \"2020\", \"link\": \"" + link + "\"}]}";
        Timeline tl;
        LoadResult res;
        EXPECT_TRUE(LoadTimeline(json.data(), json.size(), LoadOptions(), &tl, &res)) << Dump(res);
        return Dump(res);
    };
    EXPECT_EQ(warnings("https://example.org/"), "");
    EXPECT_EQ(warnings("HTTP://EXAMPLE.ORG/"), "");
    EXPECT_EQ(warnings("ftp://example.org/"),
              "f.json:1:39: warning: link will not open: only http:// and https:// links open\n");
    EXPECT_EQ(warnings("javascript:alert(1)"),
              "f.json:1:39: warning: link will not open: only http:// and https:// links open\n");
    EXPECT_EQ(warnings("https://"), "f.json:1:39: warning: link will not open: it has no host\n");
    EXPECT_EQ(warnings("http://\\njavascript:alert(1)"),
              "f.json:1:39: warning: link will not open: it contains a space or a control character\n");
}
