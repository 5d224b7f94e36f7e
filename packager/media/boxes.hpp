#pragma once
// The top-level box structure of an ISO-BMFF (MP4) file, read from the box
// headers only (seeking over payloads), to catch a download cut between two
// fragments, which libavformat reads as a shorter but whole file.

#include <cstdint>
#include <filesystem>

#include "packager/core/error.hpp"

namespace packager::media {

// Walks the top-level boxes of `path`. Fails with ErrorCode::media when the
// last box runs past the end of the file (a truncated download, an
// incomplete last fragment). Reads a few bytes per box, never the payloads.
Result<void> check_top_level_boxes(const std::filesystem::path& path);

// Bytes of the 'free' box right after a leading 'ftyp' + 'moov' (the room
// left over by a 'moov' reservation); 0 when there is none or the file
// cannot be read.
std::uint64_t spare_room(const std::filesystem::path& path);

}  // namespace packager::media
