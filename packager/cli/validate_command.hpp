#pragma once
// `packager validate <zip|dir> [--schemas DIR] [--json] [--target T
// [--upload-limit SIZE]]`: prints one line
// per finding ("<package>: imsmanifest.xml:12: error: …") then a summary,
// or the whole report as JSON. Exit status 0 when there is no error, 3
// (input) when there is one, the usual codes when the package cannot be
// examined.

#include <cstdint>
#include <filesystem>
#include <string>

namespace CLI {
class App;
}

namespace packager::cli {

struct ValidateFlags {
  std::filesystem::path input;
  std::filesystem::path schemas;
  bool json = false;
  std::string target;               // --target generic|moodle|moodle-app; empty: not asked
  std::uint64_t upload_limit = 0;   // --upload-limit, bytes; 0: none
};

// Declares the subcommand on `app`, storing its arguments in `flags`.
CLI::App* add_validate_command(CLI::App& app, ValidateFlags& flags);

// Runs it; returns the exit status.
int run_validate(const ValidateFlags& flags, bool quiet);

}  // namespace packager::cli
