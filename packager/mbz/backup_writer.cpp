#include "packager/mbz/backup_writer.hpp"

#include <set>

#include <fmt/format.h>

#include "packager/mbz/backup_xml.hpp"
#include "packager/mbz/sha1.hpp"
#include "packager/mbz/tar_gz.hpp"

namespace packager::mbz {
namespace fs = std::filesystem;

struct BackupWriter::Impl {
  TarGzWriter tar;
  CourseInfo course;
  std::vector<NumberedActivity> activities;
  std::vector<FileRecord> files;
  std::set<std::string> stored;  // SHA-1s already in files/
  int next_sco = 1;
  int next_sco_data = 1;

  Impl(TarGzWriter t, CourseInfo c) : tar(std::move(t)), course(std::move(c)) {}

  // Stores the bytes under files/<2 hex>/<sha1> once, and records the file.
  Result<int> add_file(int contextid, const char* filearea, const std::string& path, const fs::path& file,
                       std::string_view bytes) {
    std::string sha1;
    std::uint64_t size = bytes.size();
    if (!file.empty()) {
      TRY_ASSIGN(sha1, sha1_file(file));
      std::error_code ec;
      size = fs::file_size(file, ec);
      if (ec) return fail(ErrorCode::output, fmt::format("{}: cannot read: {}", file.string(), ec.message()));
    } else {
      sha1 = sha1_hex(bytes);
    }
    if (stored.insert(sha1).second) {
      const std::string name = fmt::format("files/{}/{}", sha1.substr(0, 2), sha1);
      if (!file.empty())
        TRY(tar.add_file(name, file));
      else
        TRY(tar.add_bytes(name, bytes));
    }
    const size_t slash = path.rfind('/');
    FileRecord r;
    r.id = static_cast<int>(files.size()) + 1;
    r.sha1 = sha1;
    r.contextid = contextid;
    r.filearea = filearea;
    r.filepath = slash == std::string::npos ? "/" : "/" + path.substr(0, slash + 1);
    r.filename = slash == std::string::npos ? path : path.substr(slash + 1);
    r.size = size;
    r.mimetype = moodle_mimetype(r.filename);
    files.push_back(std::move(r));
    return files.back().id;
  }
};

std::string moodle_mimetype(const std::string& filename) {
  const auto dot = filename.rfind('.');
  const std::string ext = dot == std::string::npos ? "" : filename.substr(dot + 1);
  static const std::pair<const char*, const char*> k_types[] = {
      {"html", "text/html"},  {"htm", "text/html"},   {"css", "text/css"},         {"js", "application/x-javascript"},
      {"xml", "application/xml"}, {"zip", "application/zip"}, {"mp4", "video/mp4"}, {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"}, {"png", "image/png"},   {"svg", "image/svg+xml"},    {"pdf", "application/pdf"},
      {"vtt", "text/vtt"},    {"json", "application/json"}};
  for (const auto& [e, type] : k_types)
    if (ext == e) return type;
  return "document/unknown";
}

BackupWriter::BackupWriter(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
BackupWriter::BackupWriter(BackupWriter&&) noexcept = default;
BackupWriter& BackupWriter::operator=(BackupWriter&&) noexcept = default;
BackupWriter::~BackupWriter() = default;

Result<BackupWriter> BackupWriter::create(const fs::path& destination, CourseInfo course,
                                          const std::string& display_name) {
  TRY_ASSIGN(auto tar, TarGzWriter::create(destination, course.time, display_name));
  return BackupWriter(std::make_unique<Impl>(std::move(tar), std::move(course)));
}

Result<void> BackupWriter::add_activity(const Activity& activity) {
  Impl& w = *m_impl;
  if (activity.section < 1 || activity.section > static_cast<int>(w.course.section_names.size()))
    return fail(ErrorCode::usage, fmt::format("activity '{}': section {} is not one of the course's {} sections",
                                              activity.name, activity.section, w.course.section_names.size()));
  NumberedActivity n;
  const int index = static_cast<int>(w.activities.size());
  n.cmid = index + 1;
  n.instance = index + 1;
  n.contextid = k_course_context + 1 + index;
  n.grade_item = k_course_grade_item + 1 + index;
  n.section = activity.section;
  n.name = activity.name;
  n.idnumber = activity.idnumber;

  // The package as uploaded, then its files as Moodle extracts them.
  std::vector<int> file_ids;
  TRY_ASSIGN(int package_id, w.add_file(n.contextid, "package", activity.package_name, activity.package, {}));
  file_ids.push_back(package_id);
  const std::string package_sha1 = w.files.back().sha1;
  for (const auto& f : activity.content) {
    TRY_ASSIGN(int id, w.add_file(n.contextid, "content", f.path, f.file, f.bytes));
    file_ids.push_back(id);
  }

  const std::string dir = fmt::format("activities/scorm_{}/", n.cmid);
  const std::int64_t time = w.course.time;
  TRY(w.tar.add_bytes(dir + "module.xml", module_xml(activity, n, time)));
  TRY(w.tar.add_bytes(dir + "scorm.xml", scorm_xml(activity, n, package_sha1, w.next_sco, w.next_sco_data, time)));
  TRY(w.tar.add_bytes(dir + "inforef.xml", activity_inforef_xml(file_ids, n.grade_item)));
  TRY(w.tar.add_bytes(dir + "grades.xml", activity_grades_xml(activity, n, time)));
  for (const auto& doc : empty_activity_documents()) TRY(w.tar.add_bytes(dir + doc.path, doc.xml));
  w.next_sco += static_cast<int>(activity.scoes.size());
  for (const auto& sco : activity.scoes) w.next_sco_data += static_cast<int>(sco.data.size());
  w.activities.push_back(std::move(n));
  return {};
}

Result<void> BackupWriter::commit() {
  Impl& w = *m_impl;
  const std::int64_t time = w.course.time;
  TRY(w.tar.add_bytes("course/course.xml", course_xml(w.course)));
  TRY(w.tar.add_bytes("course/inforef.xml", course_inforef_xml()));
  TRY(w.tar.add_bytes("course/enrolments.xml", enrolments_xml(time)));
  for (const auto& doc : empty_course_documents()) TRY(w.tar.add_bytes(std::string("course/") + doc.path, doc.xml));
  for (int number = 0; number <= static_cast<int>(w.course.section_names.size()); ++number) {
    std::vector<int> cmids;
    for (const auto& a : w.activities)
      if (a.section == number) cmids.push_back(a.cmid);
    const std::string dir = fmt::format("sections/section_{}/", section_id(number));
    const std::string name = number == 0 ? "" : w.course.section_names[static_cast<size_t>(number - 1)];
    TRY(w.tar.add_bytes(dir + "section.xml", section_xml(number, name, cmids, time)));
    TRY(w.tar.add_bytes(dir + "inforef.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<inforef>\n</inforef>\n"));
  }
  TRY(w.tar.add_bytes("completion.xml", course_completion_xml(w.activities)));
  TRY(w.tar.add_bytes("gradebook.xml", gradebook_xml(time)));
  TRY(w.tar.add_bytes("roles.xml", roles_definition_xml()));
  for (const auto& doc : empty_root_documents()) TRY(w.tar.add_bytes(doc.path, doc.xml));
  TRY(w.tar.add_bytes("files.xml", files_xml(w.files, time)));
  TRY(w.tar.add_bytes("moodle_backup.xml", moodle_backup_xml(w.course, w.activities)));
  return w.tar.commit();
}

}  // namespace packager::mbz
