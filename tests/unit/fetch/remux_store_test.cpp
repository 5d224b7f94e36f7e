#include "packager/fetch/remux_store.hpp"

#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "packager/fetch/cache_inventory.hpp"
#include <fmt/format.h>

#include "packager/util/crc32.hpp"
#include "packager/util/sha256.hpp"
#include "tests/support/test_support.hpp"

namespace packager::fetch {
namespace {
namespace fs = std::filesystem;
using packager::testing::read_file;
using packager::testing::ScratchDir;
using packager::testing::write_file;

const std::string k_key(64, 'a');

TEST(RemuxStore, AStoredVideoIsACopyFoundAgainWithItsRecord) {
  ScratchDir dir;
  write_file(dir / "work.mp4", "remuxed bytes");
  const RemuxStore store(dir / "cache");
  auto put = store.put(k_key, dir / "work.mp4", {}, "https://h/v.mp4", std::string(64, 'b'), R"({"width": 640})");
  ASSERT_TRUE(put) << put.error().message;
  EXPECT_EQ(put->sha256, util::sha256_hex("remuxed bytes"));
  EXPECT_NE(util::file_identity(put->video)->inode, util::file_identity(dir / "work.mp4")->inode);
  std::string problem;
  auto found = store.find(k_key, &problem);
  ASSERT_TRUE(found);
  EXPECT_EQ(problem, "");
  EXPECT_EQ(found->source_url, "https://h/v.mp4");
  EXPECT_EQ(found->description, R"({"width":640})");
  EXPECT_EQ(read_file(found->video), "remuxed bytes");
  EXPECT_FALSE(store.find(std::string(64, 'c'), &problem));
  EXPECT_EQ(problem, "");  // absent is not a problem
}

TEST(RemuxStore, AVideoChangedSinceItWasStoredIsDroppedWithTheReason) {
  ScratchDir dir;
  write_file(dir / "work.mp4", "remuxed bytes");
  const RemuxStore store(dir / "cache");
  auto put = store.put(k_key, dir / "work.mp4", {}, "u", std::string(64, 'b'), "{}");
  ASSERT_TRUE(put);
  fs::permissions(put->video, fs::perms::owner_write, fs::perm_options::add);
  write_file(put->video, "remuxed bytez");
  std::string problem;
  EXPECT_FALSE(store.find(k_key, &problem));
  EXPECT_EQ(problem, "it was modified");
  EXPECT_FALSE(fs::exists(dir / "cache/remuxed" / k_key));
}

TEST(RemuxStore, BuildsStoringTheSameKeyAtOnceKeepOneWholeEntry) {
  ScratchDir dir;
  write_file(dir / "work.mp4", std::string(1 << 20, 'x'));
  const RemuxStore store(dir / "cache");
  std::vector<std::thread> threads;
  std::vector<std::string> shas(4);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      auto got = store.put(k_key, dir / "work.mp4", {}, "u", std::string(64, 'b'), "{}");
      shas[static_cast<size_t>(t)] = got ? got->sha256 : got.error().message;
    });
  for (auto& t : threads) t.join();
  for (const auto& sha : shas) EXPECT_EQ(sha, util::sha256_hex(std::string(1 << 20, 'x')));
  std::string problem;
  EXPECT_TRUE(store.find(k_key, &problem)) << problem;
  // No staging folder is left behind.
  size_t folders = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir / "cache/remuxed")) ++folders;
  EXPECT_EQ(folders, 1u);
}

TEST(CacheInventory, PruneRemovesRemuxedVideosWhoseSourceIsGone) {
  ScratchDir dir;
  write_file(dir / "work.mp4", "remuxed");
  const RemuxStore store(dir / "cache");
  ASSERT_TRUE(store.put(k_key, dir / "work.mp4", {}, "https://h/v.mp4", std::string(64, 'b'), "{}"));
  auto items = list_cache(dir / "cache");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].kind, CacheKind::remuxed);
  EXPECT_EQ(items[0].name, "from https://h/v.mp4");
  EXPECT_EQ(check_item(dir / "cache", items[0]), "");
  const auto pruned = prune_cache(dir / "cache", false);
  EXPECT_EQ(pruned.files, 2);  // video.mp4 and entry.json
  EXPECT_TRUE(list_cache(dir / "cache").empty());
}

