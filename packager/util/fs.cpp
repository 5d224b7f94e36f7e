#include "packager/util/fs.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace packager::util {
namespace fs = std::filesystem;

Result<std::string> read_text_file(const fs::path& path, std::uintmax_t max_bytes) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) return fail(ErrorCode::input, fmt::format("{}: cannot read: {}", path.string(), ec.message()));
  if (size > max_bytes)
    return fail(ErrorCode::input, fmt::format("{}: file is {} bytes, more than the limit of {}",
                                              path.string(), size, max_bytes));
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return fail(ErrorCode::input,
                fmt::format("{}: cannot open: {}", path.string(), std::strerror(errno)));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

Result<void> make_directories(const fs::path& path) {
  std::error_code ec;
  fs::create_directories(path, ec);
  if (ec)
    return fail(ErrorCode::output,
                fmt::format("cannot create folder {}: {}", path.string(), ec.message()));
  return {};
}

bool is_within(const fs::path& path, const fs::path& root) {
  std::error_code ec;
  const fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  const fs::path r = fs::weakly_canonical(fs::absolute(root, ec), ec);
  if (ec) return false;
  auto pi = p.begin();
  for (auto ri = r.begin(); ri != r.end(); ++ri, ++pi) {
    if (ri->empty()) continue;  // trailing separator
    if (pi == p.end() || *pi != *ri) return false;
  }
  return true;
}

Result<void> copy_file(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
  if (ec)
    return fail(ErrorCode::output, fmt::format("cannot copy {} to {}: {}", from.string(),
                                               to.string(), ec.message()));
  return {};
}

}  // namespace packager::util
