// Incremental builds, second part: remuxed videos kept in the cache, keyed
// by the source bytes and the media settings, and reused by later builds.
#include <algorithm>
#include <future>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "packager/fetch/remux_store.hpp"
#include "packager/pipeline/layout.hpp"
#include "packager/pipeline/state.hpp"
#include "packager/util/copy.hpp"
#include "packager/util/crc32.hpp"
#include "packager/util/file_identity.hpp"
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

json info_json(const media::MediaInfo& i) {
  return json{{"container", i.container},   {"duration_seconds", i.duration_seconds}, {"bit_rate", i.bit_rate},
              {"has_video", i.has_video},   {"video_codec", i.video_codec},     {"video_profile", i.video_profile},
              {"width", i.width},           {"height", i.height},               {"frame_rate", i.frame_rate},
              {"has_audio", i.has_audio},   {"audio_codec", i.audio_codec},     {"audio_channels", i.audio_channels},
              {"audio_sample_rate", i.audio_sample_rate}, {"packet_count", i.packet_count}};
}

// What a remux cache entry describes: the probe results, whether it was
// transcoded, and its CRC-32 when known (with it a zip of the video is
// hashed while it is written, archive/zip_sink.hpp).
json cache_description(const LessonBuild& b) {
  json description = info_json(b.info);
  description["transcoded"] = b.transcoded;
  if (b.video_crc32) description["crc32"] = *b.video_crc32;
  return description;
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

// The video's CRC-32 when the entry recorded it (entries stored before it
// was recorded have none).
std::optional<std::uint32_t> crc32_of(const std::string& text) {
  const json j = json::parse(text, nullptr, false);
  if (!j.is_object() || !j.contains("crc32") || !j["crc32"].is_number_unsigned()) return std::nullopt;
  return j["crc32"].get<std::uint32_t>();
}

// The entry's poster, copied into the work folder and checked against its
// recorded SHA-256; one that does not match is dropped (the media pass
// draws it again), with a warning.
Result<void> reuse_poster(BuildState& state, const lesson::Lesson& l, LessonBuild& b, const fetch::RemuxEntry& entry) {
  if (entry.poster.empty()) return {};
  const fs::path poster = state.work->path() / lesson_dir(l) / "poster.jpg";
  TRY(util::make_directories(poster.parent_path()));
  auto copied = util::clone_or_copy(entry.poster, poster, /*want_sha256=*/true);
  if (copied && *copied == entry.poster_sha256) {
    b.poster = poster;
    return {};
  }
  if (!copied && copied.error().code == ErrorCode::interrupted) return tl::unexpected(copied.error());
  std::error_code ec;
  fs::remove(poster, ec);
  state.reporter.warning(fmt::format("{}: the cached poster of {} changed since it was stored; it is drawn again",
                                     l.source.string(), b.source->url),
                         l.slug);
  return {};
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
    if (state.read_media_in_cache) {
      // No output holds the video as a file of its own (the zip, the
      // backup and the ZIM copy its bytes): read it where it is, checked
      // (find() compared its identity) and checked again after the
      // writers (check_cached_media). Nothing the user receives is the
      // cache's file.
      b.video = entry->video;
      b.video_in_cache = entry->identity;
    } else {
      // A copy (or a copy-on-write clone), never a link: whatever happens to
      // the output later cannot reach the cache, nor the other way round.
      const fs::path video = state.work->path() / lesson_video_path(l);
      TRY(util::make_directories(video.parent_path()));
      // An entry that records only the video's CRC-32 gives its SHA-256
      // (the site's SHA256SUMS lists the video) from the bytes copied.
      TRY_ASSIGN(const std::string copied_sha, util::clone_or_copy(entry->video, video, entry->sha256.empty()));
      b.video = video;
      b.video_sha256 = copied_sha;
    }
    if (!entry->sha256.empty()) b.video_sha256 = entry->sha256;
    TRY(reuse_poster(state, l, b, *entry));
    // Recorded by CRC-32, in a build that needs no SHA-256 of it either.
    b.skip_video_sha256 = b.video_sha256.empty() && state.store_in_background;
    b.video_crc32 = crc32_of(entry->description);
    b.info = cached->info;
    b.transcoded = cached->transcoded;
    state.reused.push_back({l.slug, "remuxed media", "cache"});
    state.reporter.detail(fmt::format("reused the remuxed video of {} from the cache", l.slug));
  }
  return {};
}

