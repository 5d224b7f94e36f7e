#pragma once
// A progressive MP4 being written: 'moov' before 'mdat' (faststart), under
// a temporary name beside the destination, renamed into place by commit().
// Shared by the remuxer and the transcoder.

#include <filesystem>

#include "packager/core/error.hpp"
#include "packager/media/av_handles.hpp"

namespace packager::media {

class Mp4Output {
 public:
  // Sets up the MP4 muxer for `destination`; nothing is written yet.
  // ErrorCode::internal if libavformat cannot.
  static Result<Mp4Output> create(const std::filesystem::path& destination);

  Mp4Output(Mp4Output&&) noexcept = default;
  Mp4Output& operator=(Mp4Output&&) noexcept = default;
  Mp4Output(const Mp4Output&) = delete;
  Mp4Output& operator=(const Mp4Output&) = delete;
  // Removes the temporary file unless commit() succeeded.
  ~Mp4Output();

  AVFormatContext* context() const { return m_ctx.get(); }

  // Adds a stream; the caller fills its codecpar and time_base before start().
  Result<AVStream*> add_stream();
  // Creates the temporary file and writes the header. ErrorCode::output.
  Result<void> start();
  // Writes one packet (interleaved), whose timestamps are in the output
  // stream's time base. ErrorCode::output.
  Result<void> write(AVPacket& packet);
  // The explicit commit: writes the trailer (moving 'moov' in front of
  // 'mdat'), closes and renames over the destination. ErrorCode::output.
  Result<void> commit();

 private:
  Mp4Output(std::filesystem::path destination, std::filesystem::path temp, OutputContext ctx);
  void discard();

  std::filesystem::path m_destination;
  std::filesystem::path m_temp;
  OutputContext m_ctx;
  bool m_committed = false;
};

}  // namespace packager::media
