#pragma once
// Checks of the limits in core/limits.hpp that no single stage can make:
// how many lessons a course has, how long a transcript is (the lesson stage
// only bounds the whole file), how long a video lasts (known once probed).
// Each fails with ErrorCode::input or ErrorCode::media and a message naming
// the file, the value found and the limit.

#include <string>

#include "packager/core/error.hpp"
#include "packager/lesson/model.hpp"

namespace packager::pipeline {

// Fails (ErrorCode::input) when the course has too many lessons or a
// lesson's transcript is too long.
Result<void> check_course_limits(const lesson::Course& course, const std::string& input);

// Fails (ErrorCode::media) when a video lasts longer than the limit.
Result<void> check_video_duration(const lesson::Lesson& lesson, const std::string& url, double seconds);

}  // namespace packager::pipeline
