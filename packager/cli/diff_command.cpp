// `packager diff <old> <new>`: the lessons added, removed and changed
// between two releases' build reports (inspect/report_diff.hpp), as diff(1):
// exit 0 when nothing changed, 1 when something did.
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "packager/cli/command.hpp"
#include "packager/inspect/report_diff.hpp"

namespace packager::cli {

namespace {

struct DiffCommand {
  std::filesystem::path old_report;
  std::filesystem::path new_report;
};

int run_diff(const DiffCommand& command, Verbosity verbosity) {
  const Reporter reporter(verbosity);
  auto diff = inspect::diff_reports(command.old_report, command.new_report);
  if (!diff) {
    reporter.error(diff.error().message);
    return exit_code_for(diff.error().code);
  }
  std::cout << inspect::format_diff(*diff);
  reporter.info(fmt::format("{} -> {}: {} added, {} removed, {} changed", diff->old_version, diff->new_version,
                            diff->added.size(), diff->removed.size(), diff->changed.size()));
  return diff->empty() ? 0 : 1;
}

}  // namespace

Command add_diff_command(CLI::App& app, const GlobalFlags& global) {
  auto command = std::make_shared<DiffCommand>();
  auto* cmd = app.add_subcommand("diff", "List the lessons added, removed and changed between two releases");
  cmd->add_option("old", command->old_report, "build-report.json of the earlier release")->required();
  cmd->add_option("new", command->new_report, "build-report.json of the later release")->required();
  return {cmd, [command, &global] { return run_diff(*command, global.verbosity()); }};
}

}  // namespace packager::cli
