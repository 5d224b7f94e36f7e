#pragma once
// Checks the structure of a Moodle course backup (.mbz) the way Moodle's
// restore reads it, without extracting it: every XML file parses;
// moodle_backup.xml describes a moodle2 course backup whose listed
// sections and activities have their directories and files; every file
// files.xml lists is stored under its SHA-1 with the recorded size and
// bytes, and every file an inforef.xml names is listed; each SCORM activity
// has its package, its extracted imsmanifest.xml and a launchable SCO whose
// launch page is among its files. Entry names are reported, never used as
// paths. The SCORM packages inside are handed back (copied into a scratch
// folder) for the caller to validate as packages.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "packager/core/error.hpp"

namespace packager::mbz {

struct BackupFinding {
  bool error = true;     // else a warning
  std::string file;      // the backup entry it is about; empty for the whole backup
  std::string message;
};

struct EmbeddedPackage {
  std::string activity;            // "activities/scorm_3"
  std::string name;                // the activity's name
  std::string reference;           // the package's file name in Moodle
  std::string sha1;                // its contenthash
  std::filesystem::path copy;      // the package, copied into the scratch folder
};

struct BackupSummary {
  std::string moodle_release;  // as declared
  int sections = 0;            // listed in moodle_backup.xml, the general section included
  int activities = 0;
  std::vector<BackupFinding> findings;
  std::vector<EmbeddedPackage> packages;
};

// Limits on what is read into memory: any one XML file, and the backup.
inline constexpr std::uint64_t k_max_xml_bytes = 64ull * 1024 * 1024;

// Checks `path`, copying the SCORM packages inside into `scratch` (an
// existing private folder; empty: no copies, EmbeddedPackage::copy stays
// empty). Defects are findings; fails only when the file
// is not a readable tar.gz (ErrorCode::input) or a copy cannot be written
// (ErrorCode::output).
Result<BackupSummary> check_backup(const std::filesystem::path& path, const std::filesystem::path& scratch);

}  // namespace packager::mbz
