#include "packager/media/transcode.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "packager/core/interrupt.hpp"
#include "packager/media/av_handles.hpp"
#include "packager/media/boxes.hpp"
#include "packager/media/decoder.hpp"
#include "packager/media/mp4_output.hpp"
#include "packager/media/stream_copy.hpp"
#include "packager/media/probe_detail.hpp"
#include "packager/media/validate.hpp"

extern "C" {
#include <libavutil/audio_fifo.h>
#include <libavutil/opt.h>
}

namespace packager::media {
namespace fs = std::filesystem;
namespace {

struct AudioFifoDeleter {
  void operator()(AVAudioFifo* fifo) const { av_audio_fifo_free(fifo); }
};

// One encoded stream of the output: its encoder and where its packets go.
struct Lane {
  int input = -1;
  CodecContext decoder;
  CodecContext encoder;
  AVStream* out = nullptr;
};

class Transcoder {
 public:
  Transcoder(InputContext in, Mp4Output out, PacketValidator validator, const TranscodeOptions& options,
             const TranscodeProgress& progress)
      : m_in(std::move(in)), m_out(std::move(out)), m_validator(std::move(validator)), m_options(options),
        m_progress(progress) {
    if (m_in->start_time != AV_NOPTS_VALUE) m_start = m_in->start_time;
  }

  Result<void> set_up_video(int index);
  Result<void> set_up_audio(int index);
  Result<std::int64_t> run();

 private:
  Result<void> decode(Lane& lane, const AVPacket* packet);
  Result<void> encode_video(AVFrame* frame);
  Result<void> encode_audio(AVFrame* frame);
  Result<void> drain_audio_fifo(bool flush);
  Result<void> send(Lane& lane, AVFrame* frame);
  void report(std::int64_t pts, AVRational time_base);

