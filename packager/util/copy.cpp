#include "packager/util/copy.hpp"

#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include <fmt/format.h>

#include "packager/core/interrupt.hpp"
#include "packager/util/sha256.hpp"

namespace packager::util {
namespace fs = std::filesystem;
namespace {

// A file descriptor closed on every path out.
class Fd {
 public:
  explicit Fd(int fd) : m_fd(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (m_fd >= 0) ::close(m_fd);
  }
  int get() const { return m_fd; }
  // close() is where a deferred write error (NFS, quota) shows up.
  bool close() {
    const int fd = m_fd;
    m_fd = -1;
    return ::close(fd) == 0;
  }

 private:
  int m_fd;
};

Result<std::string> copy_failed(const fs::path& from, const fs::path& to, int err) {
  std::error_code ec;
  fs::remove(to, ec);
  if (err == EINTR && interrupted()) return fail(ErrorCode::interrupted, "interrupted");
  return fail(ErrorCode::output, fmt::format("cannot copy {} to {}: {}", from.string(), to.string(),
                                             std::strerror(err)));
}

}  // namespace

Result<std::string> clone_or_copy(const fs::path& from, const fs::path& to, bool want_sha256) {
  Fd in(::open(from.c_str(), O_RDONLY | O_CLOEXEC));
  if (in.get() < 0) return copy_failed(from, to, errno);
  Fd out(::open(to.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (out.get() < 0) return copy_failed(from, to, errno);
  if (::ioctl(out.get(), FICLONE, in.get()) == 0) {
    if (!out.close()) return copy_failed(from, to, errno);
    if (!want_sha256) return std::string{};
    return sha256_file(to);
  }
  // No clone here (ext4, tmpfs, another file system): stream, hashing the
  // bytes as they pass so the copy is read only once.
  Sha256 sha;
  std::vector<char> buffer(1 << 20);
  for (;;) {
    if (interrupted()) return copy_failed(from, to, EINTR);
    const ssize_t got = ::read(in.get(), buffer.data(), buffer.size());
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return copy_failed(from, to, errno);
    if (got == 0) break;
    if (want_sha256) sha.update(buffer.data(), static_cast<size_t>(got));
    for (ssize_t done = 0; done < got;) {
      const ssize_t put = ::write(out.get(), buffer.data() + done, static_cast<size_t>(got - done));
      if (put < 0 && errno == EINTR) continue;
      if (put < 0) return copy_failed(from, to, errno);
      done += put;
    }
  }
  if (!out.close()) return copy_failed(from, to, errno);
  return want_sha256 ? sha.hex_digest() : std::string{};
}

}  // namespace packager::util
