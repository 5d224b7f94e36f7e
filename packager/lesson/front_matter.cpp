#include "packager/lesson/front_matter.hpp"

namespace packager::lesson {

std::string normalise_newlines(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::string out;
  out.reserve(text.size());
  // The text between carriage returns copied whole, not byte by byte: most
  // files have none, and this runs on every lesson of every build.
  for (size_t start = 0;;) {
    const size_t cr = text.find('\r', start);
    out.append(text.substr(start, cr == std::string_view::npos ? std::string_view::npos : cr - start));
    if (cr == std::string_view::npos) break;
    out += '\n';
    start = cr + 1;
    if (start < text.size() && text[start] == '\n') ++start;
  }
  return out;
}

SourcePos byte_position(std::string_view text, size_t offset) {
  int line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < offset && i < text.size(); ++i)
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  return {line, static_cast<int>(offset - line_start) + 1};
}

namespace {
bool is_fence(std::string_view line) {
  // Trailing blanks after '---' are common in hand-edited files.
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return line == "---";
}
}  // namespace

bool split_front_matter(const std::string& path, std::string_view text, Split& out,
                        Diagnostics& diagnostics) {
  const std::string normal = normalise_newlines(text);
  std::string_view rest(normal);
  // Blank lines before the opening fence are tolerated; anything else is not.
  int line = 1;
  size_t pos = 0;
  while (pos < rest.size()) {
    const size_t nl = rest.find('\n', pos);
    const std::string_view current =
        rest.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (current.find_first_not_of(" \t") != std::string_view::npos) break;
    if (nl == std::string_view::npos) {
      pos = rest.size();
      break;
    }
    pos = nl + 1;
    ++line;
  }
  const size_t first_nl = rest.find('\n', pos);
  const std::string_view first =
      rest.substr(pos, first_nl == std::string_view::npos ? std::string_view::npos : first_nl - pos);
  if (!is_fence(first)) {
    diagnostics.error(path, line, 1, "missing front matter: expected '---' on the first line",
                      std::string(first));
    return false;
  }
  const int open_line = line;
  size_t cursor = first_nl == std::string_view::npos ? rest.size() : first_nl + 1;
  const size_t yaml_begin = cursor;
  ++line;
  while (cursor < rest.size()) {
    const size_t nl = rest.find('\n', cursor);
    const size_t end = nl == std::string_view::npos ? rest.size() : nl;
    if (is_fence(rest.substr(cursor, end - cursor))) {
      out.yaml = std::string(rest.substr(yaml_begin, cursor - yaml_begin));
      out.yaml_first_line = open_line + 1;
      out.body = nl == std::string_view::npos ? std::string() : std::string(rest.substr(nl + 1));
      out.body_first_line = line + 1;
      return true;
    }
    cursor = nl == std::string_view::npos ? rest.size() : nl + 1;
    ++line;
  }
  diagnostics.error(path, open_line, 1,
                    "front matter is not closed: expected a line '---' after it", "---");
  return false;
}

}  // namespace packager::lesson
