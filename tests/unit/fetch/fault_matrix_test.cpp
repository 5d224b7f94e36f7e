// The fault matrix: a real HTTP server on 127.0.0.1 misbehaves in each way a
// flaky school network or a broken server does; each test checks the final
// file's SHA-256 or the exact error, and where Range is honoured, that bytes
// already received were not sent again.
#include <gtest/gtest.h>

#include "packager/fetch/download.hpp"
#include "packager/fetch/fetcher.hpp"
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

Route video(const std::string& body, const std::string& etag = "\"v1\"") {
  Route r;
  r.body = body;
  r.etag = etag;
  r.last_modified = "Wed, 21 Oct 2026 07:28:00 GMT";
  return r;
}

Route dropping(Route r, size_t after) {
  r.drop_after = after;
  r.times = 1;
  return r;
}

Route status(int code, std::map<std::string, std::string> headers = {}) {
  Route r;
  r.status = code;
  r.body = "error page";
  r.content_type = "text/plain";
  r.headers = std::move(headers);
  r.times = 1;
  return r;
}

class FaultMatrix : public ::testing::Test {
 protected:
  void SetUp() override { server.start(); }
  Result<Fetched> get(const std::string& path) { return fetch_media(server.url(path), options); }
  FaultServer server;
  ScratchDir cache;
  FetchOptions options = test::fast_options(cache.path());
};

TEST_F(FaultMatrix, DroppedThreeTimesResumesWithoutResendingBytes) {
  const std::string body = fake_mp4(1000000);
  server.set_routes("/v.mp4", {dropping(video(body), 300000), dropping(video(body), 200000),
                               dropping(video(body), 100000), video(body)});
  auto got = get("/v.mp4");
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->sha256, util::sha256_hex(body));
  EXPECT_EQ(server.requests("/v.mp4"), 4);
  // Every byte crossed the wire exactly once.
  EXPECT_EQ(server.bytes_served(), body.size());
  const auto seen = server.seen("/v.mp4");
  EXPECT_EQ(seen[1].range, "bytes=300000-");
  EXPECT_EQ(seen[1].if_range, "\"v1\"");
  EXPECT_EQ(seen[2].range, "bytes=500000-");
  EXPECT_EQ(seen[3].range, "bytes=600000-");
}

TEST_F(FaultMatrix, ResumesAPartLeftByAnEarlierRun) {
  const std::string body = fake_mp4(400000);
  server.set_routes("/v.mp4", {dropping(video(body), 150000), video(body)});
  options.max_attempts = 1;  // the first run gives up after the drop...
  auto first = get("/v.mp4");
  ASSERT_FALSE(first);
  EXPECT_EQ(first.error().code, ErrorCode::network);
  options.max_attempts = 6;  // ...the second run continues where it stopped
  auto second = get("/v.mp4");
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->sha256, util::sha256_hex(body));
  EXPECT_EQ(server.bytes_served(), body.size());
  EXPECT_EQ(server.seen("/v.mp4")[1].range, "bytes=150000-");
}

TEST_F(FaultMatrix, ServerErrorThenSuccess) {
  const std::string body = fake_mp4(50000);
  server.set_routes("/v.mp4", {status(500), video(body)});
  auto got = get("/v.mp4");
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->sha256, util::sha256_hex(body));
  EXPECT_EQ(server.requests("/v.mp4"), 2);
}

TEST_F(FaultMatrix, TooManyRequestsHonoursRetryAfter) {
  const std::string body = fake_mp4(50000);
  server.set_routes("/v.mp4", {status(429, {{"Retry-After", "1"}}), video(body)});
  std::chrono::milliseconds waited{0};
  options.on_retry = [&](const std::string&, const std::string&, std::chrono::milliseconds wait) { waited = wait; };
  const auto start = std::chrono::steady_clock::now();
  auto got = get("/v.mp4");
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->sha256, util::sha256_hex(body));
  EXPECT_EQ(waited, std::chrono::seconds(1));  // not the 5 ms backoff
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
}

TEST_F(FaultMatrix, RetryAfterLongerThanTheLimitFailsClearly) {
  server.set_route("/v.mp4", status(429, {{"Retry-After", "3600"}}));
  auto got = get("/v.mp4");
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().message,
            server.url("/v.mp4") + ": HTTP 429; the server asks to retry in 3600 s, longer than packager waits (300 s)");
}

TEST_F(FaultMatrix, PersistentServerErrorGivesUp) {
  Route r = status(503);
  r.times = -1;
  server.set_route("/v.mp4", r);
  options.max_attempts = 3;
  auto got = get("/v.mp4");
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::network);
  EXPECT_EQ(got.error().message, server.url("/v.mp4") + ": HTTP 503; gave up after 3 attempts");
  EXPECT_EQ(server.requests("/v.mp4"), 3);
}

