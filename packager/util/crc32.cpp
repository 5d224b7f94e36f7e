#include "packager/util/crc32.hpp"

#include <unistd.h>

#include <algorithm>
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

void WrittenCrc32::wrote(std::uint64_t offset, const unsigned char* data, std::size_t size) {
  while (size > 0) {
    const std::uint64_t index = offset / k_block;
    const std::uint64_t within = offset % k_block;
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(size, k_block - within));
    if (index >= m_blocks.size()) m_blocks.resize(index + 1);
    Block& b = m_blocks[index];
    if (!b.dirty && b.filled == within) {
      b.crc = static_cast<std::uint32_t>(::crc32(b.crc, data, static_cast<uInt>(n)));
      b.filled += static_cast<std::uint32_t>(n);
    } else {
      b.dirty = true;
    }
    offset += n;
    data += n;
    size -= n;
  }
}

Result<std::uint32_t> WrittenCrc32::finish(int fd, std::uint64_t size) const {
  uLong total = ::crc32(0L, Z_NULL, 0);
  std::vector<unsigned char> buffer;
  for (std::uint64_t index = 0; index * k_block < size; ++index) {
    const std::uint64_t length = std::min(k_block, size - index * k_block);
    uLong crc = 0;
    if (index < m_blocks.size() && !m_blocks[index].dirty && m_blocks[index].filled == length) {
      crc = m_blocks[index].crc;
    } else {
      buffer.resize(static_cast<std::size_t>(length));
      std::size_t got = 0;
      while (got < length) {
        const ssize_t n = ::pread(fd, buffer.data() + got, static_cast<std::size_t>(length) - got,
                                  static_cast<off_t>(index * k_block + got));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return fail(ErrorCode::input, "cannot read back the file for its CRC-32");
        got += static_cast<std::size_t>(n);
      }
      crc = ::crc32(0L, buffer.data(), static_cast<uInt>(length));
    }
    total = ::crc32_combine(total, crc, static_cast<z_off_t>(length));
  }
  return static_cast<std::uint32_t>(total);
}

}  // namespace packager::util
