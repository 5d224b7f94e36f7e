#pragma once
// Re-encoding a lesson video for weak connections and old devices, or when
// its codec is not one browsers play in MP4 (HEVC, VP9, MPEG-2...): H.264
// (libx264, main profile, yuv420p) and AAC, in a faststart MP4.

#include <functional>
#include <filesystem>
#include <string>

#include "packager/core/error.hpp"
#include "packager/media/media_settings.hpp"
#include "packager/media/probe.hpp"

namespace packager::media {

// The transcoder reads the one MediaSettings value (max_height, crf,
// preset, codecs, audio bit rate); its operation field is not consulted.
using TranscodeOptions = MediaSettings;

// Whether `preset` names an x264 preset (ultrafast ... placebo).
bool is_x264_preset(const std::string& preset);

// Called with the share of the input's duration done, 0..1, about once per percent.
using TranscodeProgress = std::function<void(double)>;

// Decodes `input` and writes `output` (temporary name + rename, 'moov'
// first, timestamps from 0) with H.264 video at most `options.max_height`
// tall and AAC mono audio (when the input has audio). The input is
// validated as it is read (validate.hpp). Errors: ErrorCode::usage for an
// unknown preset, a CRF outside 0..51 or codecs other than h264 + aac, ErrorCode::media for an unusable input, ErrorCode::output when writing fails,
// ErrorCode::interrupted. Returns what the output holds (probe of the
// encoded streams), with packet_count set to the packets written.
Result<MediaInfo> transcode(const std::filesystem::path& input, const std::filesystem::path& output,
                            const TranscodeOptions& options, const TranscodeProgress& progress = {});

}  // namespace packager::media
