// The bad-input table: one hand-made broken lesson per diagnostic, with the
// exact text an author sees (wording is part of the interface).
#include <filesystem>

#include <gtest/gtest.h>

#include "packager/lesson/lesson.hpp"
#include "tests/support/test_support.hpp"

namespace packager::lesson {
namespace {
namespace fs = std::filesystem;
using packager::testing::ScratchDir;
using packager::testing::write_file;

struct BadInput {
  const char* name;
  const char* text;
  const char* expected;  // every diagnostic, formatted
  bool loads;            // warnings only: the lesson still loads
};

const BadInput k_table[] = {
    {"invalid_yaml_uses_the_yaml_cpp_mark",
     "---\ntitle: T\nvideoDownloadHref: [https://h/v.mp4\n---\n",
     "a.md:4:1: error: invalid YAML in front matter: end of sequence flow not found\n"
     "    ---\n"
     "    ^\n",
     false},
    {"invalid_yaml_bad_indentation",
     "---\ntitle: T\n  description: d\n---\n",
     "a.md:3:14: error: invalid YAML in front matter: illegal map value\n"
     "      description: d\n"
     "                 ^\n",
     false},
    {"missing_front_matter",
     "title: T\n",
     "a.md:1:1: error: missing front matter: expected '---' on the first line\n"
     "    title: T\n"
     "    ^\n",
     false},
    {"front_matter_not_closed",
     "---\ntitle: T\n\n## Script\n",
     "a.md:1:1: error: front matter is not closed: expected a line '---' after it\n"
     "    ---\n"
     "    ^\n",
     false},
    {"front_matter_not_a_mapping",
     "---\n- title\n---\n",
     "a.md:2:1: error: front matter must be 'key: value' lines (title, description, ...)\n"
     "    - title\n"
     "    ^\n",
     false},
    {"missing_title",
     "---\nvideoDownloadHref: https://h/v.mp4\n---\n",
     "a.md:1:1: error: missing required field 'title'\n"
     "    ---\n"
     "    ^\n",
     false},
    {"empty_title_is_missing_at_its_key",
     "---\ntitle:\nvideoDownloadHref: https://h/v.mp4\n---\n",
     "a.md:2:1: error: missing required field 'title' (it is empty)\n"
     "    title:\n"
     "    ^\n",
     false},
    {"missing_video",
     "---\ntitle: T\n---\n",
     "a.md:1:1: error: missing video: a VIDEO lesson needs 'videoDownloadHref' or 'videoEmbedSrc'\n"
     "    ---\n"
     "    ^\n",
     false},
    {"empty_video_is_missing_at_its_key",
     "---\ntitle: T\nvideoDLHref: \"  \"\n---\n",
     "a.md:3:1: error: missing video: a VIDEO lesson needs 'videoDownloadHref' or 'videoEmbedSrc' "
     "(it is empty)\n"
     "    videoDLHref: \"  \"\n"
     "    ^\n",
     false},
    {"pdf_lesson_without_pdf",
     "---\ntitle: T\nfileType: PDF\n---\n",
     "a.md:1:1: error: missing required field 'pdfFilePath' for a PDF lesson\n"
     "    ---\n"
     "    ^\n",
     false},
    {"url_scheme_not_allowed",
     "---\ntitle: T\nvideoDLHref: ftp://h/v.mp4\n---\n",
     "a.md:3:14: error: 'videoDLHref' is not a usable URL: the scheme must be http, https or file\n"
     "    videoDLHref: ftp://h/v.mp4\n"
     "                 ^\n",
     false},
    {"url_that_does_not_parse",
     "---\ntitle: T\nvideoEmbedSrc: https://h/a video.mp4\n---\n",
     "a.md:3:16: error: 'videoEmbedSrc' is not a usable URL: it contains spaces or control "
     "characters\n"
     "    videoEmbedSrc: https://h/a video.mp4\n"
     "                   ^\n",
     false},
    {"caption_url_scheme_not_allowed",
     "---\ntitle: T\nvideoDLHref: https://h/v.mp4\ncaptionFilePath: javascript://x\n---\n",
     "a.md:4:18: error: 'captionFilePath' is not a usable URL: the scheme must be http, https or "
     "file\n"
     "    captionFilePath: javascript://x\n"
     "                     ^\n",
     false},
    {"unknown_key_did_you_mean",
     "---\ntitle: T\ndescripton: d\nvideoDLHref: https://h/v.mp4\n---\n",
     "a.md:3:1: warning: unknown key 'descripton'; did you mean 'description'?\n"
     "    descripton: d\n"
     "    ^\n",
     true},
    {"unknown_key_without_suggestion",
     "---\ntitle: T\nauthor: Jean\nvideoDLHref: https://h/v.mp4\n---\n",
     "a.md:3:1: warning: unknown key 'author'\n"
     "    author: Jean\n"
     "    ^\n",
     true},
    {"missing_space_after_colon_the_real_hameconnage_case",
     "---\ntitle: T\ndescription:Hameçonnage, usurpation d’identité : il existe des arnaques.\n"
     "videoEmbedSrc: https://h/v.mp4\n---\n",
     "a.md:3:1: warning: unknown key 'description:'; did you mean 'description'? (a space is "
     "missing after ':')\n"
     "    description:Hameçonnage, usurpation d’identité : il existe des arnaques.\n"
     "    ^\n",
     true},
    {"empty_values_are_absent_and_silent",
     "---\ntitle: T\ndescription:\ncaptionFilePath:\npdfFilePath: ''\nvideoDLHref: https://h/v.mp4\n---\n",
     "", true},
    {"field_given_twice_under_two_spellings",
     "---\ntitle: T\nvideoDLHref: https://h/a.mp4\nvideoDownloadHref: https://h/b.mp4\n---\n",
     "a.md:4:1: warning: 'videoDownloadHref' is given twice (first as 'videoDLHref'); this later "
     "value is used\n"
     "    videoDownloadHref: https://h/b.mp4\n"
     "    ^\n",
     true},
    {"file_type_unknown",
     "---\ntitle: T\nfileType: AUDIO\nvideoDLHref: https://h/v.mp4\n---\n",
     "a.md:3:11: error: 'fileType' must be VIDEO or PDF, not 'AUDIO'\n"
     "    fileType: AUDIO\n"
     "              ^\n",
     false},
    {"priority_not_a_number",
     "---\ntitle: T\npriority: high\nvideoDLHref: https://h/v.mp4\n---\n",
     "a.md:3:11: error: 'priority' must be a whole number, not 'high'\n"
     "    priority: high\n"
     "              ^\n",
     false},
    {"list_where_a_value_is_expected",
     "---\ntitle: [a, b]\nvideoDLHref: https://h/v.mp4\n---\n",
     "a.md:2:8: error: 'title' must be a single value, not a list or a mapping\n"
     "    title: [a, b]\n"
     "           ^\n",
     false},
    {"not_utf8_names_the_byte_offset",
     "---\ntitle: caf\xE9\n---\n",
     "a.md:2:11: error: not valid UTF-8 (byte offset 14); save the file as UTF-8\n",
     false},
    {"every_error_of_a_file_at_once",
     "---\ndescripton: d\nfileType: PDF\nvideoDLHref: ftp://x\n---\n",
     "a.md:2:1: warning: unknown key 'descripton'; did you mean 'description'?\n"
     "    descripton: d\n"
     "    ^\n"
     "a.md:4:14: error: 'videoDLHref' is not a usable URL: the scheme must be http, https or file\n"
     "    videoDLHref: ftp://x\n"
     "                 ^\n"
     "a.md:1:1: error: missing required field 'title'\n"
     "    ---\n"
     "    ^\n"
     "a.md:1:1: error: missing required field 'pdfFilePath' for a PDF lesson\n"
     "    ---\n"
     "    ^\n",
     false},    {"youtube_embed_is_refused_at_the_field",
     "---\ntitle: T\nvideoEmbedSrc: https://www.youtube.com/embed/dQw4w9WgXcQ\n---\n",
     "a.md:3:16: error: 'videoEmbedSrc' must be a PeerTube embed link (https://HOST/videos/embed/ID or "
     "https://HOST/w/ID) or a direct .mp4 link, not 'https://www.youtube.com/embed/dQw4w9WgXcQ'\n"
     "    videoEmbedSrc: https://www.youtube.com/embed/dQw4w9WgXcQ\n"
     "                   ^\n",
     false},
    {"peertube_short_link_is_an_embed",
     "---\ntitle: T\nvideoEmbedSrc: https://tube.example.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d\n---\n",
     "", true},
    {"nul_written_as_a_yaml_escape",
     "---\ntitle: \"Bonjour\\0\"\nvideoDownloadHref: https://h/v.mp4\n---\n",
     "a.md:2:8: error: 'title' holds the control character U+0000, which no page can show; remove it\n"
     "    title: \"Bonjour\\0\"\n"
     "           ^\n",
     false},
    {"c1_control_written_as_a_yaml_escape",
     "---\ntitle: T\ndescription: \"a\\x85b\"\nvideoDownloadHref: https://h/v.mp4\n---\n",
     "a.md:3:14: error: 'description' holds the control character U+0085, which no page can show; remove it\n"
     "    description: \"a\\x85b\"\n"
     "                 ^\n",
     false},
    {"literal_control_character_in_the_body",
     "---\ntitle: T\nvideoDownloadHref: https://h/v.mp4\n---\n\n## Transcription\n\nBon\x07jour \xEF\xBF\xBE\n",
     "a.md:8:4: error: the control character U+0007 is not allowed in a lesson file; remove it\n",
     false},
    {"invisible_character_in_a_key_is_shown_escaped",
     "---\ntitle\xC2\xA0: T\ntitle: T\nvideoDownloadHref: https://h/v.mp4\n---\n",
     "a.md:2:1: warning: unknown key 'title\\u00a0'; did you mean 'title'?\n"
     "    title\xC2\xA0: T\n"
     "    ^\n",
     true},
};

class BadInputTable : public ::testing::TestWithParam<BadInput> {};

TEST_P(BadInputTable, ReportsExactly) {
  const BadInput& row = GetParam();
  ScratchDir dir;  // an empty public/ root, so no lookup leaves the test
  fs::create_directories(dir / "public");
  Diagnostics diagnostics;
  const auto lesson = parse_lesson("a.md", row.text, diagnostics, dir / "public");
  EXPECT_EQ(diagnostics.to_string(), row.expected);
  EXPECT_EQ(lesson.has_value(), row.loads);
}

INSTANTIATE_TEST_SUITE_P(Lesson, BadInputTable, ::testing::ValuesIn(k_table),
                         [](const auto& row) { return std::string(row.param.name); });

TEST(BadInput, EmptyValuesLeaveFieldsAbsent) {
  Diagnostics diagnostics;
  const auto lesson = parse_lesson(
      "a.md", "---\ntitle: T\ndescription:\ncaptionFilePath:\nvideoDLHref: https://h/v.mp4\n---\n",
      diagnostics);
  ASSERT_TRUE(lesson);
  EXPECT_FALSE(lesson->caption_path.present());
  EXPECT_TRUE(lesson->caption_file.empty());
  EXPECT_EQ(lesson->description, "");
}

// A collection as on disk: content/x.md beside public/ with one caption.
struct Collection {
  ScratchDir dir;
  fs::path public_root;
  Collection() : public_root(dir / "public") {
    fs::create_directories(public_root / "captions");
    fs::create_directories(dir / "content");
    write_file(public_root / "captions" / "a.vtt", "WEBVTT\n");
    write_file(dir / "secret.txt", "not for the package\n");
  }
  std::string lesson_with(const std::string& key, const std::string& value) const {
    return "---\ntitle: T\nvideoDLHref: https://h/v.mp4\n" + key + ": " + value + "\n---\n";
  }
};

TEST(BadInput, CaptionResolvesInsideThePublicRootFoundAboveTheLesson) {
  Collection c;
  const fs::path file = c.dir / "content" / "a.md";
  write_file(file, c.lesson_with("captionFilePath", "/captions/a.vtt"));
  Diagnostics diagnostics;
  const auto lesson = load_lesson(file, diagnostics);  // public/ found by walking up
  ASSERT_TRUE(lesson) << diagnostics.to_string();
  EXPECT_EQ(lesson->caption_file, fs::canonical(c.public_root / "captions" / "a.vtt"));
}

TEST(BadInput, CaptionUrlIsNotAFile) {
  Collection c;
  Diagnostics diagnostics;
  const auto lesson = parse_lesson(
      "a.md", c.lesson_with("captionFilePath", "https://h/a.vtt"), diagnostics, c.public_root);
  ASSERT_TRUE(lesson) << diagnostics.to_string();
  EXPECT_EQ(lesson->caption_path.value, "https://h/a.vtt");
  EXPECT_TRUE(lesson->caption_file.empty());
}

TEST(BadInput, PathEscapingThePublicRootIsRejected) {
  Collection c;
  Diagnostics diagnostics;
  EXPECT_FALSE(parse_lesson("a.md", c.lesson_with("captionFilePath", "../../etc/passwd"),
                            diagnostics, c.public_root));
  EXPECT_EQ(diagnostics.to_string(),
            "a.md:4:18: error: 'captionFilePath': '../../etc/passwd' is outside the collection's "
            "public/ folder\n"
            "    captionFilePath: ../../etc/passwd\n"
            "                     ^\n");
}

TEST(BadInput, PdfEscapingThroughDotsIsRejected) {
  Collection c;
  Diagnostics diagnostics;
  EXPECT_FALSE(parse_lesson("a.md", "---\ntitle: T\nfileType: PDF\npdfFilePath: /pdf/../../secret.txt\n---\n",
                            diagnostics, c.public_root));
  EXPECT_EQ(diagnostics.to_string(),
            "a.md:4:14: error: 'pdfFilePath': '/pdf/../../secret.txt' is outside the collection's "
            "public/ folder\n"
            "    pdfFilePath: /pdf/../../secret.txt\n"
            "                 ^\n");
}

TEST(BadInput, SymlinkLeavingThePublicRootIsRejected) {
  Collection c;
  fs::create_symlink(c.dir / "secret.txt", c.public_root / "captions" / "link.vtt");
  Diagnostics diagnostics;
  EXPECT_FALSE(parse_lesson("a.md", c.lesson_with("captionFilePath", "/captions/link.vtt"),
                            diagnostics, c.public_root));
  EXPECT_EQ(diagnostics.to_string(),
            "a.md:4:18: error: 'captionFilePath': '/captions/link.vtt' is outside the collection's "
            "public/ folder\n"
            "    captionFilePath: /captions/link.vtt\n"
            "                     ^\n");
}

TEST(BadInput, MissingPublicFileIsAnError) {
  Collection c;
  Diagnostics diagnostics;
  EXPECT_FALSE(parse_lesson("a.md", c.lesson_with("captionFilePath", "/captions/none.vtt"),
                            diagnostics, c.public_root));
  ASSERT_EQ(diagnostics.all().size(), 1u);
  EXPECT_EQ(diagnostics.all()[0].message,
            "'captionFilePath': '/captions/none.vtt' does not exist in " + fs::canonical(c.public_root).string());
}

TEST(BadInput, NoPublicRootAnywhereIsAnError) {
  ScratchDir dir;
  const fs::path file = dir / "a.md";
  write_file(file, "---\ntitle: T\nfileType: PDF\npdfFilePath: /pdf/x.pdf\n---\n");
  Diagnostics diagnostics;
  EXPECT_FALSE(load_lesson(file, diagnostics));
  ASSERT_EQ(diagnostics.all().size(), 1u);
  EXPECT_EQ(diagnostics.all()[0].message,
            "'pdfFilePath': no public/ folder was found above the lesson file; set 'public_dir' in "
            "the course manifest");
}

TEST(BadInput, OversizedLessonFileIsRefusedBeforeReading) {
  ScratchDir dir;
  const fs::path file = dir / "big.md";
  write_file(file, std::string(k_max_lesson_bytes + 1, 'x'));
  Diagnostics diagnostics;
  EXPECT_FALSE(load_lesson(file, diagnostics));
  EXPECT_EQ(diagnostics.to_string(),
            file.string() + ": error: lesson file is 1048577 bytes, more than the limit of 1048576 "
                            "bytes; is it really a lesson?\n");
}

TEST(BadInput, UnreadableLessonFile) {
  ScratchDir dir;
  Diagnostics diagnostics;
  EXPECT_FALSE(load_lesson(dir / "none.md", diagnostics));
  EXPECT_EQ(diagnostics.to_string(), (dir / "none.md").string() +
                                         ": error: cannot read the lesson file: No such file or "
                                         "directory\n");
}

}  // namespace
}  // namespace packager::lesson
