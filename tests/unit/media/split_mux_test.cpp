// The shapes PeerTube really serves: a video split into a video-only file
// and an audio-only file (muxed back together by stream copy), HLS
// single-file fragmented MP4 with 'sidx' boxes, and phone videos whose
// display matrix turns them upright.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

extern "C" {
#include <libavutil/display.h>
}

#include "packager/media/remux.hpp"
#include "packager/media/transcode.hpp"
#include "tests/support/test_support.hpp"
#include "tests/unit/media/read_back.hpp"

namespace packager::media {
namespace {
namespace fs = std::filesystem;
using packager::testing::Fixture;
using packager::testing::make_fixture;
using packager::testing::ScratchDir;
using test::index_of;
using test::read_back;
using test::top_level_boxes;

// Rotation of the first video stream as libavformat reads it back
// (counter-clockwise degrees, as ffprobe prints it); NaN without a matrix.
double rotation_of(const fs::path& path) {
  AVFormatContext* ctx = nullptr;
  if (avformat_open_input(&ctx, path.c_str(), nullptr, nullptr) < 0) return -1;
  double degrees = std::nan("");
  for (unsigned i = 0; i < ctx->nb_streams; ++i) {
    if (ctx->streams[i]->codecpar->codec_type != AVMEDIA_TYPE_VIDEO) continue;
    const uint8_t* m = av_stream_get_side_data(ctx->streams[i], AV_PKT_DATA_DISPLAYMATRIX, nullptr);
    if (m != nullptr) degrees = av_display_rotation_get(reinterpret_cast<const int32_t*>(m));
    break;
  }
  avformat_close_input(&ctx);
  return degrees;
}

void expect_progressive(const fs::path& output) {
  const auto boxes = top_level_boxes(output);
  EXPECT_LT(index_of(boxes, "moov"), index_of(boxes, "mdat"));
  EXPECT_EQ(index_of(boxes, "moof"), boxes.size()) << "output must not be fragmented";
  EXPECT_EQ(index_of(boxes, "sidx"), boxes.size());
}

TEST(SplitMux, VideoOnlyAndAudioOnlyFilesBecomeOneFaststartMp4) {
  ScratchDir dir;
  const auto video = make_fixture(Fixture::video_only, dir.path() / "v", 2.0);
  const auto audio = make_fixture(Fixture::audio_only_fragmented, dir.path() / "a", 2.0);
  const auto output = dir / "out.mp4";
  auto info = mux_split_to_faststart(video, audio, output, 0);
  ASSERT_TRUE(info) << info.error().message;
  expect_progressive(output);
  const auto v = read_back(video);
  const auto a = read_back(audio);
  const auto out = read_back(output);
  ASSERT_TRUE(out.opened);
  ASSERT_EQ(out.streams, 2);
  // Every packet of each half, once: a stream copy, no re-encode.
  EXPECT_EQ(out.packets[0], v.packets[0]);
  EXPECT_EQ(out.packets[1], a.packets[0]);
  EXPECT_EQ(out.total_packets, info->packet_count);
  EXPECT_NEAR(out.duration, 2.0, 0.1);
  EXPECT_NEAR(out.start, 0.0, 1e-3);
  EXPECT_TRUE(info->has_video);
  EXPECT_TRUE(info->has_audio);
  EXPECT_EQ(info->audio_codec, "aac");
  EXPECT_EQ(info->audio_sample_rate, 48000);
  EXPECT_EQ(info->width, 320);
}

TEST(SplitMux, HlsSingleFileHalvesAreMuxedToo) {
  ScratchDir dir;
  const auto video = make_fixture(Fixture::hls_video_only, dir.path(), 3.0);
  const auto audio = make_fixture(Fixture::hls_audio_only, dir.path(), 3.0);
  ASSERT_NE(index_of(top_level_boxes(video), "sidx"), top_level_boxes(video).size());
  const auto output = dir / "out.mp4";
  auto info = mux_split_to_faststart(video, audio, output, 0);
  ASSERT_TRUE(info) << info.error().message;
  expect_progressive(output);
  const auto out = read_back(output);
  ASSERT_EQ(out.streams, 2);
  EXPECT_EQ(out.packets[0], read_back(video).packets[0]);
  EXPECT_EQ(out.packets[1], read_back(audio).packets[0]);
  EXPECT_NEAR(out.duration, 3.0, 0.1);
}

TEST(SplitMux, HalvesOfDifferentLengthsAreRefused) {
  ScratchDir dir;
  const auto video = make_fixture(Fixture::video_only, dir.path() / "v", 2.0);
  const auto audio = make_fixture(Fixture::audio_only_fragmented, dir.path() / "a", 6.0);
  fs::create_directories(dir / "out");
  auto info = mux_split_to_faststart(video, audio, dir / "out" / "video.mp4", 0);
  ASSERT_FALSE(info);
  EXPECT_EQ(info.error().code, ErrorCode::media);
  EXPECT_EQ(info.error().message,
            "the video file lasts 2.0 s but the audio file 6.0 s: they are not two halves of one recording");
  EXPECT_TRUE(fs::is_empty(dir / "out"));
}

TEST(SplitMux, AnAudioFileWithoutAudioIsRefused) {
  ScratchDir dir;
  const auto video = make_fixture(Fixture::video_only, dir.path() / "v", 1.0);
  auto info = mux_split_to_faststart(video, video, dir / "out.mp4", 0);
  ASSERT_FALSE(info);
  EXPECT_EQ(info.error().message, "the audio file has no audio stream");
}

TEST(SplitMux, ATruncatedAudioHalfIsCaught) {
  ScratchDir dir;
  const auto video = make_fixture(Fixture::hls_video_only, dir.path(), 3.0);
  const auto audio = make_fixture(Fixture::hls_audio_only, dir.path(), 3.0);
  fs::resize_file(audio, fs::file_size(audio) * 6 / 10);
  auto info = mux_split_to_faststart(video, audio, dir / "out.mp4", 0);
  ASSERT_FALSE(info);
  EXPECT_EQ(info.error().code, ErrorCode::media);
  EXPECT_NE(info.error().message.find("truncated"), std::string::npos) << info.error().message;
}

TEST(HlsSingleFile, RemuxCopiesEveryPacketIntoAProgressiveMp4) {
  ScratchDir dir;
  const auto input = make_fixture(Fixture::hls_single_file, dir.path(), 3.0);
  const auto boxes = top_level_boxes(input);
  ASSERT_NE(index_of(boxes, "sidx"), boxes.size());
  ASSERT_NE(index_of(boxes, "moof"), boxes.size());
  for (const std::uintmax_t reserve_from : {std::uintmax_t{0}, k_reserve_from_bytes}) {
    const auto output = dir / "out.mp4";
    auto info = remux_to_faststart(input, output, reserve_from);
    ASSERT_TRUE(info) << info.error().message;
    expect_progressive(output);
    const auto in = read_back(input);
    const auto out = read_back(output);
    EXPECT_EQ(out.packets, in.packets);
    EXPECT_EQ(out.total_packets, info->packet_count);
    EXPECT_NEAR(out.duration, in.duration, in.frame_seconds);
    EXPECT_EQ(read_back(output).packets[0], 75);  // 3 s at 25 fps
  }
}

TEST(HlsSingleFile, CutShortIsRefused) {
  ScratchDir dir;
  const auto input = make_fixture(Fixture::hls_single_file, dir.path(), 3.0);
  fs::resize_file(input, fs::file_size(input) / 2);
  fs::create_directories(dir / "out");
  auto info = remux_to_faststart(input, dir / "out" / "video.mp4");
  ASSERT_FALSE(info);
  EXPECT_EQ(info.error().code, ErrorCode::media);
  EXPECT_NE(info.error().message.find("the file is truncated or its last fragment is incomplete"), std::string::npos)
      << info.error().message;
  EXPECT_TRUE(fs::is_empty(dir / "out"));
}

TEST(SideData, RemuxKeepsTheDisplayMatrix) {
  ScratchDir dir;
  const auto input = make_fixture(Fixture::rotated, dir.path(), 1.0);
  ASSERT_NEAR(rotation_of(input), 90.0, 1e-6) << "the fixture has no rotation";
  for (const std::uintmax_t reserve_from : {std::uintmax_t{0}, k_reserve_from_bytes}) {
    auto info = remux_to_faststart(input, dir / "out.mp4", reserve_from);
    ASSERT_TRUE(info) << info.error().message;
    EXPECT_NEAR(rotation_of(dir / "out.mp4"), 90.0, 1e-6);
  }
}

TEST(SideData, SplitMuxAndTranscodeKeepTheDisplayMatrix) {
  ScratchDir dir;
  const auto rotated = make_fixture(Fixture::rotated, dir.path(), 1.0);
  const auto audio = make_fixture(Fixture::audio_only_fragmented, dir.path() / "a", 1.0);
  auto split = mux_split_to_faststart(rotated, audio, dir / "split.mp4", 0);
  ASSERT_TRUE(split) << split.error().message;
  EXPECT_NEAR(rotation_of(dir / "split.mp4"), 90.0, 1e-6);
  TranscodeOptions options;
  options.max_height = 90;
  options.preset = "ultrafast";
  auto transcoded = transcode(rotated, dir / "small.mp4", options);
  ASSERT_TRUE(transcoded) << transcoded.error().message;
  EXPECT_NEAR(rotation_of(dir / "small.mp4"), 90.0, 1e-6);
}

}  // namespace
}  // namespace packager::media
