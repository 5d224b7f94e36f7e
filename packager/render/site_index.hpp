#pragma once
// The offline site's index.html (`--format site`): the course by area, with
// posters, durations and transcript links, and the SCORM zips for an LMS.
// Rendered from templates/site-index.html.mustache. The page needs no
// server: plain links, no script, everything it shows is inlined.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "packager/core/error.hpp"

namespace packager::render {

struct SiteLesson {
  std::string title;
  std::string description;
  std::string href;             // "lessons/<slug>/index.html"
  std::string poster_href;      // empty for none
  std::string transcript_href;  // empty when the lesson has no transcript
  double duration_seconds = 0;
};

struct SiteArea {
  std::string name;  // empty: lessons without an area, shown without a heading
  std::vector<SiteLesson> lessons;
};

struct SitePackage {
  std::string href;  // "scorm/<id>-<version>-scorm12.zip"
  std::string name;
  std::uintmax_t size = 0;
};

struct SiteIndex {
  std::string language = "fr";
  std::string course_title;
  std::string course_version;
  std::string licence;
  std::vector<SiteArea> areas;
  std::vector<SitePackage> packages;
  std::string assets_href = "shared/";
};

inline constexpr const char* k_site_index_template = "site-index.html.mustache";

// Renders the index with `templates_dir`/site-index.html.mustache.
// ErrorCode::input naming the template when it is missing or does not parse.
Result<std::string> render_site_index(const std::filesystem::path& templates_dir, const SiteIndex& index);

// "12.3 MB" style size for people (decimal units, as on USB stick labels).
std::string format_size(std::uintmax_t bytes);

}  // namespace packager::render
