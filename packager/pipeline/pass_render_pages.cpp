// The render pass: one HTML page per lesson, its printable transcript, and
// the course index.
#include <algorithm>

#include "packager/pipeline/layout.hpp"
#include "packager/lesson/areas.hpp"
#include "packager/pipeline/state.hpp"
#include "packager/render/index_page.hpp"
#include "packager/render/page.hpp"
#include "packager/util/parallel.hpp"

namespace packager::pipeline {

render::LessonPage lesson_page_for(const lesson::Course& course, const lesson::Lesson& l, const LessonBuild& b) {
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

namespace {

// Lessons grouped by area, areas in the order they first appear.
render::IndexPage index_for(const lesson::Course& course, const std::vector<LessonBuild>& builds) {
  render::IndexPage index;
  index.language = course.language;
  index.course_title = course.title;
  index.course_version = course.version;
  index.licence = course.licence;
  // Packages and sites alike open from a folder with no network.
  index.offline_note = true;
  for (size_t i = 0; i < course.lessons.size(); ++i) {
    const lesson::Lesson& l = course.lessons[i];
    // Headings show the code authors know and the area's long title.
    const std::string title = lesson::area_title(l.area);
    const std::string name = l.area.empty() || title == l.area ? l.area : l.area + " : " + title;
    auto area = std::find_if(index.areas.begin(), index.areas.end(),
                             [&](const render::IndexArea& a) { return a.name == name; });
    if (area == index.areas.end()) area = index.areas.insert(index.areas.end(), render::IndexArea{name, {}});
    render::IndexLesson entry;
    entry.title = l.title;
    entry.description = l.description;
    entry.href = lesson_page_path(l);
    if (!builds[i].poster.empty()) entry.thumbnail_href = lesson_dir(l) + "/poster.jpg";
    entry.duration_seconds = builds[i].info.duration_seconds;
    if (!builds[i].transcript_html.empty()) entry.transcript_href = lesson_transcript_path(l);
    area->lessons.push_back(std::move(entry));
  }
  return index;
}

}  // namespace

namespace {

struct RenderedPages {
  std::string page;
  std::string transcript;  // empty without a transcript
};

Result<RenderedPages> render_lesson(const BuildState& state, size_t i) {
  const auto page = lesson_page_for(state.course, state.course.lessons[i], state.lessons[i]);
  RenderedPages out;
  TRY_ASSIGN(out.page, render::render_lesson_page(state.templates, page));
  if (!page.transcript_markdown.empty()) {
    TRY_ASSIGN(out.transcript, render::render_transcript_page(state.templates, page));
  }
  return out;
}

}  // namespace

Result<void> render_pages(BuildState& state) {
  // Each lesson's pages depend on that lesson alone (each render parses its
  // own copy of the template): -j at a time, results and the first error
  // taken in course order.
  auto rendered = util::parallel_for(
      state.course.lessons.size(), static_cast<size_t>(std::max(state.options.jobs, 1)),
      [&state](size_t i) { return render_lesson(state, i); }, [](const Result<RenderedPages>& r) { return !r; });
  for (size_t i = 0; i < rendered.size(); ++i) {
    // Items after a failure may not have run; the failure comes first.
    if (!rendered[i]) continue;
    if (!*rendered[i]) return tl::unexpected(rendered[i]->error());
  }
  for (size_t i = 0; i < rendered.size(); ++i) {
    state.lessons[i].page_html = std::move((*rendered[i])->page);
    state.lessons[i].transcript_html = std::move((*rendered[i])->transcript);
  }
  TRY_ASSIGN(state.index_html, render_course_index(state, state.course, state.lessons));
  return {};
}

Result<std::string> render_course_index(const BuildState& state, const lesson::Course& course,
                                        const std::vector<LessonBuild>& builds,
                                        std::vector<render::IndexPackage> packages, bool runtime) {
  render::IndexPage index = index_for(course, builds);
  index.packages = std::move(packages);
  index.runtime = runtime;
  return render::render_index_page(state.templates, index);
}

}  // namespace packager::pipeline
