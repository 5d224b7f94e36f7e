#include "packager/lesson/credits.hpp"

#include <regex>
#include <sstream>

#include "packager/util/text.hpp"

namespace packager::lesson {

std::optional<Licence> find_licence(const std::string& credits) {
  static const std::regex link(R"(\[\s*(CC[ -][^\]]*?)\s*\]\(\s*([^)\s]+)\s*\))");
  std::smatch match;
  if (std::regex_search(credits, match, link)) return Licence{match[1].str(), match[2].str()};
  static const std::regex bare(R"(\b(CC[ -](?:BY|0)[A-Z0-9 .-]*[0-9.]+))");
  if (std::regex_search(credits, match, bare)) return Licence{util::trim(match[1].str()), ""};
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
    if (!std::regex_match(line, match, item)) continue;
    const std::string role = util::trim(match[1].str());
    if (util::slugify(role).rfind("licen", 0) == 0) continue;
    out.push_back({role, util::trim(match[2].str())});
  }
  return out;
}

}  // namespace packager::lesson
