#include "packager/media/remux.hpp"

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/test_support.hpp"

namespace packager::media {
namespace {
using packager::testing::Fixture;
using packager::testing::make_fixture;
using packager::testing::ScratchDir;

// Top-level ISO-BMFF box types in file order.
std::vector<std::string> top_level_boxes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> boxes;
  while (true) {
    unsigned char header[16];
    if (!in.read(reinterpret_cast<char*>(header), 8)) break;
    std::uint64_t size = (std::uint64_t{header[0]} << 24) | (header[1] << 16) | (header[2] << 8) | header[3];
    boxes.emplace_back(reinterpret_cast<char*>(header) + 4, 4);
    std::uint64_t header_size = 8;
    if (size == 1) {
      in.read(reinterpret_cast<char*>(header) + 8, 8);
      size = 0;
      for (int i = 8; i < 16; ++i) size = (size << 8) | header[i];
      header_size = 16;
    }
    if (size == 0) break;
    in.seekg(static_cast<std::streamoff>(size - header_size), std::ios::cur);
  }
  return boxes;
}

size_t index_of(const std::vector<std::string>& boxes, const std::string& type) {
  for (size_t i = 0; i < boxes.size(); ++i)
    if (boxes[i] == type) return i;
  return boxes.size();
}

TEST(Remux, FragmentedBecomesFaststartWithEveryPacket) {
  ScratchDir dir;
  const auto input = make_fixture(Fixture::fragmented_h264_aac, dir.path(), 2.0);
  ASSERT_NE(index_of(top_level_boxes(input), "moof"), top_level_boxes(input).size());
  const auto output = dir / "out.mp4";
  auto info = remux_to_faststart(input, output);
  ASSERT_TRUE(info) << info.error().message;
  const auto boxes = top_level_boxes(output);
  EXPECT_LT(index_of(boxes, "moov"), index_of(boxes, "mdat"));
  EXPECT_EQ(index_of(boxes, "moof"), boxes.size()) << "output must not be fragmented";
  EXPECT_EQ(info->video_codec, "h264");
  EXPECT_EQ(info->audio_codec, "aac");
  EXPECT_NEAR(info->duration_seconds, 2.0, 0.1);
  auto reread = probe(output);
  ASSERT_TRUE(reread);
  EXPECT_NEAR(reread->duration_seconds, info->duration_seconds, 0.05);
  // 50 video frames at 25 fps plus ~94 AAC frames at 48 kHz.
  EXPECT_GT(info->packet_count, 120);
}

TEST(Remux, HtmlIsNotMediaAndLeavesNoOutput) {
  ScratchDir dir;
  const auto input = make_fixture(Fixture::html, dir.path());
  auto info = remux_to_faststart(input, dir / "out.mp4");
  ASSERT_FALSE(info);
  EXPECT_EQ(info.error().code, ErrorCode::media);
  EXPECT_EQ(info.error().message.rfind("not a readable video", 0), 0u) << info.error().message;
  EXPECT_FALSE(std::filesystem::exists(dir / "out.mp4"));
}

TEST(Remux, HevcIsRefusedWithTheCodecName) {
  ScratchDir dir;
  const auto input = make_fixture(Fixture::hevc, dir.path(), 1.0);
  auto info = remux_to_faststart(input, dir / "out.mp4");
  ASSERT_FALSE(info);
  EXPECT_EQ(info.error().message,
            "the video codec is hevc, which browsers cannot play in MP4; expected H.264");
}

TEST(Remux, AudioOnlyHasNoVideoStream) {
  ScratchDir dir;
  const auto input = make_fixture(Fixture::audio_only, dir.path(), 1.0);
  auto info = remux_to_faststart(input, dir / "out.mp4");
  ASSERT_FALSE(info);
  EXPECT_EQ(info.error().message, "the file has no video stream");
}

}  // namespace
}  // namespace packager::media
