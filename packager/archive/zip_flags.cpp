#include "packager/archive/zip_flags.hpp"

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace packager::archive {
namespace {

constexpr std::uint16_t k_utf8_flag = 1u << 11;

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

std::uint64_t le(const unsigned char* p, int bytes) {
  std::uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

bool read_at(std::FILE* f, std::uint64_t offset, void* out, size_t size) {
  return std::fseek(f, static_cast<long>(offset), SEEK_SET) == 0 && std::fread(out, 1, size, f) == size;
}

bool write_flag(std::FILE* f, std::uint64_t offset, std::uint16_t flags) {
  const unsigned char bytes[2] = {static_cast<unsigned char>(flags & 0xff), static_cast<unsigned char>(flags >> 8)};
  return std::fseek(f, static_cast<long>(offset), SEEK_SET) == 0 && std::fwrite(bytes, 1, 2, f) == 2;
}

// The local header offset of a central entry: in the entry, or in its
// ZIP64 extra field when the entry says 0xFFFFFFFF.
std::uint64_t local_offset(const unsigned char* entry) {
  std::uint64_t offset = le(entry + 42, 4);
  if (offset != 0xFFFFFFFFu) return offset;
  const std::uint64_t name_len = le(entry + 28, 2);
  const std::uint64_t extra_len = le(entry + 30, 2);
  const unsigned char* extra = entry + 46 + name_len;
  for (std::uint64_t at = 0; at + 4 <= extra_len;) {
    const std::uint64_t id = le(extra + at, 2);
    const std::uint64_t size = le(extra + at + 2, 2);
    if (id == 1) {
      std::uint64_t field = at + 4;
      if (le(entry + 24, 4) == 0xFFFFFFFFu) field += 8;  // uncompressed size present
      if (le(entry + 20, 4) == 0xFFFFFFFFu) field += 8;  // compressed size present
      return le(extra + field, 8);
    }
    at += 4 + size;
  }
  return offset;
}

}  // namespace

Result<int> set_utf8_flags(const std::filesystem::path& zip) {
  const auto bad = [&](const char* what) {
    return fail(ErrorCode::output, fmt::format("cannot set UTF-8 flags in {}: {}", zip.string(), what));
  };
  std::unique_ptr<std::FILE, FileCloser> f(std::fopen(zip.c_str(), "r+b"));
  if (!f) return bad("cannot open");
  if (std::fseek(f.get(), 0, SEEK_END) != 0) return bad("cannot seek");
  const long end = std::ftell(f.get());
  if (end < 22) return bad("too short");
  unsigned char eocd[22];
  if (!read_at(f.get(), static_cast<std::uint64_t>(end) - 22, eocd, 22) || le(eocd, 4) != 0x06054b50)
    return bad("no end of central directory record");
  std::uint64_t count = le(eocd + 10, 2);
  std::uint64_t cd_size = le(eocd + 12, 4);
  std::uint64_t cd_offset = le(eocd + 16, 4);
  if (cd_offset == 0xFFFFFFFFu || count == 0xFFFFu || cd_size == 0xFFFFFFFFu) {
    unsigned char locator[20];
    if (end < 42 || !read_at(f.get(), static_cast<std::uint64_t>(end) - 42, locator, 20) ||
        le(locator, 4) != 0x07064b50)
      return bad("no ZIP64 locator");
    unsigned char record[56];
    if (!read_at(f.get(), le(locator + 8, 8), record, 56) || le(record, 4) != 0x06064b50)
      return bad("no ZIP64 end of central directory record");
    count = le(record + 32, 8);
    cd_size = le(record + 40, 8);
    cd_offset = le(record + 48, 8);
  }
  std::vector<unsigned char> cd(cd_size);
  if (!read_at(f.get(), cd_offset, cd.data(), cd.size())) return bad("cannot read the central directory");
  std::uint64_t at = 0;
  int patched = 0;
  for (std::uint64_t i = 0; i < count; ++i) {
    if (at + 46 > cd.size() || le(&cd[at], 4) != 0x02014b50) return bad("damaged central directory");
    const unsigned char* entry = &cd[at];
    const auto flags = static_cast<std::uint16_t>(le(entry + 8, 2) | k_utf8_flag);
    if (flags != le(entry + 8, 2)) {
      if (!write_flag(f.get(), cd_offset + at + 8, flags)) return bad("cannot write");
      ++patched;
    }
    const std::uint64_t local = local_offset(entry);
    unsigned char header[8];
    if (!read_at(f.get(), local, header, 8) || le(header, 4) != 0x04034b50) return bad("damaged local header");
    const auto local_flags = static_cast<std::uint16_t>(le(header + 6, 2) | k_utf8_flag);
    if (local_flags != le(header + 6, 2)) {
      if (!write_flag(f.get(), local + 6, local_flags)) return bad("cannot write");
      ++patched;
    }
    at += 46 + le(entry + 28, 2) + le(entry + 30, 2) + le(entry + 32, 2);
  }
  if (std::fflush(f.get()) != 0) return bad("cannot write");
  return patched;
}

}  // namespace packager::archive
