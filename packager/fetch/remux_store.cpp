#include "packager/fetch/remux_store.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "packager/util/atomic_file.hpp"
#include "packager/util/copy.hpp"
#include "packager/util/fs.hpp"
#include "packager/util/sha256.hpp"

namespace packager::fetch {
namespace fs = std::filesystem;
using nlohmann::json;
namespace {

inline constexpr const char* k_video = "video.mp4";
inline constexpr const char* k_record = "entry.json";
inline constexpr const char* k_staging_prefix = ".tmp-";

std::pair<int, std::uintmax_t> remove_tree(const fs::path& dir) {
  int files = 0;
  std::uintmax_t bytes = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code size_ec;
    if (!it->is_regular_file(size_ec)) continue;
    ++files;
    bytes += it->file_size(size_ec);
  }
  fs::remove_all(dir, ec);
  return {files, bytes};
}

}  // namespace

std::optional<RemuxEntry> RemuxStore::read(const fs::path& entry_dir) const {
  auto text = util::read_text_file(entry_dir / k_record, 1024 * 1024);
  if (!text) return std::nullopt;
  const json j = json::parse(*text, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  RemuxEntry e;
  try {
    e.key = j.at("key").get<std::string>();
    e.source_url = j.at("source").at("url").get<std::string>();
    e.source_sha256 = j.at("source").at("sha256").get<std::string>();
    const json& v = j.at("video");
    e.size = v.at("size").get<std::uintmax_t>();
    e.sha256 = v.at("sha256").get<std::string>();
    e.identity = {e.size, v.at("mtime_ns").get<std::int64_t>(), v.at("inode").get<std::uint64_t>()};
    e.description = j.at("description").dump();
  } catch (const json::exception&) {
    return std::nullopt;
  }
  if (e.key != entry_dir.filename().string() || !util::is_sha256_hex(e.sha256)) return std::nullopt;
  e.video = entry_dir / k_video;
  return e;
}

std::optional<RemuxEntry> RemuxStore::find(const std::string& key, std::string* problem) const {
  const fs::path entry_dir = m_dir / key;
  std::error_code ec;
  if (!fs::is_directory(entry_dir, ec)) return std::nullopt;
  auto entry = read(entry_dir);
  std::string why;
  if (!entry)
    why = "its record is unreadable";
  else
    why = util::identity_change(entry->identity, util::file_identity(entry->video));
  if (why.empty()) return entry;
  // Dropped, so that the work is redone and the next store replaces it.
  if (problem != nullptr) *problem = why;
  remove(key);
  return std::nullopt;
}

Result<RemuxEntry> RemuxStore::put(const std::string& key, const fs::path& video, const std::string& source_url,
                                   const std::string& source_sha256, const std::string& description) const {
  TRY(util::make_directories(m_dir));
  TRY_ASSIGN(util::TempDir staging, util::TempDir::create(m_dir, k_staging_prefix));
  const fs::path staged_video = staging.path() / k_video;
  TRY_ASSIGN(const std::string sha, util::clone_or_copy(video, staged_video, /*want_sha256=*/true));
  std::error_code ec;
  // Read-only: a reminder that entries are never edited, only replaced.
  fs::permissions(staged_video, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read, ec);
  const auto identity = util::file_identity(staged_video);
  if (!identity) return fail(ErrorCode::output, fmt::format("cannot read back {}", staged_video.string()));
  json desc = json::parse(description, nullptr, false);
  if (desc.is_discarded()) desc = json::object();
  const json record{{"key", key},
                    {"source", {{"url", source_url}, {"sha256", source_sha256}}},
                    {"video",
                     {{"size", identity->size},
                      {"sha256", sha},
                      {"mtime_ns", identity->mtime_ns},
                      {"inode", identity->inode}}},
                    {"description", desc}};
  // No fsync: the video beside it is not synced either, and find() checks
  // the record against the video (size, identity) before every use.
  TRY(util::write_file_atomically(staging.path() / k_record, record.dump(2) + "\n", util::Sync::no_fsync));
  // rename(2) of a folder onto an existing non-empty one fails: the first
  // build to store the key wins and the others use its entry.
  fs::rename(staging.path(), m_dir / key, ec);
  if (!ec) staging.release();
  std::string problem;
  if (auto stored = find(key, &problem)) return *stored;
  return fail(ErrorCode::output, fmt::format("cannot store {} in the cache{}", (m_dir / key).string(),
                                             problem.empty() ? "" : ": " + problem));
}

std::vector<RemuxEntry> RemuxStore::list() const {
  std::vector<RemuxEntry> entries;
  std::error_code ec;
  for (const auto& dir : fs::directory_iterator(m_dir, ec)) {
    if (!dir.is_directory() || dir.path().filename().string().rfind(k_staging_prefix, 0) == 0) continue;
    auto entry = read(dir.path());
    if (!entry) continue;
    if (!util::file_identity(entry->video)) {
      entry->video.clear();
      entry->size = 0;
    }
    entries.push_back(std::move(*entry));
  }
  std::sort(entries.begin(), entries.end(), [](const RemuxEntry& a, const RemuxEntry& b) {
    return std::tie(a.source_url, a.key) < std::tie(b.source_url, b.key);
  });
  return entries;
}

Result<bool> RemuxStore::verify(const RemuxEntry& entry) const {
  if (entry.video.empty()) return false;
  TRY_ASSIGN(const std::string sha, util::sha256_file(entry.video));
  return sha == entry.sha256;
}

void RemuxStore::remove(const std::string& key) const { remove_tree(m_dir / key); }

std::pair<int, std::uintmax_t> RemuxStore::prune(const std::vector<std::string>& live_sources) const {
  const std::set<std::string> live(live_sources.begin(), live_sources.end());
  std::pair<int, std::uintmax_t> removed{0, 0};
  std::error_code ec;
  for (const auto& dir : fs::directory_iterator(m_dir, ec)) {
    const auto entry = read(dir.path());
    const bool keep = entry && util::file_identity(entry->video) && live.count(entry->source_sha256) != 0;
    if (keep) continue;
    const auto [files, bytes] = remove_tree(dir.path());
    removed.first += files;
    removed.second += bytes;
  }
  return removed;
}

}  // namespace packager::fetch
