#pragma once
// Internal to the media stage: what a stream-copied output stream takes
// from its input stream besides the packets.

#include "packager/core/error.hpp"
#include "packager/media/av_handles.hpp"

namespace packager::media {

// Copies the codec parameters of `from` into `to` (the codec tag left to
// the MP4 muxer), its time base, and every stream side data entry: the
// display matrix (a phone video's rotation), stereo 3D, spherical, mastering
// display and content light levels, which the MP4 muxer writes into 'tkhd',
// 'st3d', 'sv3d', 'mdcv' and 'clli'. ErrorCode::internal when libav cannot.
Result<void> copy_stream_setup(const AVStream& from, AVStream& to);

// Copies every stream side data entry of `from` to `to`. ErrorCode::internal.
Result<void> copy_stream_side_data(const AVStream& from, AVStream& to);

// Copies only the display matrix (for a re-encoded stream, whose other side
// data describe the old encoding): a rotation stays a rotation.
Result<void> copy_display_matrix(const AVStream& from, AVStream& to);

// Degrees of clockwise rotation the stream's display matrix asks for when
// shown (0, 90, 180, 270; 0 without a matrix).
int display_rotation(const AVStream& stream);

}  // namespace packager::media
