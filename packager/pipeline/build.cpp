#include "packager/pipeline/build.hpp"

#include "packager/pipeline/state.hpp"
#include "packager/pipeline/timing.hpp"

namespace packager::pipeline {

Result<BuildResult> build(const BuildOptions& options, const Reporter& reporter) {
  BuildState state{options, reporter, {}, {}, options.fetch, {}, {}, {}, {}, {}, {}};
  // Read the course and every lesson first, reporting all problems at once,
  // so an author fixes everything before anything is downloaded.
  TRY(run_pass(state, "load_course", load_course));
  // Load the templates now so a broken --templates folder fails fast.
  TRY(run_pass(state, "load_templates", load_templates));
  // Get every video: the user's own copy, the cache, or the network.
  TRY(run_pass(state, "fetch_media", fetch_media));
  // Work in a temporary folder beside the output; it vanishes on failure.
  TRY(run_pass(state, "open_work_folder", open_work_folder));
  // Remux each video to a faststart MP4; this also validates it.
  TRY(run_pass(state, "prepare_media", prepare_media));
  // Render each lesson's page from the templates.
  TRY(run_pass(state, "render_pages", render_pages));
  // Write the manifest and the zip(s), each committed by an atomic rename.
  if (options.format != OutputFormat::site) TRY(run_pass(state, "write_packages", write_packages));
  // The offline site for a USB stick, with the zips in its scorm/ folder.
  TRY(run_pass(state, "write_site", write_site));
  // Record what went in and what came out: build-report.json, SHA256SUMS.
  TRY(run_pass(state, "write_report", write_report));
  BuildResult result{state.packages, {}};
  if (options.format != OutputFormat::zip) result.site_index = options.output_dir / "index.html";
  return result;
}

}  // namespace packager::pipeline
