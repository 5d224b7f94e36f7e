#pragma once
// Download progress for the fetch pass. On a terminal: one live line per
// active download (bytes, rate, ETA) and an overall line, redrawn in place.
// Otherwise: plain log lines (retries, the end of each download, and a
// status line every 10 s for long downloads). --quiet: nothing.

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "packager/core/reporter.hpp"

namespace packager::pipeline {

class FetchProgress {
 public:
  FetchProgress(const Reporter& reporter, size_t total_videos);
  ~FetchProgress();
  FetchProgress(const FetchProgress&) = delete;
  FetchProgress& operator=(const FetchProgress&) = delete;

  // All thread-safe: downloads report from their worker threads.
  void started(const std::string& url);
  void update(const std::string& url, std::uintmax_t received, std::uintmax_t total);
  void retrying(const std::string& url, const std::string& why, std::chrono::milliseconds wait);
  // Ends a download; `message` is logged as a normal line.
  void finished(const std::string& url, const std::string& message);

 private:
  struct Active {
    std::uintmax_t received = 0;
    std::uintmax_t total = 0;
    std::chrono::steady_clock::time_point since;
    std::chrono::steady_clock::time_point last_log;  // plain mode: last status line
    std::uintmax_t first_received = 0;  // for the rate: bytes already there at start
    bool seen = false;
  };
  void clear_block();   // removes the live lines (terminal only)
  void draw_block();
  std::string describe(const std::string& url, const Active& a) const;
  const Reporter& m_reporter;
  const bool m_live;
  const size_t m_total_videos;
  size_t m_done = 0;
  std::uintmax_t m_done_bytes = 0;
  size_t m_drawn_lines = 0;
  std::chrono::steady_clock::time_point m_last_draw;
  std::map<std::string, Active> m_active;
  std::mutex m_mutex;
};

}  // namespace packager::pipeline
