#include "packager/util/file_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "packager/core/interrupt.hpp"

namespace packager::util {
namespace fs = std::filesystem;

Result<FileLock> FileLock::open(const fs::path& path) {
  std::error_code ec;
  const bool directory = fs::is_directory(path, ec);
  const int fd = directory ? ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                           : ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0)
    return fail(ErrorCode::output, fmt::format("cannot lock {}: {}", path.string(), std::strerror(errno)));
  return FileLock(fd);
}

std::optional<FileLock> FileLock::try_acquire(const fs::path& path) {
  auto lock = open(path);
  if (!lock || !lock->try_lock()) return std::nullopt;
  return std::move(*lock);
}

bool FileLock::try_lock() { return ::flock(m_fd, LOCK_EX | LOCK_NB) == 0; }

Result<void> FileLock::wait() {
  // Signal handlers are installed without SA_RESTART, so a Ctrl-C while
  // waiting returns EINTR here and the build unwinds.
  while (::flock(m_fd, LOCK_EX) != 0) {
    if (errno != EINTR) return fail(ErrorCode::output, fmt::format("cannot lock: {}", std::strerror(errno)));
    TRY(check_interrupted());
  }
  return {};
}

FileLock& FileLock::operator=(FileLock&& other) noexcept {
  if (this != &other) {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = other.m_fd;
    other.m_fd = -1;
  }
  return *this;
}

FileLock::~FileLock() {
  if (m_fd >= 0) ::close(m_fd);
}

}  // namespace packager::util
