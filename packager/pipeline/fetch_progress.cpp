#include "packager/pipeline/fetch_progress.hpp"

#include <cstdio>

#include <fmt/format.h>

#include "packager/util/size.hpp"
#include "packager/util/url.hpp"

namespace packager::pipeline {
namespace {

void put(const std::string& text) { std::fwrite(text.data(), 1, text.size(), stderr); }

}  // namespace

FetchProgress::FetchProgress(const Reporter& reporter, size_t total_videos)
    : m_reporter(reporter),
      m_live(reporter.is_terminal() && reporter.verbosity() != Verbosity::quiet),
      m_total_videos(total_videos) {}

FetchProgress::~FetchProgress() {
  std::lock_guard<std::mutex> lock(m_mutex);
  clear_block();
}

void FetchProgress::started(const std::string& url) {
  std::lock_guard<std::mutex> lock(m_mutex);
  m_active[url].since = m_active[url].last_log = std::chrono::steady_clock::now();
  if (!m_live) m_reporter.detail(fmt::format("fetching {}", url));
}

void FetchProgress::update(const std::string& url, std::uintmax_t received, std::uintmax_t total) {
  if (m_reporter.verbosity() == Verbosity::quiet) return;
  std::lock_guard<std::mutex> lock(m_mutex);
  if (!m_live) {
    // A log gets a line per long download every 10 s, nothing for short ones.
    Active& a = m_active[url];
    a.received = received;
    a.total = total;
    const auto now = std::chrono::steady_clock::now();
    if (now - a.last_log < std::chrono::seconds(10)) return;
    a.last_log = now;
    m_reporter.info(describe(url, a));
    return;
  }
  Active& a = m_active[url];
  if (!a.seen) {
    a.seen = true;
    a.first_received = received;
    a.since = std::chrono::steady_clock::now();
  }
  a.received = received;
  a.total = total;
  // Redraw at most five times a second: libcurl calls back far more often.
  const auto now = std::chrono::steady_clock::now();
  if (now - m_last_draw < std::chrono::milliseconds(200)) return;
  m_last_draw = now;
  clear_block();
  draw_block();
}

void FetchProgress::retrying(const std::string& url, const std::string& why, std::chrono::milliseconds wait) {
  std::lock_guard<std::mutex> lock(m_mutex);
  clear_block();
  m_reporter.info(fmt::format("{}; retrying in {:.1f} s", why, static_cast<double>(wait.count()) / 1000));
  m_active[url].seen = false;
  if (m_live) draw_block();
}

void FetchProgress::finished(const std::string& url, const std::string& message) {
  std::lock_guard<std::mutex> lock(m_mutex);
  clear_block();
  if (auto it = m_active.find(url); it != m_active.end()) {
    m_done_bytes += it->second.received;
    m_active.erase(it);
  }
  ++m_done;
  if (!message.empty()) m_reporter.info(message);
  if (m_live && !m_active.empty()) draw_block();
}

void FetchProgress::clear_block() {
  if (!m_live || m_drawn_lines == 0) return;
  // Up to the first live line, then erase to the end of the screen.
  put(fmt::format("\x1b[{}F\x1b[J", m_drawn_lines));
  m_drawn_lines = 0;
}

std::string FetchProgress::describe(const std::string& url, const Active& a) const {
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - a.since).count();
  const double rate = seconds > 0.5 ? static_cast<double>(a.received - a.first_received) / seconds : 0;
  std::string line = fmt::format("{}  {}", util::url_file_name(url), util::format_size_decimal(a.received));
  if (a.total > 0)
    line += fmt::format(" / {} ({:.0f}%)", util::format_size_decimal(a.total),
                        100.0 * static_cast<double>(a.received) / static_cast<double>(a.total));
  if (rate > 0) {
    line += fmt::format("  {}/s", util::format_size_decimal(static_cast<std::uintmax_t>(rate)));
    if (a.total > a.received) {
      const auto eta = static_cast<long>(static_cast<double>(a.total - a.received) / rate);
      line += fmt::format("  ETA {}:{:02}", eta / 60, eta % 60);
    }
  }
  return line;
}

void FetchProgress::draw_block() {
  std::string text;
  std::uintmax_t active_bytes = 0;
  for (const auto& [url, a] : m_active) {
    active_bytes += a.received;
    text += "  " + describe(url, a) + "\n";
    ++m_drawn_lines;
  }
  text += fmt::format("  {} of {} videos, {} downloaded\n", m_done, m_total_videos, util::format_size_decimal(m_done_bytes + active_bytes));
  ++m_drawn_lines;
  put(text);
}

}  // namespace packager::pipeline
