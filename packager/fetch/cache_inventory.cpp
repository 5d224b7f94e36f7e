#include "packager/fetch/cache_inventory.hpp"

#include <fmt/format.h>

#include "packager/fetch/local_hash.hpp"
#include "packager/fetch/remux_store.hpp"
#include "packager/util/file_identity.hpp"
#include "packager/util/sha256.hpp"

namespace packager::fetch {
namespace fs = std::filesystem;

const char* to_string(CacheKind kind) {
  switch (kind) {
    case CacheKind::download: return "download";
    case CacheKind::remuxed: return "remuxed";
    case CacheKind::local_hash: return "local";
  }
  return "?";
}

std::vector<CacheItem> list_cache(const fs::path& root) {
  std::vector<CacheItem> items;
  for (const auto& e : Cache(root).list())
    items.push_back({CacheKind::download, e.sha256, e.size, e.data_path.empty(), e.url, e.url});
  for (const auto& e : RemuxStore(root).list()) {
    const std::string digest = e.sha256.empty() && e.crc32 ? fmt::format("crc32:{:08x}", *e.crc32) : e.sha256;
    items.push_back({CacheKind::remuxed, digest, e.size, e.video.empty(), "from " + e.source_url, e.key});
  }
  for (const auto& r : list_local_hashes(root)) {
    const bool gone = !util::file_identity(r.file);
    items.push_back({CacheKind::local_hash, r.sha256, gone ? 0 : r.identity.size, gone, r.file.string(),
                     r.record.string()});
  }
  return items;
}

std::string check_item(const fs::path& root, const CacheItem& item) {
  if (item.missing) return "data missing";
  switch (item.kind) {
    case CacheKind::download: {
      const Cache cache(root);
      auto entry = cache.lookup(item.id);
      if (!entry) return "data missing";
      auto ok = cache.verify(*entry);
      return ok && *ok ? "" : "SHA-256 mismatch";
    }
    case CacheKind::remuxed: {
      const RemuxStore store(root);
      const auto e = store.entry(item.id);
      if (!e) return "data missing";
      auto ok = store.verify(*e);
      if (ok && *ok) return "";
      return e->sha256.empty() ? "CRC-32 mismatch" : "SHA-256 mismatch";
    }
    case CacheKind::local_hash: {
      for (const auto& r : list_local_hashes(root)) {
        if (r.record.string() != item.id) continue;
        // A file edited since is not damage: its record is just stale, and
        // the next build hashes it again.
        if (util::file_identity(r.file) != r.identity) return {};
        auto sha = util::sha256_file(r.file);
        return sha && *sha == r.sha256 ? "" : "SHA-256 mismatch";
      }
      return "data missing";
    }
  }
  return {};
}

void remove_item(const fs::path& root, const CacheItem& item) {
  std::error_code ec;
  switch (item.kind) {
    case CacheKind::download: Cache(root).remove(item.id); break;
    case CacheKind::remuxed: RemuxStore(root).remove(item.id); break;
    case CacheKind::local_hash: fs::remove(item.id, ec); break;
  }
}

PruneSummary prune_cache(const fs::path& root, bool everything) {
  const Cache cache(root);
  PruneSummary summary = cache.prune(everything);
  std::vector<std::string> live;
  for (const auto& e : cache.list())
    if (!e.data_path.empty()) live.push_back(e.sha256);
  std::error_code ec;
  for (const auto& r : list_local_hashes(root)) {
    if (!everything && util::file_identity(r.file) == r.identity) {
      live.push_back(r.sha256);
      continue;
    }
    if (fs::remove(r.record, ec)) ++summary.files;
  }
  // With `everything`, no source is live: every remuxed entry goes.
  const auto [files, bytes] = RemuxStore(root).prune(everything ? std::vector<std::string>{} : live);
  summary.files += files;
  summary.bytes += bytes;
  if (everything) {
    for (const char* dir : {"locks", "remuxed", "local-hashes"}) {
      for (const auto& file : fs::directory_iterator(root / dir, ec))
        if (fs::remove(file.path(), ec)) ++summary.files;
      fs::remove(root / dir, ec);
    }
  }
  return summary;
}

}  // namespace packager::fetch
