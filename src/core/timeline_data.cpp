// Chronoscope core: a loaded timeline with its index (see timeline_data.h).
#include "core/timeline_data.h"

#include <atomic>

namespace chronoscope {

uint64_t NewTimelineDataSerial()
{
    static std::atomic<uint64_t> next{ 1 };
    return next.fetch_add(1, std::memory_order_relaxed);
}

} // namespace chronoscope
