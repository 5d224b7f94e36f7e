#include "packager/lesson/lesson.hpp"

#include <gtest/gtest.h>

#include "tests/support/test_support.hpp"

namespace packager::lesson {
namespace {
using packager::testing::shared_dir;

const std::string k_seed = "000_c06ca674b3debc3d.txt";

TEST(Lesson, ParsesTheSeedLesson) {
  Diagnostics diagnostics;
  const auto lesson = load_lesson(shared_dir() / "seed" / k_seed, diagnostics);
  ASSERT_TRUE(lesson) << diagnostics.to_string();
  EXPECT_EQ(diagnostics.all().size(), 0u) << diagnostics.to_string();
  EXPECT_EQ(lesson->title, "Les acteurs institutionnels du numérique éducatif dans le 2nd degré");
  EXPECT_EQ(lesson->area, "Domaine 1");  // written "area : Domaine 1"
  EXPECT_EQ(lesson->video_url.value,
            "https://tube.reseau-canope.fr/download/streaming-playlists/hls/videos/"
            "b2d55662-aae2-41f3-8fa0-2b0e6ad4de87-1080-fragmented.mp4");
  EXPECT_EQ(lesson->video_url.pos.line, 6);
  EXPECT_EQ(lesson->embed_url.value,
            "https://tube.reseau-canope.fr/videos/embed/b2d55662-aae2-41f3-8fa0-2b0e6ad4de87");
  EXPECT_EQ(lesson->transcript_markdown.rfind("RUPN, responsable d’affectation GAR", 0), 0u);
  EXPECT_NE(lesson->transcript_markdown.find("paré à décrypter la matrice!"), std::string::npos);
  EXPECT_EQ(lesson->transcript_markdown.find("Crédits"), std::string::npos);
  EXPECT_NE(lesson->credits_markdown.find("Marie-Caroline Missir"), std::string::npos);
  ASSERT_TRUE(lesson->licence);
  EXPECT_EQ(lesson->licence->name, "CC BY-NC-ND 4.0");
  EXPECT_EQ(lesson->licence->url, "https://creativecommons.org/licenses/by-nc-nd/4.0/deed.fr");
  ASSERT_EQ(lesson->contributors.size(), 4u);
  EXPECT_EQ(lesson->contributors[0].role, "Scénario");
  EXPECT_EQ(lesson->contributors[0].names, "Nicolas Sedel, Corentine Gasquet");
}

TEST(Lesson, MissingFrontMatterIsAnErrorAtLineOne) {
  Diagnostics diagnostics;
  EXPECT_FALSE(parse_lesson("a.md", "# Hello\n\nNo front matter.\n", diagnostics));
  EXPECT_EQ(diagnostics.to_string(),
            "a.md:1:1: error: missing front matter: expected '---' on the first line\n"
            "    # Hello\n"
            "    ^\n");
}

TEST(Lesson, CrlfAndBomAreAccepted) {
  Diagnostics diagnostics;
  const auto lesson = parse_lesson(
      "a.md",
      "\xEF\xBB\xBF---\r\ntitle: Titre\r\nvideoDownloadHref: https://h/v.mp4\r\n---\r\n\r\n## Script\r\n\r\nTexte\r\n",
      diagnostics);
  ASSERT_TRUE(lesson) << diagnostics.to_string();
  EXPECT_EQ(lesson->title, "Titre");
  EXPECT_EQ(lesson->transcript_markdown, "Texte\n");
}

TEST(Lesson, MissingTitleAndVideoAreBothReported) {
  Diagnostics diagnostics;
  EXPECT_FALSE(parse_lesson("a.md", "---\ndescription: d\n---\n", diagnostics));
  EXPECT_EQ(diagnostics.to_string(),
            "a.md:1:1: error: missing required field 'title'\n"
            "    ---\n"
            "    ^\n"
            "a.md:1:1: error: missing video: a VIDEO lesson needs 'videoDownloadHref' or 'videoEmbedSrc'\n"
            "    ---\n"
            "    ^\n");
}

TEST(Lesson, BadUrlPointsAtTheValue) {
  Diagnostics diagnostics;
  EXPECT_FALSE(parse_lesson("a.md", "---\ntitle: T\nvideoDLHref: ftp://h/v.mp4\n---\n", diagnostics));
  EXPECT_EQ(diagnostics.to_string(),
            "a.md:3:14: error: 'videoDLHref' is not a usable URL: the scheme must be http, https or file\n"
            "    videoDLHref: ftp://h/v.mp4\n"
            "                 ^\n");
}

TEST(Lesson, InvalidUtf8NamesTheByteOffset) {
  Diagnostics diagnostics;
  EXPECT_FALSE(parse_lesson("a.md", "---\ntitle: caf\xE9\n---\n", diagnostics));
  EXPECT_EQ(diagnostics.to_string(),
            "a.md:2:11: error: not valid UTF-8 (byte offset 14); save the file as UTF-8\n");
}

TEST(Lesson, InvalidYamlUsesTheParserPosition) {
  Diagnostics diagnostics;
  EXPECT_FALSE(parse_lesson("a.md", "---\ntitle: [unclosed\n---\n", diagnostics));
  ASSERT_EQ(diagnostics.all().size(), 1u);
  EXPECT_EQ(diagnostics.all()[0].line, 3);
  EXPECT_EQ(diagnostics.all()[0].message.rfind("invalid YAML in front matter: ", 0), 0u);
}

}  // namespace
}  // namespace packager::lesson
