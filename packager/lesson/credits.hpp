#pragma once
// Metadata pulled from a lesson's credits section.

#include <optional>
#include <string>
#include <vector>

#include "packager/lesson/model.hpp"

namespace packager::lesson {

// Finds the licence: a Markdown link whose text starts with "CC " (or a bare
// "CC BY..." mention), e.g. "[CC BY-NC-ND 4.0](https://...)".
std::optional<Licence> find_licence(const std::string& credits_markdown);

// Reads "- **Role** : Names" list items into contributors. The licence line
// is not a contributor.
std::vector<Contributor> find_contributors(const std::string& credits_markdown);

}  // namespace packager::lesson
