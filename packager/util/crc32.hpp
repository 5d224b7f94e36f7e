#pragma once
// CRC-32 (zlib's, the one zip headers hold) of a file, so a video's
// checksum can be recorded once and handed to the zip writer, which then
// computes the zip's SHA-256 while it writes (archive/zip_sink.hpp).

#include <cstdint>
#include <filesystem>

#include "packager/core/error.hpp"

namespace packager::util {

// Reads `path` in 1 MiB blocks. ErrorCode::input naming it when it cannot
// be read.
Result<std::uint32_t> crc32_file(const std::filesystem::path& path);

}  // namespace packager::util
