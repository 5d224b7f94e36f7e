#pragma once
// Internal to the media stage: the real sample tables of an MP4 input, read
// from its boxes (a few bytes per box, never the media payloads): from the
// 'trun' boxes of every fragment of a fragmented file (PeerTube's web
// videos and HLS single files, with or without 'sidx'), or from 'stbl' of a
// progressive file. They size the 'moov' the muxer will write
// (moov_reserve.hpp) from actual counts instead of a guess from the
// duration.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <vector>

namespace packager::media {

struct TrackSamples {
  std::uint32_t timescale = 0;        // ticks per second of dts
  std::vector<std::int64_t> dts;      // decode time of every sample, in file order
  std::vector<std::uint32_t> sizes;   // bytes of every sample
  std::int64_t duration_runs = 0;     // runs of equal sample durations ('stts' entries)
  std::int64_t offset_runs = 0;       // runs of equal composition offsets ('ctts' entries); 0 if all are 0
  std::int64_t sync_samples = 0;      // keyframes ('stss' entries; all samples when every one is)
  std::size_t count() const { return dts.size(); }
};

// Every track of `path` by track ID. Nothing (no estimate possible) when
// the file is not ISO-BMFF, a box is damaged or cut, or a table is in a
// form this reader does not know ('stz2', a fragment naming an unknown
// track): the caller then uses faststart. Never fails otherwise.
std::optional<std::map<std::uint32_t, TrackSamples>> read_sample_tables(const std::filesystem::path& path);

}  // namespace packager::media
