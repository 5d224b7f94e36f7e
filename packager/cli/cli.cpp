#include "packager/cli/cli.hpp"

#include <cctype>
#include <csignal>
#include <cstdint>
#include <optional>
#include <string>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <iostream>
#include <vector>

#include <CLI/CLI.hpp>

#include "packager/cli/command.hpp"
#include "packager/core/interrupt.hpp"

namespace packager::cli {

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

namespace {

int run_parsed(int argc, char** argv) {
  CLI::App app{"packager: turns video lessons into offline learning packages (SCORM)", "packager"};
  app.set_version_flag("--version", "packager " PACKAGER_VERSION);
  app.require_subcommand(1);
  // Global flags (-q, -v) also work after the command name.
  app.fallthrough();
  GlobalFlags flags;
  app.add_flag("-q,--quiet", flags.quiet, "Only print errors and the results");
  app.add_flag("-v,--verbose", flags.verbose, "Print every step");

  // Every subcommand, registered the same way (command.hpp).
  const std::vector<Command> commands = {
      add_build_command(app, flags, argv[0]), add_check_command(app, flags), add_validate_command(app, flags),
      add_verify_command(app, flags),         add_diff_command(app, flags),  add_cache_command(app, flags),
      add_merge_command(app, flags)};

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : exit_code_for(ErrorCode::usage);
  }
  for (const auto& command : commands)
    if (*command.app) return command.run();
  return exit_code_for(ErrorCode::usage);  // require_subcommand(1) makes this unreachable
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
