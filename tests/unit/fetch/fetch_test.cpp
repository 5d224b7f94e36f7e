#include "packager/fetch/fetcher.hpp"

#include <gtest/gtest.h>

#include "packager/fetch/cache.hpp"
#include "packager/util/sha256.hpp"
#include "tests/support/fault_server.hpp"
#include "tests/support/test_support.hpp"
#include "tests/unit/fetch/fetch_support.hpp"

namespace packager::fetch {
namespace {
using packager::testing::FaultServer;
using packager::testing::Route;
using packager::testing::ScratchDir;

using test::fake_mp4;

class FetchTest : public ::testing::Test {
 protected:
  void SetUp() override { server.start(); }
  FetchOptions options() const {
    FetchOptions o;
    o.cache_dir = cache.path();
    return o;
  }
  FaultServer server;
  ScratchDir cache;
};

TEST_F(FetchTest, DownloadsHashesAndCaches) {
  const std::string body = fake_mp4(300000);
  server.set_route("/v.mp4", Route{body, "video/mp4", 200, "\"e1\"", "", true, {}});
  auto first = fetch_media(server.url("/v.mp4"), options());
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->origin, Origin::network);
  EXPECT_EQ(first->sha256, util::sha256_hex(body));
  EXPECT_EQ(first->size, body.size());
  EXPECT_EQ(first->etag, "\"e1\"");
  const auto served = server.bytes_served();
  auto second = fetch_media(server.url("/v.mp4"), options());
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->origin, Origin::cache);
  EXPECT_EQ(second->sha256, util::sha256_hex(body));
  // Revalidated (304), and not one body byte sent again.
  EXPECT_EQ(server.requests("/v.mp4"), 2);
  EXPECT_EQ(server.seen("/v.mp4")[1].if_none_match, "\"e1\"");
  EXPECT_EQ(server.bytes_served(), served);
}

// A build with nothing new revalidates every video: a 304 must cost no
// file. The part file's place is taken by a folder that cannot be opened
// for writing (even by root), so any attempt to create it fails the fetch.
TEST_F(FetchTest, RevalidationAnsweredNotModifiedWritesNoPartFile) {
  const std::string body = fake_mp4(200000);
  server.set_route("/v.mp4", Route{body, "video/mp4", 200, "\"e1\"", "", true, {}});
  ASSERT_TRUE(fetch_media(server.url("/v.mp4"), options()));
  const auto part = std::filesystem::path(Cache(cache.path()).download_path(server.url("/v.mp4")).string() + ".part");
  std::filesystem::create_directories(part);
  packager::testing::write_file(part / "keep", "x");  // not removable as an empty folder
  auto again = fetch_media(server.url("/v.mp4"), options());
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->origin, Origin::cache);
  EXPECT_EQ(server.requests("/v.mp4"), 2);
  EXPECT_TRUE(std::filesystem::is_directory(part));
}

TEST_F(FetchTest, NotFoundNamesTheUrlAndStatus) {
  auto got = fetch_media(server.url("/missing.mp4"), options());
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::network);
  EXPECT_EQ(got.error().message, server.url("/missing.mp4") + ": HTTP 404");
}

TEST_F(FetchTest, HtmlWithStatus200IsRejectedBeforeTheWholeBody) {
  std::string page = "<!DOCTYPE html><html><body>Connexion requise</body></html>";
  page.resize(4 * 1024 * 1024, ' ');
  server.set_route("/portal.mp4", Route{page, "text/html; charset=utf-8", 200, "", "", true, {}});
  auto got = fetch_media(server.url("/portal.mp4"), options());
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::media);
  EXPECT_EQ(got.error().message,
            server.url("/portal.mp4") +
                ": expected an MP4 video but the server sent an HTML page (text/html; charset=utf-8); "
                "a login page or a captive portal may be in the way");
  // Nothing half-written stays in the cache.
  EXPECT_TRUE(std::filesystem::is_empty(cache.path() / "blobs"));
  EXPECT_TRUE(std::filesystem::is_empty(cache.path() / "partial"));
}

TEST_F(FetchTest, OfflineMissIsAClearError) {
  FetchOptions o = options();
  o.offline = true;
  auto got = fetch_media("https://tube.example.org/v.mp4", o);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::network);
  EXPECT_NE(got.error().message.find("--offline"), std::string::npos);
}

TEST_F(FetchTest, LocalCopyIsFoundByUrlFileName) {
  ScratchDir media;
  packager::testing::write_file(media / "lesson-1080-fragmented.mp4", fake_mp4(1000));
  FetchOptions o = options();
  o.offline = true;
  o.media_dirs = {media.path()};
  auto got = fetch_media("https://tube.example.org/dl/lesson-1080-fragmented.mp4", o);
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->origin, Origin::local_copy);
  EXPECT_EQ(got->path, media / "lesson-1080-fragmented.mp4");
}

TEST_F(FetchTest, FileUrlIsCopiedIntoTheCache) {
  ScratchDir elsewhere;
  const std::string body = fake_mp4(5000);
  packager::testing::write_file(elsewhere / "clip.mp4", body);
  const std::string url = "file://" + (elsewhere / "clip.mp4").string();
  auto got = fetch_media(url, options());
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->origin, Origin::network);
  EXPECT_EQ(got->sha256, util::sha256_hex(body));
  auto missing = fetch_media("file://" + (elsewhere / "none.mp4").string(), options());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::network);
}

}  // namespace
}  // namespace packager::fetch
