#pragma once
// Copies that never share bytes with their source: whatever later happens
// to the copy (an edit in place, bit rot on a stick) cannot reach the
// original, and the other way round. A copy-on-write clone (FICLONE) is the
// same guarantee at no cost where the file system offers it (Btrfs, XFS).

#include <filesystem>
#include <string>

#include "packager/core/error.hpp"

namespace packager::util {

// Writes `to` (created or truncated) as a clone of `from` where the file
// system supports it, else as a streamed copy. Returns the SHA-256 of the
// bytes when `want_sha256` is set (computed while copying; a clone is read
// once for it), else "". ErrorCode::output naming both paths on failure,
// ErrorCode::interrupted on SIGINT/SIGTERM; a failed `to` is removed.
Result<std::string> clone_or_copy(const std::filesystem::path& from, const std::filesystem::path& to,
                                  bool want_sha256);

}  // namespace packager::util
