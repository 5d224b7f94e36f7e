#pragma once
// `packager validate X.mbz`: a Moodle course backup is checked for its
// structure (mbz/backup_check.hpp) and each SCORM package inside it is
// validated as a package, like `packager validate X.zip` (with the official
// XSDs when --schemas is given). Findings about a package inside name it:
// "activities/scorm_3/<package>.zip: imsmanifest.xml:12".

#include <filesystem>
#include <string>
#include <vector>

#include "packager/core/error.hpp"
#include "packager/inspect/validate.hpp"

namespace packager::inspect {

// True for a file validate treats as a Moodle backup (.mbz by name).
bool is_moodle_backup(const std::filesystem::path& input);

// Validates the backup at options.input. Fails as validate_package does.
Result<ValidateReport> validate_backup(const ValidateOptions& options);

// For `packager verify`: what is damaged in the backup at `file` (the gzip
// stream, the tar, a stored file whose bytes no longer match its SHA-1, a
// file listed but missing), one line each; empty when intact.
std::vector<std::string> backup_damage(const std::filesystem::path& file);

}  // namespace packager::inspect
