// Chronoscope core: a value quoted in a message, the one way every diagnostic shows data it is about.
//
//   QuoteExcerpt("music")                    "music"                       (with the quotes)
//   QuoteExcerpt("a \"b\"\n")                "a \"b\"\n"                   (escaped as in JSON: one line, no controls)
//   QuoteExcerpt(300,000 × "A")              "AAAA…AAAA…" (300,000 characters)
//
// A value can be as long as the input (a 300,000-character group name): a message quotes at most
// kExcerptChars characters and kExcerptBytes bytes of it, cut between two characters, then an ellipsis inside the
// quotes and the value's whole length in characters. So a message stays one short line however long the value,
// and whatever it holds: quotes, backslashes, control characters (U+0000-U+001F, U+007F-U+009F) and the
// characters that break or reorder a line (U+2028, U+2029, the bidirectional controls, U+FEFF) are written as
// JSON escapes; invalid UTF-8 as U+FFFD.
#pragma once

#include <cstddef>
#include <string>

namespace chronoscope {

static const size_t kExcerptChars = 60;    // characters of the value at most, an escape counting as one
static const size_t kExcerptBytes = 100;   // bytes between the quotes at most (escapes written out), ellipsis aside

std::string QuoteExcerpt(const char* s, size_t len);
inline std::string QuoteExcerpt(const std::string& s) { return QuoteExcerpt(s.data(), s.size()); }

} // namespace chronoscope
