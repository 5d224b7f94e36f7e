// The media pass: remux (and so validate) every video into the work folder.
#include <fmt/format.h>

#include "packager/media/remux.hpp"
#include "packager/pipeline/layout.hpp"
#include "packager/pipeline/limits_check.hpp"
#include "packager/pipeline/state.hpp"
#include "packager/util/fs.hpp"

namespace packager::pipeline {

Result<void> open_work_folder(BuildState& state) {
  TRY(util::make_directories(state.options.output_dir));
  TRY_ASSIGN(state.work, util::TempDir::create(state.options.output_dir, ".packager-work-"));
  return {};
}

Result<void> prepare_media(BuildState& state) {
  for (size_t i = 0; i < state.course.lessons.size(); ++i) {
    const lesson::Lesson& l = state.course.lessons[i];
    LessonBuild& b = state.lessons[i];
    if (!b.source) continue;
    b.video = state.work->path() / lesson_video_path(l);
    TRY(util::make_directories(b.video.parent_path()));
    auto info = media::remux_to_faststart(b.source->path, b.video);
    if (!info)
      return fail(info.error().code,
                  fmt::format("{}: {}: {}", l.source.string(), b.source->url, info.error().message));
    TRY(check_video_duration(l, b.source->url, info->duration_seconds));
    b.info = *info;
    state.reporter.detail(fmt::format("remuxed {} ({:.1f} s, {}x{} {})", l.slug, info->duration_seconds,
                                      info->width, info->height, info->video_codec));
  }
  return {};
}

}  // namespace packager::pipeline
