// The fetch pass inside a real build: a second build of an unchanged lesson
// transfers no media bytes, and a lesson with only a PeerTube embed link is
// resolved through the instance's API.
#include <gtest/gtest.h>

#include "packager/pipeline/build.hpp"
#include "tests/support/fault_server.hpp"
#include "tests/support/test_support.hpp"

namespace packager::pipeline {
namespace {
using packager::testing::FaultServer;
using packager::testing::Fixture;
using packager::testing::Route;
using packager::testing::ScratchDir;

class FetchPass : public ::testing::Test {
 protected:
  void SetUp() override {
    server.start();
    video.body = packager::testing::read_file(packager::testing::make_fixture(Fixture::fragmented_h264_aac, fixtures.path()));
    video.etag = "\"f1\"";
  }
  BuildOptions options(const std::filesystem::path& input) const {
    BuildOptions o;
    o.input = input;
    o.output_dir = out.path();
    o.templates_dir = packager::testing::source_dir() / "templates";
    o.fetch.cache_dir = cache.path();
    o.fetch.retry_base_delay = std::chrono::milliseconds(5);
    o.jobs = 2;
    return o;
  }
  std::filesystem::path lesson(const std::string& field, const std::string& url) {
    const auto path = lessons / "lesson.md";
    packager::testing::write_file(path, "---\ntitle: Les fractions\n" + field + ": " + url +
                                            "\n---\n\n## Transcription\n\nTexte.\n");
    return path;
  }
  FaultServer server;
  ScratchDir fixtures, lessons, out, cache;
  Route video;
  const Reporter reporter{Verbosity::quiet};
};

TEST_F(FetchPass, SecondBuildOfAnUnchangedLessonTransfersNoMediaBytes) {
  server.set_route("/v/lesson-1080-fragmented.mp4", video);
  const auto input = lesson("videoDownloadHref", server.url("/v/lesson-1080-fragmented.mp4"));
  auto first = build(options(input), reporter);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(server.bytes_served(), video.body.size());
  auto second = build(options(input), reporter);
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(server.bytes_served(), video.body.size());  // 304: not one byte more
  EXPECT_EQ(server.requests("/v/lesson-1080-fragmented.mp4"), 2);
  EXPECT_EQ(server.seen("/v/lesson-1080-fragmented.mp4")[1].if_none_match, "\"f1\"");
}

TEST_F(FetchPass, EmbedOnlyLessonIsResolvedThroughThePeerTubeApi) {
  const std::string base = server.url("");
  Route api;
  api.content_type = "application/json";
  api.body = R"({"uuid": "abc-1", "files": [], "streamingPlaylists": [{"id": 1, "type": 1, "files": [
    {"resolution": {"id": 1080, "label": "1080p"}, "size": 1, "fileUrl": ")" + base + R"(/hls/abc-1-1080-fragmented.mp4"},
    {"resolution": {"id": 480, "label": "480p"}, "size": 1, "fileUrl": ")" + base + R"(/hls/abc-1-480-fragmented.mp4"}]}]})";
  server.set_route("/api/v1/videos/abc-1", api);
  server.set_route("/hls/abc-1-480-fragmented.mp4", video);
  BuildOptions o = options(lesson("videoEmbedSrc", base + "/videos/embed/abc-1"));
  o.media.max_height = 480;
  auto built = build(o, reporter);
  ASSERT_TRUE(built) << built.error().message;
  EXPECT_EQ(built->packages.size(), 1u);
  EXPECT_EQ(server.requests("/hls/abc-1-480-fragmented.mp4"), 1);
  EXPECT_EQ(server.requests("/hls/abc-1-1080-fragmented.mp4"), 0);
}

