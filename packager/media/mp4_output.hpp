#pragma once
// A progressive MP4 being written: 'moov' before 'mdat', under a temporary
// name beside the destination, renamed into place by commit(). Either room
// for 'moov' is reserved up front and filled at the end (one write of every
// byte), or libavformat's faststart moves 'moov' to the front at the end
// (which rewrites the whole file). Shared by the remuxer and the transcoder.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>

#include "packager/core/error.hpp"
#include "packager/media/av_handles.hpp"

namespace packager::media {

class Mp4Output {
 public:
  // Sets up the MP4 muxer for `destination`; nothing is written yet.
  // ErrorCode::internal if libavformat cannot.
  static Result<Mp4Output> create(const std::filesystem::path& destination);

  Mp4Output(Mp4Output&&) noexcept;
  Mp4Output& operator=(Mp4Output&&) noexcept;
  Mp4Output(const Mp4Output&) = delete;
  Mp4Output& operator=(const Mp4Output&) = delete;
  // Removes the temporary file unless commit() succeeded.
  ~Mp4Output();

  AVFormatContext* context() const { return m_ctx.get(); }

  // Adds a stream; the caller fills its codecpar and time_base before start().
  Result<AVStream*> add_stream();
  // Creates the temporary file and writes the header. With `moov_reserve`
  // > 0, that many bytes are kept after the header for 'moov' (the muxer's
  // moov_size); otherwise faststart. With `want_crc32`, the file's CRC-32
  // is summed as the bytes are written (crc32()).
  // ErrorCode::output.
  Result<void> start(std::int64_t moov_reserve = 0, bool want_crc32 = false);
  // Writes one packet (interleaved), whose timestamps are in the output
  // stream's time base. ErrorCode::output.
  Result<void> write(AVPacket& packet);
  // The explicit commit: writes the trailer ('moov' into its reserved room,
  // the rest of the room as a 'free' box; or faststart's move), closes and
  // renames over the destination. ErrorCode::output; then
  // reserve_too_small() says whether the reserved room was the cause (the
  // file is unusable: write it again without a reservation).
  Result<void> commit();
  bool reserve_too_small() const { return m_reserve_too_small; }
  // After commit(), when start() was asked for it: the file's CRC-32,
  // summed from the bytes as they were written (util::WrittenCrc32: only
  // the header blocks the muxer patched are read back), or nullopt.
  std::optional<std::uint32_t> crc32() const { return m_crc32; }

  struct Sink;  // the file libavformat writes through (mp4_output.cpp)

 private:
  Mp4Output(std::filesystem::path destination, std::filesystem::path temp, OutputContext ctx);
  void discard();
  // Detaches and frees the AVIOContext of ours from m_ctx.
  void close_io();

  std::filesystem::path m_destination;
  std::filesystem::path m_temp;
  OutputContext m_ctx;
  std::int64_t m_moov_reserve = 0;
  bool m_committed = false;
  bool m_reserve_too_small = false;
  std::unique_ptr<Sink> m_sink;  // heap: libavformat holds its address
  std::optional<std::uint32_t> m_crc32;
};

}  // namespace packager::media
