// `packager verify <bundle-dir|zip>`: the archivist's check of a bundle
// against its build-report.json / SHA256SUMS (inspect/verify.hpp).
#include "packager/cli/command.hpp"

#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "packager/inspect/verify.hpp"

namespace packager::cli {

namespace {

int run_verify(const std::filesystem::path& target, Verbosity verbosity) {
  const Reporter reporter(verbosity);
  auto result = inspect::verify(target);
  if (!result) {
    reporter.error(result.error().message);
    return exit_code_for(result.error().code);
  }
  if (result->finished_commit)
    reporter.warning(fmt::format("{}: finished committing the bundle of a build that was killed while committing it",
                                 target.string()));
  // Findings are the command's result: stdout, one per line.
  for (const auto& f : result->findings)
    std::cout << inspect::to_string(f.kind) << ": " << f.path << (f.detail.empty() ? "" : ": ") << f.detail
              << '\n';
  if (result->findings.empty()) {
    reporter.info(fmt::format("{} file(s) checked against {}: all intact", result->files_checked, result->basis));
    return 0;
  }
  reporter.error(fmt::format("{} file(s) checked against {}: {} difference(s)", result->files_checked,
                             result->basis, result->findings.size()));
  return 1;
}

}  // namespace

Command add_verify_command(CLI::App& app, const GlobalFlags& global) {
  auto target = std::make_shared<std::filesystem::path>();
  auto* cmd = app.add_subcommand("verify", "Re-hash a bundle folder or zip against its build-report.json / SHA256SUMS");
  cmd->add_option("bundle", *target, "Output folder (or USB stick), or one package zip")->required();
  return {cmd, [target, &global] { return run_verify(*target, global.verbosity()); }};
}

}  // namespace packager::cli
