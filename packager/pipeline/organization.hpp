#pragma once
// How a course's lessons are arranged in the LMS: the organization tree.

#include <vector>

#include "packager/lesson/model.hpp"
#include "packager/scorm/package.hpp"

namespace packager::pipeline {

// The organization items for a course, in course order (Course::lessons,
// already sorted by lesson/order.hpp). With Course::group_by_area, lessons
// sharing an `area` go under one grouping item titled with the area's long
// name (lesson/areas.hpp), placed where the area's first lesson is; grouping
// items have no resource. Lessons without an area stay at the top level.
// Each lesson item launches the lesson's resource. Identifiers derive from
// the course id and lesson slugs (or area codes), so they are stable.
std::vector<scorm::Item> organize(const lesson::Course& course);

}  // namespace packager::pipeline
