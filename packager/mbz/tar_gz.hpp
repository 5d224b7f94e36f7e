#pragma once
// A reproducible .tar.gz, the container of a Moodle backup (.mbz), written
// and read with libarchive.
//
// Written as plain POSIX ustar (never pax or GNU extension headers: Moodle's
// own extractor, lib/filestorage/tgz_extractor.php, knows only ustar), with
// one mtime, owner 0/0 without names, mode 0644, entries in the order they
// are added, and a gzip header without a timestamp: the same calls give the
// same bytes. The file is written under a temporary name; commit() closes
// the archive (archive_write_close, the explicit commit step) and renames
// it into place. Destroying an uncommitted writer removes the temporary.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "packager/core/error.hpp"

namespace packager::mbz {

class TarGzWriter {
 public:
  // Prepares `destination`; every entry gets `mtime` (seconds since the
  // epoch). Messages name `display_name` (where the file will end up, for
  // one staged elsewhere), else the path. ErrorCode::output.
  static Result<TarGzWriter> create(const std::filesystem::path& destination, std::int64_t mtime,
                                    const std::string& display_name = {});

  TarGzWriter(TarGzWriter&&) noexcept;
  TarGzWriter& operator=(TarGzWriter&&) noexcept;
  ~TarGzWriter();

  // Adds one regular file. Names are '/'-separated and relative; a name
  // ustar cannot hold (over 255 bytes, or no '/' to split it at 100) and a
  // file of 8 GiB or more fail with ErrorCode::output.
  Result<void> add_bytes(const std::string& name, std::string_view bytes);
  Result<void> add_file(const std::string& name, const std::filesystem::path& source);

  // Closes the archive and renames it to the destination. ErrorCode::output
  // naming the path; nothing is left behind on failure.
  Result<void> commit();

 private:
  struct Impl;
  explicit TarGzWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

// One entry of a tar.gz being read.
struct TarEntry {
  std::string name;         // as stored, never used as a path
  std::uint64_t size = 0;
  bool regular = true;      // false: a directory or any other type
  std::int64_t mtime = 0;
};

// The data of the entry being visited: read it into memory (at most
// `max_bytes`, ErrorCode::input when larger), or stream it block by block
// to `sink` (whose error stops the read). Only one of the two, once.
struct TarData {
  std::function<Result<std::string>(std::uint64_t max_bytes)> read;
  std::function<Result<void>(const std::function<Result<void>(std::string_view)>& sink)> stream;
};

// Reads a .tar.gz entry by entry, without extracting anything. `visit` gets
// each entry and its data and returns false to stop. ErrorCode::input
// naming `path` when it is not a readable tar.gz.
Result<void> read_tar(const std::filesystem::path& path,
                      const std::function<Result<bool>(const TarEntry&, const TarData&)>& visit);

// Reads the whole gzip stream of `path` with zlib and checks its CRC-32 and
// length (libarchive's reader does not). ErrorCode::input "damaged gzip
// stream (<zlib's reason>)" when damaged or truncated (the caller names the
// file), or "<path>: not gzip-compressed".
Result<void> check_gzip(const std::filesystem::path& path);

}  // namespace packager::mbz
