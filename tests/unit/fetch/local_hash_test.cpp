// Remembered hashes of --media-dir copies: an unchanged file is not read
// again; any change of its identity (size, mtime, inode) makes a new hash.
#include "packager/fetch/local_hash.hpp"

#include <chrono>
#include <fstream>

#include <gtest/gtest.h>

#include "packager/util/sha256.hpp"
#include "tests/support/test_support.hpp"

namespace packager::fetch {
namespace {
namespace fs = std::filesystem;
using packager::testing::ScratchDir;

void write(const fs::path& path, const std::string& bytes, std::chrono::hours age) {
  std::ofstream(path, std::ios::binary) << bytes;
  fs::last_write_time(path, fs::file_time_type::clock::now() - age);
}

size_t records(const fs::path& cache) {
  std::error_code ec;
  size_t n = 0;
  for (const auto& entry : fs::directory_iterator(cache / "local-hashes", ec)) n += entry.is_regular_file() ? 1 : 0;
  return n;
}

TEST(LocalHash, UnchangedFileIsNotReadAgain) {
  ScratchDir media, cache;
  const fs::path file = media / "v.mp4";
  write(file, "first version", std::chrono::hours(1));
  auto sha = local_copy_sha256(file, cache.path());
  ASSERT_TRUE(sha) << sha.error().message;
  EXPECT_EQ(*sha, util::sha256_hex("first version"));
  ASSERT_EQ(records(cache.path()), 1u);
  // Overwrite the record: the answer now comes from it, proving the file
  // itself was not hashed a second time.
  const std::string planted(64, 'a');
  for (const auto& entry : fs::directory_iterator(cache / "local-hashes"))
    std::ofstream(entry.path()) << R"({"path": ")" << file.string() << R"(", "sha256": ")" << planted << "\"}\n";
  auto again = local_copy_sha256(file, cache.path());
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, planted);
}

TEST(LocalHash, ChangedFileIsHashedAgain) {
  ScratchDir media, cache;
  const fs::path file = media / "v.mp4";
  write(file, "first version", std::chrono::hours(2));
  ASSERT_TRUE(local_copy_sha256(file, cache.path()));
  // Same size, other bytes, other modification time.
  write(file, "other version", std::chrono::hours(1));
  auto sha = local_copy_sha256(file, cache.path());
  ASSERT_TRUE(sha);
  EXPECT_EQ(*sha, util::sha256_hex("other version"));
  EXPECT_EQ(records(cache.path()), 2u);
}

TEST(LocalHash, JustModifiedFileIsNotRecorded) {
  ScratchDir media, cache;
  const fs::path file = media / "v.mp4";
  std::ofstream(file, std::ios::binary) << "fresh";
  auto sha = local_copy_sha256(file, cache.path());
  ASSERT_TRUE(sha);
  EXPECT_EQ(*sha, util::sha256_hex("fresh"));
  EXPECT_EQ(records(cache.path()), 0u);
}

TEST(LocalHash, NoCacheDirOrMissingFile) {
  ScratchDir media;
  const fs::path file = media / "v.mp4";
  write(file, "bytes", std::chrono::hours(1));
  auto sha = local_copy_sha256(file, {});
  ASSERT_TRUE(sha);
  EXPECT_EQ(*sha, util::sha256_hex("bytes"));
  EXPECT_FALSE(local_copy_sha256(media / "missing.mp4", media.path()));
}

}  // namespace
}  // namespace packager::fetch
