#pragma once
// The content package as the scorm stage sees it: an organization tree of
// items and the resources they launch. Filled by the pipeline.

#include <string>
#include <vector>

namespace packager::scorm {

enum class Version { scorm12, scorm2004_4th };

struct Resource {
  std::string identifier;
  std::string href;  // launch file, relative to the package root; empty for assets
  bool sco = true;   // sco (tracked) or asset
  std::vector<std::string> files;         // every file, relative to the package root
  std::vector<std::string> dependencies;  // identifiers of asset resources
};

struct Item {
  std::string identifier;
  std::string title;
  std::string resource;  // identifierref; empty for grouping items
  std::vector<Item> children;
};

// LOM metadata for the whole package (IMS MD 1.2.1 in 1.2, IEEE LOM in 2004).
// Empty fields are left out.
struct Metadata {
  std::string title;
  std::string description;
  std::string language;  // "fr"
  std::string version;   // the course version, "1.0.0"
  std::string rights;    // licence and credits, free text
  double duration_seconds = 0;  // total playing time of the course
};

struct Package {
  Version version = Version::scorm12;
  std::string identifier;  // manifest identifier
  std::string title;       // organization title
  std::string course_version;
  Metadata metadata;
  // 2004 only: share of progress at which the LMS counts a SCO completed
  // (adlcp:completionThreshold on every leaf item).
  double completion_threshold = 0.9;
  std::vector<Item> items;
  std::vector<Resource> resources;
};

}  // namespace packager::scorm
