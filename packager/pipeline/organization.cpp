#include "packager/pipeline/organization.hpp"

#include "packager/scorm/identifiers.hpp"

namespace packager::pipeline {

std::vector<scorm::Item> organize(const lesson::Course& course) {
  std::vector<scorm::Item> items;
  for (const auto& l : course.lessons)
    items.push_back({scorm::make_identifier("ITEM", course.identifier, l.slug), l.title,
                     scorm::make_identifier("RES", course.identifier, l.slug), {}});
  return items;
}

}  // namespace packager::pipeline
