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

// A character that must not appear in a text field: C0 controls except tab
// and newline, DEL, the C1 controls (U+0080..U+009F) and the noncharacters
// U+FFFE / U+FFFF. `offset` is its byte offset in the (valid UTF-8) text.
struct ControlCharacter {
  size_t offset = 0;
  char32_t code_point = 0;
};
std::optional<ControlCharacter> find_control_character(std::string_view utf8);

// "U+0000": how messages name a code point.
std::string code_point_name(char32_t code_point);

// `text` with every control character and every invisible or odd space
// (no-break, zero-width, ideographic...) written as \uXXXX, so a key like
// "title\u00a0" shows what is wrong with it. Valid UTF-8 expected.
std::string escape_invisible(std::string_view text);

// Levenshtein distance, for "did you mean" suggestions.
size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace packager::util
