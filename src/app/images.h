// Chronoscope app: the data's pictures for the widget (ui/chronoscope.h SetTimelineImageProvider): where a media
// URL points, which pictures are loaded, loading or failed, and which to let go when they take too much memory.
//
// The platform loads (native: a thread reads and decodes files; web: the browser fetches and decodes) and owns
// textures; this keeps the books. A URL the widget asks for is resolved against the data's URL (core/media.h), so
// `"url": "pictures/a.png"` beside story.json means the same file from a disk and from a server. A picture asked
// for the first time starts loading and answers Loading until the platform reports it done or failed (on the UI
// thread). Decoded pixels are kept up to CapBytes: when a new picture arrives (between frames) the pictures used
// longest ago are let go, never one the last frame drew, and load again when asked for.
#pragma once

#include "ui/chronoscope.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>

namespace chronoscope {

struct ImageLoader {
    void (*Start)(const std::string& url, void* user) = nullptr;   // begin loading this (resolved) URL
    void (*Free)(uint64_t texture, void* user) = nullptr;          // delete a texture given to ImagesDone
    void* User = nullptr;
};

struct Images {
    struct Entry {
        int         Status = TimelineImageStatus_Loading;
        uint64_t    Texture = 0;
        int         Width = 0, Height = 0;
        size_t      Bytes = 0;
        uint64_t    Used = 0;        // the frame it was last asked for
        std::string Note;            // why it failed
    };
    ImageLoader Loader;
    std::string Base;                // the data's URL ("" leaves relative URLs as they are)
    size_t      CapBytes = (size_t)192 << 20;
    size_t      Bytes = 0;           // of the loaded pictures (width x height x 4)
    uint64_t    Frame = 1;
    int         Loading = 0;         // loads under way
    std::unordered_map<std::string, Entry> Map;   // by resolved URL
};

// The widget's provider: pass &images as the user data.
void ImagesGet(const char* url, TimelineImage* out, void* images);
std::string ImagesResolve(const Images* im, const char* url);
// The platform's answers, on the UI thread, by the URL Start was given. A texture for a URL no longer waited for
// (cleared meanwhile) is freed at once.
void ImagesDone(Images* im, const std::string& url, uint64_t texture, int width, int height);
void ImagesFailed(Images* im, const std::string& url, const char* note);
void ImagesNewFrame(Images* im);     // before each frame
void ImagesClear(Images* im);        // frees every texture and forgets every picture

} // namespace chronoscope
