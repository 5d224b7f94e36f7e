#pragma once
// A file's identity as the file system sees it: size, modification time in
// nanoseconds and inode. Recorded when a cache entry or an output is
// written, and compared before it is reused: any write to the file (an edit
// in place, a truncation, a replacement) changes at least one of them, and
// checking costs one stat() instead of reading the whole file.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace packager::util {

struct FileIdentity {
  std::uintmax_t size = 0;
  std::int64_t mtime_ns = 0;
  std::uint64_t inode = 0;
  bool operator==(const FileIdentity&) const = default;
};

// The identity of `path` (following symlinks); nullopt when it cannot be
// stat()ed or is not a regular file.
std::optional<FileIdentity> file_identity(const std::filesystem::path& path);

// What differs between a recorded identity and the current one, for a
// warning: "its size changed (10 -> 12 bytes)", "it was modified",
// "it was replaced by another file", "it is missing". Empty when equal.
std::string identity_change(const FileIdentity& recorded, const std::optional<FileIdentity>& now);

}  // namespace packager::util
