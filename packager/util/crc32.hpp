#pragma once
// CRC-32 (zlib's, the one zip headers hold) of a file, so a video's
// checksum can be recorded once and handed to the zip writer, which then
// computes the zip's SHA-256 while it writes (archive/zip_sink.hpp).

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <vector>

#include "packager/core/error.hpp"

namespace packager::util {

// Reads `path` in 1 MiB blocks. ErrorCode::input naming it when it cannot
// be read.
Result<std::uint32_t> crc32_file(const std::filesystem::path& path);

// The CRC-32 of a file from the writes that made it, in whatever order
// they came (a muxer writes a header, the data, then seeks back to patch
// the header). Each 1 MiB block written once, front to back, is summed as
// it passes; any other block (written twice, out of order, or not at all)
// is read back from the file by finish(). Memory: 12 bytes per MiB.
class WrittenCrc32 {
 public:
  // `size` bytes at `data` were written at `offset`.
  void wrote(std::uint64_t offset, const unsigned char* data, std::size_t size);
  // The CRC-32 of the first `size` bytes of the file open at `fd` (for
  // reading), reading back only the blocks the writes did not give.
  // ErrorCode::input when they cannot be read.
  Result<std::uint32_t> finish(int fd, std::uint64_t size) const;

  static constexpr std::uint64_t k_block = 1u << 20;

 private:
  struct Block {
    std::uint32_t crc = 0;
    std::uint32_t filled = 0;  // bytes summed, from the block's start
    bool dirty = false;        // written out of order: read it back
  };
  std::vector<Block> m_blocks;
};

}  // namespace packager::util
