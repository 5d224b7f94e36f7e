#include "packager/pipeline/build.hpp"

#include <cstdlib>
#include <map>

#include <fmt/format.h>

#include "packager/archive/zip_writer.hpp"
#include "packager/lesson/course.hpp"
#include "packager/media/remux.hpp"
#include "packager/pipeline/layout.hpp"
#include "packager/render/page.hpp"
#include "packager/scorm/identifiers.hpp"
#include "packager/scorm/manifest.hpp"
#include "packager/util/atomic_file.hpp"
#include "packager/util/fs.hpp"

namespace packager::pipeline {
namespace fs = std::filesystem;
namespace {

// What the media stages produced for one lesson.
struct LessonMedia {
  fetch::Fetched source;
  fs::path video;  // remuxed, inside the work folder
  media::MediaInfo info;
};

Result<lesson::Course> load_and_validate(const fs::path& input, const Reporter& reporter) {
  std::error_code ec;
  if (!fs::is_regular_file(input, ec))
    return fail(ErrorCode::usage, fmt::format("{}: no such file", input.string()));
  Diagnostics diagnostics;
  auto course = lesson::load_input(input, diagnostics);
  reporter.diagnostics(diagnostics);
  if (!course)
    return fail(ErrorCode::input, fmt::format("{} error(s) in the lesson files; nothing was built",
                                              diagnostics.error_count()));
  for (const auto& l : course->lessons) {
    if (l.file_type == lesson::FileType::pdf)
      return fail(ErrorCode::input, fmt::format("{}: PDF lessons cannot be packaged yet", l.source.string()));
    if (!l.video_url.present())
      return fail(ErrorCode::input,
                  fmt::format("{}:{}:{}: error: only a PeerTube embed link is given; add "
                              "'videoDownloadHref' with the video's download link",
                              l.source.string(), l.embed_url.pos.line, l.embed_url.pos.column));
  }
  return std::move(*course);
}

Result<std::map<std::string, fetch::Fetched>> fetch_all(const lesson::Course& course,
                                                        const fetch::FetchOptions& options,
                                                        const Reporter& reporter) {
  std::map<std::string, fetch::Fetched> fetched;
  for (const auto& l : course.lessons) {
    const std::string& url = l.video_url.value;
    reporter.detail(fmt::format("fetching {}", url));
    auto got = fetch::fetch_media(url, options);
    if (!got) return fail(got.error().code, fmt::format("{}: {}", l.source.string(), got.error().message));
    reporter.info(fmt::format("fetched {} ({})", url, fetch::to_string(got->origin)));
    fetched.emplace(l.slug, std::move(*got));
  }
  return fetched;
}

Result<std::map<std::string, LessonMedia>> remux_all(
    const lesson::Course& course, std::map<std::string, fetch::Fetched> sources,
    const fs::path& work, const Reporter& reporter) {
  std::map<std::string, LessonMedia> out;
  for (const auto& l : course.lessons) {
    LessonMedia m;
    m.source = std::move(sources.at(l.slug));
    m.video = work / lesson_video_path(l);
    TRY(util::make_directories(m.video.parent_path()));
    auto info = media::remux_to_faststart(m.source.path, m.video);
    if (!info)
      return fail(info.error().code, fmt::format("{}: {}: {}", l.source.string(), m.source.url,
                                                 info.error().message));
    m.info = *info;
    reporter.detail(fmt::format("remuxed {} ({:.1f} s, {}x{} {})", l.slug, info->duration_seconds,
                                info->width, info->height, info->video_codec));
    out.emplace(l.slug, std::move(m));
  }
  return out;
}

render::LessonPage page_for(const lesson::Course& course, const lesson::Lesson& l,
                            const LessonMedia& m) {
  render::LessonPage page;
  page.language = course.language;
  page.course_title = course.title;
  page.title = l.title;
  page.description = l.description;
  page.area = l.area;
  page.video_href = "video.mp4";
  page.duration_seconds = m.info.duration_seconds;
  page.intro_markdown = l.intro_markdown;
  page.transcript_markdown = l.transcript_markdown;
  page.credits_markdown = l.credits_markdown;
  page.extra_markdown = l.extra_markdown;
  if (l.licence) {
    page.licence_name = l.licence->name;
    page.licence_url = l.licence->url;
  }
  return page;
}

scorm::Package package_for(const lesson::Course& course, const render::Templates& templates) {
  scorm::Package package;
  package.version = course.scorm == lesson::ScormVersion::scorm12 ? scorm::Version::scorm12
                                                                  : scorm::Version::scorm2004_4th;
  package.identifier = scorm::make_identifier("MANIFEST", course.identifier);
  package.title = course.title;
  package.course_version = course.version;
  scorm::Resource shared;
  shared.identifier = scorm::make_identifier("RES", course.identifier, "shared");
  shared.sco = false;
  for (const auto& asset : templates.assets)
    shared.files.push_back(std::string(k_shared_dir) + "/" + asset.filename().string());
  for (const auto& l : course.lessons) {
    scorm::Resource r;
    r.identifier = scorm::make_identifier("RES", course.identifier, l.slug);
    r.href = lesson_page_path(l);
    r.files = {lesson_page_path(l), lesson_video_path(l)};
    r.dependencies = {shared.identifier};
    package.items.push_back({scorm::make_identifier("ITEM", course.identifier, l.slug), l.title,
                             r.identifier, {}});
    package.resources.push_back(std::move(r));
  }
  package.resources.push_back(std::move(shared));
  return package;
}

// Zip timestamps come from SOURCE_DATE_EPOCH when set (reproducible-builds
// convention), else a fixed date: the same inputs must give the same bytes.
std::int64_t package_mtime() {
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
    char* end = nullptr;
    const long long value = std::strtoll(epoch, &end, 10);
    if (end != epoch && *end == '\0' && value >= 315532800) return value;
  }
  return 946684800;  // 2000-01-01T00:00:00Z
}

}  // namespace

