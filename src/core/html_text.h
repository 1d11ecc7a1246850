// Chronoscope core: markup to plain text, for the imported formats (TimelineJS3 and vis-timeline carry HTML).
//
//   PlainTextFromHtml("<b>a</b> &amp; b<br>c", ...)   -> "a & b\nc"
//
// Drops tags, turns <br>, </p>, </li>, </div> and </hN> into line breaks, decodes the common named entities and
// numeric ones, folds runs of white space and trims the ends. The result is shown as text, never interpreted.
#pragma once

#include <cstddef>
#include <string>

namespace chronoscope {

std::string PlainTextFromHtml(const char* s, size_t len);

} // namespace chronoscope
