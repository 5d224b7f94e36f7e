#pragma once
// Reading someone else's zip without trusting it (for `packager validate`):
// the entry list comes from the central directory, sizes are checked
// against limits before anything is decompressed, and entries are read into
// memory with a cap. Nothing is ever written to disk by this class, so an
// entry named "../../x" cannot escape anywhere (zip-slip).

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "packager/core/error.hpp"

namespace packager::archive {

struct ZipLimits {
  std::uint64_t max_entries = 100000;
  std::uint64_t max_total_bytes = 16ull * 1024 * 1024 * 1024;  // uncompressed, all entries
  // An entry inflating more than this many times over is a zip bomb (real
  // text compresses ~10x; media barely at all)...
  double max_ratio = 200;
  // ...unless it is small: tiny runs of spaces compress absurdly well.
  std::uint64_t ratio_floor_bytes = 1024 * 1024;
};

struct ZipEntryInfo {
  std::string name;  // as stored, never normalised
  std::uint64_t size = 0;             // uncompressed, as declared
  std::uint64_t compressed_size = 0;
  bool directory = false;             // name ends with '/'
};

class ZipReader {
 public:
  // Opens `path` and checks the declared sizes against `limits`.
  // ErrorCode::input "<path>: not a zip file (…)" or "<path>: refusing …:
  // looks like a zip bomb (…)".
  static Result<ZipReader> open(const std::filesystem::path& path, const ZipLimits& limits = {});

  ZipReader(ZipReader&&) noexcept;
  ZipReader& operator=(ZipReader&&) noexcept;
  ~ZipReader();

  const std::vector<ZipEntryInfo>& entries() const;

  // Reads entry `name` into memory, at most `max_bytes` (decompressed bytes
  // are counted as they come, whatever the header declared). ErrorCode::input
  // when missing, damaged or larger than `max_bytes`.
  Result<std::string> read(const std::string& name, std::uint64_t max_bytes) const;

 private:
  struct Impl;
  explicit ZipReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace packager::archive
