#pragma once
// The state a build carries from pass to pass. Each pass (pass_*.cpp) reads
// what earlier passes filled in and adds its own part; build.cpp lists them.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <future>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "packager/core/reporter.hpp"
#include "packager/fetch/fetcher.hpp"
#include "packager/fetch/remux_store.hpp"
#include "packager/lesson/model.hpp"
#include "packager/media/probe.hpp"
#include "packager/pipeline/options.hpp"
#include "packager/render/index_page.hpp"
#include "packager/render/page.hpp"
#include "packager/render/templates.hpp"
#include "packager/util/atomic_file.hpp"
#include "packager/util/bundle_commit.hpp"
#include "packager/util/file_identity.hpp"
#include "packager/util/file_lock.hpp"

namespace packager::pipeline {

// Everything produced for one lesson, parallel to Course::lessons.
struct LessonBuild {
  std::optional<fetch::Fetched> source;  // the downloaded / local video
  // The audio-only file of a video PeerTube stores split (source is then
  // silent); muxed with source by stream copy in the media pass.
  std::optional<fetch::Fetched> audio_source;
  // Captions downloaded from a captionFilePath URL or from the PeerTube
  // instance (already checked as WebVTT); copied into the work folder.
  std::optional<fetch::Fetched> caption_source;
  std::filesystem::path video;           // remuxed, inside the work folder
  std::string video_sha256;              // of `video` when known (cache store / reuse), else ""
  std::optional<std::uint32_t> video_crc32;  // of `video` when known (the cache's record)
  // Set when `video` is the remux cache's own file, read in place by a
  // build whose user never receives the video as a file (no site): its
  // identity when checked, checked again once the writers have read it.
  std::optional<util::FileIdentity> video_in_cache;
  // The writers need not compute the video's SHA-256: its copy into the
  // cache is under way and computes it (store_media in the background), or
  // the video was remuxed straight into the cache, whose entry records its
  // CRC-32 instead, and no output of this build needs it.
  bool skip_video_sha256 = false;
  media::MediaInfo info;                 // of the packaged video
  std::uintmax_t source_bytes = 0;       // the video as fetched
  std::uintmax_t video_bytes = 0;        // the packaged video (after remux or transcode)
  bool transcoded = false;               // re-encoded (--max-height, --transcode)
  std::filesystem::path poster;          // JPEG inside the work folder, if any
  std::filesystem::path captions;        // WebVTT to package, if any
  std::filesystem::path pdf;             // PDF sheet to package, if any
  std::string page_html;                 // the rendered SCO page
  std::string transcript_html;           // its printable transcript; empty without transcript
};

// What storing one lesson's video in the remux cache gave.
struct StoreOutcome {
  size_t lesson = 0;
  std::string sha256;          // of the stored video
  std::optional<Error> error;  // the store failed (the build goes on, warned)
};

// How long one pass took, in the order they ran (for the build report).
struct StageTiming {
  std::string name;
  double seconds = 0;
};

// Something a build took from an earlier one instead of redoing it.
struct Reuse {
  std::string lesson;  // slug
  std::string what;    // "remuxed media"
  std::string from;    // "cache"
};

struct BuildState {
  // Every other member starts empty; the fetch options start as asked.
  BuildState(const BuildOptions& build_options, const Reporter& build_reporter)
      : options(build_options),
        reporter(build_reporter),
        fetch_options(build_options.fetch),
        first_warning(build_reporter.warnings().size()) {}

  const BuildOptions& options;
  const Reporter& reporter;
  lesson::Course course;
  render::Templates templates;
  fetch::FetchOptions fetch_options;
  std::optional<util::TempDir> work;  // removed with everything in it on failure
  std::vector<LessonBuild> lessons;
  std::string index_html;  // the course index page, at the package root
  std::optional<util::FileLock> output_lock;  // held from open_output to the end
  std::filesystem::path bundle;  // inside `work`: the output folder's new content, staged
  // Every file staged in `bundle` by a writer (zips, site files, ...),
  // relative to it; the report lists them and the commit moves them.
  std::vector<std::string> outputs;
  std::vector<std::filesystem::path> packages;  // the zips, where the commit puts them
  util::CommitPlan commit_plan;                 // made by write_report, carried out by commit_bundle
  std::vector<std::filesystem::path> zim_files;  // --format zim: the ZIM file(s), where the commit puts them
  size_t first_warning;                // the reporter's warnings before this build
  std::vector<StageTiming> timings;    // filled by run_pass (timing.hpp)
  std::vector<Reuse> reused;           // what was not redone, for the report
  std::string inputs_sha256;           // fingerprint of every input (pass_check_up_to_date.cpp)
  bool up_to_date = false;             // the output already matches the inputs
  std::vector<std::string> existing_packages;
  std::vector<std::string> existing_zim_files;  // then: its ZIM files, relative to the output folder
  // Staged outputs whose SHA-256 is already known (copies of cached
  // videos), relative path -> sha256, so the report need not read them.
  std::map<std::string, std::string> known_sha256;
  // The outputs take the videos from the remux cache in place, with no copy
  // (set by build() when no output holds the video as a file of its own).
  bool read_media_in_cache = false;
  // No output needs a new video's SHA-256 (no site, no ZIM): new videos
  // are remuxed straight into the cache's staging folders (prepare_media)
  // and committed there once the writers have read them
  // (finish_store_media); videos that could not be staged are copied into
  // the cache on a second thread while the writers run (store_media).
  bool store_in_background = false;
  // Then: each lesson's staging folder, when its video is remuxed into one.
  std::vector<std::optional<fetch::RemuxStaging>> staged;

