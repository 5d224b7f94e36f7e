#include "packager/inspect/validate.hpp"

#include <gtest/gtest.h>

#include "packager/lesson/lesson.hpp"
#include "tests/support/raw_zip.hpp"
#include "tests/support/test_support.hpp"
#include "tests/unit/pipeline/package_outputs.hpp"

namespace packager::pipeline {
namespace {
using inspect::validate_package;
using inspect::ValidateReport;
using packager::testing::ScratchDir;
namespace fs = std::filesystem;

std::string lines(const ValidateReport& report) {
  std::string out;
  for (const auto& f : report.findings)
    out += (f.severity == scorm::Severity::error ? "error " : "warning ") + f.file + ":" + std::to_string(f.line) +
           " " + f.message + "\n";
  return out;
}

// A package folder as our build lays it out, from the seed lesson.
void write_package(const fs::path& root, lesson::ScormVersion version) {
  Diagnostics diagnostics;
  lesson::Course course;
  course.identifier = "pix-edu";
  course.title = "Pix+ Édu";
  course.scorm = version;
  course.lessons.push_back(
      *lesson::load_lesson(packager::testing::shared_dir() / "seed" / "000_c06ca674b3debc3d.txt", diagnostics));
  const auto out = testing::render_outputs(course);
  packager::testing::write_file(root / "imsmanifest.xml", out.manifest);
  for (const auto& f : out.files) packager::testing::write_file(root / f, "x");
}

TEST(Validate, OurPackagesPassWithTheSchemas) {
  for (const auto version : {lesson::ScormVersion::scorm12, lesson::ScormVersion::scorm2004_4th}) {
    ScratchDir dir;
    write_package(dir.path(), version);
    auto report = validate_package({dir.path(), packager::testing::shared_dir() / "scorm-xsd", {}});
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_EQ(lines(*report), "");
    EXPECT_EQ(report->version, version == lesson::ScormVersion::scorm12 ? scorm::Version::scorm12
                                                                        : scorm::Version::scorm2004_4th);
  }
}

TEST(Validate, FolderDefectsAreFindings) {
  ScratchDir dir;
  write_package(dir.path(), lesson::ScormVersion::scorm12);
  fs::remove(dir / "shared/style.css");
  packager::testing::write_file(dir / "notes.txt", "x");
  auto report = validate_package({dir.path(), {}, {}});
  ASSERT_TRUE(report);
  EXPECT_NE(lines(*report).find("error imsmanifest.xml:"), std::string::npos);
  EXPECT_NE(lines(*report).find("href \"shared/style.css\" is not in the package"), std::string::npos)
      << lines(*report);
  EXPECT_NE(lines(*report).find("warning notes.txt:0 in the package but listed by no resource"), std::string::npos)
      << lines(*report);
  EXPECT_EQ(report->errors(), 1);
  EXPECT_EQ(report->warnings(), 1);
}

TEST(Validate, XsdErrorsBecomeFindingsWithLines) {
  ScratchDir dir;
  packager::testing::write_file(
      dir / "imsmanifest.xml",
      packager::testing::read_file(packager::testing::shared_dir() / "scorm-xsd" / "examples" /
                                   "scorm12-bad-element-order.xml"));
  packager::testing::write_file(dir / "index.html", "x");
  packager::testing::write_file(dir / "js" / "scorm.js", "x");
  auto without = validate_package({dir.path(), {}, {}});
  ASSERT_TRUE(without);
  EXPECT_EQ(lines(*without), "") << "element order is for the XSD to see";
  auto with = validate_package({dir.path(), packager::testing::shared_dir() / "scorm-xsd", {}});
  ASSERT_TRUE(with) << with.error().message;
  ASSERT_EQ(with->errors(), 1) << lines(*with);
  EXPECT_EQ(with->findings[0].file, "imsmanifest.xml");
  EXPECT_GT(with->findings[0].line, 0);
  EXPECT_EQ(with->findings[0].message.rfind("XSD: ", 0), 0u) << with->findings[0].message;
}

TEST(Validate, ZipSlipNamesAreFlaggedNeverExtracted) {
  ScratchDir dir;
  const std::string manifest = packager::testing::read_file(packager::testing::shared_dir() / "scorm-xsd" /
                                                            "examples" / "scorm12-valid.xml");
  packager::testing::write_file(dir / "in" / "p.zip",
                                packager::testing::raw_zip({{"imsmanifest.xml", manifest},
                                                            {"index.html", "x"},
                                                            {"js/scorm.js", "x"},
                                                            {"../../evil.sh", "boom"},
                                                            {"/tmp/abs.sh", "boom"}}));
  auto report = validate_package({dir / "in" / "p.zip", {}, {}});
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(lines(*report),
            "error ../../evil.sh:0 unsafe entry name (absolute, '..' or '\\'): extraction could write outside the "
            "folder\n"
            "error /tmp/abs.sh:0 unsafe entry name (absolute, '..' or '\\'): extraction could write outside the "
            "folder\n");
  EXPECT_FALSE(fs::exists(dir / "evil.sh"));
  EXPECT_FALSE(fs::exists("/tmp/abs.sh"));
}

TEST(Validate, ManifestMustBeAtTheRoot) {
  ScratchDir dir;
  packager::testing::write_file(dir / "p.zip", packager::testing::raw_zip({{"course/imsmanifest.xml", "<manifest/>"}}));
  auto report = validate_package({dir / "p.zip", {}, {}});
  ASSERT_TRUE(report);
  EXPECT_EQ(lines(*report),
            "error :0 imsmanifest.xml is not at the root but in course/imsmanifest.xml (zip the folder's contents, "
            "not the folder)\n");
  packager::testing::write_file(dir / "q.zip", packager::testing::raw_zip({{"index.html", "x"}}));
  report = validate_package({dir / "q.zip", {}, {}});
  ASSERT_TRUE(report);
  EXPECT_EQ(lines(*report), "error :0 no imsmanifest.xml at the root of the package\n");
}

TEST(Validate, UnusableInputsFail) {
  auto missing = validate_package({"/nonexistent/p.zip", {}, {}});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::usage);
  EXPECT_EQ(missing.error().message, "/nonexistent/p.zip: no such file or folder");
  ScratchDir dir;
  packager::testing::write_file(dir / "p.zip", "not a zip");
  auto bad = validate_package({dir / "p.zip", dir.path(), {}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message,
            dir.path().string() + ": not a schemas folder (expected catalog.xml and drivers/ in it)");
}

}  // namespace
}  // namespace packager::pipeline
