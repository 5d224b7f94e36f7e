// One sink for warnings: every warning a build prints reaches
// build-report.json's "warnings" with its lesson, one test per pass that
// warns (lesson files, fetch, captions, media, package).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "packager/pipeline/build.hpp"
#include "tests/support/fault_server.hpp"
#include "tests/support/test_support.hpp"

namespace packager::pipeline {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;
using packager::testing::FaultServer;
using packager::testing::Fixture;
using packager::testing::Route;
using packager::testing::ScratchDir;

class Warnings : public ::testing::Test {
 protected:
  void SetUp() override {
    server.start();
    video.body = packager::testing::read_file(packager::testing::make_fixture(Fixture::fragmented_h264_aac, fixtures.path()));
    video.etag = "\"v1\"";
    server.set_route("/v/fractions-1080-fragmented.mp4", video);
  }
  BuildOptions options(const fs::path& output) const {
    BuildOptions o;
    o.input = lessons / "fractions.md";
    o.output_dir = output;
    o.templates_dir = packager::testing::source_dir() / "templates";
    o.fetch.cache_dir = cache.path();
    o.fetch.retry_base_delay = std::chrono::milliseconds(5);
    return o;
  }
  void lesson(const std::string& extra = {}) const {
    packager::testing::write_file(lessons / "fractions.md",
                                  "---\ntitle: Les fractions\nvideoDownloadHref: " +
                                      server.url("/v/fractions-1080-fragmented.mp4") + "\n" + extra +
                                      "---\n\n## Transcription\n\nTexte.\n");
  }
  // The report's warnings, as "lesson|message".
  static std::vector<std::string> reported(const fs::path& output) {
    const json report = json::parse(packager::testing::read_file(output / "build-report.json"));
    std::vector<std::string> got;
    for (const auto& w : report.at("warnings")) got.push_back(w.at("lesson").get<std::string>() + "|" +
                                                              w.at("message").get<std::string>());
    return got;
  }
  // What this build printed through the sink, in the same form.
  std::vector<std::string> printed(size_t before) const {
    std::vector<std::string> got;
    const auto all = reporter.warnings();
    for (size_t i = before; i < all.size(); ++i) got.push_back(all[i].lesson + "|" + all[i].message);
    return got;
  }
  FaultServer server;
  ScratchDir fixtures, lessons, out, cache;
  Route video;
  const Reporter reporter{Verbosity::quiet};
};

TEST_F(Warnings, LessonFileWarningsCarryTheirLesson) {
  lesson("descripton: Les parts\n");
  ASSERT_TRUE(build(options(out.path()), reporter));
  const auto got = reported(out.path());
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0], "fractions|" + (lessons / "fractions.md").string() +
                        ":4:1: warning: unknown key 'descripton'; did you mean 'description'?\n"
                        "    descripton: Les parts\n"
                        "    ^");
}

TEST_F(Warnings, FetchWarningsReachTheReport) {
  lesson();
  ASSERT_TRUE(build(options(out.path()), reporter));
  // The server is gone: the intact cached copy is used, with a warning.
  Route gone;
  gone.status = 404;
  gone.body = "gone";
  server.set_route("/v/fractions-1080-fragmented.mp4", gone);
  ScratchDir second;
  const size_t before = reporter.warnings().size();
  ASSERT_TRUE(build(options(second.path()), reporter));
  const auto got = reported(second.path());
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got, printed(before));
  EXPECT_EQ(got[0], "fractions|warning: " + server.url("/v/fractions-1080-fragmented.mp4") +
                        ": HTTP 404; using the cached copy");
}

TEST_F(Warnings, CaptionWarningsReachTheReport) {
  Route vtt;
  vtt.body = "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nBonjour\n";
  vtt.etag = "\"c1\"";
  vtt.content_type = "text/vtt";
  server.set_route("/captions/fractions.vtt", vtt);
  lesson("captionFilePath: " + server.url("/captions/fractions.vtt") + "\n");
  ASSERT_TRUE(build(options(out.path()), reporter));
  // The caption's server is gone: the intact cached copy is used, with a
  // warning that names the lesson.
  Route gone;
  gone.status = 404;
  gone.body = "gone";
  server.set_route("/captions/fractions.vtt", gone);
  ScratchDir second;
  const size_t before = reporter.warnings().size();
  ASSERT_TRUE(build(options(second.path()), reporter));
  const auto got = reported(second.path());
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got, printed(before));
  EXPECT_EQ(got[0], "fractions|warning: " + server.url("/captions/fractions.vtt") + ": HTTP 404; using the cached copy");
}

TEST_F(Warnings, MediaWarningsReachTheReport) {
  lesson();
  // A file where the remux cache's folder should be: the remuxed video
  // cannot be kept, which only costs time next build.
  packager::testing::write_file(cache.path() / "remuxed", "not a folder");
  ASSERT_TRUE(build(options(out.path()), reporter));
  const auto got = reported(out.path());
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].rfind("fractions|warning: could not keep the remuxed video of fractions in the cache: ", 0), 0u)
      << got[0];
}

TEST_F(Warnings, PackageWarningsReachTheReport) {
  lesson();
  BuildOptions o = options(out.path());
  o.max_package_bytes = 1024;
  o.oversize_warns = true;
  const size_t before = reporter.warnings().size();
  ASSERT_TRUE(build(o, reporter));
  const auto got = reported(out.path());
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got, printed(before));
  EXPECT_NE(got[0].find("|warning: " + (out.path() / "fractions-1.0.0-scorm12.zip").string() + ": the package is "),
            std::string::npos)
      << got[0];
  EXPECT_NE(got[0].find("over the limit of 1.0 KiB (--max-package-size)"), std::string::npos) << got[0];
}

}  // namespace
}  // namespace packager::pipeline
