#pragma once
// `packager cache ls|verify|prune`: look after the download cache.

#include <filesystem>
#include <functional>

#include <CLI/CLI.hpp>

namespace packager::cli {

// Adds the `cache` subcommand to `app`. The returned function runs it after
// parsing (when it was chosen) and returns the exit status:
//   ls      one line per entry: SHA-256, size, URL
//   verify  re-hashes every entry; damaged ones are listed (exit 5, media)
//           and, with --fix, deleted so the next build fetches them again
//   prune   deletes partial downloads and unreferenced or dangling files;
//           --all empties the cache
std::function<int()> add_cache_command(CLI::App& app, CLI::App*& command);

}  // namespace packager::cli
