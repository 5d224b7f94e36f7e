// The write_mbz pass: the course as one Moodle course backup (.mbz). Each
// lesson becomes a SCORM activity holding its own per-lesson package, made
// by the same code as `packaging: per-lesson` (package_zip.hpp), in a
// section per area.
#include <map>

#include <fmt/format.h>

#include "packager/lesson/areas.hpp"
#include "packager/mbz/backup_writer.hpp"
#include "packager/pipeline/layout.hpp"
#include "packager/pipeline/package_zip.hpp"
#include "packager/pipeline/build_date.hpp"
#include "packager/scorm/identifiers.hpp"
#include "packager/scorm/manifest.hpp"
#include "packager/scorm/xml_text.hpp"
#include "packager/util/sha256.hpp"
#include "packager/util/text.hpp"

namespace packager::pipeline {
namespace fs = std::filesystem;
namespace {

std::string html_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// Plain text as a Moodle HTML field: one paragraph per blank-line block.
std::string paragraphs(const std::string& text) {
  std::string html;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find("\n\n", start);
    if (end == std::string::npos) end = text.size();
    const std::string block = util::trim(std::string_view(text).substr(start, end - start));
    if (!block.empty()) html += "<p>" + html_escape(block) + "</p>";
    start = end + 2;
  }
  return html;
}

// The sections: one per area, in course order (the order lessons come in),
// named with the area's long title. Lessons without an area (or a course
// with `grouping: none`) share one section named after the course.
struct Sections {
  std::vector<std::string> names;
  std::vector<int> of_lesson;  // section number (1-based) of each lesson
};

Sections sections_for(const lesson::Course& course) {
  Sections s;
  std::map<std::string, int> number_of;  // area key -> section number
  for (const auto& l : course.lessons) {
    const bool grouped = course.group_by_area && !l.area.empty();
    const std::string key = grouped ? "area-" + util::slugify(l.area) : "";
    auto it = number_of.find(key);
    if (it == number_of.end()) {
      s.names.push_back(scorm::clean_title(grouped ? lesson::area_title(l.area) : course.title));
      it = number_of.emplace(key, static_cast<int>(s.names.size())).first;
    }
    s.of_lesson.push_back(it->second);
  }
  return s;
}

// The scorm_scoes rows Moodle's parser (mod/scorm/datamodels/scormlib.php)
// makes of a per-lesson manifest, as read back from Moodle 4.5 after
// uploading one: the organization, then each lesson item, with the same
// optional data. A one-lesson package has no grouping item.
Result<std::vector<mbz::Sco>> moodle_scoes(const scorm::Package& package) {
  const bool v12 = package.version == scorm::Version::scorm12;
  const std::string org = package.identifier + "-org";
  std::vector<mbz::Sco> scoes;
  mbz::Sco o{package.identifier, "", "/", org, "", "", scorm::clean_title(package.title), {}};
  if (!v12) o.data = {{"choice", "1"}, {"flow", "1"}};  // the organization's controlMode
  scoes.push_back(std::move(o));
  std::map<std::string, std::string> href_of;
  for (const auto& r : package.resources) href_of[r.identifier] = r.href;
  for (const auto& item : package.items) {
    if (!item.children.empty() || item.resource.empty())
      return fail(ErrorCode::internal, fmt::format("{}: a per-lesson package has no grouping item", item.identifier));
    mbz::Sco sco{package.identifier, org, org, item.identifier, href_of[item.resource], "sco",
                 scorm::clean_title(item.title), {{"isvisible", "true"}, {"parameters", ""}}};
    if (!v12) sco.data.emplace_back("threshold", scorm::threshold_text(package.completion_threshold));
    scoes.push_back(std::move(sco));
  }
  return scoes;
}

// Course module ID numbers hold 100 characters; keep them stable and unique.
std::string activity_idnumber(const lesson::Course& course, const lesson::Lesson& l) {
  std::string id = course.identifier + "-" + l.slug;
  if (id.size() > 100) id = id.substr(0, 87) + "-" + util::sha256_hex(id).substr(0, 12);
  return id;
}

// The backup's file name: "<id>-<version>.mbz".
std::string backup_file_name(const lesson::Course& course) {
  return fmt::format("{}-{}.mbz", course.identifier, course.version);
}

}  // namespace

Result<void> write_mbz(BuildState& state) {
  const lesson::Course& course = state.course;
  // The lessons' zips live outside the bundle, one at a time.
  const fs::path staging = state.work->path() / "mbz-packages";
  std::error_code ec;
  fs::create_directories(staging, ec);
  if (ec) return fail(ErrorCode::output, fmt::format("{}: cannot create: {}", staging.string(), ec.message()));
  const Sections sections = sections_for(course);

  mbz::CourseInfo info;
  info.shortname = course.identifier;
  info.fullname = course.title;
  info.summary_html = paragraphs(course.summary.empty() ? course.title : course.summary);
  info.section_names = sections.names;
  info.backup_name = backup_file_name(course);
  info.time = build_epoch();
  // Stands for "packager's site" of this course: never equal to a real
  // Moodle's identifier, so restore never takes the backup for its own.
  info.site_identifier = util::sha256_hex("packager:" + course.identifier).substr(0, 32);
  // Staged in the bundle; the commit pass moves it into the output folder
  // with the report.
  const fs::path staged = state.bundle / info.backup_name;
  TRY_ASSIGN(auto writer,
             mbz::BackupWriter::create(staged, info, (state.options.output_dir / info.backup_name).string()));

  const lesson::Course shell = course_shell(course);
  for (size_t i = 0; i < course.lessons.size(); ++i) {
    const lesson::Lesson& l = course.lessons[i];
    const lesson::Course one = one_lesson_course(shell, course, i);
    const std::vector<LessonBuild> builds = {state.lessons[i]};
    TRY_ASSIGN(auto contents, package_contents(state, one, builds));
    const std::vector<PackageFile> files = package_files(state, contents, one, builds);
    const fs::path zip = staging / package_file_name(one);
    TRY(write_package_zip(contents, files, zip, {}, video_facts(one, builds)));

    mbz::Activity a;
    a.idnumber = activity_idnumber(course, l);
    a.name = scorm::clean_title(l.title);
    a.intro_html = paragraphs(l.description);
    a.section = sections.of_lesson[i];
    a.version = course.scorm == lesson::ScormVersion::scorm12 ? mbz::ScormVersion::scorm12 : mbz::ScormVersion::scorm2004;
    a.package = zip;
    a.package_name = zip.filename().string();
    // What Moodle extracts from the zip: the manifest, then the same list
    // of package files the zip was written from.
    a.content.push_back({"imsmanifest.xml", {}, contents.manifest});
    for (const auto& f : files) a.content.push_back({f.path, f.file, f.bytes});
    TRY_ASSIGN(a.scoes, moodle_scoes(contents.package));
    TRY(writer.add_activity(a));
    fs::remove(zip, ec);  // in the backup now; keep the work folder small
  }
  TRY(writer.commit());
  state.outputs.push_back(info.backup_name);
  state.packages.push_back(state.options.output_dir / info.backup_name);
  return {};
}

}  // namespace packager::pipeline
