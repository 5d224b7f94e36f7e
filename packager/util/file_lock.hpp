#pragma once
// Advisory locks (flock) between packager processes and threads: two builds
// sharing one cache, or writing to one output folder, take turns on the
// entry or folder they both touch instead of corrupting it. The lock is
// released when the object dies, and by the kernel when the process does
// (even on SIGKILL), so a crash never leaves a stale lock.

#include <filesystem>
#include <optional>
#include <string_view>

#include "packager/core/error.hpp"

namespace packager::util {

class FileLock {
 public:
  // Locks `path` exclusively (a lock file, created if needed, or a
  // directory), waiting for another holder; `on_wait` is called once when
  // it has to wait. ErrorCode::output when the lock cannot be taken,
  // ErrorCode::interrupted on SIGINT/SIGTERM while waiting.
  template <typename OnWait>
  static Result<FileLock> acquire(const std::filesystem::path& path, OnWait&& on_wait) {
    TRY_ASSIGN(FileLock lock, open(path));
    if (!lock.try_lock()) {
      on_wait();
      TRY(lock.wait());
    }
    return lock;
  }
  static Result<FileLock> acquire(const std::filesystem::path& path) {
    return acquire(path, [] {});
  }
  // The lock when nobody else holds it, else (or when `path` cannot be
  // opened) nullopt; never waits.
  static std::optional<FileLock> try_acquire(const std::filesystem::path& path);

  FileLock(FileLock&& other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }
  FileLock& operator=(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock();

 private:
  explicit FileLock(int fd) : m_fd(fd) {}
  static Result<FileLock> open(const std::filesystem::path& path);
  bool try_lock();
  Result<void> wait();
  int m_fd = -1;
};

}  // namespace packager::util
