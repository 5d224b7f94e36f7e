#include "packager/zim/reproducible.hpp"

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include <fmt/format.h>
#include <openssl/evp.h>

#include "packager/util/sha256.hpp"

namespace packager::zim {
namespace fs = std::filesystem;
namespace {

// A glass database starts with its version block: this 14-byte magic, a
// 2-byte format version, then the 16-byte UUID.
constexpr std::string_view k_glass_magic{"\x0f\x0dXapian Glass", 14};
constexpr std::uint64_t k_uuid_offset = 16;
// In the ZIM header (openZIM "ZIM file format"): where the MD5 checksum is.
constexpr long k_checksum_pos_offset = 72;

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;
struct MdCloser {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

Error io_error(const fs::path& path, const char* what) {
  return Error{ErrorCode::output, fmt::format("{}: cannot {} the ZIM file: {}", path.string(), what,
                                              std::strerror(errno))};
}

// Little-endian reads at absolute offsets of the file.
class Reader {
 public:
  Reader(std::FILE* f, const fs::path& path) : m_f(f), m_path(path) {}
  Result<std::uint64_t> number(std::uint64_t at, int bytes) {
    std::uint8_t buffer[8];
    if (std::fseek(m_f, static_cast<long>(at), SEEK_SET) != 0 ||
        std::fread(buffer, 1, static_cast<size_t>(bytes), m_f) != static_cast<size_t>(bytes))
      return tl::unexpected(io_error(m_path, "read"));
    std::uint64_t value = 0;
    for (int i = bytes - 1; i >= 0; --i) value = (value << 8) | buffer[i];
    return value;
  }
  // A zero-terminated string at `at` (at most 4 KiB).
  Result<std::string> text(std::uint64_t at) {
    std::string value;
    if (std::fseek(m_f, static_cast<long>(at), SEEK_SET) != 0) return tl::unexpected(io_error(m_path, "read"));
    for (int c; (c = std::fgetc(m_f)) != 0;) {
      if (c == EOF || value.size() > 4096) return tl::unexpected(io_error(m_path, "read"));
      value += static_cast<char>(c);
    }
    return value;
  }

