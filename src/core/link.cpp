// Chronoscope core: which links the product opens (see link.h).
#include "core/link.h"

#include <strings.h>

namespace chronoscope {

bool IsOpenableLink(const char* url)
{
    return url && (strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "https://", 8) == 0);
}

} // namespace chronoscope
