#include "packager/scorm/manifest.hpp"

#include <set>
#include <sstream>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "packager/scorm/lom.hpp"
#include "packager/scorm/xml_text.hpp"

namespace packager::scorm {
namespace {

// Lets the learner move freely: pick any lesson from the menu (choice) and
// go to the next or previous one (flow). Written on the organization and on
// every grouping item, since control modes are not inherited.
void free_navigation(pugi::xml_node parent) {
  pugi::xml_node control = parent.append_child("imsss:sequencing").append_child("imsss:controlMode");
  control.append_attribute("choice") = "true";
  control.append_attribute("flow") = "true";
}

void add_item(pugi::xml_node parent, const Item& item, const Package& package) {
  const bool v12 = package.version == Version::scorm12;
  pugi::xml_node node = parent.append_child("item");
  node.append_attribute("identifier") = item.identifier.c_str();
  // Only leaves launch something: an identifierref on a grouping item makes
  // Moodle treat the group as a lesson.
  const bool leaf = item.children.empty();
  if (leaf && !item.resource.empty()) node.append_attribute("identifierref") = item.resource.c_str();
  node.append_child("title").text() = clean_title(item.title).c_str();
  for (const auto& child : item.children) add_item(node, child, package);
  if (v12) return;
  if (leaf) {
    // CAM order: completionThreshold before sequencing.
    pugi::xml_node threshold = node.append_child("adlcp:completionThreshold");
    threshold.append_attribute("completedByMeasure") = "true";
    threshold.append_attribute("minProgressMeasure") = threshold_text(package.completion_threshold).c_str();
  } else {
    free_navigation(node);
  }
}

Result<void> check(const Package& package) {
  std::set<std::string> ids;
  std::set<std::string> resources;
  for (const auto& r : package.resources) {
    if (!ids.insert(r.identifier).second)
      return fail(ErrorCode::internal, fmt::format("duplicate identifier {}", r.identifier));
    resources.insert(r.identifier);
  }
  std::vector<const Item*> stack;
  for (const auto& item : package.items) stack.push_back(&item);
  while (!stack.empty()) {
    const Item* item = stack.back();
    stack.pop_back();
    if (!ids.insert(item->identifier).second)
      return fail(ErrorCode::internal, fmt::format("duplicate identifier {}", item->identifier));
    if (!item->resource.empty() && resources.count(item->resource) == 0)
      return fail(ErrorCode::internal, fmt::format("item {} names missing resource {}",
                                                   item->identifier, item->resource));
    if (item->children.empty() && item->resource.empty())
      return fail(ErrorCode::internal, fmt::format("item {} has neither children nor a resource",
                                                   item->identifier));
    for (const auto& child : item->children) stack.push_back(&child);
  }
  if (package.completion_threshold < 0 || package.completion_threshold > 1)
    return fail(ErrorCode::internal,
                fmt::format("completion threshold {} is outside 0..1", package.completion_threshold));
  return {};
}

void declare_namespaces(pugi::xml_node manifest, Version version) {
  if (version == Version::scorm12) {
    manifest.append_attribute("xmlns") = "http://www.imsproject.org/xsd/imscp_rootv1p1p2";
    manifest.append_attribute("xmlns:adlcp") = "http://www.adlnet.org/xsd/adlcp_rootv1p2";
    manifest.append_attribute("xmlns:imsmd") = k_imsmd_ns;
  } else {
    manifest.append_attribute("xmlns") = "http://www.imsglobal.org/xsd/imscp_v1p1";
    manifest.append_attribute("xmlns:adlcp") = "http://www.adlnet.org/xsd/adlcp_v1p3";
    manifest.append_attribute("xmlns:adlseq") = "http://www.adlnet.org/xsd/adlseq_v1p3";
    manifest.append_attribute("xmlns:adlnav") = "http://www.adlnet.org/xsd/adlnav_v1p3";
    manifest.append_attribute("xmlns:imsss") = "http://www.imsglobal.org/xsd/imsss";
  }
}

}  // namespace

Result<std::string> write_manifest(const Package& package) {
  TRY(check(package));
  const bool v12 = package.version == Version::scorm12;
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";

  pugi::xml_node manifest = doc.append_child("manifest");
  manifest.append_attribute("identifier") = package.identifier.c_str();
  manifest.append_attribute("version") = clean_text(package.course_version).c_str();
  declare_namespaces(manifest, package.version);

  // Written as one text node each so no whitespace ever surrounds the
  // values; LMSs compare them exactly.
  pugi::xml_node metadata = manifest.append_child("metadata");
  metadata.append_child("schema").text() = "ADL SCORM";
  metadata.append_child("schemaversion").text() = v12 ? "1.2" : "2004 4th Edition";
  append_lom(metadata, package.metadata, package.version);

  const std::string org_id = package.identifier + "-org";
  pugi::xml_node organizations = manifest.append_child("organizations");
  organizations.append_attribute("default") = org_id.c_str();
  pugi::xml_node organization = organizations.append_child("organization");
  organization.append_attribute("identifier") = org_id.c_str();
  organization.append_child("title").text() = clean_title(package.title).c_str();
  for (const auto& item : package.items) add_item(organization, item, package);
  if (!v12) free_navigation(organization);

  pugi::xml_node resources = manifest.append_child("resources");
  for (const auto& r : package.resources) {
    pugi::xml_node node = resources.append_child("resource");
    node.append_attribute("identifier") = r.identifier.c_str();
    node.append_attribute("type") = "webcontent";
    // 1.2 spells it scormtype, 2004 scormType; both values are lower case.
    node.append_attribute(v12 ? "adlcp:scormtype" : "adlcp:scormType") = r.sco ? "sco" : "asset";
    if (!r.href.empty()) node.append_attribute("href") = r.href.c_str();
    for (const auto& file : r.files) node.append_child("file").append_attribute("href") = file.c_str();
    for (const auto& dep : r.dependencies)
      node.append_child("dependency").append_attribute("identifierref") = dep.c_str();
  }

  std::ostringstream out;
  doc.save(out, "  ", pugi::format_indent, pugi::encoding_utf8);
  return out.str();
}

std::string threshold_text(double threshold) { return fmt::format("{:.2f}", threshold); }

}  // namespace packager::scorm
