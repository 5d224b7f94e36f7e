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

TEST(PeerTube, ApiUrlOfAnEmbedLink) {
  EXPECT_EQ(peertube_api_url(std::string("https://tube.reseau-canope.fr/videos/embed/") + k_uuid),
            std::string("https://tube.reseau-canope.fr/api/v1/videos/") + k_uuid);
  EXPECT_EQ(peertube_api_url("https://tube.example.org/videos/embed/nJ1xDXdTvqYbH3dWtZRRrp?start=10s"),
            "https://tube.example.org/api/v1/videos/nJ1xDXdTvqYbH3dWtZRRrp");
  // PeerTube's short watch link names the same video (the API takes short ids).
  EXPECT_EQ(peertube_api_url("https://tube.example.org/w/nJ1xDXdTvqYbH3dWtZRRrp"),
            "https://tube.example.org/api/v1/videos/nJ1xDXdTvqYbH3dWtZRRrp");
  EXPECT_EQ(peertube_api_url("https://tube.example.org/w/"), "");
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

  auto file = resolve_peertube_embed(base + "/videos/embed/" + k_uuid, 720, options);
  ASSERT_TRUE(file) << file.error().message;
  EXPECT_EQ(file->height, 720);
  auto got = fetch_media(file->url, options);
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->sha256, util::sha256_hex(body));

  // Offline, the same link and limit resolve from the cache, with no request.
  options.offline = true;
  auto again = resolve_peertube_embed(base + "/videos/embed/" + k_uuid, 720, options);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->url, file->url);
  EXPECT_EQ(server.requests(std::string("/api/v1/videos/") + k_uuid), 1);
  EXPECT_FALSE(resolve_peertube_embed(base + "/videos/embed/" + k_uuid, 1080, options));
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