namespace {

// One video to store, with everything the store needs copied out of the
// build (a background store touches nothing the writers use).
struct StoreJob {
  size_t lesson = 0;
  std::string key, url, source_sha256, description;
  fs::path video, poster;
};

// `workers` stores at a time (two lessons with the same key: the store
// lets the first rename win); outcomes in course order, and none started
// after an interruption.
std::vector<StoreOutcome> run_stores(const fs::path& cache_dir, const std::vector<StoreJob>& jobs, size_t workers) {
  const fetch::RemuxStore store(cache_dir);
  const auto done = util::parallel_for(
      jobs.size(), workers,
      [&](size_t k) {
        const StoreJob& j = jobs[k];
        auto stored = store.put(j.key, j.video, j.poster, j.url, j.source_sha256, j.description);
        StoreOutcome o;
        o.lesson = j.lesson;
        if (stored)
          o.sha256 = stored->sha256;
        else
          o.error = stored.error();
        return o;
      },
      [](const StoreOutcome& o) { return o.error && o.error->code == ErrorCode::interrupted; });
  std::vector<StoreOutcome> outcomes;
  for (const auto& o : done)
    if (o) outcomes.push_back(*o);
  return outcomes;
}

Result<void> take_stores(BuildState& state, const std::vector<StoreOutcome>& outcomes) {
  for (const auto& o : outcomes) {
    LessonBuild& b = state.lessons[o.lesson];
    b.skip_video_sha256 = false;
    if (o.error) {
      if (o.error->code == ErrorCode::interrupted) return tl::unexpected(*o.error);
      const std::string& slug = state.course.lessons[o.lesson].slug;
      state.reporter.warning(
          fmt::format("could not keep the remuxed video of {} in the cache: {}", slug, o.error->message), slug);
      continue;
    }
    // The copy was hashed on its way into the cache: the report and the
    // site need not read the video again.
    b.video_sha256 = o.sha256;
  }
  return {};
}

}  // namespace

Result<void> store_media(BuildState& state) {
  if (state.fetch_options.cache_dir.empty()) return {};
  std::vector<StoreJob> jobs;
  for (size_t i = 0; i < state.course.lessons.size(); ++i) {
    const lesson::Lesson& l = state.course.lessons[i];
    LessonBuild& b = state.lessons[i];
    if (!b.source || b.video.empty()) continue;
    // Remuxed into the cache's staging folder: committed after the writers.
    if (i < state.staged.size() && state.staged[i]) continue;
    const bool reused = std::any_of(state.reused.begin(), state.reused.end(),
                                    [&](const Reuse& r) { return r.lesson == l.slug && r.what == "remuxed media"; });
    if (reused) continue;
    // The CRC-32, computed beside the poster (pass_prepare_media.cpp), is
    // kept for every later build.
    jobs.push_back({i, remux_key(state, b), b.source->url, b.source->sha256, cache_description(b).dump(), b.video,
                    b.poster});
  }
  // The cache only saves time: failing to fill it must not fail the build.
  // Each lesson's copy is independent: -j at a time.
  if (!state.store_in_background || jobs.empty())
    return take_stores(state, run_stores(state.fetch_options.cache_dir, jobs,
                                         static_cast<size_t>(std::max(state.options.jobs, 1))));
  // The copy into the cache reads the video the zip writer reads too (from
  // the page cache): on a second core, the two overlap.
  for (const auto& j : jobs) state.lessons[j.lesson].skip_video_sha256 = true;
  state.storing = std::async(std::launch::async, [dir = state.fetch_options.cache_dir, jobs = std::move(jobs)] {
    return run_stores(dir, jobs, 1);
  });
  return {};
}

namespace {

// Commits the videos remuxed into the cache's staging folders, now that the
// writers have read them: each is checked to be what was written (its
// identity), then renamed into place with its CRC-32 (computed beside the
// poster from the bytes the remux wrote; the zip checked the same bytes).
Result<void> commit_staged(BuildState& state) {
  const fetch::RemuxStore store(state.fetch_options.cache_dir);
  for (size_t i = 0; i < state.staged.size(); ++i) {
    if (!state.staged[i]) continue;
    const lesson::Lesson& l = state.course.lessons[i];
    LessonBuild& b = state.lessons[i];
    fetch::RemuxStaging staging = std::move(*state.staged[i]);
    state.staged[i].reset();
    if (!b.video_crc32) {
      TRY_ASSIGN(b.video_crc32, util::crc32_file(b.video));
    }
    auto stored = store.commit(std::move(staging), *b.video_in_cache, *b.video_crc32, b.poster, b.source->url,
                               b.source->sha256, cache_description(b).dump());
    if (!stored && stored.error().code == ErrorCode::media)
      return fail(ErrorCode::media, fmt::format("{}: {}; nothing was written: build again", l.source.string(),
                                                stored.error().message));
    // Checked by the commit: check_cached_media has nothing left to do.
    b.video_in_cache.reset();
    if (!stored) {
      state.reporter.warning(
          fmt::format("could not keep the remuxed video of {} in the cache: {}", l.slug, stored.error().message),
          l.slug);
      continue;
    }
    b.video = stored->video;
  }
  return {};
}

}  // namespace

Result<void> finish_store_media(BuildState& state) {
  TRY(commit_staged(state));
  if (!state.storing.valid()) return {};
  return take_stores(state, state.storing.get());
}

Result<void> check_cached_media(BuildState& state) {
  for (size_t i = 0; i < state.course.lessons.size(); ++i) {
    const LessonBuild& b = state.lessons[i];
    if (!b.video_in_cache) continue;
    const std::string why = util::identity_change(*b.video_in_cache, util::file_identity(b.video));
    if (why.empty()) continue;
    return fail(ErrorCode::media,
                fmt::format("{}: the cached remuxed video {} changed while this build read it ({}); nothing was "
                            "written: build again (the entry is checked and dropped then)",
                            state.course.lessons[i].source.string(), b.video.string(), why));
  }
  return {};
}

}  // namespace packager::pipeline

namespace packager::pipeline {

std::string describe_media(const LessonBuild& b) {
  json description = cache_description(b);
  description.erase("crc32");  // a shard records the probe results only
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
