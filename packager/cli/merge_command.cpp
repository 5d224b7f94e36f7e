#include "packager/cli/merge_command.hpp"

#include <iostream>

#include "packager/core/error.hpp"
#include "packager/fetch/fetcher.hpp"
#include "packager/pipeline/shard.hpp"

namespace packager::cli {

void add_merge_command(CLI::App& app, MergeCommand& command) {
  command.app = app.add_subcommand(
      "merge", "Assemble the shard folders of a distributed build (build --shard I/N) into its outputs");
  command.app->add_option("shards", command.shards, "Shard folders, one per shard 1..N, in any order")
      ->required()
      ->check(CLI::ExistingDirectory);
  command.app->add_option("-o,--output", command.output_dir, "Output folder")->capture_default_str();
  command.app->add_option("--cache-dir", command.cache_dir,
                          "The cache the shards shared, for captions they fetched by URL (default $XDG_CACHE_HOME/packager)");
}

int run_merge(const MergeCommand& command, Verbosity verbosity) {
  const Reporter reporter(verbosity);
  auto result = pipeline::merge_shards(command.shards, command.output_dir,
                                       command.cache_dir.empty() ? fetch::default_cache_dir() : command.cache_dir,
                                       reporter);
  if (!result) {
    reporter.error(result.error().message);
    return exit_code_for(result.error().code);
  }
  for (const auto& path : result->packages) std::cout << path.string() << '\n';
  if (!result->site_index.empty()) std::cout << result->site_index.string() << '\n';
  return 0;
}

}  // namespace packager::cli
