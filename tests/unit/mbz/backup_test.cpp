#include "packager/mbz/backup_writer.hpp"

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <map>

#include "packager/mbz/backup_check.hpp"
#include "packager/mbz/sha1.hpp"
#include "packager/mbz/tar_gz.hpp"
#include "tests/support/test_support.hpp"

namespace packager::mbz {
namespace {
using packager::testing::read_file;
using packager::testing::ScratchDir;
using packager::testing::write_file;
namespace fs = std::filesystem;

const std::string k_manifest = "<manifest identifier=\"M\"/>";
const std::string k_style = "body { color: black }";

CourseInfo course_info() {
  CourseInfo c;
  c.shortname = "demo";
  c.fullname = "Démo & <cours>";
  c.summary_html = "<p>Résumé</p>";
  c.section_names = {"Area one", "Area two"};
  c.backup_name = "demo-1.0.0.mbz";
  c.time = 946684800;
  c.site_identifier = "0123456789abcdef0123456789abcdef";
  return c;
}

// An activity as the pipeline hands it over: a package zip on disk, its
// extracted files, and its SCO rows.
Activity activity(const fs::path& dir, const std::string& slug, int section, const std::string& page_html) {
  Activity a;
  a.idnumber = "demo-" + slug;
  a.name = "Lesson " + slug;
  a.intro_html = "<p>About " + slug + "</p>";
  a.section = section;
  a.package = dir / (slug + ".zip");
  write_file(a.package, "zip bytes of " + slug);
  a.package_name = "demo-" + slug + "-1.0.0-scorm12.zip";
  a.content = {{"imsmanifest.xml", {}, k_manifest},
               {"shared/style.css", {}, k_style},
               {"lessons/" + slug + "/index.html", {}, page_html}};
  a.scoes = {{"M", "", "/", "M-org", "", "", "Lesson " + slug, {}},
             {"M", "M-org", "M-org", "ITEM-" + slug, "lessons/" + slug + "/index.html", "sco", "Lesson " + slug,
              {{"isvisible", "true"}, {"parameters", ""}}}};
  return a;
}

// The three-lesson course: a and b in section 1, c in section 2. Each
// activity's page is kept alive by `pages` (ContentFile holds views).
Result<void> write_course(const fs::path& out, const fs::path& dir, std::vector<std::string>& pages,
                          const std::function<void(Activity&)>& tweak = {}) {
  pages = {"<p>a</p>", "<p>b</p>", "<p>c</p>"};
  TRY_ASSIGN(auto writer, BackupWriter::create(out, course_info()));
  const std::pair<const char*, int> lessons[] = {{"a", 1}, {"b", 1}, {"c", 2}};
  for (size_t i = 0; i < 3; ++i) {
    Activity a = activity(dir, lessons[i].first, lessons[i].second, pages[i]);
    if (tweak) tweak(a);
    TRY(writer.add_activity(a));
  }
  return writer.commit();
}

std::map<std::string, std::string> entries(const fs::path& mbz) {
  std::map<std::string, std::string> out;
  auto r = read_tar(mbz, [&](const TarEntry& e, const TarData& data) -> Result<bool> {
    auto bytes = data.read(1 << 20);
    if (!bytes) return tl::unexpected(bytes.error());
    out[e.name] = std::move(*bytes);
    return true;
  });
  EXPECT_TRUE(r) << r.error().message;
  return out;
}

pugi::xml_document parse(const std::string& text) {
  pugi::xml_document doc;
  const auto r = doc.load_string(text.c_str());
  EXPECT_TRUE(r) << r.description() << "\n" << text;
  return doc;
}

TEST(Backup, EveryXmlParsesAndCarriesTheCourseSectionsAndActivities) {
  ScratchDir dir;
  std::vector<std::string> pages;
  ASSERT_TRUE(write_course(dir / "demo.mbz", dir.path(), pages));
  const auto files = entries(dir / "demo.mbz");
  int xml = 0;
  for (const auto& [name, bytes] : files) {
    if (!name.ends_with(".xml")) continue;
    ++xml;
    pugi::xml_document doc;
    EXPECT_TRUE(doc.load_string(bytes.c_str())) << name;
    EXPECT_EQ(bytes.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0), 0u) << name;
  }
  EXPECT_GT(xml, 40);

