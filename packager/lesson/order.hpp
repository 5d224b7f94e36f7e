#pragma once
// The order of a course's lessons: the order of the organization items and
// of the per-lesson packages.

#include "packager/lesson/model.hpp"

namespace packager::lesson {

// Sorts course.lessons in place (stable):
//   1. lessons named in course.order first, in that order;
//   2. then, when course.group_by_area, by area (the order of area_table(),
//      unknown areas after, by first appearance);
//   3. then by `priority`, highest first (absent counts as 0), as the
//      source site orders them;
//   4. then in file order (the order of course.lessons on entry).
void order_lessons(Course& course);

}  // namespace packager::lesson
