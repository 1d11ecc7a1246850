// Chronoscope platform (native): a tiled timeline from a directory (`chronoscope OUT_DIR/`, what `chronoscope pack`
// wrote): the manifest is read at once, then the files the App asks for (app.h AppTileRequests) are read from the
// directory a few at a time, within a time budget per frame, so the window stays responsive while tiles come.
#pragma once

#include "app/app.h"

#include <string>
#include <vector>

namespace chronoscope {

struct NativeTiles {
    std::string              Dir;       // with a trailing '/'
    std::vector<TileRequest> Queue;     // asked for, not read yet
    bool                     Decoding = false;   // big covers read and not all decoded yet (AppTileDecodeSome)
};

// True when path is a directory holding manifest.json.
bool NativeIsTileDir(const char* path);
// Reads DIR/manifest.json and opens it (AppOpenTiles); false: the error is in the App's error box and on stderr.
bool NativeTilesOpen(NativeTiles* nt, App* app, const char* dir);
// Takes the App's requests and reads files for at most budget_ms, then decodes big covers in what is left of it (at
// least a slice when nothing was read); true when any file was handed over or a cover decoded.
bool NativeTilesPump(NativeTiles* nt, App* app, double budget_ms);
// Requests are waiting to be read, or covers to be decoded.
inline bool NativeTilesBusy(const NativeTiles* nt) { return !nt->Queue.empty() || nt->Decoding; }

} // namespace chronoscope
