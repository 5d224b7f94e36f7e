#pragma once
// What a build is asked to do, as the CLI parsed it.

#include <filesystem>
#include <vector>

#include "packager/core/reporter.hpp"
#include "packager/fetch/fetcher.hpp"

namespace packager::pipeline {

struct BuildOptions {
  std::filesystem::path input;  // course manifest (.yaml) or one lesson file
  std::filesystem::path output_dir = "dist";
  std::filesystem::path templates_dir;
  fetch::FetchOptions fetch;    // cache, media folders, offline, timeouts
  // --max-height: the tallest video wanted. PeerTube links pick the best
  // file at or below it; taller videos are transcoded down. 0 = no limit
  // (PeerTube then picks up to 1080p).
  int max_height = 0;
  // -j: how many videos download at the same time.
  int jobs = 1;
};

struct BuildResult {
  std::vector<std::filesystem::path> packages;  // the zips written
};

}  // namespace packager::pipeline
