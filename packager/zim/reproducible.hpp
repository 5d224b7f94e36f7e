#pragma once
// Fixing the bytes libzim leaves random, after finishZimCreation.
//
// Each Xapian index inside a ZIM (X/fulltext/xapian, X/title/xapian) is a
// single-file glass database whose header holds a random UUID, made when
// the database was created. Nothing reads it offline; replacing it with one
// derived from the book's hash makes the file reproducible. The ZIM's MD5
// checksum is then recomputed. Like Debian's strip-nondeterminism, this
// touches only those bytes, and only after checking what they are.

#include <filesystem>
#include <string>

#include "packager/core/error.hpp"

namespace packager::zim {

// Rewrites the index UUIDs of the ZIM at `path` from `seed` and updates its
// checksum. The pass that recomputes the checksum also hashes the file for
// the build's records: returns the SHA-256 (hex) of the file as it is left,
// or "" when it has no index and was not touched. ErrorCode::internal when an index is not where and what it is
// expected to be (a libzim or Xapian whose format changed), ErrorCode::output
// when the file cannot be read or written.
Result<std::string> pin_index_uuids(const std::filesystem::path& path, const std::string& seed);

}  // namespace packager::zim
