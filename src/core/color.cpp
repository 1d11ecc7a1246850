// Chronoscope core: colours (see color.h).
#include "core/color.h"

namespace chronoscope {

static int Hex(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool ParseColor(const char* s, size_t len, Color32* out)
{
    if (len < 1 || s[0] != '#')
        return false;
    int d[8];
    size_t n = len - 1;
    if (n != 3 && n != 6 && n != 8)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((d[i] = Hex(s[1 + i])) < 0)
            return false;
    uint32_t r, g, b, a = 255;
    if (n == 3) {
        r = d[0] * 17; g = d[1] * 17; b = d[2] * 17;
    } else {
        r = d[0] * 16 + d[1]; g = d[2] * 16 + d[3]; b = d[4] * 16 + d[5];
        if (n == 8) a = d[6] * 16 + d[7];
    }
    *out = (a << 24) | (r << 16) | (g << 8) | b;
    if (*out == 0)
        *out = 1;  // fully transparent black is still "given"
    return true;
}

} // namespace chronoscope
