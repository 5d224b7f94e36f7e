#include "packager/render/site_index.hpp"

#include <gtest/gtest.h>

#include "tests/support/test_support.hpp"

namespace packager::render {
namespace {

SiteIndex two_areas() {
  SiteIndex index;
  index.language = "en";
  index.course_title = "Digital <skills>";
  index.course_version = "2.1.0";
  index.areas = {{"Area 1", {{"First", "", "lessons/first/index.html", "lessons/first/poster.jpg",
                              "lessons/first/index.html#transcript", 65}}},
                 {"", {{"Loose", "", "lessons/loose/index.html", "", "", 0}}}};
  return index;
}

std::filesystem::path templates() { return packager::testing::source_dir() / "templates"; }

TEST(SiteIndex, ListsLessonsByAreaWithPosterDurationAndTranscript) {
  auto html = render_site_index(templates(), two_areas());
  ASSERT_TRUE(html) << html.error().message;
  EXPECT_NE(html->find("<h1>Digital &lt;skills&gt;</h1>"), std::string::npos);
  EXPECT_NE(html->find("Version 2.1.0"), std::string::npos);
  EXPECT_NE(html->find("<h2>Area 1</h2>"), std::string::npos);
  EXPECT_NE(html->find(R"(<img src="lessons/first/poster.jpg")"), std::string::npos);
  EXPECT_NE(html->find(R"(<time datetime="PT65.000S">1 min 05 s</time>)"), std::string::npos);
  EXPECT_NE(html->find(R"(href="lessons/first/index.html#transcript">Transcript</a>)"), std::string::npos);
  EXPECT_NE(html->find(R"(<a href="lessons/loose/index.html"><h3>Loose</h3></a>)"), std::string::npos);
  EXPECT_EQ(html->find("site-scorm"), std::string::npos);  // no zips, no section
  EXPECT_EQ(html->find("<script"), std::string::npos);    // works from file:// with scripts off
}

TEST(SiteIndex, OffersTheScormZips) {
  SiteIndex index = two_areas();
  index.packages = {{"scorm/c-2.1.0-scorm12.zip", "c-2.1.0-scorm12.zip", 12'345'678}};
  auto html = render_site_index(templates(), index);
  ASSERT_TRUE(html) << html.error().message;
  EXPECT_NE(html->find(R"(<a href="scorm/c-2.1.0-scorm12.zip" download>c-2.1.0-scorm12.zip</a> (12.3 MB))"),
            std::string::npos);
}

TEST(SiteIndex, MissingTemplateNamesTheFile) {
  packager::testing::ScratchDir dir;
  auto html = render_site_index(dir.path(), two_areas());
  ASSERT_FALSE(html);
  EXPECT_EQ(html.error().code, ErrorCode::input);
  EXPECT_NE(html.error().message.find((dir / "site-index.html.mustache").string()), std::string::npos);
}

TEST(SiteIndex, SizesForPeople) {
  EXPECT_EQ(format_size(999), "999 B");
  EXPECT_EQ(format_size(254'173), "254.2 kB");
  EXPECT_EQ(format_size(16'000'000'000), "16.0 GB");
}

}  // namespace
}  // namespace packager::render
