// The integrity primitives: file identity, copies that share nothing,
// locks, and the journaled bundle commit.
#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "packager/util/bundle_commit.hpp"
#include "packager/util/copy.hpp"
#include "packager/util/file_identity.hpp"
#include "packager/util/file_lock.hpp"
#include "packager/util/sha256.hpp"
#include "tests/support/test_support.hpp"

namespace packager::util {
namespace {
namespace fs = std::filesystem;
using packager::testing::read_file;
using packager::testing::ScratchDir;
using packager::testing::write_file;

TEST(FileIdentity, AnEditInPlaceOrAReplacementChangesIt) {
  ScratchDir dir;
  write_file(dir / "a", "hello world");
  const auto before = file_identity(dir / "a");
  ASSERT_TRUE(before);
  EXPECT_EQ(before->size, 11u);
  EXPECT_EQ(identity_change(*before, file_identity(dir / "a")), "");
  // Same size, same inode, new bytes: the modification time moves.
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  write_file(dir / "a", "HELLO world");
  EXPECT_EQ(identity_change(*before, file_identity(dir / "a")), "it was modified");
  write_file(dir / "b", "hello world!");
  fs::rename(dir / "b", dir / "a");
  EXPECT_EQ(identity_change(*before, file_identity(dir / "a")), "its size changed (11 -> 12 bytes)");
  fs::remove(dir / "a");
  EXPECT_EQ(identity_change(*before, file_identity(dir / "a")), "it is missing");
  EXPECT_FALSE(file_identity(dir.path()));  // a folder has none
}

TEST(CloneOrCopy, TheCopyIsItsOwnFileWithTheSameBytes) {
  ScratchDir dir;
  const std::string bytes(3 * 1024 * 1024 + 17, 'v');
  write_file(dir / "src", bytes);
  auto sha = clone_or_copy(dir / "src", dir / "dst", true);
  ASSERT_TRUE(sha) << sha.error().message;
  EXPECT_EQ(*sha, sha256_hex(bytes));
  EXPECT_EQ(read_file(dir / "dst"), bytes);
  EXPECT_NE(file_identity(dir / "src")->inode, file_identity(dir / "dst")->inode);
  struct stat st {};
  ASSERT_EQ(::stat((dir / "dst").c_str(), &st), 0);
  EXPECT_EQ(st.st_nlink, 1u);
  // Changing the copy leaves the original as it was.
  write_file(dir / "dst", "changed");
  EXPECT_EQ(read_file(dir / "src"), bytes);
  auto none = clone_or_copy(dir / "src", dir / "dst2", false);
  ASSERT_TRUE(none);
  EXPECT_EQ(*none, "");
}

TEST(CloneOrCopy, AMissingSourceFailsNamingItAndLeavesNothing) {
  ScratchDir dir;
  auto got = clone_or_copy(dir / "missing", dir / "dst", true);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::output);
  EXPECT_NE(got.error().message.find((dir / "missing").string()), std::string::npos);
  EXPECT_FALSE(fs::exists(dir / "dst"));
}

TEST(FileLock, ASecondHolderWaitsUntilTheFirstLetsGo) {
  ScratchDir dir;
  auto first = FileLock::acquire(dir / "x.lock");
  ASSERT_TRUE(first);
  std::atomic<bool> waited{false};
  std::atomic<bool> got{false};
  std::thread other([&] {
    auto second = FileLock::acquire(dir / "x.lock", [&] { waited = true; });
    got = second.has_value();
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_TRUE(waited);
  EXPECT_FALSE(got);
  *first = FileLock::acquire(dir / "y.lock").value();  // releases x.lock
  other.join();
  EXPECT_TRUE(got);
  // A folder can be locked too (an output folder).
  EXPECT_TRUE(FileLock::acquire(dir.path()));
}

TEST(BundleCommit, MovesEveryStagedFileAndRemovesTheOldOnes) {
  ScratchDir dir;
  const fs::path dest = dir.path();
  write_file(dest / "old.zip", "old");
  write_file(dest / "kept.txt", "kept");
  write_file(dest / "lessons/gone/index.html", "gone");
  write_file(dest / ".work/bundle/new.zip", "new");
  write_file(dest / ".work/bundle/lessons/a/index.html", "a");
  CommitPlan plan{{"new.zip", "lessons/a/index.html"}, {"old.zip", "lessons/gone/index.html"}};
  ASSERT_TRUE(commit_staged(dest, dest / ".work/bundle", plan));
  EXPECT_EQ(read_file(dest / "new.zip"), "new");
  EXPECT_EQ(read_file(dest / "lessons/a/index.html"), "a");
  EXPECT_EQ(read_file(dest / "kept.txt"), "kept");
  EXPECT_FALSE(fs::exists(dest / "old.zip"));
  EXPECT_FALSE(fs::exists(dest / "lessons/gone"));  // emptied folders go too
  EXPECT_FALSE(fs::exists(dest / k_commit_journal));
}

TEST(BundleCommit, AKilledCommitIsFinishedFromItsJournal) {
  ScratchDir dir;
  const fs::path dest = dir.path();
  // As a process killed after its first rename leaves it.
  write_file(dest / "a.zip", "new a");
  write_file(dest / "b.zip", "old b");
  write_file(dest / "old.zip", "old");
  write_file(dest / ".packager-work-x/bundle/b.zip", "new b");
  write_file(dest / ".packager-work-x/bundle/SHA256SUMS", "sums");
  write_file(dest / k_commit_journal,
             R"({"format": "packager-commit/1", "staging": ".packager-work-x/bundle",)"
             R"( "moves": ["a.zip", "b.zip", "SHA256SUMS"], "removes": ["old.zip"]})");
  auto finished = finish_interrupted_commit(dest);
  ASSERT_TRUE(finished) << finished.error().message;
  EXPECT_TRUE(*finished);
  EXPECT_EQ(read_file(dest / "a.zip"), "new a");
  EXPECT_EQ(read_file(dest / "b.zip"), "new b");
  EXPECT_EQ(read_file(dest / "SHA256SUMS"), "sums");
  EXPECT_FALSE(fs::exists(dest / "old.zip"));
  EXPECT_FALSE(fs::exists(dest / ".packager-work-x"));
  EXPECT_FALSE(fs::exists(dest / k_commit_journal));
  // Nothing left to finish.
  EXPECT_FALSE(*finish_interrupted_commit(dest));
}

TEST(BundleCommit, AJournalNamingPathsOutsideTheFolderIsRefused) {
  ScratchDir dir;
  write_file(dir / k_commit_journal,
             R"({"format": "packager-commit/1", "staging": "../elsewhere", "moves": [], "removes": []})");
  auto finished = finish_interrupted_commit(dir.path());
  ASSERT_FALSE(finished);
  EXPECT_EQ(finished.error().code, ErrorCode::output);
  write_file(dir / k_commit_journal, "not json");
  EXPECT_FALSE(finish_interrupted_commit(dir.path()));
}

}  // namespace
}  // namespace packager::util
