#pragma once
// The download cache, content-addressed:
//   <root>/blobs/<sha256 of the bytes>       the media files
//   <root>/urls/<sha256 of the URL>.json     one record per URL: URL, ETag,
//                                            Last-Modified, size, SHA-256
//   <root>/partial/<sha256 of the URL>.part  downloads in progress (resumable)
//   <root>/embeds/<sha256 of the key>.json   what a PeerTube embed link
//                                            resolved to, for --offline
//   <root>/local-hashes/<sha256 of the key>  SHA-256 of --media-dir copies
//                                            (local_hash.hpp)
// Blobs arrive by rename and records by atomic write, so a crash never
// leaves a record pointing at half a file.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "packager/core/error.hpp"

namespace packager::fetch {

struct CacheEntry {
  std::string url;
  std::string etag;
  std::string last_modified;
  std::uintmax_t size = 0;
  std::string sha256;  // of the data file, which is named after it
  std::filesystem::path data_path;
};

struct PruneSummary {
  int files = 0;
  std::uintmax_t bytes = 0;
};

class Cache {
 public:
  explicit Cache(std::filesystem::path root) : m_root(std::move(root)) {}

  // The record for `url` when its blob exists with the recorded size (the
  // hash is not checked here: see verify()).
  std::optional<CacheEntry> lookup(const std::string& url) const;
  // Where a download of `url` is written before its hash is known.
  std::filesystem::path download_path(const std::string& url) const;
  // Moves a complete download into the blobs and records it (atomically).
  // ErrorCode::output when the cache cannot be written.
  Result<CacheEntry> adopt(const std::filesystem::path& file, CacheEntry entry) const;
  // Rewrites the record of entry.url (new validators after a 304).
  Result<void> store(const CacheEntry& entry) const;
  // Forgets `url` and deletes its blob.
  void remove(const std::string& url) const;
  // Remembers / recalls what a link resolved to (a PeerTube embed link and
  // a height limit, say). A failed write is ignored: it is only a shortcut.
  void store_alias(const std::string& key, const std::string& target) const;
  std::optional<std::string> lookup_alias(const std::string& key) const;
  // Every record, sorted by URL (records whose blob is missing included,
  // with size 0 and an empty data_path).
  std::vector<CacheEntry> list() const;
  // Re-hashes the blob of `entry`: true when it still matches.
  // ErrorCode::input when it cannot be read.
  Result<bool> verify(const CacheEntry& entry) const;
  // Deletes partial downloads, blobs no record points at and records whose
  // blob is gone; with `everything`, the whole cache.
  PruneSummary prune(bool everything) const;
  Result<void> ensure_dirs() const;

  const std::filesystem::path& root() const { return m_root; }

 private:
  std::filesystem::path record_path(const std::string& url) const;
  std::filesystem::path blob_path(const std::string& sha256) const;
  std::optional<CacheEntry> read_record(const std::filesystem::path& path) const;
  std::filesystem::path m_root;
};

}  // namespace packager::fetch
