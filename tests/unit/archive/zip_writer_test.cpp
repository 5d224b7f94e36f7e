#include "packager/archive/zip_writer.hpp"

#include <gtest/gtest.h>

#include "tests/support/test_support.hpp"

namespace packager::archive {
namespace {
using packager::testing::ScratchDir;
namespace fs = std::filesystem;

TEST(ZipWriter, StoresMediaDeflatesTextSortsAndCommits) {
  ScratchDir dir;
  packager::testing::write_file(dir / "v.mp4", std::string(10000, 'v'));
  auto zip = ZipWriter::create(dir / "out.zip", 946684800);
  ASSERT_TRUE(zip);
  ASSERT_TRUE(zip->add_file("lessons/a/video.mp4", dir / "v.mp4"));
  ASSERT_TRUE(zip->add_bytes("imsmanifest.xml", std::string(5000, 'm')));
  EXPECT_FALSE(fs::exists(dir / "out.zip"));
  ASSERT_TRUE(zip->commit());
  ASSERT_TRUE(fs::exists(dir / "out.zip"));
  // unzip -v lists method and order: the real zip reader is the judge.
  ASSERT_EQ(packager::testing::run("cd " + dir.path().string() +
                                   " && unzip -v out.zip > listing.txt && unzip -tq out.zip"),
            0);
  const std::string listing = packager::testing::read_file(dir / "listing.txt");
  const auto manifest = listing.find("imsmanifest.xml");
  const auto video = listing.find("lessons/a/video.mp4");
  ASSERT_NE(manifest, std::string::npos);
  ASSERT_NE(video, std::string::npos);
  EXPECT_LT(manifest, video);
  EXPECT_NE(listing.find("Defl:"), std::string::npos);
  EXPECT_NE(listing.find("10000  Stored"), std::string::npos) << listing;
  EXPECT_NE(listing.find("2000-01-01 00:00"), std::string::npos) << listing;
}

TEST(ZipWriter, UncommittedWriterLeavesNothing) {
  ScratchDir dir;
  {
    auto zip = ZipWriter::create(dir / "out.zip", 946684800);
    ASSERT_TRUE(zip);
    ASSERT_TRUE(zip->add_bytes("a.txt", "a"));
  }
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(ZipWriter, SameInputsSameBytes) {
  ScratchDir dir;
  for (const char* name : {"one.zip", "two.zip"}) {
    auto zip = ZipWriter::create(dir / name, 946684800);
    ASSERT_TRUE(zip);
    ASSERT_TRUE(zip->add_bytes("b.txt", "bbb"));
    ASSERT_TRUE(zip->add_bytes("a.txt", "aaa"));
    ASSERT_TRUE(zip->commit());
  }
  EXPECT_EQ(packager::testing::read_file(dir / "one.zip"), packager::testing::read_file(dir / "two.zip"));
}

TEST(ZipWriter, RefusesNamesMoodleWouldMangle) {
  EXPECT_TRUE(is_safe_entry_name("lessons/a-b_c/index.html"));
  EXPECT_FALSE(is_safe_entry_name("../evil.html"));
  EXPECT_FALSE(is_safe_entry_name("/abs.html"));
  EXPECT_FALSE(is_safe_entry_name("a&b.html"));
  EXPECT_FALSE(is_safe_entry_name("a\\b.html"));
  EXPECT_FALSE(is_safe_entry_name("é.html"));
  EXPECT_EQ(compression_for("x/VIDEO.MP4"), Compression::store);
  EXPECT_EQ(compression_for("index.html"), Compression::deflate);
}

}  // namespace
}  // namespace packager::archive
