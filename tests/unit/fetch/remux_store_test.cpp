#include "packager/fetch/remux_store.hpp"

#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "packager/fetch/cache_inventory.hpp"
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
  auto put = store.put(k_key, dir / "work.mp4", "https://h/v.mp4", std::string(64, 'b'), R"({"width": 640})");
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
  auto put = store.put(k_key, dir / "work.mp4", "u", std::string(64, 'b'), "{}");
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
      auto got = store.put(k_key, dir / "work.mp4", "u", std::string(64, 'b'), "{}");
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
  ASSERT_TRUE(store.put(k_key, dir / "work.mp4", "https://h/v.mp4", std::string(64, 'b'), "{}"));
  auto items = list_cache(dir / "cache");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].kind, CacheKind::remuxed);
  EXPECT_EQ(items[0].name, "from https://h/v.mp4");
  EXPECT_EQ(check_item(dir / "cache", items[0]), "");
  const auto pruned = prune_cache(dir / "cache", false);
  EXPECT_EQ(pruned.files, 2);  // video.mp4 and entry.json
  EXPECT_TRUE(list_cache(dir / "cache").empty());
}

}  // namespace
}  // namespace packager::fetch
