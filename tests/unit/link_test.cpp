// Unit tests for src/core/link.h: the one rule for links the product may open, and the loader's warning.
#include "core/link.h"
#include "core/load.h"

#include "test_util.h"

#include <gtest/gtest.h>

#include <string>

using namespace chronoscope;
using namespace chronoscope::test;

TEST(Link, OnlyHttpAndHttpsInAnyCase)
{
    for (const char* yes : { "http://example.org", "https://example.org/a?b#c", "HTTP://X", "hTtPs://x", "http://",
                             "https://" })
        EXPECT_TRUE(IsOpenableLink(yes)) << yes;
    for (const char* no : { "", "http", "http:", "http:/x", "https:x", "https//x", " http://x", "ftp://x",
                            "file:///etc/passwd", "javascript:alert(1)", "data:text/html,x", "mailto:a@b",
                            "//example.org", "example.org", "httpx://x", "http\xC2\xA0://x" })
        EXPECT_FALSE(IsOpenableLink(no)) << no;
    EXPECT_FALSE(IsOpenableLink(nullptr));
}

TEST(Link, TheLoaderWarnsAboutLinksThatWillNotOpen)
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
              "f.json:1:39: warning: only http:// and https:// links open; this one will not\n");
    EXPECT_EQ(warnings("javascript:alert(1)"),
              "f.json:1:39: warning: only http:// and https:// links open; this one will not\n");
}
