#include "packager/pipeline/limits_check.hpp"

#include <fmt/format.h>

#include "packager/core/limits.hpp"

namespace packager::pipeline {

Result<void> check_course_limits(const lesson::Course& course, const std::string& input) {
  if (course.lessons.size() > limits::k_max_lessons)
    return fail(ErrorCode::input,
                fmt::format("{}: the course has {} lessons; the limit is {} (split it into several courses)",
                            input, course.lessons.size(), limits::k_max_lessons));
  for (const auto& l : course.lessons)
    if (l.transcript_markdown.size() > limits::k_max_transcript_bytes)
      return fail(ErrorCode::input, fmt::format("{}: the transcript is {} bytes long; the limit is {} bytes",
                                                l.source.string(), l.transcript_markdown.size(),
                                                limits::k_max_transcript_bytes));
  return {};
}

Result<void> check_video_duration(const lesson::Lesson& lesson, const std::string& url, double seconds) {
  // NaN or negative durations come from damaged files the remux accepted;
  // only a known, too-long duration is refused here.
  if (seconds > limits::k_max_video_seconds)
    return fail(ErrorCode::media, fmt::format("{}: {}: the video lasts {:.0f} s; the limit is {:.0f} s ({} h)",
                                              lesson.source.string(), url, seconds, limits::k_max_video_seconds,
                                              static_cast<int>(limits::k_max_video_seconds / 3600)));
  return {};
}

}  // namespace packager::pipeline
