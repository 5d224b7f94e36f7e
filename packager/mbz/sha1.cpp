#include "packager/mbz/sha1.hpp"

#include <openssl/evp.h>

#include <fstream>
#include <vector>

#include <fmt/format.h>

namespace packager::mbz {
namespace {

struct CtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using Handle = std::unique_ptr<EVP_MD_CTX, CtxFree>;

Handle start() {
  Handle ctx(EVP_MD_CTX_new());
  EVP_DigestInit_ex(ctx.get(), EVP_sha1(), nullptr);
  return ctx;
}

std::string finish(EVP_MD_CTX* ctx) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(ctx, digest, &length);
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

}  // namespace

struct Sha1::Ctx {
  Handle handle = start();
};

Sha1::Sha1() : m_ctx(std::make_unique<Ctx>()) {}
Sha1::Sha1(Sha1&&) noexcept = default;
Sha1& Sha1::operator=(Sha1&&) noexcept = default;
Sha1::~Sha1() = default;
void Sha1::update(std::string_view bytes) { EVP_DigestUpdate(m_ctx->handle.get(), bytes.data(), bytes.size()); }
std::string Sha1::hex_digest() { return finish(m_ctx->handle.get()); }

std::string sha1_hex(std::string_view bytes) {
  Sha1 sha;
  sha.update(bytes);
  return sha.hex_digest();
}

Result<std::string> sha1_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(ErrorCode::output, fmt::format("{}: cannot open", path.string()));
  Sha1 sha;
  std::vector<char> buffer(1 << 20);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    if (in.gcount() > 0) sha.update({buffer.data(), static_cast<size_t>(in.gcount())});
  }
  if (in.bad()) return fail(ErrorCode::output, fmt::format("{}: cannot read", path.string()));
  return sha.hex_digest();
}

}  // namespace packager::mbz
