#pragma once
// Remuxing PeerTube's fragmented MP4 into a progressive, faststart MP4 that
// browsers play from an LMS or a USB stick: stream copy, no re-encoding.

#include <filesystem>

#include "packager/core/error.hpp"
#include "packager/media/probe.hpp"

namespace packager::media {

// Checks the input holds browser-playable streams (H.264 video, AAC audio if
// any), then copies every packet into `output` with 'moov' before 'mdat'.
// `output` appears only when complete (temporary name + rename). Errors are
// ErrorCode::media with a message that says what is wrong with the file;
// the caller adds which lesson and URL it came from.
Result<MediaInfo> remux_to_faststart(const std::filesystem::path& input,
                                     const std::filesystem::path& output);

// Whether a codec plays in MP4 in every current browser.
bool browser_safe_video(const std::string& codec_name);
bool browser_safe_audio(const std::string& codec_name);

}  // namespace packager::media
