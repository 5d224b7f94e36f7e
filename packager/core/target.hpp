#pragma once
// Where a course is meant to be played (the course manifest's `target` key,
// `packager validate --target`), and what each place accepts. One table of
// rules, read by the build's warnings and by `packager validate`.
//
//   generic     any SCORM LMS: SCORM 1.2 or 2004
//   moodle      Moodle 4.x in a browser: SCORM 1.2 or 2004
//   moodle-app  the Moodle mobile app: SCORM 1.2 only, downloaded and
//               played offline, so nothing may come from outside the package

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace packager {

enum class Target { generic, moodle, moodle_app };

// "generic", "moodle", "moodle-app"; nullopt for anything else.
std::optional<Target> parse_target(std::string_view name);
const char* target_name(Target target);
// For messages: "generic|moodle|moodle-app".
const char* target_names();

// SCORM 1.2's cmi.suspend_data is a CMIString4096: an LMS (Moodle, its
// app) refuses a longer value.
constexpr std::uint64_t k_scorm12_suspend_limit = 4096;

// Why a SCORM 2004 package does not work on `target`; nullopt when it does.
std::optional<std::string> scorm2004_problem(Target target);

// Why a SCORM 2004 package of several SCOs does not work on `target`;
// nullopt when it does.
std::optional<std::string> multi_sco_2004_problem(Target target);

// References to files outside the package (http:, https:, //host) break the
// target (true: an error) or only need the network (false: a warning).
bool external_references_break(Target target);

}  // namespace packager
