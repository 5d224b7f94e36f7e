#pragma once
// Every subcommand is registered the same way: an add_<name>_command
// function (one file per subcommand, <name>_command.cpp) declares it on the
// top-level CLI11 app, keeps its own flags, and returns a Command whose
// `run` is called once the command line is parsed, if it was chosen. cli.cpp
// only lists them.

#include <functional>

#include <CLI/CLI.hpp>

#include "packager/core/error.hpp"
#include "packager/core/reporter.hpp"
#include "packager/cli/size_option.hpp"

namespace packager::cli {

// -q / -v, accepted before or after the command name.
struct GlobalFlags {
  bool quiet = false;
  bool verbose = false;
  Verbosity verbosity() const { return quiet ? Verbosity::quiet : verbose ? Verbosity::verbose : Verbosity::normal; }
};

struct Command {
  CLI::App* app = nullptr;   // the subcommand, to ask whether it was chosen
  std::function<int()> run;  // runs it; returns the process exit status
};

// `build`: packages a course or a lesson file. `argv0` locates the
// installed templates.
Command add_build_command(CLI::App& app, const GlobalFlags& global, const char* argv0);
// `check`: validates lessons and manifests without building.
Command add_check_command(CLI::App& app, const GlobalFlags& global);
// `validate <zip|dir> [--schemas DIR] [--json]`: one line per finding, then
// a summary (or JSON); exit 0 without errors, 3 with.
Command add_validate_command(CLI::App& app, const GlobalFlags& global);
// `verify <bundle|zip>`: exit 0 when every file is intact, 1 on any
// difference (listed on stdout).
Command add_verify_command(CLI::App& app, const GlobalFlags& global);
// `diff <old> <new>`: exit 0 when no lesson changed, 1 when some did.
Command add_diff_command(CLI::App& app, const GlobalFlags& global);
// `cache ls|verify [--fix]|prune [--all]`.
Command add_cache_command(CLI::App& app, const GlobalFlags& global);
// `merge DIR... -o OUT`: assembles the shard folders of a distributed build
// (`build --shard I/N`) into what one build writes; 0 with the outputs on
// stdout, the error's exit code (3 for a refused set of shards) otherwise.
Command add_merge_command(CLI::App& app, const GlobalFlags& global);

// Prints a failure and returns its exit status; an interruption (also one
// that surfaced as another error) is reported as such, 130 / 143.
int report_failure(const Reporter& reporter, const Error& error);

}  // namespace packager::cli
