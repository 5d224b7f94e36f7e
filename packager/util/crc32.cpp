#include "packager/util/crc32.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include <fmt/format.h>
#include <zlib.h>

namespace packager::util {

Result<std::uint32_t> crc32_file(const std::filesystem::path& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr)
    return fail(ErrorCode::input, fmt::format("cannot read {}: {}", path.string(), std::strerror(errno)));
  uLong crc = ::crc32(0L, Z_NULL, 0);
  std::vector<unsigned char> buffer(1 << 20);
  size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), file)) > 0) crc = ::crc32(crc, buffer.data(), static_cast<uInt>(n));
  const bool failed = std::ferror(file) != 0;
  std::fclose(file);
  if (failed) return fail(ErrorCode::input, fmt::format("cannot read {}", path.string()));
  return static_cast<std::uint32_t>(crc);
}

}  // namespace packager::util
