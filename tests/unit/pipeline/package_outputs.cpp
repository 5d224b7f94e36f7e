#include "tests/unit/pipeline/package_outputs.hpp"

#include <algorithm>
#include <filesystem>

#include <gtest/gtest.h>

#include "packager/lesson/lesson.hpp"
#include "packager/pipeline/package_manifest.hpp"
#include "packager/pipeline/state.hpp"
#include "packager/scorm/manifest.hpp"
#include "tests/support/test_support.hpp"

namespace packager::pipeline::testing {
namespace fs = std::filesystem;

std::vector<std::string> Outputs::all() const {
  std::vector<std::string> out = pages;
  out.insert(out.end(), transcripts.begin(), transcripts.end());
  out.push_back(index);
  out.push_back(manifest);
  return out;
}

Outputs render_outputs(const lesson::Course& course, double duration_seconds) {
  BuildOptions options;
  options.templates_dir = packager::testing::source_dir() / "templates";
  const Reporter reporter(Verbosity::quiet);
  BuildState state(options, reporter);
  state.course = course;
  Outputs out;
  auto loaded = load_templates(state);
  EXPECT_TRUE(loaded) << loaded.error().message;
  state.lessons.resize(course.lessons.size());
  for (auto& b : state.lessons) {
    b.video = "video.mp4";  // never read: only its presence matters here
    b.info.duration_seconds = duration_seconds;
  }
  auto rendered = render_pages(state);
  EXPECT_TRUE(rendered) << rendered.error().message;
  for (const auto& b : state.lessons) {
    out.pages.push_back(b.page_html);
    if (!b.transcript_html.empty()) out.transcripts.push_back(b.transcript_html);
  }
  out.index = state.index_html;
  auto manifest = scorm::write_manifest(package_for(state.course, state.lessons, state.templates));
  EXPECT_TRUE(manifest) << manifest.error().message;
  if (manifest) out.manifest = *manifest;
  out.files = shared_files(state.templates);
  for (size_t i = 0; i < course.lessons.size(); ++i)
    for (const auto& f : lesson_files(course.lessons[i], state.lessons[i])) out.files.push_back(f);
  return out;
}

lesson::Course course_from_folder(const std::string& id, const std::string& dir) {
  lesson::Course course;
  course.identifier = id;
  course.title = "Corpus " + id;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".md") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    Diagnostics diagnostics;
    if (auto l = lesson::load_lesson(file, diagnostics)) course.lessons.push_back(std::move(*l));
  }
  return course;
}

}  // namespace packager::pipeline::testing
