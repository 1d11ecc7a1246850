// Chronoscope core: what an event's media is, from its URL alone (the one rule for the widget, the product and the
// web page), and where a relative media URL points.
//
//   ClassifyMedia("bts/dynamite.png")                         -> Image
//   ClassifyMedia("https://www.youtube.com/watch?v=dQw4w9WgXcQ") -> Video, "YouTube", embed YouTube "dQw4w9WgXcQ"
//   ClassifyMedia("https://vimeo.com/76979871")               -> Video, "Vimeo", embed Vimeo "76979871"
//   ClassifyMedia("https://en.wikipedia.org/wiki/BTS")        -> Page, "Wikipedia"
//   ClassifyMedia("https://example.org/report")               -> Page, "Web page"
//   ClassifyMedia("<blockquote class='twitter-tweet'>...")    -> Embed (HTML: never inserted, shown as a card)
//
// The providers are the ones TimelineJS3 knows (its MediaType.js), matched by host rather than by regular
// expressions over the whole URL. An image is a URL whose path ends in .png, .jpg, .jpeg, .gif, .webp or .svg (any
// case; a query may follow), or a data:image/ URL, as TimelineJS3 has it; a Wikipedia or Wikimedia Commons page
// about a file ("/wiki/File:X.jpg") is a page, not the image. Everything else with a URL is a page the reader may
// open: a link card naming the provider. URLs longer than kMediaUrlMax bytes are links, never fetched as images.
//
// Relative media URLs resolve against the data file's URL (RFC 3986, section 5.2; a native file's path is first
// made a file: URL), so `"url": "pictures/a.png"` beside story.json works from a disk and from a server alike.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace chronoscope {

static const size_t kMediaUrlMax = 8192;

enum MediaKind : uint8_t {
    MediaKind_None,    // no URL
    MediaKind_Image,   // a picture the product draws
    MediaKind_Video,   // a video provider or file (a card; YouTube and Vimeo may be embedded on the web)
    MediaKind_Audio,   // an audio provider or file (a card)
    MediaKind_Page,    // any other provider or web page (a card)
    MediaKind_Embed,   // HTML embed code (a tweet's blockquote, an iframe): never inserted anywhere; a card says so
};

enum MediaEmbed : uint8_t { MediaEmbed_None, MediaEmbed_YouTube, MediaEmbed_Vimeo };

struct MediaInfo {
    MediaKind   Kind = MediaKind_None;
    const char* Provider = "";   // what a card names: "YouTube", "Wikipedia", "Web page", "Image", ...
    MediaEmbed  Embed = MediaEmbed_None;
    std::string EmbedId;         // YouTube: 11 of [A-Za-z0-9_-]; Vimeo: 1-12 digits (set with Embed only)
    std::string Host;            // the URL's host, lower case ("" for a relative URL)
    std::string Extension;       // the extension of the path's last segment, lower case ("png"; "" without one); for a
                                 // data:image/ URL its type's ("image/svg+xml" -> "svg"), so that it names the format
};

// What a media URL is (url: len bytes; no NUL inside).
MediaInfo ClassifyMedia(const char* url, size_t len);
MediaInfo ClassifyMedia(const char* url);   // NUL-terminated
bool      IsImageUrl(const char* url);      // ClassifyMedia(url).Kind == MediaKind_Image, cheaper

// RFC 3986 reference resolution of `ref` against the absolute URL `base` (scheme required). A ref with a scheme is
// returned as it is; an empty base leaves ref as it is.
std::string ResolveUrl(const std::string& base, const std::string& ref);
// A file: URL for an absolute path ("/a b/x.json" -> "file:///a%20b/x.json"), and back (false when url is not a
// local file: URL, or decodes to a NUL).
std::string FileUrlFromPath(const std::string& absolute_path);
bool        PathFromFileUrl(const std::string& url, std::string* path);

} // namespace chronoscope
