// The captions passes: caption URLs in captionFilePath downloaded (cached
// and revalidated like videos) before any video, so a broken caption stops
// the build before hundreds of MB are fetched; and, once the videos are
// there, for a lesson without captionFilePath the PeerTube instance's own
// caption in the course language. Each is checked as WebVTT on arrival,
// like a caption file.
#include <fmt/format.h>

#include "packager/fetch/peertube.hpp"
#include "packager/media/webvtt.hpp"
#include "packager/pipeline/check_inputs.hpp"
#include "packager/pipeline/state.hpp"
#include "packager/util/fs.hpp"
#include "packager/util/url.hpp"

namespace packager::pipeline {
namespace {

constexpr std::uintmax_t k_max_caption_download = 16u * 1024 * 1024;

// Whether the lesson's video came from the instance of its embed link (or
// there is only the embed link): only then is that instance asked for
// captions, so a lesson whose video lives elsewhere sends no request to a
// host it does not use, and a build from the user's own copies (a USB
// stick in a classroom without network) sends none at all.
bool video_from_instance(const lesson::Lesson& l, const LessonBuild& b) {
  if (!l.embed_url.present() || !b.source || b.source->origin == fetch::Origin::local_copy) return false;
  if (!l.video_url.present()) return true;
  const auto embed = util::parse_url(l.embed_url.value);
  const auto video = util::parse_url(l.video_url.value);
  return embed && video && embed->scheme == video->scheme && embed->host == video->host;
}

// A downloaded caption file checked as WebVTT, as the first pass checks a
// local one: the problem names the URL's line and column, then `where`
// (who points at the file). nullopt when the file is good.
std::optional<Diagnostic> caption_problem(const fetch::Fetched& got, const std::string& url,
                                          const std::string& where) {
  auto text = util::read_text_file(got.path, k_max_caption_download);
  std::optional<Diagnostic> problem;
  if (!text) {
    problem = Diagnostic{};
    problem->path = url;
    problem->message = text.error().message;
  } else {
    problem = media::find_webvtt_text_problem(*text, url);
  }
  if (problem) problem->message += where;
  return problem;
}

// Prints the caption problems and fails the build with their count and
// `then` (what was, or was not, done before).
Result<void> refuse(const BuildState& state, const Diagnostics& problems, ErrorCode code, std::string_view then) {
  state.reporter.diagnostics(problems);
  return fail(code, fmt::format("{} error(s) in the caption files; {}", problems.error_count(), then));
}

fetch::FetchOptions caption_options(const BuildState& state) {
  fetch::FetchOptions options = state.fetch_options;
  options.expect = fetch::FetchOptions::Expect::text;
  options.max_bytes = k_max_caption_download;
  return options;
}

}  // namespace

Result<void> fetch_caption_urls(BuildState& state) {
  const fetch::FetchOptions options = caption_options(state);
  // Every caption URL is tried and every broken one reported, as the first
  // pass reports every problem of the lesson files, in the same form: a
  // problem inside the file names its URL, line and column and the lesson
  // line that points at it.
  Diagnostics problems;
  ErrorCode code = ErrorCode::input;
  for (size_t i = 0; i < state.course.lessons.size(); ++i) {
    const lesson::Lesson& l = state.course.lessons[i];
    LessonBuild& b = state.lessons[i];
    // A file in public/ was checked by the first pass.
    if (!l.caption_file.empty() || !l.caption_path.present()) continue;
    const std::string where = referenced_by(l, "captionFilePath", l.caption_path);
    auto got = fetch::fetch_media(l.caption_path.value, options);
    if (!got && got.error().code == ErrorCode::interrupted) return tl::unexpected(got.error());
    if (!got) {
      // The download itself failed: said at the lesson's line.
      if (got.error().code != ErrorCode::input) code = got.error().code;
      problems.error(l.source.string(), l.caption_path.pos.line, l.caption_path.pos.column,
                     fmt::format("captionFilePath: {}", got.error().message));
      continue;
    }
    if (auto problem = caption_problem(*got, l.caption_path.value, where)) {
      problems.add(std::move(*problem));
      continue;
    }
    for (const auto& note : got->notes) warn(state, note, l.slug);
    state.reporter.detail(fmt::format("fetched captions {} ({})", got->url, fetch::to_string(got->origin)));
    b.caption_source = std::move(*got);
  }
  return problems.has_errors() ? refuse(state, problems, code, "no video was downloaded") : Result<void>{};
}

Result<void> fetch_instance_captions(BuildState& state) {
  const fetch::FetchOptions options = caption_options(state);
  for (size_t i = 0; i < state.course.lessons.size(); ++i) {
    const lesson::Lesson& l = state.course.lessons[i];
    LessonBuild& b = state.lessons[i];
    if (!l.caption_file.empty() || l.caption_path.present()) continue;
    if (!video_from_instance(l, b)) continue;
    // The instance's own caption: a bonus, so a failure only warns, and
    // the question is asked once, not retried.
    fetch::FetchOptions ask = options;
    ask.max_attempts = 1;
    auto url = fetch::resolve_peertube_caption(l.embed_url.value, state.course.language, ask);
    if (!url && url.error().code == ErrorCode::interrupted) return tl::unexpected(url.error());
    if (!url) {
      warn(state, fmt::format("{}: no captions from the instance: {}", l.source.string(), url.error().message),
           l.slug);
      continue;
    }
    if (!*url) continue;
    auto got = fetch::fetch_media(**url, options);
    if (!got && got.error().code == ErrorCode::interrupted) return tl::unexpected(got.error());
    if (!got && got.error().code != ErrorCode::input) {  // the instance cannot be reached: a bonus missed
      warn(state, fmt::format("{}: no captions from the instance: {}", l.source.string(), got.error().message),
           l.slug);
      continue;
    }
    // Validated like a file: a broken caption of the instance, or an HTML
    // page in its place, is an error.
    const std::string where = fmt::format(" (the instance's captions of {})", l.source.string());
    Diagnostics problems;
    if (!got)
      problems.error(l.source.string(), 0, 0, "the instance's captions: " + got.error().message);
    else if (auto problem = caption_problem(*got, **url, where))
      problems.add(std::move(*problem));
    if (problems.has_errors()) return refuse(state, problems, ErrorCode::input, "nothing was built");
    for (const auto& note : got->notes) warn(state, note, l.slug);
    state.reporter.detail(fmt::format("{}: captions ({}) from the instance: {}", l.source.string(),
                                      state.course.language, got->url));
    b.caption_source = std::move(*got);
  }
  return {};
}

}  // namespace packager::pipeline
