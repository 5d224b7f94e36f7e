// The media pass: each video remuxed (or transcoded) into the work folder and
// validated on the way, its poster drawn, its captions checked; -j lessons
// at a time.
#include <algorithm>
#include <future>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "packager/media/poster.hpp"
#include "packager/media/remux.hpp"
#include "packager/media/transcode.hpp"
#include "packager/pipeline/layout.hpp"
#include "packager/pipeline/limits_check.hpp"
#include "packager/pipeline/state.hpp"
#include "packager/util/crc32.hpp"
#include "packager/util/file_identity.hpp"
#include "packager/util/fs.hpp"
#include "packager/util/parallel.hpp"

namespace packager::pipeline {
namespace fs = std::filesystem;
namespace {

bool browser_safe(const media::MediaInfo& info) {
  return media::browser_safe_video(info.video_codec) && (!info.has_audio || media::browser_safe_audio(info.audio_codec));
}

std::string megabytes(std::uintmax_t bytes) { return fmt::format("{:.1f} MB", static_cast<double>(bytes) / 1e6); }

// Copies or re-encodes the fetched video to `b.video`. Re-encodes when it is
// taller than --max-height, or when its codec is not browser-safe and
// --transcode asks for it; otherwise a stream copy, which refuses such codecs.
Result<void> package_video(BuildState& state, const lesson::Lesson& l, LessonBuild& b, bool show_progress) {
  const BuildOptions& options = state.options;
  TRY_ASSIGN(const media::MediaInfo source, media::probe(b.source->path));
  const media::MediaSettings& settings = options.media;
  const bool too_tall = settings.max_height > 0 && source.height > settings.max_height;
  const bool copy = !too_tall && !(settings.transcode_unplayable && !browser_safe(source));
  // A split video: its two files muxed into one by stream copy; that is the
  // packaged video, or the input of the transcode.
  fs::path input = b.source->path;
  std::optional<util::TempDir> joined;
  if (b.audio_source) {
    if (copy) {
      TRY_ASSIGN(b.info, media::mux_split_to_faststart(b.source->path, b.audio_source->path, b.video,
                                                       media::k_reserve_from_bytes, &b.video_crc32));
      return {};
    }
    TRY_ASSIGN(joined, util::TempDir::create(b.video.parent_path(), ".split-"));
    input = joined->path() / "joined.mp4";
    TRY(media::mux_split_to_faststart(b.source->path, b.audio_source->path, input));
  } else if (copy) {
    // Its CRC-32 summed as it is written: no read of the video for it.
    TRY_ASSIGN(b.info, media::remux_to_faststart(b.source->path, b.video, media::k_reserve_from_bytes, &b.video_crc32));
    return {};
  }
  const Reporter& reporter = state.reporter;
  // One progress line: shown only when lessons are not done in parallel.
  auto progress = [&](double done) {
    if (show_progress) reporter.progress(fmt::format("transcoding {}: {:.0f}%", l.slug, done * 100));
  };
  auto info = media::transcode(input, b.video, settings, progress);
  if (show_progress) reporter.progress_end();
  if (!info) return tl::unexpected(info.error());
  b.info = *info;
  b.transcoded = true;
  return {};
}

// The caption file named by captionFilePath, checked as WebVTT; or the one
// the captions pass downloaded (checked then), copied into the work folder
// so that nothing packaged shares an inode with the cache.
Result<void> check_captions(BuildState& state, const lesson::Lesson& l, LessonBuild& b) {
  if (!l.caption_file.empty()) {
    // Already checked as WebVTT by the first pass (check_inputs.hpp).
    b.captions = l.caption_file;
  } else if (b.caption_source) {
    const fs::path copy = state.work->path() / lesson_dir(l) / "captions.vtt";
    TRY(util::make_directories(copy.parent_path()));
    TRY(util::copy_file(b.caption_source->path, copy));
    b.captions = copy;
  }
  return {};
}

// What the media errors and warnings of a lesson name: the lesson file and
// the URL (both, for a split video).
std::string media_origin(const lesson::Lesson& l, const LessonBuild& b) {
  if (b.audio_source) return fmt::format("{}: {} (sound: {})", l.source.string(), b.source->url, b.audio_source->url);
  return fmt::format("{}: {}", l.source.string(), b.source->url);
}

// A video without sound builds (a silent screencast is a real thing) but is
// said, in the terminal and the report; --require-audio refuses it.
Result<void> check_sound(BuildState& state, const lesson::Lesson& l, const LessonBuild& b) {
  if (b.info.has_audio) return {};
  const std::string what = fmt::format("{}: the video has no sound (no audio track)", media_origin(l, b));
  if (state.options.require_audio)
    return fail(ErrorCode::media, what + ", and --require-audio asks for sound");
  const std::string hint =
      !l.embed_url.present()
          ? "a PeerTube embed link (videoEmbedSrc) would let packager fetch a separate audio file"
      : b.source->origin == fetch::Origin::local_copy
          ? "it is a copy in a media folder, so the PeerTube instance was not asked for an audio file"
          : "the PeerTube instance lists no audio file for it";
  warn(state, fmt::format("{}; it is packaged silent ({}; --require-audio makes this an error)", what, hint), l.slug);
  return {};
}

}  // namespace

void warn(BuildState& state, const std::string& message, const std::string& lesson) {
  state.reporter.warning(message, lesson);
}

namespace {

// The heavy part of one lesson: its video packaged and its poster drawn.
// Runs on a worker thread; touches only `b` (and the reporter, which keeps
// lines whole).
Result<void> make_lesson_media(BuildState& state, const lesson::Lesson& l, LessonBuild& b,
                               std::optional<fetch::RemuxStaging>& staging, std::string& cache_problem,
                               bool show_progress) {
  // reuse_media may already have taken the video from an earlier build;
  // a staged one is made in its cache staging folder.
  if (staging) {
    auto made = package_video(state, l, b, show_progress);
    if (!made && made.error().code != ErrorCode::output) return made;
    if (!made) {
      // The cache's disk is full (or unwritable): the cache only saves
      // time, so the video is made again in the work folder, and the
      // caller warns. The staging folder goes first, freeing its room.
      cache_problem = made.error().message;
      staging.reset();
      b.video.clear();
    }
  }
  if (b.video.empty()) {
    b.video = state.work->path() / lesson_video_path(l);
    TRY(util::make_directories(b.video.parent_path()));
    TRY(package_video(state, l, b, show_progress));
  }
  const bool staged = staging.has_value();
  // reuse_media may have taken the poster too (checked) from the cache.
  const bool draw_poster = b.poster.empty();
  if (draw_poster) {
    b.poster = state.work->path() / lesson_dir(l) / "poster.jpg";
    // A video read in place from the cache made no folder here.
    TRY(util::make_directories(b.poster.parent_path()));
  }
  // The video's CRC-32, unless the cache recorded it or the remux summed
  // it: with it the zip is hashed while it is written
  // (archive/zip_sink.hpp). Read on another core while the poster decodes,
  // from the page cache the remux (or transcode) filled.
  std::future<Result<std::uint32_t>> crc;
  if (!b.video_crc32) crc = std::async(std::launch::async, [&] { return util::crc32_file(b.video); });
  Result<void> poster;
  if (draw_poster)
    if (auto drawn = media::make_poster(b.video, b.poster); !drawn) poster = tl::unexpected(drawn.error());
  if (crc.valid())
    if (auto got = crc.get()) b.video_crc32 = *got;
  if (!poster) return poster;
  if (staged) {
    // The writers read it in place, as a video reused from the cache: its
    // identity now, compared when it is committed into the cache.
    b.video_in_cache = util::file_identity(b.video);
    if (!b.video_in_cache) return fail(ErrorCode::output, fmt::format("cannot read back {}", b.video.string()));
    b.skip_video_sha256 = true;
  }
  std::error_code ec;
  b.source_bytes = fs::file_size(b.source->path, ec);
  b.video_bytes = fs::file_size(b.video, ec);
  return {};
}

}  // namespace

Result<void> prepare_media(BuildState& state) {
  // Lessons' videos are independent: -j of them at a time (remuxing is
  // mostly I/O and libavformat's parsing, so two overlap well on two cores).
  // Messages and errors are reported afterwards in course order, as a
  // sequential build would report them.
  const size_t count = state.course.lessons.size();
  const size_t workers = static_cast<size_t>(std::max(state.options.jobs, 1));
  // When no output needs the video as a file of its own (nor its SHA-256),
  // each new video is remuxed straight into a staging folder of the remux
  // cache: the writers read it there and finish_store_media commits it.
  // That saves copying (and hashing) every new video into the cache. A
  // cache that cannot be written leaves the video in the work folder.
  if (state.store_in_background && !state.fetch_options.cache_dir.empty()) {
    const fetch::RemuxStore store(state.fetch_options.cache_dir);
    state.staged.resize(count);
    for (size_t i = 0; i < count; ++i) {
      LessonBuild& b = state.lessons[i];
      if (!b.source || !b.video.empty()) continue;
      auto staging = store.stage(remux_key(state, b));
      if (!staging) continue;
      b.video = staging->video();
      state.staged[i] = std::move(*staging);
    }
  }
  state.staged.resize(count);
  std::vector<std::string> cache_problems(count);
  // After a failure nothing new starts: the build stops at the first
  // failing lesson anyway.
  const auto results = util::parallel_for(
      count, workers,
      [&](size_t i) -> Result<void> {
        LessonBuild& b = state.lessons[i];
        if (!b.source) return {};  // a PDF lesson has no video
        return make_lesson_media(state, state.course.lessons[i], b, state.staged[i], cache_problems[i],
                                 workers == 1 || count == 1);
      },
      [](const Result<void>& r) { return !r; });

  for (size_t i = 0; i < count; ++i) {
    const lesson::Lesson& l = state.course.lessons[i];
    LessonBuild& b = state.lessons[i];
    TRY(check_captions(state, l, b));
    if (!b.source) continue;
    // Not started because an earlier lesson failed: that one is reported.
    if (!results[i]) continue;
    // Every media error names the lesson and the URL the video came from.
    if (!*results[i]) {
      const Error& e = results[i]->error();
      return fail(e.code, fmt::format("{}: {}", media_origin(l, b), e.message));
    }
    if (!cache_problems[i].empty())
      warn(state, fmt::format("could not keep the remuxed video of {} in the cache: {}; it was remuxed again in the "
                              "build's folder", l.slug, cache_problems[i]), l.slug);
    TRY(check_video_duration(l, b.source->url, b.info.duration_seconds));
    TRY(check_sound(state, l, b));
    if (b.transcoded)
      state.reporter.info(fmt::format("transcoded {} to {}p: {} -> {}", l.slug, b.info.height,
                                      megabytes(b.source_bytes), megabytes(b.video_bytes)));
    state.reporter.detail(fmt::format("{} {} ({:.1f} s, {}x{} {} {})", b.transcoded ? "transcoded" : "remuxed", l.slug,
                                      b.info.duration_seconds, b.info.width, b.info.height, b.info.video_codec,
                                      b.info.video_profile));
  }
  return {};
}

}  // namespace packager::pipeline
