#pragma once
// Writing a package zip with libzip. Entries are collected, then written in
// sorted order with a fixed timestamp, so the same inputs give the same bytes.
// The zip is built under a temporary name; commit() closes it (zip_close, the
// explicit commit step) and renames it into place. Destroying an uncommitted
// writer discards everything.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "packager/core/error.hpp"

namespace packager::archive {

enum class Compression { store, deflate };

// Media is already compressed: deflating it costs time and gains nothing.
Compression compression_for(const std::string& entry_name);

class ZipWriter {
 public:
  // Prepares to write `destination`. `mtime` is the timestamp every entry
  // gets (seconds since the epoch).
  static Result<ZipWriter> create(const std::filesystem::path& destination, std::int64_t mtime);

  ZipWriter(ZipWriter&&) noexcept;
  ZipWriter& operator=(ZipWriter&&) noexcept;
  ~ZipWriter();

  // Queues a file from disk. Names are '/'-separated and relative.
  Result<void> add_file(const std::string& name, const std::filesystem::path& source);
  Result<void> add_file(const std::string& name, const std::filesystem::path& source,
                        Compression compression);
  // Queues bytes held in memory (manifests, pages).
  Result<void> add_bytes(const std::string& name, std::string bytes);

  // Refuses (in commit) a zip larger than `max_bytes` once written; 0 = no
  // limit. An LMS refuses uploads over its limit, often without saying why.
  void set_size_limit(std::uint64_t max_bytes);
  // How messages name the package (default: its path), for a zip staged
  // under a temporary folder.
  void set_display_name(std::string name);
  // Threads that deflate the in-memory entries (pages, manifests) before
  // zip_close; the bytes are the same for any number (zip_deflate.hpp).
  void set_workers(std::size_t workers);

  // A stored entry's CRC-32 and size when the caller knows them already
  // (a cached video's record): the zip's SHA-256 is then computed while it
  // is written (zip_sink.hpp). A wrong value costs one re-read, no more.
  void expect(const std::string& name, std::uint32_t crc32, std::uint64_t size);
  // Asks for the SHA-256 of entry `name`'s bytes, computed while written.
  void hash_entry(const std::string& name);

  // Writes every entry, closes the zip, sets the UTF-8 flag on every entry
  // and renames it to the destination. ErrorCode::output naming the path on
  // failure (including a size over the limit); nothing is left behind.
  Result<void> commit();

  // After commit: the zip's SHA-256, as computed while it was written, or
  // (when a header rewrite changed bytes already hashed) by reading the
  // zip once. ErrorCode::input when that read fails.
  Result<std::string> sha256() const;
  // After commit: true when sha256() needs no read of the zip.
  bool sha256_streamed() const;
  // After commit: the SHA-256 of a hash_entry() entry's bytes ("" if none).
  std::string entry_sha256(const std::string& name) const;
  // After commit: the CRC-32 libzip recorded for a hash_entry() entry.
  std::optional<std::uint32_t> entry_crc32(const std::string& name) const;

 private:
  struct Impl;
  explicit ZipWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};


// Checks an entry name is safe in every LMS: relative, '/'-separated, no
// "..", ASCII without & < > " ' | : \ or backtick (Moodle strips those).
bool is_safe_entry_name(const std::string& name);

}  // namespace packager::archive
