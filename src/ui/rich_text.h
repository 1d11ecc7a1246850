// Chronoscope widget part: an event's formatted text (a TimelineJS3 text's HTML read by core/html_text.h) drawn
// with Dear ImGui, for the details panel. Written with the public API (chronoscope.h) and Dear ImGui only.
#pragma once

#include "core/model.h"

#include <cstddef>

namespace chronoscope {

// Draws event e's formatted text at the cursor, wrapped to the content width, and moves the cursor below it: bold
// in the bold font, italic slanted, links in the accent colour and underlined (a click asks to open them, see
// OpenTimelineLink), list items indented behind a bullet or their number. Draws at most max_chars characters;
// *more tells whether some were left. False, drawing nothing, when the event has no formatted text.
bool TimelineRichText(const Timeline& tl, const Event& e, size_t max_chars, bool* more);
// The same for any such HTML (the title card's Timeline::DescriptionHtml); false for an empty one.
bool TimelineRichTextHtml(const char* html, size_t max_chars, bool* more);

} // namespace chronoscope
