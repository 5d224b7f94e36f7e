#include "packager/media/decoder.hpp"

#include <fmt/format.h>

namespace packager::media {

Result<CodecContext> open_decoder(const AVStream& stream, int threads, bool strict) {
  const AVCodecParameters* par = stream.codecpar;
  const char* kind = par->codec_type == AVMEDIA_TYPE_VIDEO ? "video" : "audio";
  const AVCodec* codec = avcodec_find_decoder(par->codec_id);
  if (codec == nullptr)
    return fail(ErrorCode::media, fmt::format("no decoder for the {} {}", avcodec_get_name(par->codec_id), kind));
  CodecContext ctx(avcodec_alloc_context3(codec));
  if (!ctx || avcodec_parameters_to_context(ctx.get(), par) < 0)
    return fail(ErrorCode::internal, fmt::format("cannot set up the {} decoder", kind));
  ctx->thread_count = threads;
  ctx->pkt_timebase = stream.time_base;
  if (strict) ctx->err_recognition = AV_EF_EXPLODE | AV_EF_BITSTREAM | AV_EF_BUFFER;
  if (const int rc = avcodec_open2(ctx.get(), codec, nullptr); rc < 0)
    return fail(ErrorCode::media, fmt::format("cannot open the {} decoder ({})", codec->name, av_error_text(rc)));
  return ctx;
}

int find_video_stream(const AVFormatContext& ctx) {
  for (unsigned i = 0; i < ctx.nb_streams; ++i) {
    const AVStream& s = *ctx.streams[i];
    if (s.codecpar->codec_type == AVMEDIA_TYPE_VIDEO && (s.disposition & AV_DISPOSITION_ATTACHED_PIC) == 0)
      return static_cast<int>(i);
  }
  return -1;
}

int find_audio_stream(const AVFormatContext& ctx) {
  for (unsigned i = 0; i < ctx.nb_streams; ++i)
    if (ctx.streams[i]->codecpar->codec_type == AVMEDIA_TYPE_AUDIO) return static_cast<int>(i);
  return -1;
}

}  // namespace packager::media
