// Chronoscope core: colours as the JSON formats write them.
//
//   ParseColor("#7b3fe4", 7, &c)   -> true, c == 0xFF7B3FE4 (0xAARRGGBB)
//
// "#rgb", "#rrggbb" and "#rrggbbaa", hex digits in either case; anything else (names, rgb(), spaces) is false.
// A colour read is never 0, which the model keeps for "not given": fully transparent black reads as 1.
#pragma once

#include "core/model.h"

#include <cstddef>

namespace chronoscope {

bool ParseColor(const char* s, size_t len, Color32* out);

} // namespace chronoscope
