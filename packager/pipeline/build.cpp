#include "packager/pipeline/build.hpp"

#include "packager/core/interrupt.hpp"
#include "packager/pipeline/state.hpp"

namespace packager::pipeline {

Result<BuildResult> build(const BuildOptions& options, const Reporter& reporter) {
  BuildState state{options, reporter, {}, {}, options.fetch, {}, {}, {}};
  // Each pass is preceded by an interruption check (TRY(check_interrupted())):
  // passes that are quick do not poll, so a signal is noticed between them.
  // Read the course and every lesson first, reporting all problems at once,
  // so an author fixes everything before anything is downloaded.
  TRY(check_interrupted());
  TRY(load_course(state));
  // Load the templates now so a broken --templates folder fails fast.
  TRY(check_interrupted());
  TRY(load_templates(state));
  // Get every video: the user's own copy, the cache, or the network.
  TRY(check_interrupted());
  TRY(fetch_media(state));
  // Work in a temporary folder beside the output; it vanishes on failure.
  TRY(check_interrupted());
  TRY(open_work_folder(state));
  // Remux each video to a faststart MP4; this also validates it.
  TRY(check_interrupted());
  TRY(prepare_media(state));
  // Render each lesson's page from the templates.
  TRY(check_interrupted());
  TRY(render_pages(state));
  // Write the manifest and the zip(s), each committed by an atomic rename.
  TRY(check_interrupted());
  TRY(write_packages(state));
  return BuildResult{state.packages};
}

}  // namespace packager::pipeline
