#include "packager/media/poster.hpp"

#include <gtest/gtest.h>

#include "packager/media/probe.hpp"
#include "tests/support/test_support.hpp"

namespace packager::media {
namespace {
using packager::testing::Fixture;
using packager::testing::make_fixture;
using packager::testing::read_file;
using packager::testing::ScratchDir;

TEST(Poster, JpegOfAFrameAtTenPercent) {
  ScratchDir dir;
  const auto input = make_fixture(Fixture::progressive_h264_aac, dir.path(), 2.0);
  auto poster = make_poster(input, dir / "poster.jpg");
  ASSERT_TRUE(poster) << poster.error().message;
  EXPECT_EQ(poster->width, 320);
  EXPECT_EQ(poster->height, 180);
  // 10% of 2 s, to the frame (25 fps).
  EXPECT_NEAR(poster->at_seconds, 0.2, 0.04);
  const std::string bytes = read_file(dir / "poster.jpg");
  ASSERT_GT(bytes.size(), 4u);
  EXPECT_EQ(bytes.substr(0, 2), "\xFF\xD8");  // JPEG SOI
  EXPECT_EQ(bytes.substr(bytes.size() - 2), "\xFF\xD9");  // EOI
  // Read back by libavformat's image demuxer and decoder.
  auto info = probe(dir / "poster.jpg");
  ASSERT_TRUE(info) << info.error().message;
  EXPECT_EQ(info->video_codec, "mjpeg");
  EXPECT_EQ(info->width, 320);
  EXPECT_EQ(info->height, 180);
}

// A keyframe soon after 10% is the poster itself (one frame decoded); one
// much later is not waited for: the keyframe before is decoded forward.
TEST(Poster, TheKeyframeSoonAfterTenPercentElseTheFrameAtTenPercent) {
  ScratchDir dir;
  // 5 s at 25 fps, a keyframe every 0.6 s (15 frames): 10% is 0.5 s, the
  // next keyframe 0.6 s. Every 3 s (75 frames): the next is at 3 s.
  for (const auto& [gop, at] : {std::pair{15, 0.6}, std::pair{75, 0.5}}) {
    const auto video = dir / ("gop" + std::to_string(gop) + ".mp4");
    const std::string cmd = "ffmpeg -v error -nostdin -y -f lavfi -i testsrc2=size=320x180:rate=25:duration=5 "
                            "-c:v libx264 -preset ultrafast -pix_fmt yuv420p -bf 2 -g " +
                            std::to_string(gop) + " -keyint_min " + std::to_string(gop) + " -sc_threshold 0 " +
                            video.string();
    ASSERT_EQ(packager::testing::run(cmd), 0) << cmd;
    auto poster = make_poster(video, dir / "poster.jpg");
    ASSERT_TRUE(poster) << poster.error().message;
    EXPECT_NEAR(poster->at_seconds, at, 0.021) << "GOP of " << gop << " frames";
  }
}

TEST(Poster, ScaledDownToTheMaximumWidthKeepingTheAspect) {
  ScratchDir dir;
  const auto input = make_fixture(Fixture::fragmented_h264_aac, dir.path(), 1.0);
  auto poster = make_poster(input, dir / "poster.jpg", 0.1, 160);
  ASSERT_TRUE(poster) << poster.error().message;
  EXPECT_EQ(poster->width, 160);
  EXPECT_EQ(poster->height, 90);
  auto info = probe(dir / "poster.jpg");
  ASSERT_TRUE(info);
  EXPECT_EQ(info->width, 160);
}

TEST(Poster, AudioOnlyHasNoPoster) {
  ScratchDir dir;
  const auto input = make_fixture(Fixture::audio_only, dir.path(), 1.0);
  auto poster = make_poster(input, dir / "poster.jpg");
  ASSERT_FALSE(poster);
  EXPECT_EQ(poster.error().message, "the file has no video stream");
  EXPECT_FALSE(std::filesystem::exists(dir / "poster.jpg"));
}

}  // namespace
}  // namespace packager::media
