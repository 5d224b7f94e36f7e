#pragma once
// A Moodle course backup (.mbz, the "moodle2" format of Moodle 4.x) as the
// mbz stage sees it: a course, its sections, and one SCORM activity per
// lesson, each carrying its SCORM package, the package's files as Moodle
// extracts them, and the SCO rows Moodle's parser makes of its manifest.
// Filled by the pipeline (pass_mbz.cpp); written by BackupWriter.
//
// What a restore needs, learnt from backups Moodle 4.5 writes itself:
// moodle_backup.xml (what is inside and the settings), course/, one
// sections/section_<id>/ per section, one activities/scorm_<cmid>/ per
// activity, files.xml and files/<2 hex>/<sha1> (every stored file once, by
// content). Moodle's restore does not re-parse a SCORM package: it restores
// the package file, the extracted "content" file area and the scorm_scoes
// rows as they are in the backup, so all three are written here.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace packager::mbz {

// The oldest Moodle the backup declares it comes from: a backup from a
// newer Moodle only restores with a warning, and 4.1 LTS is the oldest
// release we target.
inline constexpr const char* k_moodle_version = "2022112800";  // 4.1
inline constexpr const char* k_moodle_release = "4.1 (Build: 20221128)";
inline constexpr const char* k_backup_version = "2022112800";
inline constexpr const char* k_backup_release = "4.1";
inline constexpr const char* k_scorm_plugin_version = "2022112800";

// One file of a package as Moodle's extraction stores it in the activity's
// "content" area. Exactly one of `file` and `bytes` is set; `bytes` must
// outlive the writer's add_activity call.
struct ContentFile {
  std::string path;             // inside the package, '/'-separated
  std::filesystem::path file;   // on disk, or empty
  std::string_view bytes;       // in memory
};

// One scorm_scoes row: an organization or an item of the manifest, in the
// order Moodle's parser inserts them (sortorder).
struct Sco {
  std::string manifest;      // the manifest's identifier
  std::string organization;  // the organization's identifier; empty for the organization itself
  std::string parent;        // "/" for the organization
  std::string identifier;
  std::string launch;        // the launch page; empty for the organization
  std::string scormtype;     // "sco", "asset", or empty for the organization
  std::string title;
  std::vector<std::pair<std::string, std::string>> data;  // scorm_scoes_data: name, value
};

enum class ScormVersion { scorm12, scorm2004 };

// Moodle's grading methods (mod_scorm grademethod).
enum class GradeMethod { learning_objects = 0, highest = 1, average = 2, sum = 3 };

struct Activity {
  std::string idnumber;     // the course module's ID number: stable across versions, <= 100 chars
  std::string name;         // the lesson title
  std::string intro_html;   // the description, as HTML
  int section = 1;          // section number, 1-based (0 is the course's general section)
  ScormVersion version = ScormVersion::scorm12;
  GradeMethod grade_method = GradeMethod::learning_objects;
  std::filesystem::path package;  // the SCORM zip on disk
  std::string package_name;       // its file name in Moodle (scorm.reference)
  std::vector<ContentFile> content;  // the package's files, imsmanifest.xml included
  std::vector<Sco> scoes;            // organization first, then items in manifest order
};

struct CourseInfo {
  std::string shortname;
  std::string fullname;
  std::string summary_html;
  std::string lang;                        // "fr", forced course language; empty: none
  std::vector<std::string> section_names;  // sections 1..N, in course order
  std::string backup_name;                 // the .mbz file name, recorded inside
  std::int64_t time = 0;                   // every date inside (SOURCE_DATE_EPOCH)
  // Stands for the site the backup comes from; Moodle compares it with its
  // own to tell a restore on the same site.
  std::string site_identifier;
};

}  // namespace packager::mbz
