#pragma once
// `packager merge DIR... -o OUT`: assembles the shard folders of a
// distributed build (`packager build --shard I/N`) into what one build
// writes. add_* registers the subcommand; run_* runs it once parsed.

#include <filesystem>
#include <vector>

#include <CLI/CLI.hpp>

#include "packager/core/reporter.hpp"

namespace packager::cli {

struct MergeCommand {
  CLI::App* app = nullptr;
  std::vector<std::filesystem::path> shards;
  std::filesystem::path output_dir = "dist";
  std::filesystem::path cache_dir;  // where captions fetched by URL are (the shards' shared cache)
};

void add_merge_command(CLI::App& app, MergeCommand& command);

// 0 with the outputs on stdout, as `build` prints them; the error's exit
// code (3 for a refused set of shards) otherwise.
int run_merge(const MergeCommand& command, Verbosity verbosity);

}  // namespace packager::cli
