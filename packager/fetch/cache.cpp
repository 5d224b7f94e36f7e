#include "packager/fetch/cache.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "packager/util/atomic_file.hpp"
#include "packager/util/fs.hpp"
#include "packager/util/sha256.hpp"

namespace packager::fetch {
namespace fs = std::filesystem;

fs::path Cache::download_path(const std::string& url) const {
  return m_root / "partial" / util::sha256_hex(url);
}

fs::path Cache::record_path(const std::string& url) const {
  return m_root / "urls" / (util::sha256_hex(url) + ".json");
}

fs::path Cache::lock_path(const std::string& url) const {
  return m_root / "locks" / (util::sha256_hex(url) + ".lock");
}

fs::path Cache::blob_path(const std::string& sha256) const { return m_root / "blobs" / sha256; }

Result<void> Cache::ensure_dirs() const {
  for (const char* dir : {"blobs", "urls", "partial"}) TRY(util::make_directories(m_root / dir));
  return {};
}

std::optional<CacheEntry> Cache::read_record(const fs::path& path) const {
  auto text = util::read_text_file(path, 1024 * 1024);
  if (!text) return std::nullopt;
  const auto json = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return std::nullopt;
  CacheEntry entry;
  entry.url = json.value("url", "");
  entry.etag = json.value("etag", "");
  entry.last_modified = json.value("last_modified", "");
  entry.size = json.value("size", std::uintmax_t{0});
  entry.sha256 = json.value("sha256", "");
  // The hash names a file: accept nothing but 64 hex digits.
  if (entry.sha256.size() != 64 || entry.sha256.find_first_not_of("0123456789abcdef") != std::string::npos)
    return std::nullopt;
  entry.data_path = blob_path(entry.sha256);
  if (json.contains("mtime_ns") && json.contains("inode"))
    entry.identity = util::FileIdentity{entry.size, json.value("mtime_ns", std::int64_t{0}),
                                        json.value("inode", std::uint64_t{0})};
  return entry;
}

std::string Cache::changed(const CacheEntry& entry) const {
  if (!entry.identity) return {};
  return util::identity_change(*entry.identity, util::file_identity(entry.data_path));
}

std::optional<CacheEntry> Cache::lookup(const std::string& url) const {
  auto entry = read_record(record_path(url));
  std::error_code ec;
  // A record whose data is missing or of another size is stale: ignore it.
  if (!entry || entry->url != url || fs::file_size(entry->data_path, ec) != entry->size || ec)
    return std::nullopt;
  return entry;
}

Result<CacheEntry> Cache::adopt(const fs::path& file, CacheEntry entry) const {
  TRY(ensure_dirs());
  entry.data_path = blob_path(entry.sha256);
  std::error_code ec;
  // Same bytes under another URL: keep the blob already there when it is
  // intact, so the other URL's record (and its identity) stays valid.
  bool kept = false;
  if (fs::file_size(entry.data_path, ec) == entry.size && !ec) {
    auto existing = util::sha256_file(entry.data_path);
    kept = existing && *existing == entry.sha256;
  }
  if (kept)
    fs::remove(file, ec);
  else
    fs::rename(file, entry.data_path, ec);
  if (ec)
    return fail(ErrorCode::output, fmt::format("cannot move {} into the cache: {}", file.string(), ec.message()));
  entry.identity = util::file_identity(entry.data_path);
  TRY(store(entry));
  return entry;
}

Result<void> Cache::store(const CacheEntry& entry) const {
  nlohmann::json json = {{"url", entry.url},
                         {"etag", entry.etag},
                         {"last_modified", entry.last_modified},
                         {"size", entry.size},
                         {"sha256", entry.sha256}};
  if (entry.identity) {
    json["mtime_ns"] = entry.identity->mtime_ns;
    json["inode"] = entry.identity->inode;
  }
  // No fsync: the blob itself is not synced either (download.cpp), and a
  // record is checked against its blob (size, identity) before every use.
  return util::write_file_atomically(record_path(entry.url), json.dump(2) + "\n", util::Sync::no_fsync);
}

void Cache::remove(const std::string& url) const {
  std::error_code ec;
  if (auto entry = read_record(record_path(url))) fs::remove(entry->data_path, ec);
  fs::remove(record_path(url), ec);
}

void Cache::store_alias(const std::string& key, const std::string& target) const {
  if (!util::make_directories(m_root / "embeds")) return;
  const nlohmann::json json = {{"key", key}, {"target", target}};
  (void)util::write_file_atomically(m_root / "embeds" / (util::sha256_hex(key) + ".json"), json.dump(2) + "\n",
                                    util::Sync::no_fsync);
}

std::optional<std::string> Cache::lookup_alias(const std::string& key) const {
  auto text = util::read_text_file(m_root / "embeds" / (util::sha256_hex(key) + ".json"), 64 * 1024);
  if (!text) return std::nullopt;
  const auto json = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object() || json.value("key", "") != key || json.value("target", "").empty()) return std::nullopt;
  return json.value("target", "");
}

std::vector<CacheEntry> Cache::list() const {
  std::vector<CacheEntry> entries;
  std::error_code ec;
  for (const auto& file : fs::directory_iterator(m_root / "urls", ec)) {
    if (file.path().extension() != ".json") continue;
    auto entry = read_record(file.path());
    if (!entry) continue;
    std::error_code size_ec;
    const auto size = fs::file_size(entry->data_path, size_ec);
    if (size_ec || size != entry->size) {
      entry->size = 0;
      entry->data_path.clear();
    }
    entries.push_back(std::move(*entry));
  }
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.url < b.url; });
  return entries;
}

Result<bool> Cache::verify(const CacheEntry& entry) const {
  TRY_ASSIGN(const std::string sha, util::sha256_file(entry.data_path));
  return sha == entry.sha256;
}

PruneSummary Cache::prune(bool everything) const {
  PruneSummary summary;
  std::set<fs::path> referenced;
  std::error_code ec;
  for (const auto& file : fs::directory_iterator(m_root / "urls", ec)) {
    auto entry = read_record(file.path());
    std::error_code size_ec;
    if (!everything && entry && fs::file_size(entry->data_path, size_ec) == entry->size && !size_ec) {
      referenced.insert(entry->data_path);
      continue;
    }
    std::error_code rm_ec;
    if (fs::remove(file.path(), rm_ec)) ++summary.files;
  }
  for (const char* dir : {"blobs", "partial", "embeds", "local-hashes", "media-streams"}) {
    // Small: embeds for --offline, hashes of --media-dir copies, whether a
    // video has sound (pipeline/stream_memo.hpp).
    const std::string_view name(dir);
    if (!everything && (name == "embeds" || name == "local-hashes" || name == "media-streams")) continue;
    for (const auto& file : fs::directory_iterator(m_root / dir, ec)) {
      if (referenced.count(file.path()) != 0) continue;
      std::error_code rm_ec;
      const auto size = fs::file_size(file.path(), rm_ec);
      if (fs::remove(file.path(), rm_ec)) {
        ++summary.files;
        summary.bytes += size;
      }
    }
  }
  return summary;
}

}  // namespace packager::fetch
