#include "packager/pipeline/build.hpp"

#include <algorithm>

#include "packager/core/interrupt.hpp"
#include "packager/pipeline/state.hpp"
#include "packager/pipeline/timing.hpp"

namespace packager::pipeline {
namespace {

BuildResult existing_outputs(const BuildState& state) {
  BuildResult result;
  for (const auto& path : state.existing_packages) result.packages.push_back(state.options.output_dir / path);
  // In the order a fresh build gives them: the SCORM zips, then the backup.
  std::stable_partition(result.packages.begin(), result.packages.end(),
                        [](const std::filesystem::path& p) { return p.extension() == ".zip"; });
  if (state.options.format.site) result.site_index = state.options.output_dir / "index.html";
  for (const auto& path : state.existing_zim_files) result.zim_files.push_back(state.options.output_dir / path);
  return result;
}

}  // namespace

Result<BuildResult> build(const BuildOptions& options, const Reporter& reporter) {
  BuildState state(options, reporter);
  // Only the site gives the user the video as a file of its own; the zip,
  // the backup and the ZIM copy its bytes, so they can read it straight
  // from the remux cache (a merge takes the shards' copies instead).
  state.read_media_in_cache = !options.format.site && options.shard_media.empty();
  // Then new remuxed videos go into the cache while the zip is written
  // (the ZIM names each video by its SHA-256, so it waits for the store).
  state.store_in_background = state.read_media_in_cache && !options.format.zim;
  // Read the course and every lesson first, reporting all problems at once,
  // so an author fixes everything before anything is downloaded.
  TRY(run_pass(state, "load_course", load_course));
  // Load the templates now so a broken --templates folder fails fast.
  TRY(run_pass(state, "load_templates", load_templates));
  // Caption files given by URL: small, and checked as WebVTT on arrival, so
  // a broken one stops the build before any video is downloaded.
  TRY(run_pass(state, "fetch_caption_urls", fetch_caption_urls));
  // Get every video: the user's own copy, the cache, or the network.
  // (A merge of shards takes what its shards fetched instead.)
  const bool merge = !options.shard_media.empty();
  TRY(merge ? run_pass(state, "shard_sources", shard_sources) : run_pass(state, "fetch_media", fetch_media));
  // The instance's own captions for lessons without any, when the video
  // came from that instance: downloaded and checked.
  TRY(run_pass(state, "fetch_instance_captions", fetch_instance_captions));
  // One build at a time per output folder; a commit a killed build left
  // half-done is finished first, so what follows sees one whole bundle.
  TRY(run_pass(state, "open_output", open_output));
  // Same inputs as the build already in the output folder, and its outputs
  // untouched since: rewrite nothing.
  TRY(run_pass(state, "check_up_to_date", check_up_to_date));
  if (state.up_to_date) return existing_outputs(state);
  // Work in a temporary folder inside the output folder; every output is
  // staged there and it vanishes on failure.
  TRY(run_pass(state, "open_work_folder", open_work_folder));
  // Take videos remuxed by an earlier build (same bytes, same settings).
  TRY(merge ? run_pass(state, "take_shard_media", take_shard_media) : run_pass(state, "reuse_media", reuse_media));
  // Remux each other video to a faststart MP4; this also validates it.
  TRY(run_pass(state, "prepare_media", prepare_media));
  // Keep the new remuxed videos in the cache for the next build (on a
  // second thread while the writers run, when no writer needs their hash).
  TRY(run_pass(state, "store_media", store_media));
  // Render each lesson's page from the templates.
  TRY(run_pass(state, "render_pages", render_pages));
  // Write the manifest and the zip(s) into the bundle.
  if (options.format.zip) TRY(run_pass(state, "write_packages", write_packages));
  // The offline site for a USB stick, with the zips in its scorm/ folder.
  TRY(run_pass(state, "write_site", write_site));
  // One file that restores into a ready Moodle course: a section per area,
  // a SCORM activity per lesson, completion set up.
  if (options.format.mbz) TRY(run_pass(state, "write_mbz", write_mbz));
  // The Kiwix ZIM: one file with search, for phones and hotspots.
  if (options.format.zim) TRY(run_pass(state, "write_zim", write_zim));
  // The videos stored in the background are in the cache (or warned about).
  TRY(run_pass(state, "finish_store_media", finish_store_media));
  // The cached videos the writers read in place did not change under them.
  TRY(run_pass(state, "check_cached_media", check_cached_media));
  // Record what went in and what came out: build-report.json, SHA256SUMS.
  TRY(run_pass(state, "write_report", write_report));
  // The one irreversible step: the bundle moves into the output folder
  // whole, or (interrupted before it) not at all.
  TRY(run_pass(state, "commit_bundle", commit_bundle));
  BuildResult result{state.packages, {}, state.zim_files};
  if (options.format.site) result.site_index = options.output_dir / "index.html";
  return result;
}

}  // namespace packager::pipeline