  InputContext m_in;
  Mp4Output m_out;
  PacketValidator m_validator;
  const TranscodeOptions& m_options;
  const TranscodeProgress& m_progress;
  Lane m_video;
  Lane m_audio;
  ScaleContext m_scaler;
  Frame m_scaled;
  std::int64_t m_last_video_pts = AV_NOPTS_VALUE;
  ResampleContext m_resampler;
  std::unique_ptr<AVAudioFifo, AudioFifoDeleter> m_fifo;
  std::int64_t m_audio_pts = AV_NOPTS_VALUE;  // next output sample, in 1/sample_rate
  std::int64_t m_written = 0;
  // The earliest presentation time of the input (AV_TIME_BASE), which
  // becomes 0 in the output.
  std::int64_t m_start = 0;
  int m_percent = -1;
};

Result<void> Transcoder::set_up_video(int index) {
  const AVStream& stream = *m_in->streams[index];
  m_video.input = index;
  TRY_ASSIGN(m_video.decoder, open_decoder(stream));
  const AVCodec* codec = avcodec_find_encoder_by_name("libx264");
  if (codec == nullptr) return fail(ErrorCode::internal, "libavcodec was built without libx264");
  int height = stream.codecpar->height;
  int width = stream.codecpar->width;
  if (m_options.max_height > 0 && height > m_options.max_height) {
    width = static_cast<int>((static_cast<long long>(width) * m_options.max_height + height / 2) / height);
    height = m_options.max_height;
  }
  // yuv420p needs even dimensions.
  width &= ~1;
  height &= ~1;
  CodecContext enc(avcodec_alloc_context3(codec));
  enc->width = width;
  enc->height = height;
  enc->pix_fmt = AV_PIX_FMT_YUV420P;
  enc->time_base = stream.time_base;
  enc->framerate = stream.avg_frame_rate;
  enc->sample_aspect_ratio = stream.codecpar->sample_aspect_ratio;
  // A keyframe every 2 s keeps seeking in the browser quick.
  if (stream.avg_frame_rate.num > 0 && stream.avg_frame_rate.den > 0)
    enc->gop_size = std::max(1, static_cast<int>(2 * av_q2d(stream.avg_frame_rate)));
  enc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
  av_opt_set(enc->priv_data, "profile", "main", 0);
  av_opt_set_double(enc->priv_data, "crf", m_options.crf, 0);
  av_opt_set(enc->priv_data, "preset", m_options.preset.c_str(), 0);
  if (const int rc = avcodec_open2(enc.get(), codec, nullptr); rc < 0)
    return fail(ErrorCode::usage, fmt::format("cannot open the H.264 encoder with preset '{}' and CRF {} ({})",
                                              m_options.preset, m_options.crf, av_error_text(rc)));
  TRY_ASSIGN(m_video.out, m_out.add_stream());
  avcodec_parameters_from_context(m_video.out->codecpar, enc.get());
  m_video.out->time_base = enc->time_base;
  m_video.out->avg_frame_rate = stream.avg_frame_rate;
  // Frames are scaled, not turned: the player still applies the rotation.
  TRY(copy_display_matrix(stream, *m_video.out));
  m_video.encoder = std::move(enc);
  m_scaled.reset(av_frame_alloc());
  m_scaled->width = width;
  m_scaled->height = height;
  m_scaled->format = AV_PIX_FMT_YUV420P;
  if (av_frame_get_buffer(m_scaled.get(), 0) < 0) return fail(ErrorCode::internal, "out of memory");
  return {};
}

Result<void> Transcoder::set_up_audio(int index) {
  const AVStream& stream = *m_in->streams[index];
  m_audio.input = index;
  TRY_ASSIGN(m_audio.decoder, open_decoder(stream));
  const AVCodec* codec = avcodec_find_encoder(AV_CODEC_ID_AAC);
  if (codec == nullptr) return fail(ErrorCode::internal, "libavcodec has no AAC encoder");
  CodecContext enc(avcodec_alloc_context3(codec));
  enc->sample_fmt = AV_SAMPLE_FMT_FLTP;
  enc->sample_rate = stream.codecpar->sample_rate > 0 ? stream.codecpar->sample_rate : 48000;
  av_channel_layout_default(&enc->ch_layout, 1);
  enc->bit_rate = m_options.audio_bit_rate;
  enc->time_base = AVRational{1, enc->sample_rate};
  enc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
  if (const int rc = avcodec_open2(enc.get(), codec, nullptr); rc < 0)
    return fail(ErrorCode::internal, fmt::format("cannot open the AAC encoder ({})", av_error_text(rc)));
  SwrContext* swr = nullptr;
  if (swr_alloc_set_opts2(&swr, &enc->ch_layout, enc->sample_fmt, enc->sample_rate, &m_audio.decoder->ch_layout,
                          m_audio.decoder->sample_fmt, m_audio.decoder->sample_rate, 0, nullptr) < 0 ||
      swr_init(swr) < 0) {
    swr_free(&swr);
    return fail(ErrorCode::media, "cannot convert the audio to mono");
  }
  m_resampler.reset(swr);
  m_fifo.reset(av_audio_fifo_alloc(enc->sample_fmt, 1, enc->frame_size));
  TRY_ASSIGN(m_audio.out, m_out.add_stream());
  avcodec_parameters_from_context(m_audio.out->codecpar, enc.get());
  m_audio.out->time_base = enc->time_base;
  m_audio.encoder = std::move(enc);
  return {};
}

void Transcoder::report(std::int64_t pts, AVRational time_base) {
  if (!m_progress || m_in->duration <= 0 || pts == AV_NOPTS_VALUE) return;
  const double done = static_cast<double>(pts) * av_q2d(time_base) / (static_cast<double>(m_in->duration) / AV_TIME_BASE);
  const int percent = std::clamp(static_cast<int>(done * 100), 0, 100);
  if (percent == m_percent) return;
  m_percent = percent;
  m_progress(percent / 100.0);
}

// Encodes `frame` (nullptr flushes) and writes every packet that comes out.
Result<void> Transcoder::send(Lane& lane, AVFrame* frame) {
  int rc = avcodec_send_frame(lane.encoder.get(), frame);
  if (rc < 0) return fail(ErrorCode::media, fmt::format("cannot encode the video ({})", av_error_text(rc)));
  Packet packet(av_packet_alloc());
  while ((rc = avcodec_receive_packet(lane.encoder.get(), packet.get())) >= 0) {
    av_packet_rescale_ts(packet.get(), lane.encoder->time_base, lane.out->time_base);
    packet->stream_index = lane.out->index;
    ++m_written;
    TRY(m_out.write(*packet));
  }
  if (rc != AVERROR(EAGAIN) && rc != AVERROR_EOF)
    return fail(ErrorCode::media, fmt::format("cannot encode the video ({})", av_error_text(rc)));
  return {};
}

Result<void> Transcoder::encode_video(AVFrame* frame) {
  if (frame == nullptr) return send(m_video, nullptr);
  m_scaler.reset(sws_getCachedContext(m_scaler.release(), frame->width, frame->height,
                                      static_cast<AVPixelFormat>(frame->format), m_scaled->width, m_scaled->height,
                                      AV_PIX_FMT_YUV420P, SWS_BICUBIC, nullptr, nullptr, nullptr));
  if (!m_scaler) return fail(ErrorCode::media, "cannot scale the video");
  if (av_frame_make_writable(m_scaled.get()) < 0) return fail(ErrorCode::internal, "out of memory");
  sws_scale(m_scaler.get(), frame->data, frame->linesize, 0, frame->height, m_scaled->data, m_scaled->linesize);
  std::int64_t pts = frame->best_effort_timestamp;
  if (pts != AV_NOPTS_VALUE) pts -= av_rescale_q(m_start, AV_TIME_BASE_Q, m_video.encoder->time_base);
  // x264 refuses timestamps that do not increase; a repeated one (broken
  // input) is nudged forward rather than failing the whole lesson.
  if (pts == AV_NOPTS_VALUE || (m_last_video_pts != AV_NOPTS_VALUE && pts <= m_last_video_pts))
    pts = m_last_video_pts == AV_NOPTS_VALUE ? 0 : m_last_video_pts + 1;
  m_last_video_pts = pts;
  m_scaled->pts = pts;
  report(pts, m_video.encoder->time_base);
  return send(m_video, m_scaled.get());
}

Result<void> Transcoder::drain_audio_fifo(bool flush) {
  const int frame_size = m_audio.encoder->frame_size;
  while (av_audio_fifo_size(m_fifo.get()) >= frame_size || (flush && av_audio_fifo_size(m_fifo.get()) > 0)) {
    const int n = std::min(frame_size, av_audio_fifo_size(m_fifo.get()));
    Frame out(av_frame_alloc());
    out->nb_samples = n;
    out->format = m_audio.encoder->sample_fmt;
    out->sample_rate = m_audio.encoder->sample_rate;
    av_channel_layout_copy(&out->ch_layout, &m_audio.encoder->ch_layout);
    if (av_frame_get_buffer(out.get(), 0) < 0) return fail(ErrorCode::internal, "out of memory");
    av_audio_fifo_read(m_fifo.get(), reinterpret_cast<void**>(out->data), n);
    out->pts = m_audio_pts;
    m_audio_pts += n;
    TRY(send(m_audio, out.get()));
  }
  return {};
}

Result<void> Transcoder::encode_audio(AVFrame* frame) {
  if (m_audio_pts == AV_NOPTS_VALUE) {
    // Keep the audio where it started relative to the video (edit lists).
    const std::int64_t start = frame != nullptr ? frame->best_effort_timestamp : AV_NOPTS_VALUE;
    m_audio_pts = start == AV_NOPTS_VALUE ? 0
                                          : av_rescale_q(start, m_in->streams[m_audio.input]->time_base,
                                                         m_audio.encoder->time_base) -
                                                av_rescale_q(m_start, AV_TIME_BASE_Q, m_audio.encoder->time_base);
  }
  const int capacity = swr_get_out_samples(m_resampler.get(), frame != nullptr ? frame->nb_samples : 0);
  if (capacity > 0) {
    Frame converted(av_frame_alloc());
    converted->nb_samples = capacity;
    converted->format = m_audio.encoder->sample_fmt;
    av_channel_layout_copy(&converted->ch_layout, &m_audio.encoder->ch_layout);
    if (av_frame_get_buffer(converted.get(), 0) < 0) return fail(ErrorCode::internal, "out of memory");
    const int n = swr_convert(m_resampler.get(), converted->data, capacity,
                              frame != nullptr ? const_cast<const uint8_t**>(frame->extended_data) : nullptr,
                              frame != nullptr ? frame->nb_samples : 0);
    if (n < 0) return fail(ErrorCode::media, "cannot convert the audio to mono");
    av_audio_fifo_write(m_fifo.get(), reinterpret_cast<void**>(converted->data), n);
  }
  TRY(drain_audio_fifo(frame == nullptr));
  if (frame == nullptr) return send(m_audio, nullptr);
  return {};
}

// Feeds `packet` (nullptr flushes) to the lane's decoder and encodes every frame.
Result<void> Transcoder::decode(Lane& lane, const AVPacket* packet) {
  int rc = avcodec_send_packet(lane.decoder.get(), packet);
  // A damaged packet mid-stream costs a glitch, not the lesson; the
  // validator has already refused truncated files.
  if (rc < 0 && rc != AVERROR_INVALIDDATA && rc != AVERROR_EOF)
    return fail(ErrorCode::media, fmt::format("cannot decode the input ({})", av_error_text(rc)));
  Frame frame(av_frame_alloc());
  while ((rc = avcodec_receive_frame(lane.decoder.get(), frame.get())) >= 0) {
    TRY(&lane == &m_video ? encode_video(frame.get()) : encode_audio(frame.get()));
    av_frame_unref(frame.get());
  }
  if (rc != AVERROR(EAGAIN) && rc != AVERROR_EOF && rc != AVERROR_INVALIDDATA)
    return fail(ErrorCode::media, fmt::format("cannot decode the input ({})", av_error_text(rc)));
  if (packet == nullptr) TRY(&lane == &m_video ? encode_video(nullptr) : encode_audio(nullptr));
  return {};
}

Result<std::int64_t> Transcoder::run() {
  TRY(m_out.start());
  Packet packet(av_packet_alloc());
  while (true) {
    if (interrupted()) return fail(ErrorCode::interrupted, "interrupted");
    const int rc = av_read_frame(m_in.get(), packet.get());
    if (rc == AVERROR_EOF) break;
    if (rc < 0) return fail(ErrorCode::media, fmt::format("the file is truncated or damaged ({})", av_error_text(rc)));
    TRY(m_validator.add(*packet));
    if (packet->stream_index == m_video.input) {
      TRY(decode(m_video, packet.get()));
    } else if (packet->stream_index == m_audio.input) {
      TRY(decode(m_audio, packet.get()));
    }
    av_packet_unref(packet.get());
  }
  TRY(m_validator.finish());
  TRY(decode(m_video, nullptr));
  if (m_audio.input >= 0) TRY(decode(m_audio, nullptr));
  TRY(m_out.commit());
  if (m_progress && m_percent < 100) m_progress(1.0);
  return m_written;
}

}  // namespace

bool is_x264_preset(const std::string& preset) {
  for (const char* name :
       {"ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow", "placebo"})
    if (preset == name) return true;
  return false;
}

Result<MediaInfo> transcode(const fs::path& input, const fs::path& output, const TranscodeOptions& options,
                            const TranscodeProgress& progress) {
  if (!is_x264_preset(options.preset))
    return fail(ErrorCode::usage, fmt::format("unknown x264 preset '{}'; expected ultrafast, superfast, veryfast, "
                                              "faster, fast, medium, slow, slower, veryslow or placebo",
                                              options.preset));
  if (options.crf < 0 || options.crf > 51)
    return fail(ErrorCode::usage, fmt::format("CRF {} is out of range; expected 0 (best) to 51 (smallest)", options.crf));
  TRY_ASSIGN(auto in, open_input(input));
  const MediaInfo source = describe(*in);
  TRY(check_codecs(source, true));
  if (is_mp4_family(*in)) TRY(check_top_level_boxes(input));
  TRY_ASSIGN(auto validator, PacketValidator::create(*in));
  TRY_ASSIGN(auto out, Mp4Output::create(output));
  const int video = find_video_stream(*in);
  const int audio = find_audio_stream(*in);
  Transcoder transcoder(std::move(in), std::move(out), std::move(validator), options, progress);
  TRY(transcoder.set_up_video(video));
  if (audio >= 0) TRY(transcoder.set_up_audio(audio));
  TRY_ASSIGN(const std::int64_t written, transcoder.run());
  TRY_ASSIGN(MediaInfo info, probe(output));
  info.packet_count = written;
  return info;
}

}  // namespace packager::media
