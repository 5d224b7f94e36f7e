// `packager validate <zip|dir> [--schemas DIR] [--json] [--target T
// [--upload-limit SIZE]]`: prints one line per finding ("<package>: imsmanifest.xml:12: error: …") then a summary,
// or the whole report as JSON. Exit status 0 when there is no error, 3
// (input) when there is one, the usual codes when the package cannot be
// examined.
#include "packager/cli/command.hpp"

#include <cstdint>
#include <iostream>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "packager/core/reporter.hpp"
#include "packager/inspect/validate.hpp"
#include "packager/util/size.hpp"

namespace packager::cli {
namespace {

struct ValidateFlags {
  std::filesystem::path input;
  std::filesystem::path schemas;
  bool json = false;
  std::string target;              // --target generic|moodle|moodle-app; empty: not asked
  std::uint64_t upload_limit = 0;  // --upload-limit, bytes; 0: none
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

// "<pkg>: target moodle-app: SCORM 1.2, 5.1 MiB (10.2 MiB of room to unzip), suspend_data up to 4096".
std::string target_line(const std::string& package, const inspect::ValidateReport& report,
                        const scorm::TargetOptions& options) {
  const char* version = version_name(report.version);
  const auto& t = *report.target;
  return fmt::format("{}: target {}: SCORM {}, {} ({} of room to unzip{}){}", package, target_name(options.target),
                     version != nullptr ? version : "unknown", util::format_size_binary(report.package_bytes),
                     util::format_size_binary(t.room_bytes),
                     options.upload_limit ? ", upload limit " + util::format_size_binary(*options.upload_limit) : "",
                     t.suspend_limit_12 ? fmt::format(", 1.2 suspend_data up to {} characters", *t.suspend_limit_12)
                                        : std::string());
}

int run_validate(const ValidateFlags& flags, bool quiet) {
  inspect::ValidateOptions options;
  options.input = flags.input;
  options.schemas_dir = flags.schemas;
  if (!flags.target.empty() || flags.upload_limit > 0) {
    scorm::TargetOptions target;
    // An upload limit alone is a Moodle's.
    target.target = parse_target(flags.target.empty() ? "moodle" : flags.target).value_or(Target::moodle);
    if (flags.upload_limit > 0) target.upload_limit = flags.upload_limit;
    options.target = target;
  }
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
    if (report->target) {
      const auto& t = *report->target;
      nlohmann::ordered_json tj;
      tj["name"] = target_name(options.target->target);
      tj["package_bytes"] = report->package_bytes;
      tj["unpacked_bytes"] = report->unpacked_bytes;
      tj["room_bytes"] = t.room_bytes;
      if (options.target->upload_limit) tj["upload_limit_bytes"] = *options.target->upload_limit;
      tj["suspend_data_limit_12"] =
          t.suspend_limit_12 ? nlohmann::ordered_json(*t.suspend_limit_12) : nlohmann::ordered_json(nullptr);
      j["target"] = tj;
    }
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
    if (report->target) std::cout << target_line(package, *report, *options.target) << '\n';
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
  cmd->add_option("--target", flags->target,
                  "Also report what would break where the package will be played: generic, moodle or moodle-app "
                  "(the Moodle app: SCORM 1.2 only, played offline)")
      ->check(CLI::IsMember({"generic", "moodle", "moodle-app"}));
  cmd->add_option("--upload-limit", flags->upload_limit,
                  "The LMS's upload limit, e.g. 100M (K, M, G: powers of 1024); with --target (default moodle)")
      ->transform(size_option());
  return {cmd, [flags, &global] { return run_validate(*flags, global.quiet); }};
}

}  // namespace packager::cli
