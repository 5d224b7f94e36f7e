#include "packager/render/page.hpp"

#include <cmath>
#include <regex>
#include <set>

#include <gtest/gtest.h>

#include "packager/render/strings.hpp"
#include "tests/support/test_support.hpp"

namespace packager::render {
namespace {
using packager::testing::ScratchDir;

Templates defaults() {
  auto t = load_templates(packager::testing::source_dir() / "templates");
  EXPECT_TRUE(t) << t.error().message;
  return *t;
}

bool has(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

LessonPage full_page() {
  LessonPage page;
  page.title = "Les acteurs";
  page.description = "Découvrez";
  page.video_href = "video.mp4";
  page.poster_href = "poster.jpg";
  page.captions_href = "captions.vtt";
  page.pdf_href = "sheet.pdf";
  page.duration_seconds = 185;
  page.transcript_markdown = "Bonjour *à tous*.\n";
  page.credits_markdown = "- **Production** : Réseau Canopé\n";
  page.licence_name = "CC BY 4.0";
  page.licence_url = "https://creativecommons.org/licenses/by/4.0/";
  return page;
}

TEST(Page, HoldsTitleVideoTranscriptCreditsAndSheet) {
  auto html = render_lesson_page(defaults(), full_page());
  ASSERT_TRUE(html) << html.error().message;
  EXPECT_TRUE(has(*html, "<html lang=\"fr\">"));
  EXPECT_TRUE(has(*html, "<h1>Les acteurs</h1>"));
  EXPECT_TRUE(has(*html, "<video id=\"lesson-video\" controls preload=\"metadata\" playsinline src=\"video.mp4\" "
                         "poster=\"poster.jpg\">"));
  EXPECT_TRUE(has(*html, "<track kind=\"captions\" srclang=\"fr\" label=\"Sous-titres\" src=\"captions.vtt\" default>"));
  EXPECT_TRUE(has(*html, "<body data-scorm-version=\"1.2\" data-completion-threshold=\"0.90\">"));
  EXPECT_TRUE(has(*html, "<h2 id=\"transcript-heading\">Transcription</h2>"));
  EXPECT_TRUE(has(*html, "<p>Bonjour <em>à tous</em>.</p>"));
  EXPECT_TRUE(has(*html, "<a href=\"transcript.html\">Transcription imprimable</a>"));
  EXPECT_TRUE(has(*html, "<a href=\"sheet.pdf\" download>Télécharger la fiche (PDF)</a>"));
  EXPECT_TRUE(has(*html, "Réseau Canopé"));
  EXPECT_TRUE(has(*html, "rel=\"license\">CC BY 4.0</a>"));
  EXPECT_TRUE(has(*html, "3 min 05 s"));
  EXPECT_TRUE(has(*html, "<main id=\"content\""));
  EXPECT_TRUE(has(*html, "<footer class=\"credits\""));
  EXPECT_FALSE(has(*html, "http://")) << "nothing may load from the network";
}

TEST(Page, LessonAndTranscriptPagesLinkBackToTheCourseIndex) {
  auto lesson = render_lesson_page(defaults(), full_page());
  ASSERT_TRUE(lesson);
  EXPECT_TRUE(has(*lesson, "<nav class=\"course-nav no-print\" aria-label=\"Navigation\">"
                           "<a href=\"../../index.html\">Retour au sommaire du cours</a></nav>"));
  EXPECT_LT(lesson->find("../../index.html"), lesson->find("<h1")) << "the link comes before the title";
  // Inside an LMS the runtime removes it (tests/browser/lms.test.js).
  auto transcript = render_transcript_page(defaults(), full_page());
  ASSERT_TRUE(transcript);
  EXPECT_TRUE(has(*transcript, "<a href=\"index.html\">Retour à la leçon</a> · "
                               "<a href=\"../../index.html\">Retour au sommaire du cours</a></nav>"));
  LessonPage english = full_page();
  english.language = "en";
  auto en = render_lesson_page(defaults(), english);
  ASSERT_TRUE(en);
  EXPECT_TRUE(has(*en, "<a href=\"../../index.html\">Back to the course index</a>"));
  LessonPage alone = full_page();
  alone.index_href.clear();
  auto without = render_lesson_page(defaults(), alone);
  ASSERT_TRUE(without);
  EXPECT_FALSE(has(*without, "index.html")) << "no index, no link";
}

TEST(Page, WithoutCaptionsPosterOrTranscriptTheirMarkupIsAbsent) {
  LessonPage page = full_page();
  page.poster_href.clear();
  page.captions_href.clear();
  page.pdf_href.clear();
  page.transcript_markdown.clear();
  auto html = render_lesson_page(defaults(), page);
  ASSERT_TRUE(html);
  EXPECT_FALSE(has(*html, "poster="));
  EXPECT_FALSE(has(*html, "<track"));
  EXPECT_FALSE(has(*html, "sheet.pdf"));
  EXPECT_FALSE(has(*html, "#transcript"));
  EXPECT_FALSE(has(*html, "transcript.html"));
}

// A lesson with neither credits nor licence (PDF sheets often) gets no
// empty "Crédits" heading.
TEST(Page, WithoutCreditsThereIsNoCreditsHeading) {
  LessonPage page = full_page();
  page.credits_markdown = "\n";
  page.licence_name.clear();
  page.licence_url.clear();
  auto html = render_lesson_page(defaults(), page);
  ASSERT_TRUE(html) << html.error().message;
  EXPECT_FALSE(has(*html, "credits"));
  page.licence_name = "CC BY 4.0";
  html = render_lesson_page(defaults(), page);
  ASSERT_TRUE(html) << html.error().message;
  EXPECT_TRUE(has(*html, "<footer class=\"credits\""));
}

TEST(Page, EnglishStringsForAnEnglishCourse) {
  LessonPage page = full_page();
  page.language = "en";
  auto html = render_lesson_page(defaults(), page);
  ASSERT_TRUE(html);
  EXPECT_TRUE(has(*html, "<html lang=\"en\">"));
  EXPECT_TRUE(has(*html, ">Transcript</h2>"));
  EXPECT_TRUE(has(*html, ">Duration</span>"));
  EXPECT_TRUE(has(*html, "Download the sheet (PDF)"));
  EXPECT_FALSE(has(*html, "Transcription"));
}

TEST(Page, TranscriptPageIsStandaloneAndPrintable) {
  auto html = render_transcript_page(defaults(), full_page());
  ASSERT_TRUE(html) << html.error().message;
  EXPECT_TRUE(has(*html, "<h1>Les acteurs</h1>"));
  EXPECT_TRUE(has(*html, "<p>Bonjour <em>à tous</em>.</p>"));
  EXPECT_TRUE(has(*html, "<a href=\"index.html\">Retour à la leçon</a>"));
  EXPECT_TRUE(has(*html, "Réseau Canopé"));
  EXPECT_FALSE(has(*html, "<video")) << "a transcript page has no player";
  EXPECT_FALSE(has(*html, "scorm.js")) << "a transcript page is not a SCO";
}

TEST(Page, TextFieldsAreEscaped) {
  LessonPage page;
  page.title = "<script>alert(1)</script>";
  page.description = "\"><img src=x onerror=alert(1)>";
  page.video_href = "video.mp4";
  page.licence_name = "x";
  page.licence_url = "javascript:alert(1)";
  auto html = render_lesson_page(defaults(), page);
  ASSERT_TRUE(html);
  EXPECT_FALSE(has(*html, "<script>alert"));
  EXPECT_FALSE(has(*html, "<img src=x"));
  EXPECT_FALSE(has(*html, "javascript:"));
  EXPECT_TRUE(has(*html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
}

TEST(Strings, EveryLanguageHasEveryKey) {
  std::set<std::string> fr_keys;
  for (const auto& [key, value] : strings_for("fr")) fr_keys.insert(key);
  for (const auto& language : string_languages()) {
    std::set<std::string> keys;
    for (const auto& [key, value] : strings_for(language)) {
      keys.insert(key);
      EXPECT_FALSE(value.empty()) << language << " " << key;
    }
    EXPECT_EQ(keys, fr_keys) << language;
  }
  EXPECT_EQ(&strings_for("de"), &strings_for("fr")) << "French is the fallback";
  EXPECT_EQ(&strings_for("en-GB"), &strings_for("en"));
}

// Every {{t.key}} the shipped templates use exists in the tables.
TEST(Strings, TemplatesUseOnlyKnownKeys) {
  std::set<std::string> keys;
  for (const auto& [key, value] : strings_for("fr")) keys.insert(key);
  const Templates t = defaults();
  const std::regex use(R"(\{\{t\.([a-z_]+)\}\})");
  for (const std::string* text : {&t.lesson_page, &t.transcript_page, &t.index_page})
    for (std::sregex_iterator it(text->begin(), text->end(), use), end; it != end; ++it)
      EXPECT_TRUE(keys.count((*it)[1].str()) == 1) << (*it)[1].str();
}

double luminance(const std::string& hex) {
  double channels[3];
  for (int i = 0; i < 3; ++i) {
    const double c = std::stoi(hex.substr(1 + 2 * i, 2), nullptr, 16) / 255.0;
    channels[i] = c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
  }
  return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
}

// WCAG 1.4.3: every text colour in the stylesheet reads at ≥ 4.5:1 on the
// white page.
TEST(Style, TextColoursMeetAaContrastOnWhite) {
  const std::string css = packager::testing::read_file(packager::testing::source_dir() / "templates" / "assets" /
                                                       "style.css");
  const std::regex colour(R"((?:^|[;{\s])color:\s*(#[0-9a-fA-F]{6}))");
  int checked = 0;
  for (std::sregex_iterator it(css.begin(), css.end(), colour), end; it != end; ++it) {
    const double l = luminance((*it)[1].str());
    const double ratio = (1.0 + 0.05) / (l + 0.05);
    EXPECT_GE(ratio, 4.5) << (*it)[1].str();
    ++checked;
  }
  EXPECT_GE(checked, 3);
  EXPECT_TRUE(has(css, ":focus-visible")) << "focus must stay visible";
  EXPECT_TRUE(has(css, "@media print"));
  EXPECT_FALSE(has(css, "@import")) << "nothing from the network";
  EXPECT_FALSE(has(css, "url(")) << "no fonts or images from anywhere";
}

TEST(Templates, MissingTemplateNamesTheFile) {
  auto t = load_templates("/nonexistent/templates");
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().message,
            "/nonexistent/templates/lesson.html.mustache: missing template (expected "
            "lesson.html.mustache in the templates folder /nonexistent/templates)");
}

TEST(Templates, OverrideFolderIsUsedAndItsErrorsNameTheFile) {
  ScratchDir dir;
  packager::testing::write_file(dir / "lesson.html.mustache", "<p>{{title}} {{t.duration}}</p>");
  packager::testing::write_file(dir / "transcript.html.mustache", "<main>\n  <p>{{#broken}}</p>\n</main>\n");
  packager::testing::write_file(dir / "index.html.mustache", "{{course_title}}");
  packager::testing::write_file(dir / "assets" / "style.css", "");
  auto t = load_templates(dir.path());
  ASSERT_TRUE(t) << t.error().message;
  LessonPage page;
  page.title = "A&B";
  auto html = render_lesson_page(*t, page);
  ASSERT_TRUE(html);
  EXPECT_EQ(*html, "<p>A&amp;B Durée</p>");
  auto transcript = render_transcript_page(*t, page);
  ASSERT_FALSE(transcript);
  EXPECT_EQ(transcript.error().message,
            (dir / "transcript.html.mustache").string() + ":2:6: unclosed section \"broken\"");
}

TEST(Duration, HumanReadable) {
  EXPECT_EQ(format_duration(5.04), "5 s");
  EXPECT_EQ(format_duration(65), "1 min 05 s");
  EXPECT_EQ(format_duration(3723), "1 h 02 min 03 s");
}

}  // namespace
}  // namespace packager::render
