#pragma once
// Internal to the media stage: how many bytes to reserve for 'moov' before
// 'mdat', so the remuxer writes the sample tables in place at the end
// instead of rewriting the whole file (libavformat's faststart pass).

#include <cstdint>
#include <vector>

#include "packager/media/av_handles.hpp"
#include "packager/media/sample_tables.hpp"

namespace packager::media {

// One output stream and the real samples of its input track.
struct KeptTrack {
  const AVStream* stream = nullptr;
  const TrackSamples* samples = nullptr;
};

// The 'moov' box the MP4 muxer will write for `tracks` (in output stream
// order), computed from their actual samples: 'stsz' from the count and
// whether sizes vary, 'stts' / 'ctts' / 'stss' from the runs and keyframes
// the input's tables hold, 'stco' / 'stsc' from the chunks the muxer will
// form when it interleaves the tracks by decode time. `mdat_bytes` (the
// media's size) decides 32- or 64-bit chunk offsets. A small upper bound:
// the fixed boxes are overestimated by a few KB, the tables are exact up to
// a few entries. Returns 0 when a track has no samples.
std::int64_t estimate_moov_bytes(const std::vector<KeptTrack>& tracks, std::uint64_t mdat_bytes);

// The most spare room a reservation may leave as a 'free' box in a file of
// `file_bytes`: 1% of it, or 256 KiB, whichever is larger.
std::int64_t max_spare_bytes(std::uint64_t file_bytes);

}  // namespace packager::media
