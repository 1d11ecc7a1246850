// Unit tests for src/core/media.h: what a media URL is (images, TimelineJS3's providers, video ids for the web
// embed) and where a relative media URL points (RFC 3986's own examples).
#include "core/load.h"
#include "core/media.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

using namespace chronoscope;

TEST(Media, ImagesByTheirPathsExtension)
{
    for (const char* yes : { "a.png", "bts/era-1.JPG", "./x.jpeg?v=2", "../deep/time.webp", "/abs/x.gif",
                             "https://upload.wikimedia.org/wikipedia/commons/a/a9/Example.jpg",
                             "https://example.org/chart.svg?x=1#top", "file:///tmp/a.png", "https://i.imgur.com/abc.png",
                             "data:image/png;base64,iVBORw0KGgo=" }) {
        MediaInfo m = ClassifyMedia(yes);
        EXPECT_EQ(m.Kind, MediaKind_Image) << yes;
        EXPECT_TRUE(IsImageUrl(yes)) << yes;
    }
    for (const char* no : { "", "a.png.html", "https://example.org/png", "https://example.org/a.png/",
                            "data:text/html,<b>x</b>.png", "javascript:alert('x.png')",
                            "https://en.wikipedia.org/wiki/File:Example.jpg",
                            "https://commons.wikimedia.org/wiki/File:Example.jpg" })
        EXPECT_FALSE(IsImageUrl(no)) << no;
    // the extension, as the native decoder picks its decoder by it: lower case, without query or fragment
    EXPECT_EQ(ClassifyMedia("bts/era-1.JPG").Extension, "jpg");
    EXPECT_EQ(ClassifyMedia("https://example.org/chart.svg?x=1#top").Extension, "svg");
    EXPECT_EQ(ClassifyMedia("file:///tmp/a%23b/x.webp").Extension, "webp");
    EXPECT_EQ(ClassifyMedia("https://example.org/a.png/").Extension, "");
    EXPECT_EQ(ClassifyMedia("data:image/svg+xml;utf8,<svg/>").Extension, "svg");
    EXPECT_EQ(ClassifyMedia("data:image/PNG;base64,iVBORw0KGgo=").Extension, "png");
}

TEST(Media, ProvidersThatTimelineJs3KnowsAreNamed)
{
    struct Case { const char* url; MediaKind kind; const char* provider; };
    const Case cases[] = {
        { "https://www.youtube.com/watch?v=dQw4w9WgXcQ", MediaKind_Video, "YouTube" },
        { "https://m.youtube.com/watch?feature=x&v=dQw4w9WgXcQ", MediaKind_Video, "YouTube" },
        { "https://youtu.be/dQw4w9WgXcQ?t=10", MediaKind_Video, "YouTube" },
        { "https://vimeo.com/76979871", MediaKind_Video, "Vimeo" },
        { "https://www.dailymotion.com/video/x7tgad0", MediaKind_Video, "Dailymotion" },
        { "https://soundcloud.com/artist/track", MediaKind_Audio, "SoundCloud" },
        { "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC", MediaKind_Audio, "Spotify" },
        { "https://twitter.com/BTS_twt/status/1", MediaKind_Page, "Twitter" },
        { "https://x.com/BTS_twt/status/1", MediaKind_Page, "Twitter" },
        { "https://www.instagram.com/p/abc/", MediaKind_Page, "Instagram" },
        { "https://www.flickr.com/photos/x/1", MediaKind_Page, "Flickr" },
        { "https://www.google.com/maps/@37.5,127.0,12z", MediaKind_Page, "Google Maps" },
        { "https://www.google.co.kr/maps/place/Seoul/@37.5,127.0,12z", MediaKind_Page, "Google Maps" },
        { "https://docs.google.com/document/d/abc/edit?usp=sharing", MediaKind_Page, "Google Docs" },
        { "https://en.wikipedia.org/wiki/BTS", MediaKind_Page, "Wikipedia" },
        { "https://commons.wikimedia.org/wiki/File:Example.jpg", MediaKind_Page, "Wikimedia Commons" },
        { "https://www.documentcloud.org/documents/1-x.html", MediaKind_Page, "DocumentCloud" },
        { "https://www.tiktok.com/@a/video/1", MediaKind_Video, "TikTok" },
        { "https://bsky.app/profile/a/post/b", MediaKind_Page, "Bluesky" },
        { "https://imgur.com/gallery/abc", MediaKind_Page, "Imgur" },
        { "https://example.org/report.pdf", MediaKind_Page, "PDF" },
        { "https://example.org/clip.mp4", MediaKind_Video, "Video file" },
        { "https://example.org/song.mp3", MediaKind_Audio, "Audio file" },
        { "https://example.org/report", MediaKind_Page, "Web page" },
        { "<blockquote class=\"twitter-tweet\"><a href=\"x\">t</a></blockquote>", MediaKind_Embed, "Embedded content" },
        { "  <iframe src=\"https://evil.example\"></iframe>", MediaKind_Embed, "Embedded content" },
        { "javascript:alert(1)", MediaKind_Page, "Link" },
        { "notes/readme", MediaKind_Page, "Link" },
        // a look-alike host is not the provider
        { "https://notyoutube.com/watch?v=dQw4w9WgXcQ", MediaKind_Page, "Web page" },
        { "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ", MediaKind_Page, "Web page" },
    };
    for (const Case& c : cases) {
        MediaInfo m = ClassifyMedia(c.url);
        EXPECT_EQ(m.Kind, c.kind) << c.url;
        EXPECT_STREQ(m.Provider, c.provider) << c.url;
    }
    EXPECT_EQ(ClassifyMedia("").Kind, MediaKind_None);
    EXPECT_EQ(ClassifyMedia(nullptr).Kind, MediaKind_None);
}

