// Videos PeerTube stores split: a video-only file and an audio-only file
// (resolution 0), served by a loopback stand-in of the instance's API. A
// build muxes them back into one video with sound; a direct link to a
// silent file gets its sound through the lesson's embed link, or is built
// with a warning (an error with --require-audio).
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

constexpr const char* k_uuid = "5d2c8e0a-7b1f-4c3e-9a6d-0e1f2a3b4c5d";

// A file object of a PeerTube 7 instance with split files.
std::string file_json(const std::string& base, int height, bool has_audio, bool has_video) {
  const std::string name = std::string(k_uuid) + "-" + std::to_string(height) + "-fragmented.mp4";
  return R"({"resolution": {"id": )" + std::to_string(height) + R"(, "label": ")" +
         (height == 0 ? std::string("Audio only") : std::to_string(height) + "p") + R"("}, "size": 1000, "fps": 25,)" +
         R"( "hasAudio": )" + (has_audio ? "true" : "false") + R"(, "hasVideo": )" + (has_video ? "true" : "false") +
         R"(, "fileUrl": ")" + base + "/static/streaming-playlists/hls/" + name + R"(", "fileDownloadUrl": ")" +
         base + "/download/streaming-playlists/hls/" + name + R"("})";
}

class SplitAudio : public ::testing::Test {
 protected:
  void SetUp() override {
    server.start();
    base = server.url("");
    video.body = packager::testing::read_file(packager::testing::make_fixture(Fixture::video_only, fixtures.path() / "v"));
    video.etag = "\"v1\"";
    audio.body = packager::testing::read_file(
        packager::testing::make_fixture(Fixture::audio_only_fragmented, fixtures.path() / "a"));
    audio.etag = "\"a1\"";
    Route api;
    api.content_type = "application/json; charset=utf-8";
    api.body = R"({"uuid": ")" + std::string(k_uuid) + R"(", "files": [], "streamingPlaylists": [{"id": 1, "type": 1,
      "files": [)" + file_json(base, 0, true, false) + "," + file_json(base, 480, false, true) + "," +
               file_json(base, 1080, false, true) + "]}]}";
    server.set_route(std::string("/api/v1/videos/") + k_uuid, api);
    Route no_captions;
    no_captions.content_type = "application/json";
    no_captions.body = R"({"total": 0, "data": []})";
    server.set_route(std::string("/api/v1/videos/") + k_uuid + "/captions", no_captions);
    server.set_route(hls(480), video);
    server.set_route(hls(0), audio);
  }
  static std::string hls(int height) {
    return std::string("/download/streaming-playlists/hls/") + k_uuid + "-" + std::to_string(height) +
           "-fragmented.mp4";
  }
  BuildOptions options(const fs::path& input) const {
    BuildOptions o;
    o.input = input;
    o.output_dir = out.path();
    o.templates_dir = packager::testing::source_dir() / "templates";
    o.fetch.cache_dir = cache.path();
    o.fetch.retry_base_delay = std::chrono::milliseconds(5);
    o.media.max_height = 480;
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
  Route video, audio;
  const Reporter reporter{Verbosity::quiet};
};

TEST_F(SplitAudio, EmbedLinkOfASplitVideoIsBuiltWithItsSound) {
  const auto input = lesson("videoEmbedSrc: " + base + "/videos/embed/" + k_uuid + "\n");
  auto built = build(options(input), reporter);
  ASSERT_TRUE(built) << built.error().message;
  EXPECT_EQ(server.requests(hls(480)), 1);
  EXPECT_EQ(server.requests(hls(0)), 1);
  EXPECT_EQ(server.requests(hls(1080)), 0);
  const auto r = report();
  const auto& l = r["lessons"][0];
  EXPECT_EQ(l["media"]["url"], server.url(hls(480)));
  EXPECT_EQ(l["media"]["audio"]["url"], server.url(hls(0)));
  EXPECT_EQ(l["probe"]["audio_codec"], "aac");
  EXPECT_EQ(l["probe"]["video_codec"], "h264");
  EXPECT_EQ(r["warnings"], nlohmann::json::array());

  // Offline, the same two files come from the cache; the remuxed video is
  // reused under a key made of both files' hashes.
  fs::remove_all(out.path());
  fs::create_directories(out.path());
  BuildOptions offline = options(input);
  offline.fetch.offline = true;
  auto again = build(offline, reporter);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(server.requests(std::string("/api/v1/videos/") + k_uuid), 1);
  const auto r2 = report();
  EXPECT_EQ(r2["lessons"][0]["probe"]["audio_codec"], "aac");
  EXPECT_EQ(r2["run"]["reused"].dump().find("remuxed media") != std::string::npos, true) << r2["run"].dump();
}

TEST_F(SplitAudio, DirectLinkToAVideoOnlyFileGetsItsSoundThroughTheEmbedLink) {
  const auto input = lesson("videoDownloadHref: " + server.url(hls(480)) + "\nvideoEmbedSrc: " + base +
                            "/videos/embed/" + k_uuid + "\n");
  auto built = build(options(input), reporter);
  ASSERT_TRUE(built) << built.error().message;
  EXPECT_EQ(server.requests(hls(0)), 1);
  const auto r = report();
  EXPECT_EQ(r["lessons"][0]["media"]["audio"]["url"], server.url(hls(0)));
  EXPECT_EQ(r["lessons"][0]["probe"]["audio_codec"], "aac");
  EXPECT_EQ(r["warnings"], nlohmann::json::array());
}

TEST_F(SplitAudio, DirectLinkWithSoundNeverAsksTheInstance) {
  Route whole;
  whole.body = packager::testing::read_file(
      packager::testing::make_fixture(Fixture::fragmented_h264_aac, fixtures.path() / "whole"));
  server.set_route("/v/whole-480.mp4", whole);
  const auto input = lesson("videoDownloadHref: " + server.url("/v/whole-480.mp4") + "\nvideoEmbedSrc: " + base +
                            "/videos/embed/" + k_uuid + "\n");
  auto built = build(options(input), reporter);
  ASSERT_TRUE(built) << built.error().message;
  EXPECT_EQ(server.requests(std::string("/api/v1/videos/") + k_uuid), 0);
  EXPECT_EQ(server.requests(hls(0)), 0);
}

TEST_F(SplitAudio, DirectLinkWithoutEmbedLinkBuildsSilentWithAWarning) {
  const auto input = lesson("videoDownloadHref: " + server.url(hls(480)) + "\n");
  auto built = build(options(input), reporter);
  ASSERT_TRUE(built) << built.error().message;
  const auto r = report();
  ASSERT_EQ(r["warnings"].size(), 1u);
  EXPECT_EQ(r["warnings"][0]["lesson"], "lesson");
  EXPECT_EQ(r["warnings"][0]["message"], "warning: " + input.string() + ": " + server.url(hls(480)) +
                                  ": the video has no sound (no audio track); it is packaged silent (a PeerTube "
                                  "embed link (videoEmbedSrc) would let packager fetch a separate audio file; "
                                  "--require-audio makes this an error)");
}

// A build from the user's own copies (a USB stick, no network) sends no
// request at all: not for the sound, not for captions.
TEST_F(SplitAudio, AMediaFolderCopyNeverAsksTheInstance) {
  ScratchDir media;
  packager::testing::write_file(media / (std::string(k_uuid) + "-480-fragmented.mp4"), video.body);
  const auto input = lesson("videoDownloadHref: " + server.url(hls(480)) + "\nvideoEmbedSrc: " + base +
                            "/videos/embed/" + k_uuid + "\n");
  BuildOptions o = options(input);
  o.fetch.media_dirs = {media.path()};
  auto built = build(o, reporter);
  ASSERT_TRUE(built) << built.error().message;
  EXPECT_EQ(server.requests(std::string("/api/v1/videos/") + k_uuid), 0);
  EXPECT_EQ(server.requests(std::string("/api/v1/videos/") + k_uuid + "/captions"), 0);
  EXPECT_EQ(server.requests(hls(480)), 0);
  const auto r = report();
  ASSERT_EQ(r["warnings"].size(), 1u);
  EXPECT_EQ(r["warnings"][0]["lesson"], "lesson");
  EXPECT_NE(r["warnings"][0]["message"].get<std::string>().find(
                "it is a copy in a media folder, so the PeerTube instance was not asked for an audio file"),
            std::string::npos)
      << r["warnings"][0];
}

TEST_F(SplitAudio, RequireAudioMakesASilentVideoAnError) {
  const auto input = lesson("videoDownloadHref: " + server.url(hls(480)) + "\n");
  BuildOptions o = options(input);
  o.require_audio = true;
  auto built = build(o, reporter);
  ASSERT_FALSE(built);
  EXPECT_EQ(built.error().code, ErrorCode::media);
  EXPECT_EQ(built.error().message, input.string() + ": " + server.url(hls(480)) +
                                       ": the video has no sound (no audio track), and --require-audio asks for sound");
  EXPECT_TRUE(fs::is_empty(out.path()));
}

TEST_F(SplitAudio, HalvesOfDifferentRecordingsNameBothUrls) {
  Route long_audio;
  long_audio.body = packager::testing::read_file(
      packager::testing::make_fixture(Fixture::audio_only_fragmented, fixtures.path() / "long", 6.0));
  server.set_route(hls(0), long_audio);
  const auto input = lesson("videoEmbedSrc: " + base + "/videos/embed/" + k_uuid + "\n");
  auto built = build(options(input), reporter);
  ASSERT_FALSE(built);
  EXPECT_EQ(built.error().code, ErrorCode::media);
  EXPECT_EQ(built.error().message, input.string() + ": " + server.url(hls(480)) + " (sound: " + server.url(hls(0)) +
                                       "): the video file lasts 2.0 s but the audio file 6.0 s: they are not two "
                                       "halves of one recording");
}

}  // namespace
}  // namespace packager::pipeline
