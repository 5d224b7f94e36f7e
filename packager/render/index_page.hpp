#pragma once
// The course index page (index.html at the root of a package and of an
// offline site): the lessons grouped by area, with thumbnails, durations and
// transcript links, an "works offline" note, and on a site the SCORM zips for
// an LMS. Rendered from templates/index.html.mustache; the page needs no
// server and no script.

#include <cstdint>
#include <string>
#include <vector>

#include "packager/core/error.hpp"
#include "packager/render/templates.hpp"

namespace packager::render {

struct IndexLesson {
  std::string title;
  std::string description;
  std::string href;             // the lesson page, relative to index.html
  std::string thumbnail_href;   // poster image; empty for none
  double duration_seconds = 0;
  std::string transcript_href;  // the printable transcript; empty for none
};

struct IndexArea {
  std::string name;  // empty: lessons without an area
  std::vector<IndexLesson> lessons;
};

// A downloadable SCORM zip offered by an offline site.
struct IndexPackage {
  std::string href;  // "scorm/<id>-<version>-scorm12.zip"
  std::string name;
  std::uintmax_t size = 0;
};

struct IndexPage {
  std::string language = "fr";
  std::string course_title;
  std::string course_version;
  std::string licence;
  std::vector<IndexArea> areas;        // in course order
  std::vector<IndexPackage> packages;  // empty: no packages section
  bool offline_note = false;           // say the pages work without a network
  std::string assets_href = "shared/";
  // Load the SCORM runtime, which hides the lesson list inside an LMS; off
  // where pages must run no script (the Kiwix ZIM).
  bool runtime = true;
};

// Renders index.html. ErrorCode::input naming the template when it does not
// parse.
Result<std::string> render_index_page(const Templates& templates, const IndexPage& page);


}  // namespace packager::render
