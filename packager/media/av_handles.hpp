#pragma once
// Move-only owners for libav* handles. The output context's deleter only
// releases resources: av_write_trailer is an explicit commit step performed
// by the caller, never by a destructor, so a failed remux cannot finalise a
// half-written file.

#include <memory>
#include <string>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

namespace packager::media {

struct InputContextDeleter {
  void operator()(AVFormatContext* ctx) const { avformat_close_input(&ctx); }
};
using InputContext = std::unique_ptr<AVFormatContext, InputContextDeleter>;

struct OutputContextDeleter {
  void operator()(AVFormatContext* ctx) const;
};
using OutputContext = std::unique_ptr<AVFormatContext, OutputContextDeleter>;

struct PacketDeleter {
  void operator()(AVPacket* packet) const { av_packet_free(&packet); }
};
using Packet = std::unique_ptr<AVPacket, PacketDeleter>;

struct CodecContextDeleter {
  void operator()(AVCodecContext* ctx) const { avcodec_free_context(&ctx); }
};
using CodecContext = std::unique_ptr<AVCodecContext, CodecContextDeleter>;

struct FrameDeleter {
  void operator()(AVFrame* frame) const { av_frame_free(&frame); }
};
using Frame = std::unique_ptr<AVFrame, FrameDeleter>;

struct DictionaryDeleter {
  void operator()(AVDictionary* dict) const { av_dict_free(&dict); }
};

struct ScaleContextDeleter {
  void operator()(SwsContext* ctx) const { sws_freeContext(ctx); }
};
using ScaleContext = std::unique_ptr<SwsContext, ScaleContextDeleter>;

struct ResampleContextDeleter {
  void operator()(SwrContext* ctx) const { swr_free(&ctx); }
};
using ResampleContext = std::unique_ptr<SwrContext, ResampleContextDeleter>;

// av_strerror as a std::string.
std::string av_error_text(int error);

}  // namespace packager::media
