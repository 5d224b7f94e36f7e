#pragma once
// The SHA-256 of a user's local copy of a video (--media-dir), remembered in
// the cache by the file's identity so an unchanged copy is not read again on
// every build:
//   <cache_dir>/local-hashes/<sha256 of "path size mtime inode device">
// Each record is JSON: the file's path, size, mtime (ns), inode and SHA-256,
// so `packager cache verify` can re-hash the file and `cache ls` list it.

#include <filesystem>
#include <string>

#include <vector>

#include "packager/core/error.hpp"
#include "packager/util/file_identity.hpp"

namespace packager::fetch {

// The SHA-256 of `file`: the remembered one when its path, size, modification
// time (ns), inode and device match a record, else computed and recorded
// (unless `cache_dir` is empty, or the file changed within the last seconds,
// where a same-size edit in the same clock tick could go unnoticed). Fails
// only when the file cannot be read (ErrorCode::io naming it); a record that
// cannot be written is skipped.
Result<std::string> local_copy_sha256(const std::filesystem::path& file, const std::filesystem::path& cache_dir);

// One remembered hash.
struct LocalHashRecord {
  std::filesystem::path record;  // the record file in the cache
  std::filesystem::path file;    // the user's copy it describes
  std::string sha256;
  util::FileIdentity identity;   // of `file` when it was hashed
};

// Every readable record under <cache_dir>/local-hashes, sorted by path.
std::vector<LocalHashRecord> list_local_hashes(const std::filesystem::path& cache_dir);

}  // namespace packager::fetch
