// `packager merge DIR... -o OUT` (pipeline/shard.hpp).
#include <iostream>
#include <memory>
#include <vector>

#include "packager/cli/command.hpp"
#include "packager/fetch/fetcher.hpp"
#include "packager/pipeline/shard.hpp"

namespace packager::cli {
namespace fs = std::filesystem;
namespace {

struct MergeFlags {
  std::vector<fs::path> shards;
  fs::path output_dir = "dist";
  fs::path cache_dir;  // where captions fetched by URL are (the shards' shared cache)
};

int run_merge(const MergeFlags& flags, const GlobalFlags& global) {
  const Reporter reporter(global.verbosity());
  auto result = pipeline::merge_shards(flags.shards, flags.output_dir,
                                       flags.cache_dir.empty() ? fetch::default_cache_dir() : flags.cache_dir,
                                       reporter);
  if (!result) return report_failure(reporter, result.error());
  for (const auto& path : result->packages) std::cout << path.string() << '\n';
  if (!result->site_index.empty()) std::cout << result->site_index.string() << '\n';
  for (const auto& path : result->zim_files) std::cout << path.string() << '\n';
  return 0;
}

}  // namespace

Command add_merge_command(CLI::App& app, const GlobalFlags& global) {
  auto flags = std::make_shared<MergeFlags>();
  auto* cmd = app.add_subcommand(
      "merge", "Assemble the shard folders of a distributed build (build --shard I/N) into its outputs");
  cmd->add_option("shards", flags->shards, "Shard folders, one per shard 1..N, in any order")
      ->required()
      ->check(CLI::ExistingDirectory);
  cmd->add_option("-o,--output", flags->output_dir, "Output folder")->capture_default_str();
  cmd->add_option("--cache-dir", flags->cache_dir,
                  "The cache the shards shared, for captions they fetched by URL (default $XDG_CACHE_HOME/packager)");
  return {cmd, [flags, &global] { return run_merge(*flags, global); }};
}

}  // namespace packager::cli
