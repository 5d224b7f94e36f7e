// What would break a package on a target: the SCORM version, the upload
// limit with the room to unzip, 1.2 suspend_data, references outside.
#include "packager/scorm/target_check.hpp"

#include <gtest/gtest.h>

namespace packager::scorm {
namespace {

std::string lines(const TargetReport& report) {
  std::string out;
  for (const auto& f : report.findings)
    out += std::string(f.severity == Severity::error ? "error " : "warning ") + f.file + ":" +
           std::to_string(f.line) + ": " + f.message + "\n";
  return out;
}

PackageFacts facts(Version version, int scos = 1) {
  PackageFacts f;
  f.version = version;
  f.scos = scos;
  f.package_bytes = 60 * 1024 * 1024;
  f.unpacked_bytes = 61 * 1024 * 1024;
  return f;
}

TEST(TargetCheck, TheMoodleAppPlaysScorm12Only) {
  EXPECT_EQ(lines(check_target(facts(Version::scorm2004_4th), {Target::moodle_app, {}})),
            "error :0: SCORM 2004: the Moodle app plays SCORM 1.2 packages only; build it with scorm: \"1.2\"\n");
  EXPECT_EQ(lines(check_target(facts(Version::scorm12), {Target::moodle_app, {}})), "");
  EXPECT_EQ(lines(check_target(facts(Version::scorm2004_4th), {Target::moodle, {}})), "");
  EXPECT_EQ(lines(check_target(facts(Version::scorm2004_4th, 3), {Target::generic, {}})), "");
}

TEST(TargetCheck, MoodleAndSeveral2004Scos) {
  const auto report = check_target(facts(Version::scorm2004_4th, 3), {Target::moodle, {}});
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_EQ(report.findings[0].severity, Severity::warning);
  EXPECT_NE(report.findings[0].message.find("SCORM 2004 with 3 SCOs: Moodle 4.5 keeps one SCORM 2004 API per visit"),
            std::string::npos);
}

TEST(TargetCheck, UploadLimitCountsTheRoomToUnzip) {
  const auto f = facts(Version::scorm12);  // 60 MiB zip, 61 MiB unpacked
  auto report = check_target(f, {Target::moodle, 200ull * 1024 * 1024});
  EXPECT_EQ(report.room_bytes, 121ull * 1024 * 1024);
  EXPECT_EQ(lines(report), "");
  report = check_target(f, {Target::moodle, 100ull * 1024 * 1024});
  EXPECT_EQ(lines(report),
            "warning :0: the package is 60.0 MiB, within the upload limit of 100.0 MiB, but Moodle keeps the zip and "
            "unpacks its files beside it: it needs 121.0 MiB of room (check the site's disk and quotas)\n");
  report = check_target(f, {Target::moodle, 50ull * 1024 * 1024});
  EXPECT_EQ(lines(report),
            "error :0: the package is 60.0 MiB, over the upload limit of 50.0 MiB: package per lesson or use smaller "
            "videos (--max-height 480)\n");
}

TEST(TargetCheck, SuspendDataOfOurRuntime) {
  auto f = facts(Version::scorm12);
  f.texts["shared/scorm.js"] = "var k_suspend_limit_12 = 4096;\nvar k_suspend_limit_2004 = 64000;\n";
  auto report = check_target(f, {Target::moodle_app, {}});
  EXPECT_EQ(report.suspend_limit_12, 4096u);
  EXPECT_EQ(lines(report), "");
  f.texts["shared/scorm.js"] = "var k_suspend_limit_12 = 8000;";
  EXPECT_EQ(lines(check_target(f, {Target::generic, {}})),
            "error shared/scorm.js:0: writes up to 8000 characters of cmi.suspend_data; SCORM 1.2 allows 4096, and the "
            "LMS refuses a longer value\n");
  // Someone else's runtime: nothing known, nothing said.
  f.texts["shared/scorm.js"] = "api.LMSSetValue('cmi.suspend_data', s);";
  report = check_target(f, {Target::generic, {}});
  EXPECT_FALSE(report.suspend_limit_12);
  EXPECT_EQ(lines(report), "");
}

TEST(TargetCheck, ReferencesOutsideThePackage) {
  auto f = facts(Version::scorm12);
  f.texts["lessons/a/index.html"] =
      "<!DOCTYPE html>\n<link rel=\"stylesheet\" href=\"../../shared/style.css\">\n"
      "<script src=\"https://cdn.example.org/x.js\"></script>\n"
      "<img src='//cdn.example.org/i.png' alt=''>\n"
      "<video src=video.mp4 poster=\"../../../poster.jpg\"></video>\n"
      "<!-- <img src=\"http://commented.example.org/x.png\"> -->\n"
      "<a href=\"https://example.org/page\">a link is the learner's choice</a>\n"
      "<img src=\"data:image/png;base64,AAAA\" alt=\"\"><a href=\"#top\">top</a>\n"
      "<div style=\"background: url('/root.png')\"></div>\n";
  f.texts["shared/style.css"] = "body { font: 1em sans-serif; }\n@import \"https://fonts.example.org/f.css\";\n";
  EXPECT_EQ(lines(check_target(f, {Target::moodle_app, {}})),
            "error lessons/a/index.html:3: <script src> loads https://cdn.example.org/x.js from outside the package: "
            "the Moodle app plays packages offline\n"
            "error lessons/a/index.html:4: <img src> loads //cdn.example.org/i.png from outside the package: the "
            "Moodle app plays packages offline\n"
            "error lessons/a/index.html:5: <video poster> refers to ../../../poster.jpg, outside the package folder: "
            "the LMS will not find it\n"
            "error lessons/a/index.html:9: url() refers to /root.png, outside the package folder: the LMS will not "
            "find it\n"
            "error shared/style.css:2: @import loads https://fonts.example.org/f.css from outside the package: the "
            "Moodle app plays packages offline\n");
  // In a browser, the network is there: warnings; leaving the folder stays an error.
  const auto report = check_target(f, {Target::moodle, {}});
  int errors = 0;
  for (const auto& x : report.findings) errors += x.severity == Severity::error;
  EXPECT_EQ(report.findings.size(), 5u);
  EXPECT_EQ(errors, 2);
}

TEST(TargetCheck, CountsScos) {
  EXPECT_EQ(count_scos("<manifest xmlns:adlcp=\"a\"><resources>"
                       "<resource identifier=\"r1\" adlcp:scormtype=\"sco\"/>"
                       "<resource identifier=\"r2\" adlcp:scormType=\"sco\"/>"
                       "<resource identifier=\"r3\" adlcp:scormtype=\"asset\"/>"
                       "</resources></manifest>"),
            2);
  EXPECT_EQ(count_scos("not xml <"), 0);
}

}  // namespace
}  // namespace packager::scorm
