#include "packager/media/moov_reserve.hpp"

#include <algorithm>
#include <cmath>

namespace packager::media {
namespace {

// Bytes of sample table a muxed sample can cost at most. Video: stsz 4,
// stts 8 and ctts 8 when durations and offsets vary, stss 4, stco 4 and
// stsc 12 when every sample is its own chunk (interleaving with audio makes
// chunks of one or two samples). Audio has no ctts nor stss. Measured
// ffmpeg output uses about 8 bytes a packet; the bound is 3-4 times that,
// and the spare room becomes a 'free' box (about 0.2% of a 1080p file, a
// few KB for a short small one).
constexpr double k_video_sample_bytes = 40;
constexpr double k_audio_sample_bytes = 28;
// The fixed part, about 1.5 KB in ffmpeg's output for two tracks: mvhd,
// trak/tkhd/mdia/hdlr/minf/stsd, edit lists, udta; plus the codecs'
// extradata (added per stream).
constexpr std::int64_t k_fixed_bytes = 4 * 1024;
// Samples beyond the duration's count: a last partial second, rounding.
constexpr double k_extra_samples = 16;
// Past this the estimate is not worth trusting (and the waste would show):
// about 20 hours of 1080p25 with audio.
constexpr std::int64_t k_max_reserve = 64LL * 1024 * 1024;
// Duration and rates come from the container's headers: leave room for them
// being somewhat off (a fragmented file's duration is read from its index).
constexpr double k_margin = 1.10;

double seconds(const AVFormatContext& input, const AVStream& stream) {
  if (stream.duration > 0) return static_cast<double>(stream.duration) * av_q2d(stream.time_base);
  if (input.duration > 0) return static_cast<double>(input.duration) / AV_TIME_BASE;
  return 0;
}

}  // namespace

std::int64_t estimate_moov_bytes(const AVFormatContext& input, const std::vector<int>& mapping) {
  double total = k_fixed_bytes;
  for (unsigned i = 0; i < input.nb_streams && i < mapping.size(); ++i) {
    if (mapping[i] < 0) continue;
    const AVStream& stream = *input.streams[i];
    const AVCodecParameters& par = *stream.codecpar;
    const double duration = std::max(seconds(input, stream), seconds(input, *input.streams[0]));
    if (!(duration > 0)) return 0;
    double per_second = 0;
    double sample_bytes = k_audio_sample_bytes;
    if (par.codec_type == AVMEDIA_TYPE_VIDEO) {
      AVRational rate = stream.avg_frame_rate.num > 0 ? stream.avg_frame_rate : stream.r_frame_rate;
      // Variable frame rate files can report an average below their peak.
      per_second = av_q2d(rate) > 0 ? std::max(av_q2d(rate), av_q2d(stream.r_frame_rate)) : 0;
      sample_bytes = k_video_sample_bytes;
    } else if (par.codec_type == AVMEDIA_TYPE_AUDIO) {
      // AAC frames hold 1024 samples; a smaller declared size only raises the count.
      const int frame = par.frame_size > 0 ? std::min(par.frame_size, 1024) : 1024;
      per_second = par.sample_rate > 0 ? static_cast<double>(par.sample_rate) / frame : 0;
    }
    if (!(per_second > 0)) return 0;
    total += (std::ceil(duration * per_second * k_margin) + k_extra_samples) * sample_bytes + par.extradata_size;
  }
  const auto bytes = static_cast<std::int64_t>(total);
  return bytes <= k_max_reserve ? bytes : 0;
}

}  // namespace packager::media
