#pragma once
// What would break a package on a given target (`packager validate
// --target`): the SCORM version it plays, the upload limit with the room
// Moodle needs to unzip the package, SCORM 1.2 suspend_data over 4096
// characters, and pages that load files from outside the package.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "packager/core/target.hpp"
#include "packager/scorm/manifest_check.hpp"

namespace packager::scorm {

// What validate read from the package for these checks.
struct PackageFacts {
  std::optional<Version> version;
  int scos = 0;                      // resources of scormtype sco
  std::uint64_t package_bytes = 0;   // the zip file, or the folder's files
  std::uint64_t unpacked_bytes = 0;  // every file, unpacked
  // The text of the package's pages, style sheets and scripts (*.html,
  // *.htm, *.css, *.js), by name; the ones too large to read are absent.
  std::map<std::string, std::string> texts;
};

struct TargetOptions {
  Target target = Target::generic;
  std::optional<std::uint64_t> upload_limit;  // the LMS's largest upload, bytes
};

struct TargetReport {
  // Room the LMS needs to take the package in: the zip it keeps plus the
  // files it unpacks from it (about twice a video package's size).
  std::uint64_t room_bytes = 0;
  // The most suspend_data characters the package's runtime writes in SCORM
  // 1.2, when the runtime is packager's (it declares k_suspend_limit_12);
  // nullopt for any other runtime.
  std::optional<std::uint64_t> suspend_limit_12;
  std::vector<Finding> findings;
};

// Checks `facts` against `options`. Never fails.
TargetReport check_target(const PackageFacts& facts, const TargetOptions& options);

// The SCORM 1.2 suspend_data cap a packager runtime (templates/assets/
// scorm.js) declares as `k_suspend_limit_12 = N`; nullopt when the script
// declares none.
std::optional<std::uint64_t> runtime_suspend_limit_12(const std::string& script);

// The number of sco resources the manifest declares (0 when it does not
// parse).
int count_scos(const std::string& manifest);

// True for a name check_target needs the text of (pages, CSS, scripts).
bool is_checked_text(const std::string& name);

}  // namespace packager::scorm
