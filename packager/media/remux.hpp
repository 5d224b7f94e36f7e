#pragma once
// Remuxing PeerTube's fragmented MP4 into a progressive, faststart MP4 that
// browsers play from an LMS or a USB stick: stream copy, no re-encoding.

#include <cstdint>
#include <filesystem>
#include <optional>

#include "packager/core/error.hpp"
#include "packager/media/probe.hpp"
#include "packager/media/validate.hpp"

namespace packager::media {

// Checks the input holds browser-playable streams (H.264 video, AAC audio if
// any), then copies every packet of its first video and first audio stream
// into `output` with 'moov' before 'mdat' and timestamps from 0, validating
// the file on the way (validate.hpp): one read of the input, one write of
// the output (see below for small inputs). `output` appears only when complete (temporary name +
// rename). Errors are ErrorCode::media with a message that says what is
// wrong with the file; the caller adds which lesson and URL it came from.
// The returned MediaInfo describes the input, with packet_count set to the
// packets copied.
//
// 'moov' goes into room reserved after the header when the input has at
// least `reserve_from_bytes` (one write of each byte; the spare room stays
// as a 'free' box): the room is computed from the input's real sample
// tables (moov_reserve.hpp). Below that size, for an input whose tables
// cannot be read, and should the room be too small or leave more than
// max(1% of the file, 256 KiB) spare (then the input is read a second
// time), libavformat's faststart moves 'moov' at the end by rewriting the
// file, which is cheap for small files and leaves no spare room. Stream
// side data (the display matrix of a rotated phone video...) is kept.
inline constexpr std::uintmax_t k_reserve_from_bytes = 16u * 1024 * 1024;
// With `crc32` given, it receives the output's CRC-32, summed as the file
// was written (nullopt when it could not be).
Result<MediaInfo> remux_to_faststart(const std::filesystem::path& input,
                                     const std::filesystem::path& output,
                                     std::uintmax_t reserve_from_bytes = k_reserve_from_bytes,
                                     std::optional<std::uint32_t>* crc32 = nullptr);

// The same for a video split in two files, as newer PeerTube instances
// store it: the first video stream of `video` and the first audio stream of
// `audio` are copied (no re-encode) into one faststart MP4, interleaved by
// decode time, both shifted by the same amount so they stay in sync. Both
// files are validated as above; their lengths must agree (within half a
// second, or 2% of a long video), else ErrorCode::media: "the video file
// lasts 10.0 s but the audio file 4.0 s: ...". The MediaInfo describes the
// video file with the audio file's audio.
Result<MediaInfo> mux_split_to_faststart(const std::filesystem::path& video, const std::filesystem::path& audio,
                                         const std::filesystem::path& output,
                                         std::uintmax_t reserve_from_bytes = k_reserve_from_bytes,
                                         std::optional<std::uint32_t>* crc32 = nullptr);

}  // namespace packager::media
