#pragma once
// The XML documents of a Moodle backup, one function per file, in the
// element order Moodle 4.5 writes them (learnt from its own backups).
// Identifiers inside a backup only tie its files together: restore maps
// every one of them to a new database id. "$@NULL@$" is Moodle's NULL.

#include <cstdint>
#include <string>
#include <vector>

#include "packager/mbz/backup.hpp"

namespace packager::mbz {

inline constexpr const char* k_null = "$@NULL@$";

// Fixed identifiers of the backup's own numbering.
inline constexpr int k_course_id = 1;
inline constexpr int k_system_context = 1;
inline constexpr int k_course_context = 2;
inline constexpr int k_student_role = 5;
inline constexpr int k_grade_category = 1;
inline constexpr int k_course_grade_item = 1;

// One row of files.xml.
struct FileRecord {
  int id = 0;
  std::string sha1;
  int contextid = 0;
  std::string filearea;  // "package" or "content"
  std::string filepath;  // "/lessons/x/"
  std::string filename;
  std::uint64_t size = 0;
  std::string mimetype;
};

// An activity once numbered: what the course-level files need of it.
struct NumberedActivity {
  int cmid = 0;         // course module id, also the activity's directory number
  int instance = 0;     // scorm id
  int contextid = 0;
  int grade_item = 0;
  int section = 0;      // section number
  std::string name;
  std::string idnumber;
};

// Section number n has id section_id(n).
inline int section_id(int number) { return number + 1; }

std::string moodle_backup_xml(const CourseInfo& course, const std::vector<NumberedActivity>& activities);
std::string course_xml(const CourseInfo& course);
std::string course_inforef_xml();
std::string enrolments_xml(std::int64_t time);
std::string section_xml(int number, const std::string& name, const std::vector<int>& cmids, std::int64_t time);
std::string roles_definition_xml();
std::string gradebook_xml(std::int64_t time);
std::string course_completion_xml(const std::vector<NumberedActivity>& activities);
std::string files_xml(const std::vector<FileRecord>& files, std::int64_t time);

std::string module_xml(const Activity& a, const NumberedActivity& n, std::int64_t time);
// `first_sco` is the id of the activity's first SCO row; its launch is the
// first row with a launch page.
std::string scorm_xml(const Activity& a, const NumberedActivity& n, const std::string& package_sha1,
                      int first_sco, int first_data, std::int64_t time);
std::string activity_inforef_xml(const std::vector<int>& file_ids, int grade_item);
std::string activity_grades_xml(const Activity& a, const NumberedActivity& n, std::int64_t time);

// The small documents Moodle writes empty for a course without user data:
// "name.xml" -> its text. Course-level and activity-level sets.
struct EmptyDocument {
  const char* path;
  const char* xml;
};
const std::vector<EmptyDocument>& empty_root_documents();
const std::vector<EmptyDocument>& empty_course_documents();
const std::vector<EmptyDocument>& empty_activity_documents();

}  // namespace packager::mbz
