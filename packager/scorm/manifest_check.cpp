#include "packager/scorm/manifest_check.hpp"

#include <algorithm>
#include <map>
#include <string_view>

#include <fmt/format.h>
#include <pugixml.hpp>

namespace packager::scorm {
namespace {

constexpr const char* k_cp12 = "http://www.imsproject.org/xsd/imscp_rootv1p1p2";
constexpr const char* k_cp2004 = "http://www.imsglobal.org/xsd/imscp_v1p1";
constexpr const char* k_adlcp12 = "http://www.adlnet.org/xsd/adlcp_rootv1p2";
constexpr const char* k_adlcp2004 = "http://www.adlnet.org/xsd/adlcp_v1p3";

// Line numbers come from byte offsets: pugixml records each node's offset
// in the source when parsing.
class Lines {
 public:
  explicit Lines(const std::string& text) {
    for (size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') m_starts.push_back(i + 1);
  }
  int at(ptrdiff_t offset) const {
    if (offset < 0) return 0;
    const auto it = std::upper_bound(m_starts.begin(), m_starts.end(), static_cast<size_t>(offset));
    return static_cast<int>(it - m_starts.begin()) + 1;
  }

 private:
  std::vector<size_t> m_starts;
};

size_t utf8_length(std::string_view text) {
  return static_cast<size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

struct Checker {
  const Lines& lines;
  std::vector<Finding>& out;
  std::string adlcp;  // the prefix bound to the ADL CP namespace, with ':'
  bool v12 = true;

  void error(const pugi::xml_node& node, std::string message) const {
    out.push_back({Severity::error, lines.at(node.offset_debug()), {}, std::move(message)});
  }
  void warning(const pugi::xml_node& node, std::string message) const {
    out.push_back({Severity::warning, lines.at(node.offset_debug()), {}, std::move(message)});
  }
};

void check_schema(const Checker& c, const pugi::xml_node& manifest) {
  const pugi::xml_node metadata = manifest.child("metadata");
  const pugi::xml_node schema = metadata.child("schema");
  const pugi::xml_node version = metadata.child("schemaversion");
  if (!schema) c.error(metadata ? metadata : manifest, "metadata/schema is missing (expected \"ADL SCORM\")");
  else if (std::string_view(schema.text().get()) != "ADL SCORM")
    c.error(schema, fmt::format("schema is \"{}\", expected exactly \"ADL SCORM\"", schema.text().get()));
  const char* want = c.v12 ? "1.2" : "2004 4th Edition";
  if (!version) {
    c.error(metadata ? metadata : manifest, fmt::format("metadata/schemaversion is missing (expected \"{}\")", want));
    return;
  }
  const std::string_view got = version.text().get();
  const bool ok = c.v12 ? got == "1.2" : (got == "2004 4th Edition" || got == "2004 3rd Edition");
  if (!ok)
    c.error(version, fmt::format("schemaversion is \"{}\", expected exactly \"{}\" (LMSs compare it verbatim)",
                                 got, want));
}

// Every prefix bound on the root, so prefixed attributes can be found
// whatever the author called them.
std::map<std::string, std::string> namespaces(const pugi::xml_node& root) {
  std::map<std::string, std::string> ns;
  for (const auto& attr : root.attributes()) {
    const std::string_view name = attr.name();
    if (name.substr(0, 6) == "xmlns:") ns[std::string(name.substr(6))] = attr.value();
    else if (name == "xmlns") ns[""] = attr.value();
  }
  return ns;
}

void check_adlcp(Checker& c, const pugi::xml_node& manifest) {
  const auto ns = namespaces(manifest);
  const std::string want = c.v12 ? k_adlcp12 : k_adlcp2004;
  const auto bound = ns.find("adlcp");
  for (const auto& [prefix, uri] : ns)
    if (uri == want && prefix != "adlcp")
      c.error(manifest, fmt::format("the ADL namespace {} is bound to prefix '{}'; Moodle only reads 'adlcp'",
                                    want, prefix));
  if (bound == ns.end()) c.error(manifest, fmt::format("no xmlns:adlcp declaration (expected {})", want));
  else if (bound->second != want)
    c.error(manifest, fmt::format("xmlns:adlcp is {}, expected {} for SCORM {}", bound->second, want,
                                  c.v12 ? "1.2" : "2004"));
  c.adlcp = "adlcp:";
}

// CAM order of the 2004 extension elements inside an item.
int extension_rank(std::string_view name) {
  static const char* const k_order[] = {"adlcp:timeLimitAction", "adlcp:dataFromLMS", "adlcp:completionThreshold",
                                        "imsss:sequencing",      "adlnav:presentation", "adlcp:data"};
  for (int i = 0; i < 6; ++i)
    if (name == k_order[i]) return i;
  return -1;
}

void check_title(const Checker& c, const pugi::xml_node& node, const std::string& what) {
  const pugi::xml_node title = node.child("title");
  if (!title || std::string_view(title.text().get()).empty()) c.error(node, fmt::format("{} has no title", what));
  else if (utf8_length(title.text().get()) > 255)
    c.error(title, fmt::format("{} title is {} characters long; at most 255", what, utf8_length(title.text().get())));
}

void check_item(const Checker& c, const pugi::xml_node& item, const std::set<std::string>& resources) {
  const std::string id = item.attribute("identifier").value();
  check_title(c, item, fmt::format("item {}", id));
  const bool leaf = !item.child("item");
  const pugi::xml_attribute ref = item.attribute("identifierref");
  if (leaf && !ref) c.error(item, fmt::format("item {} is a leaf but has no identifierref", id));
  if (!leaf && ref)
    c.error(item, fmt::format("item {} has children and an identifierref; only leaf items may launch", id));
  if (ref && resources.count(ref.value()) == 0)
    c.error(item, fmt::format("item {}: identifierref {} names no resource", id, ref.value()));
  if (!c.v12) {
    int last = -1;
    for (const auto& child : item.children()) {
      const int rank = extension_rank(child.name());
      if (rank < 0) continue;
      if (rank <= last)
        c.error(child, fmt::format("item {}: {} is out of order or repeated (CAM order: timeLimitAction, "
                                   "dataFromLMS, completionThreshold, sequencing, presentation, data)",
                                   id, child.name()));
      last = std::max(last, rank);
    }
  }
  for (const auto& child : item.children("item")) check_item(c, child, resources);
}

void check_href(const Checker& c, const pugi::xml_node& node, const std::string& href,
                const std::optional<std::set<std::string>>& files) {
  if (!is_safe_href(href)) {
    c.error(node, fmt::format("href \"{}\" must be relative, without '..', '\\' or a leading '/'", href));
    return;
  }
  // The launch href may carry a query or fragment; the file is before it.
  const std::string path = href.substr(0, href.find_first_of("?#"));
  if (!is_moodle_safe_name(path))
    c.error(node, fmt::format("href \"{}\": Moodle renames files with non-ASCII or & < > \" ' | : \\ ` "
                              "characters, and the launch then fails", href));
  if (files && files->count(path) == 0) c.error(node, fmt::format("href \"{}\" is not in the package", path));
}

}  // namespace

bool is_moodle_safe_name(const std::string& name) {
  return std::none_of(name.begin(), name.end(), [](char ch) {
    const auto u = static_cast<unsigned char>(ch);
    return u < 0x20 || u >= 0x7f || std::string_view("&<>\"'|:\\`").find(ch) != std::string_view::npos;
  });
}

bool is_safe_href(const std::string& href) {
  if (href.empty() || href.front() == '/' || href.find('\\') != std::string::npos) return false;
  const size_t colon = href.find(':');
  if (colon != std::string::npos && colon < href.find_first_of("/?#")) return false;  // a scheme or drive
  const std::string path = href.substr(0, href.find_first_of("?#"));
  size_t start = 0;
  while (true) {
    const size_t slash = path.find('/', start);
    if (path.compare(start, slash == std::string::npos ? std::string::npos : slash - start, "..") == 0) return false;
    if (slash == std::string::npos) return true;
    start = slash + 1;
  }
}

std::optional<Version> detect_version(const std::string& xml) {
  pugi::xml_document doc;
  if (!doc.load_buffer(xml.data(), xml.size())) return std::nullopt;
  const std::string_view ns = doc.document_element().attribute("xmlns").value();
  if (ns == k_cp12) return Version::scorm12;
  if (ns == k_cp2004) return Version::scorm2004_4th;
  return std::nullopt;
}

std::vector<Finding> check_manifest(const std::string& xml, const std::optional<std::set<std::string>>& files) {
  std::vector<Finding> out;
  const Lines lines(xml);
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed = doc.load_buffer(xml.data(), xml.size());
  if (!parsed) {
    out.push_back({Severity::error, lines.at(parsed.offset), {},
                   fmt::format("not well-formed XML: {}", parsed.description())});
    return out;
  }
  const pugi::xml_node manifest = doc.document_element();
  Checker c{lines, out, {}, true};
  if (std::string_view(manifest.name()) != "manifest") {
    c.error(manifest, fmt::format("the root element is <{}>, expected <manifest>", manifest.name()));
    return out;
  }
  const std::string_view ns = manifest.attribute("xmlns").value();
  if (ns != k_cp12 && ns != k_cp2004) {
    c.error(manifest, fmt::format("the root namespace is \"{}\", expected {} (SCORM 1.2) or {} (SCORM 2004)", ns,
                                  k_cp12, k_cp2004));
    return out;
  }
  c.v12 = ns == k_cp12;
  check_schema(c, manifest);
  check_adlcp(c, manifest);

  // Unique identifiers, anywhere in the manifest.
  std::map<std::string, pugi::xml_node> ids;
  for (const pugi::xpath_node& x : doc.select_nodes("//*[@identifier]")) {
    const std::string id = x.node().attribute("identifier").value();
    if (!ids.emplace(id, x.node()).second) c.error(x.node(), fmt::format("identifier {} is used twice", id));
  }

  const pugi::xml_node resources_node = manifest.child("resources");
  std::set<std::string> resources;
  for (const auto& r : resources_node.children("resource")) resources.insert(r.attribute("identifier").value());

  const pugi::xml_node organizations = manifest.child("organizations");
  std::set<std::string> orgs;
  for (const auto& org : organizations.children("organization")) orgs.insert(org.attribute("identifier").value());
  const pugi::xml_attribute def = organizations.attribute("default");
  if (!def) {
    if (!orgs.empty()) c.error(organizations, "organizations has no default attribute");
  } else if (orgs.count(def.value()) == 0) {
    c.error(organizations, fmt::format("organizations/@default {} names no organization", def.value()));
  }
  for (const auto& org : organizations.children("organization")) {
    check_title(c, org, fmt::format("organization {}", org.attribute("identifier").value()));
    if (!org.child("item"))
      c.error(org, fmt::format("organization {} has no item", org.attribute("identifier").value()));
    for (const auto& item : org.children("item")) check_item(c, item, resources);
  }

  const std::string type_attr = c.adlcp + (c.v12 ? "scormtype" : "scormType");
  std::set<std::string> listed;
  for (const auto& r : resources_node.children("resource")) {
    const std::string id = r.attribute("identifier").value();
    const pugi::xml_attribute type = r.attribute(type_attr.c_str());
    if (!type) {
      c.error(r, fmt::format("resource {} has no {} (LMSs then treat it as an untracked asset)", id, type_attr));
    } else {
      const std::string_view value = type.value();
      if (value != "sco" && value != "asset")
        c.error(r, fmt::format("resource {}: {}=\"{}\", expected \"sco\" or \"asset\" (lower case)", id, type_attr,
                               value));
    }
    if (const pugi::xml_attribute href = r.attribute("href")) {
      check_href(c, r, href.value(), files);
      const std::string path = std::string(href.value()).substr(0, std::string(href.value()).find_first_of("?#"));
      bool has_file = false;
      for (const auto& f : r.children("file")) has_file = has_file || path == f.attribute("href").value();
      if (!has_file) c.warning(r, fmt::format("resource {}: href {} is not listed as one of its files", id, path));
    } else if (type && std::string_view(type.value()) == "sco") {
      c.error(r, fmt::format("resource {} is a sco without href", id));
    }
    for (const auto& f : r.children("file")) {
      const std::string href = f.attribute("href").value();
      check_href(c, f, href, files);
      listed.insert(href);
    }
    for (const auto& d : r.children("dependency"))
      if (resources.count(d.attribute("identifierref").value()) == 0)
        c.error(d, fmt::format("resource {}: dependency {} names no resource", id,
                               d.attribute("identifierref").value()));
  }
  if (files) {
    for (const auto& present : *files) {
      if (!is_moodle_safe_name(present))
        out.push_back({Severity::error, 0, present,
                       "Moodle renames files with non-ASCII or & < > \" ' | : \\ ` characters"});
      // Schema files at the root are customary and need not be listed.
      const bool schema_file = present.find('/') == std::string::npos &&
                               (present.ends_with(".xsd") || present.ends_with(".dtd"));
      if (listed.count(present) == 0 && !schema_file)
        out.push_back({Severity::warning, 0, present, "in the package but listed by no resource"});
    }
  }
  return out;
}

}  // namespace packager::scorm
