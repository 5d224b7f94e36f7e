#include "packager/archive/zip_check.hpp"

#include <gtest/gtest.h>

#include "packager/archive/zip_writer.hpp"
#include "tests/support/test_support.hpp"

namespace packager::archive {
namespace {
using packager::testing::ScratchDir;

std::filesystem::path write_zip(const ScratchDir& dir) {
  const auto path = dir / "pkg.zip";
  auto zip = ZipWriter::create(path, 946684800);
  EXPECT_TRUE(zip);
  // Stored (".mp4") so a flipped byte lands in the data as-is.
  EXPECT_TRUE(zip->add_bytes("a/video.mp4", std::string(4096, 'v')));
  EXPECT_TRUE(zip->add_bytes("a/index.html", "<p>hello</p>"));
  EXPECT_TRUE(zip->commit());
  return path;
}

TEST(ZipCheck, IntactZipHasNoBadEntries) {
  ScratchDir dir;
  auto check = check_zip(write_zip(dir));
  ASSERT_TRUE(check) << check.error().message;
  EXPECT_EQ(check->entries, 2u);
  EXPECT_TRUE(check->bad_entries.empty());
}

TEST(ZipCheck, FlippedByteInStoredEntryFailsItsCrc) {
  ScratchDir dir;
  const auto path = write_zip(dir);
  std::string bytes = packager::testing::read_file(path);
  const auto at = bytes.find(std::string(64, 'v'));
  ASSERT_NE(at, std::string::npos);
  bytes[at + 100] = 'w';
  packager::testing::write_file(path, bytes);
  auto check = check_zip(path);
  ASSERT_TRUE(check) << check.error().message;
  ASSERT_EQ(check->bad_entries.size(), 1u);
  EXPECT_EQ(check->bad_entries[0], "a/video.mp4: CRC error");
}

TEST(ZipCheck, NotAZipIsAnInputError) {
  ScratchDir dir;
  packager::testing::write_file(dir / "x.zip", "not a zip at all");
  auto check = check_zip(dir / "x.zip");
  ASSERT_FALSE(check);
  EXPECT_EQ(check.error().code, ErrorCode::input);
  EXPECT_EQ(check.error().message.rfind((dir / "x.zip").string() + ": not a readable zip: ", 0), 0u);
}

}  // namespace
}  // namespace packager::archive
