#pragma once
// Internal to the media stage: how many bytes to reserve for 'moov' before
// 'mdat', so the remuxer writes the sample tables in place at the end
// instead of rewriting the whole file (libavformat's faststart pass).

#include <cstdint>
#include <vector>

#include "packager/media/av_handles.hpp"

namespace packager::media {

// A generous upper bound of the 'moov' box the MP4 muxer will write for the
// input streams kept by `mapping` (input index -> output index, -1 dropped),
// from the input's duration, frame rate and audio frame size. Returns 0 when
// the input does not say enough to bound it (unknown duration or rate) or
// the bound is implausibly large: the caller then uses faststart. Never fails.
std::int64_t estimate_moov_bytes(const AVFormatContext& input, const std::vector<int>& mapping);

}  // namespace packager::media
