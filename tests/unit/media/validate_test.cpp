// The fixture matrix: every kind of bad input PeerTube (or a proxy, or a
// cut download) can hand us gets its own exact message, and no output.
#include <string>

#include <gtest/gtest.h>

#include "packager/media/remux.hpp"
#include "packager/media/transcode.hpp"
#include "tests/support/test_support.hpp"

namespace packager::media {
namespace {
using packager::testing::Fixture;
using packager::testing::make_fixture;
using packager::testing::ScratchDir;

struct Case {
  const char* name;
  Fixture fixture;
  const char* message;
};

class Matrix : public ::testing::TestWithParam<Case> {};

TEST_P(Matrix, RemuxRefusesWithItsMessageAndNoOutput) {
  ScratchDir dir;
  const auto input = make_fixture(GetParam().fixture, dir.path(), 1.0);
  auto info = remux_to_faststart(input, dir / "out.mp4");
  ASSERT_FALSE(info);
  EXPECT_EQ(info.error().code, ErrorCode::media);
  EXPECT_EQ(info.error().message, GetParam().message);
  EXPECT_FALSE(std::filesystem::exists(dir / "out.mp4"));
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, Matrix,
    ::testing::Values(
        Case{"html", Fixture::html, "not a readable video (Invalid data found when processing input)"},
        Case{"empty", Fixture::empty, "not a readable video (Invalid data found when processing input)"},
        Case{"truncated", Fixture::truncated,
             "the file is truncated or its last fragment is incomplete: the 'mdat' box at byte 2016 needs 77166 "
             "bytes but only 37630 remain"},
        Case{"truncated_at_fragment", Fixture::truncated_at_fragment,
             "the file is truncated or its last fragment is incomplete: the last box at byte 78597 needs 8 bytes "
             "but only 3 remain"},
        Case{"truncated_matroska", Fixture::truncated_matroska,
             "the container says the video lasts 1.0 s but its streams hold 0.5 s (a truncated download?)"},
        Case{"bad_keyframe", Fixture::bad_keyframe,
             "the first video keyframe does not decode (Invalid data found when processing input)"},
        Case{"zero_duration", Fixture::zero_duration, "the video has zero duration (no audio or video data)"},
        Case{"audio_only", Fixture::audio_only, "the file has no video stream"},
        Case{"hevc", Fixture::hevc,
             "the video codec is hevc, which browsers cannot play in MP4; expected H.264 (--transcode re-encodes it)"},
        Case{"mpeg2", Fixture::mpeg2,
             "the video codec is mpeg2video, which browsers cannot play in MP4; expected H.264 (--transcode "
             "re-encodes it)"},
        Case{"vp9", Fixture::vp9,
             "the video codec is vp9, which browsers cannot play in MP4; expected H.264 (--transcode re-encodes it)"},
        Case{"duration_mismatch", Fixture::duration_mismatch,
             "the container says the video lasts 60.0 s but its streams hold 1.0 s (a truncated download?)"}),
    [](const ::testing::TestParamInfo<Case>& p) { return std::string(p.param.name); });

// The same checks run while transcoding: a truncated file is not re-encoded
// into a short but "valid" one.
TEST(Validate, TranscodeRefusesTruncatedInput) {
  ScratchDir dir;
  const auto input = make_fixture(Fixture::truncated, dir.path(), 1.0);
  TranscodeOptions options;
  options.preset = "ultrafast";
  auto info = transcode(input, dir / "out.mp4", options);
  ASSERT_FALSE(info);
  EXPECT_EQ(info.error().message,
            "the file is truncated or its last fragment is incomplete: the 'mdat' box at byte 2016 needs 77166 "
            "bytes but only 37630 remain");
  EXPECT_FALSE(std::filesystem::exists(dir / "out.mp4"));
}

TEST(Validate, TranscodeStillNeedsAVideoStream) {
  ScratchDir dir;
  const auto input = make_fixture(Fixture::audio_only, dir.path(), 1.0);
  auto info = transcode(input, dir / "out.mp4", TranscodeOptions{});
  ASSERT_FALSE(info);
  EXPECT_EQ(info.error().message, "the file has no video stream");
}

}  // namespace
}  // namespace packager::media
