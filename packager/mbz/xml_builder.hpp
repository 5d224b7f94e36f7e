#pragma once
// A thin builder over pugixml for the backup's XML documents, in Moodle's
// own layout: an XML declaration, two-space indents, "<a></a>" for empty
// elements. Private to the mbz stage.

#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include <pugixml.hpp>

namespace packager::mbz::xml {

// add("name", text) appends a child element holding `text`.
class Node {
 public:
  explicit Node(pugi::xml_node node) : m_node(node) {}
  Node add(const char* name) { return Node(m_node.append_child(name)); }
  Node add(const char* name, std::string_view text) {
    Node child = add(name);
    child.m_node.append_child(pugi::node_pcdata).set_value(std::string(text).c_str());
    return child;
  }
  Node add(const char* name, std::int64_t value) { return add(name, std::to_string(value)); }
  Node& attr(const char* name, std::string_view value) {
    m_node.append_attribute(name).set_value(std::string(value).c_str());
    return *this;
  }
  Node& attr(const char* name, std::int64_t value) { return attr(name, std::to_string(value)); }

 private:
  pugi::xml_node m_node;
};

class Document {
 public:
  Node root(const char* name) {
    auto decl = m_doc.append_child(pugi::node_declaration);
    decl.append_attribute("version").set_value("1.0");
    decl.append_attribute("encoding").set_value("UTF-8");
    return Node(m_doc.append_child(name));
  }
  // Moodle writes "<a></a>", never "<a/>"; two-space indents, UTF-8.
  std::string str() const {
    std::ostringstream out;
    m_doc.save(out, "  ", pugi::format_indent | pugi::format_no_empty_element_tags, pugi::encoding_utf8);
    return out.str();
  }

 private:
  pugi::xml_document m_doc;
};

}  // namespace packager::mbz::xml
