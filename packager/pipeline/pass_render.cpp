// The render pass: one HTML page per lesson.
#include "packager/pipeline/state.hpp"
#include "packager/render/page.hpp"

namespace packager::pipeline {
namespace {

render::LessonPage page_for(const lesson::Course& course, const lesson::Lesson& l, const LessonBuild& b) {
  render::LessonPage page;
  page.language = course.language;
  page.course_title = course.title;
  page.title = l.title;
  page.description = l.description;
  page.area = l.area;
  page.has_video = !b.video.empty();
  if (page.has_video) page.video_href = "video.mp4";
  if (!b.poster.empty()) page.poster_href = "poster.jpg";
  if (!b.captions.empty()) page.captions_href = "captions.vtt";
  if (!b.pdf.empty()) page.pdf_href = "sheet.pdf";
  page.duration_seconds = b.info.duration_seconds;
  page.scorm_version = course.scorm == lesson::ScormVersion::scorm12 ? "1.2" : "2004";
  page.completion_threshold = course.completion_threshold;
  page.intro_markdown = l.intro_markdown;
  page.transcript_markdown = l.transcript_markdown;
  page.credits_markdown = l.credits_markdown;
  page.extra_markdown = l.extra_markdown;
  if (l.licence) {
    page.licence_name = l.licence->name;
    page.licence_url = l.licence->url;
  }
  return page;
}

}  // namespace

Result<void> render_pages(BuildState& state) {
  for (size_t i = 0; i < state.course.lessons.size(); ++i) {
    TRY_ASSIGN(state.lessons[i].page_html,
               render::render_lesson_page(state.templates,
                                          page_for(state.course, state.course.lessons[i], state.lessons[i])));
  }
  return {};
}

}  // namespace packager::pipeline
