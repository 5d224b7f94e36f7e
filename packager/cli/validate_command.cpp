#include "packager/cli/validate_command.hpp"

#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "packager/core/reporter.hpp"
#include "packager/pipeline/validate.hpp"

namespace packager::cli {

CLI::App* add_validate_command(CLI::App& app, ValidateFlags& flags) {
  auto* cmd = app.add_subcommand("validate", "Check a SCORM package (zip or folder) the way an LMS reads it");
  cmd->add_option("package", flags.input, "The package: a .zip or a folder holding imsmanifest.xml")->required();
  cmd->add_option("--schemas", flags.schemas,
                  "Also validate against the official XSDs in DIR (a scorm-xsd folder with catalog.xml)");
  cmd->add_flag("--json", flags.json, "Print the report as JSON");
  return cmd;
}

namespace {

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

}  // namespace

int run_validate(const ValidateFlags& flags, bool quiet) {
  pipeline::ValidateOptions options;
  options.input = flags.input;
  options.schemas_dir = flags.schemas;
  auto report = pipeline::validate_package(options);
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

}  // namespace packager::cli