  // The background store, declared last so that it is waited for before
  // anything it reads (the work folder) is destroyed.
  std::future<std::vector<StoreOutcome>> storing;

  // Every warning this build printed, with its lesson, for the report: the
  // passes warn through the reporter (Reporter::warning), the one sink.
  std::vector<RecordedWarning> warnings() const {
    auto all = reporter.warnings();
    all.erase(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(std::min(first_warning, all.size())));
    return all;
  }
};

// Prints a warning about `lesson` (a slug, or none) and records it for the
// build report, through the reporter (the one sink). Not thread-safe:
// call it from the pass's own thread, in course order.
void warn(BuildState& state, const std::string& message, const std::string& lesson = {});

// The passes, in the order build.cpp runs them. Each fails with a message
// that names the lesson file and, for media, the URL.
Result<void> load_course(BuildState& state);
Result<void> load_templates(BuildState& state);
Result<void> fetch_caption_urls(BuildState& state);
Result<void> fetch_media(BuildState& state);
Result<void> fetch_instance_captions(BuildState& state);
// Locks the output folder for this build (another build into it waits),
// finishes a commit a killed build left there, and removes the work
// folders of builds that died (bundle.cpp).
Result<void> open_output(BuildState& state);
Result<void> open_work_folder(BuildState& state);
// Incremental builds. check_up_to_date (pass_check_up_to_date.cpp) fingerprints every
// input and sets up_to_date when the output folder's report was built from
// the same inputs and its outputs are still there. reuse_media takes
// remuxed videos from the cache (keyed by source hash + media settings);
// store_media puts newly remuxed ones there (remux_cache.cpp).
Result<void> check_up_to_date(BuildState& state);
// The probe results of a lesson's packaged video as JSON text, and back
// (false when the text does not parse): how the remux cache and the shard
// records keep them (remux_cache.cpp).
std::string describe_media(const LessonBuild& build);
bool take_media_description(const std::string& text, LessonBuild& build);
// Distributed builds (shard.cpp): `packager merge` takes each lesson's
// source record (shard_sources, instead of fetch_media) and remuxed video
// (take_shard_media, instead of reuse_media) from the shard folders.
Result<void> shard_sources(BuildState& state);
Result<void> take_shard_media(BuildState& state);
Result<void> reuse_media(BuildState& state);
Result<void> store_media(BuildState& state);
// Waits for a store_media run in the background; warns of its failures.
Result<void> finish_store_media(BuildState& state);
// The cached videos the writers read in place are still what the cache
// recorded (else the build fails rather than record a package it cannot
// vouch for).
Result<void> check_cached_media(BuildState& state);
Result<void> prepare_media(BuildState& state);
Result<void> render_pages(BuildState& state);
Result<void> write_packages(BuildState& state);
// --format site|both: the offline site at the output folder's root, the
// zips moved into scorm/ (pass_write_site.cpp). Does nothing for --format zip.
Result<void> write_site(BuildState& state);
// --format mbz: the course as one Moodle course backup, a SCORM activity per
// lesson in a section per area, staged in the bundle (pass_mbz.cpp).
Result<void> write_mbz(BuildState& state);
// --format zim: the course as Kiwix ZIM file(s), one per area when it would
// be over --max-file-size, staged in the bundle (pass_zim.cpp).
Result<void> write_zim(BuildState& state);
// build-report.json and SHA256SUMS, staged in the bundle; decides which
// outputs are unchanged since the last build and stay as they are
// (pass_write_report.cpp).
Result<void> write_report(BuildState& state);
// Moves the bundle into the output folder as one journaled commit
// (bundle.cpp, util/bundle_commit.hpp).
Result<void> commit_bundle(BuildState& state);

// The lesson page's content for lesson `l` of `course` built as `b`; the
// render pass and the ZIM writer render it with their own templates.
render::LessonPage lesson_page_for(const lesson::Course& course, const lesson::Lesson& l, const LessonBuild& b);

// The remux cache key of a video: SHA-256 of the source bytes and every
// setting that shapes the packaged video (remux_cache.cpp). It identifies
// the packaged video's bytes without reading them.
std::string remux_key(const BuildState& state, const LessonBuild& build);

// The course index page for `course` built as `builds` (the whole course,
// or the one lesson of a per-lesson package), offering `packages` (the
// offline site's SCORM zips) when there are any. Needs the render pass done
// (it links transcript pages that were rendered).
Result<std::string> render_course_index(const BuildState& state, const lesson::Course& course,
                                        const std::vector<LessonBuild>& builds,
                                        std::vector<render::IndexPackage> packages = {}, bool runtime = true);

}  // namespace packager::pipeline
