#pragma once
// Shared plumbing for the page renderers: rendering a template with the
// string table, and reporting template errors. Internal to render/.

#include <string>

#include <kainjow/mustache.hpp>

#include "packager/core/error.hpp"
#include "packager/render/templates.hpp"

namespace packager::render {

// Renders `text` (the template file `name` in `templates.dir`) with `data`
// plus the interface strings of `language` as {{t.key}}. ErrorCode::input
// "<dir>/<name>: <mustache error>" when the template is invalid.
Result<std::string> render_template(const Templates& templates, const std::string& name, const std::string& text,
                                    kainjow::mustache::data data, const std::string& language);

}  // namespace packager::render
