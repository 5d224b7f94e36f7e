#include "packager/render/index_page.hpp"

#include "packager/util/size.hpp"

#include <cmath>

#include <fmt/format.h>
#include <kainjow/mustache.hpp>

#include "packager/render/mustache_data.hpp"
#include "packager/render/page.hpp"

namespace packager::render {

namespace mustache = kainjow::mustache;

Result<std::string> render_index_page(const Templates& templates, const IndexPage& page) {
  mustache::data data;
  data.set("lang", page.language);
  data.set("course_title", page.course_title);
  if (!page.course_version.empty()) data.set("course_version", page.course_version);
  if (!page.licence.empty()) data.set("licence", page.licence);
  data.set("assets", page.assets_href);
  data.set("runtime", page.runtime);
  mustache::data areas{mustache::data::type::list};
  double total = 0;
  int counter = 0;
  for (const auto& area : page.areas) {
    mustache::data a;
    // Lessons without an area get the generic heading, so the outline
    // stays h1 > h2 > h3.
    if (!area.name.empty()) a.set("name", area.name);
    a.set("id", fmt::format("area-{}", ++counter));
    mustache::data lessons{mustache::data::type::list};
    for (const auto& lesson : area.lessons) {
      mustache::data l;
      l.set("title", lesson.title);
      if (!lesson.description.empty()) l.set("description", lesson.description);
      l.set("href", lesson.href);
      if (!lesson.thumbnail_href.empty()) l.set("thumbnail_href", lesson.thumbnail_href);
      if (lesson.duration_seconds > 0) {
        l.set("duration", format_duration(lesson.duration_seconds));
        l.set("duration_seconds", fmt::format("{:.0f}", std::round(lesson.duration_seconds)));
        total += lesson.duration_seconds;
      }
      if (!lesson.transcript_href.empty()) l.set("transcript_href", lesson.transcript_href);
      lessons.push_back(l);
    }
    a.set("lessons", lessons);
    areas.push_back(a);
  }
  data.set("areas", areas);
  if (total > 0) data.set("total_duration", format_duration(total));
  if (page.offline_note) data.set("offline_note", true);
  if (!page.packages.empty()) {
    mustache::data packages{mustache::data::type::list};
    for (const auto& p : page.packages) {
      mustache::data d;
      d.set("href", p.href);
      d.set("name", p.name);
      d.set("size", util::format_size_decimal(p.size));
      packages.push_back(d);
    }
    data.set("packages", packages);
    data.set("has_packages", true);
  }
  return render_template(templates, k_index_template, templates.index_page, std::move(data), page.language);
}

}  // namespace packager::render
