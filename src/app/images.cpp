// Chronoscope app: the data's pictures (see images.h).
#include "app/images.h"

#include "core/media.h"

#include <algorithm>
#include <vector>

namespace chronoscope {

std::string ImagesResolve(const Images* im, const char* url)
{
    return ResolveUrl(im->Base, url ? url : "");
}

void ImagesGet(const char* url, TimelineImage* out, void* user)
{
    Images* im = (Images*)user;
    const std::string key = ImagesResolve(im, url);
    auto it = im->Map.find(key);
    if (it == im->Map.end()) {
        it = im->Map.emplace(key, Images::Entry()).first;
        im->Loading++;
        it->second.Used = im->Frame;
        if (im->Loader.Start)
            im->Loader.Start(key, im->Loader.User);   // may answer at once (ImagesFailed): read the entry after
        it = im->Map.find(key);
        if (it == im->Map.end())
            return;
    }
    Images::Entry& e = it->second;
    e.Used = im->Frame;
    out->Status = e.Status;
    if (e.Status == TimelineImageStatus_Ready) {
        out->Texture = (ImTextureID)(intptr_t)e.Texture;
        out->Size = ImVec2((float)e.Width, (float)e.Height);
    } else if (e.Status == TimelineImageStatus_Failed) {
        out->Note = e.Note.c_str();
    }
}

// Lets go of the pictures used longest ago (none drawn in this frame) until the pixels fit the cap.
static void Evict(Images* im)
{
    if (im->Bytes <= im->CapBytes)
        return;
    std::vector<std::pair<uint64_t, std::string>> old;
    for (const auto& kv : im->Map)
        if (kv.second.Status == TimelineImageStatus_Ready && kv.second.Used < im->Frame)
            old.emplace_back(kv.second.Used, kv.first);
    std::sort(old.begin(), old.end());
    for (const auto& o : old) {
        if (im->Bytes <= im->CapBytes)
            break;
        auto it = im->Map.find(o.second);
        im->Bytes -= it->second.Bytes;
        if (im->Loader.Free)
            im->Loader.Free(it->second.Texture, im->Loader.User);
        im->Map.erase(it);
    }
}

void ImagesDone(Images* im, const std::string& url, uint64_t texture, int width, int height)
{
    auto it = im->Map.find(url);
    if (it == im->Map.end() || it->second.Status != TimelineImageStatus_Loading) {
        if (im->Loader.Free && texture)
            im->Loader.Free(texture, im->Loader.User);
        return;
    }
    Images::Entry& e = it->second;
    im->Loading--;
    if (!texture || width <= 0 || height <= 0) {
        e.Status = TimelineImageStatus_Failed;
        e.Note = "could not be decoded";
        return;
    }
    e.Status = TimelineImageStatus_Ready;
    e.Texture = texture;
    e.Width = width;
    e.Height = height;
    e.Bytes = (size_t)width * (size_t)height * 4;
    im->Bytes += e.Bytes;
    Evict(im);
}

void ImagesFailed(Images* im, const std::string& url, const char* note)
{
    auto it = im->Map.find(url);
    if (it == im->Map.end() || it->second.Status != TimelineImageStatus_Loading)
        return;
    im->Loading--;
    it->second.Status = TimelineImageStatus_Failed;
    it->second.Note = note ? note : "";
}

void ImagesNewFrame(Images* im)
{
    im->Frame++;
}

void ImagesClear(Images* im)
{
    for (auto& kv : im->Map)
        if (kv.second.Status == TimelineImageStatus_Ready && im->Loader.Free)
            im->Loader.Free(kv.second.Texture, im->Loader.User);
    im->Map.clear();
    im->Bytes = 0;
    im->Loading = 0;
}

} // namespace chronoscope
