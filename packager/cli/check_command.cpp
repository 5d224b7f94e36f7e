// `packager check`: every lesson and manifest check of a build's first pass,
// without building (pipeline/check.hpp). Exit 3 on any error.
#include <memory>

#include "packager/cli/command.hpp"
#include "packager/pipeline/check.hpp"

namespace packager::cli {

Command add_check_command(CLI::App& app, const GlobalFlags& global) {
  auto input = std::make_shared<std::filesystem::path>();
  auto* cmd = app.add_subcommand("check", "Validate lesson files and course manifests without building");
  cmd->add_option("input", *input, "Folder of lessons, course manifest or lesson file")->required();
  return {cmd, [input, &global] {
            const Reporter reporter(global.verbosity());
            auto summary = pipeline::check(*input, reporter);
            if (!summary) return report_failure(reporter, summary.error());
            return summary->errors > 0 ? exit_code_for(ErrorCode::input) : 0;
          }};
}

}  // namespace packager::cli