  const auto backup = parse(files.at("moodle_backup.xml"));
  const auto info = backup.child("moodle_backup").child("information");
  EXPECT_STREQ(info.child_value("name"), "demo-1.0.0.mbz");
  EXPECT_STREQ(info.child_value("moodle_version"), "2022112800");  // 4.1: restores on 4.1 to 4.5 without a warning
  EXPECT_STREQ(info.child("details").child("detail").child_value("format"), "moodle2");
  std::vector<std::string> sections;
  for (auto s : info.child("contents").child("sections").children("section")) sections.push_back(s.child_value("title"));
  EXPECT_EQ(sections, (std::vector<std::string>{"0", "Area one", "Area two"}));
  std::vector<std::string> acts;
  for (auto a : info.child("contents").child("activities").children("activity"))
    acts.push_back(std::string(a.child_value("title")) + "@" + a.child_value("sectionid") + ":" + a.child_value("directory"));
  EXPECT_EQ(acts, (std::vector<std::string>{"Lesson a@2:activities/scorm_1", "Lesson b@2:activities/scorm_2",
                                            "Lesson c@3:activities/scorm_3"}));
  // No user data: a template course.
  for (auto s : info.child("settings").children("setting")) {
    if (std::string(s.child_value("name")) == "users") {
      EXPECT_STREQ(s.child_value("value"), "0");
    }
  }

  const auto course = parse(files.at("course/course.xml"));
  EXPECT_STREQ(course.child("course").child_value("fullname"), "Démo & <cours>");
  EXPECT_STREQ(course.child("course").child_value("summary"), "<p>Résumé</p>");
  EXPECT_STREQ(course.child("course").child_value("enablecompletion"), "1");
  EXPECT_NE(files.at("course/course.xml").find("<fullname>Démo &amp; &lt;cours&gt;</fullname>"), std::string::npos);

  const auto s1 = parse(files.at("sections/section_2/section.xml"));
  EXPECT_STREQ(s1.child("section").child_value("name"), "Area one");
  EXPECT_STREQ(s1.child("section").child_value("sequence"), "1,2");
  EXPECT_STREQ(parse(files.at("sections/section_3/section.xml")).child("section").child_value("sequence"), "3");

  // The documents must outlive the nodes read from them.
  const auto module_doc = parse(files.at("activities/scorm_2/module.xml"));
  const auto module = module_doc.child("module");
  EXPECT_STREQ(module.child_value("idnumber"), "demo-b");
  EXPECT_STREQ(module.child_value("completion"), "2");
  EXPECT_STREQ(module.child_value("sectionnumber"), "1");
  const auto scorm_doc = parse(files.at("activities/scorm_2/scorm.xml"));
  const auto scorm = scorm_doc.child("activity").child("scorm");
  EXPECT_STREQ(scorm.child_value("name"), "Lesson b");
  EXPECT_STREQ(scorm.child_value("intro"), "<p>About b</p>");
  EXPECT_STREQ(scorm.child_value("version"), "SCORM_1.2");
  EXPECT_STREQ(scorm.child_value("completionstatusrequired"), "6");
  EXPECT_STREQ(scorm.child_value("popup"), "0");
  EXPECT_STREQ(scorm.child_value("maxattempt"), "0");
  EXPECT_STREQ(scorm.child_value("grademethod"), "0");
  EXPECT_STREQ(scorm.child_value("sha1hash"), sha1_hex("zip bytes of b").c_str());
  // scorm.launch names the SCO row with a launch page (ids run on across activities).
  EXPECT_STREQ(scorm.child_value("launch"), "4");
  EXPECT_STREQ(scorm.child("scoes").find_child_by_attribute("sco", "id", "4").child_value("launch"),
               "lessons/b/index.html");

