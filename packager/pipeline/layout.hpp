#pragma once
// Where things go inside a package and what it is called. One place, so the
// manifest, the pages and the zip always agree.

#include <string>

#include "packager/lesson/model.hpp"

namespace packager::pipeline {

inline constexpr const char* k_shared_dir = "shared";
inline constexpr const char* k_index_page = "index.html";  // the course index, at the root
inline constexpr const char* k_scorm_dir = "scorm";        // the site's folder of SCORM zips

std::string lesson_dir(const lesson::Lesson& lesson);         // "lessons/<slug>"
std::string lesson_page_path(const lesson::Lesson& lesson);   // "lessons/<slug>/index.html"
std::string lesson_video_path(const lesson::Lesson& lesson);  // "lessons/<slug>/video.mp4"
std::string lesson_transcript_path(const lesson::Lesson& lesson);  // "lessons/<slug>/transcript.html"

// "<id>-<version>-scorm12.zip" or "-scorm2004.zip".
std::string package_file_name(const lesson::Course& course);

}  // namespace packager::pipeline
