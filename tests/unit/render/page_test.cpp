#include "packager/render/page.hpp"

#include <gtest/gtest.h>

#include "tests/support/test_support.hpp"

namespace packager::render {
namespace {

Templates defaults() {
  auto t = load_templates(packager::testing::source_dir() / "templates");
  EXPECT_TRUE(t) << t.error().message;
  return *t;
}

TEST(Page, HoldsTitleVideoTranscriptAndCredits) {
  LessonPage page;
  page.title = "Les acteurs";
  page.description = "Découvrez";
  page.video_href = "video.mp4";
  page.duration_seconds = 185;
  page.transcript_markdown = "Bonjour *à tous*.\n";
  page.credits_markdown = "- **Production** : Réseau Canopé\n";
  auto html = render_lesson_page(defaults(), page);
  ASSERT_TRUE(html) << html.error().message;
  EXPECT_NE(html->find("<html lang=\"fr\">"), std::string::npos);
  EXPECT_NE(html->find("<h1>Les acteurs</h1>"), std::string::npos);
  EXPECT_NE(html->find("<video id=\"lesson-video\" controls"), std::string::npos);
  EXPECT_NE(html->find("src=\"video.mp4\""), std::string::npos);
  EXPECT_NE(html->find("<p>Bonjour <em>à tous</em>.</p>"), std::string::npos);
  EXPECT_NE(html->find("Réseau Canopé"), std::string::npos);
  EXPECT_NE(html->find("3 min 05 s"), std::string::npos);
  EXPECT_EQ(html->find("http://"), std::string::npos) << "nothing may load from the network";
}

TEST(Page, TextFieldsAreEscaped) {
  LessonPage page;
  page.title = "<script>alert(1)</script>";
  page.description = "\"><img src=x onerror=alert(1)>";
  page.video_href = "video.mp4";
  auto html = render_lesson_page(defaults(), page);
  ASSERT_TRUE(html);
  EXPECT_EQ(html->find("<script>alert"), std::string::npos);
  EXPECT_EQ(html->find("<img src=x"), std::string::npos);
  EXPECT_NE(html->find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
}

TEST(Page, MissingTemplateFolderNamesTheFile) {
  auto t = load_templates("/nonexistent/templates");
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().message,
            "/nonexistent/templates/lesson.html.mustache: missing template (expected "
            "lesson.html.mustache in the templates folder /nonexistent/templates)");
}

TEST(Duration, HumanReadable) {
  EXPECT_EQ(format_duration(5.04), "5 s");
  EXPECT_EQ(format_duration(65), "1 min 05 s");
  EXPECT_EQ(format_duration(3723), "1 h 02 min 03 s");
}

}  // namespace
}  // namespace packager::render
