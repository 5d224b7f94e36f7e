#pragma once
// Talk to the user. Results (paths of packages) go to stdout; everything
// else goes through the Reporter to stderr so pipelines stay clean.

#include <string>
#include <string_view>

#include "packager/core/diagnostic.hpp"

namespace packager {

enum class Verbosity { quiet, normal, verbose };

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
  // Always shown, even with --quiet.
  void warning(std::string_view message) const;
  void error(std::string_view message) const;
  void diagnostics(const Diagnostics& diagnostics) const;

  Verbosity verbosity() const { return m_verbosity; }
  bool is_terminal() const { return m_is_terminal; }

 private:
  Verbosity m_verbosity;
  bool m_is_terminal;
};

}  // namespace packager
