#pragma once
// `packager validate <zip|dir>`: checks any SCORM package (ours or anyone
// else's) the way an LMS will read it. The zip is read without extracting
// it (entry names are never used as paths); only imsmanifest.xml is copied,
// under a fixed name into a private temporary folder, for the XSD check.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "packager/archive/zip_reader.hpp"
#include "packager/core/error.hpp"
#include "packager/scorm/manifest_check.hpp"
#include "packager/scorm/target_check.hpp"

namespace packager::inspect {

struct ValidateOptions {
  std::filesystem::path input;        // a .zip or a folder holding imsmanifest.xml
  std::filesystem::path schemas_dir;  // the scorm-xsd folder (catalog.xml, drivers/); empty: no XSD check
  archive::ZipLimits limits;
  // --target, --upload-limit: also what would break on that target.
  std::optional<scorm::TargetOptions> target = std::nullopt;
};

struct ValidateReport {
  std::optional<scorm::Version> version;  // as declared by the manifest
  // Each finding names the file it is about: "imsmanifest.xml" (with a
  // line) or a package file; empty for the package as a whole.
  std::vector<scorm::Finding> findings;
  std::uint64_t package_bytes = 0;   // the zip, or the folder's files
  std::uint64_t unpacked_bytes = 0;  // every file unpacked
  std::optional<scorm::TargetReport> target;  // with options.target (its findings are in `findings`)
  int errors() const;
  int warnings() const;
};

// Validates the package. Defects are findings, not failures; fails only when
// the input cannot be examined: ErrorCode::usage (no such file or folder,
// schemas folder without catalog.xml), ErrorCode::input (not a zip, a zip
// bomb), ErrorCode::internal (xmllint cannot be run).
Result<ValidateReport> validate_package(const ValidateOptions& options);

}  // namespace packager::inspect
