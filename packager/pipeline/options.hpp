#pragma once
// What a build is asked to do, as the CLI parsed it.

#include <cstdint>
#include <filesystem>
#include <vector>

#include "packager/core/reporter.hpp"
#include "packager/fetch/fetcher.hpp"

namespace packager::pipeline {

// --format: the SCORM zip(s), an offline site (index.html at the output
// folder's root, for a USB stick), or the site with the zips in scorm/.
enum class OutputFormat { zip, site, both };

struct BuildOptions {
  std::filesystem::path input;  // course manifest (.yaml) or one lesson file
  std::filesystem::path output_dir = "dist";
  std::filesystem::path templates_dir;
  fetch::FetchOptions fetch;    // cache, media folders, offline, timeouts
  // --max-height: the tallest video wanted. PeerTube links pick the best
  // file at or below it; taller videos are transcoded down. 0 = no limit
  // (PeerTube then picks up to 1080p).
  int max_height = 0;
  OutputFormat format = OutputFormat::zip;
  // --target-size: the stick's capacity in bytes; the site must fit. 0 = no check.
  std::uintmax_t target_size = 0;
};

struct BuildResult {
  std::vector<std::filesystem::path> packages;  // the zips written
  std::filesystem::path site_index;             // --format site|both: its index.html
};

}  // namespace packager::pipeline
