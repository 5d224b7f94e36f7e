#pragma once
// `packager validate X.mbz`: a Moodle course backup is checked for its
// structure (mbz/backup_check.hpp) and each SCORM package inside it is
// validated as a package, like `packager validate X.zip` (with the official
// XSDs when --schemas is given). Findings about a package inside name it:
// "activities/scorm_3/<package>.zip: imsmanifest.xml:12".

#include <filesystem>

#include "packager/core/error.hpp"
#include "packager/pipeline/validate.hpp"

namespace packager::pipeline {

// True for a file validate treats as a Moodle backup (.mbz by name).
bool is_moodle_backup(const std::filesystem::path& input);

// Validates the backup at options.input. Fails as validate_package does.
Result<ValidateReport> validate_backup(const ValidateOptions& options);

}  // namespace packager::pipeline
