#include "packager/pipeline/layout.hpp"

#include <gtest/gtest.h>

namespace packager::pipeline {
namespace {

TEST(Layout, PackageNameCarriesIdVersionAndTarget) {
  lesson::Course course;
  course.identifier = "pix-edu-domaine-1";
  course.version = "1.0.0";
  EXPECT_EQ(package_file_name(course), "pix-edu-domaine-1-1.0.0-scorm12.zip");
  course.scorm = lesson::ScormVersion::scorm2004_4th;
  EXPECT_EQ(package_file_name(course), "pix-edu-domaine-1-1.0.0-scorm2004.zip");
}

TEST(Layout, LessonFilesLiveUnderTheSlug) {
  lesson::Lesson l;
  l.slug = "les-acteurs";
  EXPECT_EQ(lesson_page_path(l), "lessons/les-acteurs/index.html");
  EXPECT_EQ(lesson_video_path(l), "lessons/les-acteurs/video.mp4");
}

}  // namespace
}  // namespace packager::pipeline
