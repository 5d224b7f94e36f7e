#pragma once
// Talk to the user. Results (paths of packages) go to stdout; everything
// else goes through the Reporter to stderr so pipelines stay clean.

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "packager/core/diagnostic.hpp"

namespace packager {

enum class Verbosity { quiet, normal, verbose };

// A warning as it was printed, and the lesson (slug) it is about; empty for
// the course as a whole.
struct RecordedWarning {
  std::string lesson;
  std::string message;
};

class Reporter {
 public:
  explicit Reporter(Verbosity verbosity = Verbosity::normal);

  // A progress or status line ("fetching ...").
  void info(std::string_view message) const;
  // Detail only shown with --verbose.
  void detail(std::string_view message) const;
  // A live status line ("transcoding a: 42%") rewritten in place on a
  // terminal; nothing otherwise (logs get the final info() line instead).
  // progress_end() moves past it.
  void progress(std::string_view message) const;
  void progress_end() const;
  // The one sink for warnings: each is printed (always, even with --quiet)
  // and recorded, so the build report lists every warning the user saw.
  // Safe to call from several threads.
  void warning(std::string_view message, std::string_view lesson = {}) const;
  // A warning another run printed (a shard's, for `packager merge`), as it
  // was printed and recorded there: printed and recorded again verbatim.
  void replay(const RecordedWarning& warning) const;
  void error(std::string_view message) const;
  // Prints every diagnostic; records the warnings among them, each with the
  // lesson `lesson_of` names for its file (none when it is empty).
  void diagnostics(const Diagnostics& diagnostics,
                   const std::function<std::string(const std::string& path)>& lesson_of = {}) const;
  // Every warning recorded so far, in the order they were printed.
  std::vector<RecordedWarning> warnings() const;

  Verbosity verbosity() const { return m_verbosity; }
  bool is_terminal() const { return m_is_terminal; }

 private:
  void record(std::string lesson, std::string message) const;

  Verbosity m_verbosity;
  bool m_is_terminal;
  // Shared by copies of the reporter, so a copy records into the same list.
  struct Record {
    std::mutex mutex;
    std::vector<RecordedWarning> warnings;
  };
  std::shared_ptr<Record> m_record;
};

}  // namespace packager
