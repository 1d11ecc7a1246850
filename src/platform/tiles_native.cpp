// Chronoscope platform (native): a tiled timeline from a directory (see tiles_native.h).
#include "platform/tiles_native.h"

#include "core/file_bytes.h"

#include <SDL.h>

#include <sys/stat.h>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace chronoscope {

// A file of the set larger than this is not read (the biggest, a search shard of a 100M set, is tens of MB).
static const size_t kMaxTileFileBytes = (size_t)1 << 30;

bool NativeIsTileDir(const char* path)
{
    struct stat st;
    if (!path || stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
        return false;
    std::string m = std::string(path) + "/manifest.json";
    return stat(m.c_str(), &st) == 0;
}

bool NativeTilesOpen(NativeTiles* nt, App* app, const char* dir)
{
    nt->Dir = dir;
    if (nt->Dir.empty() || nt->Dir.back() != '/')
        nt->Dir += '/';
    nt->Queue.clear();
    std::vector<uint8_t> bytes;
    std::string why, path = nt->Dir + "manifest.json";
    if (!ReadFileBytes(path.c_str(), kMaxTileFileBytes, &bytes, &why)) {
        std::string msg = path + ": error: " + why;
        fprintf(stderr, "%s\n", msg.c_str());
        AppSetLoadError(app, msg.c_str(), msg.c_str());
        return false;
    }
    if (!AppOpenTiles(app, (const char*)bytes.data(), bytes.size(), path.c_str())) {
        fprintf(stderr, "%s\n", app->LastError.c_str());
        return false;
    }
    return true;
}

bool NativeTilesPump(NativeTiles* nt, App* app, double budget_ms)
{
    std::vector<TileRequest> more;
    AppTileRequests(app, &more);
    nt->Queue.insert(nt->Queue.end(), more.begin(), more.end());
    const Uint64 t0 = SDL_GetPerformanceCounter();
    const double per_ms = (double)SDL_GetPerformanceFrequency() / 1000.0;
    bool any = false;
    std::vector<uint8_t> bytes;
    size_t k = 0;
    for (; k < nt->Queue.size(); k++) {
        if (any && (double)(SDL_GetPerformanceCounter() - t0) / per_ms > budget_ms)
            break;
        const std::string& p = nt->Queue[k].Path;
        std::string why;
        if (p.find("..") != std::string::npos || p.empty() || p[0] == '/')
            AppTileFailed(app, p.c_str(), "not a path inside the tile directory");
        else if (ReadFileBytes((nt->Dir + p).c_str(), kMaxTileFileBytes, &bytes, &why))
            AppTileArrived(app, p.c_str(), bytes.data(), bytes.size());
        else
            AppTileFailed(app, p.c_str(), why.c_str());
        any = true;
    }
    nt->Queue.erase(nt->Queue.begin(), nt->Queue.begin() + (long)k);
    const double left = budget_ms - (double)(SDL_GetPerformanceCounter() - t0) / per_ms;
    if ((left > 0 || !any) && AppTileStats(app).Decoding > 0) {
        AppTileDecodeSome(app, left > 0 ? left : 0.0);
        any = true;
    }
    nt->Decoding = AppTileStats(app).Decoding > 0;
    return any;
}

} // namespace chronoscope
