#pragma once
// `packager verify`: is a bundle (an output folder, a USB stick, an archived
// zip) still exactly what the build wrote? Re-hashes every file against
// build-report.json and SHA256SUMS and checks each zip's internal CRCs.

#include <filesystem>
#include <string>
#include <vector>

#include "packager/core/error.hpp"

namespace packager::pipeline {

enum class Difference { missing, changed, extra, corrupt };

struct VerifyFinding {
  Difference kind = Difference::changed;
  std::string path;    // relative to the bundle folder, '/'-separated
  std::string detail;  // e.g. "sha256 is 12ab..., expected 34cd..."
};

struct VerifyResult {
  int files_checked = 0;
  std::string basis;  // what the files were checked against, for the summary
  std::vector<VerifyFinding> findings;
  // A build killed while committing this folder had left a journal, and
  // verify finished that commit before checking.
  bool finished_commit = false;
};

// `target` is a folder holding build-report.json and/or SHA256SUMS, or one
// zip with them beside it (only that zip is then checked, plus its CRCs;
// with neither file beside it, only its CRCs). Differences are findings, not
// errors. ErrorCode::usage when `target` does not exist; ErrorCode::input
// when a folder has neither file or either file is malformed. A folder is
// checked under its build lock (waiting for a build writing to it), after
// finishing any commit a killed build left half-done; the work folders of
// builds that died before committing are not part of the bundle.
Result<VerifyResult> verify(const std::filesystem::path& target);

// "missing", "changed", "extra", "corrupt".
const char* to_string(Difference kind);

}  // namespace packager::pipeline
