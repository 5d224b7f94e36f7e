// The fetch pass: every lesson's video onto local disk, several at a time
// (-j), PeerTube embed links resolved first.
#include <algorithm>
#include <atomic>
#include <map>
#include <thread>

#include <fmt/format.h>

#include "packager/fetch/peertube.hpp"
#include "packager/pipeline/fetch_progress.hpp"
#include "packager/pipeline/state.hpp"

namespace packager::pipeline {
namespace {

// One distinct URL to fetch, and the lessons waiting for it.
struct Job {
  std::string url;            // as the lesson gives it (maybe an embed link)
  std::vector<size_t> lessons;
  std::optional<Result<fetch::Fetched>> result;
};

Result<fetch::Fetched> fetch_one(const std::string& url, const BuildState& state, FetchProgress& progress,
                                 const fetch::FetchOptions& options) {
  std::string media_url = url;
  if (!fetch::peertube_api_url(url).empty()) {
    TRY_ASSIGN(const auto file, fetch::resolve_peertube_embed(url, state.options.max_height, options));
    state.reporter.detail(fmt::format("{}: PeerTube file {} ({}p)", url, file.url, file.height));
    media_url = file.url;
  }
  progress.started(media_url);
  auto got = fetch::fetch_media(media_url, options);
  if (!got) {
    progress.finished(media_url, "");  // the error is reported once, by the CLI
    return got;
  }
  for (const auto& note : got->notes) state.reporter.warning(note);
  progress.finished(media_url, fmt::format("fetched {} ({})", media_url, fetch::to_string(got->origin)));
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
    auto [it, fresh] = by_url.emplace(url, jobs.size());
    if (fresh) jobs.push_back(Job{url, {}, std::nullopt});
    jobs[it->second].lessons.push_back(i);
  }

  if (jobs.empty()) return {};
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

  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  auto worker = [&] {
    // After a failure, start nothing new: the build will stop anyway.
    for (size_t j; !failed && (j = next++) < jobs.size();) {
      jobs[j].result = fetch_one(jobs[j].url, state, progress, options);
      if (!*jobs[j].result) failed = true;
    }
  };
  const size_t workers = std::clamp<size_t>(static_cast<size_t>(std::max(state.options.jobs, 1)), 1, jobs.size());
  std::vector<std::thread> threads;
  for (size_t w = 1; w < workers; ++w) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();

  // Report the first failing lesson in course order, whichever finished first.
  for (const Job& job : jobs) {
    if (!job.result || *job.result) continue;
    const lesson::Lesson& l = state.course.lessons[job.lessons.front()];
    return fail(job.result->error().code, fmt::format("{}: {}", l.source.string(), job.result->error().message));
  }
  for (Job& job : jobs)
    for (size_t i : job.lessons) state.lessons[i].source = **job.result;
  return {};
}

}  // namespace packager::pipeline
