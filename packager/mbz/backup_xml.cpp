#include "packager/mbz/backup_xml.hpp"

#include <fmt/format.h>

#include "packager/mbz/grade_item_xml.hpp"
#include "packager/mbz/xml_builder.hpp"

// The course-level documents: moodle_backup.xml, course/, sections/,
// the grade book, course completion, files.xml.
namespace packager::mbz {
namespace {
using xml::Document;
using xml::Node;

void setting(Node& settings, const char* level, const std::string& owner_tag, const std::string& owner,
             const std::string& name, const std::string& value) {
  Node s = settings.add("setting");
  s.add("level", level);
  if (!owner_tag.empty()) s.add(owner_tag.c_str(), owner);
  s.add("name", name);
  s.add("value", value);
}

std::string activity_dir(int cmid) { return fmt::format("scorm_{}", cmid); }


}  // namespace

std::string moodle_backup_xml(const CourseInfo& course, const std::vector<NumberedActivity>& activities) {
  Document doc;
  Node info = doc.root("moodle_backup").add("information");
  info.add("name", course.backup_name);
  info.add("moodle_version", k_moodle_version);
  info.add("moodle_release", k_moodle_release);
  info.add("backup_version", k_backup_version);
  info.add("backup_release", k_backup_release);
  info.add("backup_date", course.time);
  info.add("mnet_remoteusers", 0);
  info.add("include_files", 1);
  info.add("include_file_references_to_external_content", 0);
  info.add("original_wwwroot", "https://packager.invalid");
  info.add("original_site_identifier_hash", course.site_identifier);
  info.add("original_course_id", k_course_id);
  info.add("original_course_format", "topics");
  info.add("original_course_fullname", course.fullname);
  info.add("original_course_shortname", course.shortname);
  info.add("original_course_startdate", 0);
  info.add("original_course_enddate", 0);
  info.add("original_course_contextid", k_course_context);
  info.add("original_system_contextid", k_system_context);
  Node detail = info.add("details").add("detail");
  detail.attr("backup_id", course.site_identifier);
  detail.add("type", "course");
  detail.add("format", "moodle2");
  detail.add("interactive", 1);
  detail.add("mode", 10);
  detail.add("execution", 1);
  detail.add("executiontime", 0);
  Node contents = info.add("contents");
  Node acts = contents.add("activities");
  for (const auto& a : activities) {
    Node act = acts.add("activity");
    act.add("moduleid", a.cmid);
    act.add("sectionid", section_id(a.section));
    act.add("modulename", "scorm");
    act.add("title", a.name);
    act.add("directory", "activities/" + activity_dir(a.cmid));
    act.add("insubsection", "");
  }
  Node secs = contents.add("sections");
  for (int n = 0; n <= static_cast<int>(course.section_names.size()); ++n) {
    Node s = secs.add("section");
    s.add("sectionid", section_id(n));
    s.add("title", n == 0 ? std::string("0") : course.section_names[static_cast<size_t>(n - 1)]);
    s.add("directory", fmt::format("sections/section_{}", section_id(n)));
    s.add("parentcmid", "");
    s.add("modname", "");
  }
  Node c = contents.add("course");
  c.add("courseid", k_course_id);
  c.add("title", course.shortname);
  c.add("directory", "course");
  Node settings = info.add("settings");
  // No user data of any kind: the backup is a course template. Only the
  // activities and their files are included.
  const std::pair<const char*, const char*> roots[] = {
      {"filename", nullptr},     {"imscc11", "0"},        {"users", "0"},           {"anonymize", "0"},
      {"role_assignments", "0"}, {"activities", "1"},     {"blocks", "0"},          {"files", "1"},
      {"filters", "0"},          {"comments", "0"},       {"badges", "0"},          {"calendarevents", "0"},
      {"userscompletion", "0"},  {"logs", "0"},           {"grade_histories", "0"}, {"questionbank", "0"},
      {"groups", "0"},           {"competencies", "0"},   {"customfield", "0"},     {"contentbankcontent", "0"},
      {"xapistate", "0"},        {"legacyfiles", "0"}};
  for (const auto& [name, value] : roots) setting(settings, "root", "", "", name, value ? value : course.backup_name);
  // Moodle lists each section, then the activities in it.
  for (int n = 0; n <= static_cast<int>(course.section_names.size()); ++n) {
    const std::string sec = fmt::format("section_{}", section_id(n));
    setting(settings, "section", "section", sec, sec + "_included", "1");
    setting(settings, "section", "section", sec, sec + "_userinfo", "0");
    for (const auto& a : activities) {
      if (a.section != n) continue;
      const std::string act = activity_dir(a.cmid);
      setting(settings, "activity", "activity", act, act + "_included", "1");
      setting(settings, "activity", "activity", act, act + "_userinfo", "0");
    }
  }
  return doc.str();
}

std::string course_xml(const CourseInfo& course) {
  Document doc;
  Node c = doc.root("course");
  c.attr("id", k_course_id).attr("contextid", k_course_context);
  c.add("shortname", course.shortname);
  c.add("fullname", course.fullname);
  c.add("idnumber", "");
  c.add("summary", course.summary_html);
  c.add("summaryformat", 1);
  c.add("format", "topics");
  c.add("showgrades", 1);
  c.add("newsitems", 0);
  c.add("startdate", 0);
  c.add("enddate", 0);
  c.add("marker", 0);
  c.add("maxbytes", 0);
  c.add("legacyfiles", 0);
  c.add("showreports", 0);
  c.add("visible", 1);
  c.add("groupmode", 0);
  c.add("groupmodeforce", 0);
  c.add("defaultgroupingid", 0);
  c.add("lang", course.lang);
  c.add("theme", "");
  c.add("timecreated", course.time);
  c.add("timemodified", course.time);
  c.add("requested", 0);
  c.add("showactivitydates", 0);
  c.add("showcompletionconditions", 1);
  c.add("pdfexportfont", k_null);
  // Completion tracking on: each activity's automatic completion and the
  // course completion criteria (course_completion_xml) need it.
  c.add("enablecompletion", 1);
  c.add("completionnotify", 0);
  Node cat = c.add("category");
  cat.attr("id", 1);
  cat.add("name", "Miscellaneous");
  cat.add("description", k_null);
  c.add("tags");
  c.add("customfields");
  Node options = c.add("courseformatoptions");
  for (const auto& [name, value] : {std::pair{"hiddensections", "1"}, std::pair{"coursedisplay", "0"}}) {
    Node o = options.add("courseformatoption");
    o.add("format", "topics");
    o.add("sectionid", 0);
    o.add("name", name);
    o.add("value", value);
  }
  return doc.str();
}

std::string course_inforef_xml() {
  Document doc;
  doc.root("inforef").add("roleref").add("role").add("id", k_student_role);
  return doc.str();
}

std::string enrolments_xml(std::int64_t time) {
  // A manual enrolment method for students, as a new course gets: Moodle
  // restores it whatever the backup's user settings say.
  Document doc;
  Node e = doc.root("enrolments").add("enrols").add("enrol");
  e.attr("id", 1);
  e.add("enrol", "manual");
  e.add("status", 0);
  e.add("name", k_null);
  e.add("enrolperiod", 0);
  e.add("enrolstartdate", 0);
  e.add("enrolenddate", 0);
  e.add("expirynotify", 0);
  e.add("expirythreshold", 86400);
  e.add("notifyall", 0);
  e.add("password", k_null);
  e.add("cost", k_null);
  e.add("currency", k_null);
  e.add("roleid", k_student_role);
  for (const char* f : {"customint1", "customint2", "customint3", "customint4", "customint5", "customint6",
                        "customint7", "customint8", "customchar1", "customchar2", "customchar3", "customdec1",
                        "customdec2", "customtext1", "customtext2", "customtext3", "customtext4"})
    e.add(f, k_null);
  e.add("timecreated", time);
  e.add("timemodified", time);
  e.add("user_enrolments");
  return doc.str();
}

std::string section_xml(int number, const std::string& name, const std::vector<int>& cmids, std::int64_t time) {
  Document doc;
  Node s = doc.root("section");
  s.attr("id", section_id(number));
  s.add("number", number);
  s.add("name", number == 0 ? std::string(k_null) : name);
  s.add("summary", "");
  s.add("summaryformat", 1);
  std::string sequence;
  for (int cmid : cmids) sequence += (sequence.empty() ? "" : ",") + std::to_string(cmid);
  s.add("sequence", sequence);
  s.add("visible", 1);
  s.add("availabilityjson", k_null);
  s.add("component", k_null);
  s.add("itemid", k_null);
  s.add("timemodified", time);
  return doc.str();
}

std::string roles_definition_xml() {
  Document doc;
  Node r = doc.root("roles_definition").add("role");
  r.attr("id", k_student_role);
  r.add("name", "");
  r.add("shortname", "student");
  r.add("nameincourse", k_null);
  r.add("description", "");
  r.add("sortorder", k_student_role);
  r.add("archetype", "student");
  return doc.str();
}

std::string gradebook_xml(std::int64_t time) {
  Document doc;
  Node g = doc.root("gradebook");
  g.add("attributes");
  Node cat = g.add("grade_categories").add("grade_category");
  cat.attr("id", k_grade_category);
  cat.add("parent", k_null);
  cat.add("depth", 1);
  cat.add("path", fmt::format("/{}/", k_grade_category));
  cat.add("fullname", "?");
  cat.add("aggregation", 13);
  cat.add("keephigh", 0);
  cat.add("droplow", 0);
  cat.add("aggregateonlygraded", 1);
  cat.add("aggregateoutcomes", 0);
  cat.add("timecreated", time);
  cat.add("timemodified", time);
  cat.add("hidden", 0);
  GradeItem total;
  total.id = k_course_grade_item;
  total.categoryid = k_null;
  total.itemname = k_null;
  total.itemtype = "course";
  total.itemmodule = k_null;
  total.iteminstance = k_grade_category;
  total.itemnumber = k_null;
  total.idnumber = k_null;
  total.grademax = "100.00000";
  total.sortorder = 1;
  add_grade_item(g.add("grade_items"), total, time);
  g.add("grade_letters");
  Node s = g.add("grade_settings").add("grade_setting");
  s.attr("id", "");
  s.add("name", "minmaxtouse");
  s.add("value", 1);
  return doc.str();
}

std::string course_completion_xml(const std::vector<NumberedActivity>& activities) {
  // The course is complete when every lesson is (criteria type 4 =
  // activity completion, aggregation method 1 = all).
  Document doc;
  Node root = doc.root("course_completion");
  int id = 1;
  for (const auto& a : activities) {
    Node c = root.add("course_completion_criteria");
    c.attr("id", id++);
    c.add("course", k_course_id);
    c.add("criteriatype", 4);
    c.add("module", "scorm");
    c.add("moduleinstance", a.cmid);
    for (const char* f : {"courseinstanceshortname", "enrolperiod", "timeend", "gradepass", "role", "roleshortname"})
      c.add(f, k_null);
    c.add("course_completion_crit_completions");
  }
  if (!activities.empty()) {
    int aggr = 1;
    for (const char* type : {"4", k_null}) {
      Node m = root.add("course_completion_aggr_methd");
      m.attr("id", aggr++);
      m.add("course", k_course_id);
      m.add("criteriatype", type);
      m.add("method", 1);
      m.add("value", k_null);
    }
  }
  return doc.str();
}

std::string files_xml(const std::vector<FileRecord>& files, std::int64_t time) {
  Document doc;
  Node root = doc.root("files");
  for (const auto& f : files) {
    Node n = root.add("file");
    n.attr("id", f.id);
    n.add("contenthash", f.sha1);
    n.add("contextid", f.contextid);
    n.add("component", "mod_scorm");
    n.add("filearea", f.filearea);
    n.add("itemid", 0);
    n.add("filepath", f.filepath);
    n.add("filename", f.filename);
    n.add("userid", k_null);
    n.add("filesize", static_cast<std::int64_t>(f.size));
    n.add("mimetype", f.mimetype);
    n.add("status", 0);
    n.add("timecreated", time);
    n.add("timemodified", time);
    for (const char* field : {"source", "author", "license"}) n.add(field, k_null);
    n.add("sortorder", 0);
    for (const char* field : {"repositorytype", "repositoryid", "reference"}) n.add(field, k_null);
  }
  return doc.str();
}

}  // namespace packager::mbz
