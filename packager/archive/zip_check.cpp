#include "packager/archive/zip_check.hpp"

#include <memory>

#include <fmt/format.h>
#include <zip.h>

namespace packager::archive {
namespace {

struct ZipCloser {
  // Read-only: nothing to commit, so discarding is the right close.
  void operator()(zip_t* zip) const { zip_discard(zip); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

std::string zip_open_error(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string text = zip_error_strerror(&error);
  zip_error_fini(&error);
  return text;
}

}  // namespace

Result<ZipCheck> check_zip(const std::filesystem::path& path) {
  int code = 0;
  std::unique_ptr<zip_t, ZipCloser> zip(zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code));
  if (!zip)
    return fail(ErrorCode::input, fmt::format("{}: not a readable zip: {}", path.string(), zip_open_error(code)));
  ZipCheck check;
  const zip_int64_t count = zip_get_num_entries(zip.get(), 0);
  std::vector<char> buffer(1 << 16);
  for (zip_int64_t i = 0; i < count; ++i) {
    const char* name = zip_get_name(zip.get(), static_cast<zip_uint64_t>(i), 0);
    const std::string entry = name != nullptr ? name : fmt::format("#{}", i);
    ++check.entries;
    std::unique_ptr<zip_file_t, ZipFileCloser> file(zip_fopen_index(zip.get(), static_cast<zip_uint64_t>(i), 0));
    if (!file) {
      check.bad_entries.push_back(fmt::format("{}: {}", entry, zip_strerror(zip.get())));
      continue;
    }
    // libzip checks the CRC when an entry has been read to its end; a
    // mismatch (or a bad deflate stream) makes zip_fread return -1.
    zip_int64_t n = 0;
    while ((n = zip_fread(file.get(), buffer.data(), buffer.size())) > 0) {
    }
    if (n < 0) check.bad_entries.push_back(fmt::format("{}: {}", entry, zip_file_strerror(file.get())));
  }
  return check;
}

}  // namespace packager::archive