TEST(Media, VideoIdsForTheEmbedAreParsedStrictly)
{
    struct Case { const char* url; MediaEmbed embed; const char* id; };
    const Case cases[] = {
        { "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1", MediaEmbed_YouTube, "dQw4w9WgXcQ" },
        { "https://youtu.be/dQw4w9WgXcQ", MediaEmbed_YouTube, "dQw4w9WgXcQ" },
        { "https://www.youtube.com/embed/dQw4w9WgXcQ?start=3", MediaEmbed_YouTube, "dQw4w9WgXcQ" },
        { "https://www.youtube.com/shorts/dQw4w9WgXcQ", MediaEmbed_YouTube, "dQw4w9WgXcQ" },
        { "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", MediaEmbed_YouTube, "dQw4w9WgXcQ" },
        { "https://vimeo.com/76979871", MediaEmbed_Vimeo, "76979871" },
        { "https://player.vimeo.com/video/76979871?h=x", MediaEmbed_Vimeo, "76979871" },
        { "https://vimeo.com/channels/staffpicks/76979871", MediaEmbed_Vimeo, "76979871" },
        // ids that are not ids: a card, never an embed
        { "https://www.youtube.com/watch?v=short", MediaEmbed_None, "" },
        { "https://www.youtube.com/watch?v=dQw4w9WgXc\"", MediaEmbed_None, "" },
        { "https://www.youtube.com/watch?v=dQw4w9WgXcQ%22onload", MediaEmbed_None, "" },
        { "https://youtu.be/<script>x</s", MediaEmbed_None, "" },
        { "https://www.youtube.com/", MediaEmbed_None, "" },
        { "https://vimeo.com/about", MediaEmbed_None, "" },
        { "https://vimeo.com/1234567890123", MediaEmbed_None, "" },
    };
    for (const Case& c : cases) {
        MediaInfo m = ClassifyMedia(c.url);
        EXPECT_EQ(m.Embed, c.embed) << c.url;
        EXPECT_EQ(m.EmbedId, c.id) << c.url;
    }
}

TEST(Media, AVeryLongUrlIsALinkNeverAnImage)
{
    std::string url = "https://example.org/" + std::string(kMediaUrlMax, 'a') + ".png";
    EXPECT_EQ(ClassifyMedia(url.c_str()).Kind, MediaKind_Page);
    EXPECT_FALSE(IsImageUrl(url.c_str()));
}

