// Chronoscope core: a whole small file as bytes.
//
// One reader for every file that is read whole and then handed on: a tile or manifest of a tiled timeline, a
// picture, a test's corpus file. (A timeline's own file goes through LoadTimelineFile, which also reads pipes and
// FIFOs and feeds the loader as the bytes come.)
//
//   std::vector<uint8_t> bytes;
//   std::string why;
//   if (!ReadFileBytes("tiles/t/0/3.bin", 64 << 20, &bytes, &why))
//       Report(why);                       // "No such file or directory", "is a directory", "file too large"
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace chronoscope {

// Reads the file at path into *out (replacing what it held). A file of more than max_bytes is refused without
// reading it (or, when its size cannot be known up front, once it passes max_bytes). On failure *out is empty and
// *why (if not null) says why, in words for a person.
bool ReadFileBytes(const char* path, size_t max_bytes, std::vector<uint8_t>* out, std::string* why);

} // namespace chronoscope
