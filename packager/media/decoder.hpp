#pragma once
// Internal to the media stage: opening a decoder for an input stream.

#include "packager/core/error.hpp"
#include "packager/media/av_handles.hpp"

namespace packager::media {

// A decoder for `stream`, opened with `threads` threads (0: libavcodec's
// choice). `strict` makes any bitstream error a decoding failure instead of
// being concealed. ErrorCode::media when no decoder exists for its codec.
Result<CodecContext> open_decoder(const AVStream& stream, int threads = 0, bool strict = false);

// Index of the first video stream that is not cover art, or -1.
int find_video_stream(const AVFormatContext& ctx);
// Index of the first audio stream, or -1.
int find_audio_stream(const AVFormatContext& ctx);

}  // namespace packager::media
