#pragma once
// Reads a media file back with libavformat, independently of the code under
// test, and returns what the output checks compare: stream count, packets
// per stream, duration, and the first timestamps.

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

extern "C" {
#include <libavformat/avformat.h>
}

namespace packager::media::test {

struct ReadBack {
  bool opened = false;
  int streams = 0;
  std::vector<std::int64_t> packets;  // per stream
  std::int64_t total_packets = 0;
  double duration = 0;                // container, seconds
  double start = 0;                   // container start time, seconds
  double min_dts = 1e9;               // seconds, over every packet
  double min_pts = 1e9;
  double frame_seconds = 0.04;        // one video frame
};

inline ReadBack read_back(const std::filesystem::path& path) {
  ReadBack r;
  AVFormatContext* ctx = nullptr;
  if (avformat_open_input(&ctx, path.c_str(), nullptr, nullptr) < 0) return r;
  if (avformat_find_stream_info(ctx, nullptr) < 0) {
    avformat_close_input(&ctx);
    return r;
  }
  r.opened = true;
  r.streams = static_cast<int>(ctx->nb_streams);
  r.packets.assign(ctx->nb_streams, 0);
  r.duration = ctx->duration > 0 ? static_cast<double>(ctx->duration) / AV_TIME_BASE : 0;
  r.start = ctx->start_time != AV_NOPTS_VALUE ? static_cast<double>(ctx->start_time) / AV_TIME_BASE : 0;
  for (unsigned i = 0; i < ctx->nb_streams; ++i)
    if (ctx->streams[i]->codecpar->codec_type == AVMEDIA_TYPE_VIDEO && ctx->streams[i]->avg_frame_rate.num > 0)
      r.frame_seconds = 1 / av_q2d(ctx->streams[i]->avg_frame_rate);
  AVPacket* packet = av_packet_alloc();
  while (av_read_frame(ctx, packet) >= 0) {
    const double tb = av_q2d(ctx->streams[packet->stream_index]->time_base);
    ++r.packets[static_cast<size_t>(packet->stream_index)];
    ++r.total_packets;
    if (packet->dts != AV_NOPTS_VALUE) r.min_dts = std::min(r.min_dts, static_cast<double>(packet->dts) * tb);
    if (packet->pts != AV_NOPTS_VALUE) r.min_pts = std::min(r.min_pts, static_cast<double>(packet->pts) * tb);
    av_packet_unref(packet);
  }
  av_packet_free(&packet);
  avformat_close_input(&ctx);
  return r;
}

// Top-level ISO-BMFF box types in file order.
inline std::vector<std::string> top_level_boxes(const std::filesystem::path& path) {
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

inline size_t index_of(const std::vector<std::string>& boxes, const std::string& type) {
  for (size_t i = 0; i < boxes.size(); ++i)
    if (boxes[i] == type) return i;
  return boxes.size();
}

}  // namespace packager::media::test
