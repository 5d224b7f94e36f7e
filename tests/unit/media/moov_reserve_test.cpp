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

TEST(MoovReserve, RemuxFillsReservedRoomAndLeavesTheRestFree) {
  ScratchDir dir;
  for (const auto fixture : {Fixture::fragmented_h264_aac, Fixture::progressive_h264_aac, Fixture::video_only}) {
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
    // The estimate bounds the real 'moov' without wasting more than its
    // fixed part plus a few times the tables.
    auto in = open_input(input);
    ASSERT_TRUE(in);
    std::vector<int> mapping;
    for (unsigned i = 0; i < (*in)->nb_streams; ++i) mapping.push_back(static_cast<int>(i));
    const std::int64_t estimate = estimate_moov_bytes(**in, mapping);
    const auto moov = static_cast<std::int64_t>(box_size(output, "moov"));
    EXPECT_GT(estimate, moov);
    EXPECT_LT(estimate, 32 * 1024 + 8 * moov);
  }
}

TEST(MoovReserve, SmallInputUsesFaststartWithoutSpareRoom) {
  ScratchDir dir;
  const auto input = make_fixture(Fixture::fragmented_h264_aac, dir.path(), 2.0);
  const auto output = dir / "out.mp4";
  ASSERT_TRUE(remux_to_faststart(input, output));
  const auto boxes = top_level_boxes(output);
  // libavformat's own 8-byte 'free' (room for a 64-bit mdat size), no spare room.
  EXPECT_EQ(box_size(output, "free"), 8u);
  EXPECT_LT(index_of(boxes, "moov"), index_of(boxes, "mdat"));
}

TEST(MoovReserve, UnknownRateGivesNoEstimate) {
  ScratchDir dir;
  const auto input = make_fixture(Fixture::fragmented_h264_aac, dir.path(), 1.0);
  auto in = open_input(input);
  ASSERT_TRUE(in);
  std::vector<int> mapping((*in)->nb_streams, 0);
  for (unsigned i = 0; i < (*in)->nb_streams; ++i) {
    (*in)->streams[i]->duration = 0;
    (*in)->streams[i]->codecpar->sample_rate = 0;
    (*in)->streams[i]->avg_frame_rate = AVRational{0, 1};
    (*in)->streams[i]->r_frame_rate = AVRational{0, 1};
  }
  EXPECT_EQ(estimate_moov_bytes(**in, mapping), 0);
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
