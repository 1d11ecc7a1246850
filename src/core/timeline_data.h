// Chronoscope core: a loaded timeline with its index: what a timeline widget shows.
//
//   TimelineData d;
//   LoadTimelineFile("story.json", LoadOptions(), &d.Tl, &res);   // core/load.h
//   BuildTimelineIndex(d.Tl, &d.Index);                           // core/index.h
//
// Each TimelineData gets a serial number of its own when it is made. A widget that shows it notices new data by
// the object's address and serial: load into a fresh TimelineData, or call MarkChanged() after changing one in
// place, and every view of it starts over (selection, search matches, the fitted window).
#pragma once

#include "core/index.h"
#include "core/model.h"

#include <cstdint>

namespace chronoscope {

uint64_t NewTimelineDataSerial();   // unique per call, from any thread

struct TimelineData {
    Timeline      Tl;
    TimelineIndex Index;
    uint64_t      Serial = NewTimelineDataSerial();

    void MarkChanged() { Serial = NewTimelineDataSerial(); }
};

} // namespace chronoscope
