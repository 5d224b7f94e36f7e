// The load_course pass, the one validation pass: the course and every lesson
// read, and everything about them checked (check_inputs.hpp) before any
// network or media work; every problem reported at once.
#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "packager/lesson/course.hpp"
#include "packager/pipeline/check_inputs.hpp"
#include "packager/pipeline/limits_check.hpp"
#include "packager/pipeline/state.hpp"
#include "packager/util/text.hpp"

namespace packager::pipeline {
namespace fs = std::filesystem;

Result<void> load_course(BuildState& state) {
  const fs::path& input = state.options.input;
  std::error_code ec;
  if (!fs::is_regular_file(input, ec))
    return fail(ErrorCode::usage, fmt::format("{}: no such file", input.string()));
  Diagnostics diagnostics;
  // What could be read, even with errors, so the checks of the files the
  // good lessons point at run too: every problem in one run.
  const std::string ext = util::to_lower_ascii(input.extension().string());
  std::optional<lesson::Course> course;
  if (ext == ".yaml" || ext == ".yml")
    course = lesson::read_course(input, diagnostics, static_cast<size_t>(std::max(state.options.jobs, 1)));
  else course = lesson::course_from_lesson(input, diagnostics);
  if (course) check_course_inputs(*course, state.options.fetch.media_dirs, diagnostics);
  // Warnings reach the report with the lesson whose file they are about.
  state.reporter.diagnostics(diagnostics, [&course](const std::string& path) {
    if (course)
      for (const auto& l : course->lessons)
        if (l.source.string() == path) return l.slug;
    return std::string();
  });
  if (!course || diagnostics.has_errors())
    return fail(ErrorCode::input, fmt::format("{} error(s) in the lesson files; nothing was built",
                                              diagnostics.error_count()));
  TRY(check_course_limits(*course, input.string()));
  state.course = std::move(*course);
  state.lessons.resize(state.course.lessons.size());
  // The lesson stage resolved pdfFilePath inside the collection's public/.
  for (size_t i = 0; i < state.course.lessons.size(); ++i)
    state.lessons[i].pdf = state.course.lessons[i].pdf_file;
  if (!state.course.media_dir.empty()) state.fetch_options.media_dirs.push_back(state.course.media_dir);
  return {};
}

}  // namespace packager::pipeline
