#include "packager/media/remux.hpp"

#include <string>

#include <gtest/gtest.h>

#include "packager/util/crc32.hpp"
#include "tests/support/test_support.hpp"
#include "tests/unit/media/read_back.hpp"

namespace packager::media {
namespace {
using packager::testing::Fixture;
using packager::testing::make_fixture;
using packager::testing::ScratchDir;
using test::index_of;
using test::read_back;
using test::top_level_boxes;

// The output checks every remux must pass: 'moov' before 'mdat', not
// fragmented, and read back by libavformat with the same streams, the same
// packets per stream as the input, the same duration within one frame, and
// timestamps from 0 with no negative DTS.
void expect_faithful_copy(const std::filesystem::path& input, const std::filesystem::path& output,
                          const MediaInfo& info) {
  const auto boxes = top_level_boxes(output);
  EXPECT_LT(index_of(boxes, "moov"), index_of(boxes, "mdat"));
  EXPECT_EQ(index_of(boxes, "moof"), boxes.size()) << "output must not be fragmented";
  const auto in = read_back(input);
  const auto out = read_back(output);
  ASSERT_TRUE(in.opened);
  ASSERT_TRUE(out.opened);
  EXPECT_EQ(out.streams, in.streams);
  EXPECT_EQ(out.packets, in.packets);
  EXPECT_EQ(out.total_packets, info.packet_count);
  EXPECT_NEAR(out.duration, in.duration, in.frame_seconds);
  // The earliest presentation is at 0 (AAC priming may sit a few ms before
  // it), and the B-frame delay stays within the edit list: DTS are never
  // more than two frames before the first presentation.
  EXPECT_NEAR(out.start, 0.0, 1e-3);
  EXPECT_GE(out.min_pts, -0.03);
  EXPECT_GE(out.min_dts, -2 * in.frame_seconds - 1e-6);
}

TEST(Remux, FragmentedBecomesFaststartWithEveryPacket) {
  ScratchDir dir;
  const auto input = make_fixture(Fixture::fragmented_h264_aac, dir.path(), 2.0);
  ASSERT_NE(index_of(top_level_boxes(input), "moof"), top_level_boxes(input).size());
  const auto output = dir / "out.mp4";
  auto info = remux_to_faststart(input, output);
  ASSERT_TRUE(info) << info.error().message;
  expect_faithful_copy(input, output, *info);
  EXPECT_EQ(info->video_codec, "h264");
  EXPECT_EQ(info->video_profile, "Main");
  EXPECT_EQ(info->width, 320);
  EXPECT_EQ(info->height, 180);
  EXPECT_DOUBLE_EQ(info->frame_rate, 25.0);
  EXPECT_EQ(info->audio_codec, "aac");
  EXPECT_EQ(info->audio_channels, 1);
  EXPECT_EQ(info->audio_sample_rate, 48000);
  EXPECT_NEAR(info->duration_seconds, 2.0, 0.1);
  // 50 video frames at 25 fps plus ~94 AAC frames at 48 kHz.
  EXPECT_EQ(read_back(output).packets[0], 50);
}

// The CRC-32 summed while the file is written is the file's, on both
// paths: 'moov' written into room reserved up front (the header block
// patched at the end, read back) and faststart's rewrite of the whole file.
TEST(Remux, TheOutputsCrc32IsSummedAsItIsWritten) {
  ScratchDir dir;
  const auto input = make_fixture(Fixture::fragmented_h264_aac, dir.path(), 3.0);
  for (const std::uintmax_t reserve_from : {std::uintmax_t{0}, k_reserve_from_bytes}) {
    std::optional<std::uint32_t> crc;
    auto info = remux_to_faststart(input, dir / "out.mp4", reserve_from, &crc);
    ASSERT_TRUE(info) << info.error().message;
    ASSERT_TRUE(crc.has_value());
    EXPECT_EQ(*crc, *util::crc32_file(dir / "out.mp4")) << "reserve from " << reserve_from;
  }
}

TEST(Remux, ProgressiveInputIsCopiedFaithfully) {
  ScratchDir dir;
  const auto input = make_fixture(Fixture::progressive_h264_aac, dir.path(), 1.0);
  auto info = remux_to_faststart(input, dir / "out.mp4");
  ASSERT_TRUE(info) << info.error().message;
  expect_faithful_copy(input, dir / "out.mp4", *info);
}

TEST(Remux, VideoOnlyIsCopiedFaithfully) {
  ScratchDir dir;
  const auto input = make_fixture(Fixture::video_only, dir.path(), 1.0);
  auto info = remux_to_faststart(input, dir / "out.mp4");
  ASSERT_TRUE(info) << info.error().message;
  EXPECT_FALSE(info->has_audio);
  expect_faithful_copy(input, dir / "out.mp4", *info);
}

TEST(Remux, EditListKeepsEveryPacketAndStartsAtZero) {
  ScratchDir dir;
  const auto input = make_fixture(Fixture::edit_list, dir.path(), 2.0);
  auto info = remux_to_faststart(input, dir / "out.mp4");
  ASSERT_TRUE(info) << info.error().message;
  expect_faithful_copy(input, dir / "out.mp4", *info);
}

TEST(Remux, FailureLeavesNoOutputNorTemporary) {
  ScratchDir dir;
  const auto input = make_fixture(Fixture::truncated, dir.path(), 2.0);
  std::filesystem::create_directories(dir / "out");
  auto info = remux_to_faststart(input, dir / "out" / "video.mp4");
  ASSERT_FALSE(info);
  EXPECT_TRUE(std::filesystem::is_empty(dir / "out"));
}

}  // namespace
}  // namespace packager::media
