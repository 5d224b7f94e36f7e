// The fetch pass: every lesson's video onto local disk.
#include <fmt/format.h>

#include "packager/pipeline/state.hpp"

namespace packager::pipeline {

Result<void> fetch_media(BuildState& state) {
  for (size_t i = 0; i < state.course.lessons.size(); ++i) {
    const lesson::Lesson& l = state.course.lessons[i];
    if (!l.video_url.present()) continue;  // a PDF lesson has no video
    const std::string& url = l.video_url.value;
    state.reporter.detail(fmt::format("fetching {}", url));
    auto got = fetch::fetch_media(url, state.fetch_options);
    if (!got) return fail(got.error().code, fmt::format("{}: {}", l.source.string(), got.error().message));
    state.reporter.info(fmt::format("fetched {} ({})", url, fetch::to_string(got->origin)));
    state.lessons[i].source = std::move(*got);
  }
  return {};
}

}  // namespace packager::pipeline
