#include "packager/media/poster.hpp"

#include <string_view>

#include <fmt/format.h>

#include "packager/media/av_handles.hpp"
#include "packager/media/decoder.hpp"
#include "packager/media/probe_detail.hpp"
#include "packager/util/atomic_file.hpp"

extern "C" {
#include <libavutil/imgutils.h>
}

namespace packager::media {
namespace {

// The next packet of stream `index`, or an empty Packet at the end.
Packet read_video_packet(AVFormatContext& in, int index) {
  Packet packet(av_packet_alloc());
  while (av_read_frame(&in, packet.get()) >= 0) {
    if (packet->stream_index == index) return packet;
    av_packet_unref(packet.get());
  }
  return Packet();
}

// The first decoded frame at or after `target` (stream time base), decoding
// from `first` (a packet already read) if given, then the packets that
// follow; falls back to the last frame decoded when the stream ends first.
Result<Frame> decode_frame_at(AVFormatContext& in, int index, AVCodecContext& decoder, std::int64_t target,
                              const AVPacket* first) {
  Packet packet(av_packet_alloc());
  Frame frame(av_frame_alloc());
  Frame last;
  bool draining = false;
  if (first != nullptr) avcodec_send_packet(&decoder, first);
  while (true) {
    if (!draining) {
      const int rc = av_read_frame(&in, packet.get());
      if (rc < 0) {
        draining = true;
        avcodec_send_packet(&decoder, nullptr);
      } else if (packet->stream_index != index) {
        av_packet_unref(packet.get());
        continue;
      } else {
        avcodec_send_packet(&decoder, packet.get());
        av_packet_unref(packet.get());
      }
    }
    while (true) {
      const int rc = avcodec_receive_frame(&decoder, frame.get());
      if (rc == AVERROR(EAGAIN)) break;
      if (rc < 0) {
        if (last) return last;
        return fail(ErrorCode::media, "no video frame could be decoded for the poster");
      }
      if (frame->best_effort_timestamp == AV_NOPTS_VALUE || frame->best_effort_timestamp >= target) return frame;
      last.reset(av_frame_clone(frame.get()));
      av_frame_unref(frame.get());
    }
  }
}

Result<std::string> encode_jpeg(const AVFrame& source, int max_width, int& width, int& height) {
  width = source.width;
  height = source.height;
  if (width > max_width) {
    height = static_cast<int>(static_cast<long long>(height) * max_width / width);
    width = max_width;
  }
  // 4:2:0 JPEG wants even dimensions.
  width &= ~1;
  height &= ~1;
  if (width <= 0 || height <= 0) return fail(ErrorCode::media, "the video frame has no size");
  const AVCodec* codec = avcodec_find_encoder(AV_CODEC_ID_MJPEG);
  if (codec == nullptr) return fail(ErrorCode::internal, "libavcodec has no MJPEG encoder");
  CodecContext encoder(avcodec_alloc_context3(codec));
  encoder->width = width;
  encoder->height = height;
  encoder->pix_fmt = AV_PIX_FMT_YUVJ420P;  // full-range, what JPEG viewers expect
  encoder->time_base = AVRational{1, 25};
  // A fixed quantiser: good quality at a predictable size (~50-150 kB at 720p).
  encoder->flags |= AV_CODEC_FLAG_QSCALE;
  encoder->global_quality = FF_QP2LAMBDA * 3;
  if (const int rc = avcodec_open2(encoder.get(), codec, nullptr); rc < 0)
    return fail(ErrorCode::internal, fmt::format("cannot open the MJPEG encoder ({})", av_error_text(rc)));

  ScaleContext scaler(sws_getContext(source.width, source.height, static_cast<AVPixelFormat>(source.format), width,
                                     height, AV_PIX_FMT_YUVJ420P, SWS_BICUBIC, nullptr, nullptr, nullptr));
  if (!scaler) return fail(ErrorCode::media, "cannot convert the video frame for the poster");
  Frame scaled(av_frame_alloc());
  scaled->width = width;
  scaled->height = height;
  scaled->format = AV_PIX_FMT_YUVJ420P;
  if (av_frame_get_buffer(scaled.get(), 0) < 0) return fail(ErrorCode::internal, "out of memory");
  sws_scale(scaler.get(), source.data, source.linesize, 0, source.height, scaled->data, scaled->linesize);
  scaled->pts = 0;

  int rc = avcodec_send_frame(encoder.get(), scaled.get());
  if (rc >= 0) rc = avcodec_send_frame(encoder.get(), nullptr);
  Packet packet(av_packet_alloc());
  if (rc >= 0) rc = avcodec_receive_packet(encoder.get(), packet.get());
  if (rc < 0) return fail(ErrorCode::internal, fmt::format("cannot encode the poster ({})", av_error_text(rc)));
  return std::string(reinterpret_cast<const char*>(packet->data), static_cast<size_t>(packet->size));
}

}  // namespace

Result<Poster> make_poster(const std::filesystem::path& video, const std::filesystem::path& jpeg, double fraction,
                           int max_width) {
  TRY_ASSIGN(auto in, open_input(video));
  const int index = find_video_stream(*in);
  if (index < 0) return fail(ErrorCode::media, "the file has no video stream");
  AVStream& stream = *in->streams[index];
  // One thread: a poster is one frame, and frame threads would each hold
  // 1080p frames: 15 MiB more peak memory in a build, for no gain.
  TRY_ASSIGN(auto decoder, open_decoder(stream, 1));
  std::int64_t target = 0;
  Packet first;  // the keyframe the decoding starts from, when already read
  if (in->duration != AV_NOPTS_VALUE && in->duration > 0) {
    const std::int64_t at = static_cast<std::int64_t>(static_cast<double>(in->duration) * fraction);
    target = av_rescale_q(at, AV_TIME_BASE_Q, stream.time_base);
    const std::int64_t start = stream.start_time != AV_NOPTS_VALUE ? stream.start_time : 0;
    target += start;
    // Where a keyframe follows the target soon (at most as far again into
    // the video), that keyframe is the poster: one frame to decode instead
    // of up to a GOP of them (a 10 s GOP of 1080p is most of a build's
    // poster time). Otherwise, the keyframe before the target decoded
    // forward to it, so that a short video with one keyframe still gets a
    // frame past its fade-in.
    if (av_seek_frame(in.get(), index, target, 0) >= 0) {
      Packet next = read_video_packet(*in, index);
      if (next && next->pts != AV_NOPTS_VALUE && (next->flags & AV_PKT_FLAG_KEY) != 0 && next->pts >= target &&
          next->pts - start <= 2 * (target - start)) {
        target = next->pts;
        first = std::move(next);
      }
    }
    // Else land on the keyframe before the target and decode forward to it.
    if (!first && av_seek_frame(in.get(), index, target, AVSEEK_FLAG_BACKWARD) < 0) {
      avformat_seek_file(in.get(), index, 0, 0, 0, 0);
    }
  }
  TRY_ASSIGN(auto frame, decode_frame_at(*in, index, *decoder, target, first.get()));
  Poster poster;
  TRY_ASSIGN(std::string bytes, encode_jpeg(*frame, max_width, poster.width, poster.height));
  const std::int64_t pts = frame->best_effort_timestamp;
  if (pts != AV_NOPTS_VALUE) poster.at_seconds = static_cast<double>(pts) * av_q2d(stream.time_base);
  // No fsync: a poster is staged in a build's work folder, like the zips
  // beside it, which are not synced one by one either (docs/performance.md).
  TRY(util::write_file_atomically(jpeg, bytes, util::Sync::no_fsync));
  return poster;
}

}  // namespace packager::media
