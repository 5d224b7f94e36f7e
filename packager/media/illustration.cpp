#include "packager/media/illustration.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "packager/media/av_handles.hpp"
#include "packager/media/decoder.hpp"
#include "packager/media/probe_detail.hpp"

extern "C" {
#include <libavutil/pixdesc.h>
}

namespace packager::media {
namespace {

// The first frame of the first video (or picture) stream.
Result<Frame> first_frame(AVFormatContext& in, int index, AVCodecContext& decoder) {
  Packet packet(av_packet_alloc());
  Frame frame(av_frame_alloc());
  bool draining = false;
  while (true) {
    if (!draining) {
      if (av_read_frame(&in, packet.get()) < 0) {
        draining = true;
        avcodec_send_packet(&decoder, nullptr);
      } else {
        if (packet->stream_index == index) avcodec_send_packet(&decoder, packet.get());
        av_packet_unref(packet.get());
      }
    }
    const int rc = avcodec_receive_frame(&decoder, frame.get());
    if (rc == 0) return frame;
    if (rc != AVERROR(EAGAIN)) return fail(ErrorCode::media, "no picture could be decoded for the illustration");
  }
}

// Scales the centre square of `source` to size x size RGB and encodes it
// as PNG.
Result<std::string> encode_png(const AVFrame& source, int size) {
  const AVCodec* codec = avcodec_find_encoder(AV_CODEC_ID_PNG);
  if (codec == nullptr) return fail(ErrorCode::internal, "libavcodec has no PNG encoder");
  CodecContext encoder(avcodec_alloc_context3(codec));
  encoder->width = size;
  encoder->height = size;
  encoder->pix_fmt = AV_PIX_FMT_RGB24;
  encoder->time_base = AVRational{1, 25};
  if (const int rc = avcodec_open2(encoder.get(), codec, nullptr); rc < 0)
    return fail(ErrorCode::internal, fmt::format("cannot open the PNG encoder ({})", av_error_text(rc)));

  // Crop by pointing the scaler at the centre square of the planes: the
  // source pixel format may be planar with subsampled chroma, so offsets
  // stay on even luma positions.
  const int side = std::min(source.width, source.height) & ~1;
  const int x0 = ((source.width - side) / 2) & ~1;
  const int y0 = ((source.height - side) / 2) & ~1;
  const auto format = static_cast<AVPixelFormat>(source.format);
  const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(format);
  if (desc == nullptr || side <= 0) return fail(ErrorCode::media, "the picture has no size");
  const std::uint8_t* planes[4] = {};
  int linesizes[4] = {};
  for (int p = 0; p < 4 && source.data[p] != nullptr; ++p) {
    const bool chroma = (p == 1 || p == 2) && !(desc->flags & AV_PIX_FMT_FLAG_RGB);
    const int x = chroma ? x0 >> desc->log2_chroma_w : x0;
    const int y = chroma ? y0 >> desc->log2_chroma_h : y0;
    int step = 1;  // bytes from one pixel to the next in this plane
    for (int c = 0; c < desc->nb_components; ++c)
      if (desc->comp[c].plane == p) step = desc->comp[c].step;
    planes[p] = source.data[p] + static_cast<std::ptrdiff_t>(y) * source.linesize[p] + x * step;
    linesizes[p] = source.linesize[p];
  }
  ScaleContext scaler(sws_getContext(side, side, format, size, size, AV_PIX_FMT_RGB24, SWS_AREA, nullptr, nullptr,
                                     nullptr));
  if (!scaler) return fail(ErrorCode::media, "cannot convert the picture for the illustration");
  Frame scaled(av_frame_alloc());
  scaled->width = size;
  scaled->height = size;
  scaled->format = AV_PIX_FMT_RGB24;
  if (av_frame_get_buffer(scaled.get(), 0) < 0) return fail(ErrorCode::internal, "out of memory");
  sws_scale(scaler.get(), planes, linesizes, 0, side, scaled->data, scaled->linesize);
  scaled->pts = 0;

  int rc = avcodec_send_frame(encoder.get(), scaled.get());
  if (rc >= 0) rc = avcodec_send_frame(encoder.get(), nullptr);
  Packet packet(av_packet_alloc());
  if (rc >= 0) rc = avcodec_receive_packet(encoder.get(), packet.get());
  if (rc < 0) return fail(ErrorCode::internal, fmt::format("cannot encode the illustration ({})", av_error_text(rc)));
  return std::string(reinterpret_cast<const char*>(packet->data), static_cast<size_t>(packet->size));
}

}  // namespace

Result<std::string> make_illustration(const std::filesystem::path& image, int size) {
  TRY_ASSIGN(auto in, open_input(image));
  const int index = find_video_stream(*in);
  if (index < 0) return fail(ErrorCode::media, fmt::format("{}: not a picture", image.string()));
  TRY_ASSIGN(auto decoder, open_decoder(*in->streams[index], 1));
  TRY_ASSIGN(auto frame, first_frame(*in, index, *decoder));
  return encode_png(*frame, size);
}

Result<std::string> plain_illustration(unsigned rgb, int size) {
  Frame frame(av_frame_alloc());
  frame->width = size;
  frame->height = size;
  frame->format = AV_PIX_FMT_RGB24;
  if (av_frame_get_buffer(frame.get(), 0) < 0) return fail(ErrorCode::internal, "out of memory");
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x) {
      std::uint8_t* px = frame->data[0] + static_cast<std::ptrdiff_t>(y) * frame->linesize[0] + 3 * x;
      px[0] = static_cast<std::uint8_t>(rgb >> 16);
      px[1] = static_cast<std::uint8_t>(rgb >> 8);
      px[2] = static_cast<std::uint8_t>(rgb);
    }
  return encode_png(*frame, size);
}

}  // namespace packager::media
