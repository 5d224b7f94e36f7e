// PeerTube embed links resolved through a fake instance on loopback that
// answers /api/v1/videos/UUID with the real JSON shape (PeerTube 6).
#include "packager/fetch/peertube.hpp"

#include <gtest/gtest.h>

#include "packager/util/sha256.hpp"
#include "tests/support/fault_server.hpp"
#include "tests/support/test_support.hpp"
#include "tests/unit/fetch/fetch_support.hpp"

namespace packager::fetch {
namespace {
using packager::testing::FaultServer;
using packager::testing::Route;
using packager::testing::ScratchDir;

constexpr const char* k_uuid = "b2d55662-aae2-41f3-8fa0-2b0e6ad4de87";

// A file object as PeerTube's API returns it.
std::string file_json(const std::string& base, int height, const std::string& kind) {
  const std::string label = height == 0 ? "Audio" : std::to_string(height) + "p";
  return R"({"id": )" + std::to_string(100 + height) + R"(, "resolution": {"id": )" + std::to_string(height) +
         R"(, "label": ")" + label + R"("}, "magnetUri": "magnet:?xt=urn:btih:0", "size": )" +
         std::to_string(1000 + height) + R"(, "fps": 25, "torrentUrl": ")" + base + "/lazy-static/torrents/x.torrent" +
         R"(", "fileUrl": ")" + base + "/static/" + kind + "/" + k_uuid + "-" + std::to_string(height) + ".mp4" +
         R"(", "fileDownloadUrl": ")" + base + "/download/" + kind + "/" + k_uuid + "-" + std::to_string(height) +
         ".mp4" + R"(", "metadataUrl": ")" + base + "/api/v1/videos/" + k_uuid + R"(/metadata/1"})";
}

std::string video_json(const std::string& base, const std::string& files, const std::string& hls_files) {
  return R"({"id": 42, "uuid": ")" + std::string(k_uuid) + R"(", "shortUUID": "nJ1xDXdTvqYbH3dWtZRRrp",
    "name": "Les fractions", "duration": 3, "isLive": false,
    "privacy": {"id": 1, "label": "Public"},
    "files": [)" + files + R"(],
    "streamingPlaylists": [{"id": 7, "type": 1,
      "playlistUrl": ")" + base + "/static/streaming-playlists/hls/" + k_uuid + R"(/master.m3u8",
      "segmentsSha256Url": ")" + base + "/static/streaming-playlists/hls/" + k_uuid + R"(/segments-sha256.json",
      "redundancies": [], "files": [)" + hls_files + R"(]}]})";
}

// A file of a PeerTube 7 instance that stores audio and video apart: each
// file says hasAudio / hasVideo; the audio-only one has resolution 0.
std::string split_file_json(const std::string& base, int height, bool has_audio, bool has_video) {
  std::string f = file_json(base, height, "streaming-playlists/hls");
  f.pop_back();  // the closing brace
  return f + R"(, "hasAudio": )" + (has_audio ? "true" : "false") + R"(, "hasVideo": )" +
         (has_video ? "true" : "false") + "}";
}

std::string split_video_json(const std::string& b) {
  return video_json(b, "",
                    split_file_json(b, 0, true, false) + "," + split_file_json(b, 480, false, true) + "," +
                        split_file_json(b, 720, false, true) + "," + split_file_json(b, 1080, false, true));
}

TEST(PeerTube, ApiUrlOfAnEmbedLink) {
  EXPECT_EQ(peertube_api_url(std::string("https://tube.reseau-canope.fr/videos/embed/") + k_uuid),
            std::string("https://tube.reseau-canope.fr/api/v1/videos/") + k_uuid);
  EXPECT_EQ(peertube_api_url("https://tube.example.org/videos/embed/nJ1xDXdTvqYbH3dWtZRRrp?start=10s"),
            "https://tube.example.org/api/v1/videos/nJ1xDXdTvqYbH3dWtZRRrp");
  EXPECT_EQ(peertube_api_url("https://tube.example.org/w/nJ1xDXdTvqYbH3dWtZRRrp"), "");
  EXPECT_EQ(peertube_api_url("https://tube.example.org/videos/embed/"), "");
}