// RFC 3986, section 5.4: the normal and abnormal examples
TEST(Media, RelativeUrlsResolveAsRfc3986Says)
{
    const std::string base = "http://a/b/c/d;p?q";
    const char* const cases[][2] = {
        { "g:h", "g:h" }, { "g", "http://a/b/c/g" }, { "./g", "http://a/b/c/g" }, { "g/", "http://a/b/c/g/" },
        { "/g", "http://a/g" }, { "//g", "http://g" }, { "?y", "http://a/b/c/d;p?y" }, { "g?y", "http://a/b/c/g?y" },
        { "#s", "http://a/b/c/d;p?q#s" }, { "g#s", "http://a/b/c/g#s" }, { "g?y#s", "http://a/b/c/g?y#s" },
        { ";x", "http://a/b/c/;x" }, { "g;x", "http://a/b/c/g;x" }, { "g;x?y#s", "http://a/b/c/g;x?y#s" },
        { "", "http://a/b/c/d;p?q" }, { ".", "http://a/b/c/" }, { "./", "http://a/b/c/" }, { "..", "http://a/b/" },
        { "../", "http://a/b/" }, { "../g", "http://a/b/g" }, { "../..", "http://a/" }, { "../../", "http://a/" },
        { "../../g", "http://a/g" },
        { "../../../g", "http://a/g" }, { "../../../../g", "http://a/g" }, { "/./g", "http://a/g" },
        { "/../g", "http://a/g" }, { "g.", "http://a/b/c/g." }, { ".g", "http://a/b/c/.g" }, { "g..", "http://a/b/c/g.." },
        { "..g", "http://a/b/c/..g" }, { "./../g", "http://a/b/g" }, { "./g/.", "http://a/b/c/g/" },
        { "g/./h", "http://a/b/c/g/h" }, { "g/../h", "http://a/b/c/h" }, { "g;x=1/./y", "http://a/b/c/g;x=1/y" },
        { "g;x=1/../y", "http://a/b/c/y" }, { "g?y/./x", "http://a/b/c/g?y/./x" }, { "g?y/../x", "http://a/b/c/g?y/../x" },
        { "g#s/./x", "http://a/b/c/g#s/./x" }, { "g#s/../x", "http://a/b/c/g#s/../x" }, { "http:g", "http:g" },
    };
    for (const auto& c : cases)
        EXPECT_EQ(ResolveUrl(base, c[0]), c[1]) << c[0];
    // the data file's URL as the base
    EXPECT_EQ(ResolveUrl("https://site.example/data/bts.json?x=1", "bts/era.png"), "https://site.example/data/bts/era.png");
    EXPECT_EQ(ResolveUrl("file:///home/a/story.json", "../pics/a.png"), "file:///home/pics/a.png");
    EXPECT_EQ(ResolveUrl("", "pics/a.png"), "pics/a.png");
}

TEST(Media, FileUrlsAndPathsRoundTrip)
{
    EXPECT_EQ(FileUrlFromPath("/work/a b/x#1.json"), "file:///work/a%20b/x%231.json");
    std::string p;
    ASSERT_TRUE(PathFromFileUrl("file:///work/a%20b/x%231.json", &p));
    EXPECT_EQ(p, "/work/a b/x#1.json");
    for (const char* path : { "/a/b.png", "/ä/한/x y%.png", "/" }) {
        ASSERT_TRUE(PathFromFileUrl(FileUrlFromPath(path), &p)) << path;
        EXPECT_EQ(p, path);
    }
    ASSERT_TRUE(PathFromFileUrl("file://localhost/x.png", &p));
    EXPECT_EQ(p, "/x.png");
    EXPECT_FALSE(PathFromFileUrl("file://otherhost/x.png", &p));
    EXPECT_FALSE(PathFromFileUrl("file:///x%00.png", &p));
    EXPECT_FALSE(PathFromFileUrl("https://x/y.png", &p));
    EXPECT_FALSE(PathFromFileUrl("x.png", &p));
}

// media.thumbnail, as TimelineJS3 has it, in both formats that carry media
TEST(Media, ThumbnailsAreReadFromOurFormatAndTimelineJs3)
{
    const std::string ours = R"({"events": [{"start": "2020", "title": "a",
        "media": {"url": "big.png", "thumbnail": "small.png", "caption": "c"}}]})";
    const std::string tjs = R"({"events": [{"start_date": {"year": "2020"}, "text": {"headline": "a"},
        "media": {"url": "https://youtu.be/dQw4w9WgXcQ", "thumbnail": "thumbs/a.jpg"}}]})";
    for (const std::string* json : { &ours, &tjs }) {
        Timeline tl;
        LoadResult res;
        ASSERT_TRUE(LoadTimeline(json->data(), json->size(), LoadOptions(), &tl, &res)) << *json;
        ASSERT_EQ(tl.Events.size(), 1u);
        ASSERT_NE(tl.Events[0].Extra, kNoExtra);
        const EventExtra& x = tl.Extras[tl.Events[0].Extra];
        EXPECT_STREQ(tl.Str(x.MediaThumbnail), json == &ours ? "small.png" : "thumbs/a.jpg");
        for (const Diagnostic& d : res.Diagnostics)
            ADD_FAILURE() << d.Message;  // no "unknown key" warning either
    }
    const std::string bad = R"({"events": [{"start": "2020", "media": {"thumbnail": 3}}]})";
    Timeline tl;
    LoadResult res;
    EXPECT_FALSE(LoadTimeline(bad.data(), bad.size(), LoadOptions(), &tl, &res));
    ASSERT_FALSE(res.Diagnostics.empty());
    EXPECT_EQ(res.Diagnostics[0].Message, "media thumbnail must be a string");
}
