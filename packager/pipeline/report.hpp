#pragma once
// The build report and checksum list written beside every build's output,
// and reading them back for `packager verify` and `packager diff`.
//
// build-report.json (see docs/archives-and-sites.md) has a reproducible part
// (tool, course, lessons, settings, outputs, warnings) and a "run" object
// with what differs from one run to the next (timings, what was reused).
// SHA256SUMS lists every output except the report itself, in the format of
// `sha256sum -c`.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "packager/core/error.hpp"
#include "packager/util/file_identity.hpp"

namespace packager::pipeline {

inline constexpr const char* k_report_file = "build-report.json";
inline constexpr const char* k_sums_file = "SHA256SUMS";
inline constexpr const char* k_report_format = "packager-build-report/1";

// One file a build wrote, relative to the output folder, '/'-separated.
struct OutputRecord {
  std::string path;
  std::string sha256;
  std::uintmax_t size = 0;
  // The file as the build left it (in the report's "run" part): a later
  // build compares it to see whether the output was changed since.
  std::optional<util::FileIdentity> identity;
};

// What `diff` compares for one lesson.
struct LessonRecord {
  std::string slug;
  std::string title;
  std::string source_sha256;
  std::string media_url;
  std::string media_sha256;
  std::string settings;  // the lesson's media settings, serialised
};

// The parts of a report that verify and diff read.
struct ReportSummary {
  std::string course_id;
  std::string course_version;
  std::string inputs_sha256;  // fingerprint of every input (incremental builds)
  std::vector<LessonRecord> lessons;
  std::vector<OutputRecord> outputs;
};

// Reads a build-report.json. ErrorCode::input naming the file when it cannot
// be read, is not JSON, or is not a packager build report.
Result<ReportSummary> read_report(const std::filesystem::path& path);

// Parses SHA256SUMS text ("<64 hex>  <path>" per line, '*' binary marker
// allowed). ErrorCode::input naming `origin` and the line when malformed.
Result<std::vector<OutputRecord>> parse_sums(const std::string& text, const std::string& origin);

// The SHA256SUMS text for `outputs`, sorted by path.
std::string format_sums(std::vector<OutputRecord> outputs);

}  // namespace packager::pipeline
