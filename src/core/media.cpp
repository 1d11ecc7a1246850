// Chronoscope core: what an event's media is, and where a relative media URL points (see media.h).
#include "core/media.h"

#include <cstring>

namespace chronoscope {

static unsigned char Lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c; }
static bool IsAlpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }

static std::string LowerCopy(const std::string& s)
{
    std::string r(s);
    for (char& c : r)
        c = (char)Lower((unsigned char)c);
    return r;
}

// RFC 3986 appendix B: scheme ":" "//" authority path "?" query "#" fragment, each part present or not.
struct UrlParts {
    bool HasScheme = false, HasAuthority = false, HasQuery = false, HasFragment = false;
    std::string Scheme, Authority, Path, Query, Fragment;
};

static UrlParts SplitUrl(const std::string& s)
{
    UrlParts u;
    size_t p = 0, n = s.size();
    size_t colon = s.find_first_of(":/?#");
    if (colon != std::string::npos && s[colon] == ':' && colon > 0 && IsAlpha((unsigned char)s[0])) {
        bool ok = true;
        for (size_t i = 1; i < colon && ok; i++) {
            unsigned char c = (unsigned char)s[i];
            ok = IsAlpha(c) || IsDigit(c) || c == '+' || c == '-' || c == '.';
        }
        if (ok) {
            u.HasScheme = true;
            u.Scheme = s.substr(0, colon);
            p = colon + 1;
        }
    }
    if (p + 2 <= n && s.compare(p, 2, "//") == 0) {
        size_t e = s.find_first_of("/?#", p + 2);
        if (e == std::string::npos)
            e = n;
        u.HasAuthority = true;
        u.Authority = s.substr(p + 2, e - p - 2);
        p = e;
    }
    size_t e = s.find_first_of("?#", p);
    if (e == std::string::npos)
        e = n;
    u.Path = s.substr(p, e - p);
    p = e;
    if (p < n && s[p] == '?') {
        e = s.find('#', p);
        if (e == std::string::npos)
            e = n;
        u.HasQuery = true;
        u.Query = s.substr(p + 1, e - p - 1);
        p = e;
    }
    if (p < n && s[p] == '#') {
        u.HasFragment = true;
        u.Fragment = s.substr(p + 1);
    }
    return u;
}

// ------------------------------------------------------------------------------------------------ classification

// host is d or a subdomain of d
static bool HostIs(const std::string& host, const char* d)
{
    size_t n = strlen(d);
    if (host.size() < n || host.compare(host.size() - n, n, d) != 0)
        return false;
    return host.size() == n || host[host.size() - n - 1] == '.';
}

