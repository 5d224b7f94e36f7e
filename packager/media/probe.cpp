#include "packager/media/probe.hpp"

#include <string_view>

#include <fmt/format.h>

#include "packager/media/av_handles.hpp"
#include "packager/media/probe_detail.hpp"

extern "C" {
#include <libavutil/avutil.h>
}

namespace packager::media {

Result<InputContext> open_input(const std::filesystem::path& path) {
  // libav's own log lines would interleave with ours; every failure is
  // reported through Result with context instead.
  static const bool quiet = [] {
    av_log_set_level(AV_LOG_QUIET);
    return true;
  }();
  (void)quiet;
  AVFormatContext* raw = nullptr;
  int rc = avformat_open_input(&raw, path.c_str(), nullptr, nullptr);
  if (rc < 0)
    return fail(ErrorCode::media, fmt::format("not a readable video ({})", av_error_text(rc)));
  InputContext ctx(raw);
  rc = avformat_find_stream_info(ctx.get(), nullptr);
  if (rc < 0)
    return fail(ErrorCode::media, fmt::format("cannot read the streams ({})", av_error_text(rc)));
  return ctx;
}

MediaInfo describe(const AVFormatContext& ctx) {
  MediaInfo info;
  info.container = ctx.iformat != nullptr ? ctx.iformat->name : "";
  if (ctx.duration != AV_NOPTS_VALUE && ctx.duration > 0)
    info.duration_seconds = static_cast<double>(ctx.duration) / AV_TIME_BASE;
  info.bit_rate = ctx.bit_rate;
  for (unsigned i = 0; i < ctx.nb_streams; ++i) {
    const AVStream& stream = *ctx.streams[i];
    const AVCodecParameters& par = *stream.codecpar;
    if (par.codec_type == AVMEDIA_TYPE_VIDEO && !info.has_video &&
        (stream.disposition & AV_DISPOSITION_ATTACHED_PIC) == 0) {
      info.has_video = true;
      info.video_codec = avcodec_get_name(par.codec_id);
      const char* profile = avcodec_profile_name(par.codec_id, par.profile);
      info.video_profile = profile != nullptr ? profile : "";
      info.width = par.width;
      info.height = par.height;
      if (stream.avg_frame_rate.den != 0) info.frame_rate = av_q2d(stream.avg_frame_rate);
      info.video_bit_rate = par.bit_rate;
    } else if (par.codec_type == AVMEDIA_TYPE_AUDIO && !info.has_audio) {
      info.has_audio = true;
      info.audio_codec = avcodec_get_name(par.codec_id);
      info.audio_channels = par.ch_layout.nb_channels;
      info.audio_sample_rate = par.sample_rate;
      info.audio_bit_rate = par.bit_rate;
    }
  }
  return info;
}

bool is_mp4_family(const AVFormatContext& ctx) {
  return ctx.iformat != nullptr && std::string_view(ctx.iformat->name).find("mp4") != std::string_view::npos;
}

Result<MediaInfo> probe(const std::filesystem::path& path) {
  TRY_ASSIGN(auto ctx, open_input(path));
  return describe(*ctx);
}

}  // namespace packager::media
