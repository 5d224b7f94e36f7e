#include "packager/util/bundle_commit.hpp"

#include <pthread.h>

#include <csignal>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "packager/util/atomic_file.hpp"
#include "packager/util/fs.hpp"

namespace packager::util {
namespace fs = std::filesystem;
using nlohmann::json;
namespace {

inline constexpr const char* k_journal_format = "packager-commit/1";

// Holds SIGINT and SIGTERM back while alive; they are delivered (and the
// build notices them) once it ends.
class SignalsHeld {
 public:
  SignalsHeld() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, &m_old);
  }
  SignalsHeld(const SignalsHeld&) = delete;
  SignalsHeld& operator=(const SignalsHeld&) = delete;
  ~SignalsHeld() { pthread_sigmask(SIG_SETMASK, &m_old, nullptr); }

 private:
  sigset_t m_old;
};

// A relative path that stays inside its folder.
bool is_safe_relative(const std::string& rel) {
  const fs::path p(rel);
  if (rel.empty() || p.is_absolute()) return false;
  for (const auto& part : p)
    if (part == "..") return false;
  return true;
}

// Removes the folders of `rel` that the removal left empty, up to `dest`.
void remove_empty_parents(const fs::path& dest, const std::string& rel) {
  std::error_code ec;
  for (fs::path dir = fs::path(rel).parent_path(); !dir.empty(); dir = dir.parent_path())
    if (!fs::is_empty(dest / dir, ec) || ec || !fs::remove(dest / dir, ec)) break;
}

Result<void> carry_out(const fs::path& dest, const fs::path& staging, const CommitPlan& plan) {
  const std::set<std::string> moved(plan.moves.begin(), plan.moves.end());
  std::error_code ec;
  for (const auto& rel : plan.removes) {
    if (!is_safe_relative(rel) || moved.count(rel) != 0) continue;
    fs::remove(dest / rel, ec);
    remove_empty_parents(dest, rel);
  }
  for (const auto& rel : plan.moves) {
    if (!is_safe_relative(rel)) continue;
    const fs::path from = staging / rel;
    // Already moved by the run that was interrupted.
    if (!fs::exists(fs::symlink_status(from, ec))) continue;
    TRY(make_directories((dest / rel).parent_path()));
    fs::rename(from, dest / rel, ec);
    if (ec) return fail(ErrorCode::output, fmt::format("cannot write {}: {}", (dest / rel).string(), ec.message()));
  }
  return {};
}

}  // namespace

Result<void> commit_staged(const fs::path& dest, const fs::path& staging, const CommitPlan& plan) {
  const fs::path rel_staging = staging.lexically_relative(dest);
  if (rel_staging.empty() || !is_safe_relative(rel_staging.generic_string()))
    return fail(ErrorCode::internal, fmt::format("{} is not inside {}", staging.string(), dest.string()));
  const json journal{{"format", k_journal_format},
                     {"staging", rel_staging.generic_string()},
                     {"moves", plan.moves},
                     {"removes", plan.removes}};
  SignalsHeld held;
  TRY(write_file_atomically(dest / k_commit_journal, journal.dump(1) + "\n"));
  TRY(carry_out(dest, staging, plan));
  std::error_code ec;
  fs::remove(dest / k_commit_journal, ec);
  return {};
}

Result<bool> finish_interrupted_commit(const fs::path& dest) {
  const fs::path path = dest / k_commit_journal;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return false;
  TRY_ASSIGN(const std::string text, read_text_file(path));
  const json j = json::parse(text, nullptr, false);
  CommitPlan plan;
  std::string staging;
  bool readable = j.is_object() && j.value("format", "") == k_journal_format;
  try {
    if (readable) {
      staging = j.at("staging").get<std::string>();
      plan.moves = j.at("moves").get<std::vector<std::string>>();
      plan.removes = j.at("removes").get<std::vector<std::string>>();
    }
  } catch (const json::exception&) {
    readable = false;
  }
  if (!readable) {
    return fail(ErrorCode::output, fmt::format("{}: an interrupted commit's journal is unreadable; remove it and "
                                               "build again", path.string()));
  }
  if (!is_safe_relative(staging))
    return fail(ErrorCode::output, fmt::format("{}: the journal names a folder outside {}", path.string(),
                                               dest.string()));
  SignalsHeld held;
  TRY(carry_out(dest, dest / staging, plan));
  fs::remove(path, ec);
  // The staging folder's first component is the work folder of the build
  // that was killed: nothing in it is needed any more.
  fs::remove_all(dest / *fs::path(staging).begin(), ec);
  return true;
}

}  // namespace packager::util
