#include "packager/util/atomic_file.hpp"

#include <gtest/gtest.h>

#include "tests/support/test_support.hpp"

namespace packager::util {
namespace {
namespace fs = std::filesystem;
using packager::testing::ScratchDir;

size_t entries(const fs::path& dir) {
  return static_cast<size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

TEST(AtomicFile, CommitReplacesTheDestination) {
  ScratchDir dir;
  packager::testing::write_file(dir / "out.txt", "old");
  auto file = AtomicFile::create(dir / "out.txt");
  ASSERT_TRUE(file);
  ASSERT_TRUE(file->write("new"));
  EXPECT_EQ(packager::testing::read_file(dir / "out.txt"), "old");  // untouched until commit
  ASSERT_TRUE(file->commit());
  EXPECT_EQ(packager::testing::read_file(dir / "out.txt"), "new");
  EXPECT_EQ(entries(dir.path()), 1u);
}

TEST(AtomicFile, DestroyedWithoutCommitLeavesNothingAndKeepsTheOldFile) {
  ScratchDir dir;
  packager::testing::write_file(dir / "out.txt", "old");
  {
    auto file = AtomicFile::create(dir / "out.txt");
    ASSERT_TRUE(file);
    ASSERT_TRUE(file->write("half"));
  }
  EXPECT_EQ(packager::testing::read_file(dir / "out.txt"), "old");
  EXPECT_EQ(entries(dir.path()), 1u);
}

TEST(AtomicFile, UnwritableFolderIsAnOutputError) {
  auto file = AtomicFile::create("/nonexistent-folder/x.txt");
  ASSERT_FALSE(file);
  EXPECT_EQ(file.error().code, ErrorCode::output);
  EXPECT_NE(file.error().message.find("/nonexistent-folder/x.txt"), std::string::npos);
}

TEST(TempDir, RemovedWithItsContents) {
  ScratchDir dir;
  fs::path inside;
  {
    auto temp = TempDir::create(dir.path(), ".work-");
    ASSERT_TRUE(temp);
    inside = temp->path() / "a" / "b.txt";
    packager::testing::write_file(inside, "x");
    EXPECT_TRUE(fs::exists(inside));
  }
  EXPECT_FALSE(fs::exists(inside));
  EXPECT_EQ(entries(dir.path()), 0u);
}

}  // namespace
}  // namespace packager::util
