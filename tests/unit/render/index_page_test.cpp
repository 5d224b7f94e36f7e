#include "packager/render/index_page.hpp"

#include <regex>

#include <gtest/gtest.h>

#include "tests/support/test_support.hpp"

namespace packager::render {
namespace {

Templates defaults() {
  auto t = load_templates(packager::testing::source_dir() / "templates");
  EXPECT_TRUE(t) << t.error().message;
  return *t;
}

bool has(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

IndexPage two_areas() {
  IndexPage index;
  index.language = "en";
  index.course_title = "Digital <skills>";
  index.course_version = "2.1.0";
  index.areas = {{"Area 1", {{"First", "", "lessons/first/index.html", "lessons/first/poster.jpg", 65,
                              "lessons/first/transcript.html"}}},
                 {"", {{"Loose", "", "lessons/loose/index.html", "", 0, ""}}}};
  return index;
}

TEST(IndexPage, ListsLessonsByAreaWithPosterDurationAndTranscript) {
  auto html = render_index_page(defaults(), two_areas());
  ASSERT_TRUE(html) << html.error().message;
  EXPECT_TRUE(has(*html, "<h1>Digital &lt;skills&gt;</h1>"));
  EXPECT_TRUE(has(*html, "Version 2.1.0"));
  EXPECT_TRUE(has(*html, R"(<h2 id="area-1">Area 1</h2>)"));
  EXPECT_TRUE(has(*html, R"(<h2 id="area-2">Lessons</h2>)"));
  EXPECT_TRUE(has(*html, R"(<img class="thumbnail" src="lessons/first/poster.jpg" alt="")"));
  EXPECT_TRUE(has(*html, R"(<time datetime="PT65S">1 min 05 s</time>)"));
  // The link text says what it is; the hidden part tells screen readers whose.
  EXPECT_TRUE(has(*html, R"(<a href="lessons/first/transcript.html">Transcript<span class="visually-hidden"> : First</span></a>)"));
  EXPECT_TRUE(has(*html, R"(<h3><a href="lessons/loose/index.html">Loose</a></h3>)"));
  EXPECT_FALSE(has(*html, "lessons/loose/transcript.html")) << "no transcript, no link";
  EXPECT_FALSE(has(*html, "packages-heading")) << "no zips, no section";
  EXPECT_FALSE(has(*html, "offline-note")) << "the note is optional";
  // One script, the runtime, which only hides the list inside an LMS: the
  // lessons are in the HTML and the page works from file:// with scripts off.
  const auto script = html->find("<script");
  ASSERT_NE(script, std::string::npos);
  EXPECT_EQ(html->find("<script", script + 1), std::string::npos);
  EXPECT_TRUE(has(html->substr(script, 60), "scorm.js\" defer></script>"));
  EXPECT_TRUE(has(*html, R"(<p id="lms-status" class="lms-status" role="status" hidden>)"));
}

TEST(IndexPage, OffersTheScormZipsAfterTheLessons) {
  IndexPage index = two_areas();
  index.packages = {{"scorm/c-2.1.0-scorm12.zip", "c-2.1.0-scorm12.zip", 12'345'678}};
  auto html = render_index_page(defaults(), index);
  ASSERT_TRUE(html) << html.error().message;
  EXPECT_TRUE(has(*html, R"(<h2 id="packages-heading">SCORM packages (for an LMS such as Moodle)</h2>)"));
  EXPECT_TRUE(has(*html, R"(<a href="scorm/c-2.1.0-scorm12.zip" download>c-2.1.0-scorm12.zip</a> (12.3 MB))"));
  // Inside <main>, after the lessons, so headings stay h1 > h2 > h3 > h2.
  EXPECT_LT(html->find("Loose"), html->find("packages-heading"));
  EXPECT_LT(html->find("packages-heading"), html->find("</main>"));
}

TEST(IndexPage, OfflineNoteInTheCourseLanguage) {
  IndexPage index = two_areas();
  index.offline_note = true;
  auto en = render_index_page(defaults(), index);
  ASSERT_TRUE(en);
  EXPECT_TRUE(has(*en, R"(<p class="offline-note">These pages work offline: open index.html, no network needed.</p>)"));
  index.language = "fr";
  auto fr = render_index_page(defaults(), index);
  ASSERT_TRUE(fr);
  EXPECT_TRUE(has(*fr, "Ces pages fonctionnent hors ligne : ouvrez index.html, sans réseau."));
  EXPECT_TRUE(has(*fr, ">Transcription<span")) << "French strings throughout";
}

// One h1, headings never skip a level, the landmarks and the skip link that
// every page has (axe checks the rendered page in tests/browser/pages.test.js).
TEST(IndexPage, OutlineAndLandmarksWithEveryPart) {
  IndexPage index = two_areas();
  index.offline_note = true;
  index.licence = "CC BY 4.0";
  index.packages = {{"scorm/c.zip", "c.zip", 1}};
  auto html = render_index_page(defaults(), index);
  ASSERT_TRUE(html);
  const std::regex heading("<h([1-6])[ >]");
  int previous = 0;
  int h1 = 0;
  for (std::sregex_iterator it(html->begin(), html->end(), heading), end; it != end; ++it) {
    const int level = std::stoi((*it)[1].str());
    EXPECT_LE(level, previous + 1) << "heading h" << level << " after h" << previous;
    previous = level;
    h1 += level == 1;
  }
  EXPECT_EQ(h1, 1);
  EXPECT_TRUE(has(*html, R"(<a class="skip-link" href="#content">)"));
  EXPECT_TRUE(has(*html, R"(<main id="content")"));
  EXPECT_TRUE(has(*html, "<header"));
  EXPECT_TRUE(has(*html, R"(<footer class="credits")"));
}

TEST(IndexPage, GroupsLessonsByAreaWithThumbnailsAndDurations) {
  IndexPage index;
  index.course_title = "Pix+ Édu";
  index.course_version = "1.0.0";
  index.areas = {{"Domaine 1", {{"Leçon A", "Desc A", "lessons/a/index.html", "lessons/a/poster.jpg", 65, ""},
                                {"Leçon B", "", "lessons/b/index.html", "", 0, ""}}},
                 {"", {{"Leçon C", "", "lessons/c/index.html", "", 60, ""}}}};
  auto html = render_index_page(defaults(), index);
  ASSERT_TRUE(html) << html.error().message;
  EXPECT_TRUE(has(*html, "<h1>Pix+ Édu</h1>"));
  EXPECT_TRUE(has(*html, "<h2 id=\"area-1\">Domaine 1</h2>"));
  EXPECT_TRUE(has(*html, "<h2 id=\"area-2\">Leçons</h2>")) << "lessons without an area get a heading too";
  EXPECT_TRUE(has(*html, "<h3><a href=\"lessons/a/index.html\">Leçon A</a></h3>"));
  EXPECT_TRUE(has(*html, "<img class=\"thumbnail\" src=\"lessons/a/poster.jpg\" alt=\"\""));
  EXPECT_TRUE(has(*html, "1 min 05 s"));
  EXPECT_TRUE(has(*html, "Durée totale : 2 min 05 s"));
  EXPECT_LT(html->find("Leçon A"), html->find("Leçon C"));
}

TEST(IndexPage, BrokenTemplateNamesTheFile) {
  packager::testing::ScratchDir dir;
  packager::testing::write_file(dir / "lesson.html.mustache", "");
  packager::testing::write_file(dir / "transcript.html.mustache", "");
  packager::testing::write_file(dir / "index.html.mustache", "{{#areas}}");
  packager::testing::write_file(dir / "assets" / "style.css", "");
  auto t = load_templates(dir.path());
  ASSERT_TRUE(t) << t.error().message;
  auto html = render_index_page(*t, two_areas());
  ASSERT_FALSE(html);
  EXPECT_EQ(html.error().code, ErrorCode::input);
  EXPECT_EQ(html.error().message, (dir / "index.html.mustache").string() + ":1:1: unclosed section \"areas\"");
}

}  // namespace
}  // namespace packager::render