 private:
  std::FILE* m_f;
  const fs::path& m_path;
};

// Where each search index's database starts, as byte offsets in the file,
// read from the ZIM's own tables (openZIM "ZIM file format": header, path
// pointer list, directory entries, cluster pointer list, blob offsets).
// libzim's Archive does not open the X namespace.
Result<std::vector<std::uint64_t>> index_offsets(std::FILE* f, const fs::path& path) {
  Reader r(f, path);
  TRY_ASSIGN(const auto magic, r.number(0, 4));
  if (magic != 0x044D495A) return fail(ErrorCode::internal, fmt::format("{}: not a ZIM file", path.string()));
  TRY_ASSIGN(const auto entry_count, r.number(24, 4));
  TRY_ASSIGN(const auto cluster_count, r.number(28, 4));
  TRY_ASSIGN(const auto path_ptr_pos, r.number(32, 8));
  TRY_ASSIGN(const auto cluster_ptr_pos, r.number(48, 8));
  std::vector<std::uint64_t> offsets;
  for (std::uint64_t i = 0; i < entry_count; ++i) {
    TRY_ASSIGN(const auto dirent, r.number(path_ptr_pos + 8 * i, 8));
    TRY_ASSIGN(const auto mime, r.number(dirent, 2));
    if (mime >= 0xfffd) continue;  // redirect, link target, deleted
    TRY_ASSIGN(const auto ns, r.number(dirent + 3, 1));
    if (ns != 'X') continue;
    TRY_ASSIGN(const std::string name, r.text(dirent + 16));
    if (name != "fulltext/xapian" && name != "title/xapian") continue;
    TRY_ASSIGN(const auto cluster, r.number(dirent + 8, 4));
    TRY_ASSIGN(const auto blob, r.number(dirent + 12, 4));
    if (cluster >= cluster_count) return fail(ErrorCode::internal, fmt::format("{}: bad cluster number", path.string()));
    TRY_ASSIGN(const auto cluster_pos, r.number(cluster_ptr_pos + 8 * cluster, 8));
    TRY_ASSIGN(const auto info, r.number(cluster_pos, 1));
    if ((info & 0x0f) > 1)
      return fail(ErrorCode::internal, fmt::format("{}: the index {} is compressed; cannot make the ZIM reproducible",
                                                   path.string(), name));
    const int offset_size = (info & 0x10) != 0 ? 8 : 4;
    TRY_ASSIGN(const auto blob_offset, r.number(cluster_pos + 1 + static_cast<std::uint64_t>(offset_size) * blob,
                                                offset_size));
    offsets.push_back(cluster_pos + 1 + blob_offset);
  }
  return offsets;
}

// The MD5 of everything before the checksum, written at its place; the
// same read also feeds SHA-256, finished with the new checksum (the
// file's last bytes), so the report needs no further read of the file.
Result<std::string> rewrite_checksum(std::FILE* f, const fs::path& path) {
  std::uint8_t pos_bytes[8];
  if (std::fseek(f, k_checksum_pos_offset, SEEK_SET) != 0 || std::fread(pos_bytes, 1, 8, f) != 8)
    return tl::unexpected(io_error(path, "read"));
  std::uint64_t checksum_pos = 0;
  for (int i = 7; i >= 0; --i) checksum_pos = (checksum_pos << 8) | pos_bytes[i];
  std::error_code ec;
  if (const auto size = fs::file_size(path, ec); ec || size != checksum_pos + 16)
    return fail(ErrorCode::internal, fmt::format("{}: the checksum is not the file's last 16 bytes", path.string()));
  std::unique_ptr<EVP_MD_CTX, MdCloser> md(EVP_MD_CTX_new());
  if (!md || EVP_DigestInit_ex(md.get(), EVP_md5(), nullptr) != 1)
    return fail(ErrorCode::internal, "OpenSSL has no MD5");
  util::Sha256 sha;
  std::rewind(f);
  std::vector<char> buffer(1 << 20);
  std::uint64_t left = checksum_pos;
  while (left > 0) {
    const size_t want = static_cast<size_t>(std::min<std::uint64_t>(left, buffer.size()));
    if (std::fread(buffer.data(), 1, want, f) != want) return tl::unexpected(io_error(path, "read"));
    EVP_DigestUpdate(md.get(), buffer.data(), want);
    sha.update(buffer.data(), want);
    left -= want;
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(md.get(), digest, &length);
  if (std::fseek(f, static_cast<long>(checksum_pos), SEEK_SET) != 0 || std::fwrite(digest, 1, length, f) != length)
    return tl::unexpected(io_error(path, "write"));
  sha.update(reinterpret_cast<const char*>(digest), length);
  return sha.hex_digest();
}

}  // namespace

Result<std::string> pin_index_uuids(const fs::path& path, const std::string& seed) {
  File f(std::fopen(path.c_str(), "r+b"));
  if (!f) return tl::unexpected(io_error(path, "open"));
  TRY_ASSIGN(const auto offsets, index_offsets(f.get(), path));
  if (offsets.empty()) return std::string();
  for (size_t i = 0; i < offsets.size(); ++i) {
    std::array<char, 16> magic{};
    if (std::fseek(f.get(), static_cast<long>(offsets[i]), SEEK_SET) != 0 ||
        std::fread(magic.data(), 1, magic.size(), f.get()) != magic.size())
      return tl::unexpected(io_error(path, "read"));
    if (std::string_view(magic.data(), k_glass_magic.size()) != k_glass_magic)
      return fail(ErrorCode::internal, fmt::format("{}: a search index is not a Xapian glass database; cannot make "
                                                   "the ZIM reproducible", path.string()));
    const std::string digest = util::sha256_hex(fmt::format("{}\nxapian-uuid-{}", seed, i));
    std::array<unsigned char, 16> uuid{};
    for (size_t b = 0; b < uuid.size(); ++b)
      uuid[b] = static_cast<unsigned char>(std::stoi(digest.substr(2 * b, 2), nullptr, 16));
    if (std::fseek(f.get(), static_cast<long>(offsets[i] + k_uuid_offset), SEEK_SET) != 0 ||
        std::fwrite(uuid.data(), 1, uuid.size(), f.get()) != uuid.size())
      return tl::unexpected(io_error(path, "write"));
  }
  TRY_ASSIGN(std::string sha256, rewrite_checksum(f.get(), path));
  if (std::fflush(f.get()) != 0) return tl::unexpected(io_error(path, "write"));
  File closing = std::move(f);
  if (std::fclose(closing.release()) != 0) return tl::unexpected(io_error(path, "write"));
  return sha256;
}

}  // namespace packager::zim
