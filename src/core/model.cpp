// Chronoscope core: the data model (see model.h).
#include "core/model.h"

#include <algorithm>
#include <cstring>

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

int FindEvent(const Timeline& tl, const char* id)
{
    if (!id || !id[0])
        return -1;
    for (size_t i = 0; i < tl.Events.size(); i++)
        if (tl.Events[i].Id && strcmp(tl.Str(tl.Events[i].Id), id) == 0)
            return (int)i;
    return -1;
}

size_t FirstEventFrom(const Timeline& tl, Instant t)
{
    return (size_t)(std::lower_bound(tl.Events.begin(), tl.Events.end(), t,
                                     [](const Event& e, Instant x) { return e.Start() < x; }) - tl.Events.begin());
}

} // namespace chronoscope
