#pragma once
// The page templates and static assets (CSS, the SCORM runtime JS) that go
// into every package. They live in a folder so users can override them with
// --templates DIR.

#include <filesystem>
#include <string>
#include <vector>

#include "packager/core/error.hpp"

namespace packager::render {

// The template files a templates folder must hold.
inline constexpr const char* k_lesson_template = "lesson.html.mustache";
inline constexpr const char* k_transcript_template = "transcript.html.mustache";
inline constexpr const char* k_index_template = "index.html.mustache";
// Optional in a --templates folder; needed by --format zim only: the lesson
// page of a ZIM file (no SCORM runtime, no script).
inline constexpr const char* k_zim_lesson_template = "zim-lesson.html.mustache";

struct Templates {
  std::filesystem::path dir;
  std::string lesson_page;      // lesson.html.mustache: the SCO
  std::string transcript_page;  // transcript.html.mustache: printable transcript
  std::string index_page;       // index.html.mustache: the course index
  std::string zim_lesson_page;  // zim-lesson.html.mustache; empty when the folder has none
  // Files copied verbatim into the package's shared/ folder.
  std::vector<std::filesystem::path> assets;
};

// Loads the templates from `dir`. ErrorCode::input naming the first missing
// file.
Result<Templates> load_templates(const std::filesystem::path& dir);

// Where the default templates are: $PACKAGER_TEMPLATES, then
// <exe>/../share/packager/templates (an installed binary), then the
// configured install prefix, then the source tree (a build-tree binary).
std::filesystem::path default_templates_dir(const std::filesystem::path& executable);

}  // namespace packager::render
