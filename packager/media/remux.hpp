#pragma once
// Remuxing PeerTube's fragmented MP4 into a progressive, faststart MP4 that
// browsers play from an LMS or a USB stick: stream copy, no re-encoding.

#include <filesystem>

#include "packager/core/error.hpp"
#include "packager/media/probe.hpp"
#include "packager/media/validate.hpp"

namespace packager::media {

// Checks the input holds browser-playable streams (H.264 video, AAC audio if
// any), then copies every packet of its first video and first audio stream
// into `output` with 'moov' before 'mdat' and timestamps from 0, validating
// the file on the way (validate.hpp): one read of the input, one write of
// the output. `output` appears only when complete (temporary name +
// rename). Errors are ErrorCode::media with a message that says what is
// wrong with the file; the caller adds which lesson and URL it came from.
// The returned MediaInfo describes the input, with packet_count set to the
// packets copied.
Result<MediaInfo> remux_to_faststart(const std::filesystem::path& input,
                                     const std::filesystem::path& output);

}  // namespace packager::media
