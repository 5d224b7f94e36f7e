// The site pass (--format site|both): an offline site for a USB stick. The
// whole site is staged in the work folder and checked (names, sizes, the
// stick's capacity) before the first file is moved into the output folder.
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
#include "packager/util/fs.hpp"
#include "packager/util/sha256.hpp"

namespace packager::pipeline {
namespace fs = std::filesystem;
namespace {

inline constexpr const char* k_scorm_dir = "scorm";

class Staging {
 public:
  explicit Staging(fs::path root) : m_root(std::move(root)) {}

  // Links (or, across file systems, copies) a file into the site: the
  // remuxed videos are large and already in the work folder.
  Result<void> add_file(const std::string& rel, const fs::path& from) {
    TRY(prepare(rel));
    std::error_code ec;
    fs::create_hard_link(from, m_root / rel, ec);
    if (ec) TRY(util::copy_file(from, m_root / rel));
    return {};
  }
  Result<void> add_bytes(const std::string& rel, const std::string& bytes) {
    TRY(prepare(rel));
    return util::write_file_atomically(m_root / rel, bytes);
  }
  // Moves a finished output (a zip) into the site.
  Result<void> move_file(const std::string& rel, const fs::path& from) {
    TRY(prepare(rel));
    std::error_code ec;
    fs::rename(from, m_root / rel, ec);
    if (ec) return fail(ErrorCode::output, fmt::format("cannot move {}: {}", from.string(), ec.message()));
    return {};
  }
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
Result<void> stage_lessons(const BuildState& state, Staging& site) {
  auto shared = shared_package_files(state.templates, {});
  shared.erase(shared.begin());  // the index, rendered with the zips below
  TRY(stage_files(site, shared));
  for (size_t i = 0; i < state.course.lessons.size(); ++i)
    TRY(stage_files(site, lesson_package_files(state.course.lessons[i], state.lessons[i])));
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

// The outputs the last build recorded, path -> sha256; empty without a
// readable report (then every file is written).
Result<std::map<std::string, OutputRecord>> previous_outputs(const fs::path& out) {
  std::map<std::string, OutputRecord> previous;
  std::error_code ec;
  if (!fs::is_regular_file(out / k_report_file, ec)) return previous;
  auto report = read_report(out / k_report_file);
  if (!report) return previous;
  for (auto& o : report->outputs) previous[o.path] = o;
  return previous;
}

Result<bool> is_unchanged(const fs::path& staged, const fs::path& existing,
                          const std::map<std::string, OutputRecord>& previous, const std::string& rel) {
  auto it = previous.find(rel);
  std::error_code ec;
  if (it == previous.end() || !fs::is_regular_file(existing, ec)) return false;
  const auto size = fs::file_size(staged, ec);
  if (size != it->second.size || fs::file_size(existing, ec) != size) return false;
  // Both hard links to the same (read-only) remux cache entry: same bytes,
  // known without reading a large video twice.
  if (fs::equivalent(staged, existing, ec)) return true;
  TRY_ASSIGN(const std::string staged_sha, util::sha256_file(staged));
  if (staged_sha != it->second.sha256) return false;
  // The report could be stale (the file edited since): compare the file too.
  TRY_ASSIGN(const std::string existing_sha, util::sha256_file(existing));
  return existing_sha == staged_sha;
}

}  // namespace

Result<void> write_site(BuildState& state) {
  if (!state.options.format.site) return {};
  const fs::path& out = state.options.output_dir;
  Staging site(state.work->path() / "site");
  TRY(stage_lessons(state, site));
  std::vector<render::IndexPackage> offered;
  std::vector<fs::path> packages;
  for (const auto& package : state.packages) {
    const std::string rel = std::string(k_scorm_dir) + "/" + package.filename().string();
    std::error_code ec;
    offered.push_back({rel, package.filename().string(), fs::file_size(package, ec)});
    TRY(site.move_file(rel, package));
    packages.push_back(out / rel);
  }
  // The same index as in the packages, plus the zips for an LMS.
  TRY_ASSIGN(std::string html, render_course_index(state, state.course, state.lessons, std::move(offered)));
  TRY(site.add_bytes("index.html", html));
  TRY(check_stick(state, site));
  // Everything is staged and checked: move it into place, index.html last
  // so a stick with an index always has every page it links to.
  std::vector<std::string> order = site.files();
  std::stable_partition(order.begin(), order.end(), [](const std::string& rel) { return rel != "index.html"; });
  TRY_ASSIGN(const auto previous, previous_outputs(out));
  for (const auto& rel : order) {
    TRY(util::make_directories((out / rel).parent_path()));
    std::error_code ec;
    TRY_ASSIGN(const bool unchanged, is_unchanged(site.root() / rel, out / rel, previous, rel));
    if (unchanged) {
      // Same bytes as the file already there: leave it (and its date) alone.
      state.reused.push_back({"", "unchanged output", rel});
      state.known_sha256[rel] = previous.at(rel).sha256;
      if (rel.rfind(std::string(k_scorm_dir) + "/", 0) != 0) state.site_files.push_back(out / rel);
      continue;
    }
    fs::rename(site.root() / rel, out / rel, ec);
    if (ec) return fail(ErrorCode::output, fmt::format("cannot write {}: {}", (out / rel).string(), ec.message()));
    if (rel.rfind(std::string(k_scorm_dir) + "/", 0) != 0) state.site_files.push_back(out / rel);
  }
  state.packages = std::move(packages);
  state.reporter.info(fmt::format("wrote the site {}", (out / "index.html").string()));
  return {};
}

}  // namespace packager::pipeline
