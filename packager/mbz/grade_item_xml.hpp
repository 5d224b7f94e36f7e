#pragma once
// One <grade_item> of a backup's gradebook, in the field order Moodle 4.5
// writes it: the course's total (gradebook.xml) and each SCORM activity's
// (activities/scorm_N/grades.xml) differ only in what says whose it is and
// its maximum. Private to the mbz stage.

#include <cstdint>
#include <string>

#include "packager/mbz/xml_builder.hpp"

namespace packager::mbz {

struct GradeItem {
  int id = 0;
  std::string categoryid;    // k_null for the course total
  std::string itemname;      // the activity's name; k_null for the course
  std::string itemtype;      // "mod" or "course"
  std::string itemmodule;    // "scorm"; k_null for the course
  int iteminstance = 0;      // the scorm id, or the course's grade category
  std::string itemnumber;    // "0"; k_null for the course
  std::string idnumber;      // k_null when none
  std::string grademax;      // e.g. "100.00000"
  int sortorder = 1;
};

// Appends the <grade_item> (with its empty <grade_grades>) to `grade_items`.
void add_grade_item(xml::Node grade_items, const GradeItem& item, std::int64_t time);

}  // namespace packager::mbz
