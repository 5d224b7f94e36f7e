// The package pass: imsmanifest.xml and the zip.

#include <fmt/format.h>

#include "packager/archive/zip_writer.hpp"
#include "packager/util/size.hpp"
#include "packager/pipeline/build_date.hpp"
#include "packager/pipeline/layout.hpp"
#include "packager/pipeline/package_files.hpp"
#include "packager/pipeline/package_manifest.hpp"
#include "packager/pipeline/state.hpp"
#include "packager/scorm/manifest.hpp"
#include "packager/util/fs.hpp"

namespace packager::pipeline {
namespace fs = std::filesystem;
namespace {

// Queues package files under their package paths.
Result<void> add_files(archive::ZipWriter& zip, const std::vector<PackageFile>& files) {
  for (const auto& f : files) {
    if (f.on_disk())
      TRY(zip.add_file(f.path, f.file));
    else
      TRY(zip.add_bytes(f.path, std::string(f.bytes)));
  }
  return {};
}

// Writes one zip holding `manifest` and what add_entries queues, staged in
// the bundle at `rel` (the commit pass moves it into the output folder with
// the report). Returns its size.
template <typename AddEntries>
Result<std::uintmax_t> write_zip(BuildState& state, const std::string& rel, std::string manifest,
                                 AddEntries&& add_entries) {
  const fs::path staged = state.bundle / rel;
  TRY(util::make_directories(staged.parent_path()));
  TRY_ASSIGN(auto zip, archive::ZipWriter::create(staged, build_epoch()));
  zip.set_display_name((state.options.output_dir / rel).string());
  TRY(zip.add_bytes("imsmanifest.xml", std::move(manifest)));
  TRY(add_entries(zip));
  TRY(zip.commit());
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(staged, ec);
  if (ec) return fail(ErrorCode::output, fmt::format("cannot read back {}", staged.string()));
  return size;
}

// One zip for `course` (the whole course, or the one lesson `only` of it),
// with the size budget applied: over --max-package-size, the zip is
// dropped and the problem added to `refused` (or, with --oversize warn,
// kept with a warning).
Result<void> write_package(BuildState& state, const lesson::Course& course, const std::vector<LessonBuild>& builds,
                           const lesson::Lesson* only, std::vector<std::string>& refused) {
  const BuildOptions& options = state.options;
  TRY_ASSIGN(std::string manifest, scorm::write_manifest(package_for(course, builds, state.templates)));
  // With the site, the zips are offered in its scorm/ folder.
  const std::string rel = (options.format.site ? std::string(k_scorm_dir) + "/" : "") + package_file_name(course);
  const fs::path final_path = options.output_dir / rel;
  // A per-lesson package gets an index of its own lesson only, so no link
  // points at a lesson that is not in the zip.
  std::string index_html = state.index_html;
  if (&course != &state.course) {
    TRY_ASSIGN(index_html, render_course_index(state, course, builds));
  }
  TRY_ASSIGN(const std::uintmax_t size,
             write_zip(state, rel, std::move(manifest), [&](archive::ZipWriter& zip) -> Result<void> {
               TRY(add_files(zip, shared_package_files(state.templates, index_html)));
               for (size_t i = 0; i < course.lessons.size(); ++i)
                 TRY(add_files(zip, lesson_package_files(course.lessons[i], builds[i])));
               return {};
             }));
  if (options.max_package_bytes > 0 && size > options.max_package_bytes) {
    const std::string sizes = fmt::format("{}, over the limit of {} (--max-package-size)",
                                          util::format_size_binary(size),
                                          util::format_size_binary(options.max_package_bytes));
    if (!options.oversize_warns) {
      std::error_code ec;
      fs::remove(state.bundle / rel, ec);
      refused.push_back(only == nullptr
                            ? fmt::format("{}: the package would be {}; package per lesson (packaging: per-lesson) "
                                          "or lower --max-height", final_path.string(), sizes)
                            : fmt::format("{}: {}: the package would be {}; lower --max-height for this lesson",
                                          only->source.string(), final_path.string(), sizes));
      return {};
    }
    state.reporter.warning(fmt::format("{}: the package is {}; an LMS with that upload limit will refuse it",
                                       final_path.string(), sizes));
  }
  state.outputs.push_back(rel);
  state.packages.push_back(final_path);
  return {};
}
}  // namespace

Result<void> write_packages(BuildState& state) {
  // Every package over the upload limit is named, not just the first; the
  // bundle is then not committed at all.
  std::vector<std::string> refused;
  const auto checkpoint = [&]() -> Result<void> {
    if (refused.empty()) return {};
    for (size_t i = 0; i + 1 < refused.size(); ++i) state.reporter.error(refused[i]);
    return fail(ErrorCode::output, refused.back());
  };
  if (state.course.packaging == lesson::PackagingMode::single) {
    TRY(write_package(state, state.course, state.lessons, nullptr, refused));
    return checkpoint();
  }
  // per-lesson: each lesson is a one-lesson course "<id>-<slug>", so its
  // package is "<id>-<slug>-<version>-<target>.zip".
  lesson::Course shell = state.course;  // everything but the lessons, copied once
  shell.lessons.clear();
  shell.lesson_files.clear();
  for (size_t i = 0; i < state.course.lessons.size(); ++i) {
    lesson::Course one = shell;
    one.lessons = {state.course.lessons[i]};
    one.identifier = state.course.identifier + "-" + state.course.lessons[i].slug;
    one.title = state.course.lessons[i].title;
    one.group_by_area = false;  // one lesson needs no area item above it
    TRY(write_package(state, one, {state.lessons[i]}, &state.course.lessons[i], refused));
  }
  return checkpoint();
}

}  // namespace packager::pipeline
