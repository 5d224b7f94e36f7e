// Passes that read input: the course with its lessons, and the templates.
#include <fmt/format.h>

#include "packager/lesson/course.hpp"
#include "packager/pipeline/limits_check.hpp"
#include "packager/pipeline/state.hpp"
#include "packager/scorm/target_check.hpp"
#include "packager/util/fs.hpp"

namespace packager::pipeline {
namespace fs = std::filesystem;

Result<void> load_course(BuildState& state) {
  const fs::path& input = state.options.input;
  std::error_code ec;
  if (!fs::is_regular_file(input, ec))
    return fail(ErrorCode::usage, fmt::format("{}: no such file", input.string()));
  Diagnostics diagnostics;
  auto course = lesson::load_input(input, diagnostics);
  state.reporter.diagnostics(diagnostics);
  for (const auto& d : diagnostics.all())
    if (d.severity == Severity::warning) state.warnings.push_back(format(d));
  if (!course)
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

Result<void> load_templates(BuildState& state) {
  TRY_ASSIGN(state.templates, render::load_templates(state.options.templates_dir));
  // A --templates folder made before ZIM output existed has no ZIM page;
  // say so now rather than after the downloads.
  if (state.options.format.zim && state.templates.zim_lesson_page.empty())
    return fail(ErrorCode::input, fmt::format("{}: missing template (expected {} in the templates folder for --format zim)",
                                              (state.templates.dir / render::k_zim_lesson_template).string(),
                                              render::k_zim_lesson_template));
  // A runtime of your own (--templates) that writes more suspend_data than
  // SCORM 1.2 allows loses the learner's watched time in every 1.2 LMS.
  if (state.course.scorm != lesson::ScormVersion::scorm12) return {};
  for (const auto& asset : state.templates.assets) {
    if (asset.extension() != ".js") continue;
    const auto text = util::read_text_file(asset);
    const auto limit = text ? scorm::runtime_suspend_limit_12(*text) : std::nullopt;
    if (limit && *limit > k_scorm12_suspend_limit) {
      const std::string message =
          fmt::format("{}: writes up to {} characters of cmi.suspend_data; SCORM 1.2 allows {} and the LMS "
                      "refuses a longer value",
                      asset.string(), *limit, k_scorm12_suspend_limit);
      state.reporter.warning(message);
      state.warnings.push_back(message);
    }
  }
  return {};
}

}  // namespace packager::pipeline
