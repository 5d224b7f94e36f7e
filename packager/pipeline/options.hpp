#pragma once
// What a build is asked to do, as the CLI parsed it.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "packager/core/reporter.hpp"
#include "packager/fetch/fetcher.hpp"
#include "packager/media/media_settings.hpp"

namespace packager::pipeline {

// --format: the SCORM zip(s), an offline site (index.html at the output
// folder's root, for a USB stick), or the site with the zips in scorm/.
enum class OutputFormat { zip, site, both };

struct BuildOptions {
  std::filesystem::path input;  // course manifest (.yaml) or one lesson file
  std::filesystem::path output_dir = "dist";
  std::filesystem::path templates_dir;
  fetch::FetchOptions fetch;    // cache, media folders, offline, timeouts
  // --max-height, --transcode, --crf, --preset: what the packaged videos
  // are (media/media_settings.hpp). PeerTube links pick the best file at or
  // below media.max_height (0: up to 1080p); taller videos are transcoded down.
  media::MediaSettings media;
  // --max-package-size: an LMS's upload limit (Moodle: often 100M). A zip
  // over it is refused (nothing written), or only warned about with
  // --oversize warn. 0 = no limit.
  std::uint64_t max_package_bytes = 0;
  bool oversize_warns = false;
  // -j: how many videos download at the same time.
  int jobs = 1;
  OutputFormat format = OutputFormat::zip;
  // --target-size: the stick's capacity in bytes; the site must fit. 0 = no check.
  std::uintmax_t target_size = 0;
};

struct BuildResult {
  std::vector<std::filesystem::path> packages;  // the zips written
  std::filesystem::path site_index;             // --format site|both: its index.html
};

}  // namespace packager::pipeline
