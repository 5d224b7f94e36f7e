#pragma once
// Stable SCORM identifiers. LMSs key learners' tracking on them, so they are
// derived from the course id and the lesson file name, never random and
// never from titles (which authors fix).

#include <string>
#include <string_view>

namespace packager::scorm {

// An xs:ID-safe identifier: "<prefix>-<parts...>" with only letters, digits,
// '-' and '_'. Long names are shortened with a hash so they stay unique.
std::string make_identifier(std::string_view prefix, std::string_view course_id,
                            std::string_view local = {});

}  // namespace packager::scorm
