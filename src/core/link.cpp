// Chronoscope core: which links the product may open (see link.h).
#include "core/link.h"

namespace chronoscope {

// s starts with prefix (lower-case ASCII), letters compared in either case.
static bool StartsWithNoCase(const char* s, const char* prefix)
{
    for (; *prefix; s++, prefix++) {
        char c = *s;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != *prefix)
            return false;
    }
    return true;
}

bool IsOpenableLink(const char* url)
{
    return url && (StartsWithNoCase(url, "http://") || StartsWithNoCase(url, "https://"));
}

} // namespace chronoscope
