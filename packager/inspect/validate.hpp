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

namespace packager::inspect {

struct ValidateOptions {
  std::filesystem::path input;        // a .zip or a folder holding imsmanifest.xml
  std::filesystem::path schemas_dir;  // the scorm-xsd folder (catalog.xml, drivers/); empty: no XSD check
  archive::ZipLimits limits;
};

struct ValidateReport {
  std::optional<scorm::Version> version;  // as declared by the manifest
  // Each finding names the file it is about: "imsmanifest.xml" (with a
  // line) or a package file; empty for the package as a whole.
  std::vector<scorm::Finding> findings;
  int errors() const;
  int warnings() const;
};

// Validates the package. Defects are findings, not failures; fails only when
// the input cannot be examined: ErrorCode::usage (no such file or folder,
// schemas folder without catalog.xml), ErrorCode::input (not a zip, a zip
// bomb), ErrorCode::internal (xmllint cannot be run).
Result<ValidateReport> validate_package(const ValidateOptions& options);

}  // namespace packager::inspect
