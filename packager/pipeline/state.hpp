#pragma once
// The state a build carries from pass to pass. Each pass (pass_*.cpp) reads
// what earlier passes filled in and adds its own part; build.cpp lists them.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "packager/core/reporter.hpp"
#include "packager/fetch/fetcher.hpp"
#include "packager/lesson/model.hpp"
#include "packager/media/probe.hpp"
#include "packager/pipeline/options.hpp"
#include "packager/render/templates.hpp"
#include "packager/util/atomic_file.hpp"

namespace packager::pipeline {

// Everything produced for one lesson, parallel to Course::lessons.
struct LessonBuild {
  std::optional<fetch::Fetched> source;  // the downloaded / local video
  std::filesystem::path video;           // remuxed, inside the work folder
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

struct BuildState {
  // Every other member starts empty; the fetch options start as asked.
  BuildState(const BuildOptions& build_options, const Reporter& build_reporter)
      : options(build_options), reporter(build_reporter), fetch_options(build_options.fetch) {}

  const BuildOptions& options;
  const Reporter& reporter;
  lesson::Course course;
  render::Templates templates;
  fetch::FetchOptions fetch_options;
  std::optional<util::TempDir> work;  // removed with everything in it on failure
  std::vector<LessonBuild> lessons;
  std::string index_html;  // the course index page, at the package root
  std::vector<std::filesystem::path> packages;
};

// The passes, in the order build.cpp runs them. Each fails with a message
// that names the lesson file and, for media, the URL.
Result<void> load_course(BuildState& state);
Result<void> load_templates(BuildState& state);
Result<void> fetch_media(BuildState& state);
Result<void> open_work_folder(BuildState& state);
Result<void> prepare_media(BuildState& state);
Result<void> render_pages(BuildState& state);
Result<void> write_packages(BuildState& state);

// The course index page for `course` built as `builds` (the whole course,
// or the one lesson of a per-lesson package).
Result<std::string> render_course_index(const BuildState& state, const lesson::Course& course,
                                        const std::vector<LessonBuild>& builds);

}  // namespace packager::pipeline
