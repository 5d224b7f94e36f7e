#include <algorithm>

#include <fmt/format.h>

#include "packager/mbz/backup_xml.hpp"
#include "packager/mbz/grade_item_xml.hpp"
#include "packager/mbz/xml_builder.hpp"

// The documents of one SCORM activity, and the small ones Moodle writes
// empty for a course without user data.
namespace packager::mbz {
using xml::Document;
using xml::Node;

std::string module_xml(const Activity& a, const NumberedActivity& n, std::int64_t time) {
  Document doc;
  Node m = doc.root("module");
  m.attr("id", n.cmid).attr("version", k_scorm_plugin_version);
  m.add("modulename", "scorm");
  m.add("sectionid", section_id(n.section));
  m.add("sectionnumber", n.section);
  m.add("idnumber", a.idnumber);
  m.add("added", time);
  m.add("score", 0);
  m.add("indent", 0);
  m.add("visible", 1);
  m.add("visibleoncoursepage", 1);
  m.add("visibleold", 1);
  m.add("groupmode", 0);
  m.add("groupingid", 0);
  m.add("completion", 2);  // automatic: the activity's own condition (completionstatusrequired)
  m.add("completiongradeitemnumber", k_null);
  m.add("completionpassgrade", 0);
  m.add("completionview", 0);
  m.add("completionexpected", 0);
  m.add("availability", k_null);
  m.add("showdescription", 1);
  m.add("downloadcontent", 1);
  m.add("lang", k_null);
  m.add("tags");
  return doc.str();
}

std::string scorm_xml(const Activity& a, const NumberedActivity& n, const std::string& package_sha1, int first_sco,
                      int first_data, std::int64_t time) {
  int launch = 0;
  for (size_t i = 0; i < a.scoes.size() && launch == 0; ++i)
    if (!a.scoes[i].launch.empty()) launch = first_sco + static_cast<int>(i);
  Document doc;
  Node act = doc.root("activity");
  act.attr("id", n.instance).attr("moduleid", n.cmid).attr("modulename", "scorm").attr("contextid", n.contextid);
  Node s = act.add("scorm");
  s.attr("id", n.instance);
  s.add("name", a.name);
  s.add("scormtype", "local");
  s.add("reference", a.package_name);
  s.add("intro", a.intro_html);
  s.add("introformat", 1);
  s.add("version", a.version == ScormVersion::scorm12 ? "SCORM_1.2" : "SCORM_1.3");
  s.add("maxgrade", 100);
  s.add("grademethod", static_cast<int>(a.grade_method));
  s.add("whatgrade", 0);         // the highest attempt
  s.add("maxattempt", 0);        // no attempt limit
  s.add("forcecompleted", 0);
  s.add("forcenewattempt", 0);
  s.add("lastattemptlock", 0);
  s.add("masteryoverride", 1);
  s.add("displayattemptstatus", 1);
  s.add("displaycoursestructure", 0);
  s.add("updatefreq", 0);
  s.add("sha1hash", package_sha1);
  s.add("md5hash", "");
  s.add("revision", 1);
  s.add("launch", launch);
  s.add("skipview", 0);
  s.add("hidebrowse", 0);
  s.add("hidetoc", 0);
  s.add("nav", 1);
  s.add("navpositionleft", -100);
  s.add("navpositiontop", -100);
  s.add("auto", 0);
  s.add("popup", 0);             // in the current window
  s.add("options", "");
  s.add("width", 100);
  s.add("height", 500);
  s.add("timeopen", 0);
  s.add("timeclose", 0);
  s.add("timemodified", time);
  s.add("completionstatusrequired", 6);  // passed (2) or completed (4)
  s.add("completionscorerequired", k_null);
  s.add("completionstatusallscos", 0);
  s.add("autocommit", 0);
  Node scoes = s.add("scoes");
  int data_id = first_data;
  for (size_t i = 0; i < a.scoes.size(); ++i) {
    const Sco& sco = a.scoes[i];
    Node row = scoes.add("sco");
    row.attr("id", first_sco + static_cast<int>(i));
    row.add("manifest", sco.manifest);
    row.add("organization", sco.organization);
    row.add("parent", sco.parent);
    row.add("identifier", sco.identifier);
    row.add("launch", sco.launch);
    row.add("scormtype", sco.scormtype);
    row.add("title", sco.title);
    row.add("sortorder", static_cast<std::int64_t>(i + 1));
    Node datas = row.add("sco_datas");
    for (const auto& [name, value] : sco.data) {
      Node d = datas.add("sco_data");
      d.attr("id", data_id++);
      d.add("name", name);
      d.add("value", value);
    }
    for (const char* empty : {"seq_ruleconds", "seq_rolluprules", "seq_objectives", "sco_tracks"}) row.add(empty);
  }
  return doc.str();
}

std::string activity_inforef_xml(const std::vector<int>& file_ids, int grade_item) {
  Document doc;
  Node root = doc.root("inforef");
  Node files = root.add("fileref");
  for (int id : file_ids) files.add("file").add("id", id);
  root.add("grade_itemref").add("grade_item").add("id", grade_item);
  return doc.str();
}

std::string activity_grades_xml(const Activity& a, const NumberedActivity& n, std::int64_t time) {
  // Graded by learning objects: the grade is the number of completed SCOs,
  // out of the number of SCOs (Moodle recomputes it the same way).
  int scos = 0;
  for (const auto& s : a.scoes) scos += s.launch.empty() ? 0 : 1;
  Document doc;
  Node root = doc.root("activity_gradebook");
  GradeItem item;
  item.id = n.grade_item;
  item.categoryid = std::to_string(k_grade_category);
  item.itemname = a.name;
  item.itemtype = "mod";
  item.itemmodule = "scorm";
  item.iteminstance = n.instance;
  item.itemnumber = "0";
  item.idnumber = a.idnumber;
  item.grademax = fmt::format("{}.00000", a.grade_method == GradeMethod::learning_objects ? std::max(scos, 1) : 100);
  item.sortorder = n.grade_item;
  add_grade_item(root.add("grade_items"), item, time);
  root.add("grade_letters");
  return doc.str();
}

const std::vector<EmptyDocument>& empty_root_documents() {
  static const std::vector<EmptyDocument> docs = {
      {"badges.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<badges>\n</badges>\n"},
      {"grade_history.xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<grade_history>\n  <grade_grades>\n  </grade_grades>\n</grade_history>\n"},
      {"groups.xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<groups>\n  <groupcustomfields>\n  </groupcustomfields>\n  "
       "<groupings>\n    <groupingcustomfields>\n    </groupingcustomfields>\n  </groupings>\n</groups>\n"},
      {"outcomes.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<outcomes_definition>\n</outcomes_definition>\n"},
      {"questions.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<question_categories>\n</question_categories>\n"},
      {"scales.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<scales_definition>\n</scales_definition>\n"},
      {"users.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<users>\n</users>\n"},
  };
  return docs;
}

const std::vector<EmptyDocument>& empty_course_documents() {
  static const std::vector<EmptyDocument> docs = {
      {"roles.xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<roles>\n  <role_overrides>\n  </role_overrides>\n  "
       "<role_assignments>\n  </role_assignments>\n</roles>\n"},
      {"completiondefaults.xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<course_completion_defaults>\n</course_completion_defaults>\n"},
      {"filters.xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<filters>\n  <filter_actives>\n  </filter_actives>\n  "
       "<filter_configs>\n  </filter_configs>\n</filters>\n"},
      {"comments.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<comments>\n</comments>\n"},
      {"contentbank.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<contents>\n</contents>\n"},
      {"competencies.xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<course_competencies>\n  <competencies>\n  </competencies>\n  "
       "<user_competencies>\n  </user_competencies>\n</course_competencies>\n"},
      {"calendar.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<events>\n</events>\n"},
  };
  return docs;
}

const std::vector<EmptyDocument>& empty_activity_documents() {
  static const std::vector<EmptyDocument> docs = {
      {"grade_history.xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<grade_history>\n  <grade_grades>\n  </grade_grades>\n</grade_history>\n"},
      {"roles.xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<roles>\n  <role_overrides>\n  </role_overrides>\n  "
       "<role_assignments>\n  </role_assignments>\n</roles>\n"},
      {"filters.xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<filters>\n  <filter_actives>\n  </filter_actives>\n  "
       "<filter_configs>\n  </filter_configs>\n</filters>\n"},
      {"comments.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<comments>\n</comments>\n"},
      {"competencies.xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<course_module_competencies>\n  <competencies>\n  "
       "</competencies>\n</course_module_competencies>\n"},
      {"xapistate.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<states>\n</states>\n"},
      {"completion.xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<completions>\n  <completionviews>\n  </completionviews>\n</completions>\n"},
      {"calendar.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<events>\n</events>\n"},
  };
  return docs;
}

}  // namespace packager::mbz
