#pragma once
// `packager build`: lesson files in, SCORM zip(s) out.

#include "packager/core/error.hpp"
#include "packager/core/reporter.hpp"
#include "packager/pipeline/options.hpp"

namespace packager::pipeline {

// Runs every stage. On any failure nothing is left in the output folder
// except what was there before; earlier packages are untouched.
Result<BuildResult> build(const BuildOptions& options, const Reporter& reporter);

}  // namespace packager::pipeline
