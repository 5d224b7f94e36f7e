#pragma once
// Markdown to HTML with cmark, safe for pages an LMS serves to children.

#include <string>

namespace packager::render {

// Renders CommonMark to HTML. Raw HTML in the source is shown as text
// (escaped), never passed through; links and images whose URL is not
// http(s), mailto or relative are reduced to their text.
std::string markdown_to_html(const std::string& markdown);

// True for URLs a page may link to: http, https, mailto, or relative.
bool is_safe_link(const std::string& url);

}  // namespace packager::render
