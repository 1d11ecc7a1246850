// Chronoscope core: the data model (see model.h).
#include "core/model.h"

namespace chronoscope {

StrId StringPool::Add(const char* s, size_t len)
{
    if (len == 0)
        return 0;
    size_t at = Bytes.size();
    if (at + len + 1 > 0xFFFFFFFFu)
        return 0;  // the pool is full (4 GiB of text): the string is dropped rather than the program
    Bytes.append(s, len);
    Bytes.push_back('\0');
    return (StrId)at;
}

} // namespace chronoscope
