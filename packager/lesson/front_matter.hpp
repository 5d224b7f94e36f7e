#pragma once
// Splitting a lesson file into its YAML front matter and Markdown body.

#include <string>
#include <string_view>

#include "packager/core/diagnostic.hpp"
#include "packager/lesson/model.hpp"

namespace packager::lesson {

struct Split {
  std::string yaml;     // between the '---' lines, "\n" line endings
  int yaml_first_line;  // file line of the first YAML line (1-based)
  std::string body;     // after the closing '---'
  int body_first_line;  // file line of the first body line
};

// Normalises the text (UTF-8 BOM removed, CRLF -> LF) and splits it.
// Reports to `diagnostics` and returns false when there is no front matter
// or it is not closed.
bool split_front_matter(const std::string& path, std::string_view text, Split& out,
                        Diagnostics& diagnostics);

// The 1-based line and column (in bytes) of a byte offset in raw text, for
// pointing at a byte that is not UTF-8.
SourcePos byte_position(std::string_view text, size_t offset);

// Removes a leading UTF-8 BOM and turns CRLF and lone CR into LF. Line
// numbers are unchanged, so diagnostics still match the file.
std::string normalise_newlines(std::string_view text);

}  // namespace packager::lesson
