// The package pass: imsmanifest.xml and the zip.
#include <fmt/format.h>

#include "packager/archive/zip_writer.hpp"
#include "packager/util/size.hpp"
#include "packager/pipeline/layout.hpp"
#include "packager/pipeline/package_manifest.hpp"
#include "packager/pipeline/package_zip.hpp"
#include "packager/pipeline/build_date.hpp"
#include "packager/scorm/manifest.hpp"
#include "packager/util/fs.hpp"

namespace packager::pipeline {
namespace fs = std::filesystem;
namespace {

// One zip for `course` (the whole course, or the one lesson `only` of it),
// staged in the bundle (the commit pass moves it into the output folder
// with the report), with the size budget applied: over
// --max-package-size, the zip is dropped and the problem added to
// `refused` (or, with --oversize warn, kept with a warning).
Result<void> write_package(BuildState& state, const lesson::Course& course, const std::vector<LessonBuild>& builds,
                           const lesson::Lesson* only, std::vector<std::string>& refused) {
  const BuildOptions& options = state.options;
  TRY_ASSIGN(auto contents, package_contents(state, course, builds));
  // With the site, the zips are offered in its scorm/ folder.
  const std::string rel = (options.format.site ? std::string(k_scorm_dir) + "/" : "") + package_file_name(course);
  const fs::path final_path = options.output_dir / rel;
  const fs::path staged = state.bundle / rel;
  TRY_ASSIGN(const WrittenZip written,
             write_package_zip(contents, package_files(state, contents, course, builds), staged, final_path.string(),
                               video_facts(course, builds), static_cast<std::size_t>(options.jobs)));
  // The report's SHA256SUMS line, and each video's digests for the cache,
  // without reading the zip or the video again.
  if (!written.sha256.empty()) state.known_sha256[rel] = written.sha256;
  for (size_t i = 0; i < state.course.lessons.size(); ++i) {
    LessonBuild& b = state.lessons[i];
    auto it = written.videos.find(lesson_video_path(state.course.lessons[i]));
    if (it == written.videos.end() || b.video.empty()) continue;
    if (b.video_sha256.empty()) b.video_sha256 = it->second.first;
    if (!b.video_crc32) b.video_crc32 = it->second.second;
  }
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(staged, ec);
  if (ec) return fail(ErrorCode::output, fmt::format("cannot read back {}", staged.string()));
  if (options.max_package_bytes > 0 && size > options.max_package_bytes) {
    const std::string sizes = fmt::format("{}, over the limit of {} (--max-package-size)",
                                          util::format_size_binary(size),
                                          util::format_size_binary(options.max_package_bytes));
    if (!options.oversize_warns) {
      fs::remove(staged, ec);
      refused.push_back(only == nullptr
                            ? fmt::format("{}: the package would be {}; package per lesson (packaging: per-lesson) "
                                          "or lower --max-height", final_path.string(), sizes)
                            : fmt::format("{}: {}: the package would be {}; lower --max-height for this lesson",
                                          only->source.string(), final_path.string(), sizes));
      return {};
    }
    state.reporter.warning(fmt::format("{}: the package is {}; an LMS with that upload limit will refuse it",
                                       final_path.string(), sizes),
                           only != nullptr ? only->slug : std::string());
  }
  state.outputs.push_back(rel);
  state.packages.push_back(final_path);
  return {};
}

}  // namespace

lesson::Course course_shell(const lesson::Course& course) {
  lesson::Course shell = course;  // everything but the lessons, copied once
  shell.lessons.clear();
  shell.lesson_files.clear();
  return shell;
}

lesson::Course one_lesson_course(const lesson::Course& shell, const lesson::Course& course, size_t i) {
  lesson::Course one = shell;
  one.lessons = {course.lessons[i]};
  one.identifier = course.identifier + "-" + course.lessons[i].slug;
  one.title = course.lessons[i].title;
  one.group_by_area = false;  // one lesson needs no area item above it
  return one;
}

Result<PackageContents> package_contents(const BuildState& state, const lesson::Course& course,
                                         const std::vector<LessonBuild>& builds) {
  PackageContents contents;
  contents.package = package_for(course, builds, state.templates);
  TRY_ASSIGN(contents.manifest, scorm::write_manifest(contents.package));
  // A per-lesson package gets an index of its own lesson only, so no link
  // points at a lesson that is not in the zip.
  if (&course == &state.course) {
    contents.index_html = state.index_html;
  } else {
    TRY_ASSIGN(contents.index_html, render_course_index(state, course, builds));
  }
  return contents;
}

std::vector<PackageFile> package_files(const BuildState& state, const PackageContents& contents,
                                       const lesson::Course& course, const std::vector<LessonBuild>& builds) {
  std::vector<PackageFile> files = shared_package_files(state.templates, contents.index_html);
  for (size_t i = 0; i < course.lessons.size(); ++i) {
    auto lesson = lesson_package_files(course.lessons[i], builds[i]);
    files.insert(files.end(), lesson.begin(), lesson.end());
  }
  return files;
}

VideoFacts video_facts(const lesson::Course& course, const std::vector<LessonBuild>& builds) {
  VideoFacts facts;
  for (size_t i = 0; i < course.lessons.size() && i < builds.size(); ++i)
    if (!builds[i].video.empty())
      facts[lesson_video_path(course.lessons[i])] = {builds[i].video_crc32, builds[i].video_bytes,
                                                    !builds[i].video_sha256.empty() || builds[i].skip_video_sha256};
  return facts;
}

Result<WrittenZip> write_package_zip(const PackageContents& contents, const std::vector<PackageFile>& files,
                                     const fs::path& zip_path, const std::string& display_name,
                                     const VideoFacts& facts, std::size_t workers) {
  TRY(util::make_directories(zip_path.parent_path()));
  TRY_ASSIGN(auto zip, archive::ZipWriter::create(zip_path, build_epoch()));
  zip.set_workers(workers);
  if (!display_name.empty()) zip.set_display_name(display_name);
  TRY(zip.add_bytes("imsmanifest.xml", contents.manifest));
  for (const auto& f : files) {
    if (f.on_disk())
      TRY(zip.add_file(f.path, f.file));
    else
      TRY(zip.add_bytes(f.path, std::string(f.bytes)));
    if (f.kind != PackageFileKind::video) continue;
    // With its CRC known, the whole zip is hashed as it is written; the
    // video's own bytes too, when the build does not know their SHA-256.
    const auto known = facts.find(f.path);
    if (known == facts.end() || !known->second.sha256_known) zip.hash_entry(f.path);
    if (known != facts.end() && known->second.crc32) zip.expect(f.path, *known->second.crc32, known->second.size);
  }
  TRY(zip.commit());
  WrittenZip written;
  if (zip.sha256_streamed()) {
    TRY_ASSIGN(written.sha256, zip.sha256());
  }
  for (const auto& f : files) {
    if (f.kind != PackageFileKind::video) continue;
    const auto crc = zip.entry_crc32(f.path);
    const std::string sha = zip.entry_sha256(f.path);
    if (crc && !sha.empty()) written.videos[f.path] = {sha, *crc};
  }
  return written;
}

Result<void> write_packages(BuildState& state) {
  // Every package over the upload limit is named, not just the first; the
  // bundle is then not committed at all.
  std::vector<std::string> refused;
  const auto checkpoint = [&]() -> Result<void> {
    if (refused.empty()) return {};
    for (size_t i = 0; i + 1 < refused.size(); ++i) state.reporter.error(refused[i]);
    return fail(ErrorCode::output, refused.back());
  };
  if (state.course.packaging == lesson::PackagingMode::single) {
    TRY(write_package(state, state.course, state.lessons, nullptr, refused));
    return checkpoint();
  }
  // per-lesson: each lesson is a one-lesson course "<id>-<slug>", so its
  // package is "<id>-<slug>-<version>-<target>.zip".
  const lesson::Course shell = course_shell(state.course);
  for (size_t i = 0; i < state.course.lessons.size(); ++i)
    TRY(write_package(state, one_lesson_course(shell, state.course, i), {state.lessons[i]}, &state.course.lessons[i],
                      refused));
  return checkpoint();
}

}  // namespace packager::pipeline
