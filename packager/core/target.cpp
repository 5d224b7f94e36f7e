#include "packager/core/target.hpp"

namespace packager {

std::optional<Target> parse_target(std::string_view name) {
  if (name == "generic") return Target::generic;
  if (name == "moodle") return Target::moodle;
  if (name == "moodle-app") return Target::moodle_app;
  return std::nullopt;
}

const char* target_name(Target target) {
  switch (target) {
    case Target::generic: return "generic";
    case Target::moodle: return "moodle";
    case Target::moodle_app: return "moodle-app";
  }
  return "generic";
}

const char* target_names() { return "generic|moodle|moodle-app"; }

std::optional<std::string> scorm2004_problem(Target target) {
  // The app's SCORM player implements the 1.2 data model only; it lists a
  // 2004 activity but will not open it.
  if (target == Target::moodle_app) return "the Moodle app plays SCORM 1.2 packages only";
  return std::nullopt;
}

std::optional<std::string> multi_sco_2004_problem(Target target) {
  // Seen in Moodle 4.5.6 (tests/moodle/run.sh): its player builds one 2004
  // API per visit, which stays terminated once the first SCO ends.
  if (target == Target::moodle)
    return "Moodle 4.5 keeps one SCORM 2004 API per visit of its player: once a lesson ends its session, every other "
           "lesson opened from the player's table of contents is refused (error 104) and not tracked";
  return std::nullopt;
}

bool external_references_break(Target target) {
  // The app downloads the package and plays it offline.
  return target == Target::moodle_app;
}

}  // namespace packager
