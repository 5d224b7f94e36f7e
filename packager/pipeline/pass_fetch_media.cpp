// The fetch pass: every lesson's video onto local disk, several at a time
// (-j), PeerTube embed links resolved first, and the audio-only file of a
// video PeerTube stores split.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "packager/core/interrupt.hpp"
#include "packager/fetch/peertube.hpp"
#include "packager/pipeline/fetch_progress.hpp"
#include "packager/pipeline/state.hpp"
#include "packager/pipeline/stream_memo.hpp"
#include "packager/util/parallel.hpp"

namespace packager::pipeline {
namespace {

// What one job brings home.
struct FetchedMedia {
  fetch::Fetched video;
  std::optional<fetch::Fetched> audio;  // the audio-only half of a split video
  std::vector<std::string> warnings;    // for warn(), in course order
};

// What revalidate_cached() learnt for a job: the instance's answer for an
// embed link (fresh: asked in this build), and the cached files the server
// confirmed.
struct AtHand {
  std::optional<fetch::PeerTubeChoice> choice;
  std::optional<fetch::Fetched> video;
  std::optional<fetch::Fetched> audio;  // the audio-only half the choice needs
};

// One distinct video to fetch, and the lessons waiting for it.
struct Job {
  std::string url;        // as the lesson gives it (maybe an embed link)
  std::string embed_url;  // the lesson's PeerTube embed link beside a direct link, if any
  std::vector<size_t> lessons;
  std::optional<AtHand> at_hand;
  std::optional<Result<FetchedMedia>> result;
};

// How many cached videos are revalidated at once, whatever -j says: a
// conditional request moves no video, it waits one round trip for a 304;
// six is what a browser opens to one host.
constexpr size_t k_revalidations_at_once = 6;

// One job's first look: the instance's answer for an embed link, then its
// files, each only if the cache has it and the server confirms it. What it
// could not learn stays empty.
AtHand quick_look(const Job& job, int max_height, const fetch::FetchOptions& quick) {
  AtHand got;
  std::string video_url = job.url;
  if (!fetch::peertube_api_url(job.url).empty()) {
    auto choice = fetch::resolve_peertube_embed(job.url, max_height, quick);
    if (!choice) return got;
    got.choice = std::move(*choice);
    video_url = got.choice->video.url;
  }
  if (auto video = fetch::fetch_media(video_url, quick)) got.video = std::move(*video);
  if (got.choice && got.choice->needs_audio())
    if (auto audio = fetch::fetch_media(got.choice->audio_only->url, quick)) got.audio = std::move(*audio);
  return got;
}

// Asks the instance of every embed link for its files, and the servers of
// every video already in the cache whether it changed, several lessons at
// a time; keeps the answers and the copies confirmed. Without this a build
// with nothing new waited one round trip per video (two for an embed
// link), one after the other at -j 1. Anything it cannot settle (not
// cached, a new version, an error) is left to fetch_one(), as if it had
// not been asked: downloads stay -j at a time, and retries and messages
// are fetch_one()'s.
void revalidate_cached(std::vector<Job>& jobs, const BuildState& state, FetchProgress& progress,
                       const fetch::FetchOptions& options) {
  fetch::FetchOptions quick = options;
  quick.only_if_unchanged = true;
  quick.max_attempts = 1;
  quick.on_progress = nullptr;
  const auto results = util::parallel_for(
      jobs.size(), k_revalidations_at_once,
      [&](size_t j) { return quick_look(jobs[j], state.options.media.max_height, quick); },
      [](const AtHand&) { return interrupted(); });
  for (size_t j = 0; j < jobs.size(); ++j) {
    if (!results[j]) continue;
    jobs[j].at_hand = std::move(*results[j]);
    // In course order, as a run one by one prints them.
    for (const auto* f : {&jobs[j].at_hand->video, &jobs[j].at_hand->audio}) {
      if (!*f) continue;
      progress.started((*f)->url);
      progress.finished((*f)->url, fmt::format("fetched {} ({})", (*f)->url, fetch::to_string((*f)->origin)));
    }
  }
}

Result<fetch::Fetched> fetch_file(const std::string& url, FetchProgress& progress, const fetch::FetchOptions& options,
                                  std::vector<std::string>& warnings) {
  progress.started(url);
  auto got = fetch::fetch_media(url, options);
  if (!got) {
    progress.finished(url, "");  // the error is reported once, by the CLI
    return got;
  }
  for (const auto& note : got->notes) warnings.push_back(note);
  progress.finished(url, fmt::format("fetched {} ({})", url, fetch::to_string(got->origin)));
  return got;
}

// A direct link to a file without sound, beside a PeerTube embed link: the
// instance may hold the sound as a separate audio-only file. Returns its
// URL, or nothing (with a warning when the instance could not say).
std::optional<std::string> audio_for_direct_link(const Job& job, const fetch::Fetched& video, const BuildState& state,
                                                 const fetch::FetchOptions& options,
                                                 std::vector<std::string>& warnings) {
  // The user's own copy: no request to the instance (a build from a USB
  // stick stays off the network); the media pass warns of the silence.
  if (job.embed_url.empty() || video.origin == fetch::Origin::local_copy) return std::nullopt;
  // A file that is not media is the media pass's to report. Remembered per
  // content, so a build with nothing new probes nothing (stream_memo.hpp).
  const auto layout = stream_layout(video, options.cache_dir);
  if (!layout || !layout->has_video || layout->has_audio) return std::nullopt;
  auto choice = fetch::resolve_peertube_embed(job.embed_url, state.options.media.max_height, options);
  if (!choice) {
    warnings.push_back(fmt::format("{} has no sound and its audio could not be asked from {}: {}", job.url,
                                   job.embed_url, choice.error().message));
    return std::nullopt;
  }
  if (!choice->audio_only) return std::nullopt;
  return choice->audio_only->url;
}

// A file revalidate_cached() confirmed, or else fetched now.
Result<fetch::Fetched> take_or_fetch(const std::optional<fetch::Fetched>& at_hand, const std::string& url,
                                     FetchProgress& progress, const fetch::FetchOptions& options,
                                     std::vector<std::string>& warnings) {
  if (!at_hand) return fetch_file(url, progress, options, warnings);
  for (const auto& note : at_hand->notes) warnings.push_back(note);
  return *at_hand;
}

Result<FetchedMedia> fetch_one(const Job& job, const BuildState& state, FetchProgress& progress,
                               const fetch::FetchOptions& options) {
  FetchedMedia got;
  const bool embed = !fetch::peertube_api_url(job.url).empty();
  std::optional<fetch::PeerTubeChoice> choice;
  if (job.at_hand && job.at_hand->choice) {
    choice = job.at_hand->choice;
  } else if (embed) {
    TRY_ASSIGN(choice, fetch::resolve_peertube_embed(job.url, state.options.media.max_height, options));
  }
  std::string media_url = job.url;
  std::optional<std::string> audio_url;
  if (choice) {
    state.reporter.detail(fmt::format("{}: PeerTube file {} ({}p)", job.url, choice->video.url, choice->video.height));
    media_url = choice->video.url;
    if (choice->needs_audio()) audio_url = choice->audio_only->url;
  }
  const auto at_hand_video = job.at_hand ? job.at_hand->video : std::nullopt;
  TRY_ASSIGN(got.video, take_or_fetch(at_hand_video, media_url, progress, options, got.warnings));
  if (!embed) audio_url = audio_for_direct_link(job, got.video, state, options, got.warnings);
  if (audio_url) {
    state.reporter.detail(fmt::format("{}: the sound is in a separate file, {}", media_url, *audio_url));
    const auto at_hand_audio = job.at_hand ? job.at_hand->audio : std::nullopt;
    TRY_ASSIGN(got.audio, take_or_fetch(at_hand_audio, *audio_url, progress, options, got.warnings));
  }
  return got;
}

}  // namespace

Result<void> fetch_media(BuildState& state) {
  // The same video in two lessons is fetched once (and never by two
  // workers writing one partial file).
  std::vector<Job> jobs;
  std::map<std::string, size_t> by_url;
  for (size_t i = 0; i < state.course.lessons.size(); ++i) {
    const lesson::Lesson& l = state.course.lessons[i];
    if (!l.video_url.present() && !l.embed_url.present()) continue;  // a PDF lesson has no video
    const std::string& url = l.video_url.present() ? l.video_url.value : l.embed_url.value;
    const std::string embed = l.video_url.present() ? l.embed_url.value : "";
    auto [it, fresh] = by_url.emplace(url, jobs.size());
    if (fresh) jobs.push_back(Job{url, embed, {}, std::nullopt, std::nullopt});
    // One video, one job: the first embed link given for it finds its sound.
    if (jobs[it->second].embed_url.empty()) jobs[it->second].embed_url = embed;
    jobs[it->second].lessons.push_back(i);
  }

  if (jobs.empty()) return {};
  // Split videos add an audio file per job; the overall line counts videos.
  FetchProgress progress(state.reporter, jobs.size());
  fetch::FetchOptions options = state.fetch_options;
  options.on_progress = [&progress](const std::string& url, std::uintmax_t received, std::uintmax_t total) {
    progress.update(url, received, total);
  };
  options.on_retry = [&progress](const std::string& url, const std::string& why, std::chrono::milliseconds wait) {
    progress.retrying(url, why, wait);
  };
  options.on_wait = [&state](const std::string& url) {
    state.reporter.info(fmt::format("waiting for another build that is fetching {}", url));
  };

  if (!options.offline) revalidate_cached(jobs, state, progress, options);
  TRY(check_interrupted());
  // After a failure, start nothing new: the build will stop anyway.
  const auto results = util::parallel_for(
      jobs.size(), static_cast<size_t>(std::max(state.options.jobs, 1)),
      [&](size_t j) { return fetch_one(jobs[j], state, progress, options); },
      [](const Result<FetchedMedia>& r) { return !r; });
  for (size_t j = 0; j < jobs.size(); ++j) jobs[j].result = results[j];

  for (const Job& job : jobs)
    if (job.result && *job.result)
      for (const auto& w : (*job.result)->warnings) warn(state, w, state.course.lessons[job.lessons.front()].slug);
  // Report the first failing lesson in course order, whichever finished first.
  for (const Job& job : jobs) {
    if (!job.result || *job.result) continue;
    const lesson::Lesson& l = state.course.lessons[job.lessons.front()];
    return fail(job.result->error().code, fmt::format("{}: {}", l.source.string(), job.result->error().message));
  }
  for (Job& job : jobs)
    for (size_t i : job.lessons) {
      state.lessons[i].source = (*job.result)->video;
      state.lessons[i].audio_source = (*job.result)->audio;
    }
  return {};
}

}  // namespace packager::pipeline
