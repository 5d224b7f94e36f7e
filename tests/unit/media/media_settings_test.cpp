#include "packager/media/media_settings.hpp"

#include <gtest/gtest.h>

namespace packager::media {
namespace {

// The one serialisation is what the fingerprint, the cache key and the
// report hold: its wording and field order are part of the report format.
TEST(MediaSettings, OneSerialisationWithEveryField) {
  MediaSettings s;
  EXPECT_EQ(serialise(s),
            "remux max_height=0 transcode_unplayable=no crf=26 preset=medium video=h264 audio=aac "
            "audio_bit_rate=64000");
  s.max_height = 480;
  s.transcode_unplayable = true;
  s.crf = 30;
  s.preset = "faster";
  EXPECT_EQ(serialise(applied(s, true)),
            "transcode max_height=480 transcode_unplayable=yes crf=30 preset=faster video=h264 audio=aac "
            "audio_bit_rate=64000");
  EXPECT_EQ(applied(s, false).operation, MediaOperation::remux);
}

// Every field shapes the serialisation: none can change unseen.
TEST(MediaSettings, EachFieldChangesTheSerialisation) {
  const MediaSettings base;
  const std::string before = serialise(base);
  auto differs = [&](auto change) {
    MediaSettings s = base;
    change(s);
    return serialise(s) != before;
  };
  EXPECT_TRUE(differs([](MediaSettings& s) { s.operation = MediaOperation::transcode; }));
  EXPECT_TRUE(differs([](MediaSettings& s) { s.max_height = 360; }));
  EXPECT_TRUE(differs([](MediaSettings& s) { s.transcode_unplayable = true; }));
  EXPECT_TRUE(differs([](MediaSettings& s) { s.crf = 27; }));
  EXPECT_TRUE(differs([](MediaSettings& s) { s.preset = "slow"; }));
  EXPECT_TRUE(differs([](MediaSettings& s) { s.video_codec = "vp9"; }));
  EXPECT_TRUE(differs([](MediaSettings& s) { s.audio_codec = "opus"; }));
  EXPECT_TRUE(differs([](MediaSettings& s) { s.audio_bit_rate = 96000; }));
}

}  // namespace
}  // namespace packager::media
