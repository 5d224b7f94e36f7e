// The package pass: imsmanifest.xml and the zip.
#include <cstdlib>

#include <fmt/format.h>

#include "packager/archive/zip_writer.hpp"
#include "packager/pipeline/layout.hpp"
#include "packager/pipeline/organization.hpp"
#include "packager/pipeline/state.hpp"
#include "packager/scorm/identifiers.hpp"
#include "packager/scorm/manifest.hpp"

namespace packager::pipeline {
namespace fs = std::filesystem;
namespace {

scorm::Package package_for(const lesson::Course& course, const std::vector<LessonBuild>& builds,
                           const render::Templates& templates) {
  scorm::Package package;
  package.version = course.scorm == lesson::ScormVersion::scorm12 ? scorm::Version::scorm12
                                                                  : scorm::Version::scorm2004_4th;
  package.identifier = scorm::make_identifier("MANIFEST", course.identifier);
  package.title = course.title;
  package.course_version = course.version;
  package.items = organize(course);
  scorm::Resource shared;
  shared.identifier = scorm::make_identifier("RES", course.identifier, "shared");
  shared.sco = false;
  for (const auto& asset : templates.assets)
    shared.files.push_back(std::string(k_shared_dir) + "/" + asset.filename().string());
  for (size_t i = 0; i < course.lessons.size(); ++i) {
    const lesson::Lesson& l = course.lessons[i];
    const LessonBuild& b = builds[i];
    scorm::Resource r;
    r.identifier = scorm::make_identifier("RES", course.identifier, l.slug);
    r.href = lesson_page_path(l);
    r.files = {lesson_page_path(l)};
    if (!b.video.empty()) r.files.push_back(lesson_video_path(l));
    if (!b.poster.empty()) r.files.push_back(lesson_dir(l) + "/poster.jpg");
    if (!b.captions.empty()) r.files.push_back(lesson_dir(l) + "/captions.vtt");
    if (!b.pdf.empty()) r.files.push_back(lesson_dir(l) + "/sheet.pdf");
    r.dependencies = {shared.identifier};
    package.resources.push_back(std::move(r));
  }
  package.resources.push_back(std::move(shared));
  return package;
}

// Zip timestamps come from SOURCE_DATE_EPOCH when set (reproducible-builds
// convention), else a fixed date: the same inputs must give the same bytes.
std::int64_t package_mtime() {
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
    char* end = nullptr;
    const long long value = std::strtoll(epoch, &end, 10);
    if (end != epoch && *end == '\0' && value >= 315532800) return value;
  }
  return 946684800;  // 2000-01-01T00:00:00Z
}

}  // namespace

namespace {
// One zip for `course` (the whole course, or one lesson of it).
Result<void> write_package(BuildState& state, const lesson::Course& course,
                           const std::vector<LessonBuild>& builds) {
  TRY_ASSIGN(std::string manifest, scorm::write_manifest(package_for(course, builds, state.templates)));
  const fs::path zip_path = state.options.output_dir / package_file_name(course);
  TRY_ASSIGN(auto zip, archive::ZipWriter::create(zip_path, package_mtime()));
  TRY(zip.add_bytes("imsmanifest.xml", std::move(manifest)));
  for (const auto& asset : state.templates.assets)
    TRY(zip.add_file(std::string(k_shared_dir) + "/" + asset.filename().string(), asset));
  for (size_t i = 0; i < course.lessons.size(); ++i) {
    const lesson::Lesson& l = course.lessons[i];
    const LessonBuild& b = builds[i];
    TRY(zip.add_bytes(lesson_page_path(l), b.page_html));
    if (!b.video.empty()) TRY(zip.add_file(lesson_video_path(l), b.video));
    if (!b.poster.empty()) TRY(zip.add_file(lesson_dir(l) + "/poster.jpg", b.poster));
    if (!b.captions.empty()) TRY(zip.add_file(lesson_dir(l) + "/captions.vtt", b.captions));
    if (!b.pdf.empty()) TRY(zip.add_file(lesson_dir(l) + "/sheet.pdf", b.pdf));
  }
  TRY(zip.commit());
  state.reporter.info(fmt::format("wrote {}", zip_path.string()));
  state.packages.push_back(zip_path);
  return {};
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