// A zip-only build remuxes straight into a staging folder and commits it:
// the entry records the CRC-32 of what was written (no SHA-256), keeps the
// poster, and both are verified.
TEST(RemuxStore, AStagedVideoCommittedIsAnEntryCheckedByItsCrc32AndPoster) {
  ScratchDir dir;
  const RemuxStore store(dir / "cache");
  auto staging = store.stage(k_key);
  ASSERT_TRUE(staging) << staging.error().message;
  EXPECT_EQ(staging->video().parent_path().parent_path(), dir / "cache/remuxed");
  write_file(staging->video(), "remuxed bytes");
  write_file(dir / "poster.jpg", "jpeg bytes");
  const auto written = util::file_identity(staging->video());
  ASSERT_TRUE(written);
  const std::uint32_t crc = *util::crc32_file(staging->video());
  auto entry = store.commit(std::move(*staging), *written, crc, dir / "poster.jpg", "https://h/v.mp4",
                            std::string(64, 'b'), R"({"width": 640})");
  ASSERT_TRUE(entry) << entry.error().message;
  EXPECT_EQ(entry->sha256, "");
  EXPECT_EQ(entry->crc32, crc);
  EXPECT_EQ(util::file_identity(entry->video)->inode, written->inode) << "the staged file itself, renamed: no copy";
  EXPECT_EQ(read_file(entry->video), "remuxed bytes");
  EXPECT_EQ(read_file(entry->poster), "jpeg bytes");
  EXPECT_EQ(entry->poster_sha256, util::sha256_hex("jpeg bytes"));
  std::string problem;
  auto found = store.find(k_key, &problem);
  ASSERT_TRUE(found) << problem;
  EXPECT_EQ(found->crc32, crc);
  EXPECT_EQ(*store.verify(*found), true);
  auto items = list_cache(dir / "cache");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].digest, fmt::format("crc32:{:08x}", crc));
  EXPECT_EQ(check_item(dir / "cache", items[0]), "");

  // Bit rot the identity cannot see (same size, date put back): verify
  // catches it by CRC-32; a damaged poster too.
  const auto before = fs::last_write_time(found->video);
  fs::permissions(found->video, fs::perms::owner_write, fs::perm_options::add);
  write_file(found->video, "remuxed bytez");
  fs::last_write_time(found->video, before);
  EXPECT_EQ(*store.verify(*found), false);
  EXPECT_EQ(check_item(dir / "cache", list_cache(dir / "cache")[0]), "CRC-32 mismatch");
  fs::permissions(found->video, fs::perms::owner_write, fs::perm_options::add);
  write_file(found->video, "remuxed bytes");
  EXPECT_EQ(*store.verify(*found), true);
  fs::permissions(found->poster, fs::perms::owner_write, fs::perm_options::add);
  write_file(found->poster, "jpeg bytez");
  EXPECT_EQ(*store.verify(*found), false);
}

TEST(RemuxStore, AStagedVideoChangedAfterItWasWrittenIsNotCommitted) {
  ScratchDir dir;
  const RemuxStore store(dir / "cache");
  auto staging = store.stage(k_key);
  ASSERT_TRUE(staging);
  write_file(staging->video(), "remuxed bytes");
  const auto written = util::file_identity(staging->video());
  write_file(staging->video(), "remuxed bytes, and more");
  auto entry = store.commit(std::move(*staging), *written, 0, {}, "u", std::string(64, 'b'), "{}");
  ASSERT_FALSE(entry);
  EXPECT_EQ(entry.error().code, ErrorCode::media);
  EXPECT_NE(entry.error().message.find("changed after it was written"), std::string::npos) << entry.error().message;
  std::string problem;
  EXPECT_FALSE(store.find(k_key, &problem));
  EXPECT_TRUE(fs::is_empty(dir / "cache/remuxed")) << "the staging folder is removed";
}

TEST(RemuxStore, AStagingFolderIsRemovedWhenDroppedAndLeftAloneByPruneWhileHeld) {
  ScratchDir dir;
  const RemuxStore store(dir / "cache");
  fs::path held;
  {
    auto staging = store.stage(k_key);
    ASSERT_TRUE(staging);
    write_file(staging->video(), "half a video");
    held = staging->video().parent_path();
    // A `cache prune` while a build remuxes into it: kept.
    store.prune({});
    EXPECT_TRUE(fs::exists(staging->video()));
  }
  EXPECT_FALSE(fs::exists(held)) << "a failed build leaves no staging folder";
  // One a killed build left behind (no lock held) goes with the next prune.
  fs::create_directories(dir / "cache/remuxed/.tmp-left");
  write_file(dir / "cache/remuxed/.tmp-left/video.mp4", "half a video");
  EXPECT_EQ(store.prune({}).first, 1);
  EXPECT_FALSE(fs::exists(dir / "cache/remuxed/.tmp-left"));
}

}  // namespace
}  // namespace packager::fetch
