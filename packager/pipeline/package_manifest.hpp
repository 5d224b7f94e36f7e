#pragma once
// Translates a built course into the scorm stage's Package: items from the
// organization tree, one sco resource per lesson listing its files, and one
// asset resource for the shared files (CSS, JS, the course index) that
// every lesson depends on. Kept apart from pass_write_packages.cpp so per-lesson
// packaging can call it for a one-lesson course.

#include <string>
#include <vector>

#include "packager/lesson/model.hpp"
#include "packager/pipeline/state.hpp"
#include "packager/scorm/package.hpp"

namespace packager::pipeline {

// The package for `course` built as `builds` (parallel to course.lessons).
scorm::Package package_for(const lesson::Course& course, const std::vector<LessonBuild>& builds,
                           const render::Templates& templates);

// The files of one lesson inside the package ('/'-separated, relative),
// launch page first.
std::vector<std::string> lesson_files(const lesson::Lesson& lesson, const LessonBuild& build);

// The files of the shared asset resource: the course index and the
// template assets.
std::vector<std::string> shared_files(const render::Templates& templates);

}  // namespace packager::pipeline
