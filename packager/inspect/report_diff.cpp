#include "packager/inspect/report_diff.hpp"

#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "packager/inspect/report_read.hpp"

namespace packager::inspect {

Result<ReportDiff> diff_reports(const std::filesystem::path& old_report, const std::filesystem::path& new_report) {
  TRY_ASSIGN(ReportSummary before, read_report(old_report));
  TRY_ASSIGN(ReportSummary after, read_report(new_report));
  ReportDiff diff;
  diff.old_version = before.course_version;
  diff.new_version = after.course_version;
  std::map<std::string, const LessonRecord*> old_lessons;
  for (const auto& l : before.lessons) old_lessons[l.slug] = &l;
  // Added and changed lessons in the new course order; removed ones in the
  // old order, so the listing reads like the course.
  for (const auto& l : after.lessons) {
    auto it = old_lessons.find(l.slug);
    if (it == old_lessons.end()) {
      diff.added.push_back({l.slug, l.title, {}});
      continue;
    }
    const LessonRecord& o = *it->second;
    LessonChange change{l.slug, l.title, {}};
    if (o.source_sha256 != l.source_sha256) change.what.push_back("source");
    if (o.media_url != l.media_url) change.what.push_back("media_url");
    if (o.media_sha256 != l.media_sha256) change.what.push_back("media");
    if (o.settings != l.settings) change.what.push_back("settings");
    if (!change.what.empty()) diff.changed.push_back(std::move(change));
    old_lessons.erase(it);
  }
  for (const auto& l : before.lessons)
    if (old_lessons.count(l.slug)) diff.removed.push_back({l.slug, l.title, {}});
  return diff;
}

std::string format_diff(const ReportDiff& diff) {
  std::string text;
  for (const auto& l : diff.added) text += fmt::format("added: {} ({})\n", l.slug, l.title);
  for (const auto& l : diff.removed) text += fmt::format("removed: {} ({})\n", l.slug, l.title);
  for (const auto& l : diff.changed) text += fmt::format("changed: {}: {}\n", l.slug, fmt::join(l.what, ", "));
  return text;
}

}  // namespace packager::inspect
