#pragma once
// Markdown to HTML with cmark, safe for pages an LMS serves to children.

#include <string>

namespace packager::render {

// Renders CommonMark to HTML. Raw HTML in the source is shown as text
// (escaped), never passed through; links whose URL is not http(s), mailto
// or relative, and images that are not relative, are reduced to their text.
// With `base_level` > 0, headings are shifted so the highest one in the text
// becomes <h{base_level}> (clamped to h6), keeping heading levels in order
// below the page's own headings.
std::string markdown_to_html(const std::string& markdown, int base_level = 0);

// The words of CommonMark `markdown` as plain text: the literal text of
// every text, code and inline HTML node, blocks and line breaks as one
// space; no markup, no link targets. For search indexes.
std::string markdown_to_text(const std::string& markdown);

// True for URLs a page may link to: http, https, mailto, or relative.
bool is_safe_link(const std::string& url);

// True for URLs inside the package: no scheme, not protocol-relative ("//").
bool is_relative_link(const std::string& url);

}  // namespace packager::render
