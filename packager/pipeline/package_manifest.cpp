#include "packager/pipeline/package_manifest.hpp"

#include <set>

#include <fmt/format.h>

#include "packager/pipeline/layout.hpp"
#include "packager/pipeline/organization.hpp"
#include "packager/pipeline/package_files.hpp"
#include "packager/scorm/identifiers.hpp"

namespace packager::pipeline {
namespace {

// LOM rights: the course licence (or the lessons' licences) and who made
// the lessons, from their credits. Each distinct line once, in course order.
std::string rights_for(const lesson::Course& course) {
  std::vector<std::string> lines;
  std::set<std::string> seen;
  const auto add = [&](const std::string& line) {
    if (!line.empty() && seen.insert(line).second) lines.push_back(line);
  };
  add(course.licence);
  for (const auto& l : course.lessons)
    if (l.licence) add(l.licence->name);
  for (const auto& l : course.lessons)
    for (const auto& c : l.contributors) add(c.role.empty() ? c.names : fmt::format("{} : {}", c.role, c.names));
  std::string out;
  for (const auto& line : lines) out += (out.empty() ? "" : "; ") + line;
  return out;
}

}  // namespace

std::vector<std::string> lesson_files(const lesson::Lesson& l, const LessonBuild& b) {
  std::vector<std::string> files;
  for (const auto& f : lesson_package_files(l, b)) files.push_back(f.path);
  return files;
}

std::vector<std::string> shared_files(const render::Templates& templates) {
  std::vector<std::string> files;
  for (const auto& f : shared_package_files(templates, {})) files.push_back(f.path);
  return files;
}

scorm::Package package_for(const lesson::Course& course, const std::vector<LessonBuild>& builds,
                           const render::Templates& templates) {
  scorm::Package package;
  package.version = course.scorm == lesson::ScormVersion::scorm12 ? scorm::Version::scorm12
                                                                  : scorm::Version::scorm2004_4th;
  package.identifier = scorm::make_identifier("MANIFEST", course.identifier);
  package.title = course.title;
  package.course_version = course.version;
  package.completion_threshold = course.completion_threshold;
  package.metadata.title = course.title;
  package.metadata.language = course.language;
  package.metadata.version = course.version;
  package.metadata.rights = rights_for(course);
  // A one-lesson course is described by its lesson.
  if (course.lessons.size() == 1) package.metadata.description = course.lessons[0].description;
  for (const auto& b : builds) package.metadata.duration_seconds += b.info.duration_seconds;
  package.items = organize(course);

  scorm::Resource shared;
  shared.identifier = scorm::make_identifier("RES", course.identifier, "shared");
  shared.sco = false;
  shared.files = shared_files(templates);
  for (size_t i = 0; i < course.lessons.size(); ++i) {
    const lesson::Lesson& l = course.lessons[i];
    scorm::Resource r;
    r.identifier = scorm::make_identifier("RES", course.identifier, l.slug);
    r.href = lesson_page_path(l);
    r.files = lesson_files(l, builds[i]);
    r.dependencies = {shared.identifier};
    package.resources.push_back(std::move(r));
  }
  package.resources.push_back(std::move(shared));
  return package;
}

}  // namespace packager::pipeline
