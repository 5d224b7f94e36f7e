#include "packager/media/stream_copy.hpp"

#include <cmath>
#include <cstring>

#include <fmt/format.h>

extern "C" {
#include <libavutil/display.h>
}

namespace packager::media {

Result<void> copy_stream_side_data(const AVStream& from, AVStream& to) {
  // libavformat 59 (FFmpeg 5.1, Debian 12) keeps stream side data on the
  // AVStream, and avcodec_parameters_copy does not carry it: without this a
  // rotated phone video comes out sideways.
  for (int i = 0; i < from.nb_side_data; ++i) {
    const AVPacketSideData& sd = from.side_data[i];
    uint8_t* copy = av_stream_new_side_data(&to, sd.type, sd.size);
    if (copy == nullptr) return fail(ErrorCode::internal, "cannot copy the stream side data");
    std::memcpy(copy, sd.data, sd.size);
  }
  return {};
}

Result<void> copy_display_matrix(const AVStream& from, AVStream& to) {
  size_t size = 0;
  const uint8_t* matrix = av_stream_get_side_data(&from, AV_PKT_DATA_DISPLAYMATRIX, &size);
  if (matrix == nullptr) return {};
  uint8_t* copy = av_stream_new_side_data(&to, AV_PKT_DATA_DISPLAYMATRIX, size);
  if (copy == nullptr) return fail(ErrorCode::internal, "cannot copy the display matrix");
  std::memcpy(copy, matrix, size);
  return {};
}

Result<void> copy_stream_setup(const AVStream& from, AVStream& to) {
  if (const int rc = avcodec_parameters_copy(to.codecpar, from.codecpar); rc < 0)
    return fail(ErrorCode::internal, fmt::format("cannot copy codec parameters: {}", av_error_text(rc)));
  // The input's codec tag belongs to its container; let the MP4 muxer
  // choose (avc1, mp4a).
  to.codecpar->codec_tag = 0;
  to.time_base = from.time_base;
  return copy_stream_side_data(from, to);
}

int display_rotation(const AVStream& stream) {
  const uint8_t* matrix = av_stream_get_side_data(&stream, AV_PKT_DATA_DISPLAYMATRIX, nullptr);
  if (matrix == nullptr) return 0;
  // av_display_rotation_get is counter-clockwise.
  const double degrees = -av_display_rotation_get(reinterpret_cast<const int32_t*>(matrix));
  if (std::isnan(degrees)) return 0;
  const int rounded = static_cast<int>(std::lround(degrees / 90.0)) * 90;
  return ((rounded % 360) + 360) % 360;
}

}  // namespace packager::media
