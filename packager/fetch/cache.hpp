#pragma once
// The download cache: one data file and one JSON record per URL, written
// atomically. Layout: <root>/media/<sha256(url)>.data and .json.

#include <filesystem>
#include <optional>
#include <string>

#include "packager/core/error.hpp"

namespace packager::fetch {

struct CacheEntry {
  std::string url;
  std::string etag;
  std::string last_modified;
  std::uintmax_t size = 0;
  std::string sha256;  // of the data file
  std::filesystem::path data_path;
};

class Cache {
 public:
  explicit Cache(std::filesystem::path root) : m_root(std::move(root)) {}

  // The record for `url` when both files exist and the size matches.
  std::optional<CacheEntry> lookup(const std::string& url) const;
  // Where the data for `url` goes.
  std::filesystem::path data_path(const std::string& url) const;
  // Writes the JSON record atomically (the data file is already in place).
  Result<void> store(const CacheEntry& entry) const;
  // Removes both files of `url`.
  void remove(const std::string& url) const;
  Result<void> ensure_dirs() const;

  const std::filesystem::path& root() const { return m_root; }

 private:
  std::filesystem::path record_path(const std::string& url) const;
  std::filesystem::path m_root;
};

}  // namespace packager::fetch
