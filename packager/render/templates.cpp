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
  const std::pair<const char*, std::string*> files[] = {{k_lesson_template, &templates.lesson_page},
                                                       {k_transcript_template, &templates.transcript_page},
                                                       {k_index_template, &templates.index_page}};
  for (const auto& [name, text] : files) {
    const fs::path file = dir / name;
    auto read = util::read_text_file(file);
    if (!read)
      return fail(ErrorCode::input, fmt::format("{}: missing template (expected {} in the templates folder {})",
                                                file.string(), name, dir.string()));
    *text = std::move(*read);
  }
  if (auto zim = util::read_text_file(dir / k_zim_lesson_template)) templates.zim_lesson_page = std::move(*zim);
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
