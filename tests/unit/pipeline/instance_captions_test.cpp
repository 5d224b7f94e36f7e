// Captions as PeerTube serves them: a caption URL in captionFilePath is
// downloaded and cached like a video, and a lesson without captionFilePath
// gets the instance's own caption in the course language
// (/api/v1/videos/ID/captions). Both are checked as WebVTT on arrival.
#include <filesystem>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "packager/pipeline/build.hpp"
#include "tests/support/fault_server.hpp"
#include "tests/support/test_support.hpp"

namespace packager::pipeline {
namespace {
namespace fs = std::filesystem;
using packager::testing::FaultServer;
using packager::testing::Fixture;
using packager::testing::Route;
using packager::testing::ScratchDir;

constexpr const char* k_vtt = "WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nBonjour.\n";

class InstanceCaptions : public ::testing::Test {
 protected:
  void SetUp() override {
    server.start();
    base = server.url("");
    Route video;
    video.body = packager::testing::read_file(packager::testing::make_fixture(Fixture::fragmented_h264_aac, fixtures.path()));
    server.set_route("/download/videos/abc-480.mp4", video);
    Route api;
    api.content_type = "application/json";
    api.body = R"({"uuid": "abc", "files": [{"resolution": {"id": 480}, "size": 1, "fileDownloadUrl": ")" + base +
               R"(/download/videos/abc-480.mp4"}], "streamingPlaylists": []})";
    server.set_route("/api/v1/videos/abc", api);
    // PeerTube 6 gives captionPath (relative to the instance), 7 fileUrl too.
    Route captions;
    captions.content_type = "application/json";
    captions.body = R"({"total": 2, "data": [
      {"language": {"id": "en", "label": "English"}, "captionPath": "/lazy-static/video-captions/abc-en.vtt"},
      {"language": {"id": "fr", "label": "French"}, "captionPath": "/lazy-static/video-captions/abc-fr.vtt",
       "automaticallyGenerated": false}]})";
    server.set_route("/api/v1/videos/abc/captions", captions);
    Route fr;
    fr.content_type = "text/vtt";
    fr.body = k_vtt;
    fr.etag = "\"fr1\"";
    server.set_route("/lazy-static/video-captions/abc-fr.vtt", fr);
  }
  BuildOptions options(const fs::path& input) const {
    BuildOptions o;
    o.input = input;
    o.output_dir = out.path();
    o.templates_dir = packager::testing::source_dir() / "templates";
    o.fetch.cache_dir = cache.path();
    o.fetch.retry_base_delay = std::chrono::milliseconds(5);
    return o;
  }
  fs::path lesson(const std::string& fields) {
    const auto path = lessons / "lesson.md";
    packager::testing::write_file(path, "---\ntitle: Les fractions\n" + fields + "---\n\n## Transcription\n\nTexte.\n");
    return path;
  }
  nlohmann::json report() const {
    return nlohmann::json::parse(packager::testing::read_file(out / "build-report.json"));
  }
  FaultServer server;
  std::string base;
  ScratchDir fixtures, lessons, out, cache;
  const Reporter reporter{Verbosity::quiet};
};

TEST_F(InstanceCaptions, TheInstancesCaptionInTheCourseLanguageIsPackaged) {
  const auto input = lesson("videoEmbedSrc: " + base + "/videos/embed/abc\n");
  auto built = build(options(input), reporter);
  ASSERT_TRUE(built) << built.error().message;
  EXPECT_EQ(server.requests("/lazy-static/video-captions/abc-fr.vtt"), 1);
  EXPECT_EQ(server.requests("/lazy-static/video-captions/abc-en.vtt"), 0);
  const auto r = report();
  EXPECT_EQ(r["lessons"][0]["captions"]["url"], base + "/lazy-static/video-captions/abc-fr.vtt");
  EXPECT_EQ(r["warnings"], nlohmann::json::array());
  // Packaged as the lesson's captions, byte for byte.
  ASSERT_EQ(built->packages.size(), 1u);
  const auto extracted = fixtures / "captions.vtt";
  ASSERT_EQ(packager::testing::run("unzip -p '" + built->packages[0].string() + "' lessons/lesson/captions.vtt > '" +
                                   extracted.string() + "'"),
            0);
  EXPECT_EQ(packager::testing::read_file(extracted), k_vtt);

  // Offline, the caption remembered and cached is packaged again.
  fs::remove_all(out.path());
  fs::create_directories(out.path());
  BuildOptions offline = options(input);
  offline.fetch.offline = true;
  auto again = build(offline, reporter);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(report()["lessons"][0]["captions"]["url"], base + "/lazy-static/video-captions/abc-fr.vtt");
  EXPECT_EQ(server.requests("/api/v1/videos/abc/captions"), 1);
}

