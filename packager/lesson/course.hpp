#pragma once
// Course manifests (manifests/*.yaml): which lessons make a course, and how
// it is packaged. docs/lessons-and-courses.md describes every key:
//
//   id: pix-edu                 # required; stable identifier: keeps LMS tracking
//   title: Pix+ Édu             # required
//   version: 1.0.0              # semver (default 1.0.0)
//   language: fr                # fr (default) or en
//   scorm: "1.2"                # 1.2 (default) or 2004-4th
//   packaging: single           # single (one multi-SCO package) or per-lesson
//   licence: CC BY-NC-ND 4.0
//   collection: ../../pix-tutos # the lesson checkout; default: the manifest's folder
//   lessons:                    # required; paths or globs, relative to `collection`
//     - content/edu/*.md
//   public_dir: public          # relative to `collection`; default: found above the lessons
//   media_dir: media            # relative to the manifest: local copies of videos
//   completion_threshold: 0.9   # 0-1 or "90%"
//   grouping: area              # area (default) or none
//   order: [slug-a, slug-b]     # lessons that come first, by file name
//   target: moodle-app          # generic (default), moodle or moodle-app: warns
//                               # about settings that would not work there
//
// Paths other than `lessons` and `public_dir` are relative to the
// manifest's folder. Every problem is a `path:line:col` diagnostic.

#include <filesystem>
#include <optional>

#include "packager/core/diagnostic.hpp"
#include "packager/lesson/model.hpp"

namespace packager::lesson {

// Parses a course manifest and loads every lesson it names. All problems in
// the manifest and in every lesson are reported before returning; returns
// nullopt if any of them is an error.
std::optional<Course> load_course(const std::filesystem::path& manifest, Diagnostics& diagnostics);

// The same, but returns what could be read even when there are errors:
// lesson_files as listed and the lessons that loaded (for `packager check`
// to count them). The lesson files are read and checked `workers` at a time;
// the diagnostics come in the order of a sequential run (lesson by lesson,
// in the listed order) whatever the number of workers.
Course read_course(const std::filesystem::path& manifest, Diagnostics& diagnostics, size_t workers = 1);

// A one-lesson course for `packager build lesson.md`.
std::optional<Course> course_from_lesson(const std::filesystem::path& lesson_file,
                                         Diagnostics& diagnostics);

// Loads either kind of input: ".yaml"/".yml" is a course manifest, anything
// else a lesson file.
std::optional<Course> load_input(const std::filesystem::path& input, Diagnostics& diagnostics);

}  // namespace packager::lesson
