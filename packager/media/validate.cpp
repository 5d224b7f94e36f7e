#include "packager/media/validate.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "packager/media/decoder.hpp"

namespace packager::media {

Result<void> check_codecs(const MediaInfo& info, bool will_transcode) {
  if (!info.has_video) return fail(ErrorCode::media, "the file has no video stream");
  if (will_transcode) return {};
  if (!browser_safe_video(info.video_codec))
    return fail(ErrorCode::media,
                fmt::format("the video codec is {}, which browsers cannot play in MP4; expected H.264 "
                            "(--transcode re-encodes it)",
                            info.video_codec));
  if (info.has_audio && !browser_safe_audio(info.audio_codec))
    return fail(ErrorCode::media,
                fmt::format("the audio codec is {}, which browsers cannot play in MP4; expected AAC "
                            "(--transcode re-encodes it)",
                            info.audio_codec));
  return {};
}

namespace {
const char* kind_of(const AVStream& stream) {
  switch (stream.codecpar->codec_type) {
    case AVMEDIA_TYPE_VIDEO: return "video";
    case AVMEDIA_TYPE_AUDIO: return "audio";
    default: return "data";
  }
}
}  // namespace

Result<PacketValidator> PacketValidator::create(const AVFormatContext& ctx) {
  PacketValidator v(ctx);
  v.m_tallies.resize(ctx.nb_streams);
  for (unsigned i = 0; i < ctx.nb_streams; ++i) {
    // MP4 lists every sample in its index once the header (and, for
    // fragmented files, every fragment header) is read: packets missing at
    // the end betray a cut file even when the cut falls between packets.
    v.m_tallies[i].indexed = avformat_index_get_entries_count(ctx.streams[i]);
  }
  v.m_video = find_video_stream(ctx);
  if (v.m_video < 0) return v;
  // One thread: a frame-threaded decoder would hold the frame back. Strict:
  // a damaged keyframe must fail here, not be concealed into grey blocks.
  TRY_ASSIGN(v.m_decoder, open_decoder(*ctx.streams[v.m_video], 1, true));
  return v;
}

Result<void> PacketValidator::add(const AVPacket& packet) {
  const AVStream& stream = *m_ctx->streams[packet.stream_index];
  Tally& t = m_tallies[static_cast<size_t>(packet.stream_index)];
  ++t.packets;
  if ((packet.flags & AV_PKT_FLAG_CORRUPT) != 0)
    return fail(ErrorCode::media,
                fmt::format("the file is truncated or its last fragment is incomplete: {} packet {} is cut short",
                            kind_of(stream), t.packets));
  const std::int64_t start = packet.pts != AV_NOPTS_VALUE ? packet.pts : packet.dts;
  if (start != AV_NOPTS_VALUE) {
    t.first = t.first == AV_NOPTS_VALUE ? start : std::min(t.first, start);
    const std::int64_t end = start + packet.duration;
    t.end = t.end == AV_NOPTS_VALUE ? end : std::max(t.end, end);
  }
  if (packet.stream_index == m_video && !m_keyframe_checked && (packet.flags & AV_PKT_FLAG_KEY) != 0)
    TRY(decode_keyframe(packet));
  return {};
}

Result<void> PacketValidator::decode_keyframe(const AVPacket& packet) {
  m_keyframe_checked = true;
  // Send the keyframe alone and drain: a keyframe decodes by itself.
  int rc = avcodec_send_packet(m_decoder.get(), &packet);
  if (rc >= 0) rc = avcodec_send_packet(m_decoder.get(), nullptr);
  Frame frame(av_frame_alloc());
  if (rc >= 0) rc = avcodec_receive_frame(m_decoder.get(), frame.get());
  if (rc < 0)
    return fail(ErrorCode::media,
                fmt::format("the first video keyframe does not decode ({})", av_error_text(rc)));
  m_decoder.reset();  // one check is enough; free the decoder's buffers now
  return {};
}

Result<std::int64_t> PacketValidator::finish() const {
  std::int64_t total = 0;
  // The span the streams cover together, in seconds: an edit list may start
  // the video after the audio, and the container counts from the earliest.
  double first = 0;
  double last = 0;
  bool any = false;
  for (size_t i = 0; i < m_tallies.size(); ++i) {
    const Tally& t = m_tallies[i];
    const AVStream& stream = *m_ctx->streams[i];
    total += t.packets;
    if (t.packets < t.indexed)
      return fail(ErrorCode::media,
                  fmt::format("the file is truncated or its last fragment is incomplete: {} of {} {} packets "
                              "could be read",
                              t.packets, t.indexed, kind_of(stream)));
    if (t.first == AV_NOPTS_VALUE || t.end <= t.first) continue;
    const double tb = av_q2d(stream.time_base);
    const double a = static_cast<double>(t.first) * tb;
    const double b = static_cast<double>(t.end) * tb;
    first = any ? std::min(first, a) : a;
    last = any ? std::max(last, b) : b;
    any = true;
  }
  const double streams_seconds = any ? last - first : 0;
  if (total == 0 || streams_seconds <= 0)
    return fail(ErrorCode::media, "the video has zero duration (no audio or video data)");
  if (m_video >= 0 && !m_keyframe_checked) return fail(ErrorCode::media, "the video has no keyframe");
  if (m_ctx->duration != AV_NOPTS_VALUE && m_ctx->duration > 0) {
    const double container = static_cast<double>(m_ctx->duration) / AV_TIME_BASE;
    // Audio priming and rounding make the two differ by a frame or so; a
    // quarter of a second (or 2% of a long video) apart means one is wrong,
    // typically a download cut short in a container whose header states the
    // full duration.
    if (std::fabs(container - streams_seconds) > std::max(0.25, 0.02 * container))
      return fail(ErrorCode::media,
                  fmt::format("the container says the video lasts {:.1f} s but its streams hold {:.1f} s "
                              "(a truncated download?)",
                              container, streams_seconds));
  }
  return total;
}

}  // namespace packager::media
