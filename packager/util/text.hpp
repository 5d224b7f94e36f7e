#pragma once
// String helpers with no domain knowledge.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace packager::util {

std::string trim(std::string_view text);
std::string to_lower_ascii(std::string_view text);
bool starts_with_ci(std::string_view text, std::string_view prefix);

// An ASCII identifier fragment: letters, digits and '-', lower case; accents
// are folded ("é" -> "e"), other runs become one '-'. Never empty ("x").
std::string slugify(std::string_view text);

// Returns the byte offset of the first invalid UTF-8 sequence, or nullopt.
std::optional<size_t> find_invalid_utf8(std::string_view text);

// Levenshtein distance, for "did you mean" suggestions.
size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace packager::util
