// Chronoscope core: the one-line summary of a loaded file, as `chronoscope --validate` prints it.
//
//   story.json: 35 events, 10 milestones, 3 eras, 4 groups, span 13 Jun 2013 .. 21 Jul 2021
//
// N counts every event (milestones included); START and END are labelled as on the axis, at the precision
// the file gave them.
#pragma once

#include "core/model.h"

#include <string>

namespace chronoscope {

std::string ValidateSummary(const char* file, const Timeline& tl);

} // namespace chronoscope
