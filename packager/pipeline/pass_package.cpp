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

// Writes one zip holding `manifest` and what add_entries queues; applies
// the size budget (fail: refuse before the rename; warn: say so after).
template <typename AddEntries>
Result<void> write_zip(BuildState& state, const fs::path& zip_path, std::string manifest, AddEntries&& add_entries) {
  const BuildOptions& options = state.options;
  TRY_ASSIGN(auto zip, archive::ZipWriter::create(zip_path, build_epoch()));
  if (options.max_package_bytes > 0 && !options.oversize_warns) zip.set_size_limit(options.max_package_bytes);
  TRY(zip.add_bytes("imsmanifest.xml", std::move(manifest)));
  TRY(add_entries(zip));
  TRY(zip.commit());
  state.reporter.info(fmt::format("wrote {}", zip_path.string()));
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(zip_path, ec);
  if (!ec && options.max_package_bytes > 0 && size > options.max_package_bytes)
    state.reporter.warning(fmt::format("{}: the package is {}, over the limit of {} (--max-package-size); an LMS "
                                       "with that upload limit will refuse it",
                                       zip_path.string(), util::format_size_binary(size),
                                       util::format_size_binary(options.max_package_bytes)));
  state.packages.push_back(zip_path);
  return {};
}

// One zip for `course` (the whole course, or one lesson of it).
Result<void> write_package(BuildState& state, const lesson::Course& course,
                           const std::vector<LessonBuild>& builds) {
  TRY_ASSIGN(std::string manifest, scorm::write_manifest(package_for(course, builds, state.templates)));
  const fs::path zip_path = state.options.output_dir / package_file_name(course);
  // A per-lesson package gets an index of its own lesson only, so no link
  // points at a lesson that is not in the zip.
  std::string index_html = state.index_html;
  if (&course != &state.course) {
    TRY_ASSIGN(index_html, render_course_index(state, course, builds));
  }
  return write_zip(state, zip_path, std::move(manifest), [&](archive::ZipWriter& zip) -> Result<void> {
    TRY(add_files(zip, shared_package_files(state.templates, index_html)));
    for (size_t i = 0; i < course.lessons.size(); ++i)
      TRY(add_files(zip, lesson_package_files(course.lessons[i], builds[i])));
    return {};
  });
}
}  // namespace

Result<void> write_packages(BuildState& state) {
  if (state.course.packaging == lesson::PackagingMode::single)
    return write_package(state, state.course, state.lessons);
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
    TRY(write_package(state, one, {state.lessons[i]}));
  }
  return {};
}

}  // namespace packager::pipeline
