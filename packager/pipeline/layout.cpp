#include "packager/pipeline/layout.hpp"

#include <fmt/format.h>

namespace packager::pipeline {

std::string lesson_dir(const lesson::Lesson& lesson) { return "lessons/" + lesson.slug; }
std::string lesson_page_path(const lesson::Lesson& lesson) { return lesson_dir(lesson) + "/index.html"; }
std::string lesson_video_path(const lesson::Lesson& lesson) { return lesson_dir(lesson) + "/video.mp4"; }
std::string lesson_transcript_path(const lesson::Lesson& lesson) { return lesson_dir(lesson) + "/transcript.html"; }

std::string package_file_name(const lesson::Course& course) {
  return fmt::format("{}-{}-{}.zip", course.identifier, course.version,
                     course.scorm == lesson::ScormVersion::scorm12 ? "scorm12" : "scorm2004");
}

}  // namespace packager::pipeline
