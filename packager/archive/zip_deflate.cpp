#include "packager/archive/zip_deflate.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

#include <zlib.h>

#include "packager/util/parallel.hpp"

namespace packager::archive {
namespace {

// libzip's deflate settings for level 9 (zip_algorithm_deflate.c): the same
// stream, byte for byte, so a zip's bytes do not depend on -j.
constexpr int k_level = 9;
constexpr int k_mem_level = 9;
constexpr int k_raw_window = -15;

std::optional<Deflated> deflate_one(std::string_view input) {
  // zlib counts in uInt; an entry that large (none is: lessons are capped at
  // 1 MiB) is left to libzip.
  if (input.size() > std::numeric_limits<uInt>::max() / 2) return std::nullopt;
  z_stream z{};
  if (deflateInit2(&z, k_level, Z_DEFLATED, k_raw_window, k_mem_level, Z_DEFAULT_STRATEGY) != Z_OK)
    return std::nullopt;
  Deflated out;
  out.size = input.size();
  out.data.resize(deflateBound(&z, static_cast<uLong>(input.size())));
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  z.avail_in = static_cast<uInt>(input.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data.data());
  z.avail_out = static_cast<uInt>(out.data.size());
  // deflateBound room: one call finishes the stream.
  const bool ok = deflate(&z, Z_FINISH) == Z_STREAM_END;
  out.data.resize(z.total_out);
  deflateEnd(&z);
  if (!ok || out.data.size() >= input.size()) return std::nullopt;
  out.crc32 = static_cast<std::uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(input.data()), static_cast<uInt>(input.size())));
  return out;
}

struct Reader {
  const Deflated* entry;
  std::uint64_t at = 0;
};

zip_int64_t read_deflated(void* userdata, void* data, zip_uint64_t length, zip_source_cmd_t command) {
  auto& reader = *static_cast<Reader*>(userdata);
  const Deflated& entry = *reader.entry;
  switch (command) {
    case ZIP_SOURCE_OPEN: reader.at = 0; return 0;
    case ZIP_SOURCE_READ: {
      const auto n = std::min<std::uint64_t>(length, entry.data.size() - reader.at);
      std::memcpy(data, entry.data.data() + reader.at, n);
      reader.at += n;
      return static_cast<zip_int64_t>(n);
    }
    case ZIP_SOURCE_CLOSE: return 0;
    case ZIP_SOURCE_STAT: {
      // Declaring the method, sizes and CRC is what makes libzip copy the
      // data instead of compressing it.
      auto* st = static_cast<zip_stat_t*>(data);
      zip_stat_init(st);
      st->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC;
      st->size = entry.size;
      st->comp_size = entry.data.size();
      st->comp_method = ZIP_CM_DEFLATE;
      st->crc = entry.crc32;
      return sizeof(*st);
    }
    case ZIP_SOURCE_ERROR: return zip_error_to_data(nullptr, data, length);
    case ZIP_SOURCE_FREE: delete &reader; return 0;
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                            ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default: return -1;
  }
}

}  // namespace

std::vector<std::optional<Deflated>> deflate_entries(const std::vector<std::string_view>& inputs,
                                                     std::size_t workers) {
  // No item stops the others: each one not deflated is simply libzip's.
  auto results = util::parallel_for(
      inputs.size(), workers, [&](std::size_t i) { return deflate_one(inputs[i]); },
      [](const std::optional<Deflated>&) { return false; });
  std::vector<std::optional<Deflated>> out;
  out.reserve(results.size());
  for (auto& result : results) out.push_back(result ? std::move(*result) : std::nullopt);
  return out;
}

zip_source_t* deflated_source(zip_t* zip, const Deflated& entry) {
  auto* reader = new Reader{&entry};
  zip_source_t* source = zip_source_function(zip, read_deflated, reader);
  if (source == nullptr) delete reader;
  return source;
}

}  // namespace packager::archive
