#pragma once
// How a course's lessons are arranged in the LMS: the organization tree.

#include <vector>

#include "packager/lesson/model.hpp"
#include "packager/scorm/package.hpp"

namespace packager::pipeline {

// One item per lesson, in course order, each launching the lesson's
// resource. Identifiers derive from the course id and lesson slugs.
std::vector<scorm::Item> organize(const lesson::Course& course);

}  // namespace packager::pipeline
