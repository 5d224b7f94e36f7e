// The load_templates pass: the templates read now, so a broken --templates
// folder fails before anything is downloaded.
#include <fmt/format.h>

#include "packager/pipeline/state.hpp"
#include "packager/scorm/target_check.hpp"
#include "packager/util/fs.hpp"

namespace packager::pipeline {

Result<void> load_templates(BuildState& state) {
  TRY_ASSIGN(state.templates, render::load_templates(state.options.templates_dir));
  // A --templates folder made before ZIM output existed has no ZIM page;
  // say so now rather than after the downloads.
  if (state.options.format.zim && state.templates.zim_lesson_page.empty())
    return fail(ErrorCode::input,
                fmt::format("{}: missing template (expected {} in the templates folder for --format zim)",
                            (state.templates.dir / render::k_zim_lesson_template).string(),
                            render::k_zim_lesson_template));
  // A runtime of your own (--templates) that writes more suspend_data than
  // SCORM 1.2 allows loses the learner's watched time in every 1.2 LMS.
  if (state.course.scorm != lesson::ScormVersion::scorm12) return {};
  for (const auto& asset : state.templates.assets) {
    if (asset.extension() != ".js") continue;
    const auto text = util::read_text_file(asset);
    const auto limit = text ? scorm::runtime_suspend_limit_12(*text) : std::nullopt;
    if (limit && *limit > k_scorm12_suspend_limit)
      state.reporter.warning(fmt::format("{}: writes up to {} characters of cmi.suspend_data; SCORM 1.2 allows {} "
                                         "and the LMS refuses a longer value",
                                         asset.string(), *limit, k_scorm12_suspend_limit));
  }
  return {};
}

}  // namespace packager::pipeline
