#pragma once
// Streaming SHA-256 (OpenSSL libcrypto), so hashes are computed while bytes
// flow through a download or a copy rather than in a second pass.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "packager/core/error.hpp"

namespace packager::util {

class Sha256 {
 public:
  Sha256();
  Sha256(Sha256&&) noexcept;
  Sha256& operator=(Sha256&&) noexcept;
  ~Sha256();

  void update(std::string_view bytes);
  void update(const void* data, size_t size);
  // Lower-case hex digest. The object must not be updated afterwards.
  std::string hex_digest();

 private:
  struct Deleter {
    void operator()(void* ctx) const;
  };
  std::unique_ptr<void, Deleter> m_ctx;
};

std::string sha256_hex(std::string_view bytes);

// Hashes a file in 1 MiB blocks. ErrorCode::input when it cannot be read.
Result<std::string> sha256_file(const std::filesystem::path& path);

// Whether `text` is a digest as hex_digest() writes it: 64 lower-case hex
// digits (a record read back from disk is checked with it).
bool is_sha256_hex(std::string_view text);

}  // namespace packager::util
