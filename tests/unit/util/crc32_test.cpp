#include "packager/util/crc32.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <random>
#include <string>

#include <gtest/gtest.h>
#include <zlib.h>

#include "tests/support/test_support.hpp"

namespace packager::util {
namespace {
using packager::testing::ScratchDir;
using packager::testing::write_file;

std::uint32_t crc_of(const std::string& bytes) {
  return static_cast<std::uint32_t>(
      ::crc32(0L, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())));
}

// What a muxer does: a header, then data front to back, then a seek back
// to patch the header; here across several 1 MiB blocks, with a last
// block that is partial.
TEST(WrittenCrc32, FollowsWritesInAnyOrderAndReadsBackOnlyWhatItCouldNot) {
  ScratchDir dir;
  std::mt19937 random(7);
  std::string file(3 * WrittenCrc32::k_block + 12345, '\0');
  for (auto& c : file) c = static_cast<char>(random());
  std::string final_bytes = file;
  const std::string patch = "patched header";
  final_bytes.replace(40, patch.size(), patch);
  write_file(dir / "f", final_bytes);

  WrittenCrc32 crc;
  const auto* data = reinterpret_cast<const unsigned char*>(file.data());
  // Uneven writes, front to back, then the patch of block 0.
  for (std::size_t at = 0; at < file.size();) {
    const std::size_t n = std::min<std::size_t>(file.size() - at, 1 + random() % 300000);
    crc.wrote(at, data + at, n);
    at += n;
  }
  crc.wrote(40, reinterpret_cast<const unsigned char*>(patch.data()), patch.size());
  const int fd = ::open((dir / "f").c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  auto got = crc.finish(fd, final_bytes.size());
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(*got, crc_of(final_bytes));
  // A block never written through it (a gap) is read back too.
  WrittenCrc32 gap;
  gap.wrote(0, reinterpret_cast<const unsigned char*>(final_bytes.data()), WrittenCrc32::k_block);
  gap.wrote(2 * WrittenCrc32::k_block,
            reinterpret_cast<const unsigned char*>(final_bytes.data()) + 2 * WrittenCrc32::k_block,
            final_bytes.size() - 2 * WrittenCrc32::k_block);
  EXPECT_EQ(*gap.finish(fd, final_bytes.size()), crc_of(final_bytes));
  ::close(fd);
  // And finish() fails when a block it needs cannot be read.
  const int empty = ::open((dir / "f").c_str(), O_RDONLY);
  EXPECT_FALSE(WrittenCrc32().finish(empty, final_bytes.size() + WrittenCrc32::k_block));
  ::close(empty);
}

}  // namespace
}  // namespace packager::util
