#include "packager/media/sample_tables.hpp"

#include <fstream>
#include <string>
#include <string_view>

namespace packager::media {
namespace {

// A bounds-checked big-endian reader over one box's payload. Reading past
// the end sets `bad` and yields zeros, so a damaged box gives no estimate.
class Reader {
 public:
  explicit Reader(std::string_view data) : m_data(data) {}
  std::uint64_t u(int bytes) {
    if (m_at + static_cast<size_t>(bytes) > m_data.size()) {
      m_bad = true;
      m_at = m_data.size();
      return 0;
    }
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<unsigned char>(m_data[m_at++]);
    return v;
  }
  std::uint32_t u32() { return static_cast<std::uint32_t>(u(4)); }
  void skip(size_t bytes) {
    if (m_at + bytes > m_data.size()) m_bad = true;
    m_at = std::min(m_at + bytes, m_data.size());
  }
  size_t left() const { return m_data.size() - m_at; }
  bool bad() const { return m_bad; }

 private:
  std::string_view m_data;
  size_t m_at = 0;
  bool m_bad = false;
};

struct Box {
  std::string type;
  std::string_view payload;
};

// The child boxes of a container payload; false when one is damaged.
bool children(std::string_view data, std::vector<Box>& out) {
  size_t at = 0;
  while (at + 8 <= data.size()) {
    Reader r(data.substr(at));
    std::uint64_t size = r.u32();
    const std::string type(data.substr(at + 4, 4));
    size_t header = 8;
    if (size == 1) {
      r.skip(4);
      size = r.u(8);
      header = 16;
    } else if (size == 0) {
      size = data.size() - at;
    }
    if (size < header || size > data.size() - at) return false;
    out.push_back(Box{type, data.substr(at + header, size - header)});
    at += size;
  }
  return at == data.size();
}

const Box* find(const std::vector<Box>& boxes, std::string_view type) {
  for (const auto& b : boxes)
    if (b.type == type) return &b;
  return nullptr;
}

struct TrackDefaults {
  std::uint32_t duration = 0;
  std::uint32_t size = 0;
  std::uint32_t flags = 0;
};

bool is_sync(std::uint32_t sample_flags) { return ((sample_flags >> 16) & 1) == 0; }

// Adds one sample, keeping the run counts as it goes.
struct Builder {
  TrackSamples t;
  std::int64_t next_dts = 0;
  std::int64_t last_duration = -1;
  std::int64_t last_offset = 0;
  bool any_offset = false;
  std::int64_t offset_runs = 0;
  void add(std::int64_t dts, std::int64_t duration, std::int64_t offset, std::uint32_t size, bool sync) {
    t.dts.push_back(dts);
    t.sizes.push_back(size);
    if (duration != last_duration) ++t.duration_runs;
    last_duration = duration;
    if (t.dts.size() == 1 || offset != last_offset) ++offset_runs;
    last_offset = offset;
    any_offset = any_offset || offset != 0;
    if (sync) ++t.sync_samples;
    next_dts = dts + duration;
  }
  TrackSamples finish() {
    t.offset_runs = any_offset ? offset_runs : 0;
    return std::move(t);
  }
};

// A progressive file's 'stbl': stts, ctts, stss, stsz.
bool read_stbl(std::string_view stbl, Builder& b) {
  std::vector<Box> boxes;
  if (!children(stbl, boxes)) return false;
  const Box* stts = find(boxes, "stts");
  const Box* stsz = find(boxes, "stsz");
  if (stts == nullptr || stsz == nullptr) return false;
  Reader sz(stsz->payload);
  sz.skip(4);
  const std::uint32_t fixed_size = sz.u32();
  const std::uint32_t count = sz.u32();
  Reader ts(stts->payload);
  ts.skip(4);
  std::vector<std::int64_t> durations;
  for (std::uint32_t e = ts.u32(); e > 0 && !ts.bad(); --e) {
    const std::uint32_t n = ts.u32();
    const std::uint32_t delta = ts.u32();
    if (n > count || durations.size() + n > count) return false;
    durations.insert(durations.end(), n, delta);
  }
  if (ts.bad() || durations.size() != count) return false;
  std::vector<std::int64_t> offsets(count, 0);
  if (const Box* ctts = find(boxes, "ctts")) {
    Reader cs(ctts->payload);
    cs.skip(4);
    size_t at = 0;
    for (std::uint32_t e = cs.u32(); e > 0 && !cs.bad(); --e) {
      const std::uint32_t n = cs.u32();
      const auto offset = static_cast<std::int32_t>(cs.u32());
      for (std::uint32_t k = 0; k < n && at < count; ++k) offsets[at++] = offset;
    }
    if (cs.bad()) return false;
  }
  std::vector<bool> sync(count, true);
  if (const Box* stss = find(boxes, "stss")) {
    sync.assign(count, false);
    Reader ss(stss->payload);
    ss.skip(4);
    for (std::uint32_t e = ss.u32(); e > 0 && !ss.bad(); --e)
      if (const std::uint32_t n = ss.u32(); n >= 1 && n <= count) sync[n - 1] = true;
    if (ss.bad()) return false;
  }
  std::int64_t dts = 0;
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::uint32_t size = fixed_size != 0 ? fixed_size : sz.u32();
    b.add(dts, durations[i], offsets[i], size, sync[i]);
    dts += durations[i];
  }
  return !sz.bad();
}

// One 'traf' of a 'moof': tfhd, tfdt, then every trun.
bool read_traf(std::string_view traf, std::map<std::uint32_t, Builder>& tracks,
               const std::map<std::uint32_t, TrackDefaults>& defaults) {
  std::vector<Box> boxes;
  if (!children(traf, boxes)) return false;
  const Box* tfhd = find(boxes, "tfhd");
  if (tfhd == nullptr) return false;
  Reader h(tfhd->payload);
  const std::uint32_t tf_flags = h.u32() & 0xFFFFFF;
  const std::uint32_t id = h.u32();
  auto track = tracks.find(id);
  if (track == tracks.end()) return false;
  TrackDefaults d;
  if (auto it = defaults.find(id); it != defaults.end()) d = it->second;
  if (tf_flags & 0x01) h.skip(8);
  if (tf_flags & 0x02) h.skip(4);
  if (tf_flags & 0x08) d.duration = h.u32();
  if (tf_flags & 0x10) d.size = h.u32();
  if (tf_flags & 0x20) d.flags = h.u32();
  if (h.bad()) return false;
  Builder& b = track->second;
  std::int64_t dts = b.next_dts;
  if (const Box* tfdt = find(boxes, "tfdt")) {
    Reader t(tfdt->payload);
    const auto version = t.u(1);
    t.skip(3);
    dts = static_cast<std::int64_t>(t.u(version == 1 ? 8 : 4));
    if (t.bad()) return false;
  }
  for (const Box& box : boxes) {
    if (box.type != "trun") continue;
    Reader r(box.payload);
    r.skip(1);
    const auto flags = static_cast<std::uint32_t>(r.u(3));
    const std::uint32_t count = r.u32();
    if (flags & 0x01) r.skip(4);
    std::optional<std::uint32_t> first_flags;
    if (flags & 0x04) first_flags = r.u32();
    // Each sample's fields; a count the box cannot hold is damage.
    const int per_sample = 4 * (((flags & 0x100) != 0) + ((flags & 0x200) != 0) + ((flags & 0x400) != 0) +
                                ((flags & 0x800) != 0));
    if (static_cast<std::uint64_t>(count) * static_cast<std::uint64_t>(per_sample) > r.left()) return false;
    for (std::uint32_t i = 0; i < count; ++i) {
      const std::int64_t duration = (flags & 0x100) ? r.u32() : d.duration;
      const std::uint32_t size = (flags & 0x200) ? r.u32() : d.size;
      std::uint32_t sample_flags = (flags & 0x400) ? r.u32() : d.flags;
      if (i == 0 && first_flags) sample_flags = *first_flags;
      const std::int64_t offset = (flags & 0x800) ? static_cast<std::int32_t>(r.u32()) : 0;
      b.add(dts, duration, offset, size, is_sync(sample_flags));
      dts += duration;
    }
    if (r.bad()) return false;
  }
  b.next_dts = dts;
  return true;
}

// A whole top-level box into memory: 'moov' and 'moof' are small next to
// the media ('moov' of a long progressive file is a few MB at most).
constexpr std::uint64_t k_max_box_read = 256ull * 1024 * 1024;

}  // namespace

