#pragma once
// Writes a zip byte by byte (stored entries, no extra fields), so tests can
// build archives no well-behaved writer would produce: "../" names,
// absolute paths, lying size fields. Header-only test helper.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace packager::testing {

inline std::uint32_t crc32_of(const std::string& data) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (const char ch : data) {
    crc ^= static_cast<unsigned char>(ch);
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

struct RawEntry {
  std::string name;
  std::string data;
  // When non-zero, the declared uncompressed size in the central directory
  // (a lie, as in a zip bomb's header).
  std::uint32_t declared_size = 0;
};

inline std::string raw_zip(const std::vector<RawEntry>& entries) {
  const auto u16 = [](std::string& s, std::uint32_t v) {
    s += static_cast<char>(v & 0xff);
    s += static_cast<char>((v >> 8) & 0xff);
  };
  const auto u32 = [&](std::string& s, std::uint32_t v) {
    u16(s, v & 0xffff);
    u16(s, v >> 16);
  };
  std::string out;
  std::string central;
  for (const auto& e : entries) {
    const auto offset = static_cast<std::uint32_t>(out.size());
    const std::uint32_t crc = crc32_of(e.data);
    const auto size = static_cast<std::uint32_t>(e.data.size());
    u32(out, 0x04034b50);
    u16(out, 10);
    u16(out, 0);
    u16(out, 0);  // stored
    u16(out, 0);
    u16(out, 0x21);  // 1980-01-01
    u32(out, crc);
    u32(out, size);
    u32(out, size);
    u16(out, static_cast<std::uint32_t>(e.name.size()));
    u16(out, 0);
    out += e.name;
    out += e.data;
    u32(central, 0x02014b50);
    u16(central, 0x031e);
    u16(central, 10);
    u16(central, 0);
    u16(central, 0);
    u16(central, 0);
    u16(central, 0x21);
    u32(central, crc);
    u32(central, size);
    u32(central, e.declared_size != 0 ? e.declared_size : size);
    u16(central, static_cast<std::uint32_t>(e.name.size()));
    u16(central, 0);
    u16(central, 0);
    u16(central, 0);
    u16(central, 0);
    u32(central, 0);
    u32(central, offset);
    central += e.name;
  }
  const auto cd_offset = static_cast<std::uint32_t>(out.size());
  out += central;
  u32(out, 0x06054b50);
  u16(out, 0);
  u16(out, 0);
  u16(out, static_cast<std::uint32_t>(entries.size()));
  u16(out, static_cast<std::uint32_t>(entries.size()));
  u32(out, static_cast<std::uint32_t>(central.size()));
  u32(out, cd_offset);
  u16(out, 0);
  return out;
}

}  // namespace packager::testing
