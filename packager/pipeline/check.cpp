#include "packager/pipeline/check.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "packager/lesson/course.hpp"
#include "packager/lesson/lesson.hpp"
#include "packager/pipeline/check_inputs.hpp"
#include "packager/pipeline/limits_check.hpp"
#include "packager/util/text.hpp"

namespace packager::pipeline {
namespace fs = std::filesystem;
namespace {

// A caption file given by URL, which only `build` fetches.
bool caption_by_url(const lesson::Lesson& l) { return l.caption_path.present() && l.caption_file.empty(); }

}  // namespace

Result<CheckSummary> check(const fs::path& input, const Reporter& reporter) {
  std::error_code ec;
  if (!fs::exists(input, ec))
    return fail(ErrorCode::usage, fmt::format("{}: no such file or folder", input.string()));
  Diagnostics diagnostics;
  CheckSummary summary;
  int caption_urls = 0;
  const std::string ext = util::to_lower_ascii(input.extension().string());
  const bool manifest = ext == ".yaml" || ext == ".yml";
  if (fs::is_directory(input, ec)) {
    std::vector<fs::path> files;
    for (fs::recursive_directory_iterator it(input, ec), end; !ec && it != end; it.increment(ec))
      // A collection's README is documentation, not a lesson.
      if (it->is_regular_file() && util::to_lower_ascii(it->path().extension().string()) == ".md" &&
          util::to_lower_ascii(it->path().filename().string()) != "readme.md")
        files.push_back(it->path());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      const int before = diagnostics.error_count();
      if (auto l = lesson::load_lesson(file, diagnostics)) {
        check_lesson_inputs(*l, diagnostics);
        caption_urls += caption_by_url(*l) ? 1 : 0;
      }
      (diagnostics.error_count() > before ? summary.lessons_failed : summary.lessons_ok) += 1;
    }
  } else if (manifest) {
    // The same checks as the first pass of `build` (check_inputs.hpp).
    const lesson::Course course = lesson::read_course(input, diagnostics);
    TRY(check_course_limits(course, input.string()));
    const int failed = check_course_inputs(course, {}, diagnostics);
    caption_urls += static_cast<int>(std::count_if(course.lessons.begin(), course.lessons.end(), caption_by_url));
    summary.lessons_ok = static_cast<int>(course.lessons.size()) - failed;
    summary.lessons_failed = static_cast<int>(course.lesson_files.size() - course.lessons.size()) + failed;
  } else {
    const int before = diagnostics.error_count();
    auto course = lesson::load_input(input, diagnostics);
    if (course) {
      TRY(check_course_limits(*course, input.string()));
      check_course_inputs(*course, {}, diagnostics);
      caption_urls += static_cast<int>(std::count_if(course->lessons.begin(), course->lessons.end(), caption_by_url));
    }
    (diagnostics.error_count() > before ? summary.lessons_failed : summary.lessons_ok) += 1;
  }
  summary.errors = diagnostics.error_count();
  summary.warnings = diagnostics.warning_count();
  reporter.diagnostics(diagnostics);
  reporter.info(fmt::format("{} lesson(s) OK, {} with errors; {} error(s), {} warning(s)",
                            summary.lessons_ok, summary.lessons_failed, summary.errors, summary.warnings));
  // check reads nothing from the network: say what it could not look at.
  if (caption_urls > 0)
    reporter.info(fmt::format("{} caption file(s) given by URL not checked here: `packager build` fetches and "
                              "checks them before any video",
                              caption_urls));
  return summary;
}

}  // namespace packager::pipeline
