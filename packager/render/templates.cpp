#include "packager/render/templates.hpp"

#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

#include "packager/util/fs.hpp"

namespace packager::render {
namespace fs = std::filesystem;

Result<Templates> load_templates(const fs::path& dir) {
  Templates templates;
  templates.dir = dir;
  const fs::path page = dir / "lesson.html.mustache";
  auto text = util::read_text_file(page);
  if (!text)
    return fail(ErrorCode::input,
                fmt::format("{}: missing template (expected lesson.html.mustache in the templates "
                            "folder {})",
                            page.string(), dir.string()));
  templates.lesson_page = std::move(*text);
  std::error_code ec;
  const fs::path assets = dir / "assets";
  for (fs::directory_iterator it(assets, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file()) templates.assets.push_back(it->path());
  if (templates.assets.empty())
    return fail(ErrorCode::input, fmt::format("{}: missing assets folder (style.css, scorm.js)", assets.string()));
  // Sorted, so the package lists them in the same order on every machine.
  std::sort(templates.assets.begin(), templates.assets.end());
  return templates;
}

fs::path default_templates_dir(const fs::path& executable) {
  std::error_code ec;
  if (const char* env = std::getenv("PACKAGER_TEMPLATES"); env != nullptr && *env != '\0')
    return env;
  const fs::path exe = fs::weakly_canonical(executable, ec);
  const std::vector<fs::path> candidates = {
      exe.parent_path().parent_path() / "share" / "packager" / "templates",
      PACKAGER_INSTALLED_TEMPLATES,
      PACKAGER_SOURCE_TEMPLATES,
  };
  for (const auto& candidate : candidates)
    if (fs::is_regular_file(candidate / "lesson.html.mustache", ec)) return candidate;
  return candidates.back();
}

}  // namespace packager::render
