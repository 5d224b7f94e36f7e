#include "packager/render/mustache_data.hpp"

#include <fmt/format.h>

#include "packager/render/strings.hpp"

namespace packager::render {

namespace mustache = kainjow::mustache;

Result<std::string> render_template(const Templates& templates, const std::string& name, const std::string& text,
                                    mustache::data data, const std::string& language) {
  mustache::mustache tmpl(text);
  const auto failure = [&] {
    return fail(ErrorCode::input, fmt::format("{}: {}", (templates.dir / name).string(), tmpl.error_message()));
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
