// The ZIM pass (--format zim): the course as a Kiwix ZIM file, for the
// Kiwix readers (Android, desktop, kiwix-serve on a hotspot). One file for
// the course, or one per area when it would be over --max-file-size (FAT32
// sticks and SD cards hold files under 4 GiB). The ZIM holds the same files
// as the packages (package_files.hpp), with lesson pages rendered without
// the SCORM runtime; the files are staged in the bundle, which the commit
// pass moves into the output folder.
#include <algorithm>

#include <fmt/format.h>

#include "packager/lesson/areas.hpp"
#include "packager/media/illustration.hpp"
#include "packager/pipeline/build_date.hpp"
#include "packager/pipeline/layout.hpp"
#include "packager/pipeline/package_files.hpp"
#include "packager/pipeline/state.hpp"
#include "packager/render/markdown.hpp"
#include "packager/render/page.hpp"
#include "packager/util/fs.hpp"
#include "packager/util/size.hpp"
#include "packager/util/text.hpp"
#include "packager/zim/writer.hpp"

namespace packager::pipeline {
namespace fs = std::filesystem;
namespace {

// One ZIM to write: the whole course, or the lessons of one area.
struct ZimPart {
  std::string area;     // empty: the whole course
  std::string suffix;   // "" or "-<area-slug>", in the file name and the Name
  lesson::Course course;
  std::vector<LessonBuild> builds;
};

bool is_text(PackageFileKind kind) {
  return kind == PackageFileKind::page || kind == PackageFileKind::transcript || kind == PackageFileKind::index ||
         kind == PackageFileKind::captions || kind == PackageFileKind::asset;
}

// What the file would add to the ZIM: its bytes, and for text about as much
// again for the search indexes (measured: the index of the edu transcripts
// is 0.6x their size). Text is counted uncompressed, so this is an upper
// bound for everything but the index.
std::uintmax_t estimated_size(const PackageFile& f) {
  std::error_code ec;
  const std::uintmax_t bytes = f.on_disk() ? fs::file_size(f.file, ec) : f.bytes.size();
  return is_text(f.kind) ? 2 * bytes : bytes;
}

zim::ZimEntry entry_for(const PackageFile& f) {
  zim::ZimEntry e;
  e.path = f.path;
  e.mime_type = mime_type(f.path);
  e.compress = is_text(f.kind);  // videos, posters and PDF sheets are compressed already
  if (f.on_disk()) e.file = f.file;
  else e.bytes = std::string(f.bytes);
  return e;
}

// The lessons' own files (package_files.hpp), the lesson page rendered for
// the ZIM. Videos carry their remux key as content id so the ZIM's hash
// does not read them.
Result<void> add_lesson(const BuildState& state, zim::ZimBook& book, const lesson::Course& course,
                        const lesson::Lesson& l, const LessonBuild& b, std::uintmax_t& size) {
  for (const auto& f : lesson_package_files(l, b)) {
    zim::ZimEntry e = entry_for(f);
    if (f.kind == PackageFileKind::page) {
      TRY_ASSIGN(e.bytes, render::render_zim_lesson_page(state.templates, lesson_page_for(course, l, b)));
      e.title = l.title;
      e.front_article = true;
      e.indexed = true;
      // A teacher searches the videos' words: description and transcript.
      for (const std::string* part : {&l.description, &l.intro_markdown, &l.transcript_markdown}) {
        const std::string words = part == &l.description ? *part : render::markdown_to_text(*part);
        if (!words.empty()) e.index_text += (e.index_text.empty() ? "" : "\n") + words;
      }
      const std::string area_title = lesson::area_title(l.area);
      e.index_keywords = area_title == l.area ? l.area : l.area + " " + area_title;
    }
    if (f.kind == PackageFileKind::video) {
      if (!b.video_sha256.empty()) e.content_id = "sha256:" + b.video_sha256;
      else if (b.source && !b.transcoded) e.content_id = "remux:" + remux_key(state, b);
    }
    size += estimated_size(f);  // the SCORM page: about as big as the ZIM's
    book.entries.push_back(std::move(e));
  }
  return {};
}

// The first `count` characters (whole UTF-8 sequences) of `text`.
std::string first_chars(const std::string& text, size_t count) {
  size_t i = 0;
  for (size_t n = 0; i < text.size() && n < count; ++n) {
    ++i;
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
  }
  return text.substr(0, i);
}

zim::ZimMetadata metadata_for(const BuildState& state, const ZimPart& part) {
  const lesson::Course& c = state.course;
  zim::ZimMetadata m;
  const std::string lang2 = c.language.substr(0, 2);
  m.name = c.identifier + "_" + lang2 + (part.suffix.empty() ? "" : "_" + part.suffix.substr(1));
  const std::string area_name = lesson::area_title(part.area);
  m.title = part.area.empty() ? c.title : c.title + " — " + (area_name.empty() ? part.area : area_name);
  m.creator = c.creator.empty() ? "Unknown" : c.creator;
  m.publisher = c.publisher.empty() ? m.creator : c.publisher;
  m.date = build_date();
  m.description = first_chars(c.description.empty() ? c.title : c.description, 80);
  // The areas and how many lessons: what a library shows before download.
  std::vector<std::string> areas;
  for (const auto& l : part.course.lessons) {
    const std::string title = l.area.empty() ? "" : lesson::area_title(l.area);
    const std::string name = title.empty() || title == l.area ? l.area : l.area + " : " + title;
    if (!name.empty() && std::find(areas.begin(), areas.end(), name) == areas.end()) areas.push_back(name);
  }
  std::string long_description = c.description.empty() ? c.title : c.description;
  long_description += fmt::format(" ({} {}{}{})", part.course.lessons.size(),
                                  lang2 == "en" ? "video lessons" : "leçons vidéo", areas.empty() ? "" : ": ",
                                  fmt::join(areas, "; "));
  m.long_description = first_chars(long_description, 4000);
  m.language = zim::iso639_3(c.language);
  m.tags = "_category:other;_ftindex:yes;_pictures:yes;_videos:yes;_details:yes;video;course";
  m.flavour = part.suffix.empty() ? "all" : part.suffix.substr(1);
  m.license = c.licence;
  return m;
}

// The part's book: index, shared assets (style sheets: ZIM pages run no
// script), every lesson; and how big its file will be, about.
Result<std::pair<zim::ZimBook, std::uintmax_t>> book_for(const BuildState& state, const ZimPart& part) {
  zim::ZimBook book;
  std::uintmax_t size = 0;
  // No runtime: a ZIM page runs no script (old Android readers).
  TRY_ASSIGN(std::string index_html, render_course_index(state, part.course, part.builds, {}, /*runtime=*/false));
  for (const auto& f : shared_package_files(state.templates, index_html)) {
    if (mime_type(f.path).rfind("text/javascript", 0) == 0) continue;
    zim::ZimEntry e = entry_for(f);
    if (f.kind == PackageFileKind::index) {
      e.title = part.course.title;
      e.front_article = true;
    }
    size += estimated_size(f);
    book.entries.push_back(std::move(e));
  }
  book.main_path = k_index_page;
  for (size_t i = 0; i < part.course.lessons.size(); ++i)
    TRY(add_lesson(state, book, part.course, part.course.lessons[i], part.builds[i], size));
  book.metadata = metadata_for(state, part);
  // Kiwix shows the course with its first poster.
  const auto poster = std::find_if(part.builds.begin(), part.builds.end(),
                                   [](const LessonBuild& b) { return !b.poster.empty(); });
  if (poster != part.builds.end()) {
    TRY_ASSIGN(book.metadata.illustration_png, media::make_illustration(poster->poster, 48));
  } else {
    TRY_ASSIGN(book.metadata.illustration_png, media::plain_illustration(0x1f4e79, 48));
  }
  size += book.metadata.illustration_png.size() + 64 * 1024;  // metadata, pointer lists, headers
  return std::make_pair(std::move(book), size);
}

// The lessons of each area, areas in course order (as on the index).
std::vector<ZimPart> parts_by_area(const BuildState& state) {
  std::vector<ZimPart> parts;
  for (size_t i = 0; i < state.course.lessons.size(); ++i) {
    const lesson::Lesson& l = state.course.lessons[i];
    auto part = std::find_if(parts.begin(), parts.end(), [&](const ZimPart& p) { return p.area == l.area; });
    if (part == parts.end()) {
      ZimPart p;
      p.area = l.area;
      p.suffix = "-" + (l.area.empty() ? std::string("other") : util::slugify(l.area));
      p.course = state.course;
      p.course.lessons.clear();
      p.course.lesson_files.clear();
      part = parts.insert(parts.end(), std::move(p));
    }
    part->course.lessons.push_back(l);
    part->builds.push_back(state.lessons[i]);
  }
  return parts;
}

std::string zim_file_name(const lesson::Course& course, const std::string& suffix) {
  return fmt::format("{}-{}{}.zim", course.identifier, course.version, suffix);
}

Result<fs::path> write_part(BuildState& state, const ZimPart& part, const zim::ZimBook& book, const fs::path& dir) {
  const fs::path staged = dir / zim_file_name(state.course, part.suffix);
  zim::ZimSettings settings;
  settings.index_language = zim::iso639_3(state.course.language);
  TRY_ASSIGN(const zim::ZimWritten written, zim::write_zim(book, staged, settings));
  // Hashed while its checksum was fixed: the report need not read it again.
  if (!written.sha256.empty()) state.known_sha256[staged.filename().string()] = written.sha256;
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(staged, ec);
  if (size > state.options.max_file_bytes)
    return fail(ErrorCode::media,
                fmt::format("{}: the ZIM is {}, over --max-file-size {}{}", staged.filename().string(),
                            util::format_size_binary(size), util::format_size_binary(state.options.max_file_bytes),
                            part.area.empty() ? "" : "; this area alone is too big (try --max-height)"));
  state.reporter.detail(fmt::format("zim: {} entries, {}", book.entries.size(), util::format_size_binary(size)));
  return staged;
}

// Records the ZIM files staged in the bundle: the report lists them and
// the commit moves them into the output folder with it.
void record_zim_files(BuildState& state, const std::vector<fs::path>& staged) {
  for (const auto& file : staged) {
    const std::string rel = file.filename().string();
    state.outputs.push_back(rel);
    state.zim_files.push_back(state.options.output_dir / rel);
  }
}

}  // namespace

Result<void> write_zim(BuildState& state) {
  const fs::path& dir = state.bundle;
  ZimPart whole{"", "", state.course, state.lessons};
  TRY_ASSIGN(auto book, book_for(state, whole));
  std::vector<fs::path> staged;
  if (book.second <= state.options.max_file_bytes) {
    TRY_ASSIGN(fs::path file, write_part(state, whole, book.first, dir));
    staged.push_back(std::move(file));
  } else {
    state.reporter.info(fmt::format("the course would make a ZIM of about {}, over --max-file-size {}: one ZIM per area",
                                    util::format_size_binary(book.second),
                                    util::format_size_binary(state.options.max_file_bytes)));
    for (const auto& part : parts_by_area(state)) {
      TRY_ASSIGN(auto part_book, book_for(state, part));
      if (part_book.second > state.options.max_file_bytes)
        return fail(ErrorCode::media,
                    fmt::format("the area '{}' alone would make a ZIM of about {}, over --max-file-size {} (try "
                                "--max-height)",
                                part.area, util::format_size_binary(part_book.second),
                                util::format_size_binary(state.options.max_file_bytes)));
      TRY_ASSIGN(fs::path file, write_part(state, part, part_book.first, dir));
      staged.push_back(std::move(file));
    }
  }
  record_zim_files(state, staged);
  return {};
}

}  // namespace packager::pipeline
