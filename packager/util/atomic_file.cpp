#include "packager/util/atomic_file.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <random>
#include <unistd.h>

#include <fmt/format.h>

namespace packager::util {
namespace fs = std::filesystem;

fs::path temp_sibling(const fs::path& path) {
  // Random rather than pid-based so two concurrent runs never collide.
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  return fs::path(fmt::format("{}.tmp-{:012x}", path.string(), rng() & 0xffffffffffffULL));
}

AtomicFile::AtomicFile(fs::path path, fs::path temp_path, std::FILE* file, Sync sync)
    : m_path(std::move(path)), m_temp_path(std::move(temp_path)), m_file(file), m_sync(sync) {}

Result<AtomicFile> AtomicFile::create(const fs::path& path, Sync sync) {
  fs::path temp = temp_sibling(path);
  std::FILE* file = std::fopen(temp.c_str(), "wbx");
  if (file == nullptr)
    return fail(ErrorCode::output,
                fmt::format("cannot create {}: {}", temp.string(), std::strerror(errno)));
  return AtomicFile(path, std::move(temp), file, sync);
}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : m_path(std::move(other.m_path)),
      m_temp_path(std::move(other.m_temp_path)),
      m_file(std::exchange(other.m_file, nullptr)),
      m_sync(other.m_sync),
      m_committed(std::exchange(other.m_committed, true)) {}

AtomicFile& AtomicFile::operator=(AtomicFile&& other) noexcept {
  if (this != &other) {
    discard();
    m_path = std::move(other.m_path);
    m_temp_path = std::move(other.m_temp_path);
    m_file = std::exchange(other.m_file, nullptr);
    m_sync = other.m_sync;
    m_committed = std::exchange(other.m_committed, true);
  }
  return *this;
}

AtomicFile::~AtomicFile() { discard(); }

void AtomicFile::discard() {
  if (m_file != nullptr) {
    std::fclose(m_file);
    m_file = nullptr;
  }
  if (!m_committed && !m_temp_path.empty()) {
    std::error_code ec;
    fs::remove(m_temp_path, ec);
  }
}

Result<void> AtomicFile::write(std::string_view bytes) {
  if (m_file == nullptr) return fail(ErrorCode::internal, "write to a closed AtomicFile");
  if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), m_file) != bytes.size())
    return fail(ErrorCode::output,
                fmt::format("cannot write {}: {}", m_path.string(), std::strerror(errno)));
  return {};
}

Result<void> AtomicFile::commit() {
  if (m_file == nullptr) return fail(ErrorCode::internal, "commit of a closed AtomicFile");
  const bool flushed =
      std::fflush(m_file) == 0 && (m_sync == Sync::no_fsync || ::fsync(fileno(m_file)) == 0);
  const int saved = errno;
  const bool closed = std::fclose(m_file) == 0;
  m_file = nullptr;
  if (!flushed || !closed)
    return fail(ErrorCode::output,
                fmt::format("cannot write {}: {}", m_path.string(), std::strerror(saved)));
  if (std::rename(m_temp_path.c_str(), m_path.c_str()) != 0)
    return fail(ErrorCode::output, fmt::format("cannot rename {} to {}: {}", m_temp_path.string(),
                                               m_path.string(), std::strerror(errno)));
  m_committed = true;
  return {};
}

Result<void> write_file_atomically(const fs::path& path, std::string_view bytes, Sync sync) {
  TRY_ASSIGN(auto file, AtomicFile::create(path, sync));
  TRY(file.write(bytes));
  return file.commit();
}

Result<TempDir> TempDir::create(const fs::path& parent, std::string_view prefix) {
  std::string pattern = (parent / fmt::format("{}XXXXXX", prefix)).string();
  if (::mkdtemp(pattern.data()) == nullptr)
    return fail(ErrorCode::output, fmt::format("cannot create a temporary folder in {}: {}",
                                               parent.string(), std::strerror(errno)));
  return TempDir(fs::path(pattern));
}

TempDir::TempDir(TempDir&& other) noexcept : m_path(std::move(other.m_path)) {
  other.m_path.clear();
}

TempDir& TempDir::operator=(TempDir&& other) noexcept {
  if (this != &other) {
    std::error_code ec;
    if (!m_path.empty()) fs::remove_all(m_path, ec);
    m_path = std::move(other.m_path);
    other.m_path.clear();
  }
  return *this;
}

TempDir::~TempDir() {
  if (!m_path.empty()) {
    std::error_code ec;
    fs::remove_all(m_path, ec);
  }
}

}  // namespace packager::util
