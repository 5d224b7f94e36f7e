// The zip's SHA-256 computed while libzip writes it (zip_sink.hpp): the same
// digest as reading the finished zip, the same zip bytes whether the CRC was
// known up front or not, and the re-read when it was not (or was wrong).
#include <gtest/gtest.h>

#include "packager/archive/zip_writer.hpp"
#include "packager/util/sha256.hpp"
#include "tests/support/test_support.hpp"

namespace packager::archive {
namespace {
using packager::testing::ScratchDir;
namespace fs = std::filesystem;

std::uint32_t le32(const std::string& bytes, size_t at) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(bytes[at + static_cast<size_t>(i)]);
  return v;
}

// Bytes that do not repeat in blocks, several times the sink's 1 MiB buffer.
std::string video_bytes(size_t size) {
  std::string bytes(size, '\0');
  std::uint32_t x = 12345;
  for (auto& c : bytes) {
    x = x * 1103515245u + 12345u;
    c = static_cast<char>(x >> 24);
  }
  return bytes;
}

struct Written {
  std::string bytes;
  std::string sha256;
  bool streamed = false;
  std::string entry_sha256;
};

// A package-like zip: small pages around a big stored video.
Written write_zip(const fs::path& dir, const std::string& name, const fs::path& video,
                  std::optional<std::pair<std::uint32_t, std::uint64_t>> known) {
  auto zip = ZipWriter::create(dir / name, 946684800);
  EXPECT_TRUE(zip);
  EXPECT_TRUE(zip->add_bytes("imsmanifest.xml", std::string(5000, 'm')));
  EXPECT_TRUE(zip->add_bytes("index.html", "<p>index</p>"));
  EXPECT_TRUE(zip->add_file("lessons/a/video.mp4", video));
  EXPECT_TRUE(zip->add_bytes("lessons/a/index.html", "<p>lesson</p>"));
  if (known) zip->expect("lessons/a/video.mp4", known->first, known->second);
  zip->hash_entry("lessons/a/video.mp4");
  EXPECT_TRUE(zip->commit());
  Written w;
  auto sha = zip->sha256();
  EXPECT_TRUE(sha);
  w.sha256 = sha ? *sha : "";
  w.streamed = zip->sha256_streamed();
  w.entry_sha256 = zip->entry_sha256("lessons/a/video.mp4");
  w.bytes = packager::testing::read_file(dir / name);
  return w;
}

// The video's CRC-32 as libzip wrote it in the central directory.
std::uint32_t video_crc(const std::string& zip) {
  const size_t name = zip.find("lessons/a/video.mp4", zip.find("PK\x01\x02"));
  return le32(zip, name - 46 + 16);
}

TEST(ZipSink, KnownCrcStreamsTheHashOfTheVeryBytesWritten) {
  ScratchDir dir;
  const std::string video = video_bytes(3 * 1024 * 1024 + 777);
  packager::testing::write_file(dir / "v.mp4", video);
  const Written unknown = write_zip(dir.path(), "unknown.zip", dir / "v.mp4", std::nullopt);
  const Written known =
      write_zip(dir.path(), "known.zip", dir / "v.mp4", std::make_pair(video_crc(unknown.bytes), video.size()));
  // Same bytes either way: the header filled in up front is the one libzip
  // writes afterwards.
  EXPECT_EQ(known.bytes, unknown.bytes);
  EXPECT_TRUE(known.streamed) << "the header rewrite should have matched";
  EXPECT_EQ(known.sha256, util::sha256_hex(known.bytes));
  EXPECT_EQ(known.entry_sha256, util::sha256_hex(video));
  ASSERT_EQ(packager::testing::run("unzip -tq " + (dir / "known.zip").string()), 0);
}

TEST(ZipSink, UnknownOrWrongCrcFallsBackToReadingTheZip) {
  ScratchDir dir;
  const std::string video = video_bytes(2 * 1024 * 1024 + 5);
  packager::testing::write_file(dir / "v.mp4", video);
  const Written unknown = write_zip(dir.path(), "unknown.zip", dir / "v.mp4", std::nullopt);
  EXPECT_FALSE(unknown.streamed) << "the video's header was rewritten after it was hashed";
  EXPECT_EQ(unknown.sha256, util::sha256_hex(unknown.bytes));
  EXPECT_EQ(unknown.entry_sha256, util::sha256_hex(video)) << "the entry's data hash does not need the header";
  const Written wrong = write_zip(dir.path(), "wrong.zip", dir / "v.mp4",
                                  std::make_pair(video_crc(unknown.bytes) ^ 1u, video.size()));
  EXPECT_FALSE(wrong.streamed);
  EXPECT_EQ(wrong.bytes, unknown.bytes) << "libzip's own CRC is what the zip holds";
  EXPECT_EQ(wrong.sha256, util::sha256_hex(wrong.bytes));
  ASSERT_EQ(packager::testing::run("unzip -tq " + (dir / "wrong.zip").string()), 0);
}

TEST(ZipSink, SmallZipsStreamWithoutKnownCrcs) {
  ScratchDir dir;
  auto zip = ZipWriter::create(dir / "small.zip", 946684800);
  ASSERT_TRUE(zip);
  ASSERT_TRUE(zip->add_bytes("a.txt", std::string(300000, 'a')));
  ASSERT_TRUE(zip->add_bytes("b.jpg", video_bytes(200000)));
  ASSERT_TRUE(zip->commit());
  EXPECT_TRUE(zip->sha256_streamed());
  auto sha = zip->sha256();
  ASSERT_TRUE(sha);
  EXPECT_EQ(*sha, util::sha256_hex(packager::testing::read_file(dir / "small.zip")));
}

// A stored entry whose bytes look like zip headers (a zip inside the
// package): data is never mistaken for a header and patched.
TEST(ZipSink, EntryDataThatLooksLikeHeadersIsLeftAlone) {
  ScratchDir dir;
  std::string inner = "PK\x03\x04" + std::string(26, '\0') + video_bytes(1500000);
  inner += "PK\x01\x02" + std::string(42, '\0');
  packager::testing::write_file(dir / "inner.zip", inner);
  auto zip = ZipWriter::create(dir / "outer.zip", 946684800);
  ASSERT_TRUE(zip);
  ASSERT_TRUE(zip->add_file("inner.zip", dir / "inner.zip"));
  ASSERT_TRUE(zip->add_bytes("z.txt", "z"));
  ASSERT_TRUE(zip->commit());
  ASSERT_EQ(packager::testing::run("cd " + dir.path().string() + " && unzip -tq outer.zip && unzip -p outer.zip "
                                   "inner.zip > back.zip"),
            0);
  EXPECT_EQ(packager::testing::read_file(dir / "back.zip"), inner);
  auto sha = zip->sha256();
  ASSERT_TRUE(sha);
  EXPECT_EQ(*sha, util::sha256_hex(packager::testing::read_file(dir / "outer.zip")));
}

}  // namespace
}  // namespace packager::archive
