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
//   <root>/media-streams/<sha256>.json       whether a video has sound
//                                            (pipeline/stream_memo.hpp)
//   <root>/remuxed/<key>/                    remuxed videos (remux_store.hpp)
//   <root>/locks/<sha256 of the URL>.lock    held while a URL is fetched
// Blobs arrive by rename and records by atomic write, so a crash never
// leaves a record pointing at half a file. Each record also keeps the
// blob's identity (size, mtime, inode) as it was written: a blob changed
// since (edited in place, replaced) is noticed with one stat() before use.
// Two builds sharing the cache take turns on a URL (its lock), so each
// video is downloaded once and no part file is written by two at a time.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "packager/core/error.hpp"
#include "packager/util/fs.hpp"
#include "packager/util/file_identity.hpp"
#include "packager/util/file_lock.hpp"

namespace packager::fetch {

struct CacheEntry {
  std::string url;
  std::string etag;
  std::string last_modified;
  std::uintmax_t size = 0;
  std::string sha256;  // of the data file, which is named after it
  std::filesystem::path data_path;
  // The blob as it was when recorded; nullopt in records written by older
  // versions (then the blob is re-hashed once and the record completed).
  std::optional<util::FileIdentity> identity;
};

struct PruneSummary {
  int files = 0;
  std::uintmax_t bytes = 0;
};

class Cache {
 public:
  explicit Cache(std::filesystem::path root) : m_root(std::move(root)) {}

  // The record for `url` when its blob exists with the recorded size (the
  // hash is not checked here: see changed() and verify()).
  std::optional<CacheEntry> lookup(const std::string& url) const;
  // How the blob of `entry` differs from its recorded identity ("it was
  // modified"...), or "" when it is as recorded. Costs one stat().
  std::string changed(const CacheEntry& entry) const;
  // Takes the lock of `url` (waiting for another build fetching it; `on_wait`
  // says so). ErrorCode::output, or ErrorCode::interrupted while waiting.
  template <typename OnWait>
  Result<util::FileLock> lock(const std::string& url, OnWait&& on_wait) const {
    TRY(util::make_directories(m_root / "locks"));
    return util::FileLock::acquire(lock_path(url), std::forward<OnWait>(on_wait));
  }
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
  std::filesystem::path lock_path(const std::string& url) const;
  std::filesystem::path blob_path(const std::string& sha256) const;
  std::optional<CacheEntry> read_record(const std::filesystem::path& path) const;
  std::filesystem::path m_root;
};

}  // namespace packager::fetch