  // The course completes when every lesson does.
  const auto completion_doc = parse(files.at("completion.xml"));
  const auto completion = completion_doc.child("course_completion");
  int criteria = 0;
  for (auto c : completion.children("course_completion_criteria")) {
    ++criteria;
    EXPECT_STREQ(c.child_value("moduleinstance"), std::to_string(criteria).c_str());
  }
  EXPECT_EQ(criteria, 3);
}

TEST(Backup, StoresEachContentOnceByItsSha1) {
  ScratchDir dir;
  std::vector<std::string> pages;
  ASSERT_TRUE(write_course(dir / "demo.mbz", dir.path(), pages));
  const auto files = entries(dir / "demo.mbz");
  int stored = 0;
  for (const auto& [name, bytes] : files) {
    if (name.rfind("files/", 0) != 0) continue;
    ++stored;
    EXPECT_EQ(name, "files/" + sha1_hex(bytes).substr(0, 2) + "/" + sha1_hex(bytes));
  }
  // 3 packages + 3 pages + the manifest and the stylesheet shared by all three.
  EXPECT_EQ(stored, 8);
  const auto list = parse(files.at("files.xml"));
  int rows = 0;
  for (auto f : list.child("files").children("file")) {
    ++rows;
    (void)f;
  }
  EXPECT_EQ(rows, 12);  // each activity: its package and three content files
  EXPECT_NE(files.at("files.xml").find("<filepath>/lessons/c/</filepath>"), std::string::npos);
}

TEST(Backup, TwoWritesAreByteIdentical) {
  ScratchDir dir;
  std::vector<std::string> pages;
  ASSERT_TRUE(write_course(dir / "one.mbz", dir.path(), pages));
  ASSERT_TRUE(write_course(dir / "two.mbz", dir.path(), pages));
  EXPECT_EQ(read_file(dir / "one.mbz"), read_file(dir / "two.mbz"));
}

TEST(Backup, ASectionOutsideTheCourseIsRefused) {
  ScratchDir dir;
  auto writer = BackupWriter::create(dir / "x.mbz", course_info());
  ASSERT_TRUE(writer);
  auto r = writer->add_activity(activity(dir.path(), "a", 3, "<p/>"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "activity 'Lesson a': section 3 is not one of the course's 2 sections");
}

TEST(BackupCheck, AWrittenBackupHasNoFindingAndHandsBackItsPackages) {
  ScratchDir dir;
  ScratchDir scratch;
  std::vector<std::string> pages;
  ASSERT_TRUE(write_course(dir / "demo.mbz", dir.path(), pages));
  auto summary = check_backup(dir / "demo.mbz", scratch.path());
  ASSERT_TRUE(summary) << summary.error().message;
  for (const auto& f : summary->findings) ADD_FAILURE() << f.file << ": " << f.message;
  EXPECT_EQ(summary->sections, 3);
  EXPECT_EQ(summary->activities, 3);
  ASSERT_EQ(summary->packages.size(), 3u);
  EXPECT_EQ(summary->packages[2].activity, "activities/scorm_3");
  EXPECT_EQ(summary->packages[2].reference, "demo-c-1.0.0-scorm12.zip");
  EXPECT_EQ(read_file(summary->packages[2].copy), "zip bytes of c");
}

TEST(BackupCheck, FindsAMissingLaunchPageAndAMissingManifest) {
  ScratchDir dir;
  ScratchDir scratch;
  std::vector<std::string> pages;
  ASSERT_TRUE(write_course(dir / "bad.mbz", dir.path(), pages, [](Activity& a) {
    if (a.name == "Lesson b") a.content.erase(a.content.begin());  // no imsmanifest.xml
    if (a.name == "Lesson c") a.scoes[1].launch = "lessons/c/missing.html";
  }));
  auto summary = check_backup(dir / "bad.mbz", scratch.path());
  ASSERT_TRUE(summary);
  std::vector<std::string> found;
  for (const auto& f : summary->findings) found.push_back(f.file + ": " + f.message);
  EXPECT_EQ(found, (std::vector<std::string>{
                       "activities/scorm_2/scorm.xml: no imsmanifest.xml among the extracted content: Moodle would "
                       "not launch anything",
                       "activities/scorm_3/scorm.xml: SCO 'ITEM-c' launches lessons/c/missing.html, which is not "
                       "among the extracted content"}));
}

TEST(BackupCheck, FindsADamagedStoredFile) {
  ScratchDir dir;
  std::vector<std::string> pages;
  ASSERT_TRUE(write_course(dir / "demo.mbz", dir.path(), pages));
  // Rewrite the archive with one stored file's bytes changed (same name).
  const auto files = entries(dir / "demo.mbz");
  const std::string victim = "files/" + sha1_hex(k_style).substr(0, 2) + "/" + sha1_hex(k_style);
  {
    auto tar = TarGzWriter::create(dir / "damaged.mbz", 0);
    ASSERT_TRUE(tar);
    for (const auto& [name, bytes] : files) ASSERT_TRUE(tar->add_bytes(name, name == victim ? "body{}" : bytes));
    ASSERT_TRUE(tar->commit());
  }
  auto summary = check_backup(dir / "damaged.mbz", {});
  ASSERT_TRUE(summary);
  ASSERT_GE(summary->findings.size(), 1u);
  EXPECT_EQ(summary->findings[0].file, victim);
  EXPECT_EQ(summary->findings[0].message.rfind("SHA-1 is ", 0), 0u) << summary->findings[0].message;
}

TEST(BackupCheck, NotATarGzIsAnInputError) {
  ScratchDir dir;
  write_file(dir / "x.mbz", "PK\x03\x04 not a tar");
  auto summary = check_backup(dir / "x.mbz", {});
  ASSERT_FALSE(summary);
  EXPECT_EQ(summary.error().code, ErrorCode::input);
  EXPECT_EQ(summary.error().message,
            (dir / "x.mbz").string() + ": not a Moodle backup (an .mbz is a gzip-compressed tar)");
}

}  // namespace
}  // namespace packager::mbz
