// Chronoscope core: which links the product may open.
//
//   IsOpenableLink("https://example.org/a")  -> true
//   IsOpenableLink("HTTP://example.org")     -> true      (the scheme in any case)
//   IsOpenableLink("javascript:alert(1)")    -> false     (and file:, data:, relative paths, "")
//
// Only http:// and https:// links open: a timeline file comes from anyone, and any other scheme could run code
// or reach local files. The loader warns about other links; the widget offers to open only these.
#pragma once

namespace chronoscope {

bool IsOpenableLink(const char* url);

} // namespace chronoscope
