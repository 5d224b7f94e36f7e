#pragma once
// AtomicFile and TempDir: outputs are written under a temporary name in the
// destination's own folder and renamed into place only when complete, so a
// crash, an error or Ctrl-C never leaves a half-written file where a good one
// (or nothing) used to be.

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#include "packager/core/error.hpp"

namespace packager::util {

// Whether a commit waits for the bytes to reach the disk (fsync) before the
// rename. `durable` for files whose loss after a power cut loses work or
// data (the bundle's report and journal, a user's file). `no_fsync` for
// files that are checked before every use or are cheap to redo (cache
// records, a download's resume record), and for files staged in a work
// folder, which no one reads before the bundle is committed: each fsync
// costs a journal commit (0.3-10 ms on a busy disk), several per lesson.
// Either way the file appears whole or not at all (temporary name, rename).
enum class Sync { durable, no_fsync };

class AtomicFile {
 public:
  // Opens "<path>.tmp-XXXXXX" for writing. Fails with ErrorCode::output.
  static Result<AtomicFile> create(const std::filesystem::path& path, Sync sync = Sync::durable);

  AtomicFile(AtomicFile&& other) noexcept;
  AtomicFile& operator=(AtomicFile&& other) noexcept;
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  // Removes the temporary file unless commit() succeeded.
  ~AtomicFile();

  // Appends bytes. Fails with ErrorCode::output naming the path (disk full...).
  Result<void> write(std::string_view bytes);
  // Flushes, fsyncs (unless created with Sync::no_fsync) and renames over
  // the destination.
  Result<void> commit();

  const std::filesystem::path& path() const { return m_path; }
  const std::filesystem::path& temp_path() const { return m_temp_path; }

 private:
  AtomicFile(std::filesystem::path path, std::filesystem::path temp_path, std::FILE* file, Sync sync);
  void discard();

  std::filesystem::path m_path;
  std::filesystem::path m_temp_path;
  std::FILE* m_file = nullptr;
  Sync m_sync = Sync::durable;
  bool m_committed = false;
};

// Writes `bytes` to `path` atomically.
Result<void> write_file_atomically(const std::filesystem::path& path, std::string_view bytes,
                                   Sync sync = Sync::durable);

// A uniquely named directory removed with its contents on destruction unless
// released. Created inside `parent` so a final rename stays on one filesystem.
class TempDir {
 public:
  static Result<TempDir> create(const std::filesystem::path& parent, std::string_view prefix);

  TempDir(TempDir&& other) noexcept;
  TempDir& operator=(TempDir&& other) noexcept;
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir();

  const std::filesystem::path& path() const { return m_path; }
  // Keeps the directory: it is no longer removed on destruction (a journaled
  // commit that failed half-way needs its files to be finished later).
  void release() { m_path.clear(); }

 private:
  explicit TempDir(std::filesystem::path path) : m_path(std::move(path)) {}
  std::filesystem::path m_path;
};

// A name for a sibling temporary of `path`: "<path>.tmp-<random>".
std::filesystem::path temp_sibling(const std::filesystem::path& path);

}  // namespace packager::util