TEST_F(FetchPass, ParallelDownloadsFetchEachDistinctVideoOnce) {
  Route other = video;
  other.etag = "\"f2\"";
  server.set_route("/v/a.mp4", video);
  server.set_route("/v/b.mp4", other);
  const auto write_lesson = [&](const std::string& name, const std::string& title, const std::string& path) {
    packager::testing::write_file(lessons / name, "---\ntitle: " + title + "\nvideoDownloadHref: " +
                                                      server.url(path) + "\n---\n\n## Transcription\n\nTexte.\n");
  };
  write_lesson("one.md", "Un", "/v/a.mp4");
  write_lesson("two.md", "Deux", "/v/b.mp4");
  write_lesson("three.md", "Trois", "/v/a.mp4");  // the same video again
  packager::testing::write_file(lessons / "course.yaml",
                                "id: parallel\ntitle: Parallèle\nversion: 1.0.0\nlanguage: fr\nscorm: \"1.2\"\n"
                                "lessons:\n  - one.md\n  - two.md\n  - three.md\n");
  BuildOptions o = options(lessons / "course.yaml");
  o.jobs = 3;
  auto built = build(o, reporter);
  ASSERT_TRUE(built) << built.error().message;
  EXPECT_EQ(server.requests("/v/a.mp4"), 1);
  EXPECT_EQ(server.requests("/v/b.mp4"), 1);
}

TEST_F(FetchPass, CachedVideosAreRevalidatedSeveralAtATimeAndNewVersionsDownloadedAsJobsSays) {
  // Eight videos from a server 50 ms away, built with -j 1.
  std::string listed;
  for (char c = 'a'; c <= 'h'; ++c) {
    Route r = video;
    r.etag = std::string("\"") + c + "1\"";
    r.delay = std::chrono::milliseconds(50);
    server.set_route(std::string("/v/") + c + ".mp4", r);
    packager::testing::write_file(lessons / (std::string(1, c) + ".md"),
                                  std::string("---\ntitle: Leçon ") + c + "\nvideoDownloadHref: " +
                                      server.url(std::string("/v/") + c + ".mp4") + "\n---\n\n## Transcription\n\nTexte.\n");
    listed += std::string("  - ") + c + ".md\n";
  }
  packager::testing::write_file(lessons / "course.yaml",
                                "id: eight\ntitle: Huit\nversion: 1.0.0\nlanguage: fr\nlessons:\n" + listed);
  BuildOptions o = options(lessons / "course.yaml");
  o.jobs = 1;
  auto cold = build(o, reporter);
  ASSERT_TRUE(cold) << cold.error().message;
  EXPECT_EQ(server.max_in_flight(), 1);  // nothing cached: eight downloads, one at a time
  // Two videos get a new version on the server.
  for (const char c : {'c', 'f'}) {
    Route r = video;
    r.etag = std::string("\"") + c + "2\"";
    r.delay = std::chrono::milliseconds(50);
    server.set_route(std::string("/v/") + c + ".mp4", r);
  }
  server.reset_max_in_flight();
  const auto served = server.bytes_served();
  auto warm = build(o, reporter);
  ASSERT_TRUE(warm) << warm.error().message;
  EXPECT_GE(server.max_in_flight(), 2);  // the revalidations overlapped
  EXPECT_LE(server.max_in_flight(), 6);
  for (char c = 'a'; c <= 'h'; ++c) {
    const std::string path = std::string("/v/") + c + ".mp4";
    const bool changed = c == 'c' || c == 'f';
    // A new version: asked once (stopped at its headers), then downloaded.
    EXPECT_EQ(server.requests(path), changed ? 3 : 2) << path;
    EXPECT_EQ(server.seen(path)[1].if_none_match, std::string("\"") + c + "1\"") << path;
  }
  EXPECT_GE(server.bytes_served() - served, 2 * video.body.size());
}

