// The package's text outputs built from real lessons: the edu corpus
// validates against the official XSDs in both SCORM versions, hostile lesson
// text is escaped everywhere, and the seed lesson's page and manifest match
// their golden files (UPDATE_GOLDEN=1 rewrites them).
#include <cstdlib>
#include <set>

#include <gtest/gtest.h>

#include "packager/lesson/lesson.hpp"
#include "packager/scorm/manifest_check.hpp"
#include "tests/support/test_support.hpp"
#include "tests/unit/pipeline/package_outputs.hpp"

namespace packager::pipeline {
namespace {
using packager::testing::ScratchDir;
using packager::testing::shared_dir;
using testing::render_outputs;

int xsd_validate(const std::string& xml, const char* version) {
  ScratchDir dir;
  packager::testing::write_file(dir / "imsmanifest.xml", xml);
  return packager::testing::run((shared_dir() / "scorm-xsd" / "validate.sh").string() + " " +
                                (dir / "imsmanifest.xml").string() + " " + version + " 2>" +
                                (dir / "errors.txt").string());
}

std::string findings_text(const std::vector<scorm::Finding>& findings) {
  std::string out;
  for (const auto& f : findings) out += f.file + ":" + std::to_string(f.line) + ": " + f.message + "\n";
  return out;
}

// WCAG structure: lang on <html>, exactly one h1 and it comes first,
// headings never skip a level going down, and the main landmark exists.
std::string outline_problem(const std::string& html) {
  if (html.find("<html lang=\"") == std::string::npos) return "no lang on <html>";
  if (html.find("<main") == std::string::npos) return "no <main> landmark";
  int previous = 0;
  int h1 = 0;
  for (size_t at = html.find("<h"); at != std::string::npos; at = html.find("<h", at + 1)) {
    const char level = at + 2 < html.size() ? html[at + 2] : 0;
    if (level < '1' || level > '6') continue;
    const int n = level - '0';
    if (n == 1) ++h1;
    if (previous == 0 && n != 1) return "the first heading is not h1";
    if (n > previous + 1) return "h" + std::to_string(previous) + " is followed by h" + std::to_string(n);
    previous = n;
  }
  return h1 == 1 ? "" : std::to_string(h1) + " h1 elements";
}

class Corpus : public ::testing::TestWithParam<const char*> {};

TEST_P(Corpus, ManifestsValidateAsScorm12And2004) {
  lesson::Course course = testing::course_from_folder("pix-edu", (shared_dir() / "corpus" / GetParam()).string());
  ASSERT_GE(course.lessons.size(), 40u) << "the corpus lessons should parse";
  for (const auto version : {lesson::ScormVersion::scorm12, lesson::ScormVersion::scorm2004_4th}) {
    course.scorm = version;
    const auto out = render_outputs(course);
    const bool v12 = version == lesson::ScormVersion::scorm12;
    EXPECT_EQ(xsd_validate(out.manifest, v12 ? "12" : "2004"), 0) << GetParam();
    const std::set<std::string> files(out.files.begin(), out.files.end());
    EXPECT_EQ(findings_text(scorm::check_manifest(out.manifest, files)), "");
    EXPECT_EQ(out.manifest.find("&#"), std::string::npos);
    EXPECT_EQ(out.pages.size(), course.lessons.size());
    for (const auto& html : out.pages) {
      EXPECT_EQ(outline_problem(html), "") << html;
      // The transcript is one Tab away (skip link) and has a printable page.
      if (html.find("id=\"transcript\"") != std::string::npos) {
        EXPECT_NE(html.find("<a class=\"skip-link\" href=\"#transcript\">"), std::string::npos);
        EXPECT_NE(html.find("<a href=\"transcript.html\">"), std::string::npos);
      }
    }
    for (const auto& html : out.transcripts) EXPECT_EQ(outline_problem(html), "") << html;
    EXPECT_EQ(outline_problem(out.index), "") << out.index;
  }
}

INSTANTIATE_TEST_SUITE_P(Edu, Corpus, ::testing::Values("pix-tutos/content/edu", "pix-tutos-2023/content/edu"));

// Every field of a lesson carries the hostile strings; no output may carry
// them as markup.
TEST(Escaping, HostileLessonTextIsEscapedInEveryOutput) {
  const std::string evil = R"(<script>alert(1)</script> \"><img src=x onerror=alert(2)> javascript:alert(3) &#231;&#x3C;b)";
  const std::string evil_md = R"(<script>alert(1)</script> "><img src=x onerror=alert(2)> [a](javascript:alert(3)) [b](data:text/html;base64,PHNjcmlwdD4=) ![i](https://evil.example/x.png) &#231;&#x3C;b)";
  const std::string text = "---\narea: \"" + evil + "\"\ntitle: \"" + evil + "\"\ndescription: \"" + evil +
                           "\"\nvideoDownloadHref: https://example.org/v.mp4\n---\n\n" + evil_md +
                           "\n\n## Transcription\n\n" + evil_md + "\n\n## Crédits\n\n- **Production** : " + evil_md +
                           "\n- **Licence** : [CC BY <script>x</script>](javascript:alert(4))\n\n## Autre\n\n" +
                           evil_md + "\n";
  Diagnostics diagnostics;
  auto l = lesson::parse_lesson("evil.md", text, diagnostics);
  ASSERT_TRUE(l) << diagnostics.error_count();
  lesson::Course course;
  course.identifier = "evil";
  course.title = evil;
  course.licence = evil;
  course.lessons.push_back(*l);
  for (const auto version : {lesson::ScormVersion::scorm12, lesson::ScormVersion::scorm2004_4th}) {
    course.scorm = version;
    const auto out = render_outputs(course);
    ASSERT_EQ(out.transcripts.size(), 1u);
    for (const auto& output : out.all()) {
      EXPECT_EQ(output.find("<script>"), std::string::npos) << output;
      EXPECT_EQ(output.find("<img src=x"), std::string::npos) << output;
      EXPECT_EQ(output.find("<img src=\"https"), std::string::npos) << output;
      EXPECT_EQ(output.find("href=\"javascript:"), std::string::npos) << output;
      EXPECT_EQ(output.find("href=\"data:"), std::string::npos) << output;
      EXPECT_EQ(output.find("&#231;"), std::string::npos) << output;
      EXPECT_EQ(output.find("&#x3C;"), std::string::npos) << output;
      EXPECT_NE(output.find("&lt;script&gt;"), std::string::npos) << output;
    }
    EXPECT_NE(out.pages[0].find("<h1>&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x"),
              std::string::npos)
        << out.pages[0];
    EXPECT_EQ(out.manifest.find("&#"), std::string::npos) << "numeric references show literally in Moodle";
    EXPECT_EQ(xsd_validate(out.manifest, version == lesson::ScormVersion::scorm12 ? "12" : "2004"), 0);
  }
}

// Re-uploading a new version must keep learners' tracking: a new course
// version with retitled lessons keeps every identifier.
TEST(Identifiers, StableAcrossVersionsAndTitleChanges) {
  lesson::Course course = testing::course_from_folder("pix-edu", (shared_dir() / "corpus" / "pix-tutos-2023/content/edu").string());
  ASSERT_FALSE(course.lessons.empty());
  const auto ids = [](const std::string& manifest) {
    std::vector<std::string> out;
    for (size_t at = manifest.find("identifier=\""); at != std::string::npos;
         at = manifest.find("identifier=\"", at + 1))
      out.push_back(manifest.substr(at, manifest.find('"', at + 12) - at));
    return out;
  };
  const auto before = ids(render_outputs(course).manifest);
  course.version = "2.0.0";
  course.title = "Nouveau titre";
  for (auto& l : course.lessons) l.title += " (révisé)";
  const auto after = ids(render_outputs(course).manifest);
  EXPECT_EQ(before, after);
  EXPECT_EQ(std::set<std::string>(before.begin(), before.end()).size(), before.size()) << "identifiers are unique";
  EXPECT_GT(before.size(), 2 * course.lessons.size());
}

// The seed lesson's outputs against golden files.
void golden(const std::string& name, const std::string& actual) {
  const auto path = packager::testing::source_dir() / "tests" / "unit" / "pipeline" / "golden" / name;
  if (const char* update = std::getenv("UPDATE_GOLDEN"); update != nullptr && std::string(update) == "1") {
    packager::testing::write_file(path, actual);
    return;
  }
  EXPECT_EQ(packager::testing::read_file(path), actual)
      << name << " differs from its golden file (UPDATE_GOLDEN=1 to accept)";
}

TEST(Golden, SeedLessonPageTranscriptIndexAndManifests) {
  Diagnostics diagnostics;
  auto l = lesson::load_lesson(shared_dir() / "seed" / "000_c06ca674b3debc3d.txt", diagnostics);
  ASSERT_TRUE(l);
  lesson::Course course;
  course.identifier = "pix-edu";
  course.title = "Pix+ Édu";
  course.version = "1.0.0";
  course.lessons.push_back(*l);
  const auto v12 = render_outputs(course, 185);
  golden("seed-lesson.html", v12.pages[0]);
  golden("seed-transcript.html", v12.transcripts[0]);
  golden("seed-index.html", v12.index);
  golden("seed-imsmanifest-12.xml", v12.manifest);
  course.scorm = lesson::ScormVersion::scorm2004_4th;
  course.language = "en";
  const auto v2004 = render_outputs(course, 185);
  golden("seed-imsmanifest-2004.xml", v2004.manifest);
  golden("seed-lesson-en-2004.html", v2004.pages[0]);
}

}  // namespace
}  // namespace packager::pipeline
