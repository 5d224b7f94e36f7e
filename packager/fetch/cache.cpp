#include "packager/fetch/cache.hpp"

#include <nlohmann/json.hpp>

#include "packager/util/atomic_file.hpp"
#include "packager/util/fs.hpp"
#include "packager/util/sha256.hpp"

namespace packager::fetch {
namespace fs = std::filesystem;

fs::path Cache::data_path(const std::string& url) const {
  return m_root / "media" / (util::sha256_hex(url) + ".data");
}

fs::path Cache::record_path(const std::string& url) const {
  return m_root / "media" / (util::sha256_hex(url) + ".json");
}

Result<void> Cache::ensure_dirs() const { return util::make_directories(m_root / "media"); }

std::optional<CacheEntry> Cache::lookup(const std::string& url) const {
  auto text = util::read_text_file(record_path(url));
  if (!text) return std::nullopt;
  const auto json = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return std::nullopt;
  CacheEntry entry;
  entry.url = json.value("url", "");
  entry.etag = json.value("etag", "");
  entry.last_modified = json.value("last_modified", "");
  entry.size = json.value("size", std::uintmax_t{0});
  entry.sha256 = json.value("sha256", "");
  entry.data_path = data_path(url);
  std::error_code ec;
  // A record whose data is missing or of another size is stale: ignore it.
  if (entry.url != url || fs::file_size(entry.data_path, ec) != entry.size || ec)
    return std::nullopt;
  return entry;
}

Result<void> Cache::store(const CacheEntry& entry) const {
  const nlohmann::json json = {{"url", entry.url},
                               {"etag", entry.etag},
                               {"last_modified", entry.last_modified},
                               {"size", entry.size},
                               {"sha256", entry.sha256}};
  return util::write_file_atomically(record_path(entry.url), json.dump(2) + "\n");
}

void Cache::remove(const std::string& url) const {
  std::error_code ec;
  fs::remove(record_path(url), ec);
  fs::remove(data_path(url), ec);
}

}  // namespace packager::fetch
