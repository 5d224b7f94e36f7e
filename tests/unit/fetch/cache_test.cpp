// The content-addressed cache: revalidation, --offline, damaged entries,
// listing and pruning.
#include "packager/fetch/cache.hpp"

#include <gtest/gtest.h>

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

Route video(const std::string& body, const std::string& etag, const std::string& last_modified = "") {
  Route r;
  r.body = body;
  r.etag = etag;
  r.last_modified = last_modified;
  return r;
}

class CacheTest : public ::testing::Test {
 protected:
  void SetUp() override { server.start(); }
  FaultServer server;
  ScratchDir cache_dir;
  FetchOptions options = test::fast_options(cache_dir.path());
  Cache cache{cache_dir.path()};
};

TEST_F(CacheTest, EntryIsContentAddressedWithItsValidators) {
  const std::string body = fake_mp4(20000);
  server.set_route("/v.mp4", video(body, "\"e1\"", "Wed, 21 Oct 2026 07:28:00 GMT"));
  ASSERT_TRUE(fetch_media(server.url("/v.mp4"), options));
  auto entry = cache.lookup(server.url("/v.mp4"));
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->sha256, util::sha256_hex(body));
  EXPECT_EQ(entry->data_path, cache_dir / "blobs" / util::sha256_hex(body));
  EXPECT_EQ(entry->size, body.size());
  EXPECT_EQ(entry->etag, "\"e1\"");
  EXPECT_EQ(entry->last_modified, "Wed, 21 Oct 2026 07:28:00 GMT");
  EXPECT_TRUE(std::filesystem::is_empty(cache_dir / "partial"));
}

TEST_F(CacheTest, RevalidatesWithIfModifiedSinceWhenThereIsNoEtag) {
  const std::string body = fake_mp4(20000);
  server.set_route("/v.mp4", video(body, "", "Wed, 21 Oct 2026 07:28:00 GMT"));
  ASSERT_TRUE(fetch_media(server.url("/v.mp4"), options));
  const auto served = server.bytes_served();
  auto second = fetch_media(server.url("/v.mp4"), options);
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->origin, Origin::cache);
  EXPECT_EQ(server.seen("/v.mp4")[1].if_modified_since, "Wed, 21 Oct 2026 07:28:00 GMT");
  EXPECT_EQ(server.bytes_served(), served);
}

TEST_F(CacheTest, ChangedOnTheServerIsDownloadedAgain) {
  server.set_route("/v.mp4", video(fake_mp4(20000, 'a'), "\"v1\""));
  ASSERT_TRUE(fetch_media(server.url("/v.mp4"), options));
  const std::string updated = fake_mp4(30000, 'k');
  server.set_route("/v.mp4", video(updated, "\"v2\""));
  auto got = fetch_media(server.url("/v.mp4"), options);
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->origin, Origin::network);
  EXPECT_EQ(got->sha256, util::sha256_hex(updated));
  EXPECT_EQ(cache.lookup(server.url("/v.mp4"))->etag, "\"v2\"");
}

TEST_F(CacheTest, OfflineUsesTheCacheWithoutAnyRequest) {
  const std::string body = fake_mp4(20000);
  server.set_route("/v.mp4", video(body, "\"e1\""));
  ASSERT_TRUE(fetch_media(server.url("/v.mp4"), options));
  options.offline = true;
  auto got = fetch_media(server.url("/v.mp4"), options);
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->origin, Origin::cache);
  EXPECT_EQ(server.requests("/v.mp4"), 1);
  auto miss = fetch_media(server.url("/other.mp4"), options);
  ASSERT_FALSE(miss);
  EXPECT_EQ(miss.error().code, ErrorCode::network);
  EXPECT_EQ(miss.error().message, server.url("/other.mp4") + ": not in the cache (" + cache_dir.path().string() +
                                      ") and --offline forbids downloading it");
  EXPECT_EQ(server.requests("/other.mp4"), 0);
}

TEST_F(CacheTest, DamagedEntryIsDiscardedAndFetchedAgain) {
  const std::string body = fake_mp4(20000);
  server.set_route("/v.mp4", video(body, "\"e1\""));
  ASSERT_TRUE(fetch_media(server.url("/v.mp4"), options));
  const auto blob = cache.lookup(server.url("/v.mp4"))->data_path;
  std::string damaged = body;
  damaged[10000] ^= 0x01;  // same size: only the hash can tell
  packager::testing::write_file(blob, damaged);
  EXPECT_FALSE(*cache.verify(*cache.lookup(server.url("/v.mp4"))));
  auto got = fetch_media(server.url("/v.mp4"), options);
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->origin, Origin::network);
  EXPECT_EQ(got->sha256, util::sha256_hex(body));
  ASSERT_EQ(got->notes.size(), 1u);
  EXPECT_EQ(got->notes[0], server.url("/v.mp4") + ": the cached copy changed since it was stored (it was modified); fetching it again");
  EXPECT_EQ(server.seen("/v.mp4")[1].if_none_match, "");  // a full download, not a revalidation
  EXPECT_TRUE(*cache.verify(*cache.lookup(server.url("/v.mp4"))));
}

