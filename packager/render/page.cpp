#include "packager/render/page.hpp"

#include <cmath>

#include <fmt/format.h>
#include <kainjow/mustache.hpp>

#include "packager/render/markdown.hpp"
#include "packager/render/mustache_data.hpp"
#include "packager/util/text.hpp"

namespace packager::render {

namespace mustache = kainjow::mustache;

std::string format_duration(double seconds) {
  const auto total = static_cast<long>(std::lround(seconds));
  const long hours = total / 3600;
  const long minutes = (total % 3600) / 60;
  const long secs = total % 60;
  if (hours > 0) return fmt::format("{} h {:02} min {:02} s", hours, minutes, secs);
  if (minutes > 0) return fmt::format("{} min {:02} s", minutes, secs);
  return fmt::format("{} s", secs);
}

namespace {

// Markdown from the lesson; headings shifted below the section's own
// heading (`base_level`) so the page's outline stays in order.
void set_html(mustache::data& data, const std::string& key, const std::string& markdown, int base_level) {
  if (!markdown.empty()) data.set(key, markdown_to_html(markdown, base_level));
}

void set_if(mustache::data& data, const std::string& key, const std::string& value) {
  if (!value.empty()) data.set(key, value);
}

mustache::data page_data(const LessonPage& page) {
  mustache::data data;
  data.set("lang", page.language);
  data.set("course_title", page.course_title);
  data.set("title", page.title);
  set_if(data, "description", page.description);
  set_if(data, "area", page.area);
  if (page.has_video) data.set("video_href", page.video_href);
  set_if(data, "poster_href", page.poster_href);
  set_if(data, "captions_href", page.captions_href);
  set_if(data, "pdf_href", page.pdf_href);
  if (page.duration_seconds > 0) {
    data.set("duration", format_duration(page.duration_seconds));
    data.set("duration_seconds", fmt::format("{:.0f}", std::round(page.duration_seconds)));
  }
  set_html(data, "intro_html", page.intro_markdown, 2);
  if (!page.transcript_markdown.empty()) {
    set_html(data, "transcript_html", page.transcript_markdown, 3);
    data.set("transcript_href", page.transcript_href);
  }
  set_html(data, "credits_html", page.credits_markdown, 3);
  set_html(data, "extra_html", page.extra_markdown, 2);
  set_if(data, "licence_name", page.licence_name);
  // No "Crédits" heading over nothing (a PDF sheet's lesson often has none).
  if (!util::trim(page.credits_markdown).empty() || !page.licence_name.empty()) data.set("has_credits", true);
  if (!page.licence_url.empty() && is_safe_link(page.licence_url) && !is_relative_link(page.licence_url))
    data.set("licence_url", page.licence_url);
  set_if(data, "index_href", page.index_href);
  data.set("assets", page.assets_href);
  data.set("scorm_version", page.scorm_version);
  data.set("completion_threshold", fmt::format("{:.2f}", page.completion_threshold));
  return data;
}

}  // namespace

Result<std::string> render_lesson_page(const Templates& templates, const LessonPage& page) {
  return render_template(templates, k_lesson_template, templates.lesson_page, page_data(page), page.language);
}

Result<std::string> render_zim_lesson_page(const Templates& templates, const LessonPage& page) {
  if (templates.zim_lesson_page.empty())
    return fail(ErrorCode::input, fmt::format("{}: missing template (expected {} in the templates folder for --format zim)",
                                              (templates.dir / k_zim_lesson_template).string(), k_zim_lesson_template));
  return render_template(templates, k_zim_lesson_template, templates.zim_lesson_page, page_data(page), page.language);
}

Result<std::string> render_transcript_page(const Templates& templates, const LessonPage& page) {
  mustache::data data = page_data(page);
  // On its own page the transcript sits right under the h1.
  set_html(data, "transcript_html", page.transcript_markdown, 2);
  return render_template(templates, k_transcript_template, templates.transcript_page, std::move(data),
                         page.language);
}

}  // namespace packager::render
