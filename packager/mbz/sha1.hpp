#pragma once
// SHA-1 (OpenSSL libcrypto): Moodle names every stored file by the SHA-1 of
// its bytes (its "contenthash"), in its file pool and in backups.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "packager/core/error.hpp"

namespace packager::mbz {

// Streaming SHA-1, for bytes read block by block.
class Sha1 {
 public:
  Sha1();
  Sha1(Sha1&&) noexcept;
  Sha1& operator=(Sha1&&) noexcept;
  ~Sha1();
  void update(std::string_view bytes);
  // Lower-case hex digest; the object must not be updated afterwards.
  std::string hex_digest();

 private:
  struct Ctx;
  std::unique_ptr<Ctx> m_ctx;
};

// Lower-case hex SHA-1 of `bytes`.
std::string sha1_hex(std::string_view bytes);

// SHA-1 of a file, read in 1 MiB blocks. ErrorCode::output when it cannot
// be read (it is one of the build's own files).
Result<std::string> sha1_file(const std::filesystem::path& path);

}  // namespace packager::mbz
