#pragma once
// One SCORM package of a build, from its manifest to its zip: the code path
// of write_packages (pass_package.cpp), shared with the outputs that embed
// per-lesson packages (the Moodle backup, pass_mbz.cpp) so they hold the
// very bytes `packaging: per-lesson` writes.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "packager/lesson/model.hpp"
#include "packager/pipeline/package_files.hpp"
#include "packager/pipeline/state.hpp"
#include "packager/scorm/package.hpp"

namespace packager::pipeline {

// What a package holds besides its lessons' files.
struct PackageContents {
  scorm::Package package;   // what the manifest says
  std::string manifest;     // imsmanifest.xml
  std::string index_html;   // the package's course index page
};

// `course` without its lessons: the settings every one-lesson course shares.
lesson::Course course_shell(const lesson::Course& course);
// Lesson i of `course` as the one-lesson course "<id>-<slug>" per-lesson
// packaging makes of it (its package: "<id>-<slug>-<version>-<target>.zip");
// `shell` is course_shell(course).
lesson::Course one_lesson_course(const lesson::Course& shell, const lesson::Course& course, size_t i);

// The manifest and index of the package for `course` built as `builds`
// (the whole course, or a one_lesson_course). Fails as the manifest writer
// and the index template do.
Result<PackageContents> package_contents(const BuildState& state, const lesson::Course& course,
                                         const std::vector<LessonBuild>& builds);

// Every file of that package but imsmanifest.xml: the shared files, then
// each lesson's. The views point into `contents` and `builds`.
std::vector<PackageFile> package_files(const BuildState& state, const PackageContents& contents,
                                       const lesson::Course& course, const std::vector<LessonBuild>& builds);

// What writing a zip learnt on the way, so that nothing reads it again.
struct WrittenZip {
  std::string sha256;  // of the zip, when computed while writing (else "")
  // Each video's SHA-256 and CRC-32, by path inside the package.
  std::map<std::string, std::pair<std::string, std::uint32_t>> videos;
};

// What a build already knows of each video, by path inside the package:
// with its CRC-32 and size (the remux cache's record) the zip writer hashes
// the zip while it writes it (archive/zip_sink.hpp); without its SHA-256
// the writer computes that too, from the bytes it writes.
struct VideoFact {
  std::optional<std::uint32_t> crc32;
  std::uint64_t size = 0;
  bool sha256_known = false;
};
using VideoFacts = std::map<std::string, VideoFact>;
VideoFacts video_facts(const lesson::Course& course, const std::vector<LessonBuild>& builds);

// Writes the zip at `zip_path` (committed by a rename; its folder made if
// needed). Errors name `display_name` (where the zip will end up) when
// given, else the path: ErrorCode::output. `workers` threads deflate its
// pages (the -j of the build; the bytes are the same for any number).
Result<WrittenZip> write_package_zip(const PackageContents& contents, const std::vector<PackageFile>& files,
                                     const std::filesystem::path& zip_path, const std::string& display_name,
                                     const VideoFacts& facts = {}, std::size_t workers = 1);

}  // namespace packager::pipeline
