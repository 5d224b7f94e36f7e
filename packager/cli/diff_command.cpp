#include <iostream>

#include <fmt/format.h>

#include "packager/cli/verify_command.hpp"
#include "packager/pipeline/report_diff.hpp"

namespace packager::cli {

void add_diff_command(CLI::App& app, DiffCommand& command) {
  command.app = app.add_subcommand("diff", "List the lessons added, removed and changed between two releases");
  command.app->add_option("old", command.old_report, "build-report.json of the earlier release")->required();
  command.app->add_option("new", command.new_report, "build-report.json of the later release")->required();
}

int run_diff(const DiffCommand& command, Verbosity verbosity) {
  const Reporter reporter(verbosity);
  auto diff = pipeline::diff_reports(command.old_report, command.new_report);
  if (!diff) {
    reporter.error(diff.error().message);
    return exit_code_for(diff.error().code);
  }
  std::cout << pipeline::format_diff(*diff);
  reporter.info(fmt::format("{} -> {}: {} added, {} removed, {} changed", diff->old_version, diff->new_version,
                            diff->added.size(), diff->removed.size(), diff->changed.size()));
  return diff->empty() ? 0 : 1;
}

}  // namespace packager::cli
