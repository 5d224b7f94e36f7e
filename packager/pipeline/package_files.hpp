#pragma once
// The one list of the files a lesson (and a course) is made of, with where
// each one's bytes come from. The SCORM manifest, the zip, the offline site
// and every later output writer (ZIM, mbz) read this list, so they can never
// disagree on what a lesson holds.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "packager/lesson/model.hpp"
#include "packager/pipeline/state.hpp"
#include "packager/render/templates.hpp"

namespace packager::pipeline {

enum class PackageFileKind { page, transcript, video, poster, captions, pdf, index, asset };

// One file of a package. Exactly one of `file` (a file on disk: media, the
// template assets) and `bytes` (rendered in memory: the pages) is set.
struct PackageFile {
  std::string path;                // inside the package, '/'-separated
  PackageFileKind kind = PackageFileKind::page;
  std::filesystem::path file;      // the bytes on disk, or empty
  std::string_view bytes;          // the bytes in memory (owned by the LessonBuild / caller)
  bool on_disk() const { return !file.empty(); }
};

// The files of lesson `l` as built in `b`, in a fixed order: page,
// transcript, video, poster, captions, PDF sheet (those it has). The views
// point into `b`, which must outlive the list.
std::vector<PackageFile> lesson_package_files(const lesson::Lesson& l, const LessonBuild& b);

// The files every package shares: the course index page (`index_html`,
// which must outlive the list) and the template assets under shared/.
std::vector<PackageFile> shared_package_files(const render::Templates& templates, std::string_view index_html);

// MIME type of a package file by its name (text types with charset=utf-8).
std::string mime_type(std::string_view path);

}  // namespace packager::pipeline
