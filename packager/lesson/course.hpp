#pragma once
// Course manifests (manifests/*.yaml): which lessons make a course, and how
// it is packaged. Paths in a manifest are relative to the manifest's folder.
//
//   id: pix-edu                 # stable identifier: keeps LMS tracking across versions
//   title: Pix+ Édu
//   version: 1.0.0              # semver
//   language: fr                # fr (default) or en
//   scorm: "1.2"                # 1.2 (default) or 2004-4th
//   packaging: single           # single (one multi-SCO package) or per-lesson
//   licence: CC BY-NC-ND 4.0
//   media_dir: ../samples/media # local copies of videos, by URL file name
//   lessons:                    # paths or globs, in order
//     - ../samples/lesson.md

#include <filesystem>
#include <optional>

#include "packager/core/diagnostic.hpp"
#include "packager/lesson/model.hpp"

namespace packager::lesson {

// Parses a course manifest and loads every lesson it names. All problems in
// the manifest and in every lesson are reported before returning; returns
// nullopt if any of them is an error.
std::optional<Course> load_course(const std::filesystem::path& manifest, Diagnostics& diagnostics);

// A one-lesson course for `packager build lesson.md`.
std::optional<Course> course_from_lesson(const std::filesystem::path& lesson_file,
                                         Diagnostics& diagnostics);

// Loads either kind of input: ".yaml"/".yml" is a course manifest, anything
// else a lesson file.
std::optional<Course> load_input(const std::filesystem::path& input, Diagnostics& diagnostics);

}  // namespace packager::lesson
