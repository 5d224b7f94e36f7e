// The open_work_folder pass: a temporary folder beside the output, where
// every output is made; it vanishes with everything in it on failure, so
// nothing partial is ever left in the output folder.
#include "packager/pipeline/state.hpp"
#include "packager/util/fs.hpp"

namespace packager::pipeline {

Result<void> open_work_folder(BuildState& state) {
  TRY(util::make_directories(state.options.output_dir));
  TRY_ASSIGN(state.work, util::TempDir::create(state.options.output_dir, ".packager-work-"));
  return {};
}

}  // namespace packager::pipeline
