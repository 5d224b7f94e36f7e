#include "packager/media/remux.hpp"

#include <cstdio>
#include <vector>

#include <fmt/format.h>

#include "packager/core/interrupt.hpp"
#include "packager/media/av_handles.hpp"
#include "packager/media/probe_detail.hpp"
#include "packager/util/atomic_file.hpp"

namespace packager::media {
namespace fs = std::filesystem;

bool browser_safe_video(const std::string& codec) { return codec == "h264"; }
bool browser_safe_audio(const std::string& codec) { return codec == "aac" || codec == "mp3"; }

namespace {

Result<void> check_playable(const MediaInfo& info) {
  if (!info.has_video) return fail(ErrorCode::media, "the file has no video stream");
  if (!browser_safe_video(info.video_codec))
    return fail(ErrorCode::media,
                fmt::format("the video codec is {}, which browsers cannot play in MP4; expected H.264",
                            info.video_codec));
  if (info.has_audio && !browser_safe_audio(info.audio_codec))
    return fail(ErrorCode::media,
                fmt::format("the audio codec is {}, which browsers cannot play in MP4; expected AAC",
                            info.audio_codec));
  return {};
}

// Removes the temporary output unless the remux completed.
struct TempOutput {
  fs::path path;
  bool keep = false;
  ~TempOutput() {
    if (!keep) {
      std::error_code ec;
      fs::remove(path, ec);
    }
  }
};

}  // namespace

Result<MediaInfo> remux_to_faststart(const fs::path& input, const fs::path& output) {
  TRY_ASSIGN(auto in, open_input(input));
  MediaInfo info = describe(*in);
  TRY(check_playable(info));

  TempOutput temp{util::temp_sibling(output)};
  AVFormatContext* raw_out = nullptr;
  int rc = avformat_alloc_output_context2(&raw_out, nullptr, "mp4", temp.path.c_str());
  if (rc < 0) return fail(ErrorCode::internal, fmt::format("cannot set up the MP4 muxer: {}", av_error_text(rc)));
  OutputContext out(raw_out);

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
    AVStream* copy = avformat_new_stream(out.get(), nullptr);
    if (copy == nullptr) return fail(ErrorCode::internal, "cannot add an output stream");
    if ((rc = avcodec_parameters_copy(copy->codecpar, stream->codecpar)) < 0)
      return fail(ErrorCode::internal, fmt::format("cannot copy codec parameters: {}", av_error_text(rc)));
    // The input's codec tag belongs to its container; let the MP4 muxer
    // choose (avc1, mp4a).
    copy->codecpar->codec_tag = 0;
    copy->time_base = stream->time_base;
    mapping[i] = copy->index;
  }

  if ((rc = avio_open(&out->pb, temp.path.c_str(), AVIO_FLAG_WRITE)) < 0)
    return fail(ErrorCode::output, fmt::format("cannot create {}: {}", temp.path.string(), av_error_text(rc)));
  // Timestamps start at zero so players and seek bars agree on the duration.
  out->avoid_negative_ts = AVFMT_AVOID_NEG_TS_MAKE_ZERO;
  AVDictionary* raw_options = nullptr;
  av_dict_set(&raw_options, "movflags", "+faststart", 0);
  std::unique_ptr<AVDictionary, DictionaryDeleter> options_guard(nullptr);
  rc = avformat_write_header(out.get(), &raw_options);
  options_guard.reset(raw_options);
  if (rc < 0) return fail(ErrorCode::media, fmt::format("cannot start the MP4 output: {}", av_error_text(rc)));

  Packet packet(av_packet_alloc());
  std::int64_t packets = 0;
  while (true) {
    if (interrupted()) return fail(ErrorCode::interrupted, "interrupted");
    rc = av_read_frame(in.get(), packet.get());
    if (rc == AVERROR_EOF) break;
    if (rc < 0)
      return fail(ErrorCode::media, fmt::format("the file is damaged or truncated ({})", av_error_text(rc)));
    const int target = mapping[static_cast<size_t>(packet->stream_index)];
    if (target < 0) {
      av_packet_unref(packet.get());
      continue;
    }
    av_packet_rescale_ts(packet.get(), in->streams[packet->stream_index]->time_base,
                         out->streams[target]->time_base);
    packet->stream_index = target;
    packet->pos = -1;
    ++packets;
    if ((rc = av_interleaved_write_frame(out.get(), packet.get())) < 0)
      return fail(ErrorCode::output, fmt::format("cannot write {}: {}", output.string(), av_error_text(rc)));
  }
  if (packets == 0) return fail(ErrorCode::media, "the file holds no audio or video packets");
  // The explicit commit: the trailer writes 'moov' and, with faststart,
  // moves it in front of 'mdat'.
  if ((rc = av_write_trailer(out.get())) < 0)
    return fail(ErrorCode::output, fmt::format("cannot finish {}: {}", output.string(), av_error_text(rc)));
  if ((rc = avio_closep(&out->pb)) < 0)
    return fail(ErrorCode::output, fmt::format("cannot close {}: {}", output.string(), av_error_text(rc)));
  if (std::rename(temp.path.c_str(), output.c_str()) != 0)
    return fail(ErrorCode::output, fmt::format("cannot rename {} to {}", temp.path.string(), output.string()));
  temp.keep = true;
  info.packet_count = packets;
  return info;
}

}  // namespace packager::media
