#pragma once
// Checks an imsmanifest.xml the way an unforgiving LMS reads it, covering
// what the XSDs cannot see (see ../shared/scorm-xsd/README.md): exact
// schemaversion, the adlcp prefix and namespace, scormtype present and
// lower case, organizations/@default naming an organization, identifierrefs
// resolving, leaf / non-leaf items, unique identifiers, titles, safe and
// present hrefs, names Moodle would rename, and files listed vs present.

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "packager/scorm/package.hpp"

namespace packager::scorm {

enum class Severity { error, warning };

struct Finding {
  Severity severity = Severity::error;
  int line = 0;         // 1-based line in imsmanifest.xml; 0 for the package as a whole
  std::string file;     // the file concerned when not the manifest ("lessons/a/x.mp4")
  std::string message;  // "item ITEM-1: identifierref RES-9 names no resource"
};

// Checks `xml` (the text of imsmanifest.xml). `files` holds every file of
// the package other than the manifest, '/'-separated and relative; nullopt
// skips the checks that need the files (a manifest checked alone). Never
// fails: a manifest that is not well-formed gives one finding.
std::vector<Finding> check_manifest(const std::string& xml, const std::optional<std::set<std::string>>& files);

// The SCORM version a manifest declares (by its root namespace), or nullopt
// when it is neither 1.2 nor 2004 or does not parse.
std::optional<Version> detect_version(const std::string& xml);

// True when Moodle would keep `name` as is on extraction: ASCII, no
// & < > " ' | : \ or backtick, no control characters.
bool is_moodle_safe_name(const std::string& name);

// True for an href a package may use: relative, no "..", no backslash, no
// leading '/', no scheme.
bool is_safe_href(const std::string& href);

}  // namespace packager::scorm
