#pragma once
// Diagnostics about input files, in the compiler form authors know:
//
//   lessons/a.md:3:14: error: unknown key 'descripton'; did you mean 'description'?
//       descripton: Hello
//                ^
//
// Lines and columns are 1-based; 0 means "unknown" and is left out.

#include <string>
#include <vector>

namespace packager {

enum class Severity { error, warning };

struct Diagnostic {
  Severity severity = Severity::error;
  std::string path;
  int line = 0;
  int column = 0;
  std::string message;
  std::string source_line;  // the offending line, without its newline; may be empty
};

// "path:line:col: error: message" followed, when source_line is set, by the
// source line and a caret under the column. No trailing newline.
std::string format(const Diagnostic& diagnostic);

// Returns line number `line` (1-based) of `text`, without "\r\n"/"\n".
// Returns "" when the text has fewer lines.
std::string line_of(const std::string& text, int line);

// A list of diagnostics gathered across many files, so an author sees every
// mistake of a run at once.
class Diagnostics {
 public:
  void add(Diagnostic diagnostic);
  void error(std::string path, int line, int column, std::string message,
             std::string source_line = {});
  void warning(std::string path, int line, int column, std::string message,
               std::string source_line = {});
  void append(const Diagnostics& other);

  const std::vector<Diagnostic>& all() const { return m_items; }
  int error_count() const;
  int warning_count() const;
  bool has_errors() const { return error_count() > 0; }
  // Every diagnostic formatted, one after the other, each ending in "\n".
  std::string to_string() const;

 private:
  std::vector<Diagnostic> m_items;
};

}  // namespace packager