// The lower-case extension of the path's last segment ("" without one).
static std::string Extension(const std::string& path)
{
    size_t slash = path.rfind('/');
    size_t dot = path.rfind('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash))
        return std::string();
    return LowerCopy(path.substr(dot + 1));
}

// The value of key in a query ("a=1&v=x" -> "x" for "v").
static std::string QueryValue(const std::string& query, const char* key)
{
    size_t k = strlen(key), p = 0;
    while (p <= query.size()) {
        size_t e = query.find('&', p);
        if (e == std::string::npos)
            e = query.size();
        if (e - p > k && query.compare(p, k, key) == 0 && query[p + k] == '=')
            return query.substr(p + k + 1, e - p - k - 1);
        p = e + 1;
    }
    return std::string();
}

// The path segment after `prefix` ("/embed/ID/x" -> "ID" for "/embed/"), or "".
static std::string SegmentAfter(const std::string& path, const char* prefix)
{
    size_t n = strlen(prefix);
    if (path.compare(0, n, prefix) != 0)
        return std::string();
    size_t e = path.find('/', n);
    return path.substr(n, (e == std::string::npos ? path.size() : e) - n);
}

static bool IsYouTubeId(const std::string& id)
{
    if (id.size() != 11)
        return false;
    for (unsigned char c : id)
        if (!IsAlpha(c) && !IsDigit(c) && c != '_' && c != '-')
            return false;
    return true;
}

static bool IsVimeoId(const std::string& id)
{
    if (id.empty() || id.size() > 12)
        return false;
    for (unsigned char c : id)
        if (!IsDigit(c))
            return false;
    return true;
}

static std::string YouTubeId(const std::string& host, const UrlParts& u)
{
    if (HostIs(host, "youtu.be"))
        return SegmentAfter(u.Path, "/");
    for (const char* p : { "/embed/", "/shorts/", "/v/", "/live/" }) {
        std::string id = SegmentAfter(u.Path, p);
        if (!id.empty())
            return id;
    }
    return QueryValue(u.Query, "v");
}

static std::string VimeoId(const UrlParts& u)
{
    // vimeo.com/ID, vimeo.com/channels/NAME/ID, player.vimeo.com/video/ID: the last all-digit segment
    std::string last;
    size_t p = 0;
    while (p < u.Path.size()) {
        size_t e = u.Path.find('/', p + 1);
        if (e == std::string::npos)
            e = u.Path.size();
        std::string seg = u.Path.substr(p + 1, e - p - 1);
        if (IsVimeoId(seg))
            last = seg;
        p = e;
    }
    return last;
}

struct Provider {
    const char* Host;
    MediaKind   Kind;
    const char* Name;
};

// TimelineJS3's providers (MediaType.js), by host. Checked after the image rule (an image file on any of these
// hosts is an image), except for the wiki pages above it.
static const Provider kProviders[] = {
    { "youtube.com", MediaKind_Video, "YouTube" },         { "youtu.be", MediaKind_Video, "YouTube" },
    { "youtube-nocookie.com", MediaKind_Video, "YouTube" }, { "vimeo.com", MediaKind_Video, "Vimeo" },
    { "dailymotion.com", MediaKind_Video, "Dailymotion" }, { "dai.ly", MediaKind_Video, "Dailymotion" },
    { "wistia.com", MediaKind_Video, "Wistia" },           { "wi.st", MediaKind_Video, "Wistia" },
    { "tiktok.com", MediaKind_Video, "TikTok" },           { "vine.co", MediaKind_Video, "Vine" },
    { "soundcloud.com", MediaKind_Audio, "SoundCloud" },   { "spotify.com", MediaKind_Audio, "Spotify" },
    { "twitter.com", MediaKind_Page, "Twitter" },          { "x.com", MediaKind_Page, "Twitter" },
    { "bsky.app", MediaKind_Page, "Bluesky" },             { "instagram.com", MediaKind_Page, "Instagram" },
    { "instagr.am", MediaKind_Page, "Instagram" },         { "flickr.com", MediaKind_Page, "Flickr" },
    { "flic.kr", MediaKind_Page, "Flickr" },               { "imgur.com", MediaKind_Page, "Imgur" },
    { "docs.google.com", MediaKind_Page, "Google Docs" },  { "drive.google.com", MediaKind_Page, "Google Drive" },
    { "maps.google.com", MediaKind_Page, "Google Maps" },  { "maps.app.goo.gl", MediaKind_Page, "Google Maps" },
    { "documentcloud.org", MediaKind_Page, "DocumentCloud" },
};

static bool IsImageExtension(const std::string& ext)
{
    return ext == "png" || ext == "jpg" || ext == "jpeg" || ext == "gif" || ext == "webp" || ext == "svg";
}

static bool IsWikiPage(const std::string& host)
{
    return HostIs(host, "wikipedia.org") || host == "commons.wikimedia.org";
}

MediaInfo ClassifyMedia(const char* url, size_t len)
{
    MediaInfo m;
    if (!url || len == 0)
        return m;
    m.Kind = MediaKind_Page;
    m.Provider = "Link";
    if (len > kMediaUrlMax)
        return m;
    size_t lead = 0;
    while (lead < len && (url[lead] == ' ' || url[lead] == '\t' || url[lead] == '\n' || url[lead] == '\r'))
        lead++;
    if (lead < len && url[lead] == '<') {
        m.Kind = MediaKind_Embed;
        m.Provider = "Embedded content";
        return m;
    }
    const std::string s(url, len);
    UrlParts u = SplitUrl(s);
    const std::string scheme = LowerCopy(u.Scheme);
    if (u.HasScheme && scheme == "data") {
        if (LowerCopy(u.Path.substr(0, 6)) == "image/") {
            m.Kind = MediaKind_Image;
            m.Provider = "Image";
            m.Extension = LowerCopy(u.Path.substr(6, u.Path.find_first_of("+;,", 6) - 6));
        }
        return m;
    }
    if (u.HasScheme && scheme != "http" && scheme != "https" && scheme != "file")
        return m;
    std::string host = u.Authority;
    size_t at = host.rfind('@');
    if (at != std::string::npos)
        host = host.substr(at + 1);
    if (!host.empty() && host[0] != '[') {
        size_t colon = host.find(':');
        if (colon != std::string::npos)
            host = host.substr(0, colon);
    }
    m.Host = host = LowerCopy(host);
    const std::string ext = m.Extension = Extension(u.Path);
    if (IsWikiPage(host)) {
        m.Provider = host == "commons.wikimedia.org" ? "Wikimedia Commons" : "Wikipedia";
        return m;
    }
    if (IsImageExtension(ext)) {
        m.Kind = MediaKind_Image;
        m.Provider = "Image";
        return m;
    }
    for (const Provider& p : kProviders) {
        if (!HostIs(host, p.Host))
            continue;
        m.Kind = p.Kind;
        m.Provider = p.Name;
        if (strcmp(p.Name, "YouTube") == 0) {
            std::string id = YouTubeId(host, u);
            if (IsYouTubeId(id)) {
                m.Embed = MediaEmbed_YouTube;
                m.EmbedId = id;
            }
        } else if (strcmp(p.Name, "Vimeo") == 0) {
            std::string id = VimeoId(u);
            if (!id.empty()) {
                m.Embed = MediaEmbed_Vimeo;
                m.EmbedId = id;
            }
        }
        return m;
    }
    // Google Maps lives under many country domains: google.TLD/maps, google.co.TLD/maps
    if (host.find("google.") != std::string::npos && u.Path.compare(0, 6, "/maps/") == 0) {
        m.Provider = "Google Maps";
        return m;
    }
    if (ext == "pdf") {
        m.Provider = "PDF";
    } else if (ext == "mp4" || ext == "webm") {
        m.Kind = MediaKind_Video;
        m.Provider = "Video file";
    } else if (ext == "mp3" || ext == "wav" || ext == "m4a") {
        m.Kind = MediaKind_Audio;
        m.Provider = "Audio file";
    } else if (scheme == "http" || scheme == "https") {
        m.Provider = "Web page";
    }
    return m;
}

MediaInfo ClassifyMedia(const char* url) { return url ? ClassifyMedia(url, strnlen(url, kMediaUrlMax + 1)) : MediaInfo(); }

bool IsImageUrl(const char* url) { return ClassifyMedia(url).Kind == MediaKind_Image; }

// ------------------------------------------------------------------------------------------------ resolution

// RFC 3986 5.2.4
static std::string RemoveDotSegments(std::string in)
{
    std::string out;
    while (!in.empty()) {
        if (in.compare(0, 3, "../") == 0) {
            in.erase(0, 3);
        } else if (in.compare(0, 2, "./") == 0) {
            in.erase(0, 2);
        } else if (in.compare(0, 3, "/./") == 0) {
            in.erase(0, 2);
        } else if (in == "/.") {
            in = "/";
        } else if (in.compare(0, 4, "/../") == 0 || in == "/..") {
            in = in.size() == 3 ? std::string("/") : in.substr(3);
            size_t last = out.rfind('/');
            out.erase(last == std::string::npos ? 0 : last);
        } else if (in == "." || in == "..") {
            in.clear();
        } else {
            size_t e = in.find('/', in[0] == '/' ? 1 : 0);
            if (e == std::string::npos)
                e = in.size();
            out += in.substr(0, e);
            in.erase(0, e);
        }
    }
    return out;
}

static std::string Recompose(const UrlParts& t)
{
    std::string r;
    if (t.HasScheme)
        r += t.Scheme + ":";
    if (t.HasAuthority)
        r += "//" + t.Authority;
    r += t.Path;
    if (t.HasQuery)
        r += "?" + t.Query;
    if (t.HasFragment)
        r += "#" + t.Fragment;
    return r;
}

std::string ResolveUrl(const std::string& base, const std::string& ref)
{
    UrlParts r = SplitUrl(ref), b = SplitUrl(base), t;
    if (r.HasScheme || base.empty() || !b.HasScheme)
        return ref;
    // RFC 3986 5.2.2 (strict: a scheme in the reference makes it absolute)
    if (r.HasAuthority) {
        t.HasAuthority = true;
        t.Authority = r.Authority;
        t.Path = RemoveDotSegments(r.Path);
        t.HasQuery = r.HasQuery;
        t.Query = r.Query;
    } else {
        if (r.Path.empty()) {
            t.Path = b.Path;
            t.HasQuery = r.HasQuery || b.HasQuery;
            t.Query = r.HasQuery ? r.Query : b.Query;
        } else {
            if (r.Path[0] == '/') {
                t.Path = RemoveDotSegments(r.Path);
            } else {
                // 5.2.3 merge
                std::string merged;
                if (b.HasAuthority && b.Path.empty())
                    merged = "/" + r.Path;
                else {
                    size_t slash = b.Path.rfind('/');
                    merged = (slash == std::string::npos ? std::string() : b.Path.substr(0, slash + 1)) + r.Path;
                }
                t.Path = RemoveDotSegments(merged);
            }
            t.HasQuery = r.HasQuery;
            t.Query = r.Query;
        }
        t.HasAuthority = b.HasAuthority;
        t.Authority = b.Authority;
    }
    t.HasScheme = true;
    t.Scheme = b.Scheme;
    t.HasFragment = r.HasFragment;
    t.Fragment = r.Fragment;
    return Recompose(t);
}

std::string FileUrlFromPath(const std::string& path)
{
    static const char* const hex = "0123456789ABCDEF";
    std::string r = "file://";
    for (unsigned char c : path) {
        if (IsAlpha(c) || IsDigit(c) || (c != 0 && strchr("-._~/!$&'()*+,;=:@", c) != nullptr)) {
            r += (char)c;
        } else {
            r += '%';
            r += hex[c >> 4];
            r += hex[c & 15];
        }
    }
    return r;
}

static int HexValue(unsigned char c)
{
    if (IsDigit(c)) return c - '0';
    c = Lower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

bool PathFromFileUrl(const std::string& url, std::string* path)
{
    UrlParts u = SplitUrl(url);
    if (!u.HasScheme || LowerCopy(u.Scheme) != "file" || !u.HasAuthority)
        return false;
    if (!u.Authority.empty() && LowerCopy(u.Authority) != "localhost")
        return false;
    std::string p;
    for (size_t i = 0; i < u.Path.size(); i++) {
        unsigned char c = (unsigned char)u.Path[i];
        if (c == '%' && i + 2 < u.Path.size()) {
            int h = HexValue((unsigned char)u.Path[i + 1]), l = HexValue((unsigned char)u.Path[i + 2]);
            if (h >= 0 && l >= 0) {
                c = (unsigned char)(h * 16 + l);
                if (c == 0)
                    return false;
                i += 2;
            }
        }
        p += (char)c;
    }
    if (p.empty() || p[0] != '/')
        return false;
    *path = p;
    return true;
}

} // namespace chronoscope