TEST(PeerTube, PicksTheTallestFileAtOrBelowTheMaximum) {
  const std::string b = "https://t.example";
  const std::string json = video_json(b, file_json(b, 360, "web-videos") + "," + file_json(b, 1080, "web-videos"),
                                      file_json(b, 0, "streaming-playlists/hls") + "," +
                                          file_json(b, 720, "streaming-playlists/hls") + "," +
                                          file_json(b, 2160, "streaming-playlists/hls"));
  auto best = pick_peertube_file(json, 0, "api");  // 0: up to 1080
  ASSERT_TRUE(best) << best.error().message;
  EXPECT_EQ(best->height, 1080);
  EXPECT_EQ(best->url, b + "/download/web-videos/" + k_uuid + "-1080.mp4");
  EXPECT_FALSE(best->fragmented);
  auto low = pick_peertube_file(json, 480, "api");
  ASSERT_TRUE(low);
  EXPECT_EQ(low->height, 360);
  auto mid = pick_peertube_file(json, 720, "api");
  ASSERT_TRUE(mid);
  EXPECT_EQ(mid->height, 720);
  EXPECT_TRUE(mid->fragmented);
  EXPECT_EQ(mid->size, 1720u);
  // Everything taller: the shortest, for the media stage to scale down.
  auto tiny = pick_peertube_file(json, 240, "api");
  ASSERT_TRUE(tiny);
  EXPECT_EQ(tiny->height, 360);
}

TEST(PeerTube, NoVideoFileIsAClearError) {
  const std::string json = video_json("https://t.example", "", file_json("https://t.example", 0, "hls"));
  auto got = pick_peertube_file(json, 0, "https://t.example/api/v1/videos/x");
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().message,
            "https://t.example/api/v1/videos/x: the video lists no downloadable file (is it live, private or still "
            "being transcoded?)");
  EXPECT_FALSE(pick_peertube_file("<html>", 0, "api"));
}

TEST(PeerTube, SplitFilesGiveTheVideoFileAndTheAudioFile) {
  const std::string b = "https://t.example";
  auto choice = pick_peertube_files(split_video_json(b), 720, "api");
  ASSERT_TRUE(choice) << choice.error().message;
  EXPECT_EQ(choice->video.height, 720);
  EXPECT_FALSE(choice->video.has_audio);
  ASSERT_TRUE(choice->audio_only);
  EXPECT_EQ(choice->audio_only->url, b + "/download/streaming-playlists/hls/" + k_uuid + "-0.mp4");
  EXPECT_FALSE(choice->audio_only->has_video);
  EXPECT_TRUE(choice->needs_audio());
  // The audio file is never taken for the video, whatever the limit.
  auto tiny = pick_peertube_files(split_video_json(b), 100, "api");
  ASSERT_TRUE(tiny);
  EXPECT_EQ(tiny->video.height, 480);
}

TEST(PeerTube, AtEqualHeightAFileWithSoundWins) {
  const std::string b = "https://t.example";
  // A web video with sound and a silent HLS file of the same height; also
  // the other order of preference (fragmented with sound, web silent).
  const std::string web_with_sound = file_json(b, 720, "web-videos");
  const std::string json = video_json(b, web_with_sound,
                                      split_file_json(b, 0, true, false) + "," + split_file_json(b, 720, false, true));
  auto choice = pick_peertube_files(json, 0, "api");
  ASSERT_TRUE(choice);
  EXPECT_TRUE(choice->video.has_audio);
  EXPECT_FALSE(choice->video.fragmented);
  EXPECT_FALSE(choice->needs_audio());
  std::string silent_web = file_json(b, 720, "web-videos");
  silent_web.pop_back();
  silent_web += R"(, "hasAudio": false, "hasVideo": true})";
  auto other = pick_peertube_files(video_json(b, silent_web, split_file_json(b, 720, true, true)), 0, "api");
  ASSERT_TRUE(other);
  EXPECT_TRUE(other->video.has_audio);
  EXPECT_TRUE(other->video.fragmented);
}

TEST(PeerTube, OlderInstancesFilesAllHaveSound) {
  // Before PeerTube 7 no file says hasAudio; the resolution-0 file is an
  // extra audio-only rendition and every video file has its sound.
  const std::string b = "https://t.example";
  auto choice = pick_peertube_files(
      video_json(b, file_json(b, 480, "web-videos"), file_json(b, 0, "streaming-playlists/hls")), 0, "api");
  ASSERT_TRUE(choice);
  EXPECT_EQ(choice->video.height, 480);
  EXPECT_TRUE(choice->video.has_audio);
  EXPECT_TRUE(choice->audio_only);
  EXPECT_FALSE(choice->needs_audio());
}

