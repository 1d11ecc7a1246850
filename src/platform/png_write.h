// Chronoscope platform: a minimal PNG writer for --screenshot (8-bit RGB, zlib "stored" blocks).
// The files are larger than a compressing encoder's, which is fine for tests; README images are
// recompressed by the build's image tools.
#pragma once

#include <cstdint>

namespace chronoscope {

// rgb: width*height*3 bytes, top row first. Returns false if the file cannot be written.
bool WritePngRgb(const char* path, const uint8_t* rgb, int width, int height);

} // namespace chronoscope
