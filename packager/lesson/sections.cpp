#include "packager/lesson/sections.hpp"

#include <memory>
#include <vector>

#include <cmark.h>

#include "packager/util/text.hpp"

namespace packager::lesson {
namespace {

struct CmarkNodeDeleter {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
using CmarkDocument = std::unique_ptr<cmark_node, CmarkNodeDeleter>;

std::string plain_text(cmark_node* node) {
  std::string out;
  cmark_iter* iter = cmark_iter_new(node);
  cmark_event_type event;
  while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
    cmark_node* current = cmark_iter_get_node(iter);
    if (event == CMARK_EVENT_ENTER) {
      const auto type = cmark_node_get_type(current);
      if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) {
        const char* literal = cmark_node_get_literal(current);
        if (literal != nullptr) out += literal;
      }
    }
  }
  cmark_iter_free(iter);
  return out;
}

struct Heading {
  int line;  // 1-based line in the markdown
  SectionKind kind;
};

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t nl = text.find('\n', start);
    if (nl == std::string::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

std::string join(const std::vector<std::string>& lines, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end && i < lines.size(); ++i) out += lines[i] + "\n";
  return util::trim(out).empty() ? std::string() : util::trim(out) + "\n";
}

}  // namespace

SectionKind classify_heading(const std::string& heading_text) {
  const std::string key = util::slugify(util::trim(heading_text));
  if (key == "script" || key == "transcription" || key == "transcript")
    return SectionKind::transcript;
  if (key == "credits" || key == "credit") return SectionKind::credits;
  return SectionKind::other;
}

Sections split_sections(const std::string& markdown) {
  CmarkDocument doc(cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT));
  std::vector<Heading> headings;
  for (cmark_node* node = cmark_node_first_child(doc.get()); node != nullptr;
       node = cmark_node_next(node)) {
    if (cmark_node_get_type(node) != CMARK_NODE_HEADING) continue;
    if (cmark_node_get_heading_level(node) > 2) continue;
    headings.push_back({cmark_node_get_start_line(node), classify_heading(plain_text(node))});
  }
  const auto lines = split_lines(markdown);
  Sections sections;
  const size_t first = headings.empty() ? lines.size() : static_cast<size_t>(headings[0].line - 1);
  sections.intro = join(lines, 0, first);
  for (size_t i = 0; i < headings.size(); ++i) {
    const auto heading_index = static_cast<size_t>(headings[i].line - 1);
    const size_t end =
        i + 1 < headings.size() ? static_cast<size_t>(headings[i + 1].line - 1) : lines.size();
    switch (headings[i].kind) {
      case SectionKind::transcript:
        sections.transcript += join(lines, heading_index + 1, end);
        break;
      case SectionKind::credits:
        sections.credits += join(lines, heading_index + 1, end);
        break;
      case SectionKind::other:
        // Unknown sections keep their heading so nothing the author wrote
        // disappears from the page.
        if (!sections.extra.empty()) sections.extra += "\n";
        sections.extra += join(lines, heading_index, end);
        break;
    }
  }
  return sections;
}

}  // namespace packager::lesson
