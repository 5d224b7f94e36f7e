#pragma once
// `packager diff`: what changed between two released versions of a course,
// read from their build reports.

#include <filesystem>
#include <string>
#include <vector>

#include "packager/core/error.hpp"

namespace packager::inspect {

struct LessonChange {
  std::string slug;
  std::string title;
  std::vector<std::string> what;  // "source", "media", "media_url", "settings"; empty for added/removed
};

struct ReportDiff {
  std::string old_version;
  std::string new_version;
  std::vector<LessonChange> added;
  std::vector<LessonChange> removed;
  std::vector<LessonChange> changed;
  bool empty() const { return added.empty() && removed.empty() && changed.empty(); }
};

// Compares lessons by slug (their stable identifier). ErrorCode::input
// naming the file when either report cannot be read.
Result<ReportDiff> diff_reports(const std::filesystem::path& old_report, const std::filesystem::path& new_report);

// The diff for people: one line per lesson, "added: slug (title)",
// "removed: ...", "changed: slug: source, media".
std::string format_diff(const ReportDiff& diff);

}  // namespace packager::inspect
