#include "packager/media/moov_reserve.hpp"

#include <algorithm>
#include <cstdint>

namespace packager::media {
namespace {

// The boxes whose size does not grow with the samples, about 1.5 KB in
// ffmpeg's output for two tracks: mvhd, trak/tkhd/edts/mdia/hdlr/minf/dinf/
// stsd, udta, AAC's 'sgpd'/'sbgp' roll group; plus each codec's extradata.
constexpr std::int64_t k_fixed_bytes = 4 * 1024;
constexpr std::int64_t k_track_fixed_bytes = 1024;
// The MP4 muxer closes a chunk at 1 MiB (movenc's build_chunks).
constexpr std::uint64_t k_max_chunk_bytes = 1u << 20;
// A full box header with its entry count.
constexpr std::int64_t k_table_header = 16;

// Chunks the muxer forms for each track: a chunk is a run of one track's
// samples that sit next to each other in 'mdat', and the interleaver writes
// samples in decode-time order (ties: the lower stream index first). Also
// the runs of equal samples-per-chunk ('stsc' entries).
struct Chunking {
  std::int64_t chunks = 0;
  std::int64_t stsc_entries = 0;
  std::int64_t last_samples = -1;  // samples in the chunk before the open one
  std::int64_t open_samples = 0;   // samples in the chunk being filled
  std::uint64_t open_bytes = 0;
  void close() {
    if (open_samples == 0) return;
    ++chunks;
    if (open_samples != last_samples) ++stsc_entries;
    last_samples = open_samples;
    open_samples = 0;
    open_bytes = 0;
  }
};

std::vector<Chunking> simulate_chunks(const std::vector<KeptTrack>& tracks) {
  std::vector<Chunking> chunking(tracks.size());
  std::vector<size_t> next(tracks.size(), 0);
  size_t previous = tracks.size();
  while (true) {
    size_t pick = tracks.size();
    for (size_t k = 0; k < tracks.size(); ++k) {
      const TrackSamples& s = *tracks[k].samples;
      if (next[k] >= s.count()) continue;
      if (pick == tracks.size()) {
        pick = k;
        continue;
      }
      const TrackSamples& p = *tracks[pick].samples;
      // dts_k / timescale_k < dts_pick / timescale_pick, exactly.
      if (av_compare_ts(s.dts[next[k]], AVRational{1, static_cast<int>(s.timescale)}, p.dts[next[pick]],
                        AVRational{1, static_cast<int>(p.timescale)}) < 0)
        pick = k;
    }
    if (pick == tracks.size()) break;
    Chunking& c = chunking[pick];
    const std::uint32_t size = tracks[pick].samples->sizes[next[pick]];
    if (previous != pick || c.open_bytes + size >= k_max_chunk_bytes) c.close();
    ++c.open_samples;
    c.open_bytes += size;
    previous = pick;
    ++next[pick];
  }
  for (auto& c : chunking) c.close();
  return chunking;
}

}  // namespace

std::int64_t estimate_moov_bytes(const std::vector<KeptTrack>& tracks, std::uint64_t mdat_bytes) {
  for (const auto& t : tracks)
    if (t.samples == nullptr || t.samples->count() == 0 || t.samples->timescale == 0) return 0;
  const std::vector<Chunking> chunking = simulate_chunks(tracks);
  const std::int64_t offset_bytes = mdat_bytes > 0xFFFFFFFFull - (64u << 20) ? 8 : 4;
  std::int64_t total = k_fixed_bytes;
  for (size_t k = 0; k < tracks.size(); ++k) {
    const TrackSamples& s = *tracks[k].samples;
    const auto n = static_cast<std::int64_t>(s.count());
    const bool sizes_vary = std::adjacent_find(s.sizes.begin(), s.sizes.end(), std::not_equal_to<>()) != s.sizes.end();
    total += k_track_fixed_bytes + tracks[k].stream->codecpar->extradata_size;
    total += k_table_header + 4 + (sizes_vary ? 4 * n : 0);                    // stsz
    total += k_table_header + 8 * (s.duration_runs + 1);                       // stts (the last duration may differ)
    if (s.offset_runs > 0) total += k_table_header + 8 * (s.offset_runs + 1);  // ctts
    if (s.sync_samples < n) total += k_table_header + 4 * s.sync_samples;      // stss
    total += k_table_header + offset_bytes * chunking[k].chunks;               // stco / co64
    total += k_table_header + 12 * (chunking[k].stsc_entries + 1);             // stsc
  }
  return total;
}

std::int64_t max_spare_bytes(std::uint64_t file_bytes) {
  return std::max<std::int64_t>(static_cast<std::int64_t>(file_bytes / 100), 256 * 1024);
}

}  // namespace packager::media
