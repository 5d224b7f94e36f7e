// The output folder as one bundle: locked while a build writes it, and
// committed whole (the zips, the site, build-report.json and SHA256SUMS go
// in together or not at all; util/bundle_commit.hpp says how).
#include <fmt/format.h>

#include "packager/pipeline/state.hpp"
#include "packager/util/fs.hpp"

namespace packager::pipeline {
namespace fs = std::filesystem;

inline constexpr const char* k_work_prefix = ".packager-work-";

Result<void> open_output(BuildState& state) {
  const fs::path& out = state.options.output_dir;
  TRY(util::make_directories(out));
  // Two builds into one folder would interleave their commits.
  TRY_ASSIGN(state.output_lock, util::FileLock::acquire(out, [&] {
    state.reporter.info(fmt::format("waiting for another build writing to {}", out.string()));
  }));
  TRY_ASSIGN(const bool finished, util::finish_interrupted_commit(out));
  if (finished)
    state.reporter.warning(fmt::format("{}: finished committing the bundle of a build that was killed while "
                                       "committing it", out.string()));
  // Work folders of builds that died (SIGKILL, power loss): with the lock
  // held, none belongs to a running build.
  std::error_code ec;
  // The same goes for a journal that was being written when it was killed.
  for (const auto& entry : fs::directory_iterator(out, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(k_work_prefix, 0) == 0 || name.rfind(std::string(util::k_commit_journal) + ".tmp-", 0) == 0)
      fs::remove_all(entry.path(), ec);
  }
  return {};
}

Result<void> open_work_folder(BuildState& state) {
  TRY(util::make_directories(state.options.output_dir));
  TRY_ASSIGN(state.work, util::TempDir::create(state.options.output_dir, k_work_prefix));
  state.bundle = state.work->path() / "bundle";
  return util::make_directories(state.bundle);
}

Result<void> commit_bundle(BuildState& state) {
  const fs::path& out = state.options.output_dir;
  if (auto committed = util::commit_staged(out, state.bundle, state.commit_plan); !committed) {
    // The journal is written: keep the staged files so the next build (or
    // `packager verify`) can finish the commit.
    state.work->release();
    return committed;
  }
  // Said only now: nothing is "written" before it is in place.
  for (const auto& package : state.packages) state.reporter.info(fmt::format("wrote {}", package.string()));
  if (state.options.format.site) state.reporter.info(fmt::format("wrote the site {}", (out / "index.html").string()));
  for (const auto& zim : state.zim_files) state.reporter.info(fmt::format("wrote {}", zim.string()));
  return {};
}

}  // namespace packager::pipeline