TEST_F(FetchPass, EmbedLinksAreResolvedAndRevalidatedAheadToo) {
  // Four lessons with only a PeerTube embed link, on an instance 50 ms away.
  const std::string base = server.url("");
  std::string listed;
  for (int n = 1; n <= 4; ++n) {
    const std::string id = "vid-" + std::to_string(n);
    Route api;
    api.content_type = "application/json";
    api.delay = std::chrono::milliseconds(50);
    api.body = R"({"uuid": ")" + id + R"(", "files": [], "streamingPlaylists": [{"id": 1, "type": 1, "files": [
      {"resolution": {"id": 480, "label": "480p"}, "size": 1, "fileUrl": ")" + base + "/hls/" + id + R"(-480.mp4"}]}]})";
    server.set_route("/api/v1/videos/" + id, api);
    Route file = video;
    file.etag = "\"" + id + "\"";
    file.delay = std::chrono::milliseconds(50);
    server.set_route("/hls/" + id + "-480.mp4", file);
    packager::testing::write_file(lessons / (id + ".md"), "---\ntitle: Leçon " + std::to_string(n) +
                                                            "\nvideoEmbedSrc: " + base + "/videos/embed/" + id +
                                                            "\n---\n\n## Transcription\n\nTexte.\n");
    listed += "  - " + id + ".md\n";
  }
  packager::testing::write_file(lessons / "course.yaml",
                                "id: embeds\ntitle: Liens\nversion: 1.0.0\nlanguage: fr\nlessons:\n" + listed);
  BuildOptions o = options(lessons / "course.yaml");
  o.jobs = 1;
  ASSERT_TRUE(build(o, reporter));
  server.reset_max_in_flight();
  auto warm = build(o, reporter);
  ASSERT_TRUE(warm) << warm.error().message;
  EXPECT_GE(server.max_in_flight(), 2);
  for (int n = 1; n <= 4; ++n) {
    const std::string id = "vid-" + std::to_string(n);
    EXPECT_EQ(server.requests("/api/v1/videos/" + id), 2) << id;  // asked once per build
    EXPECT_EQ(server.requests("/hls/" + id + "-480.mp4"), 2) << id;
    EXPECT_EQ(server.seen("/hls/" + id + "-480.mp4")[1].if_none_match, "\"" + id + "\"") << id;
  }
  // The instance down: the first look gives up at once, and the normal fetch
  // retries, then builds from the answer remembered last time.
  Route down;
  down.status = 503;
  server.set_route("/api/v1/videos/vid-2", down);
  auto offline_instance = build(o, reporter);
  ASSERT_TRUE(offline_instance) << offline_instance.error().message;
  EXPECT_EQ(server.requests("/api/v1/videos/vid-2"), 2 + 1 + o.fetch.max_attempts);
  EXPECT_EQ(server.requests("/hls/vid-2-480.mp4"), 3);
}

TEST_F(FetchPass, FailureNamesTheFirstFailingLessonInCourseOrder) {
  server.set_route("/v/ok.mp4", video);
  packager::testing::write_file(lessons / "one.md", "---\ntitle: Un\nvideoDownloadHref: " + server.url("/v/gone.mp4") +
                                                        "\n---\n\nTexte.\n");
  packager::testing::write_file(lessons / "two.md", "---\ntitle: Deux\nvideoDownloadHref: " + server.url("/v/ok.mp4") +
                                                        "\n---\n\nTexte.\n");
  packager::testing::write_file(lessons / "course.yaml",
                                "id: p\ntitle: P\nversion: 1.0.0\nlanguage: fr\nscorm: \"1.2\"\n"
                                "lessons:\n  - one.md\n  - two.md\n");
  auto built = build(options(lessons / "course.yaml"), reporter);
  ASSERT_FALSE(built);
  EXPECT_EQ(built.error().code, ErrorCode::network);
  EXPECT_EQ(built.error().message, (lessons / "one.md").string() + ": " + server.url("/v/gone.mp4") + ": HTTP 404");
  EXPECT_TRUE(std::filesystem::is_empty(out.path()));
}

}  // namespace
}  // namespace packager::pipeline
