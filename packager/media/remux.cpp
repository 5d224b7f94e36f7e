#include "packager/media/remux.hpp"

#include <vector>

#include <fmt/format.h>

#include "packager/core/interrupt.hpp"
#include "packager/media/av_handles.hpp"
#include "packager/media/boxes.hpp"
#include "packager/media/moov_reserve.hpp"
#include "packager/media/mp4_output.hpp"
#include "packager/media/probe_detail.hpp"
#include "packager/util/size.hpp"

namespace packager::media {
namespace fs = std::filesystem;

namespace {

// One remux of `input` into `output`. With `reserve` set, room for 'moov' is
// reserved from an estimate; `too_small` then tells the caller the estimate
// fell short and nothing usable was written.
Result<MediaInfo> remux_once(const fs::path& input, const fs::path& output, bool reserve, bool& too_small) {
  TRY_ASSIGN(auto in, open_input(input));
  MediaInfo info = describe(*in);
  TRY(check_codecs(info, false));
  if (is_mp4_family(*in)) TRY(check_top_level_boxes(input));
  TRY_ASSIGN(auto validator, PacketValidator::create(*in));
  TRY_ASSIGN(auto out, Mp4Output::create(output));

  // Map input stream index -> output stream index; -1 drops the stream
  // (data tracks, extra video angles, cover art).
  std::vector<int> mapping(in->nb_streams, -1);
  bool have_video = false;
  bool have_audio = false;
  for (unsigned i = 0; i < in->nb_streams; ++i) {
    const AVStream* stream = in->streams[i];
    const auto type = stream->codecpar->codec_type;
    if (stream->disposition & AV_DISPOSITION_ATTACHED_PIC) continue;
    if (type == AVMEDIA_TYPE_VIDEO ? have_video : type == AVMEDIA_TYPE_AUDIO ? have_audio : true)
      continue;
    (type == AVMEDIA_TYPE_VIDEO ? have_video : have_audio) = true;
    TRY_ASSIGN(AVStream * copy, out.add_stream());
    if (const int rc = avcodec_parameters_copy(copy->codecpar, stream->codecpar); rc < 0)
      return fail(ErrorCode::internal, fmt::format("cannot copy codec parameters: {}", av_error_text(rc)));
    // The input's codec tag belongs to its container; let the MP4 muxer
    // choose (avc1, mp4a).
    copy->codecpar->codec_tag = 0;
    copy->time_base = stream->time_base;
    mapping[i] = copy->index;
  }
  TRY(out.start(reserve ? estimate_moov_bytes(*in, mapping) : 0));
  // The earliest presentation time becomes 0 (a PeerTube file cut from a
  // live stream may start anywhere).
  const std::int64_t start = in->start_time != AV_NOPTS_VALUE ? in->start_time : 0;

  Packet packet(av_packet_alloc());
  std::int64_t copied = 0;
  while (true) {
    if (interrupted()) return fail(ErrorCode::interrupted, "interrupted");
    const int rc = av_read_frame(in.get(), packet.get());
    if (rc == AVERROR_EOF) break;
    if (rc < 0)
      return fail(ErrorCode::media,
                  fmt::format("the file is truncated or damaged ({})", av_error_text(rc)));
    TRY(validator.add(*packet));
    const int target = mapping[static_cast<size_t>(packet->stream_index)];
    if (target < 0) {
      av_packet_unref(packet.get());
      continue;
    }
    const AVRational time_base = in->streams[packet->stream_index]->time_base;
    const std::int64_t shift = av_rescale_q(start, AV_TIME_BASE_Q, time_base);
    if (packet->pts != AV_NOPTS_VALUE) packet->pts -= shift;
    if (packet->dts != AV_NOPTS_VALUE) packet->dts -= shift;
    av_packet_rescale_ts(packet.get(), in->streams[packet->stream_index]->time_base,
                         out.context()->streams[target]->time_base);
    packet->stream_index = target;
    ++copied;
    TRY(out.write(*packet));
  }
  TRY(validator.finish());
  if (auto committed = out.commit(); !committed) {
    too_small = out.reserve_too_small();
    return tl::unexpected(committed.error());
  }
  info.packet_count = copied;
  return info;
}

}  // namespace

Result<MediaInfo> remux_to_faststart(const fs::path& input, const fs::path& output,
                                     std::uintmax_t reserve_from_bytes) {
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(input, ec);
  bool too_small = false;
  auto info = remux_once(input, output, !ec && size >= reserve_from_bytes, too_small);
  // The estimate is a generous bound, so this is rare (a container whose
  // header understates its duration): a second pass with faststart, as
  // before reservations.
  if (!info && too_small) info = remux_once(input, output, false, too_small);
  // A write that failed (a full disk, a file size limit): say how much room
  // the video needs, which is about the size of its source.
  if (!info && info.error().code == ErrorCode::output && !ec)
    info.error().message += fmt::format(" (the video needs about {})", util::format_size_binary(size));
  return info;
}

}  // namespace packager::media
