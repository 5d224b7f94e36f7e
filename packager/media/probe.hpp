#pragma once
// What a media file holds: container, streams and codecs.

#include <cstdint>
#include <filesystem>
#include <string>

#include "packager/core/error.hpp"

namespace packager::media {

struct MediaInfo {
  std::string container;  // "mov,mp4,m4a,3gp,3g2,mj2"
  double duration_seconds = 0;
  std::int64_t bit_rate = 0;  // whole file, bits per second; 0 when unknown
  bool has_video = false;
  std::string video_codec;  // "h264"
  std::string video_profile;
  int width = 0;
  int height = 0;
  double frame_rate = 0;
  std::int64_t video_bit_rate = 0;  // 0 when the container does not say
  bool has_audio = false;
  std::string audio_codec;  // "aac"
  int audio_channels = 0;
  int audio_sample_rate = 0;
  std::int64_t audio_bit_rate = 0;
  std::int64_t packet_count = 0;  // filled by remux / transcode, which read every packet
};

// Opens `path` with libavformat and describes it. ErrorCode::media when the
// file is not media libavformat can read.
Result<MediaInfo> probe(const std::filesystem::path& path);

}  // namespace packager::media
