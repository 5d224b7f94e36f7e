#include "packager/util/file_identity.hpp"

#include <sys/stat.h>

#include <fmt/format.h>

namespace packager::util {

std::optional<FileIdentity> file_identity(const std::filesystem::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return FileIdentity{static_cast<std::uintmax_t>(st.st_size),
                      static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec,
                      static_cast<std::uint64_t>(st.st_ino)};
}

std::string identity_change(const FileIdentity& recorded, const std::optional<FileIdentity>& now) {
  if (!now) return "it is missing";
  if (now->size != recorded.size) return fmt::format("its size changed ({} -> {} bytes)", recorded.size, now->size);
  if (now->inode != recorded.inode) return "it was replaced by another file";
  if (now->mtime_ns != recorded.mtime_ns) return "it was modified";
  return {};
}

}  // namespace packager::util
