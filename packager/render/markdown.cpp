#include "packager/render/markdown.hpp"

#include <algorithm>
#include <memory>
#include <vector>

#include <cmark.h>

#include "packager/util/text.hpp"

namespace packager::render {
namespace {

struct NodeDeleter {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
using Node = std::unique_ptr<cmark_node, NodeDeleter>;

struct CharDeleter {
  void operator()(char* text) const { free(text); }  // NOLINT: cmark allocates with malloc
};

// Replaces `node` by a text node holding its literal source, so raw HTML is
// escaped by the renderer instead of being emitted or silently dropped.
void html_to_text(cmark_node* node) {
  const bool block = cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK;
  const char* literal = cmark_node_get_literal(node);
  cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
  cmark_node_set_literal(text, literal != nullptr ? literal : "");
  if (block) {
    cmark_node* paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH);
    cmark_node_append_child(paragraph, text);
    cmark_node_replace(node, paragraph);
  } else {
    cmark_node_replace(node, text);
  }
  cmark_node_free(node);
}

// Moves a link's children in front of it and removes the link itself.
void unwrap(cmark_node* node) {
  if (cmark_node_get_type(node) == CMARK_NODE_IMAGE) {
    // An image's children are its alt text; keep that as plain text.
    while (cmark_node* child = cmark_node_first_child(node)) cmark_node_insert_before(node, child);
  } else {
    while (cmark_node* child = cmark_node_first_child(node)) cmark_node_insert_before(node, child);
  }
  cmark_node_free(node);
}

}  // namespace

bool is_safe_link(const std::string& url) {
  const std::string trimmed = util::trim(url);
  const size_t colon = trimmed.find(':');
  const size_t first_special = trimmed.find_first_of("/?#");
  // No scheme at all (a relative link or an anchor) is safe.
  if (colon == std::string::npos || (first_special != std::string::npos && first_special < colon))
    return true;
  const std::string scheme = util::to_lower_ascii(trimmed.substr(0, colon));
  return scheme == "http" || scheme == "https" || scheme == "mailto";
}

bool is_relative_link(const std::string& url) {
  const std::string trimmed = util::trim(url);
  if (trimmed.rfind("//", 0) == 0) return false;
  const size_t colon = trimmed.find(':');
  const size_t first_special = trimmed.find_first_of("/?#");
  return colon == std::string::npos || (first_special != std::string::npos && first_special < colon);
}

std::string markdown_to_html(const std::string& markdown, int base_level) {
  Node doc(cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT));
  // Collect first, mutate after: changing the tree while iterating is unsafe.
  std::vector<cmark_node*> raw_html;
  std::vector<cmark_node*> unsafe_links;
  std::vector<cmark_node*> headings;
  cmark_iter* iter = cmark_iter_new(doc.get());
  cmark_event_type event;
  while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
    if (event != CMARK_EVENT_ENTER) continue;
    cmark_node* node = cmark_iter_get_node(iter);
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_HTML_BLOCK:
      case CMARK_NODE_HTML_INLINE:
        raw_html.push_back(node);
        break;
      case CMARK_NODE_LINK:
      case CMARK_NODE_IMAGE: {
        const char* url = cmark_node_get_url(node);
        // Images are loaded, not followed: only package-relative ones, so a
        // page never fetches anything from the network.
        const bool image = cmark_node_get_type(node) == CMARK_NODE_IMAGE;
        if (url == nullptr || !is_safe_link(url) || (image && !is_relative_link(url))) unsafe_links.push_back(node);
        break;
      }
      case CMARK_NODE_HEADING:
        headings.push_back(node);
        break;
      default:
        break;
    }
  }
  cmark_iter_free(iter);
  for (auto* node : raw_html) html_to_text(node);
  if (base_level > 0 && !headings.empty()) {
    int top = 6;
    for (auto* node : headings) top = std::min(top, cmark_node_get_heading_level(node));
    for (auto* node : headings)
      cmark_node_set_heading_level(node, std::clamp(cmark_node_get_heading_level(node) - top + base_level, 1, 6));
  }
  // Innermost first so an unsafe link nested in another is handled before
  // its parent is unwrapped.
  for (auto it = unsafe_links.rbegin(); it != unsafe_links.rend(); ++it) unwrap(*it);
  std::unique_ptr<char, CharDeleter> html(cmark_render_html(doc.get(), CMARK_OPT_DEFAULT));
  return html ? std::string(html.get()) : std::string();
}

std::string markdown_to_text(const std::string& markdown) {
  Node doc(cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT));
  std::string text;
  const auto space = [&] {
    if (!text.empty() && text.back() != ' ') text += ' ';
  };
  cmark_iter* iter = cmark_iter_new(doc.get());
  for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter);
    const cmark_node_type type = cmark_node_get_type(node);
    if (ev == CMARK_EVENT_EXIT) {
      if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING || type == CMARK_NODE_ITEM) space();
      continue;
    }
    if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE || type == CMARK_NODE_HTML_INLINE ||
        type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_HTML_BLOCK) {
      if (const char* literal = cmark_node_get_literal(node)) text += literal;
      if (type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_HTML_BLOCK) space();
    } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
      space();
    }
  }
  cmark_iter_free(iter);
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

}  // namespace packager::render
