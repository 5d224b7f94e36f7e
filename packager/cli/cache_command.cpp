// `packager cache ls|verify|prune`: look after the download cache.
//   ls      one line per entry: SHA-256, size, URL
//   verify  re-hashes every entry; damaged ones are listed (exit 5, media)
//           and, with --fix, deleted so the next build fetches them again
//   prune   deletes partial downloads and unreferenced or dangling files;
//           --all empties the cache
#include "packager/cli/command.hpp"

#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "packager/core/error.hpp"
#include "packager/fetch/cache.hpp"
#include "packager/fetch/fetcher.hpp"

namespace packager::cli {
namespace {

struct CacheFlags {
  std::filesystem::path dir;
  bool fix = false;
  bool all = false;
};

int run_ls(const fetch::Cache& cache) {
  // Results go to stdout, one entry a line, for scripts.
  for (const auto& e : cache.list())
    std::cout << (e.data_path.empty() ? std::string(64, '-') : e.sha256) << '\t'
              << (e.data_path.empty() ? "missing" : std::to_string(e.size)) << '\t' << e.url << '\n';
  return 0;
}

int run_verify(const fetch::Cache& cache, bool fix) {
  int damaged = 0;
  const auto entries = cache.list();
  for (const auto& e : entries) {
    auto ok = e.data_path.empty() ? Result<bool>(false) : cache.verify(e);
    if (ok && *ok) continue;
    ++damaged;
    std::cerr << fmt::format("damaged: {} ({}){}\n", e.url, e.data_path.empty() ? "data missing" : "SHA-256 mismatch",
                             fix ? "; removed" : "");
    if (fix) cache.remove(e.url);
  }
  std::cerr << fmt::format("{} entries checked, {} damaged\n", entries.size(), damaged);
  return damaged > 0 && !fix ? exit_code_for(ErrorCode::media) : 0;
}

}  // namespace

Command add_cache_command(CLI::App& app, const GlobalFlags&) {
  auto flags = std::make_shared<CacheFlags>();
  CLI::App* command = app.add_subcommand("cache", "Inspect and clean the download cache");
  command->add_option("--cache-dir", flags->dir, "Download cache (default $XDG_CACHE_HOME/packager)");
  command->require_subcommand(1);
  auto* ls = command->add_subcommand("ls", "List cached videos: SHA-256, size, URL");
  auto* verify = command->add_subcommand("verify", "Re-hash every cached video and report damaged ones");
  verify->add_flag("--fix", flags->fix, "Delete damaged entries so the next build fetches them again");
  auto* prune = command->add_subcommand("prune", "Delete partial downloads and files no entry uses");
  prune->add_flag("--all", flags->all, "Empty the whole cache");
  return {command, [flags, ls, verify, prune]() {
    const fetch::Cache cache(flags->dir.empty() ? fetch::default_cache_dir() : flags->dir);
    if (*ls) return run_ls(cache);
    if (*verify) return run_verify(cache, flags->fix);
    if (*prune) {
      const auto summary = cache.prune(flags->all);
      std::cerr << fmt::format("removed {} files ({} bytes)\n", summary.files, summary.bytes);
    }
    return 0;
  }};
}

}  // namespace packager::cli
