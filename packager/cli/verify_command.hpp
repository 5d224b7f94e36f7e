#pragma once
// `packager verify <bundle-dir|zip>` and `packager diff <old> <new>`: the
// archivist's commands, kept apart from cli.cpp. Each add_* registers the
// subcommand; run_* runs it once parsed and returns the exit status.

#include <filesystem>

#include <CLI/CLI.hpp>

#include "packager/core/reporter.hpp"

namespace packager::cli {

struct VerifyCommand {
  CLI::App* app = nullptr;
  std::filesystem::path target;
};

struct DiffCommand {
  CLI::App* app = nullptr;
  std::filesystem::path old_report;
  std::filesystem::path new_report;
};

void add_verify_command(CLI::App& app, VerifyCommand& command);
void add_diff_command(CLI::App& app, DiffCommand& command);

// 0 when every file is intact, 1 on any difference (listed on stdout), or
// the error's exit code when there is nothing to verify against.
int run_verify(const VerifyCommand& command, Verbosity verbosity);

// 0 when no lesson changed, 1 when some did (as diff(1)), listed on stdout.
int run_diff(const DiffCommand& command, Verbosity verbosity);

}  // namespace packager::cli
