#include "packager/media/transcode.hpp"

#include <vector>

#include <gtest/gtest.h>

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

// veryfast, not ultrafast: ultrafast drops CABAC and B-frames, which x264
// then reports as Constrained Baseline.
TranscodeOptions fast(int max_height) {
  TranscodeOptions options;
  options.max_height = max_height;
  options.preset = "veryfast";
  return options;
}

TEST(Transcode, ScalesDownToMaxHeightWithMainProfileAndMonoAac) {
  ScratchDir dir;
  const auto input = make_fixture(Fixture::fragmented_h264_aac, dir.path(), 2.0);
  std::vector<double> progress;
  auto info = transcode(input, dir / "out.mp4", fast(90), [&](double done) { progress.push_back(done); });
  ASSERT_TRUE(info) << info.error().message;
  EXPECT_EQ(info->video_codec, "h264");
  EXPECT_EQ(info->video_profile, "Main");
  EXPECT_EQ(info->width, 160);
  EXPECT_EQ(info->height, 90);
  EXPECT_EQ(info->audio_codec, "aac");
  EXPECT_EQ(info->audio_channels, 1);
  EXPECT_NEAR(info->duration_seconds, 2.0, 0.1);
  const auto boxes = top_level_boxes(dir / "out.mp4");
  EXPECT_LT(index_of(boxes, "moov"), index_of(boxes, "mdat"));
  const auto out = read_back(dir / "out.mp4");
  const auto in = read_back(input);
  EXPECT_EQ(out.packets[0], in.packets[0]) << "every video frame is encoded once";
  EXPECT_EQ(out.total_packets, info->packet_count);
  EXPECT_NEAR(out.start, 0.0, 1e-3);
  // Progress rises to 100%.
  ASSERT_GE(progress.size(), 5u);
  for (size_t i = 1; i < progress.size(); ++i) EXPECT_GT(progress[i], progress[i - 1]);
  EXPECT_DOUBLE_EQ(progress.back(), 1.0);
}

TEST(Transcode, HevcBecomesH264AtItsOwnSize) {
  ScratchDir dir;
  const auto input = make_fixture(Fixture::hevc, dir.path(), 1.0);
  auto info = transcode(input, dir / "out.mp4", fast(0));
  ASSERT_TRUE(info) << info.error().message;
  EXPECT_EQ(info->video_codec, "h264");
  EXPECT_EQ(info->width, 320);
  EXPECT_EQ(info->height, 180);
  EXPECT_NEAR(info->duration_seconds, 1.0, 0.1);
}

TEST(Transcode, UnknownPresetIsAUsageError) {
  ScratchDir dir;
  const auto input = make_fixture(Fixture::progressive_h264_aac, dir.path(), 1.0);
  TranscodeOptions options = fast(0);
  options.preset = "warp";
  auto info = transcode(input, dir / "out.mp4", options);
  ASSERT_FALSE(info);
  EXPECT_EQ(info.error().code, ErrorCode::usage);
  EXPECT_EQ(info.error().message,
            "unknown x264 preset 'warp'; expected ultrafast, superfast, veryfast, faster, fast, medium, slow, slower, "
            "veryslow or placebo");
  EXPECT_FALSE(std::filesystem::exists(dir / "out.mp4"));
}

}  // namespace
}  // namespace packager::media
