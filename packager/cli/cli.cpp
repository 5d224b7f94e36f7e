#include "packager/cli/cli.hpp"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "packager/core/interrupt.hpp"
#include "packager/pipeline/build.hpp"
#include "packager/pipeline/check.hpp"
#include "packager/render/templates.hpp"

namespace packager::cli {
namespace fs = std::filesystem;
namespace {

struct CommonFlags {
  bool quiet = false;
  bool verbose = false;
  Verbosity verbosity() const {
    return quiet ? Verbosity::quiet : verbose ? Verbosity::verbose : Verbosity::normal;
  }
};

int report_failure(const Reporter& reporter, const Error& error) {
  // A signal can also surface as another failure (a read cut short by
  // EINTR); the user asked to stop, so report that.
  if (error.code == ErrorCode::interrupted || interrupted()) {
    reporter.error("interrupted; temporary files removed, earlier packages untouched");
    return interrupt_signal() == SIGTERM ? 143 : 130;
  }
  reporter.error(error.message);
  return exit_code_for(error.code);
}

int run_build(const pipeline::BuildOptions& options, const CommonFlags& flags) {
  const Reporter reporter(flags.verbosity());
  auto result = pipeline::build(options, reporter);
  if (!result) return report_failure(reporter, result.error());
  // Package paths are the command's result: stdout, one per line.
  for (const auto& path : result->packages) std::cout << path.string() << '\n';
  return 0;
}

int run_check(const fs::path& input, const CommonFlags& flags) {
  const Reporter reporter(flags.verbosity());
  auto summary = pipeline::check(input, reporter);
  if (!summary) return report_failure(reporter, summary.error());
  return summary->errors > 0 ? exit_code_for(ErrorCode::input) : 0;
}

int run_parsed(int argc, char** argv) {
  CLI::App app{"packager: turns video lessons into offline learning packages (SCORM)", "packager"};
  app.set_version_flag("--version", "packager " PACKAGER_VERSION);
  app.require_subcommand(1);
  CommonFlags flags;
  app.add_flag("-q,--quiet", flags.quiet, "Only print errors and the results");
  app.add_flag("-v,--verbose", flags.verbose, "Print every step");

  pipeline::BuildOptions build;
  fs::path templates;
  fs::path cache_dir;
  auto* build_cmd = app.add_subcommand("build", "Package a course manifest or a lesson file as SCORM zip(s)");
  build_cmd->add_option("input", build.input, "Course manifest (.yaml) or lesson file (.md)")->required();
  build_cmd->add_option("-o,--output", build.output_dir, "Output folder")->capture_default_str();
  build_cmd->add_option("--templates", templates, "Folder of templates overriding the defaults");
  build_cmd->add_option("--cache-dir", cache_dir, "Download cache (default $XDG_CACHE_HOME/packager)");
  build_cmd->add_option("--media-dir", build.fetch.media_dirs,
                        "Folder holding videos you already have, named as in their URL (repeatable)");
  build_cmd->add_flag("--offline", build.fetch.offline, "Never download: use local copies and the cache only");
  build_cmd->add_option("--max-height", build.max_height,
                        "Tallest video wanted, e.g. 480 for a low-bandwidth variant (0: no limit)")
      ->check(CLI::NonNegativeNumber);

  fs::path check_input;
  auto* check_cmd = app.add_subcommand("check", "Validate lesson files and course manifests without building");
  check_cmd->add_option("input", check_input, "Folder of lessons, course manifest or lesson file")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : exit_code_for(ErrorCode::usage);
  }

  if (*build_cmd) {
    build.templates_dir = templates.empty() ? render::default_templates_dir(argv[0]) : templates;
    build.fetch.cache_dir = cache_dir.empty() ? fetch::default_cache_dir() : cache_dir;
    return run_build(build, flags);
  }
  return run_check(check_input, flags);
}

}  // namespace

int run(int argc, char** argv) {
  install_interrupt_handlers();
  // Zip timestamps are DOS local time; working in UTC makes package bytes
  // independent of the machine's time zone.
  setenv("TZ", "UTC", 1);
  tzset();
  try {
    return run_parsed(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "packager: internal error: %s\n", e.what());
    return exit_code_for(ErrorCode::internal);
  }
}

}  // namespace packager::cli
