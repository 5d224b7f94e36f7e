#include "packager/media/mp4_output.hpp"

#include <cstdio>
#include <memory>
#include <utility>

#include <fmt/format.h>

#include "packager/util/atomic_file.hpp"

namespace packager::media {
namespace fs = std::filesystem;

Mp4Output::Mp4Output(fs::path destination, fs::path temp, OutputContext ctx)
    : m_destination(std::move(destination)), m_temp(std::move(temp)), m_ctx(std::move(ctx)) {}

Mp4Output::~Mp4Output() { discard(); }

void Mp4Output::discard() {
  // A moved-from object owns nothing.
  if (!m_ctx || m_committed) return;
  m_ctx.reset();  // closes the file before it is removed
  std::error_code ec;
  fs::remove(m_temp, ec);
}

Result<Mp4Output> Mp4Output::create(const fs::path& destination) {
  fs::path temp = util::temp_sibling(destination);
  AVFormatContext* raw = nullptr;
  const int rc = avformat_alloc_output_context2(&raw, nullptr, "mp4", temp.c_str());
  if (rc < 0)
    return fail(ErrorCode::internal, fmt::format("cannot set up the MP4 muxer: {}", av_error_text(rc)));
  return Mp4Output(destination, std::move(temp), OutputContext(raw));
}

Result<AVStream*> Mp4Output::add_stream() {
  AVStream* stream = avformat_new_stream(m_ctx.get(), nullptr);
  if (stream == nullptr) return fail(ErrorCode::internal, "cannot add an output stream");
  return stream;
}

Result<void> Mp4Output::start(std::int64_t moov_reserve) {
  int rc = avio_open(&m_ctx->pb, m_temp.c_str(), AVIO_FLAG_WRITE);
  if (rc < 0)
    return fail(ErrorCode::output, fmt::format("cannot create {}: {}", m_temp.string(), av_error_text(rc)));
  // Callers shift timestamps so the earliest presentation time is 0. The
  // B-frame delay (first DTS before the first PTS) is left to the muxer,
  // which stores decode times from 0 and an edit list, as `ffmpeg -c copy`
  // does: shifting it away instead would lengthen the video by the delay.
  AVDictionary* raw_options = nullptr;
  m_moov_reserve = moov_reserve;
  if (moov_reserve > 0)
    av_dict_set_int(&raw_options, "moov_size", moov_reserve, 0);
  else
    av_dict_set(&raw_options, "movflags", "+faststart", 0);
  rc = avformat_write_header(m_ctx.get(), &raw_options);
  std::unique_ptr<AVDictionary, DictionaryDeleter> options_guard(raw_options);
  if (rc < 0)
    return fail(ErrorCode::media, fmt::format("cannot start the MP4 output: {}", av_error_text(rc)));
  return {};
}

Result<void> Mp4Output::write(AVPacket& packet) {
  packet.pos = -1;
  const int rc = av_interleaved_write_frame(m_ctx.get(), &packet);
  if (rc < 0)
    return fail(ErrorCode::output, fmt::format("cannot write {}: {}", m_destination.string(), av_error_text(rc)));
  return {};
}

Result<void> Mp4Output::commit() {
  int rc = av_write_trailer(m_ctx.get());
  // The muxer refuses a 'moov' larger than its reserved room with EINVAL,
  // after writing part of it over the room's end.
  if (rc == AVERROR(EINVAL) && m_moov_reserve > 0) {
    m_reserve_too_small = true;
    return fail(ErrorCode::output,
                fmt::format("the room reserved for 'moov' in {} is too small", m_destination.string()));
  }
  if (rc < 0)
    return fail(ErrorCode::output, fmt::format("cannot finish {}: {}", m_destination.string(), av_error_text(rc)));
  if ((rc = avio_closep(&m_ctx->pb)) < 0)
    return fail(ErrorCode::output, fmt::format("cannot close {}: {}", m_destination.string(), av_error_text(rc)));
  if (std::rename(m_temp.c_str(), m_destination.c_str()) != 0)
    return fail(ErrorCode::output,
                fmt::format("cannot rename {} to {}", m_temp.string(), m_destination.string()));
  m_committed = true;
  return {};
}

}  // namespace packager::media