TEST_F(InstanceCaptions, ACaptionUrlIsDownloadedAndRevalidatedLikeAVideo) {
  const auto input = lesson("videoDownloadHref: " + base + "/download/videos/abc-480.mp4\ncaptionFilePath: " + base +
                            "/lazy-static/video-captions/abc-fr.vtt\n");
  auto built = build(options(input), reporter);
  ASSERT_TRUE(built) << built.error().message;
  EXPECT_EQ(report()["lessons"][0]["captions"]["url"], base + "/lazy-static/video-captions/abc-fr.vtt");
  const auto served = server.bytes_served();
  fs::remove_all(out.path());
  fs::create_directories(out.path());
  auto again = build(options(input), reporter);
  ASSERT_TRUE(again) << again.error().message;
  // Asked again with its ETag; 304: no byte of the video or the captions.
  EXPECT_EQ(server.bytes_served(), served);
  const auto seen = server.seen("/lazy-static/video-captions/abc-fr.vtt");
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[1].if_none_match, "\"fr1\"");
  // No request to the instance's API: the lesson has no embed link.
  EXPECT_EQ(server.requests("/api/v1/videos/abc/captions"), 0);
}

TEST_F(InstanceCaptions, ABrokenCaptionUrlNamesTheUrlLineAndColumn) {
  Route bad;
  bad.content_type = "text/vtt";
  bad.body = "WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nVirgule.\n";
  server.set_route("/c/bad.vtt", bad);
  const auto input = lesson("videoDownloadHref: " + base + "/download/videos/abc-480.mp4\ncaptionFilePath: " + base +
                            "/c/bad.vtt\n");
  ::testing::internal::CaptureStderr();
  auto built = build(options(input), reporter);
  const std::string printed = ::testing::internal::GetCapturedStderr();
  ASSERT_FALSE(built);
  EXPECT_EQ(built.error().code, ErrorCode::input);
  EXPECT_EQ(built.error().message, "1 error(s) in the caption files; no video was downloaded");
  EXPECT_EQ(printed, base + "/c/bad.vtt:3:1: error: expected a cue start time such as 00:01:02.500 (hh:mm:ss.ttt or "
                            "mm:ss.ttt) (captionFilePath of " + input.string() + ":4:18)\n"
                            "    00:00:01,000 --> 00:00:02,000\n"
                            "    ^\n");
  // Checked before the video: not one request for it.
  EXPECT_EQ(server.requests("/download/videos/abc-480.mp4"), 0);
  EXPECT_TRUE(fs::is_empty(out.path()));
}

TEST_F(InstanceCaptions, AnHtmlPageForACaptionIsRefused) {
  Route portal;
  portal.content_type = "text/html";
  portal.body = "<!DOCTYPE html><html><body>Wi-Fi login</body></html>";
  server.set_route("/c/portal.vtt", portal);
  const auto input = lesson("videoDownloadHref: " + base + "/download/videos/abc-480.mp4\ncaptionFilePath: " + base +
                            "/c/portal.vtt\n");
  ::testing::internal::CaptureStderr();
  auto built = build(options(input), reporter);
  const std::string printed = ::testing::internal::GetCapturedStderr();
  ASSERT_FALSE(built);
  EXPECT_EQ(built.error().message, "1 error(s) in the caption files; no video was downloaded");
  EXPECT_EQ(printed, input.string() + ":4:18: error: captionFilePath: " + base +
                         "/c/portal.vtt: expected a WebVTT caption file but the server sent an HTML "
                         "page (text/html); a login page or a captive portal may be in the way\n");
}

// The instance's caption is checked as a file is: a broken one stops the
// build, said at the URL's line and column, naming the lesson.
TEST_F(InstanceCaptions, ABrokenCaptionOfTheInstanceIsAnError) {
  Route bad;
  bad.content_type = "text/vtt";
  bad.body = "00:00:00.000 --> 00:00:01.500\nBonjour.\n";
  server.set_route("/lazy-static/video-captions/abc-fr.vtt", bad);
  const auto input = lesson("videoEmbedSrc: " + base + "/videos/embed/abc\n");
  ::testing::internal::CaptureStderr();
  auto built = build(options(input), reporter);
  const std::string printed = ::testing::internal::GetCapturedStderr();
  ASSERT_FALSE(built);
  EXPECT_EQ(built.error().code, ErrorCode::input);
  EXPECT_EQ(built.error().message, "1 error(s) in the caption files; nothing was built");
  EXPECT_EQ(printed, base + "/lazy-static/video-captions/abc-fr.vtt:1:1: error: expected 'WEBVTT' on the first line "
                            "of a WebVTT file (the instance's captions of " + input.string() + ")\n"
                            "    00:00:00.000 --> 00:00:01.500\n"
                            "    ^\n");
  EXPECT_TRUE(fs::is_empty(out.path()));
}

TEST_F(InstanceCaptions, NoCaptionInTheCourseLanguageMeansNone) {
  Route none;
  none.content_type = "application/json";
  none.body = R"({"total": 1, "data": [{"language": {"id": "de"}, "captionPath": "/lazy-static/video-captions/x.vtt"}]})";
  server.set_route("/api/v1/videos/abc/captions", none);
  const auto input = lesson("videoEmbedSrc: " + base + "/videos/embed/abc\n");
  auto built = build(options(input), reporter);
  ASSERT_TRUE(built) << built.error().message;
  EXPECT_FALSE(report()["lessons"][0].contains("captions"));
  EXPECT_EQ(server.requests("/lazy-static/video-captions/x.vtt"), 0);
}

}  // namespace
}  // namespace packager::pipeline
