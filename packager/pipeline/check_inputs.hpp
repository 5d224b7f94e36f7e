#pragma once
// The one validation pass, run by `packager check` and as the first pass of
// `packager build`, before any network or media work: everything about a
// course that can be known from its files. The lesson stage checks the
// lesson files and the course manifest as it reads them (fields, URLs,
// embed links, control characters, areas, an empty course); this adds what
// needs the files a lesson points at and the package's layout:
//
//   - caption files parse as WebVTT;
//   - PDF sheets are non-empty, start with "%PDF-" and are within
//     limits::k_max_pdf_bytes;
//   - every path a lesson gets in a package or site is a valid FAT32/exFAT
//     and Windows name;
//   - every media folder (--media-dir) exists.
//
// Every problem is one diagnostic; one inside a referenced file names that
// file's line and the lesson line that references it.

#include <filesystem>
#include <string>
#include <vector>

#include "packager/core/diagnostic.hpp"
#include "packager/lesson/model.hpp"

namespace packager::pipeline {

// The checks of one lesson's referenced files and package names. Returns
// whether it added an error.
bool check_lesson_inputs(const lesson::Lesson& lesson, Diagnostics& diagnostics);

// " (captionFilePath of lessons/a.md:7:18)": appended to a problem found in
// a file a lesson points at (`key` is the front-matter field), so it names
// both. Also used for caption files fetched by URL.
std::string referenced_by(const lesson::Lesson& lesson, const char* key, const lesson::Field& field);

// check_lesson_inputs for every lesson of `course`, and the media folders
// given on the command line. Returns how many lessons got an error.
int check_course_inputs(const lesson::Course& course, const std::vector<std::filesystem::path>& media_dirs,
                        Diagnostics& diagnostics);

}  // namespace packager::pipeline
