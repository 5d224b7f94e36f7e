// The site pass (--format site): an offline site for a USB stick. The whole
// site is staged in the bundle and checked (names, sizes, the stick's
// capacity); the commit pass moves it into the output folder with the zips
// and the report.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "packager/pipeline/layout.hpp"
#include "packager/pipeline/package_files.hpp"
#include "packager/pipeline/report.hpp"
#include "packager/pipeline/site_names.hpp"
#include "packager/pipeline/state.hpp"
#include "packager/util/size.hpp"
#include "packager/render/index_page.hpp"
#include "packager/util/atomic_file.hpp"
#include "packager/util/copy.hpp"
#include "packager/util/fs.hpp"
#include "packager/util/sha256.hpp"

namespace packager::pipeline {
namespace fs = std::filesystem;
namespace {

class Staging {
 public:
  explicit Staging(fs::path root) : m_root(std::move(root)) {}

  // A copy (or a copy-on-write clone) of a file: the site's videos never
  // share an inode with the work folder's, which the zips were made from.
  Result<void> add_file(const std::string& rel, const fs::path& from) {
    TRY(prepare(rel));
    TRY(util::clone_or_copy(from, m_root / rel, /*want_sha256=*/false));
    return {};
  }
  Result<void> add_bytes(const std::string& rel, const std::string& bytes) {
    TRY(prepare(rel));
    // Staged in the work folder, which no one reads before the commit (the
    // zips beside it are not synced one by one either).
    return util::write_file_atomically(m_root / rel, bytes, util::Sync::no_fsync);
  }
  // Moves a file of the work folder into the site: the remuxed videos are
  // large, the zips were already written from them, and the cache keeps its
  // own copy.
  Result<void> move_file(const std::string& rel, const fs::path& from) {
    TRY(prepare(rel));
    std::error_code ec;
    fs::rename(from, m_root / rel, ec);
    if (ec) return fail(ErrorCode::output, fmt::format("cannot move {}: {}", from.string(), ec.message()));
    return {};
  }
  // A file a writer already staged in the bundle (a zip in scorm/).
  void add_staged(const std::string& rel) { m_files.push_back(rel); }
  const fs::path& root() const { return m_root; }
  const std::vector<std::string>& files() const { return m_files; }

 private:
  Result<void> prepare(const std::string& rel) {
    m_files.push_back(rel);
    return util::make_directories((m_root / rel).parent_path());
  }
  fs::path m_root;
  std::vector<std::string> m_files;
};

Result<void> stage_files(Staging& site, const std::vector<PackageFile>& files) {
  for (const auto& f : files) {
    if (f.on_disk())
      TRY(site.add_file(f.path, f.file));
    else
      TRY(site.add_bytes(f.path, std::string(f.bytes)));
  }
  return {};
}

// The same files as in the packages: the SCO pages work as they are (same
// folder layout, and scorm.js runs quietly when no LMS is there). The
// course index is added later, with the zips it offers.
Result<void> stage_lessons(BuildState& state, Staging& site) {
  auto shared = shared_package_files(state.templates, {});
  shared.erase(shared.begin());  // the index, rendered with the zips below
  TRY(stage_files(site, shared));
  for (size_t i = 0; i < state.course.lessons.size(); ++i) {
    LessonBuild& b = state.lessons[i];
    auto files = lesson_package_files(state.course.lessons[i], b);
    for (auto it = files.begin(); it != files.end();) {
      if (it->kind != PackageFileKind::video) {
        ++it;
        continue;
      }
      // Later writers read the video from its new place.
      TRY(site.move_file(it->path, b.video));
      b.video = site.root() / it->path;
      it = files.erase(it);
    }
    TRY(stage_files(site, files));
  }
  return {};
}

Result<void> check_stick(const BuildState& state, const Staging& site) {
  for (const auto& rel : site.files())
    if (auto problem = fat_path_problem(rel); !problem.empty())
      return fail(ErrorCode::input, fmt::format("site path '{}' {}; USB sticks (FAT32/exFAT) cannot hold it", rel,
                                                problem));
  if (auto pair = case_collision(site.files()); !pair.empty())
    return fail(ErrorCode::input, fmt::format("site paths '{}' and '{}' differ only in case; USB sticks "
                                              "(FAT32/exFAT) would store them as one file", pair[0], pair[1]));
  std::uintmax_t total = 0;
  for (const auto& rel : site.files()) {
    std::error_code ec;
    const auto size = fs::file_size(site.root() / rel, ec);
    if (size > k_fat32_max_file_size)
      return fail(ErrorCode::media, fmt::format("site file '{}' is {} bytes; FAT32 sticks cannot hold a file of "
                                                "4 GiB or more (try --max-height)", rel, size));
    total += on_stick_size(size);
  }
  if (state.options.target_size > 0 && total > state.options.target_size)
    return fail(ErrorCode::output, fmt::format("the site needs {} bytes ({}) but --target-size is {} bytes ({})",
                                               total, util::format_size_decimal(total), state.options.target_size,
                                               util::format_size_decimal(state.options.target_size)));
  state.reporter.detail(fmt::format("site: {} files, {} on the stick", site.files().size(), util::format_size_decimal(total)));
  return {};
}

}  // namespace

Result<void> write_site(BuildState& state) {
  if (!state.options.format.site) return {};
  Staging site(state.bundle);
  TRY(stage_lessons(state, site));
  std::vector<render::IndexPackage> offered;
  for (const auto& rel : state.outputs) {
    if (rel.rfind(std::string(k_scorm_dir) + "/", 0) != 0) continue;
    std::error_code ec;
    offered.push_back({rel, fs::path(rel).filename().string(), fs::file_size(state.bundle / rel, ec)});
    site.add_staged(rel);
  }
  // The same index as in the packages, plus the zips for an LMS.
  TRY_ASSIGN(std::string html, render_course_index(state, state.course, state.lessons, std::move(offered)));
  TRY(site.add_bytes(k_index_page, html));
  TRY(check_stick(state, site));
  for (const auto& rel : site.files())
    if (rel.rfind(std::string(k_scorm_dir) + "/", 0) != 0) state.outputs.push_back(rel);
  // Staged copies of media the build already knows the hash of.
  for (size_t i = 0; i < state.course.lessons.size(); ++i)
    if (!state.lessons[i].video_sha256.empty())
      state.known_sha256[lesson_video_path(state.course.lessons[i])] = state.lessons[i].video_sha256;
  return {};
}

}  // namespace packager::pipeline
