#include "packager/media/probe.hpp"

#include <gtest/gtest.h>

#include "tests/support/test_support.hpp"

namespace packager::media {
namespace {
using packager::testing::Fixture;
using packager::testing::make_fixture;
using packager::testing::ScratchDir;

TEST(Probe, DescribesContainerStreamsAndRates) {
  ScratchDir dir;
  auto info = probe(make_fixture(Fixture::progressive_h264_aac, dir.path(), 2.0));
  ASSERT_TRUE(info) << info.error().message;
  EXPECT_EQ(info->container, "mov,mp4,m4a,3gp,3g2,mj2");
  EXPECT_NEAR(info->duration_seconds, 2.0, 0.05);
  EXPECT_GT(info->bit_rate, 0);
  EXPECT_TRUE(info->has_video);
  EXPECT_EQ(info->video_codec, "h264");
  EXPECT_EQ(info->video_profile, "Main");
  EXPECT_EQ(info->width, 320);
  EXPECT_EQ(info->height, 180);
  EXPECT_DOUBLE_EQ(info->frame_rate, 25.0);
  EXPECT_GT(info->video_bit_rate, 0);
  EXPECT_TRUE(info->has_audio);
  EXPECT_EQ(info->audio_codec, "aac");
  EXPECT_EQ(info->audio_channels, 1);
  EXPECT_EQ(info->audio_sample_rate, 48000);
  // Asked for 64 kb/s; the encoder lands near it.
  EXPECT_NEAR(static_cast<double>(info->audio_bit_rate), 64000.0, 16000.0);
}

TEST(Probe, VideoOnlyHasNoAudio) {
  ScratchDir dir;
  auto info = probe(make_fixture(Fixture::video_only, dir.path(), 1.0));
  ASSERT_TRUE(info) << info.error().message;
  EXPECT_TRUE(info->has_video);
  EXPECT_FALSE(info->has_audio);
  EXPECT_EQ(info->audio_channels, 0);
}

TEST(Probe, HtmlIsNotMedia) {
  ScratchDir dir;
  auto info = probe(make_fixture(Fixture::html, dir.path()));
  ASSERT_FALSE(info);
  EXPECT_EQ(info.error().code, ErrorCode::media);
  EXPECT_EQ(info.error().message, "not a readable video (Invalid data found when processing input)");
}

}  // namespace
}  // namespace packager::media