TEST_F(FaultMatrix, SlowTrickleBelowTheLowSpeedLimitIsRetried) {
  const std::string body = fake_mp4(60000);
  Route slow = video(body);
  slow.trickle_bytes_per_second = 200;
  slow.times = 1;
  server.set_routes("/v.mp4", {slow, video(body)});
  options.low_speed_limit_bytes = 5000;
  options.low_speed_time_seconds = 1;
  auto got = get("/v.mp4");
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->sha256, util::sha256_hex(body));
  EXPECT_EQ(server.requests("/v.mp4"), 2);
}

TEST_F(FaultMatrix, NotFoundIsNotRetried) {
  auto got = get("/missing.mp4");
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::network);
  EXPECT_EQ(got.error().message, server.url("/missing.mp4") + ": HTTP 404");
  EXPECT_EQ(server.requests("/missing.mp4"), 1);
}

TEST_F(FaultMatrix, RedirectLoopStops) {
  Route loop = status(302, {{"Location", "/loop.mp4"}});
  loop.times = -1;
  server.set_route("/loop.mp4", loop);
  auto got = get("/loop.mp4");
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().message,
            server.url("/loop.mp4") + ": too many redirects (more than 10); the links may go round in a loop");
  EXPECT_EQ(server.requests("/loop.mp4"), 11);
}

TEST_F(FaultMatrix, RangeIgnoredRestartsCleanly) {
  const std::string body = fake_mp4(500000);
  Route no_range = video(body);
  no_range.honour_range = false;
  server.set_routes("/v.mp4", {dropping(no_range, 200000), no_range});
  auto got = get("/v.mp4");
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->sha256, util::sha256_hex(body));
  EXPECT_EQ(got->size, body.size());
  EXPECT_EQ(server.seen("/v.mp4")[1].range, "bytes=200000-");  // asked, but got 200
}

TEST_F(FaultMatrix, ChangedEtagRestartsAndNeverSplices) {
  const std::string old_body = fake_mp4(500000, 'a');
  const std::string new_body = fake_mp4(500000, 'k');
  server.set_routes("/v.mp4", {dropping(video(old_body, "\"v1\""), 200000), video(new_body, "\"v2\"")});
  auto got = get("/v.mp4");
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->sha256, util::sha256_hex(new_body));
  EXPECT_EQ(got->etag, "\"v2\"");
  EXPECT_EQ(server.seen("/v.mp4")[1].if_range, "\"v1\"");
}

TEST_F(FaultMatrix, ShortBodyThatNeverCompletesFails) {
  Route short_body = video(fake_mp4(100000));
  short_body.drop_after = 60000;  // every answer stops 40000 bytes early
  Route no_range = short_body;
  no_range.honour_range = false;  // and resuming cannot help
  server.set_route("/v.mp4", no_range);
  options.max_attempts = 2;
  auto got = get("/v.mp4");
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::network);
  EXPECT_EQ(got.error().message,
            server.url("/v.mp4") + ": transfer closed with 40000 bytes remaining to read; gave up after 2 attempts");
  EXPECT_FALSE(std::filesystem::exists(cache / "blobs") && !std::filesystem::is_empty(cache / "blobs"));
}

TEST_F(FaultMatrix, HtmlWithStatus200IsRejectedBeforeTheWholeBody) {
  std::string page = "<!DOCTYPE html><html><body>Connexion requise</body></html>";
  page.resize(8 * 1024 * 1024, ' ');
  Route portal;
  portal.body = page;
  portal.content_type = "text/html; charset=utf-8";
  server.set_route("/portal.mp4", portal);
  auto got = get("/portal.mp4");
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::media);
  EXPECT_EQ(got.error().message,
            server.url("/portal.mp4") +
                ": expected an MP4 video but the server sent an HTML page (text/html; charset=utf-8); "
                "a login page or a captive portal may be in the way");
  EXPECT_LT(server.bytes_served(), page.size());
  EXPECT_EQ(server.requests("/portal.mp4"), 1);
}

TEST_F(FaultMatrix, MaxDownloadSizeStopsBeforeTheBody) {
  server.set_route("/big.mp4", video(fake_mp4(300000)));
  options.max_bytes = 100000;
  auto got = get("/big.mp4");
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().message, server.url("/big.mp4") +
                                     ": the video is 300000 bytes, more than --max-download-size (100000 bytes)");
  EXPECT_EQ(server.requests("/big.mp4"), 1);
}

TEST_F(FaultMatrix, NotEnoughDiskSpaceFailsBeforeWriting) {
  Route huge = video(fake_mp4(100000));
  huge.announced_length = std::size_t{1} << 62;  // more than any disk here
  server.set_route("/huge.mp4", huge);
  options.max_bytes = ~std::uintmax_t{0};
  auto got = get("/huge.mp4");
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::output);
  const std::string prefix = server.url("/huge.mp4") + ": not enough free disk space in " +
                             (cache / "partial").string() + " (" + std::to_string(std::size_t{1} << 62) +
                             " bytes needed, ";
  EXPECT_EQ(got.error().message.substr(0, prefix.size()), prefix);
  EXPECT_TRUE(std::filesystem::is_empty(cache / "partial"));
}

}  // namespace
}  // namespace packager::fetch
