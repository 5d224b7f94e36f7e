#include "packager/media/boxes.hpp"

#include <cstdint>
#include <fstream>
#include <string>

#include <fmt/format.h>

namespace packager::media {

Result<void> check_top_level_boxes(const std::filesystem::path& path) {
  std::error_code ec;
  const std::uint64_t file_size = std::filesystem::file_size(path, ec);
  if (ec) return fail(ErrorCode::media, fmt::format("cannot read {}: {}", path.string(), ec.message()));
  std::ifstream in(path, std::ios::binary);
  std::uint64_t offset = 0;
  while (offset < file_size) {
    unsigned char header[16];
    const std::uint64_t remaining = file_size - offset;
    in.seekg(static_cast<std::streamoff>(offset));
    const std::uint64_t readable = remaining < 16 ? remaining : 16;
    if (!in.read(reinterpret_cast<char*>(header), static_cast<std::streamsize>(readable)))
      return fail(ErrorCode::media, fmt::format("cannot read {}", path.string()));
    const std::string type(reinterpret_cast<char*>(header) + 4, remaining >= 8 ? 4 : 0);
    std::uint64_t size = 0;
    if (remaining >= 8) {
      size = (std::uint64_t{header[0]} << 24) | (std::uint64_t{header[1]} << 16) | (std::uint64_t{header[2]} << 8) |
             header[3];
      if (size == 1 && remaining >= 16) {
        size = 0;
        for (int i = 8; i < 16; ++i) size = (size << 8) | header[i];
      } else if (size == 1) {
        size = 16;  // a 64-bit size that is itself cut off
      }
      if (size == 0) return {};  // "to the end of the file"
    }
    if (remaining < 8 || size > remaining)
      return fail(ErrorCode::media,
                  fmt::format("the file is truncated or its last fragment is incomplete: the {} box at byte {} "
                              "needs {} bytes but only {} remain",
                              remaining >= 8 ? "'" + type + "'" : "last", offset, remaining >= 8 ? size : 8,
                              remaining));
    if (size < 8) return fail(ErrorCode::media, fmt::format("the MP4 box at byte {} is damaged", offset));
    offset += size;
  }
  return {};
}

std::uint64_t spare_room(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::uint64_t offset = 0;
  for (const char* expected : {"ftyp", "moov", "free"}) {
    unsigned char header[8];
    in.seekg(static_cast<std::streamoff>(offset));
    if (!in.read(reinterpret_cast<char*>(header), 8)) return 0;
    const std::uint64_t size =
        (std::uint64_t{header[0]} << 24) | (std::uint64_t{header[1]} << 16) | (std::uint64_t{header[2]} << 8) | header[3];
    if (std::string(reinterpret_cast<char*>(header) + 4, 4) != expected || size < 8) return 0;
    if (std::string(expected) == "free") return size;
    offset += size;
  }
  return 0;
}

}  // namespace packager::media
