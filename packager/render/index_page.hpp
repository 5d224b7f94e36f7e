#pragma once
// The course index page (index.html at the package root): the lessons
// grouped by area, with thumbnails and durations. Used on USB sticks and
// sites, and as a browsing aid inside the package.

#include <string>
#include <vector>

#include "packager/core/error.hpp"
#include "packager/render/templates.hpp"

namespace packager::render {

struct IndexLesson {
  std::string title;
  std::string description;
  std::string href;            // the lesson page, relative to index.html
  std::string thumbnail_href;  // poster image; empty for none
  double duration_seconds = 0;
};

struct IndexArea {
  std::string name;  // empty: lessons without an area
  std::vector<IndexLesson> lessons;
};

struct IndexPage {
  std::string language = "fr";
  std::string course_title;
  std::string course_version;
  std::string licence;
  std::vector<IndexArea> areas;  // in course order
  std::string assets_href = "shared/";
};

// Renders index.html. ErrorCode::input naming the template when it does not
// parse.
Result<std::string> render_index_page(const Templates& templates, const IndexPage& page);

}  // namespace packager::render
