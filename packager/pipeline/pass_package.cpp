// The package pass: imsmanifest.xml and the zip.
#include <fmt/format.h>

#include "packager/archive/zip_writer.hpp"
#include "packager/util/size.hpp"
#include "packager/pipeline/layout.hpp"
#include "packager/pipeline/package_manifest.hpp"
#include "packager/pipeline/package_zip.hpp"
#include "packager/pipeline/source_date.hpp"
#include "packager/scorm/manifest.hpp"

namespace packager::pipeline {
namespace fs = std::filesystem;
namespace {

// One zip for `course` (the whole course, or one lesson of it).
Result<void> write_package(BuildState& state, const lesson::Course& course,
                           const std::vector<LessonBuild>& builds) {
  const BuildOptions& options = state.options;
  TRY_ASSIGN(auto contents, package_contents(state, course, builds));
  const fs::path zip_path = options.output_dir / package_file_name(course);
  // The size budget: fail refuses before the rename; warn says so after.
  TRY(write_package_zip(contents, package_files(state, contents, course, builds), zip_path,
                        options.oversize_warns ? 0 : options.max_package_bytes));
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

}  // namespace

lesson::Course course_shell(const lesson::Course& course) {
  lesson::Course shell = course;  // everything but the lessons, copied once
  shell.lessons.clear();
  shell.lesson_files.clear();
  return shell;
}

lesson::Course one_lesson_course(const lesson::Course& shell, const lesson::Course& course, size_t i) {
  lesson::Course one = shell;
  one.lessons = {course.lessons[i]};
  one.identifier = course.identifier + "-" + course.lessons[i].slug;
  one.title = course.lessons[i].title;
  one.group_by_area = false;  // one lesson needs no area item above it
  return one;
}

Result<PackageContents> package_contents(const BuildState& state, const lesson::Course& course,
                                         const std::vector<LessonBuild>& builds) {
  PackageContents contents;
  contents.package = package_for(course, builds, state.templates);
  TRY_ASSIGN(contents.manifest, scorm::write_manifest(contents.package));
  // A per-lesson package gets an index of its own lesson only, so no link
  // points at a lesson that is not in the zip.
  if (&course == &state.course) {
    contents.index_html = state.index_html;
  } else {
    TRY_ASSIGN(contents.index_html, render_course_index(state, course, builds));
  }
  return contents;
}

std::vector<PackageFile> package_files(const BuildState& state, const PackageContents& contents,
                                       const lesson::Course& course, const std::vector<LessonBuild>& builds) {
  std::vector<PackageFile> files = shared_package_files(state.templates, contents.index_html);
  for (size_t i = 0; i < course.lessons.size(); ++i) {
    auto lesson = lesson_package_files(course.lessons[i], builds[i]);
    files.insert(files.end(), lesson.begin(), lesson.end());
  }
  return files;
}

Result<void> write_package_zip(const PackageContents& contents, const std::vector<PackageFile>& files,
                               const fs::path& zip_path, std::uint64_t size_limit) {
  TRY_ASSIGN(auto zip, archive::ZipWriter::create(zip_path, source_date_epoch()));
  if (size_limit > 0) zip.set_size_limit(size_limit);
  TRY(zip.add_bytes("imsmanifest.xml", contents.manifest));
  for (const auto& f : files) {
    if (f.on_disk())
      TRY(zip.add_file(f.path, f.file));
    else
      TRY(zip.add_bytes(f.path, std::string(f.bytes)));
  }
  return zip.commit();
}

Result<void> write_packages(BuildState& state) {
  if (state.course.packaging == lesson::PackagingMode::single)
    return write_package(state, state.course, state.lessons);
  // per-lesson: each lesson is a one-lesson course "<id>-<slug>", so its
  // package is "<id>-<slug>-<version>-<target>.zip".
  const lesson::Course shell = course_shell(state.course);
  for (size_t i = 0; i < state.course.lessons.size(); ++i)
    TRY(write_package(state, one_lesson_course(shell, state.course, i), {state.lessons[i]}));
  return {};
}

}  // namespace packager::pipeline
