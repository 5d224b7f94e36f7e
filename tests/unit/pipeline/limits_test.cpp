#include "packager/pipeline/limits_check.hpp"

#include <gtest/gtest.h>

#include "packager/core/limits.hpp"
#include "packager/fetch/fetcher.hpp"
#include "packager/lesson/lesson.hpp"

namespace packager::pipeline {
namespace {

// The stages that enforce a limit themselves keep their own constant; these
// pin them to the single table in core/limits.hpp (and docs/hardening.md).
TEST(Limits, StageConstantsMatchTheTable) {
  EXPECT_EQ(lesson::k_max_lesson_bytes, limits::k_max_lesson_bytes);
  EXPECT_EQ(fetch::FetchOptions{}.max_bytes, limits::k_max_download_bytes);
}

lesson::Lesson lesson_named(const std::string& name) {
  lesson::Lesson l;
  l.source = "lessons/" + name + ".md";
  l.slug = name;
  return l;
}

TEST(Limits, TooManyLessonsIsAnInputError) {
  lesson::Course course;
  course.lessons.resize(limits::k_max_lessons, lesson_named("a"));
  EXPECT_TRUE(check_course_limits(course, "course.yaml"));
  course.lessons.push_back(lesson_named("b"));
  const auto result = check_course_limits(course, "course.yaml");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::input);
  EXPECT_EQ(result.error().message,
            "course.yaml: the course has 1001 lessons; the limit is 1000 (split it into several courses)");
}

TEST(Limits, TooLongTranscriptIsAnInputError) {
  lesson::Course course;
  course.lessons.push_back(lesson_named("long"));
  course.lessons.back().transcript_markdown.assign(limits::k_max_transcript_bytes, 'x');
  EXPECT_TRUE(check_course_limits(course, "course.yaml"));
  course.lessons.back().transcript_markdown.push_back('x');
  const auto result = check_course_limits(course, "course.yaml");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::input);
  EXPECT_EQ(result.error().message, "lessons/long.md: the transcript is 524289 bytes long; the limit is 524288 bytes");
}

TEST(Limits, TooLongVideoIsAMediaError) {
  const auto l = lesson_named("film");
  EXPECT_TRUE(check_video_duration(l, "http://h/v.mp4", limits::k_max_video_seconds));
  const auto result = check_video_duration(l, "http://h/v.mp4", limits::k_max_video_seconds + 1);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::media);
  EXPECT_EQ(result.error().message,
            "lessons/film.md: http://h/v.mp4: the video lasts 14401 s; the limit is 14400 s (4 h)");
}

}  // namespace
}  // namespace packager::pipeline
