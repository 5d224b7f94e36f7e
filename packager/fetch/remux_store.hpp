#pragma once
// Remuxed (or transcoded) videos kept in the cache for later builds:
//   <cache_dir>/remuxed/<key>/video.mp4    read-only
//   <cache_dir>/remuxed/<key>/entry.json   key, source URL and SHA-256, the
//                                          video's size, SHA-256 and identity,
//                                          and the caller's description
// <key> is the caller's hash of the source bytes and every setting that
// shapes the video. An entry is staged in a temporary folder and renamed
// into place whole, so two builds storing the same key at once never mix
// their files, and a reader sees a complete entry or none. A stored video
// is never handed out as is: callers copy (or clone) it, so nothing a user
// receives shares an inode with the cache.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "packager/core/error.hpp"
#include "packager/util/file_identity.hpp"

namespace packager::fetch {

struct RemuxEntry {
  std::string key;
  std::string source_url;
  std::string source_sha256;
  std::filesystem::path video;  // inside the cache: copy it, never link it
  std::uintmax_t size = 0;
  std::string sha256;  // of video.mp4
  util::FileIdentity identity;  // of video.mp4 when stored
  std::string description;  // the caller's JSON object, as stored
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
  // SHA-256 computed on the way. When another build stored the same key
  // first, theirs is kept and returned. ErrorCode::output when the cache
  // cannot be written (the caller may go on without it).
  Result<RemuxEntry> put(const std::string& key, const std::filesystem::path& video, const std::string& source_url,
                         const std::string& source_sha256, const std::string& description) const;
  // Every entry whose record parses, sorted by source URL then key; a
  // missing video gives size 0 and an empty `video`.
  std::vector<RemuxEntry> list() const;
  // Re-hashes the video: true when it matches the record.
  Result<bool> verify(const RemuxEntry& entry) const;
  void remove(const std::string& key) const;
  // Deletes interrupted stores (staging folders), entries whose record is
  // unreadable or whose video is missing, and entries whose source is not
  // in `live_sources` (SHA-256 of the sources the cache can still give).
  // Returns the number of files and bytes removed.
  std::pair<int, std::uintmax_t> prune(const std::vector<std::string>& live_sources) const;

  const std::filesystem::path& dir() const { return m_dir; }

 private:
  std::optional<RemuxEntry> read(const std::filesystem::path& entry_dir) const;
  std::filesystem::path m_dir;
};

}  // namespace packager::fetch
