#pragma once
// Text as it may appear in a manifest: pugixml escapes &, <, > (and " in
// attributes) with entities but writes control characters as numeric
// character references, which Moodle shows literally; these helpers remove
// them first.

#include <string>

namespace packager::scorm {

// Drops control characters (tab, CR and LF become spaces).
std::string clean_text(const std::string& text);

// clean_text, then cut to at most `max_bytes` bytes on a UTF-8 boundary
// (SCORM titles are at most 255 characters).
std::string clean_title(const std::string& title, size_t max_bytes = 255);

// ISO 8601 duration for LOM: 185.4 -> "PT3M5S", 3723 -> "PT1H2M3S".
std::string iso_duration(double seconds);

}  // namespace packager::scorm
