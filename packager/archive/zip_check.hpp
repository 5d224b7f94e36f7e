#pragma once
// Checking a finished zip's internal integrity: its central directory is
// consistent and every entry decompresses to the CRC-32 it records.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "packager/core/error.hpp"

namespace packager::archive {

struct ZipCheck {
  std::uint64_t entries = 0;               // how many entries were read
  std::vector<std::string> bad_entries;    // "name: reason" for each that failed
};

// Opens `zip` read-only with consistency checks and reads every entry to its
// end, streaming (memory stays flat), so libzip verifies each CRC. Entries
// that fail are listed in the result. ErrorCode::input naming the file when
// it is not a readable zip at all.
Result<ZipCheck> check_zip(const std::filesystem::path& zip);

}  // namespace packager::archive
