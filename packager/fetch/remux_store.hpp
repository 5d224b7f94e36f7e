#pragma once
// Remuxed (or transcoded) videos kept in the cache for later builds:
//   <cache_dir>/remuxed/<key>/video.mp4    read-only
//   <cache_dir>/remuxed/<key>/poster.jpg   the video's poster, when given
//   <cache_dir>/remuxed/<key>/entry.json   key, source URL and SHA-256, the
//                                          video's size, SHA-256 and identity,
//                                          the poster's SHA-256, and the
//                                          caller's description
// <key> is the caller's hash of the source bytes and every setting that
// shapes the video. An entry is staged in a temporary folder and renamed
// into place whole, so two builds storing the same key at once never mix
// their files, and a reader sees a complete entry or none. A stored video
// is never handed out as is: callers copy (or clone) it, so nothing a user
// receives shares an inode with the cache.
//
// A build whose outputs only copy the video's bytes (zips, backups) remuxes
// straight into a staging folder (stage(), commit()) instead of remuxing
// into its work folder and copying: one write of the video instead of
// three. Such an entry records the video's CRC-32 (the zip's own check of
// those bytes) instead of its SHA-256, which nothing of that build needs
// and which would cost one more pass over the video; `cache verify`
// checks it by CRC-32.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "packager/core/error.hpp"
#include "packager/util/atomic_file.hpp"
#include "packager/util/file_identity.hpp"
#include "packager/util/file_lock.hpp"

namespace packager::fetch {

struct RemuxEntry {
  std::string key;
  std::string source_url;
  std::string source_sha256;
  std::filesystem::path video;  // inside the cache: copy it, never link it
  std::uintmax_t size = 0;
  std::string sha256;  // of video.mp4, or "" for an entry that records its CRC-32 instead
  std::optional<std::uint32_t> crc32;  // of video.mp4, when recorded
  // poster.jpg, when the entry has one (copy it and compare its SHA-256).
  std::filesystem::path poster;
  std::string poster_sha256;
  util::FileIdentity identity;  // of video.mp4 when stored
  std::string description;  // the caller's JSON object, as stored
};

// A staging folder of the store, held by one build: the caller writes the
// video at video(), then commit() makes it an entry. Removed with what is
// in it when dropped uncommitted (a failed or interrupted build); locked
// while held, so `cache prune` leaves it alone.
class RemuxStaging {
 public:
  const std::filesystem::path& video() const { return m_video; }
  const std::string& key() const { return m_key; }

 private:
  friend class RemuxStore;
  RemuxStaging(std::string key, util::TempDir dir, util::FileLock lock)
      : m_key(std::move(key)), m_dir(std::move(dir)), m_lock(std::move(lock)), m_video(m_dir.path() / "video.mp4") {}
  std::string m_key;
  util::TempDir m_dir;
  util::FileLock m_lock;
  std::filesystem::path m_video;
};

class RemuxStore {
 public:
  explicit RemuxStore(std::filesystem::path cache_dir) : m_dir(std::move(cache_dir) / "remuxed") {}

  // The entry for `key` when it is there and its video still has its
  // recorded identity. A damaged entry (video changed, record unreadable)
  // is removed, and `problem` says why ("it was modified"); absent, it
  // stays empty.
  std::optional<RemuxEntry> find(const std::string& key, std::string* problem) const;
  // Stores a copy of `video` (cloned where possible) under `key`, with its
  // SHA-256 computed on the way, and a copy of `poster` unless it is empty. When another build stored the same key
  // first, theirs is kept and returned. ErrorCode::output when the cache
  // cannot be written (the caller may go on without it).
  Result<RemuxEntry> put(const std::string& key, const std::filesystem::path& video,
                         const std::filesystem::path& poster, const std::string& source_url,
                         const std::string& source_sha256, const std::string& description) const;
  // A new staging folder for `key`. ErrorCode::output when the cache cannot
  // be written (the caller remuxes elsewhere and may store with put()).
  Result<RemuxStaging> stage(const std::string& key) const;
  // Makes the staged video an entry, recording its size, identity and
  // `crc32` (the caller's, of the bytes it wrote), with a copy of `poster`
  // unless it is empty. Fails with
  // ErrorCode::media, storing nothing, when the video's identity is no
  // longer `written` (changed since the caller wrote it); with
  // ErrorCode::output when the cache cannot be written. When another build
  // stored the same key first, theirs is kept and returned.
  Result<RemuxEntry> commit(RemuxStaging staging, const util::FileIdentity& written, std::uint32_t crc32,
                            const std::filesystem::path& poster, const std::string& source_url, const std::string& source_sha256,
                            const std::string& description) const;
  // The entry recorded under `key` as it is, unchecked; nullopt when its
  // record is missing or unreadable.
  std::optional<RemuxEntry> entry(const std::string& key) const { return read(m_dir / key); }
  // Every entry whose record parses, sorted by source URL then key; a
  // missing video gives size 0 and an empty `video`.
  std::vector<RemuxEntry> list() const;
  // Re-hashes the video (SHA-256, or CRC-32 for an entry that records
  // only that) and the poster: true when both match the record.
  Result<bool> verify(const RemuxEntry& entry) const;
  void remove(const std::string& key) const;
  // Deletes interrupted stores (staging folders no build holds), entries whose record is
  // unreadable or whose video is missing, and entries whose source is not
  // in `live_sources` (SHA-256 of the sources the cache can still give).
  // Returns the number of files and bytes removed.
  std::pair<int, std::uintmax_t> prune(const std::vector<std::string>& live_sources) const;

  const std::filesystem::path& dir() const { return m_dir; }

 private:
  std::optional<RemuxEntry> read(const std::filesystem::path& entry_dir) const;
  Result<RemuxEntry> keep(util::TempDir& staging, const std::string& key, const std::string& sha256,
                          std::optional<std::uint32_t> crc32, const std::filesystem::path& poster,
                          const std::string& source_url,
                          const std::string& source_sha256, const std::string& description) const;
  std::filesystem::path m_dir;
};

}  // namespace packager::fetch
