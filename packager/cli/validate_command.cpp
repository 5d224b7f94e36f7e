// `packager validate <zip|dir> [--schemas DIR] [--json]`: prints one line
// per finding ("<package>: imsmanifest.xml:12: error: …") then a summary,
// or the whole report as JSON. Exit status 0 when there is no error, 3
// (input) when there is one, the usual codes when the package cannot be
// examined.
#include "packager/cli/command.hpp"

#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "packager/core/reporter.hpp"
#include "packager/inspect/validate.hpp"

namespace packager::cli {
namespace {

struct ValidateFlags {
  std::filesystem::path input;
  std::filesystem::path schemas;
  bool json = false;
};

const char* severity_name(scorm::Severity s) { return s == scorm::Severity::error ? "error" : "warning"; }

const char* version_name(const std::optional<scorm::Version>& v) {
  if (!v) return nullptr;
  return *v == scorm::Version::scorm12 ? "1.2" : "2004";
}

std::string finding_line(const std::string& package, const scorm::Finding& f) {
  std::string where = f.file;
  if (f.line > 0) where += fmt::format(":{}", f.line);
  return where.empty() ? fmt::format("{}: {}: {}", package, severity_name(f.severity), f.message)
                       : fmt::format("{}: {}: {}: {}", package, where, severity_name(f.severity), f.message);
}

int run_validate(const ValidateFlags& flags, bool quiet) {
  inspect::ValidateOptions options;
  options.input = flags.input;
  options.schemas_dir = flags.schemas;
  auto report = inspect::validate_package(options);
  if (!report) {
    Reporter(quiet ? Verbosity::quiet : Verbosity::normal).error(report.error().message);
    return exit_code_for(report.error().code);
  }
  const std::string package = flags.input.string();
  if (flags.json) {
    nlohmann::ordered_json j;
    j["package"] = package;
    const char* version = version_name(report->version);
    j["version"] = version != nullptr ? nlohmann::ordered_json(version) : nlohmann::ordered_json(nullptr);
    j["valid"] = report->errors() == 0;
    j["errors"] = report->errors();
    j["warnings"] = report->warnings();
    j["findings"] = nlohmann::ordered_json::array();
    for (const auto& f : report->findings)
      j["findings"].push_back({{"severity", severity_name(f.severity)},
                               {"file", f.file},
                               {"line", f.line},
                               {"message", f.message}});
    // Invalid UTF-8 in someone else's manifest must not abort the report.
    std::cout << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
  } else {
    for (const auto& f : report->findings) std::cout << finding_line(package, f) << '\n';
    std::cout << fmt::format("{}: {} error(s), {} warning(s){}\n", package, report->errors(), report->warnings(),
                             report->errors() == 0 ? ": valid" : "");
  }
  return report->errors() == 0 ? 0 : exit_code_for(ErrorCode::input);
}

}  // namespace

Command add_validate_command(CLI::App& app, const GlobalFlags& global) {
  auto flags = std::make_shared<ValidateFlags>();
  auto* cmd = app.add_subcommand("validate", "Check a SCORM package (zip or folder) the way an LMS reads it");
  cmd->add_option("package", flags->input, "The package: a .zip or a folder holding imsmanifest.xml")->required();
  cmd->add_option("--schemas", flags->schemas,
                  "Also validate against the official XSDs in DIR (a scorm-xsd folder with catalog.xml)");
  cmd->add_flag("--json", flags->json, "Print the report as JSON");
  return {cmd, [flags, &global] { return run_validate(*flags, global.quiet); }};
}

}  // namespace packager::cli
