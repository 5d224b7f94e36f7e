#include "packager/fetch/local_hash.hpp"

#include <sys/stat.h>

#include <ctime>
#include <optional>

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
  return id;
}

bool is_sha256_hex(const std::string& text) {
  if (text.size() != 64) return false;
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace

Result<std::string> local_copy_sha256(const fs::path& file, const fs::path& cache_dir) {
  const auto before = identity_of(file);
  if (cache_dir.empty() || !before) return util::sha256_file(file);
  const fs::path record = cache_dir / "local-hashes" / util::sha256_hex(before->key);
  if (auto text = util::read_text_file(record, 128)) {
    std::string remembered = util::trim(*text);
    if (is_sha256_hex(remembered)) return remembered;
  }

  TRY_ASSIGN(std::string sha, util::sha256_file(file));
  // Recorded only if the file did not change while it was read, and is old
  // enough that a later edit must move its modification time.
  const auto after = identity_of(file);
  if (after && after->key == before->key && before->mtime_seconds + k_settle_seconds < std::time(nullptr) &&
      util::make_directories(record.parent_path()))
    (void)util::write_file_atomically(record, sha + "\n");
  return sha;
}

}  // namespace packager::fetch
