#pragma once
// The one worker pool: independent items of a course (lessons' videos, the
// distinct URLs to fetch) processed -j at a time, their results handed back
// in course order whatever order they finished in, so messages and errors
// read as a sequential run would print them.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace packager::util {

// Calls `work(i)` for every i in [0, count) on up to `workers` threads (the
// calling thread is one of them) and returns each result at its index.
// Once `stop(result)` is true for a finished item, no further item is
// started (the run is failing anyway); items never started are nullopt.
// `work` must be safe to call concurrently for different indexes.
template <typename Work, typename Stop>
auto parallel_for(std::size_t count, std::size_t workers, Work&& work, Stop&& stop)
    -> std::vector<std::optional<std::invoke_result_t<Work&, std::size_t>>> {
  using T = std::invoke_result_t<Work&, std::size_t>;
  std::vector<std::optional<T>> results(count);
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stopped{false};
  auto worker = [&] {
    for (std::size_t i; !stopped && (i = next++) < count;) {
      results[i].emplace(work(i));
      if (stop(*results[i])) stopped = true;
    }
  };
  const std::size_t threads_wanted = std::clamp<std::size_t>(workers, 1, std::max<std::size_t>(count, 1));
  std::vector<std::thread> threads;
  for (std::size_t w = 1; w < threads_wanted; ++w) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
  return results;
}

}  // namespace packager::util
