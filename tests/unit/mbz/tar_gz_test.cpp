#include "packager/mbz/tar_gz.hpp"

#include <gtest/gtest.h>

#include "tests/support/test_support.hpp"

namespace packager::mbz {
namespace {
using packager::testing::read_file;
using packager::testing::run;
using packager::testing::ScratchDir;
using packager::testing::write_file;
namespace fs = std::filesystem;

constexpr std::int64_t k_time = 946684800;  // 2000-01-01

void write_sample(const fs::path& out, const fs::path& big) {
  auto tar = TarGzWriter::create(out, k_time);
  ASSERT_TRUE(tar) << tar.error().message;
  ASSERT_TRUE(tar->add_bytes("moodle_backup.xml", "<moodle_backup/>"));
  ASSERT_TRUE(tar->add_file("files/ab/abcdef", big));
  ASSERT_TRUE(tar->commit());
}

TEST(TarGz, PlainUstarReadByGnuTarWithFixedOwnerAndDate) {
  ScratchDir dir;
  write_file(dir / "big.bin", std::string(3 * 1024 * 1024 + 7, 'b'));  // several write blocks
  write_sample(dir / "a.mbz", dir / "big.bin");
  ASSERT_EQ(run("cd " + dir.path().string() + " && TZ=UTC tar -tvzf a.mbz > list.txt && gzip -dc a.mbz > raw.tar"), 0);
  const std::string list = read_file(dir / "list.txt");
  EXPECT_NE(list.find("-rw-r--r-- 0/0              16 2000-01-01 00:00 moodle_backup.xml"), std::string::npos) << list;
  EXPECT_NE(list.find("0/0         3145735 2000-01-01 00:00 files/ab/abcdef"), std::string::npos) << list;
  // The very first header is a ustar file header: Moodle's tgz_extractor
  // reads any other type flag (pax 'x', GNU 'L') as a file of its own.
  const std::string raw = read_file(dir / "raw.tar");
  ASSERT_GE(raw.size(), 1024u);
  EXPECT_EQ(raw.substr(257, 6), std::string("ustar\0", 6));
  EXPECT_EQ(raw[156], '0');
  EXPECT_EQ(raw.substr(0, 17), "moodle_backup.xml");
  // gzip header: magic, deflate, no flags, MTIME 0 (bytes 4-7), Unix.
  const std::string gz = read_file(dir / "a.mbz");
  EXPECT_EQ(gz.substr(0, 8), std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00", 8));
  // Nothing after the gzip stream: ISIZE, the last 4 bytes, is the tar's size.
  const auto* tail = reinterpret_cast<const unsigned char*>(gz.data() + gz.size() - 4);
  const std::uint32_t isize = tail[0] | (tail[1] << 8) | (tail[2] << 16) | (static_cast<std::uint32_t>(tail[3]) << 24);
  EXPECT_EQ(isize, raw.size());
}

TEST(TarGz, SameCallsGiveSameBytesWhateverTheFolder) {
  ScratchDir one;
  ScratchDir two;
  write_file(one / "big.bin", std::string(70000, 'x'));
  write_file(two / "other-name.bin", std::string(70000, 'x'));
  write_sample(one / "a.mbz", one / "big.bin");
  write_sample(two / "b.mbz", two / "other-name.bin");
  EXPECT_EQ(read_file(one / "a.mbz"), read_file(two / "b.mbz"));
}

TEST(TarGz, UncommittedWriterLeavesNothing) {
  ScratchDir dir;
  {
    auto tar = TarGzWriter::create(dir / "a.mbz", k_time);
    ASSERT_TRUE(tar);
    ASSERT_TRUE(tar->add_bytes("x.xml", "<x/>"));
  }
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(TarGz, LongNamesSplitAtASlashOrAreRefused) {
  ScratchDir dir;
  auto tar = TarGzWriter::create(dir / "a.mbz", k_time, "dist/a.mbz");
  ASSERT_TRUE(tar);
  const std::string split = std::string(120, 'd') + "/" + std::string(90, 'f');  // prefix + name
  ASSERT_TRUE(tar->add_bytes(split, "ok"));
  auto refused = tar->add_bytes(std::string(300, 'n'), "no");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::output);
  // Named as where it will end up, not where it is staged.
  EXPECT_EQ(refused.error().message.rfind("dist/a.mbz: " + std::string(300, 'n') + ": ", 0), 0u)
      << refused.error().message;
}

TEST(TarGz, ReadsBackEntriesInMemoryAndStreamed) {
  ScratchDir dir;
  write_file(dir / "big.bin", std::string(2 * 1024 * 1024, 'z'));
  write_sample(dir / "a.mbz", dir / "big.bin");
  std::vector<std::string> names;
  std::string xml;
  std::uint64_t streamed = 0;
  auto r = read_tar(dir / "a.mbz", [&](const TarEntry& e, const TarData& data) -> Result<bool> {
    names.push_back(e.name);
    EXPECT_EQ(e.mtime, k_time);
    if (e.name == "moodle_backup.xml") {
      auto bytes = data.read(100);
      if (!bytes) return tl::unexpected(bytes.error());
      xml = *bytes;
    } else {
      auto ok = data.stream([&](std::string_view block) -> Result<void> {
        streamed += block.size();
        return {};
      });
      if (!ok) return tl::unexpected(ok.error());
    }
    return true;
  });
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(names, (std::vector<std::string>{"moodle_backup.xml", "files/ab/abcdef"}));
  EXPECT_EQ(xml, "<moodle_backup/>");
  EXPECT_EQ(streamed, 2u * 1024 * 1024);
}

TEST(TarGz, ReadRefusesAnEntryOverItsLimit) {
  ScratchDir dir;
  write_file(dir / "big.bin", std::string(1000, 'z'));
  write_sample(dir / "a.mbz", dir / "big.bin");
  auto r = read_tar(dir / "a.mbz", [&](const TarEntry&, const TarData& data) -> Result<bool> {
    auto bytes = data.read(4);
    if (!bytes) return tl::unexpected(bytes.error());
    return true;
  });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::input);
  EXPECT_NE(r.error().message.find("moodle_backup.xml is 16 bytes, more than the 4 expected"), std::string::npos)
      << r.error().message;
}

TEST(TarGz, CheckGzipFindsAFlippedByteAndATruncation) {
  ScratchDir dir;
  write_file(dir / "big.bin", std::string(100000, 'q'));
  write_sample(dir / "a.mbz", dir / "big.bin");
  ASSERT_TRUE(check_gzip(dir / "a.mbz"));
  std::string bytes = read_file(dir / "a.mbz");
  std::string flipped = bytes;
  flipped[bytes.size() / 2] = static_cast<char>(flipped[bytes.size() / 2] ^ 0x55);
  write_file(dir / "flipped.mbz", flipped);
  auto bad = check_gzip(dir / "flipped.mbz");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message.rfind("damaged gzip stream (", 0), 0u) << bad.error().message;
  write_file(dir / "cut.mbz", bytes.substr(0, bytes.size() - 10));
  EXPECT_FALSE(check_gzip(dir / "cut.mbz"));
  write_file(dir / "plain.txt", "not gzip at all");
  auto plain = check_gzip(dir / "plain.txt");
  ASSERT_FALSE(plain);
  EXPECT_NE(plain.error().message.find("not gzip-compressed"), std::string::npos);
}

}  // namespace
}  // namespace packager::mbz
