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
};

// True when path is a directory holding manifest.json.
bool NativeIsTileDir(const char* path);
// Reads DIR/manifest.json and opens it (AppOpenTiles); false: the error is in the App's error box and on stderr.
bool NativeTilesOpen(NativeTiles* nt, App* app, const char* dir);
// Takes the App's requests and reads files for at most budget_ms; true when any file was handed over.
bool NativeTilesPump(NativeTiles* nt, App* app, double budget_ms);
// Requests are waiting to be read.
inline bool NativeTilesBusy(const NativeTiles* nt) { return !nt->Queue.empty(); }

} // namespace chronoscope