TEST(PeerTube, CaptionInTheCourseLanguage) {
  const std::string o = "https://t.example";
  const std::string json = R"({"total": 3, "data": [
    {"language": {"id": "fr-CA", "label": "Canadian French"}, "captionPath": "/lazy-static/video-captions/a-fr-ca.vtt"},
    {"language": {"id": "en", "label": "English"}, "captionPath": "/lazy-static/video-captions/a-en.vtt",
     "fileUrl": "https://files.t.example/captions/a-en.vtt"},
    {"language": {"id": "fr", "label": "French"}, "captionPath": "/lazy-static/video-captions/a-fr.vtt"}]})";
  auto fr = pick_peertube_caption(json, "fr", o, "api");
  ASSERT_TRUE(fr) << fr.error().message;
  EXPECT_EQ(fr->value_or(""), o + "/lazy-static/video-captions/a-fr.vtt");
  // fileUrl (PeerTube 7, maybe on object storage) wins over captionPath.
  EXPECT_EQ(pick_peertube_caption(json, "EN", o, "api")->value_or(""), "https://files.t.example/captions/a-en.vtt");
  EXPECT_FALSE(pick_peertube_caption(json, "de", o, "api")->has_value());
  // A regional variant when there is no plain language.
  const std::string regional = R"({"total": 1, "data": [{"language": {"id": "fr-CA"}, "captionPath": "/c/x.vtt"}]})";
  EXPECT_EQ(pick_peertube_caption(regional, "fr", o, "api")->value_or(""), o + "/c/x.vtt");
  auto bad = pick_peertube_caption("[]", "fr", o, "https://t.example/api/v1/videos/a/captions");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message,
            "https://t.example/api/v1/videos/a/captions: expected PeerTube's list of captions, got something else");
}

class PeerTubeServer : public ::testing::Test {
 protected:
  void SetUp() override { server.start(); }
  FaultServer server;
  ScratchDir cache;
  FetchOptions options = test::fast_options(cache.path());
};

TEST_F(PeerTubeServer, ResolvesAnEmbedLinkAndDownloadsThePickedFile) {
  const std::string base = server.url("");
  Route api;
  api.content_type = "application/json; charset=utf-8";
  api.body = video_json(base, file_json(base, 480, "web-videos") + "," + file_json(base, 1080, "web-videos"),
                        file_json(base, 720, "streaming-playlists/hls"));
  server.set_route(std::string("/api/v1/videos/") + k_uuid, api);
  const std::string body = test::fake_mp4(40000);
  Route video;
  video.body = body;
  video.etag = "\"w720\"";
  server.set_route(std::string("/download/streaming-playlists/hls/") + k_uuid + "-720.mp4", video);

  auto choice = resolve_peertube_embed(base + "/videos/embed/" + k_uuid, 720, options);
  ASSERT_TRUE(choice) << choice.error().message;
  const PeerTubeFile* file = &choice->video;
  EXPECT_EQ(file->height, 720);
  auto got = fetch_media(file->url, options);
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->sha256, util::sha256_hex(body));

  // Offline, the same link and limit resolve from the cache, with no request.
  options.offline = true;
  auto again = resolve_peertube_embed(base + "/videos/embed/" + k_uuid, 720, options);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->video.url, file->url);
  EXPECT_EQ(server.requests(std::string("/api/v1/videos/") + k_uuid), 1);
  EXPECT_FALSE(resolve_peertube_embed(base + "/videos/embed/" + k_uuid, 1080, options));
}

TEST_F(PeerTubeServer, SplitFilesAreRememberedForOfflineBuilds) {
  const std::string base = server.url("");
  Route api;
  api.content_type = "application/json";
  api.body = split_video_json(base);
  server.set_route(std::string("/api/v1/videos/") + k_uuid, api);
  const std::string embed = base + "/videos/embed/" + k_uuid;
  auto online = resolve_peertube_embed(embed, 1080, options);
  ASSERT_TRUE(online) << online.error().message;
  ASSERT_TRUE(online->needs_audio());
  options.offline = true;
  auto offline = resolve_peertube_embed(embed, 1080, options);
  ASSERT_TRUE(offline) << offline.error().message;
  EXPECT_EQ(offline->video.url, online->video.url);
  EXPECT_EQ(offline->video.height, 1080);
  ASSERT_TRUE(offline->needs_audio());
  EXPECT_EQ(offline->audio_only->url, online->audio_only->url);
  EXPECT_EQ(server.requests(std::string("/api/v1/videos/") + k_uuid), 1);
}

TEST_F(PeerTubeServer, PrivateVideoNamesTheApiUrlAndStatus) {
  Route denied;
  denied.status = 403;
  denied.content_type = "application/json";
  denied.body = R"({"status": 403, "detail": "Cannot get this private video"})";
  server.set_route("/api/v1/videos/abc", denied);
  auto got = resolve_peertube_embed(server.url("/videos/embed/abc"), 0, options);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::network);
  EXPECT_EQ(got.error().message, server.url("/api/v1/videos/abc") + ": HTTP 403");
}

TEST_F(PeerTubeServer, OfflineCannotResolveAnUnseenLink) {
  options.offline = true;
  auto got = resolve_peertube_embed(server.url("/videos/embed/abc"), 0, options);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().message,
            server.url("/videos/embed/abc") +
                ": a PeerTube embed link needs the instance's API and --offline forbids asking it; build once "
                "online, or add 'videoDownloadHref' or a --media-dir copy");
  EXPECT_EQ(server.requests("/api/v1/videos/abc"), 0);
}

}  // namespace
}  // namespace packager::fetch
