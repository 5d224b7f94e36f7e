#pragma once
// Rendering a lesson page (the SCO) and its printable transcript page from
// their templates.

#include <string>

#include "packager/core/error.hpp"
#include "packager/render/templates.hpp"

namespace packager::render {

// Everything a lesson page shows. Text fields are plain text (escaped by the
// template engine); *_markdown fields are rendered with markdown_to_html.
struct LessonPage {
  std::string language = "fr";
  std::string course_title;
  std::string title;
  std::string description;
  std::string area;
  bool has_video = true;    // false for PDF lessons
  std::string video_href;   // relative to the page
  std::string poster_href;  // JPEG shown before playback; empty for none
  std::string captions_href;  // WebVTT captions; empty for none
  std::string pdf_href;     // the lesson's PDF sheet; empty for none
  std::string transcript_href = "transcript.html";  // the printable transcript page
  double duration_seconds = 0;
  std::string intro_markdown;
  std::string transcript_markdown;
  std::string credits_markdown;
  std::string extra_markdown;
  std::string licence_name;
  std::string licence_url;
  std::string index_href = "../../index.html";  // the course index; empty for no link
  std::string assets_href = "../../shared/";  // where style.css and scorm.js are
  std::string scorm_version = "1.2";          // "1.2" or "2004", for the runtime
  double completion_threshold = 0.9;          // share of the video to watch
};

// Renders the page. ErrorCode::input naming the template when it does not
// parse.
Result<std::string> render_lesson_page(const Templates& templates, const LessonPage& page);

// Renders the page as it is in a ZIM file (zim-lesson.html.mustache: the
// same content, no SCORM runtime). ErrorCode::input naming the template
// when the folder has none or it does not parse.
Result<std::string> render_zim_lesson_page(const Templates& templates, const LessonPage& page);

// Renders the standalone printable transcript (transcript.html beside the
// lesson page): title, transcript, credits, licence, a link back to the
// lesson. Same failures as render_lesson_page.
Result<std::string> render_transcript_page(const Templates& templates, const LessonPage& page);

// "3 min 05 s" style duration for people ("1 h 02 min 03 s" past an hour).
std::string format_duration(double seconds);

}  // namespace packager::render
