#include "packager/mbz/grade_item_xml.hpp"

#include "packager/mbz/backup_xml.hpp"

namespace packager::mbz {

void add_grade_item(xml::Node grade_items, const GradeItem& item, std::int64_t time) {
  xml::Node g = grade_items.add("grade_item");
  g.attr("id", item.id);
  g.add("categoryid", item.categoryid);
  g.add("itemname", item.itemname);
  g.add("itemtype", item.itemtype);
  g.add("itemmodule", item.itemmodule);
  g.add("iteminstance", item.iteminstance);
  g.add("itemnumber", item.itemnumber);
  g.add("iteminfo", k_null);
  g.add("idnumber", item.idnumber);
  g.add("calculation", k_null);
  g.add("gradetype", 1);  // value
  g.add("grademax", item.grademax);
  g.add("grademin", "0.00000");
  g.add("scaleid", k_null);
  g.add("outcomeid", k_null);
  g.add("gradepass", "0.00000");
  g.add("multfactor", "1.00000");
  g.add("plusfactor", "0.00000");
  g.add("aggregationcoef", "0.00000");
  g.add("aggregationcoef2", "0.00000");
  g.add("weightoverride", 0);
  g.add("sortorder", item.sortorder);
  g.add("display", 0);
  g.add("decimals", k_null);
  g.add("hidden", 0);
  g.add("locked", 0);
  g.add("locktime", 0);
  g.add("needsupdate", 0);
  g.add("timecreated", time);
  g.add("timemodified", time);
  g.add("grade_grades");
}

}  // namespace packager::mbz
