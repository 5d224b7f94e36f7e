#include "packager/pipeline/organization.hpp"

#include <map>

#include "packager/lesson/areas.hpp"
#include "packager/scorm/identifiers.hpp"
#include "packager/util/text.hpp"

namespace packager::pipeline {
namespace {

scorm::Item lesson_item(const lesson::Course& course, const lesson::Lesson& l) {
  return {scorm::make_identifier("ITEM", course.identifier, l.slug), l.title,
          scorm::make_identifier("RES", course.identifier, l.slug), {}};
}

}  // namespace

std::vector<scorm::Item> organize(const lesson::Course& course) {
  std::vector<scorm::Item> items;
  std::map<std::string, size_t> group_of_area;  // area -> index in items
  for (const auto& l : course.lessons) {
    if (!course.group_by_area || l.area.empty()) {
      items.push_back(lesson_item(course, l));
      continue;
    }
    const std::string key = util::slugify(l.area);  // "Domaine 1" == "domaine  1"
    auto it = group_of_area.find(key);
    if (it == group_of_area.end()) {
      // Identified by the area's code, not its title, so renaming an area
      // keeps the LMS's structure.
      items.push_back({scorm::make_identifier("ITEM", course.identifier, "area-" + key),
                       lesson::area_title(l.area), {}, {}});
      it = group_of_area.emplace(key, items.size() - 1).first;
    }
    items[it->second].children.push_back(lesson_item(course, l));
  }
  return items;
}

}  // namespace packager::pipeline
