#pragma once
// Internal to the media stage: shared by probe and remux.

#include <filesystem>

#include "packager/core/error.hpp"
#include "packager/media/av_handles.hpp"
#include "packager/media/probe.hpp"

namespace packager::media {

// Opens a file and reads its stream information. ErrorCode::media if not media.
Result<InputContext> open_input(const std::filesystem::path& path);

MediaInfo describe(const AVFormatContext& ctx);

// Whether libavformat read it as ISO-BMFF (MP4, MOV, M4A...).
bool is_mp4_family(const AVFormatContext& ctx);

}  // namespace packager::media
