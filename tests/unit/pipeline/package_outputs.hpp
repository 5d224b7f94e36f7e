#pragma once
// Test helper: every text output of a package (pages, transcript pages,
// index, manifest) for a course, rendered through the real passes without
// media (each lesson gets a stand-in video path and a duration).

#include <string>
#include <vector>

#include "packager/lesson/model.hpp"
#include "packager/scorm/package.hpp"

namespace packager::pipeline::testing {

struct Outputs {
  std::vector<std::string> pages;
  std::vector<std::string> transcripts;
  std::string index;
  std::string manifest;
  std::vector<std::string> files;  // every file the package would hold, but the manifest
  std::vector<std::string> all() const;  // every text output
};

Outputs render_outputs(const lesson::Course& course, double duration_seconds = 61);

// Parses every lesson file in `dir` (sorted) into a course.
lesson::Course course_from_folder(const std::string& id, const std::string& dir);

}  // namespace packager::pipeline::testing
