#include "packager/archive/zip_reader.hpp"

#include "packager/util/size.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <zip.h>

#include "packager/archive/zip_writer.hpp"

namespace packager::archive {
namespace fs = std::filesystem;

namespace {
struct ZipCloser {
  // Read-only: discarding is closing.
  void operator()(zip_t* zip) const { zip_discard(zip); }
};
struct FileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};
}  // namespace

struct ZipReader::Impl {
  fs::path path;
  std::unique_ptr<zip_t, ZipCloser> zip;
  std::vector<ZipEntryInfo> entries;
};

ZipReader::ZipReader(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
ZipReader::ZipReader(ZipReader&&) noexcept = default;
ZipReader& ZipReader::operator=(ZipReader&&) noexcept = default;
ZipReader::~ZipReader() = default;

const std::vector<ZipEntryInfo>& ZipReader::entries() const { return m_impl->entries; }

Result<ZipReader> ZipReader::open(const fs::path& path, const ZipLimits& limits) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  int code = 0;
  impl->zip.reset(zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code));
  if (!impl->zip) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    return fail(ErrorCode::input, fmt::format("{}: not a zip file ({})", path.string(), message));
  }
  const zip_int64_t count = zip_get_num_entries(impl->zip.get(), 0);
  if (count < 0 || static_cast<std::uint64_t>(count) > limits.max_entries)
    return fail(ErrorCode::input, fmt::format("{}: refusing {} entries (limit {}): looks like a zip bomb",
                                              path.string(), count, limits.max_entries));
  std::uint64_t total = 0;
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(impl->zip.get(), static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW, &st) != 0 ||
        (st.valid & (ZIP_STAT_NAME | ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE)) !=
            (ZIP_STAT_NAME | ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE))
      return fail(ErrorCode::input, fmt::format("{}: damaged entry #{}", path.string(), i + 1));
    ZipEntryInfo entry{st.name, st.size, st.comp_size, false};
    entry.directory = !entry.name.empty() && entry.name.back() == '/';
    total += entry.size;
    if (total > limits.max_total_bytes)
      return fail(ErrorCode::input,
                  fmt::format("{}: refusing to read: entries add up to more than {} uncompressed; looks like a "
                              "zip bomb",
                              path.string(), util::format_size_binary(limits.max_total_bytes)));
    if (entry.size > limits.ratio_floor_bytes &&
        static_cast<double>(entry.size) > limits.max_ratio * static_cast<double>(std::max<std::uint64_t>(1, entry.compressed_size)))
      return fail(ErrorCode::input,
                  fmt::format("{}: refusing to read {}: it inflates {:.0f} times ({} from {}); looks like a zip "
                              "bomb",
                              path.string(), entry.name,
                              static_cast<double>(entry.size) /
                                  static_cast<double>(std::max<std::uint64_t>(1, entry.compressed_size)),
                              util::format_size_binary(entry.size), util::format_size_binary(entry.compressed_size)));
    impl->entries.push_back(std::move(entry));
  }
  return ZipReader(std::move(impl));
}

Result<std::string> ZipReader::read(const std::string& name, std::uint64_t max_bytes) const {
  const zip_int64_t index = zip_name_locate(m_impl->zip.get(), name.c_str(), ZIP_FL_ENC_RAW);
  if (index < 0) return fail(ErrorCode::input, fmt::format("{}: no entry {}", m_impl->path.string(), name));
  std::unique_ptr<zip_file_t, FileCloser> file(zip_fopen_index(m_impl->zip.get(), static_cast<zip_uint64_t>(index), 0));
  if (!file)
    return fail(ErrorCode::input, fmt::format("{}: cannot read {}: {}", m_impl->path.string(), name,
                                              zip_strerror(m_impl->zip.get())));
  std::string out;
  char buffer[65536];
  while (true) {
    const zip_int64_t n = zip_fread(file.get(), buffer, sizeof buffer);
    if (n < 0)
      return fail(ErrorCode::input, fmt::format("{}: {} is damaged: {}", m_impl->path.string(), name,
                                                zip_file_strerror(file.get())));
    if (n == 0) break;
    if (out.size() + static_cast<std::uint64_t>(n) > max_bytes)
      return fail(ErrorCode::input, fmt::format("{}: {} is larger than {}", m_impl->path.string(), name,
                                                util::format_size_binary(max_bytes)));
    out.append(buffer, static_cast<size_t>(n));
  }
  return out;
}

}  // namespace packager::archive
