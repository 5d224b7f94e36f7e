#include "packager/render/mustache_data.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "packager/render/strings.hpp"

namespace packager::render {

namespace mustache = kainjow::mustache;

namespace {

// kainjow's messages end in " at <byte offset>" ("Unclosed section \"x\"
// at 120"): an author's editor counts lines and columns, so say those.
std::string located(const std::string& path, const std::string& text, std::string message) {
  const size_t at = message.rfind(" at ");
  if (at == std::string::npos || at + 4 >= message.size() ||
      message.find_first_not_of("0123456789", at + 4) != std::string::npos)
    return fmt::format("{}: {}", path, message);
  const size_t offset = std::min<size_t>(std::stoul(message.substr(at + 4)), text.size());
  message.erase(at);
  int line = 1, column = 1;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  if (!message.empty()) message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
  return fmt::format("{}:{}:{}: {}", path, line, column, message);
}

}  // namespace

Result<std::string> render_template(const Templates& templates, const std::string& name, const std::string& text,
                                    mustache::data data, const std::string& language) {
  mustache::mustache tmpl(text);
  const auto failure = [&] {
    return fail(ErrorCode::input, located((templates.dir / name).string(), text, tmpl.error_message()));
  };
  if (!tmpl.is_valid()) return failure();
  mustache::data strings;
  for (const auto& [key, value] : strings_for(language)) strings.set(key, value);
  data.set("t", strings);
  std::string html = tmpl.render(data);
  // Errors in sections only show up while rendering.
  if (!tmpl.is_valid()) return failure();
  return html;
}

}  // namespace packager::render
