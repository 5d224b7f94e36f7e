#include "packager/media/mp4_output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <memory>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "packager/util/atomic_file.hpp"
#include "packager/util/crc32.hpp"

namespace packager::media {
namespace fs = std::filesystem;

// libavformat writes the MP4 through this instead of its file protocol, so
// that the file's CRC-32 (the zip's, and the remux cache's check) is summed
// as the bytes pass rather than by reading the video again.
struct Mp4Output::Sink {
  int fd = -1;
  std::uint64_t pos = 0;
  std::uint64_t size = 0;
  AVIOContext* io = nullptr;

  // The CRC-32, when asked for: summed here, as each write passes (one
  // read of the bytes already in the CPU's cache, not of the file later).
  bool summing = false;
  util::WrittenCrc32 crc;

  ~Sink() {
    if (fd >= 0) ::close(fd);
  }

  static int write(void* opaque, std::uint8_t* data, int length) {
    auto& sink = *static_cast<Sink*>(opaque);
    std::size_t done = 0;
    while (done < static_cast<std::size_t>(length)) {
      const ssize_t n = ::pwrite(sink.fd, data + done, static_cast<std::size_t>(length) - done,
                                 static_cast<off_t>(sink.pos + done));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return AVERROR(n < 0 ? errno : EIO);
      done += static_cast<std::size_t>(n);
    }
    if (sink.summing) sink.crc.wrote(sink.pos, data, done);
    sink.pos += done;
    sink.size = std::max(sink.size, sink.pos);
    return length;
  }

  static std::int64_t seek(void* opaque, std::int64_t offset, int whence) {
    auto& sink = *static_cast<Sink*>(opaque);
    switch (whence & ~AVSEEK_FORCE) {
      case AVSEEK_SIZE: return static_cast<std::int64_t>(sink.size);
      case SEEK_SET: break;
      case SEEK_CUR: offset += static_cast<std::int64_t>(sink.pos); break;
      case SEEK_END: offset += static_cast<std::int64_t>(sink.size); break;
      default: return AVERROR(EINVAL);
    }
    if (offset < 0) return AVERROR(EINVAL);
    sink.pos = static_cast<std::uint64_t>(offset);
    return offset;
  }
};

void Mp4Output::close_io() {
  if (!m_sink || m_sink->io == nullptr) return;
  if (m_ctx && m_ctx->pb == m_sink->io) m_ctx->pb = nullptr;
  av_freep(&m_sink->io->buffer);
  avio_context_free(&m_sink->io);
}

Mp4Output::Mp4Output(fs::path destination, fs::path temp, OutputContext ctx)
    : m_destination(std::move(destination)), m_temp(std::move(temp)), m_ctx(std::move(ctx)) {}

Mp4Output::Mp4Output(Mp4Output&&) noexcept = default;
Mp4Output& Mp4Output::operator=(Mp4Output&&) noexcept = default;
Mp4Output::~Mp4Output() { discard(); }

void Mp4Output::discard() {
  // A moved-from object owns nothing.
  if (!m_ctx || m_committed) return;
  close_io();
  m_ctx.reset();
  m_sink.reset();  // closes the file before it is removed
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

Result<void> Mp4Output::start(std::int64_t moov_reserve, bool want_crc32) {
  m_sink = std::make_unique<Sink>();
  // Read too: finish() reads back the blocks the muxer patched.
  m_sink->fd = ::open(m_temp.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (m_sink->fd < 0)
    return fail(ErrorCode::output, fmt::format("cannot create {}: {}", m_temp.string(), av_error_text(AVERROR(errno))));
  constexpr int k_io_buffer = 256 * 1024;
  auto* buffer = static_cast<unsigned char*>(av_malloc(k_io_buffer));
  m_sink->io = buffer == nullptr ? nullptr
                                 : avio_alloc_context(buffer, k_io_buffer, 1, m_sink.get(), nullptr, &Sink::write,
                                                      &Sink::seek);
  if (m_sink->io == nullptr) {
    av_free(buffer);
    return fail(ErrorCode::internal, "cannot set up the MP4 output");
  }
  m_sink->io->seekable = AVIO_SEEKABLE_NORMAL;
  m_ctx->pb = m_sink->io;
  m_ctx->flags |= AVFMT_FLAG_CUSTOM_IO;
  // libavformat flushes its buffer after every packet by default (for
  // pipes and live outputs): one pwrite of ~200 bytes per audio frame. A
  // file is only read once it is renamed, so let the 256 KiB buffer fill.
  m_ctx->flush_packets = 0;
  m_sink->summing = want_crc32;
  int rc = 0;
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
  avio_flush(m_sink->io);
  if ((rc = m_sink->io->error) < 0)
    return fail(ErrorCode::output, fmt::format("cannot finish {}: {}", m_destination.string(), av_error_text(rc)));
  close_io();
  if (m_sink->summing)
    if (auto crc = m_sink->crc.finish(m_sink->fd, m_sink->size)) m_crc32 = *crc;
  const int closed = ::close(m_sink->fd);
  m_sink->fd = -1;
  if (closed != 0)
    return fail(ErrorCode::output,
                fmt::format("cannot close {}: {}", m_destination.string(), av_error_text(AVERROR(errno))));
  if (std::rename(m_temp.c_str(), m_destination.c_str()) != 0)
    return fail(ErrorCode::output,
                fmt::format("cannot rename {} to {}", m_temp.string(), m_destination.string()));
  m_committed = true;
  return {};
}

}  // namespace packager::media
