#include "packager/fetch/local_hash.hpp"

#include <sys/stat.h>

#include <ctime>
#include <algorithm>
#include <optional>

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "packager/util/atomic_file.hpp"
#include "packager/util/fs.hpp"
#include "packager/util/sha256.hpp"
#include "packager/util/text.hpp"

namespace packager::fetch {
namespace fs = std::filesystem;
namespace {

// Two seconds covers coarse file system timestamps (FAT, some network file
// systems) as well as the nanosecond ones.
constexpr std::time_t k_settle_seconds = 2;

struct Identity {
  std::string key;
  std::string absolute;
  std::time_t mtime_seconds = 0;
};

std::optional<Identity> identity_of(const fs::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return std::nullopt;
  std::error_code ec;
  const fs::path absolute = fs::absolute(file, ec);
  Identity id;
  id.key = fmt::format("{}\n{}\n{}.{:09}\n{}\n{}", ec ? file.string() : absolute.string(), st.st_size,
                       st.st_mtim.tv_sec, st.st_mtim.tv_nsec, st.st_ino, st.st_dev);
  id.mtime_seconds = st.st_mtim.tv_sec;
  id.absolute = ec ? file.string() : absolute.string();
  return id;
}

std::optional<LocalHashRecord> read_record(const fs::path& record) {
  auto text = util::read_text_file(record, 64 * 1024);
  if (!text) return std::nullopt;
  const auto j = nlohmann::json::parse(*text, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  LocalHashRecord r;
  r.record = record;
  r.file = j.value("path", "");
  r.sha256 = j.value("sha256", "");
  r.identity = {j.value("size", std::uintmax_t{0}), j.value("mtime_ns", std::int64_t{0}),
                j.value("inode", std::uint64_t{0})};
  return r;
}

}  // namespace

Result<std::string> local_copy_sha256(const fs::path& file, const fs::path& cache_dir) {
  const auto before = identity_of(file);
  if (cache_dir.empty() || !before) return util::sha256_file(file);
  const fs::path record = cache_dir / "local-hashes" / util::sha256_hex(before->key);
  if (auto remembered = read_record(record); remembered && util::is_sha256_hex(remembered->sha256))
    return remembered->sha256;

  TRY_ASSIGN(std::string sha, util::sha256_file(file));
  // Recorded only if the file did not change while it was read, and is old
  // enough that a later edit must move its modification time.
  const auto after = identity_of(file);
  if (after && after->key == before->key && before->mtime_seconds + k_settle_seconds < std::time(nullptr) &&
      util::make_directories(record.parent_path())) {
    const auto id = util::file_identity(file);
    if (!id) return sha;
    const nlohmann::json j{{"path", before->absolute},
                           {"size", id->size},
                           {"mtime_ns", id->mtime_ns},
                           {"inode", id->inode},
                           {"sha256", sha}};
    (void)util::write_file_atomically(record, j.dump(2) + "\n", util::Sync::no_fsync);
  }
  return sha;
}

std::vector<LocalHashRecord> list_local_hashes(const fs::path& cache_dir) {
  std::vector<LocalHashRecord> records;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(cache_dir / "local-hashes", ec))
    if (auto r = read_record(entry.path()); r && util::is_sha256_hex(r->sha256)) records.push_back(std::move(*r));
  std::sort(records.begin(), records.end(),
            [](const LocalHashRecord& a, const LocalHashRecord& b) { return a.file < b.file; });
  return records;
}

}  // namespace packager::fetch
