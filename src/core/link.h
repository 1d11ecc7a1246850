// Chronoscope core: which links the product opens.
//
// Only http:// and https:// links are ever opened (the scheme in any case); anything else (javascript:, data:,
// file:, a relative path) is shown as text and never followed.
#pragma once

namespace chronoscope {

bool IsOpenableLink(const char* url);

} // namespace chronoscope
