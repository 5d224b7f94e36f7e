#include "packager/fetch/remux_store.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "packager/util/atomic_file.hpp"
#include "packager/util/copy.hpp"
#include "packager/util/crc32.hpp"
#include "packager/util/fs.hpp"
#include "packager/util/sha256.hpp"

namespace packager::fetch {
namespace fs = std::filesystem;
using nlohmann::json;
namespace {

inline constexpr const char* k_video = "video.mp4";
inline constexpr const char* k_poster = "poster.jpg";
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
    e.sha256 = v.value("sha256", std::string());
    if (v.contains("crc32")) e.crc32 = v.at("crc32").get<std::uint32_t>();
    e.identity = {e.size, v.at("mtime_ns").get<std::int64_t>(), v.at("inode").get<std::uint64_t>()};
    e.description = j.at("description").dump();
    if (j.contains("poster")) e.poster_sha256 = j.at("poster").at("sha256").get<std::string>();
  } catch (const json::exception&) {
    return std::nullopt;
  }
  // Every entry records a digest to verify it by: its SHA-256 or its CRC-32.
  const bool checkable = e.sha256.empty() ? e.crc32.has_value() : util::is_sha256_hex(e.sha256);
  if (e.key != entry_dir.filename().string() || !checkable) return std::nullopt;
  if (!e.poster_sha256.empty() && !util::is_sha256_hex(e.poster_sha256)) return std::nullopt;
  e.video = entry_dir / k_video;
  if (!e.poster_sha256.empty()) e.poster = entry_dir / k_poster;
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

Result<RemuxEntry> RemuxStore::put(const std::string& key, const fs::path& video, const fs::path& poster,
                                   const std::string& source_url, const std::string& source_sha256,
                                   const std::string& description) const {
  TRY(util::make_directories(m_dir));
  TRY_ASSIGN(util::TempDir staging, util::TempDir::create(m_dir, k_staging_prefix));
  TRY_ASSIGN(const std::string sha, util::clone_or_copy(video, staging.path() / k_video, /*want_sha256=*/true));
  return keep(staging, key, sha, std::nullopt, poster, source_url, source_sha256, description);
}

Result<RemuxStaging> RemuxStore::stage(const std::string& key) const {
  TRY(util::make_directories(m_dir));
  TRY_ASSIGN(util::TempDir staging, util::TempDir::create(m_dir, k_staging_prefix));
  // Held until the commit (or the build's end): prune() skips a staging
  // folder it cannot lock.
  TRY_ASSIGN(util::FileLock lock, util::FileLock::acquire(staging.path()));
  return RemuxStaging(key, std::move(staging), std::move(lock));
}

Result<RemuxEntry> RemuxStore::commit(RemuxStaging staging, const util::FileIdentity& written, std::uint32_t crc32,
                                      const fs::path& poster, const std::string& source_url, const std::string& source_sha256,
                                      const std::string& description) const {
  // The CRC-32 vouches for the bytes the caller wrote: a video changed
  // since (by another process) is not stored under it.
  const std::string why = util::identity_change(written, util::file_identity(staging.video()));
  if (!why.empty())
    return fail(ErrorCode::media, fmt::format("the staged video {} changed after it was written ({})",
                                              staging.video().string(), why));
  return keep(staging.m_dir, staging.key(), "", crc32, poster, source_url, source_sha256, description);
}

Result<RemuxEntry> RemuxStore::keep(util::TempDir& staging, const std::string& key, const std::string& sha256,
                                    std::optional<std::uint32_t> crc32, const fs::path& poster,
                                    const std::string& source_url,
                                    const std::string& source_sha256, const std::string& description) const {
  const fs::path staged_video = staging.path() / k_video;
  std::error_code ec;
  // Read-only: a reminder that entries are never edited, only replaced.
  fs::permissions(staged_video, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read, ec);
  const auto identity = util::file_identity(staged_video);
  if (!identity) return fail(ErrorCode::output, fmt::format("cannot read back {}", staged_video.string()));
  json desc = json::parse(description, nullptr, false);
  if (desc.is_discarded()) desc = json::object();
  json video{{"size", identity->size}, {"mtime_ns", identity->mtime_ns}, {"inode", identity->inode}};
  if (!sha256.empty()) video["sha256"] = sha256;
  if (crc32) video["crc32"] = *crc32;
  json record{{"key", key},
              {"source", {{"url", source_url}, {"sha256", source_sha256}}},
              {"video", video},
              {"description", desc}};
  // The poster (a few hundred kB): a later build copies it out and checks
  // its SHA-256 instead of decoding a frame of the video again.
  if (!poster.empty()) {
    const fs::path staged_poster = staging.path() / k_poster;
    TRY_ASSIGN(const std::string poster_sha, util::clone_or_copy(poster, staged_poster, /*want_sha256=*/true));
    fs::permissions(staged_poster, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read, ec);
    record["poster"] = {{"sha256", poster_sha}};
  }
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
  if (!entry.poster.empty()) {
    auto poster_sha = util::sha256_file(entry.poster);
    if (!poster_sha || *poster_sha != entry.poster_sha256) return false;
  }
  if (entry.sha256.empty()) {
    if (!entry.crc32) return false;
    TRY_ASSIGN(const std::uint32_t crc, util::crc32_file(entry.video));
    return crc == *entry.crc32;
  }
  TRY_ASSIGN(const std::string sha, util::sha256_file(entry.video));
  return sha == entry.sha256;
}

void RemuxStore::remove(const std::string& key) const { remove_tree(m_dir / key); }

std::pair<int, std::uintmax_t> RemuxStore::prune(const std::vector<std::string>& live_sources) const {
  const std::set<std::string> live(live_sources.begin(), live_sources.end());
  std::pair<int, std::uintmax_t> removed{0, 0};
  std::error_code ec;
  for (const auto& dir : fs::directory_iterator(m_dir, ec)) {
    // A staging folder a running build holds is not an interrupted one.
    if (dir.path().filename().string().rfind(k_staging_prefix, 0) == 0 && !util::FileLock::try_acquire(dir.path()))
      continue;
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
