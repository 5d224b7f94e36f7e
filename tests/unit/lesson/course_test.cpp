// Course manifests: every key, every manifest error with its position, and
// the shipped manifests on the real corpus.
#include "packager/lesson/course.hpp"

#include <filesystem>
#include <map>

#include <gtest/gtest.h>

#include "packager/lesson/areas.hpp"
#include "tests/support/test_support.hpp"

namespace packager::lesson {
namespace {
namespace fs = std::filesystem;
using packager::testing::ScratchDir;
using packager::testing::source_dir;
using packager::testing::write_file;

// A small collection: content/a.md, content/b.md (PDF), public/pdf/b.pdf,
// and the manifest written by each test as course.yaml.
struct Fixture {
  ScratchDir dir;
  Fixture() {
    fs::create_directories(dir / "lessons" / "content");
    fs::create_directories(dir / "lessons" / "public" / "pdf");
    fs::create_directories(dir / "media");
    write_file(dir / "lessons" / "public" / "pdf" / "b.pdf", "%PDF-1.4\n");
    write_file(dir / "lessons" / "content" / "a.md",
               "---\ntitle: A\narea: Domaine 2\nvideoDownloadHref: https://h/a.mp4\n---\n");
    write_file(dir / "lessons" / "content" / "b.md",
               "---\ntitle: B\narea: Domaine 1\nfileType: PDF\npdfFilePath: /pdf/b.pdf\n---\n");
    write_file(dir / "lessons" / "content" / "c.md",
               "---\ntitle: C\narea: Domaine 1\npriority: 2\nvideoDownloadHref: https://h/c.mp4\n---\n");
  }
  fs::path manifest(const std::string& text) const {
    write_file(dir / "course.yaml", text);
    return dir / "course.yaml";
  }
  // Diagnostics with the scratch folder shown as <dir>.
  std::string errors(const Diagnostics& d) const {
    std::string text = d.to_string();
    const std::string root = dir.path().string();
    for (size_t at; (at = text.find(root)) != std::string::npos;) text.replace(at, root.size(), "<dir>");
    return text;
  }
};

const char* k_header = "id: demo\ntitle: Demo\ncollection: lessons\n";

TEST(Course, ReadsEveryKey) {
  Fixture f;
  Diagnostics d;
  const auto course = load_course(
      f.manifest("id: demo\ntitle: Demo\nversion: 2.1.0-rc.1\nlanguage: en\nscorm: 2004-4th\n"
                 "packaging: per-lesson\nlicence: CC BY 4.0\ncollection: lessons\n"
                 "lessons:\n  - content/*.md\npublic_dir: public\nmedia_dir: media\n"
                 "completion_threshold: 75%\ngrouping: none\n"),
      d);
  ASSERT_TRUE(course) << d.to_string();
  EXPECT_EQ(course->identifier, "demo");
  EXPECT_EQ(course->version, "2.1.0-rc.1");
  EXPECT_EQ(course->language, "en");
  EXPECT_EQ(course->scorm, ScormVersion::scorm2004_4th);
  EXPECT_EQ(course->packaging, PackagingMode::per_lesson);
  EXPECT_EQ(course->licence, "CC BY 4.0");
  EXPECT_EQ(course->media_dir, f.dir / "media");
  EXPECT_EQ(course->public_root, fs::canonical(f.dir / "lessons" / "public"));
  EXPECT_DOUBLE_EQ(course->completion_threshold, 0.75);
  EXPECT_FALSE(course->group_by_area);
  ASSERT_EQ(course->lessons.size(), 3u);
  // No grouping: priority (highest first), then file order.
  EXPECT_EQ(course->lessons[0].slug, "c");
  EXPECT_EQ(course->lessons[1].slug, "a");
  EXPECT_EQ(course->lessons[2].slug, "b");
  EXPECT_EQ(course->lessons[2].pdf_file, fs::canonical(f.dir / "lessons/public/pdf/b.pdf"));
}

TEST(Course, DefaultsAndAreaOrder) {
  Fixture f;
  Diagnostics d;
  const auto course = load_course(f.manifest(std::string(k_header) + "lessons: [content/*.md]\n"), d);
  ASSERT_TRUE(course) << d.to_string();
  EXPECT_EQ(course->version, "1.0.0");
  EXPECT_EQ(course->language, "fr");
  EXPECT_EQ(course->scorm, ScormVersion::scorm12);
  EXPECT_EQ(course->packaging, PackagingMode::single);
  EXPECT_DOUBLE_EQ(course->completion_threshold, 0.9);
  // public/ found by walking up from the first lesson.
  EXPECT_EQ(course->public_root, fs::canonical(f.dir / "lessons" / "public"));
  // Domaine 1 (c priority 2, then b) before Domaine 2 (a).
  ASSERT_EQ(course->lessons.size(), 3u);
  EXPECT_EQ(course->lessons[0].slug, "c");
  EXPECT_EQ(course->lessons[1].slug, "b");
  EXPECT_EQ(course->lessons[2].slug, "a");
}

TEST(Course, ExplicitOrderComesFirst) {
  Fixture f;
  Diagnostics d;
  const auto course = load_course(
      f.manifest(std::string(k_header) + "lessons: [content/*.md]\norder: [a, b]\n"), d);
  ASSERT_TRUE(course) << d.to_string();
  EXPECT_EQ(course->lessons[0].slug, "a");
  EXPECT_EQ(course->lessons[1].slug, "b");
  EXPECT_EQ(course->lessons[2].slug, "c");
}

struct ManifestError {
  const char* name;
  std::string manifest;
  std::string expected;
};

std::vector<ManifestError> manifest_errors() {
  const std::string h = k_header;
  return {
      {"unknown_key", h + "lessons: [content/a.md]\npackagng: per-lesson\n",
       "<dir>/course.yaml:5:1: error: unknown key 'packagng'; did you mean 'packaging'?\n"
       "    packagng: per-lesson\n"
       "    ^\n"},
      {"glob_matching_nothing", h + "lessons:\n  - content/*.markdown\n",
       "<dir>/course.yaml:5:5: error: 'content/*.markdown' matches no lesson file in <dir>/lessons\n"
       "      - content/*.markdown\n"
       "        ^\n"},
      {"missing_lesson_file", h + "lessons:\n  - content/zz.md\n",
       "<dir>/course.yaml:5:5: error: 'content/zz.md' matches no lesson file in <dir>/lessons\n"
       "      - content/zz.md\n"
       "        ^\n"},
      {"duplicate_lesson", h + "lessons:\n  - content/[abc].md\n  - content/./a.md\n",
       "<dir>/course.yaml:6:5: error: lesson 'a.md' is listed twice (already by 'content/[abc].md')\n"
       "      - content/./a.md\n"
       "        ^\n"},
      {"bad_version", h + "version: 1.0\nlessons: [content/a.md]\n",
       "<dir>/course.yaml:4:10: error: 'version' must be a semantic version like 1.0.0, not '1.0'\n"
       "    version: 1.0\n"
       "             ^\n"},
      {"bad_scorm", h + "scorm: 2004-3rd\nlessons: [content/a.md]\n",
       "<dir>/course.yaml:4:8: error: 'scorm' must be 1.2 or 2004-4th, not '2004-3rd'\n"
       "    scorm: 2004-3rd\n"
       "           ^\n"},
      {"bad_language", h + "language: de\nlessons: [content/a.md]\n",
       "<dir>/course.yaml:4:11: error: 'language' must be fr or en, not 'de'\n"
       "    language: de\n"
       "              ^\n"},
      {"bad_threshold", h + "completion_threshold: 1.5\nlessons: [content/a.md]\n",
       "<dir>/course.yaml:4:23: error: 'completion_threshold' must be between 0 and 1 (or 0% and "
       "100%), not '1.5'\n"
       "    completion_threshold: 1.5\n"
       "                          ^\n"},
      {"bad_packaging", h + "packaging: zip\nlessons: [content/a.md]\n",
       "<dir>/course.yaml:4:12: error: 'packaging' must be single or per-lesson, not 'zip'\n"
       "    packaging: zip\n"
       "               ^\n"},
      {"bad_id", "id: Pix Edu\ntitle: T\ncollection: lessons\nlessons: [content/a.md]\n",
       "<dir>/course.yaml:1:5: error: 'id' must be lower-case letters, digits and '-' (e.g. "
       "'pix-edu')\n"
       "    id: Pix Edu\n"
       "        ^\n"},
      {"missing_collection", "id: d\ntitle: T\ncollection: nowhere\nlessons: [a.md]\n",
       "<dir>/course.yaml:3:13: error: 'collection' folder <dir>/nowhere does not exist\n"
       "    collection: nowhere\n"
       "                ^\n"
       "<dir>/course.yaml:4:11: error: 'a.md' matches no lesson file in <dir>/nowhere\n"
       "    lessons: [a.md]\n"
       "              ^\n"},
      {"missing_public_dir", h + "public_dir: www\nlessons: [content/a.md]\n",
       "<dir>/course.yaml:4:13: error: 'public_dir' folder <dir>/lessons/www does not exist\n"
       "    public_dir: www\n"
       "                ^\n"},
      {"order_names_unknown_lesson", h + "lessons: [content/a.md]\norder: [a, zz]\n",
       "<dir>/course.yaml:5:12: error: 'order' names 'zz', which is not a lesson of this course\n"
       "    order: [a, zz]\n"
       "               ^\n"},
      {"missing_required", "version: 1.0.0\n",
       "<dir>/course.yaml:1:1: error: missing required field 'id'\n"
       "    version: 1.0.0\n"
       "    ^\n"
       "<dir>/course.yaml:1:1: error: missing required field 'title'\n"
       "    version: 1.0.0\n"
       "    ^\n"
       "<dir>/course.yaml:1:1: error: missing required field 'lessons'\n"
       "    version: 1.0.0\n"
       "    ^\n"},
      {"invalid_yaml", "id: d\ntitle: [T\n",
       "<dir>/course.yaml:3:1: error: invalid YAML: end of sequence flow not found\n"},
      {"not_utf8", "id: d\ntitle: caf\xE9\n",
       "<dir>/course.yaml:2:11: error: not valid UTF-8 (byte offset 16); save the file as UTF-8\n"},
      {"not_a_mapping", "- a.md\n",
       "<dir>/course.yaml:1:1: error: a course manifest must be 'key: value' lines (id, title, "
       "lessons, ...)\n"
       "    - a.md\n"
       "    ^\n"},
      {"no_lesson", h + "lessons: []\n",
       "<dir>/course.yaml:4:10: error: 'lessons' is empty: a course needs at least one lesson\n"
       "    lessons: []\n"
       "             ^\n"},
      {"missing_media_dir", h + "media_dir: videos\nlessons: [content/a.md]\n",
       "<dir>/course.yaml:4:12: error: 'media_dir' folder <dir>/videos does not exist\n"
       "    media_dir: videos\n"
       "               ^\n"},
      {"control_character_in_a_value", h + "licence: \"CC\\tBY\\x1b\"\nlessons: [content/a.md]\n",
       "<dir>/course.yaml:4:10: error: 'licence' holds the control character U+001B, which no page can show; "
       "remove it\n"
       "    licence: \"CC\\tBY\\x1b\"\n"
       "             ^\n"},
      {"lesson_errors_come_too", h + "lessons: [content/a.md, content/bad.md]\n",
       "<dir>/lessons/content/bad.md:1:1: error: missing required field 'title'\n"
       "    ---\n"
       "    ^\n"},
  };
}

class ManifestErrors : public ::testing::TestWithParam<ManifestError> {};

TEST_P(ManifestErrors, ReportExactly) {
  Fixture f;
  write_file(f.dir / "lessons" / "content" / "bad.md", "---\nvideoDLHref: https://h/v.mp4\n---\n");
  Diagnostics d;
  EXPECT_FALSE(load_course(f.manifest(GetParam().manifest), d));
  EXPECT_EQ(f.errors(d), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(Course, ManifestErrors, ::testing::ValuesIn(manifest_errors()),
                         [](const auto& row) { return std::string(row.param.name); });

// Two files named alike in different folders would share a folder and SCORM
// identifiers: an input error naming both files and both manifest entries.
TEST(Course, LessonsWithTheSameNameInTwoFoldersAreRefused) {
  Fixture f;
  fs::create_directories(f.dir / "lessons" / "other");
  write_file(f.dir / "lessons" / "other" / "A.md", "---\ntitle: A bis\nvideoDownloadHref: https://h/a2.mp4\n---\n");
  Diagnostics d;
  EXPECT_FALSE(load_course(f.manifest(std::string(k_header) + "lessons:\n  - content/a.md\n  - content/b.md\n"
                                                              "  - other/A.md\n"),
                           d));
  EXPECT_EQ(f.errors(d),
            "<dir>/course.yaml:7:5: error: lessons '<dir>/lessons/content/a.md' (listed at <dir>/course.yaml:5:5) "
            "and '<dir>/lessons/other/A.md' have the same name 'a', which names a lesson's folder and SCORM "
            "identifiers; rename one of the files\n"
            "      - other/A.md\n"
            "        ^\n");
  // In a flow list, each entry keeps its own column.
  Diagnostics glob;
  EXPECT_FALSE(load_course(f.manifest(std::string(k_header) + "lessons: [content/a.md, other/*.md]\n"), glob));
  EXPECT_EQ(glob.error_count(), 1);
  EXPECT_NE(f.errors(glob).find("<dir>/course.yaml:4:25: error: lessons '<dir>/lessons/content/a.md' (listed at "
                                "<dir>/course.yaml:4:11) and '<dir>/lessons/other/A.md'"),
            std::string::npos)
      << f.errors(glob);
}

TEST(Course, ReadCourseKeepsWhatLoaded) {
  Fixture f;
  write_file(f.dir / "lessons" / "content" / "bad.md", "---\nvideoDLHref: https://h/v.mp4\n---\n");
  Diagnostics d;
  const Course course = read_course(f.manifest(std::string(k_header) + "lessons: [content/*.md]\n"), d);
  EXPECT_EQ(course.lesson_files.size(), 4u);
  EXPECT_EQ(course.lessons.size(), 3u);
  EXPECT_EQ(d.error_count(), 1);
}

// Lessons read on several workers: the same lessons, in the same order, and
// the same diagnostics in the same order as one worker gives.
TEST(Course, ReadOnWorkersGivesTheSequentialResult) {
  Fixture f;
  for (int i = 0; i < 12; ++i) {
    // Every third lesson has an error, every other one a warning (an unknown
    // key), so the order of diagnostics across lessons shows.
    std::string text = "---\ntitle: L" + std::to_string(i) + "\narea: Domaine 1\n";
    if (i % 3 == 0) text += "videoDLHref: https://h/v" + std::to_string(i) + ".mp4\n";
    else text += "videoDownloadHref: https://h/v" + std::to_string(i) + ".mp4\n";
    if (i % 2 == 0) text += "colour: blue\n";
    write_file(f.dir / "lessons" / "content" / ("m" + std::to_string(i) + ".md"), text + "---\n");
  }
  const auto manifest = f.manifest(std::string(k_header) + "lessons: [content/*.md]\n");
  Diagnostics one;
  const Course sequential = read_course(manifest, one, 1);
  ASSERT_GE(one.all().size(), 4u);
  for (size_t workers : {2u, 4u, 16u}) {
    Diagnostics many;
    const Course parallel = read_course(manifest, many, workers);
    EXPECT_EQ(f.errors(many), f.errors(one)) << workers << " workers";
    ASSERT_EQ(parallel.lessons.size(), sequential.lessons.size());
    for (size_t i = 0; i < parallel.lessons.size(); ++i) EXPECT_EQ(parallel.lessons[i].slug, sequential.lessons[i].slug);
  }
}

// The shipped manifests, on ../shared/corpus.
std::map<std::string, int> count_by_area(const Course& course) {
  std::map<std::string, int> counts;
  for (const auto& l : course.lessons) ++counts[l.area];
  return counts;
}

TEST(ShippedManifests, PixEduIsTheNinetyTwoLessonsByArea) {
  Diagnostics d;
  const auto course = load_course(source_dir() / "manifests" / "pix-edu.yaml", d);
  ASSERT_TRUE(course) << d.to_string();
  EXPECT_EQ(d.all().size(), 0u) << d.to_string();
  EXPECT_EQ(course->identifier, "pix-edu");
  EXPECT_EQ(course->packaging, PackagingMode::single);
  ASSERT_EQ(course->lessons.size(), 92u);
  const std::map<std::string, int> expected = {{"Domaine 1", 26}, {"Domaine 2", 9}, {"Domaine 3", 16},
                                               {"Domaine 4", 11}, {"Domaine 5", 21}, {"Webinaires", 9}};
  EXPECT_EQ(count_by_area(*course), expected);
  // Areas in the table's order, each contiguous; inside one, file order.
  size_t last_rank = 0;
  for (size_t i = 0; i < course->lessons.size(); ++i) {
    const size_t rank = area_rank(course->lessons[i].area);
    EXPECT_GE(rank, last_rank) << course->lessons[i].slug;
    if (i > 0 && rank == last_rank) {
      EXPECT_LT(course->lessons[i - 1].source, course->lessons[i].source);
    }
    last_rank = rank;
  }
  EXPECT_EQ(course->lessons.front().slug, "agir-face-au-cyberharcelement");
}

TEST(ShippedManifests, PixMednumHasVideosWithCaptionsAndPdfSheets) {
  Diagnostics d;
  const auto course = load_course(source_dir() / "manifests" / "pix-mednum.yaml", d);
  ASSERT_TRUE(course) << d.to_string();
  ASSERT_EQ(course->lessons.size(), 7u);
  int pdfs = 0, captions = 0;
  for (const auto& l : course->lessons) {
    if (l.file_type == FileType::pdf) {
      ++pdfs;
      EXPECT_TRUE(fs::is_regular_file(l.pdf_file)) << l.slug;
    }
    if (!l.caption_file.empty()) ++captions;
  }
  EXPECT_EQ(pdfs, 3);
  EXPECT_EQ(captions, 4);
}

TEST(ShippedManifests, PixSixiemeIsPerLessonWithThePresentationFirst) {
  Diagnostics d;
  const auto course = load_course(source_dir() / "manifests" / "pix-sixieme.yaml", d);
  ASSERT_TRUE(course) << d.to_string();
  EXPECT_EQ(d.warning_count(), 1);  // the real description:Hameçonnage
  EXPECT_EQ(course->packaging, PackagingMode::per_lesson);
  ASSERT_EQ(course->lessons.size(), 7u);
  EXPECT_EQ(course->lessons[0].slug, "presentation-attestation-sensibilisation-sixieme");
  EXPECT_EQ(course->lessons[1].slug,
            "comment-reconnaitre-des-situations-de-cyberharcelement-et-comment-y-faire-face");
}

// A key written twice is a warning, as in lessons; yaml-cpp reads the first.
TEST(Course, DuplicateKeyWarns) {
  Fixture f;
  Diagnostics d;
  const auto course = load_course(f.manifest(std::string(k_header) + "title: Other\nlessons: [content/a.md]\n"), d);
  ASSERT_TRUE(course) << d.to_string();
  EXPECT_EQ(course->title, "Demo");
  EXPECT_EQ(f.errors(d),
            "<dir>/course.yaml:4:1: warning: 'title' is given twice; the first value is used\n"
            "    title: Other\n"
            "    ^\n");
}

// Areas differing only in case or spacing are one area: the table's code
// for a known one, else the first lesson's spelling, with a warning.
TEST(Course, AreasDifferingInCaseOrSpacingAreOne) {
  Fixture f;
  write_file(f.dir / "lessons" / "content" / "d.md",
             "---\ntitle: D\narea: domaine  1\nvideoDownloadHref: https://h/d.mp4\n---\n");
  write_file(f.dir / "lessons" / "content" / "e.md",
             "---\ntitle: E\narea: Atelier libre\nvideoDownloadHref: https://h/e.mp4\n---\n");
  write_file(f.dir / "lessons" / "content" / "g.md",
             "---\ntitle: G\narea: atelier  LIBRE\nvideoDownloadHref: https://h/g.mp4\n---\n");
  Diagnostics d;
  const auto course =
      load_course(f.manifest(std::string(k_header) + "lessons: [content/a.md, content/d.md, content/e.md, "
                                                     "content/g.md]\n"),
                  d);
  ASSERT_TRUE(course) << d.to_string();
  EXPECT_EQ(f.errors(d),
            "<dir>/lessons/content/g.md:3:7: warning: area 'atelier  LIBRE' is grouped with 'Atelier libre' "
            "(<dir>/lessons/content/e.md): areas are compared without case or spacing; write it the same way in "
            "both\n");
  std::vector<std::string> areas;
  for (const auto& l : course->lessons) areas.push_back(l.slug + ":" + l.area);
  EXPECT_EQ(areas, (std::vector<std::string>{"d:Domaine 1", "a:Domaine 2", "e:Atelier libre", "g:Atelier libre"}));
}

TEST(Areas, LongTitlesAndRanks) {
  EXPECT_EQ(area_title("Domaine 2"), "Sélectionner, créer et gérer des ressources");
  EXPECT_EQ(area_title("domaine  2"), "Sélectionner, créer et gérer des ressources");
  EXPECT_EQ(area_title("Autre"), "Autre");
  EXPECT_EQ(area_rank("Domaine 1"), 0u);
  EXPECT_EQ(area_rank("Webinaires"), 5u);
  EXPECT_EQ(area_rank("Autre"), area_table().size());
}

}  // namespace
}  // namespace packager::lesson
