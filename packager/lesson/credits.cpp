#include "packager/lesson/credits.hpp"

#include <regex>
#include <sstream>

#include "packager/util/text.hpp"

namespace packager::lesson {

namespace {
// libstdc++'s std::regex recurses once per character it matches, so a long
// enough text overflows the stack (found by fuzzing: tests/fuzz/regressions/
// lesson/). Regexes only ever see short windows: one line, or two adjacent
// lines for a link wrapped across them; longer lines are no credits.
constexpr size_t k_max_regex_line = 1024;

std::vector<std::string> short_lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) out.push_back(line.size() <= k_max_regex_line ? line : std::string());
  return out;
}

// Both licence patterns need "CC " or "CC-": a window without either cannot
// match, and skipping the regex there (most lines of most credits) makes
// reading a course several times faster; the result is the regex's.
bool may_name_licence(const std::string& window) {
  return window.find("CC ") != std::string::npos || window.find("CC-") != std::string::npos;
}

// The contributor pattern's fixed parts: blanks, then '-' or '*', and a
// "**" somewhere. A line without them cannot match (same shortcut).
bool may_be_contributor(const std::string& line) {
  const size_t first = line.find_first_not_of(" \t\n\v\f\r");
  return first != std::string::npos && (line[first] == '-' || line[first] == '*') &&
         line.find("**", first) != std::string::npos;
}
}  // namespace

std::optional<Licence> find_licence(const std::string& credits) {
  static const std::regex link(R"(\[\s*(CC[ -][^\]]*?)\s*\]\(\s*([^)\s]+)\s*\))");
  static const std::regex bare(R"(\b(CC[ -](?:BY|0)[A-Z0-9 .-]*[0-9.]+))");
  const auto lines = short_lines(credits);
  std::smatch match;
  for (const std::regex* re : {&link, &bare}) {
    for (size_t i = 0; i < lines.size(); ++i) {
      std::string window = lines[i];
      bool found = may_name_licence(window) && std::regex_search(window, match, *re);
      if (!found && i + 1 < lines.size()) {
        window += "\n" + lines[i + 1];
        found = may_name_licence(window) && std::regex_search(window, match, *re);
      }
      if (!found) continue;
      if (re == &link) return Licence{match[1].str(), match[2].str()};
      return Licence{util::trim(match[1].str()), ""};
    }
  }
  return std::nullopt;
}

std::vector<Contributor> find_contributors(const std::string& credits) {
  // "- **Scénario** : Nicolas Sedel, Corentine Gasquet" (the colon may be
  // inside or outside the bold, with or without spaces).
  static const std::regex item(R"(^\s*[-*]\s*\*\*\s*([^*:]+?)\s*:?\s*\*\*\s*:?\s*(.+?)\s*$)");
  std::vector<Contributor> out;
  std::istringstream lines(credits);
  std::string line;
  while (std::getline(lines, line)) {
    std::smatch match;
    if (line.size() > k_max_regex_line || !may_be_contributor(line) || !std::regex_match(line, match, item)) continue;
    const std::string role = util::trim(match[1].str());
    if (util::slugify(role).rfind("licen", 0) == 0) continue;
    out.push_back({role, util::trim(match[2].str())});
  }
  return out;
}

}  // namespace packager::lesson
