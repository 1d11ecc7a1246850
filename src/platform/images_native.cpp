// Chronoscope platform: the native app's picture loader (see images_native.h).
#if !defined(__EMSCRIPTEN__)
#include "platform/images_native.h"

#include "core/file_bytes.h"
#include "core/media.h"

#include "platform/gl_renderer.h"

#include <stb/stb_image.h>

#if CS_HAVE_NANOSVG
#include <cmath>
#include <cstdio>
#define NANOSVG_IMPLEMENTATION
#define NANOSVGRAST_IMPLEMENTATION
#include "nanosvg.h"
#include "nanosvgrast.h"
#endif

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace chronoscope {

static const size_t kMaxFileBytes = (size_t)64 << 20;   // a picture file larger than this is not read
static const int  kMaxSide = 8192;             // nor one wider or taller than this (GL 3's guaranteed minimum is 1024,
                                               // every desktop GPU takes 8192)

struct Decoded {
    std::string          Url;
    std::vector<uint8_t> Rgba;
    int                  W = 0, H = 0;
    std::string          Note;    // when it failed
};

struct NativeImages {
    std::thread              Thread;
    std::mutex               Mu;
    std::condition_variable  Cv;
    std::deque<std::string>  Todo;
    std::vector<Decoded>     Done;
    bool                     Stop = false;
};
static NativeImages* g_images = nullptr;

static const int kSvgSide = 1024;             // an SVG is drawn this many pixels along its longer side (crisp in a
                                               // 360-px panel at twice the density)

#if CS_HAVE_NANOSVG
// An SVG file's bytes drawn to RGBA, kSvgSide along the longer side (NanoSVG: shapes, paths, gradients; an SVG
// with text is refused, as NanoSVG would leave its text out).
static void RasteriseSvg(std::vector<uint8_t>* bytes, Decoded* d)
{
    bytes->push_back(0);  // (NanoSVG reads a NUL-terminated string, and writes into it)
    // NanoSVG draws no text: a picture with text (a chart's labels) would be wrong without it
    if (strstr((const char*)bytes->data(), "<text") || strstr((const char*)bytes->data(), ":text")) {
        d->Note = "SVG text shows in the browser version";
        return;
    }
    NSVGimage* svg = nsvgParse((char*)bytes->data(), "px", 96.0f);
    if (!svg || !(svg->width > 0.0f) || !(svg->height > 0.0f)) {
        if (svg)
            nsvgDelete(svg);
        d->Note = "not an SVG picture this app draws";
        return;
    }
    const float scale = (float)kSvgSide / std::max(svg->width, svg->height);
    const int w = std::max(1, (int)std::lround(svg->width * scale)), h = std::max(1, (int)std::lround(svg->height * scale));
    std::vector<uint8_t> px((size_t)w * h * 4);
    NSVGrasterizer* rast = nsvgCreateRasterizer();
    if (!rast) {
        nsvgDelete(svg);
        d->Note = "could not be drawn";
        return;
    }
    nsvgRasterize(rast, svg, 0.0f, 0.0f, scale, px.data(), w, h, w * 4);
    nsvgDeleteRasterizer(rast);
    nsvgDelete(svg);
    d->Rgba = std::move(px);
    d->W = w;
    d->H = h;
}
#endif

static void Decode(const std::string& url, Decoded* d)
{
    d->Url = url;
    std::string path;
    if (!PathFromFileUrl(url, &path)) {
        d->Note = "web pictures show in the browser version";
        return;
    }
    const std::string ext = ClassifyMedia(url.c_str(), url.size()).Extension;  // (of the URL's path: no query or fragment)
#if !CS_HAVE_NANOSVG
    if (ext == "svg") {
        d->Note = "SVG pictures show in the browser version";
        return;
    }
#endif
    if (ext == "webp") {
        d->Note = "WebP pictures show in the browser version";
        return;
    }
    std::vector<uint8_t> bytes;
    std::string why;
    if (!ReadFileBytes(path.c_str(), kMaxFileBytes, &bytes, &why)) {
        d->Note = why;
        return;
    }
#if CS_HAVE_NANOSVG
    if (ext == "svg") {
        RasteriseSvg(&bytes, d);
        return;
    }
#endif
    int w = 0, h = 0, comp = 0;
    if (bytes.empty() || !stbi_info_from_memory(bytes.data(), (int)bytes.size(), &w, &h, &comp)) {
        d->Note = "not a picture this app decodes";
        return;
    }
    if (w <= 0 || h <= 0 || w > kMaxSide || h > kMaxSide) {
        d->Note = "picture too large";
        return;
    }
    unsigned char* px = stbi_load_from_memory(bytes.data(), (int)bytes.size(), &w, &h, &comp, 4);
    if (!px) {
        d->Note = "could not be decoded";
        return;
    }
    d->Rgba.assign(px, px + (size_t)w * h * 4);
    stbi_image_free(px);
    d->W = w;
    d->H = h;
}

static void Worker(NativeImages* ni)
{
    for (;;) {
        std::string url;
        {
            std::unique_lock<std::mutex> lock(ni->Mu);
            ni->Cv.wait(lock, [ni] { return ni->Stop || !ni->Todo.empty(); });
            if (ni->Stop)
                return;
            url = std::move(ni->Todo.front());
            ni->Todo.pop_front();
        }
        Decoded d;
        Decode(url, &d);
        std::lock_guard<std::mutex> lock(ni->Mu);
        ni->Done.push_back(std::move(d));
    }
}

static void Start(const std::string& url, void* user)
{
    NativeImages* ni = (NativeImages*)user;
    {
        std::lock_guard<std::mutex> lock(ni->Mu);
        ni->Todo.push_back(url);
    }
    ni->Cv.notify_one();
}

static void Free(uint64_t texture, void*) { RendererFreeTexture(texture); }

void NativeImagesStart(App* app)
{
    if (g_images)
        return;
    g_images = new NativeImages();
    g_images->Thread = std::thread(Worker, g_images);
    app->Pictures.Loader.Start = &Start;
    app->Pictures.Loader.Free = &Free;
    app->Pictures.Loader.User = g_images;
}

bool NativeImagesPump(App* app)
{
    if (!g_images)
        return false;
    std::vector<Decoded> done;
    {
        std::lock_guard<std::mutex> lock(g_images->Mu);
        done.swap(g_images->Done);
    }
    for (Decoded& d : done) {
        if (d.Rgba.empty()) {
            ImagesFailed(&app->Pictures, d.Url, d.Note.c_str());
            continue;
        }
        const uint64_t tex = RendererCreateTexture(d.W, d.H, d.Rgba.data());
        ImagesDone(&app->Pictures, d.Url, tex, d.W, d.H);
    }
    return !done.empty();
}

void NativeImagesStop(App* app)
{
    if (!g_images)
        return;
    {
        std::lock_guard<std::mutex> lock(g_images->Mu);
        g_images->Stop = true;
    }
    g_images->Cv.notify_all();
    g_images->Thread.join();
    ImagesClear(&app->Pictures);
    app->Pictures.Loader = ImageLoader();
    delete g_images;
    g_images = nullptr;
}

} // namespace chronoscope
#endif