TEST_F(CacheTest, ServerUnreachableFallsBackToTheIntactCachedCopy) {
  server.set_route("/v.mp4", video(fake_mp4(20000), "\"e1\""));
  ASSERT_TRUE(fetch_media(server.url("/v.mp4"), options));
  const std::string url = server.url("/v.mp4");
  server.stop();
  options.max_attempts = 1;
  auto got = fetch_media(url, options);
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->origin, Origin::cache);
  ASSERT_EQ(got->notes.size(), 1u);
  EXPECT_NE(got->notes[0].find("; using the cached copy"), std::string::npos);
}

TEST_F(CacheTest, RequestsOfOneThreadToOneHostShareAConnection) {
  FaultServer keeping;  // a server that, like most, keeps connections open
  keeping.keep_connections_open();
  keeping.start();
  keeping.set_route("/a.mp4", video(fake_mp4(20000, 'a'), "\"a1\""));
  keeping.set_route("/b.mp4", video(fake_mp4(20000, 'b'), "\"b1\""));
  ASSERT_TRUE(fetch_media(keeping.url("/a.mp4"), options));
  ASSERT_TRUE(fetch_media(keeping.url("/b.mp4"), options));
  ASSERT_TRUE(fetch_media(keeping.url("/a.mp4"), options));  // a revalidation, answered 304
  EXPECT_EQ(keeping.seen("/b.mp4")[0].remote_port, keeping.seen("/a.mp4")[0].remote_port);
  EXPECT_EQ(keeping.seen("/a.mp4")[1].remote_port, keeping.seen("/a.mp4")[0].remote_port);
  // One that closes after each answer: a new connection, no error.
  server.set_route("/c.mp4", video(fake_mp4(20000, 'c'), "\"c1\""));
  ASSERT_TRUE(fetch_media(server.url("/c.mp4"), options));
  ASSERT_TRUE(fetch_media(server.url("/c.mp4"), options));
  EXPECT_NE(server.seen("/c.mp4")[1].remote_port, server.seen("/c.mp4")[0].remote_port);
}

// FetchOptions::only_if_unchanged: the quick first look of the fetch pass.
TEST_F(CacheTest, OnlyIfUnchangedReturnsTheCopyTheServerConfirms) {
  const std::string body = fake_mp4(20000);
  server.set_route("/v.mp4", video(body, "\"e1\""));
  ASSERT_TRUE(fetch_media(server.url("/v.mp4"), options));
  const auto served = server.bytes_served();
  options.only_if_unchanged = true;
  auto got = fetch_media(server.url("/v.mp4"), options);
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->origin, Origin::cache);
  EXPECT_EQ(got->sha256, util::sha256_hex(body));
  EXPECT_EQ(server.seen("/v.mp4")[1].if_none_match, "\"e1\"");
  EXPECT_EQ(server.bytes_served(), served);
}

TEST_F(CacheTest, OnlyIfUnchangedStopsBeforeTheBodyOfANewVersionAndKeepsTheCache) {
  const std::string old_body = fake_mp4(20000, 'a');
  server.set_route("/v.mp4", video(old_body, "\"v1\""));
  ASSERT_TRUE(fetch_media(server.url("/v.mp4"), options));
  // Big enough that a client reading the body would be served much of it.
  server.set_route("/v.mp4", video(fake_mp4(8 << 20, 'k'), "\"v2\""));
  options.only_if_unchanged = true;
  auto got = fetch_media(server.url("/v.mp4"), options);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::network);
  EXPECT_EQ(got.error().message, server.url("/v.mp4") + ": changed on the server (HTTP 200)");
  EXPECT_EQ(server.requests("/v.mp4"), 2);
  EXPECT_EQ(cache.lookup(server.url("/v.mp4"))->etag, "\"v1\"");  // still the old, intact entry
  EXPECT_EQ(cache.lookup(server.url("/v.mp4"))->sha256, util::sha256_hex(old_body));
  EXPECT_TRUE(std::filesystem::is_empty(cache_dir / "partial"));
  // The normal fetch then downloads the new version.
  options.only_if_unchanged = false;
  auto fresh = fetch_media(server.url("/v.mp4"), options);
  ASSERT_TRUE(fresh) << fresh.error().message;
  EXPECT_EQ(fresh->origin, Origin::network);
  EXPECT_EQ(cache.lookup(server.url("/v.mp4"))->etag, "\"v2\"");
}

