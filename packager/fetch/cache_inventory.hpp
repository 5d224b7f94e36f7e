#pragma once
// Every kind of cache entry seen as one inventory, for `packager cache
// ls|verify|prune`: downloads (blobs + URL records), remuxed videos
// (remux_store.hpp) and remembered hashes of local copies (local_hash.hpp).

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "packager/core/error.hpp"
#include "packager/fetch/cache.hpp"

namespace packager::fetch {

enum class CacheKind { download, remuxed, local_hash };

const char* to_string(CacheKind kind);  // "download", "remuxed", "local"

struct CacheItem {
  CacheKind kind = CacheKind::download;
  // SHA-256 (hex), or "crc32:<8 hex digits>" for a remuxed video whose
  // entry records its CRC-32 instead (remux_store.hpp).
  std::string digest;
  std::uintmax_t size = 0;  // 0 when the data is missing
  bool missing = false;
  // download: its URL; remuxed: "from <source URL>"; local: the file's path.
  std::string name;
  std::string id;  // what remove_item() needs: URL, remux key, record path
};

// Downloads, then remuxed videos, then local hashes, each sorted by name.
std::vector<CacheItem> list_cache(const std::filesystem::path& root);

// Re-hashes the data of `item`: "" when intact, else why not ("SHA-256
// mismatch", "CRC-32 mismatch", "data missing", "the file changed since it was hashed").
std::string check_item(const std::filesystem::path& root, const CacheItem& item);

// Deletes one entry (its data and record).
void remove_item(const std::filesystem::path& root, const CacheItem& item);

// Deletes partial downloads, unreferenced blobs, remuxed videos whose source
// the cache no longer has (neither a download nor a local copy that is still
// as it was hashed), records of local copies that changed or are gone, and
// interrupted stores; with `everything`, the whole cache.
PruneSummary prune_cache(const std::filesystem::path& root, bool everything);

}  // namespace packager::fetch
