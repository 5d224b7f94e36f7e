#include "packager/pipeline/build.hpp"

#include "packager/pipeline/state.hpp"

namespace packager::pipeline {

Result<BuildResult> build(const BuildOptions& options, const Reporter& reporter) {
  BuildState state(options, reporter);
  // Read the course and every lesson first, reporting all problems at once,
  // so an author fixes everything before anything is downloaded.
  TRY(load_course(state));
  // Load the templates now so a broken --templates folder fails fast.
  TRY(load_templates(state));
  // Get every video: the user's own copy, the cache, or the network.
  TRY(fetch_media(state));
  // Work in a temporary folder beside the output; it vanishes on failure.
  TRY(open_work_folder(state));
  // Remux each video to a faststart MP4; this also validates it.
  TRY(prepare_media(state));
  // Render each lesson's page from the templates.
  TRY(render_pages(state));
  // Write the manifest and the zip(s), each committed by an atomic rename.
  TRY(write_packages(state));
  return BuildResult{state.packages};
}

}  // namespace packager::pipeline
