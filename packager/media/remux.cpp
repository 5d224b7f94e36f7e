#include "packager/media/remux.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "packager/core/interrupt.hpp"
#include "packager/media/av_handles.hpp"
#include "packager/media/boxes.hpp"
#include "packager/media/moov_reserve.hpp"
#include "packager/media/mp4_output.hpp"
#include "packager/media/probe_detail.hpp"
#include "packager/media/sample_tables.hpp"
#include "packager/media/stream_copy.hpp"
#include "packager/util/size.hpp"

namespace packager::media {
namespace fs = std::filesystem;

namespace {

// What one input gives the output: its first video stream, its first audio
// stream, or both.
struct InputPlan {
  fs::path path;
  bool take_video = true;
  bool take_audio = true;
};

// One open input during a remux.
struct OpenInput {
  InputContext ctx;
  MediaInfo info;
  std::optional<PacketValidator> validator;
  std::vector<int> mapping;  // input stream index -> output stream index; -1 dropped
  Packet pending;            // the next packet to write, when has_pending
  bool has_pending = false;
  bool done = false;
  double first_seconds = 0;  // the earliest presentation seen in kept streams
  double end_seconds = 0;    // the latest packet end seen in kept streams
  bool any = false;
};

// Reads the next packet of `in` into its pending slot, validating every
// packet read (also those of dropped streams). Sets `done` at the end.
Result<void> read_next(OpenInput& in) {
  while (true) {
    if (interrupted()) return fail(ErrorCode::interrupted, "interrupted");
    const int rc = av_read_frame(in.ctx.get(), in.pending.get());
    if (rc == AVERROR_EOF) {
      in.done = true;
      return {};
    }
    if (rc < 0)
      return fail(ErrorCode::media, fmt::format("the file is truncated or damaged ({})", av_error_text(rc)));
    TRY(in.validator->add(*in.pending));
    const AVPacket& p = *in.pending;
    if (in.mapping[static_cast<size_t>(p.stream_index)] < 0) {
      av_packet_unref(in.pending.get());
      continue;
    }
    const std::int64_t pts = p.pts != AV_NOPTS_VALUE ? p.pts : p.dts;
    if (pts != AV_NOPTS_VALUE) {
      const double tb = av_q2d(in.ctx->streams[p.stream_index]->time_base);
      const double first = static_cast<double>(pts) * tb;
      const double end = static_cast<double>(pts + p.duration) * tb;
      in.first_seconds = in.any ? std::min(in.first_seconds, first) : first;
      in.end_seconds = in.any ? std::max(in.end_seconds, end) : end;
      in.any = true;
    }
    in.has_pending = true;
    return {};
  }
}

// The decode time of the pending packet, for interleaving two inputs.
std::int64_t pending_dts(const OpenInput& in) {
  const AVPacket& p = *in.pending;
  const std::int64_t t = p.dts != AV_NOPTS_VALUE ? p.dts : p.pts;
  return t != AV_NOPTS_VALUE ? t : 0;
}

Result<OpenInput> open_planned(const InputPlan& plan) {
  OpenInput in;
  TRY_ASSIGN(in.ctx, open_input(plan.path));
  in.info = describe(*in.ctx);
  if (plan.take_video) {
    TRY(check_codecs(in.info, false));
  } else {
    // The audio-only half of a split video.
    if (!in.info.has_audio) return fail(ErrorCode::media, "the audio file has no audio stream");
    if (!browser_safe_audio(in.info.audio_codec))
      return fail(ErrorCode::media,
                  fmt::format("the audio codec is {}, which browsers cannot play in MP4; expected AAC",
                              in.info.audio_codec));
  }
  if (is_mp4_family(*in.ctx)) TRY(check_top_level_boxes(plan.path));
  TRY_ASSIGN(auto validator, PacketValidator::create(*in.ctx));
  in.validator.emplace(std::move(validator));
  in.pending.reset(av_packet_alloc());
  in.mapping.assign(in.ctx->nb_streams, -1);
  return in;
}

// Room for 'moov' from the inputs' real sample tables ('trun' boxes of
// every fragment, or 'stbl'), freed before any packet is copied; 0 (use
// faststart) when an input's tables cannot be read (not MP4, damaged).
std::int64_t moov_reservation(const std::vector<InputPlan>& plans, const std::vector<OpenInput>& inputs,
                              const std::vector<std::pair<size_t, const AVStream*>>& kept) {
  std::vector<std::optional<std::map<std::uint32_t, TrackSamples>>> tables(inputs.size());
  std::uint64_t bytes = 0;
  for (size_t k = 0; k < inputs.size(); ++k) {
    if (!is_mp4_family(*inputs[k].ctx)) return 0;
    tables[k] = read_sample_tables(plans[k].path);
    if (!tables[k]) return 0;
    std::error_code ec;
    bytes += std::filesystem::file_size(plans[k].path, ec);
  }
  std::vector<KeptTrack> tracks;
  for (const auto& [k, stream] : kept) {
    // libavformat's MP4 demuxer sets a stream's id to its track ID.
    auto it = tables[k]->find(static_cast<std::uint32_t>(stream->id));
    if (it == tables[k]->end()) return 0;
    tracks.push_back(KeptTrack{stream, &it->second});
  }
  return estimate_moov_bytes(tracks, bytes);
}

// One remux of `plans` into `output`. With `reserve` set, room for 'moov' is
// reserved from an estimate; `too_small` then tells the caller the estimate
// fell short and nothing usable was written.
Result<MediaInfo> remux_once(const std::vector<InputPlan>& plans, const fs::path& output, bool reserve,
                             bool& too_small, std::optional<std::uint32_t>* crc32) {
  std::vector<OpenInput> inputs;
  for (const auto& plan : plans) {
    TRY_ASSIGN(OpenInput in, open_planned(plan));
    inputs.push_back(std::move(in));
  }
  TRY_ASSIGN(auto out, Mp4Output::create(output));

  // The first video stream and the first audio stream, each from the input
  // planned for it; everything else (data tracks, extra video angles, cover
  // art) is dropped.
  std::vector<std::pair<size_t, const AVStream*>> kept;  // input, stream; in output order
  for (size_t k = 0; k < inputs.size(); ++k) {
    OpenInput& in = inputs[k];
    bool have_video = !plans[k].take_video;
    bool have_audio = !plans[k].take_audio;
    for (unsigned i = 0; i < in.ctx->nb_streams; ++i) {
      const AVStream* stream = in.ctx->streams[i];
      const auto type = stream->codecpar->codec_type;
      if (stream->disposition & AV_DISPOSITION_ATTACHED_PIC) continue;
      if (type == AVMEDIA_TYPE_VIDEO ? have_video : type == AVMEDIA_TYPE_AUDIO ? have_audio : true) continue;
      (type == AVMEDIA_TYPE_VIDEO ? have_video : have_audio) = true;
      TRY_ASSIGN(AVStream * copy, out.add_stream());
      TRY(copy_stream_setup(*stream, *copy));
      in.mapping[i] = copy->index;
      kept.emplace_back(k, stream);
    }
  }
  TRY(out.start(reserve ? moov_reservation(plans, inputs, kept) : 0, crc32 != nullptr));

  // The earliest presentation time becomes 0 (a PeerTube file cut from a
  // live stream may start anywhere). The two halves of a split video share
  // one clock, so they are shifted by the same amount and stay in sync.
  std::int64_t start = AV_NOPTS_VALUE;
  for (const auto& in : inputs)
    if (in.ctx->start_time != AV_NOPTS_VALUE) start = start == AV_NOPTS_VALUE ? in.ctx->start_time
                                                                              : std::min(start, in.ctx->start_time);
  if (start == AV_NOPTS_VALUE) start = 0;

  for (auto& in : inputs) TRY(read_next(in));
  std::int64_t copied = 0;
  while (true) {
    // Write the pending packet that decodes first, so the muxer's
    // interleaving queue stays short.
    OpenInput* next = nullptr;
    for (auto& in : inputs) {
      if (!in.has_pending) continue;
      if (next == nullptr ||
          av_compare_ts(pending_dts(in), in.ctx->streams[in.pending->stream_index]->time_base, pending_dts(*next),
                        next->ctx->streams[next->pending->stream_index]->time_base) < 0)
        next = &in;
    }
    if (next == nullptr) break;
    AVPacket& packet = *next->pending;
    const AVRational time_base = next->ctx->streams[packet.stream_index]->time_base;
    const std::int64_t shift = av_rescale_q(start, AV_TIME_BASE_Q, time_base);
    if (packet.pts != AV_NOPTS_VALUE) packet.pts -= shift;
    if (packet.dts != AV_NOPTS_VALUE) packet.dts -= shift;
    const int target = next->mapping[static_cast<size_t>(packet.stream_index)];
    av_packet_rescale_ts(&packet, time_base, out.context()->streams[target]->time_base);
    packet.stream_index = target;
    ++copied;
    next->has_pending = false;
    TRY(out.write(packet));
    TRY(read_next(*next));
  }
  for (auto& in : inputs) TRY(in.validator->finish());

  MediaInfo info = inputs.front().info;
  if (inputs.size() > 1) {
    // The two halves of one recording: the same length, give or take a
    // frame and the audio codec's priming.
    const double video = inputs[0].end_seconds - inputs[0].first_seconds;
    const double audio = inputs[1].end_seconds - inputs[1].first_seconds;
    if (std::fabs(video - audio) > std::max(0.5, 0.02 * std::max(video, audio)))
      return fail(ErrorCode::media,
                  fmt::format("the video file lasts {:.1f} s but the audio file {:.1f} s: they are not two halves "
                              "of one recording",
                              video, audio));
    const MediaInfo& a = inputs[1].info;
    info.has_audio = true;
    info.audio_codec = a.audio_codec;
    info.audio_channels = a.audio_channels;
    info.audio_sample_rate = a.audio_sample_rate;
    info.audio_bit_rate = a.audio_bit_rate;
    info.duration_seconds = std::max(info.duration_seconds, a.duration_seconds);
    if (a.bit_rate > 0) info.bit_rate += a.bit_rate;
  }
  if (auto committed = out.commit(); !committed) {
    too_small = out.reserve_too_small();
    return tl::unexpected(committed.error());
  }
  info.packet_count = copied;
  if (crc32 != nullptr) *crc32 = out.crc32();
  return info;
}

Result<MediaInfo> remux_plans(const std::vector<InputPlan>& plans, const fs::path& output,
                              std::uintmax_t reserve_from_bytes, std::optional<std::uint32_t>* crc32) {
  std::error_code ec;
  std::uintmax_t size = 0;
  for (const auto& plan : plans) size += fs::file_size(plan.path, ec);
  bool too_small = false;
  const bool reserve = !ec && size >= reserve_from_bytes;
  auto info = remux_once(plans, output, reserve, too_small, crc32);
  // The estimate comes from the real sample tables, so both are rare: room
  // too small (the muxer wrote something the estimate does not know), or
  // more spare room than a user should carry around. Then a second pass
  // with faststart, which leaves none.
  if (!info && too_small) info = remux_once(plans, output, false, too_small, crc32);
  else if (info && reserve &&
           static_cast<std::int64_t>(spare_room(output)) > max_spare_bytes(fs::file_size(output, ec)))
    info = remux_once(plans, output, false, too_small, crc32);
  // A write that failed (a full disk, a file size limit): say how much room
  // the video needs, which is about the size of its source.
  if (!info && info.error().code == ErrorCode::output && !ec)
    info.error().message += fmt::format(" (the video needs about {})", util::format_size_binary(size));
  return info;
}

}  // namespace

Result<MediaInfo> remux_to_faststart(const fs::path& input, const fs::path& output,
                                     std::uintmax_t reserve_from_bytes, std::optional<std::uint32_t>* crc32) {
  return remux_plans({InputPlan{input, true, true}}, output, reserve_from_bytes, crc32);
}

Result<MediaInfo> mux_split_to_faststart(const fs::path& video, const fs::path& audio, const fs::path& output,
                                         std::uintmax_t reserve_from_bytes, std::optional<std::uint32_t>* crc32) {
  // Which file a message is about: the caller names the lesson and URLs.
  return remux_plans({InputPlan{video, true, false}, InputPlan{audio, false, true}}, output, reserve_from_bytes,
                     crc32);
}

}  // namespace packager::media