Result<BuildResult> build(const BuildOptions& options, const Reporter& reporter) {
  // 1. Read the course and every lesson first, reporting all problems at
  //    once, so an author fixes everything before anything is downloaded.
  TRY_ASSIGN(const lesson::Course course, load_and_validate(options.input, reporter));
  // 2. Load the templates now so a broken --templates folder fails fast.
  TRY_ASSIGN(const render::Templates templates, render::load_templates(options.templates_dir));
  // 3. Get every video: the user's own copy, the cache, or the network.
  fetch::FetchOptions fetch_options = options.fetch;
  if (!course.media_dir.empty()) fetch_options.media_dirs.push_back(course.media_dir);
  TRY_ASSIGN(auto sources, fetch_all(course, fetch_options, reporter));
  // 4. Work in a temporary folder beside the output; it vanishes on failure.
  TRY(util::make_directories(options.output_dir));
  TRY_ASSIGN(const util::TempDir work, util::TempDir::create(options.output_dir, ".packager-work-"));
  // 5. Remux each video to a faststart MP4; this also validates it.
  TRY_ASSIGN(const auto media, remux_all(course, std::move(sources), work.path(), reporter));
  // 6. Describe the package for the LMS: organization, items, resources.
  const scorm::Package package = package_for(course, templates);
  TRY_ASSIGN(std::string manifest, scorm::write_manifest(package));
  // 7. Queue every file into the zip: manifest, shared assets, lesson pages, videos.
  const fs::path zip_path = options.output_dir / package_file_name(course);
  TRY_ASSIGN(auto zip, archive::ZipWriter::create(zip_path, package_mtime()));
  TRY(zip.add_bytes("imsmanifest.xml", std::move(manifest)));
  for (const auto& asset : templates.assets)
    TRY(zip.add_file(std::string(k_shared_dir) + "/" + asset.filename().string(), asset));
  for (const auto& l : course.lessons) {
    const LessonMedia& m = media.at(l.slug);
    TRY_ASSIGN(std::string html, render::render_lesson_page(templates, page_for(course, l, m)));
    TRY(zip.add_bytes(lesson_page_path(l), std::move(html)));
    TRY(zip.add_file(lesson_video_path(l), m.video));
  }
  // 8. Commit: write the zip under a temporary name and rename it into place.
  TRY(zip.commit());
  reporter.info(fmt::format("wrote {}", zip_path.string()));
  return BuildResult{{zip_path}};
}

}  // namespace packager::pipeline
