#include "packager/cli/verify_command.hpp"

#include <iostream>

#include <fmt/format.h>

#include "packager/pipeline/verify.hpp"

namespace packager::cli {

void add_verify_command(CLI::App& app, VerifyCommand& command) {
  command.app = app.add_subcommand(
      "verify", "Re-hash a bundle folder or zip against its build-report.json / SHA256SUMS");
  command.app->add_option("bundle", command.target, "Output folder (or USB stick), or one package zip")
      ->required();
}

int run_verify(const VerifyCommand& command, Verbosity verbosity) {
  const Reporter reporter(verbosity);
  auto result = pipeline::verify(command.target);
  if (!result) {
    reporter.error(result.error().message);
    return exit_code_for(result.error().code);
  }
  if (result->finished_commit)
    reporter.warning(fmt::format("{}: finished committing the bundle of a build that was killed while committing it",
                                 command.target.string()));
  // Findings are the command's result: stdout, one per line.
  for (const auto& f : result->findings)
    std::cout << pipeline::to_string(f.kind) << ": " << f.path << (f.detail.empty() ? "" : ": ") << f.detail
              << '\n';
  if (result->findings.empty()) {
    reporter.info(fmt::format("{} file(s) checked against {}: all intact", result->files_checked, result->basis));
    return 0;
  }
  reporter.error(fmt::format("{} file(s) checked against {}: {} difference(s)", result->files_checked,
                             result->basis, result->findings.size()));
  return 1;
}

}  // namespace packager::cli