TEST_F(CacheTest, OnlyIfUnchangedAsksNothingForWhatIsNotCached) {
  server.set_route("/v.mp4", video(fake_mp4(20000), "\"e1\""));
  options.only_if_unchanged = true;
  auto got = fetch_media(server.url("/v.mp4"), options);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().message, server.url("/v.mp4") + ": no cached copy to revalidate");
  EXPECT_EQ(server.requests("/v.mp4"), 0);
}

TEST_F(CacheTest, OnlyIfUnchangedLeavesADamagedEntryToTheNormalFetch) {
  const std::string body = fake_mp4(20000);
  server.set_route("/v.mp4", video(body, "\"e1\""));
  ASSERT_TRUE(fetch_media(server.url("/v.mp4"), options));
  std::string damaged = body;
  damaged[10000] ^= 0x01;
  packager::testing::write_file(cache.lookup(server.url("/v.mp4"))->data_path, damaged);
  options.only_if_unchanged = true;
  ASSERT_FALSE(fetch_media(server.url("/v.mp4"), options));
  EXPECT_EQ(server.requests("/v.mp4"), 1);
  // Still there for the normal fetch to notice, say so and replace.
  options.only_if_unchanged = false;
  auto got = fetch_media(server.url("/v.mp4"), options);
  ASSERT_TRUE(got) << got.error().message;
  ASSERT_EQ(got->notes.size(), 1u);
  EXPECT_NE(got->notes[0].find("the cached copy changed since it was stored"), std::string::npos);
}

TEST_F(CacheTest, OnlyIfUnchangedLeavesALocalCopyToTheNormalFetch) {
  ScratchDir media;
  packager::testing::write_file(media / "v.mp4", fake_mp4(20000, 'm'));
  options.media_dirs = {media.path()};
  options.only_if_unchanged = true;
  auto quick = fetch_media(server.url("/v.mp4"), options);
  ASSERT_FALSE(quick);
  EXPECT_EQ(quick.error().message, server.url("/v.mp4") + ": a local copy, not a cached one");
  options.only_if_unchanged = false;
  auto got = fetch_media(server.url("/v.mp4"), options);
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->origin, Origin::local_copy);
  EXPECT_EQ(got->path, media / "v.mp4");
  EXPECT_EQ(server.requests("/v.mp4"), 0);
}

TEST_F(CacheTest, OnlyIfUnchangedNeverFallsBackToTheCachedCopy) {
  server.set_route("/v.mp4", video(fake_mp4(20000), "\"e1\""));
  ASSERT_TRUE(fetch_media(server.url("/v.mp4"), options));
  Route broken;
  broken.status = 503;
  server.set_route("/v.mp4", broken);
  options.only_if_unchanged = true;
  options.max_attempts = 1;
  auto got = fetch_media(server.url("/v.mp4"), options);
  ASSERT_FALSE(got);  // the normal fetch retries, then decides
  EXPECT_EQ(got.error().code, ErrorCode::network);
  EXPECT_EQ(server.requests("/v.mp4"), 2);
}

TEST_F(CacheTest, ListsAndPrunes) {
  server.set_route("/a.mp4", video(fake_mp4(20000, 'a'), "\"a\""));
  server.set_route("/b.mp4", video(fake_mp4(20000, 'b'), "\"b\""));
  ASSERT_TRUE(fetch_media(server.url("/a.mp4"), options));
  ASSERT_TRUE(fetch_media(server.url("/b.mp4"), options));
  packager::testing::write_file(cache_dir / "partial" / "leftover.part", "half");
  packager::testing::write_file(cache_dir / "blobs" / std::string(64, '0'), "orphan");
  const auto entries = cache.list();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].url, server.url("/a.mp4"));
  EXPECT_EQ(entries[1].url, server.url("/b.mp4"));
  const auto pruned = cache.prune(false);
  EXPECT_EQ(pruned.files, 2);
  EXPECT_EQ(pruned.bytes, 10u);
  EXPECT_EQ(cache.list().size(), 2u);
  EXPECT_TRUE(cache.lookup(server.url("/a.mp4")));
  EXPECT_EQ(cache.prune(true).files, 4);
  EXPECT_TRUE(cache.list().empty());
}

}  // namespace
}  // namespace packager::fetch
