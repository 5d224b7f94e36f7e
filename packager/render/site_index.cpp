#include "packager/render/site_index.hpp"

#include <fmt/format.h>
#include <kainjow/mustache.hpp>

#include "packager/render/page.hpp"
#include "packager/util/fs.hpp"

namespace packager::render {
namespace mustache = kainjow::mustache;
namespace {

mustache::data strings_for(const std::string& language) {
  mustache::data s;
  const bool en = language == "en";
  s.set("version", en ? "Version" : "Version");
  s.set("lessons", en ? "Lessons" : "Leçons");
  s.set("duration", en ? "Duration" : "Durée");
  s.set("transcript", en ? "Transcript" : "Transcription");
  s.set("scorm", en ? "SCORM packages (for an LMS such as Moodle)" : "Paquets SCORM (pour une plateforme comme Moodle)");
  s.set("licence", en ? "Licence" : "Licence");
  s.set("offline", en ? "This site works offline: open index.html, no network needed."
                      : "Ce site fonctionne hors ligne : ouvrez index.html, sans réseau.");
  return s;
}

mustache::data lesson_data(const SiteLesson& l) {
  mustache::data d;
  d.set("title", l.title);
  if (!l.description.empty()) d.set("description", l.description);
  d.set("href", l.href);
  if (!l.poster_href.empty()) d.set("poster_href", l.poster_href);
  if (!l.transcript_href.empty()) d.set("transcript_href", l.transcript_href);
  if (l.duration_seconds > 0) {
    d.set("duration", format_duration(l.duration_seconds));
    d.set("duration_seconds", fmt::format("{:.3f}", l.duration_seconds));
  }
  return d;
}

}  // namespace

std::string format_size(std::uintmax_t bytes) {
  if (bytes < 1000) return fmt::format("{} B", bytes);
  const char* const units[] = {"kB", "MB", "GB", "TB"};
  double value = static_cast<double>(bytes) / 1000.0;
  int unit = 0;
  while (value >= 1000.0 && unit < 3) {
    value /= 1000.0;
    ++unit;
  }
  return fmt::format("{:.1f} {}", value, units[unit]);
}

Result<std::string> render_site_index(const std::filesystem::path& templates_dir, const SiteIndex& index) {
  const auto path = templates_dir / k_site_index_template;
  TRY_ASSIGN(std::string text, util::read_text_file(path));
  mustache::mustache tmpl(text);
  if (!tmpl.is_valid()) return fail(ErrorCode::input, fmt::format("{}: {}", path.string(), tmpl.error_message()));
  mustache::data data;
  data.set("lang", index.language);
  data.set("course_title", index.course_title);
  data.set("course_version", index.course_version);
  if (!index.licence.empty()) data.set("licence", index.licence);
  data.set("assets", index.assets_href);
  mustache::data areas{mustache::data::type::list};
  for (const auto& area : index.areas) {
    mustache::data a;
    if (!area.name.empty()) a.set("name", area.name);
    mustache::data lessons{mustache::data::type::list};
    for (const auto& l : area.lessons) lessons.push_back(lesson_data(l));
    a.set("lessons", lessons);
    areas.push_back(a);
  }
  data.set("areas", areas);
  if (!index.packages.empty()) {
    mustache::data packages{mustache::data::type::list};
    for (const auto& p : index.packages) {
      mustache::data d;
      d.set("href", p.href);
      d.set("name", p.name);
      d.set("size", format_size(p.size));
      packages.push_back(d);
    }
    data.set("packages", packages);
    data.set("has_packages", true);
  }
  data.set("t", strings_for(index.language));
  std::string html = tmpl.render(data);
  if (!tmpl.is_valid()) return fail(ErrorCode::input, fmt::format("{}: {}", path.string(), tmpl.error_message()));
  return html;
}

}  // namespace packager::render
