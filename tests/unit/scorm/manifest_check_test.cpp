#include "packager/scorm/manifest_check.hpp"

#include <gtest/gtest.h>

#include "packager/scorm/manifest.hpp"
#include "tests/support/test_support.hpp"

namespace packager::scorm {
namespace {

std::string example(const std::string& name) {
  return packager::testing::read_file(packager::testing::shared_dir() / "scorm-xsd" / "examples" / (name + ".xml"));
}

std::string joined(const std::vector<Finding>& findings) {
  std::string out;
  for (const auto& f : findings)
    out += (f.severity == Severity::error ? "error: " : "warning: ") + f.file + " " + f.message + "\n";
  return out;
}

const std::set<std::string> k_example_files = {"index.html", "js/scorm.js"};

TEST(ManifestCheck, ValidExamplesPass) {
  for (const char* name : {"scorm12-valid", "scorm12-valid-with-imsmd", "scorm2004-4th-valid",
                           "scorm2004-4th-valid-with-lom"})
    EXPECT_EQ(joined(check_manifest(example(name), k_example_files)), "") << name;
}

// The defects the XSDs cannot see (../shared/scorm-xsd/README.md), each in
// an example file, and the finding that must name it.
TEST(ManifestCheck, FlagsEveryXsdBlindDefectInTheExamples) {
  const std::vector<std::pair<const char*, const char*>> table = {
      {"scorm12-bad-dangling-identifierref", "identifierref RES-MISSING names no resource"},
      {"scorm12-bad-default-org", "organizations/@default"},
      {"scorm12-bad-default-is-resource", "organizations/@default RES-1 names no organization"},
      {"scorm12-bad-missing-scormtype", "resource RES-1 has no adlcp:scormtype"},
      {"scorm12-bad-schemaversion", "schemaversion is \"1.3\", expected exactly \"1.2\""},
      {"scorm12-bad-item-no-title", "has no title"},
      {"scorm12-bad-duplicate-id", "is used twice"},
      {"scorm12-bad-scormtype-value", "expected \"sco\" or \"asset\" (lower case)"},
      {"scorm2004-bad-dangling-identifierref", "names no resource"},
      {"scorm2004-bad-default-org", "names no organization"},
      {"scorm2004-bad-missing-scormtype", "has no adlcp:scormType"},
      {"scorm2004-bad-schemaversion", "expected exactly \"2004 4th Edition\""},
      {"scorm2004-bad-extension-order", "imsss:sequencing is out of order"},
      {"scorm2004-bad-wrong-adlcp-namespace", "xmlns:adlcp is http://www.adlnet.org/xsd/adlcp_v1p2"},
      {"scorm2004-bad-organization-no-item", "has no item"},
  };
  for (const auto& [name, expected] : table) {
    const std::string found = joined(check_manifest(example(name), k_example_files));
    EXPECT_NE(found.find(expected), std::string::npos) << name << " should report '" << expected << "', got:\n"
                                                       << found;
  }
}

// Our own manifest, broken by hand one defect at a time.
std::string ours() {
  Package p;
  p.identifier = "MANIFEST-c";
  p.title = "Cours";
  p.course_version = "1.0.0";
  p.resources = {{"RES-a", "lessons/a/index.html", true, {"lessons/a/index.html"}, {"RES-shared"}},
                 {"RES-shared", "", false, {"shared/style.css"}, {}}};
  p.items = {{"ITEM-g", "Domaine 1", "", {{"ITEM-a", "Leçon A", "RES-a", {}}}}};
  return *write_manifest(p);
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(ManifestCheck, FlagsEachHandBrokenDefect) {
  const std::set<std::string> files = {"lessons/a/index.html", "shared/style.css"};
  ASSERT_EQ(joined(check_manifest(ours(), files)), "");
  const struct {
    std::string from;
    std::string to;
    std::string expected;
  } table[] = {
      {"<schemaversion>1.2</schemaversion>", "<schemaversion> 1.2</schemaversion>",
       "schemaversion is \" 1.2\", expected exactly \"1.2\""},
      {"xmlns:adlcp=", "xmlns:adl=", "bound to prefix 'adl'; Moodle only reads 'adlcp'"},
      {"adlcp:scormtype=\"sco\"", "adlcp:scormtype=\"SCO\"", "expected \"sco\" or \"asset\" (lower case)"},
      {"<item identifier=\"ITEM-g\">", "<item identifier=\"ITEM-g\" identifierref=\"RES-a\">",
       "item ITEM-g has children and an identifierref"},
      {" identifierref=\"RES-a\">", ">", "item ITEM-a is a leaf but has no identifierref"},
      {"<title>Leçon A</title>", "", "item ITEM-a has no title"},
      {"<title>Leçon A</title>", "<title>" + std::string(256, 'x') + "</title>",
       "title is 256 characters long"},
      {"identifier=\"ITEM-a\"", "identifier=\"RES-a\"", "identifier RES-a is used twice"},
      {"default=\"MANIFEST-c-org\"", "default=\"RES-a\"", "organizations/@default RES-a names no organization"},
      {"<file href=\"shared/style.css\" />", "<file href=\"../style.css\" />",
       "href \"../style.css\" must be relative"},
      {"<file href=\"shared/style.css\" />", "<file href=\"/shared/style.css\" />", "must be relative"},
      {"<file href=\"shared/style.css\" />", "<file href=\"shared\\style.css\" />", "must be relative"},
      {"<file href=\"shared/style.css\" />", "<file href=\"shared/missing.css\" />",
       "href \"shared/missing.css\" is not in the package"},
      {"<file href=\"shared/style.css\" />", "<file href=\"shared/a&amp;b.css\" />", "Moodle renames"},
      {"<dependency identifierref=\"RES-shared\" />", "<dependency identifierref=\"RES-x\" />",
       "dependency RES-x names no resource"},
      {"</manifest>", "", "not well-formed XML"},
  };
  for (const auto& row : table) {
    const std::string found = joined(check_manifest(replaced(ours(), row.from, row.to), files));
    EXPECT_NE(found.find(row.expected), std::string::npos)
        << row.from << " -> " << row.to << " should report '" << row.expected << "', got:\n" << found;
  }
}

TEST(ManifestCheck, FilesPresentButUnlistedAreWarnings) {
  auto findings = check_manifest(ours(), std::set<std::string>{"lessons/a/index.html", "shared/style.css",
                                                               "extra.txt", "imscp_rootv1p1p2.xsd"});
  ASSERT_EQ(findings.size(), 1u) << joined(findings);
  EXPECT_EQ(findings[0].severity, Severity::warning);
  EXPECT_EQ(findings[0].file, "extra.txt");
  findings = check_manifest(ours(), std::set<std::string>{"lessons/a/index.html", "shared/style.css", "é|x.txt"});
  EXPECT_NE(joined(findings).find("error: é|x.txt Moodle renames"), std::string::npos) << joined(findings);
}

TEST(ManifestCheck, FindingsCarryLineNumbers) {
  const auto findings = check_manifest(example("scorm12-bad-dangling-identifierref"), k_example_files);
  ASSERT_FALSE(findings.empty());
  EXPECT_GT(findings[0].line, 1);
}

TEST(ManifestCheck, SafeHrefs) {
  EXPECT_TRUE(is_safe_href("lessons/a/index.html?x=1#t"));
  EXPECT_FALSE(is_safe_href("https://example.org/x.html"));
  EXPECT_FALSE(is_safe_href("C:/x.html"));
  EXPECT_FALSE(is_safe_href("a/../../x"));
  EXPECT_FALSE(is_safe_href(""));
}

}  // namespace
}  // namespace packager::scorm
