// Incremental builds, second part: remuxed videos kept in the cache, keyed
// by the source bytes and the media settings, and reused by later builds.
#include <algorithm>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "packager/fetch/remux_store.hpp"
#include "packager/pipeline/layout.hpp"
#include "packager/pipeline/state.hpp"
#include "packager/util/copy.hpp"
#include "packager/util/fs.hpp"
#include "packager/util/parallel.hpp"
#include "packager/util/sha256.hpp"

namespace packager::pipeline {
namespace fs = std::filesystem;
using nlohmann::json;

// The remux cache key: the source bytes (both files of a split video) plus
// everything that shapes the remuxed file (the tool version stands for the
// remuxer's own behaviour).
std::string remux_key(const BuildState& state, const LessonBuild& b) {
  const std::string sources = b.audio_source ? b.source->sha256 + "+" + b.audio_source->sha256 : b.source->sha256;
  return util::sha256_hex(
      fmt::format("{}\n{}\n{}", PACKAGER_VERSION, sources, media::serialise(state.options.media)));
}

namespace {

inline constexpr const char* k_remux_dir = "remuxed";

json info_json(const media::MediaInfo& i) {
  return json{{"container", i.container},   {"duration_seconds", i.duration_seconds}, {"bit_rate", i.bit_rate},
              {"has_video", i.has_video},   {"video_codec", i.video_codec},     {"video_profile", i.video_profile},
              {"width", i.width},           {"height", i.height},               {"frame_rate", i.frame_rate},
              {"has_audio", i.has_audio},   {"audio_codec", i.audio_codec},     {"audio_channels", i.audio_channels},
              {"audio_sample_rate", i.audio_sample_rate}, {"packet_count", i.packet_count}};
}

// What the cache keeps beside a remuxed video.
struct CachedMedia {
  media::MediaInfo info;
  bool transcoded = false;
};

// A cache entry whose description does not parse is treated as absent.
std::optional<CachedMedia> read_info(const std::string& text) {
  const json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  media::MediaInfo i;
  try {
    i.container = j.at("container").get<std::string>();
    i.duration_seconds = j.at("duration_seconds").get<double>();
    i.bit_rate = j.at("bit_rate").get<std::int64_t>();
    i.has_video = j.at("has_video").get<bool>();
    i.video_codec = j.at("video_codec").get<std::string>();
    i.video_profile = j.at("video_profile").get<std::string>();
    i.width = j.at("width").get<int>();
    i.height = j.at("height").get<int>();
    i.frame_rate = j.at("frame_rate").get<double>();
    i.has_audio = j.at("has_audio").get<bool>();
    i.audio_codec = j.at("audio_codec").get<std::string>();
    i.audio_channels = j.at("audio_channels").get<int>();
    i.audio_sample_rate = j.at("audio_sample_rate").get<int>();
    i.packet_count = j.at("packet_count").get<std::int64_t>();
  } catch (const json::exception&) {
    return std::nullopt;
  }
  return CachedMedia{i, j.value("transcoded", false)};
}

}  // namespace

Result<void> reuse_media(BuildState& state) {
  if (state.fetch_options.cache_dir.empty()) return {};
  const fetch::RemuxStore store(state.fetch_options.cache_dir);
  for (size_t i = 0; i < state.course.lessons.size(); ++i) {
    const lesson::Lesson& l = state.course.lessons[i];
    LessonBuild& b = state.lessons[i];
    if (!b.source) continue;
    std::string problem;
    auto entry = store.find(remux_key(state, b), &problem);
    if (!problem.empty())
      state.reporter.warning(fmt::format("{}: the cached remuxed video of {} changed since it was stored ({}); "
                                         "it was dropped and the video is remuxed again",
                                         l.source.string(), b.source->url, problem),
                             l.slug);
    if (!entry) continue;
    auto cached = read_info(entry->description);
    if (!cached) continue;
    // A copy (or a copy-on-write clone), never a link: whatever happens to
    // the output later cannot reach the cache, nor the other way round.
    const fs::path video = state.work->path() / lesson_video_path(l);
    TRY(util::make_directories(video.parent_path()));
    TRY(util::clone_or_copy(entry->video, video, /*want_sha256=*/false));
    b.video = video;
    b.video_sha256 = entry->sha256;
    b.info = cached->info;
    b.transcoded = cached->transcoded;
    state.reused.push_back({l.slug, "remuxed media", "cache"});
    state.reporter.detail(fmt::format("reused the remuxed video of {} from the cache", l.slug));
  }
  return {};
}

Result<void> store_media(BuildState& state) {
  if (state.fetch_options.cache_dir.empty()) return {};
  const fetch::RemuxStore store(state.fetch_options.cache_dir);
  // Each lesson's copy into the cache is independent (two lessons with the
  // same key: the store lets the first rename win): -j at a time, the
  // results taken in course order below.
  const auto puts = util::parallel_for(
      state.course.lessons.size(), static_cast<size_t>(std::max(state.options.jobs, 1)),
      [&](size_t i) -> std::optional<Result<fetch::RemuxEntry>> {
        const lesson::Lesson& l = state.course.lessons[i];
        const LessonBuild& b = state.lessons[i];
        if (!b.source || b.video.empty()) return std::nullopt;
        const bool reused = std::any_of(state.reused.begin(), state.reused.end(), [&](const Reuse& r) {
          return r.lesson == l.slug && r.what == "remuxed media";
        });
        if (reused) return std::nullopt;
        json description = info_json(b.info);
        description["transcoded"] = b.transcoded;
        return store.put(remux_key(state, b), b.video, b.source->url, b.source->sha256, description.dump());
      },
      [](const std::optional<Result<fetch::RemuxEntry>>& r) {
        return r && !*r && r->error().code == ErrorCode::interrupted;
      });
  for (size_t i = 0; i < state.course.lessons.size(); ++i) {
    const lesson::Lesson& l = state.course.lessons[i];
    LessonBuild& b = state.lessons[i];
    if (!puts[i] || !*puts[i]) continue;  // not stored (or not started after Ctrl-C)
    // The cache only saves time: failing to fill it must not fail the build.
    const auto& stored = **puts[i];
    if (!stored) {
      if (stored.error().code == ErrorCode::interrupted) return tl::unexpected(stored.error());
      state.reporter.warning(fmt::format("could not keep the remuxed video of {} in the cache: {}", l.slug,
                                         stored.error().message),
                             l.slug);
      continue;
    }
    // The copy was hashed on its way into the cache: the report and the
    // site need not read the video again.
    b.video_sha256 = stored->sha256;
  }
  return {};
}

}  // namespace packager::pipeline

namespace packager::pipeline {

std::string describe_media(const LessonBuild& b) {
  json description = info_json(b.info);
  description["transcoded"] = b.transcoded;
  return description.dump();
}

bool take_media_description(const std::string& text, LessonBuild& b) {
  auto cached = read_info(text);
  if (!cached) return false;
  b.info = cached->info;
  b.transcoded = cached->transcoded;
  return true;
}

}  // namespace packager::pipeline
