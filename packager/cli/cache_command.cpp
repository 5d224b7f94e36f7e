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
#include "packager/fetch/cache_inventory.hpp"
#include "packager/fetch/fetcher.hpp"

namespace packager::cli {
namespace {

struct CacheFlags {
  std::filesystem::path dir;
  bool fix = false;
  bool all = false;
};

int run_ls(const std::filesystem::path& root) {
  // Results go to stdout, one entry a line, for scripts:
  // kind, SHA-256 (or crc32:<hex> for a remuxed video recorded by CRC-32), size, what (URL, "from <source URL>", file path).
  for (const auto& e : fetch::list_cache(root))
    std::cout << fetch::to_string(e.kind) << '\t' << e.digest << '\t'
              << (e.missing ? "missing" : std::to_string(e.size)) << '\t' << e.name << '\n';
  return 0;
}

int run_verify(const std::filesystem::path& root, bool fix) {
  int damaged = 0;
  const auto items = fetch::list_cache(root);
  for (const auto& item : items) {
    const std::string why = fetch::check_item(root, item);
    if (why.empty()) continue;
    ++damaged;
    const std::string what = item.kind == fetch::CacheKind::download ? item.name
                             : item.kind == fetch::CacheKind::remuxed ? "remuxed video " + item.name
                                                                       : "hash of " + item.name;
    std::cerr << fmt::format("damaged: {} ({}){}\n", what, why, fix ? "; removed" : "");
    if (fix) fetch::remove_item(root, item);
  }
  std::cerr << fmt::format("{} entries checked, {} damaged\n", items.size(), damaged);
  return damaged > 0 && !fix ? exit_code_for(ErrorCode::media) : 0;
}

}  // namespace

Command add_cache_command(CLI::App& app, const GlobalFlags&) {
  auto flags = std::make_shared<CacheFlags>();
  CLI::App* command = app.add_subcommand("cache", "Inspect and clean the download cache");
  command->add_option("--cache-dir", flags->dir, "Download cache (default $XDG_CACHE_HOME/packager)");
  command->require_subcommand(1);
  auto* ls = command->add_subcommand("ls", "List every cache entry: kind (download, remuxed, local), SHA-256, size, "
                                           "URL or source");
  auto* verify = command->add_subcommand("verify", "Re-hash every cache entry of every kind and report damaged ones");
  verify->add_flag("--fix", flags->fix, "Delete damaged entries so the next build fetches them again");
  auto* prune = command->add_subcommand("prune", "Delete partial downloads, files no entry uses and remuxed videos "
                                                 "whose source is gone");
  prune->add_flag("--all", flags->all, "Empty the whole cache");
  return {command, [flags, ls, verify, prune]() {
    const std::filesystem::path root = flags->dir.empty() ? fetch::default_cache_dir() : flags->dir;
    if (*ls) return run_ls(root);
    if (*verify) return run_verify(root, flags->fix);
    if (*prune) {
      const auto summary = fetch::prune_cache(root, flags->all);
      std::cerr << fmt::format("removed {} files ({} bytes)\n", summary.files, summary.bytes);
    }
    return 0;
  }};
}

}  // namespace packager::cli
