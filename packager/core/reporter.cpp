#include "packager/core/reporter.hpp"

#include <cstdio>
#include <unistd.h>

namespace packager {

Reporter::Reporter(Verbosity verbosity)
    : m_verbosity(verbosity), m_is_terminal(isatty(STDERR_FILENO) == 1), m_record(std::make_shared<Record>()) {}

namespace {
void put(std::string_view prefix, std::string_view message) {
  // One fwrite per line keeps lines whole when workers report concurrently.
  std::string line;
  line.reserve(prefix.size() + message.size() + 1);
  line.append(prefix).append(message).push_back('\n');
  std::fwrite(line.data(), 1, line.size(), stderr);
}
}  // namespace

void Reporter::info(std::string_view message) const {
  if (m_verbosity != Verbosity::quiet) put("", message);
}

void Reporter::detail(std::string_view message) const {
  if (m_verbosity == Verbosity::verbose) put("", message);
}

void Reporter::progress(std::string_view message) const {
  if (m_verbosity == Verbosity::quiet || !m_is_terminal) return;
  // Carriage return, the text, then erase whatever a longer line left.
  std::string line = "\r";
  line.append(message).append("\x1b[K");
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

void Reporter::progress_end() const {
  if (m_verbosity == Verbosity::quiet || !m_is_terminal) return;
  std::fwrite("\r\x1b[K", 1, 4, stderr);
}

void Reporter::record(std::string lesson, std::string message) const {
  const std::lock_guard<std::mutex> lock(m_record->mutex);
  m_record->warnings.push_back({std::move(lesson), std::move(message)});
}

void Reporter::warning(std::string_view message, std::string_view lesson) const {
  put("warning: ", message);
  record(std::string(lesson), "warning: " + std::string(message));
}

void Reporter::replay(const RecordedWarning& warning) const {
  put("", warning.message);
  record(warning.lesson, warning.message);
}

std::vector<RecordedWarning> Reporter::warnings() const {
  const std::lock_guard<std::mutex> lock(m_record->mutex);
  return m_record->warnings;
}

void Reporter::error(std::string_view message) const { put("packager: error: ", message); }

void Reporter::diagnostics(const Diagnostics& diagnostics,
                           const std::function<std::string(const std::string& path)>& lesson_of) const {
  for (const auto& d : diagnostics.all()) {
    if (d.severity == Severity::warning) record(lesson_of ? lesson_of(d.path) : std::string(), format(d));
    if (d.severity == Severity::warning && m_verbosity == Verbosity::quiet) continue;
    put("", format(d));
  }
}

}  // namespace packager