std::optional<std::map<std::uint32_t, TrackSamples>> read_sample_tables(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::error_code ec;
  const std::uint64_t file_size = std::filesystem::file_size(path, ec);
  if (ec) return std::nullopt;
  std::map<std::uint32_t, Builder> tracks;
  std::map<std::uint32_t, TrackDefaults> defaults;
  bool have_moov = false;
  std::uint64_t offset = 0;
  std::string buffer;
  while (offset + 8 <= file_size) {
    unsigned char header[16];
    in.seekg(static_cast<std::streamoff>(offset));
    if (!in.read(reinterpret_cast<char*>(header), 8)) return std::nullopt;
    std::uint64_t size = (std::uint64_t{header[0]} << 24) | (header[1] << 16) | (header[2] << 8) | header[3];
    const std::string type(reinterpret_cast<char*>(header) + 4, 4);
    std::uint64_t header_size = 8;
    if (size == 1) {
      if (!in.read(reinterpret_cast<char*>(header) + 8, 8)) return std::nullopt;
      size = 0;
      for (int i = 8; i < 16; ++i) size = (size << 8) | header[i];
      header_size = 16;
    } else if (size == 0) {
      size = file_size - offset;
    }
    if (size < header_size || size > file_size - offset) return std::nullopt;
    if (type == "moov" || type == "moof") {
      if (size - header_size > k_max_box_read) return std::nullopt;
      buffer.resize(size - header_size);
      if (!in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()))) return std::nullopt;
      std::vector<Box> boxes;
      if (!children(buffer, boxes)) return std::nullopt;
      if (type == "moov") {
        if (have_moov) return std::nullopt;
        have_moov = true;
        for (const Box& trak : boxes) {
          if (trak.type != "trak") continue;
          std::vector<Box> t;
          if (!children(trak.payload, t)) return std::nullopt;
          const Box* tkhd = find(t, "tkhd");
          const Box* mdia = find(t, "mdia");
          if (tkhd == nullptr || mdia == nullptr) return std::nullopt;
          Reader th(tkhd->payload);
          const auto version = th.u(1);
          th.skip(3 + (version == 1 ? 16 : 8));
          const std::uint32_t id = th.u32();
          std::vector<Box> m, minf;
          if (th.bad() || !children(mdia->payload, m)) return std::nullopt;
          const Box* mdhd = find(m, "mdhd");
          const Box* minf_box = find(m, "minf");
          if (mdhd == nullptr || minf_box == nullptr || !children(minf_box->payload, minf)) return std::nullopt;
          Reader md(mdhd->payload);
          const auto mv = md.u(1);
          md.skip(3 + (mv == 1 ? 16 : 8));
          Builder& b = tracks[id];
          b.t.timescale = md.u32();
          const Box* stbl = find(minf, "stbl");
          if (md.bad() || b.t.timescale == 0 || stbl == nullptr || !read_stbl(stbl->payload, b)) return std::nullopt;
        }
        if (const Box* mvex = find(boxes, "mvex")) {
          std::vector<Box> ex;
          if (!children(mvex->payload, ex)) return std::nullopt;
          for (const Box& trex : ex) {
            if (trex.type != "trex") continue;
            Reader r(trex.payload);
            r.skip(4);
            const std::uint32_t id = r.u32();
            r.skip(4);
            TrackDefaults d;
            d.duration = r.u32();
            d.size = r.u32();
            d.flags = r.u32();
            if (r.bad()) return std::nullopt;
            defaults[id] = d;
          }
        }
      } else {
        if (!have_moov) return std::nullopt;
        for (const Box& traf : boxes)
          if (traf.type == "traf" && !read_traf(traf.payload, tracks, defaults)) return std::nullopt;
      }
    }
    offset += size;
  }
  if (!have_moov || offset != file_size) return std::nullopt;
  std::map<std::uint32_t, TrackSamples> out;
  for (auto& [id, b] : tracks) out.emplace(id, b.finish());
  return out;
}

}  // namespace packager::media
