// The course manifest's `target` key and the warnings it brings: settings
// that would not work where the course is meant to be played.
#include <filesystem>

#include <gtest/gtest.h>

#include "packager/lesson/course.hpp"
#include "tests/support/test_support.hpp"

namespace packager::lesson {
namespace {
namespace fs = std::filesystem;
using packager::testing::ScratchDir;
using packager::testing::write_file;

struct Collection {
  ScratchDir dir;
  Collection() {
    fs::create_directories(dir / "content");
    write_file(dir / "content" / "a.md", "---\ntitle: A\nvideoDownloadHref: https://h/a.mp4\n---\n");
    write_file(dir / "content" / "b.md", "---\ntitle: B\nvideoDownloadHref: https://h/b.mp4\n---\n");
  }
  // Loads "id/title/lessons" plus `keys`; the diagnostics with <dir>.
  std::optional<Course> load(const std::string& keys, std::string& text) const {
    write_file(dir / "course.yaml", "id: demo\ntitle: Demo\nlessons: [content/*.md]\n" + keys);
    Diagnostics d;
    auto course = load_course(dir / "course.yaml", d);
    text = d.to_string();
    const std::string root = dir.path().string();
    for (size_t at; (at = text.find(root)) != std::string::npos;) text.replace(at, root.size(), "<dir>");
    return course;
  }
};

TEST(CourseTarget, DefaultIsGenericWithoutWarnings) {
  Collection c;
  std::string text;
  const auto course = c.load("scorm: 2004-4th\n", text);
  ASSERT_TRUE(course) << text;
  EXPECT_EQ(course->target, Target::generic);
  EXPECT_EQ(text, "");
}

TEST(CourseTarget, MoodleAppWarnsAboutScorm2004AtTheScormKey) {
  Collection c;
  std::string text;
  const auto course = c.load("target: moodle-app\nscorm: 2004-4th\npackaging: per-lesson\n", text);
  ASSERT_TRUE(course) << "a warning, not an error";
  EXPECT_EQ(course->target, Target::moodle_app);
  EXPECT_EQ(text,
            "<dir>/course.yaml:5:8: warning: scorm 2004 will not play on target moodle-app: the Moodle app plays "
            "SCORM 1.2 packages only; use scorm: \"1.2\"\n"
            "    scorm: 2004-4th\n"
            "           ^\n");
}

TEST(CourseTarget, MoodleWarnsAboutOneScorm2004PackageOfSeveralLessons) {
  Collection c;
  std::string text;
  ASSERT_TRUE(c.load("target: moodle\nscorm: 2004-4th\n", text));
  EXPECT_NE(text.find("course.yaml:5:8: warning: scorm 2004 with 2 lessons in one package on target moodle: Moodle "
                      "4.5 keeps one SCORM 2004 API per visit of its player"),
            std::string::npos)
      << text;
  // Per lesson, or in 1.2, nothing to say.
  ASSERT_TRUE(c.load("target: moodle\nscorm: 2004-4th\npackaging: per-lesson\n", text));
  EXPECT_EQ(text, "");
  ASSERT_TRUE(c.load("target: moodle-app\nscorm: \"1.2\"\n", text));
  EXPECT_EQ(text, "");
}

TEST(CourseTarget, UnknownTargetIsAnError) {
  Collection c;
  std::string text;
  EXPECT_FALSE(c.load("target: moodle-desktop\n", text));
  EXPECT_EQ(text,
            "<dir>/course.yaml:4:9: error: 'target' must be generic|moodle|moodle-app, not 'moodle-desktop'\n"
            "    target: moodle-desktop\n"
            "            ^\n");
}

}  // namespace
}  // namespace packager::lesson
