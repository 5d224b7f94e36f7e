#include "packager/render/page.hpp"

#include <cmath>

#include <fmt/format.h>
#include <kainjow/mustache.hpp>

#include "packager/render/markdown.hpp"

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
// Interface strings by language; French is the default.
mustache::data strings_for(const std::string& language) {
  mustache::data s;
  if (language == "en") {
    s.set("transcript", "Transcript");
    s.set("credits", "Credits");
    s.set("duration", "Duration");
    s.set("licence", "Licence");
    s.set("video", "Video");
    s.set("no_video", "Your browser cannot play this video.");
    s.set("skip", "Skip to the transcript");
    s.set("pdf", "Download the sheet (PDF)");
  } else {
    s.set("transcript", "Transcription");
    s.set("credits", "Crédits");
    s.set("duration", "Durée");
    s.set("licence", "Licence");
    s.set("video", "Vidéo");
    s.set("no_video", "Votre navigateur ne peut pas lire cette vidéo.");
    s.set("skip", "Aller à la transcription");
    s.set("pdf", "Télécharger la fiche (PDF)");
  }
  return s;
}

void set_html(mustache::data& data, const std::string& key, const std::string& markdown) {
  if (!markdown.empty()) data.set(key, markdown_to_html(markdown));
}
}  // namespace

Result<std::string> render_lesson_page(const Templates& templates, const LessonPage& page) {
  mustache::mustache tmpl(templates.lesson_page);
  if (!tmpl.is_valid())
    return fail(ErrorCode::input, fmt::format("{}: {}", (templates.dir / "lesson.html.mustache").string(),
                                              tmpl.error_message()));
  mustache::data data;
  data.set("lang", page.language);
  data.set("course_title", page.course_title);
  data.set("title", page.title);
  if (!page.description.empty()) data.set("description", page.description);
  if (!page.area.empty()) data.set("area", page.area);
  if (page.has_video) data.set("video_href", page.video_href);
  if (!page.poster_href.empty()) data.set("poster_href", page.poster_href);
  if (!page.captions_href.empty()) data.set("captions_href", page.captions_href);
  if (!page.pdf_href.empty()) data.set("pdf_href", page.pdf_href);
  if (page.duration_seconds > 0) {
    data.set("duration", format_duration(page.duration_seconds));
    data.set("duration_seconds", fmt::format("{:.3f}", page.duration_seconds));
  }
  set_html(data, "intro_html", page.intro_markdown);
  set_html(data, "transcript_html", page.transcript_markdown);
  set_html(data, "credits_html", page.credits_markdown);
  set_html(data, "extra_html", page.extra_markdown);
  if (!page.licence_name.empty()) data.set("licence_name", page.licence_name);
  if (!page.licence_url.empty() && is_safe_link(page.licence_url)) data.set("licence_url", page.licence_url);
  data.set("assets", page.assets_href);
  data.set("scorm_version", page.scorm_version);
  data.set("completion_threshold", fmt::format("{:.2f}", page.completion_threshold));
  data.set("t", strings_for(page.language));
  std::string html = tmpl.render(data);
  if (!tmpl.is_valid())
    return fail(ErrorCode::input, fmt::format("{}: {}", (templates.dir / "lesson.html.mustache").string(),
                                              tmpl.error_message()));
  return html;
}

}  // namespace packager::render
