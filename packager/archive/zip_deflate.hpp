#pragma once
// Deflating a zip's in-memory entries before zip_close, on several threads.
// libzip compresses one entry after another on the thread that closes the
// zip: for a 92-lesson course, 2.7 MB of pages at level 9, 0.1 s that did
// not shrink with -j. Deflated here with libzip's own parameters (level 9,
// memLevel 9, a raw 15-bit window), the bytes are the ones libzip writes,
// and libzip copies them into the zip as they are.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <zip.h>

namespace packager::archive {

struct Deflated {
  std::string data;         // raw deflate stream
  std::uint32_t crc32 = 0;  // of the original bytes
  std::uint64_t size = 0;   // of the original bytes
};

// Deflates each of `inputs` on up to `workers` threads (the caller's one of
// them). An entry comes back nullopt when deflating does not make it smaller
// or zlib fails (out of memory): libzip then handles it as it always has.
std::vector<std::optional<Deflated>> deflate_entries(const std::vector<std::string_view>& inputs,
                                                     std::size_t workers);

// A libzip source giving `entry` as data already deflated, which zip_close
// copies without compressing again. `entry` must outlive zip_close. nullptr
// (with zip's error set) on failure.
zip_source_t* deflated_source(zip_t* zip, const Deflated& entry);

}  // namespace packager::archive
