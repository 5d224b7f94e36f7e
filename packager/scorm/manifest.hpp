#pragma once
// imsmanifest.xml with pugixml.

#include <string>

#include "packager/core/error.hpp"
#include "packager/scorm/package.hpp"

namespace packager::scorm {

// Writes the manifest for `package` as UTF-8 XML. Text is escaped with the
// XML entities only (no numeric character references, which Moodle shows
// literally) and control characters are dropped. ErrorCode::internal on an
// inconsistent package (an item naming a missing resource).
Result<std::string> write_manifest(const Package& package);

// The completion threshold as the 2004 manifest writes it
// (minProgressMeasure): 0.9 -> "0.90".
std::string threshold_text(double threshold);

}  // namespace packager::scorm
