#pragma once
// `packager check`: validate lesson files without building anything.

#include <filesystem>

#include "packager/core/error.hpp"
#include "packager/core/reporter.hpp"

namespace packager::pipeline {

struct CheckSummary {
  int lessons_ok = 0;
  int lessons_failed = 0;
  int warnings = 0;
  int errors = 0;
};

// Loads a course manifest, a lesson file, or every *.md under a folder, and
// prints each diagnostic and a summary line to stderr. Returns the summary;
// an error only when the input itself cannot be found.
Result<CheckSummary> check(const std::filesystem::path& input, const Reporter& reporter);

}  // namespace packager::pipeline
