// The 'moov' reservation: the remuxer writes 'moov' into room kept after the
// header (one write of every byte) instead of faststart's second pass, and a
// room too small is reported so the caller can fall back.
#include "packager/media/moov_reserve.hpp"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "packager/media/mp4_output.hpp"
#include "packager/media/probe_detail.hpp"
#include "packager/media/remux.hpp"
#include "packager/media/sample_tables.hpp"
#include "tests/support/test_support.hpp"
#include "tests/unit/media/read_back.hpp"

namespace packager::media {
namespace {
using packager::testing::Fixture;
using packager::testing::make_fixture;
using packager::testing::ScratchDir;
using test::index_of;
using test::top_level_boxes;

// Size of the first top-level box of `type`, 0 if absent.
std::uint64_t box_size(const std::filesystem::path& path, const std::string& type) {
  std::ifstream in(path, std::ios::binary);
  unsigned char header[8];
  while (in.read(reinterpret_cast<char*>(header), 8)) {
    const std::uint64_t size = (std::uint64_t{header[0]} << 24) | (header[1] << 16) | (header[2] << 8) | header[3];
    if (std::string(reinterpret_cast<char*>(header) + 4, 4) == type) return size;
    if (size < 8) return 0;
    in.seekg(static_cast<std::streamoff>(size - 8), std::ios::cur);
  }
  return 0;
}

// The estimate for every stream of `input`, as the remuxer computes it.
std::int64_t estimate_for(const std::filesystem::path& input) {
  auto in = open_input(input);
  if (!in) return -1;
  auto tables = read_sample_tables(input);
  if (!tables) return -1;
  std::vector<KeptTrack> tracks;
  for (unsigned i = 0; i < (*in)->nb_streams; ++i) {
    auto it = tables->find(static_cast<std::uint32_t>((*in)->streams[i]->id));
    if (it == tables->end()) return -1;
    tracks.push_back(KeptTrack{(*in)->streams[i], &it->second});
  }
  return estimate_moov_bytes(tracks, std::filesystem::file_size(input));
}

TEST(MoovReserve, RemuxFillsReservedRoomAndLeavesTheRestFree) {
  ScratchDir dir;
  for (const auto fixture : {Fixture::fragmented_h264_aac, Fixture::progressive_h264_aac, Fixture::video_only,
                             Fixture::hls_single_file, Fixture::edit_list}) {
    const auto input = make_fixture(fixture, dir.path(), 2.0);
    const auto output = dir / "out.mp4";
    auto info = remux_to_faststart(input, output, 0);  // reserve even for a small input
    ASSERT_TRUE(info) << info.error().message;
    EXPECT_EQ(info->packet_count, test::read_back(output).total_packets);
    // ftyp, moov, free (the unused room), [free], mdat: written in place.
    const auto boxes = top_level_boxes(output);
    ASSERT_GE(boxes.size(), 4u);
    EXPECT_EQ(boxes[1], "moov");
    EXPECT_EQ(boxes[2], "free");
    EXPECT_GT(box_size(output, "free"), 8u);
    EXPECT_LT(index_of(boxes, "moov"), index_of(boxes, "mdat"));
    // From the real sample tables the estimate bounds the real 'moov' and
    // overshoots it by the fixed part's margin only (a few KB).
    const std::int64_t estimate = estimate_for(input);
    const auto moov = static_cast<std::int64_t>(box_size(output, "moov"));
    EXPECT_GE(estimate, moov) << static_cast<int>(fixture);
    EXPECT_LT(estimate - moov, 8 * 1024) << static_cast<int>(fixture);
    EXPECT_EQ(static_cast<std::int64_t>(box_size(output, "free")), estimate - moov);
  }
}

TEST(MoovReserve, SampleTablesHoldTheRealCounts) {
  ScratchDir dir;
  for (const auto fixture : {Fixture::fragmented_h264_aac, Fixture::progressive_h264_aac, Fixture::hls_single_file}) {
    const auto input = make_fixture(fixture, dir.path(), 2.0);
    auto tables = read_sample_tables(input);
    ASSERT_TRUE(tables) << static_cast<int>(fixture);
    ASSERT_EQ(tables->size(), 2u);
    const auto back = test::read_back(input);
    auto in = open_input(input);
    ASSERT_TRUE(in);
    for (unsigned i = 0; i < (*in)->nb_streams; ++i) {
      const TrackSamples& t = tables->at(static_cast<std::uint32_t>((*in)->streams[i]->id));
      EXPECT_EQ(static_cast<std::int64_t>(t.count()), back.packets[i]);
      EXPECT_EQ(t.sizes.size(), t.count());
    }
    // 2 s at 25 fps with a keyframe a second: 50 samples, 2 keyframes, one
    // duration; B-frames give composition offsets.
    const TrackSamples& video = tables->at(static_cast<std::uint32_t>((*in)->streams[0]->id));
    EXPECT_EQ(video.count(), 50u);
    EXPECT_EQ(video.sync_samples, 2);
    EXPECT_EQ(video.duration_runs, 1);
    EXPECT_GT(video.offset_runs, 1);
  }
}

TEST(MoovReserve, DamagedOrForeignFilesGiveNoTables) {
  ScratchDir dir;
  EXPECT_FALSE(read_sample_tables(make_fixture(Fixture::html, dir.path())));
  EXPECT_FALSE(read_sample_tables(make_fixture(Fixture::truncated, dir.path(), 2.0)));
  EXPECT_FALSE(read_sample_tables(make_fixture(Fixture::truncated_matroska, dir.path(), 1.0)));
  EXPECT_FALSE(read_sample_tables(dir / "missing.mp4"));
}

// The worst shape of the issue: a tiny, high-frame-rate screencast, where
// the sample tables are a large share of the file. A bound from the
// duration reserved 30% of such a file; from the real counts the spare room
// stays within max(1%, 256 KiB), and the moov needs no second pass.
TEST(MoovReserve, TinyHighFrameRateScreencastWastesAtMostTheBound) {
  ScratchDir dir;
  const auto input = dir / "screencast.mp4";
  ASSERT_EQ(packager::testing::run("ffmpeg -hide_banner -loglevel error -nostdin -y "
                                   "-f lavfi -i testsrc2=size=64x64:rate=60:duration=40 "
                                   "-f lavfi -i sine=frequency=440:sample_rate=48000:duration=40 "
                                   "-c:v libx264 -preset ultrafast -bf 2 -g 120 -pix_fmt yuv420p -c:a aac -b:a 32k "
                                   "-movflags +frag_keyframe+empty_moov+default_base_moof " +
                                   input.string()),
            0);
  const auto output = dir / "out.mp4";
  auto info = remux_to_faststart(input, output, 0);
  ASSERT_TRUE(info) << info.error().message;
  const auto boxes = top_level_boxes(output);
  ASSERT_GE(boxes.size(), 3u);
  EXPECT_EQ(boxes[1], "moov");
  const std::uint64_t file = std::filesystem::file_size(output);
  const std::uint64_t moov = box_size(output, "moov");
  const std::uint64_t spare = boxes[2] == "free" ? box_size(output, "free") : 0;
  EXPECT_LE(static_cast<std::int64_t>(spare), max_spare_bytes(file));
  EXPECT_LT(spare, 16u * 1024) << "moov " << moov << " in " << file;
  EXPECT_GT(moov, file / 20) << "the fixture should have heavy sample tables";
}

TEST(MoovReserve, SpareBoundIsOnePercentOrAQuarterMebibyte) {
  EXPECT_EQ(max_spare_bytes(1000), 256 * 1024);
  EXPECT_EQ(max_spare_bytes(100ull * 1024 * 1024), 1048576);
  EXPECT_EQ(max_spare_bytes(2000000000ull), 20000000);
}

TEST(MoovReserve, RoomTooSmallIsReportedAndLeavesNoFile) {
  ScratchDir dir;
  const auto input = make_fixture(Fixture::fragmented_h264_aac, dir.path(), 2.0);
  auto in = open_input(input);
  ASSERT_TRUE(in);
  const auto output = dir / "small.mp4";
  {
    auto out = Mp4Output::create(output);
    ASSERT_TRUE(out);
    auto stream = out->add_stream();
    ASSERT_TRUE(stream);
    const AVStream* source = (*in)->streams[0];
    ASSERT_GE(avcodec_parameters_copy((*stream)->codecpar, source->codecpar), 0);
    (*stream)->codecpar->codec_tag = 0;
    (*stream)->time_base = source->time_base;
    ASSERT_TRUE(out->start(64));  // far below any 'moov'
    Packet packet(av_packet_alloc());
    while (av_read_frame(in->get(), packet.get()) >= 0) {
      if (packet->stream_index != 0) {
        av_packet_unref(packet.get());
        continue;
      }
      packet->stream_index = 0;
      ASSERT_TRUE(out->write(*packet));
    }
    auto committed = out->commit();
    ASSERT_FALSE(committed);
    EXPECT_TRUE(out->reserve_too_small());
  }
  EXPECT_FALSE(std::filesystem::exists(output));
  for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
    EXPECT_EQ(entry.path().string().find("small"), std::string::npos) << entry.path();
}

}  // namespace
}  // namespace packager::media
