#include "packager/mbz/tar_gz.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <zlib.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "packager/util/atomic_file.hpp"

namespace packager::mbz {
namespace fs = std::filesystem;
namespace {

struct ArchiveWriteFree {
  void operator()(archive* a) const { archive_write_free(a); }
};
struct ArchiveReadFree {
  void operator()(archive* a) const { archive_read_free(a); }
};
struct EntryFree {
  void operator()(archive_entry* e) const { archive_entry_free(e); }
};
using WriteHandle = std::unique_ptr<archive, ArchiveWriteFree>;
using ReadHandle = std::unique_ptr<archive, ArchiveReadFree>;
using EntryHandle = std::unique_ptr<archive_entry, EntryFree>;

constexpr std::uint64_t k_ustar_max_size = 077777777777ull;  // 11 octal digits: 8 GiB - 1
constexpr size_t k_block = 1 << 20;

}  // namespace

struct TarGzWriter::Impl {
  util::AtomicFile file;
  WriteHandle handle;
  std::int64_t mtime = 0;
  std::string display;  // how messages name the archive
  std::optional<Error> write_error;  // from the write callback, which cannot return it
  bool open = false;

  explicit Impl(util::AtomicFile f) : file(std::move(f)) {}

  static la_ssize_t write_cb(archive*, void* self, const void* buffer, size_t length) {
    auto* impl = static_cast<Impl*>(self);
    if (auto r = impl->file.write({static_cast<const char*>(buffer), length}); !r) {
      impl->write_error = r.error();
      return -1;
    }
    return static_cast<la_ssize_t>(length);
  }

  Error error(const std::string& what) const {
    if (write_error) return *write_error;
    const char* text = handle ? archive_error_string(handle.get()) : nullptr;
    return {ErrorCode::output, fmt::format("{}: {}: {}", display, what, text ? text : "libarchive error")};
  }

  Result<void> header(const std::string& name, std::uint64_t size) {
    if (size > k_ustar_max_size)
      return fail(ErrorCode::output, fmt::format("{}: {} is {} bytes, over the 8 GiB a Moodle backup (ustar) can hold",
                                                 display, name, size));
    EntryHandle entry(archive_entry_new());
    archive_entry_set_pathname(entry.get(), name.c_str());
    archive_entry_set_filetype(entry.get(), AE_IFREG);
    archive_entry_set_perm(entry.get(), 0644);
    archive_entry_set_size(entry.get(), static_cast<la_int64_t>(size));
    archive_entry_set_mtime(entry.get(), mtime, 0);
    archive_entry_set_uid(entry.get(), 0);
    archive_entry_set_gid(entry.get(), 0);
    if (archive_write_header(handle.get(), entry.get()) != ARCHIVE_OK) return tl::unexpected(error(name));
    return {};
  }

  Result<void> data(const std::string& name, const char* bytes, size_t size) {
    while (size > 0) {
      const la_ssize_t n = archive_write_data(handle.get(), bytes, size);
      if (n <= 0) return tl::unexpected(error(name));
      bytes += n;
      size -= static_cast<size_t>(n);
    }
    return {};
  }
};

TarGzWriter::TarGzWriter(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
TarGzWriter::TarGzWriter(TarGzWriter&&) noexcept = default;
TarGzWriter& TarGzWriter::operator=(TarGzWriter&&) noexcept = default;
TarGzWriter::~TarGzWriter() = default;  // the AtomicFile removes the temporary

Result<TarGzWriter> TarGzWriter::create(const fs::path& destination, std::int64_t mtime,
                                        const std::string& display_name) {
  TRY_ASSIGN(auto file, util::AtomicFile::create(destination));
  auto impl = std::make_unique<Impl>(std::move(file));
  impl->mtime = mtime;
  impl->display = display_name.empty() ? destination.string() : display_name;
  impl->handle.reset(archive_write_new());
  archive* a = impl->handle.get();
  // ustar only: pax or GNU headers would be read by Moodle as files.
  if (archive_write_set_format_ustar(a) != ARCHIVE_OK || archive_write_add_filter_gzip(a) != ARCHIVE_OK ||
      // No timestamp (nor file name) in the gzip header: reproducible bytes.
      archive_write_set_filter_option(a, "gzip", "timestamp", nullptr) != ARCHIVE_OK ||
      archive_write_set_filter_option(a, "gzip", "compression-level", "6") != ARCHIVE_OK ||
      // No zero padding after the gzip stream (it is not tar data there).
      archive_write_set_bytes_in_last_block(a, 1) != ARCHIVE_OK ||
      archive_write_open2(a, impl.get(), nullptr, &Impl::write_cb, nullptr, nullptr) != ARCHIVE_OK)
    return tl::unexpected(impl->error("cannot start the archive"));
  impl->open = true;
  return TarGzWriter(std::move(impl));
}

Result<void> TarGzWriter::add_bytes(const std::string& name, std::string_view bytes) {
  TRY(m_impl->header(name, bytes.size()));
  return m_impl->data(name, bytes.data(), bytes.size());
}

Result<void> TarGzWriter::add_file(const std::string& name, const fs::path& source) {
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(source, ec);
  if (ec) return fail(ErrorCode::output, fmt::format("{}: cannot read: {}", source.string(), ec.message()));
  std::ifstream in(source, std::ios::binary);
  if (!in) return fail(ErrorCode::output, fmt::format("{}: cannot open", source.string()));
  TRY(m_impl->header(name, size));
  std::vector<char> buffer(k_block);
  std::uintmax_t left = size;
  while (left > 0) {
    const size_t want = static_cast<size_t>(std::min<std::uintmax_t>(left, buffer.size()));
    in.read(buffer.data(), static_cast<std::streamsize>(want));
    if (static_cast<size_t>(in.gcount()) != want)
      return fail(ErrorCode::output, fmt::format("{}: changed or unreadable while being archived", source.string()));
    TRY(m_impl->data(name, buffer.data(), want));
    left -= want;
  }
  return {};
}

Result<void> TarGzWriter::commit() {
  if (archive_write_close(m_impl->handle.get()) != ARCHIVE_OK)
    return tl::unexpected(m_impl->error("cannot finish the archive"));
  m_impl->open = false;
  return m_impl->file.commit();
}

Result<void> read_tar(const fs::path& path,
                      const std::function<Result<bool>(const TarEntry&, const TarData&)>& visit) {
  ReadHandle handle(archive_read_new());
  archive* a = handle.get();
  archive_read_support_filter_gzip(a);
  archive_read_support_format_tar(a);
  const auto bad = [&](const std::string& what) {
    const char* text = archive_error_string(a);
    return fail(ErrorCode::input, fmt::format("{}: {}: {}", path.string(), what, text ? text : "unreadable"));
  };
  if (archive_read_open_filename(a, path.c_str(), 64 * 1024) != ARCHIVE_OK) return bad("not a tar.gz");
  for (;;) {
    archive_entry* entry = nullptr;
    const int r = archive_read_next_header(a, &entry);
    if (r == ARCHIVE_EOF) break;
    if (r != ARCHIVE_OK && r != ARCHIVE_WARN) return bad("damaged archive");
    TarEntry info;
    info.name = archive_entry_pathname(entry) ? archive_entry_pathname(entry) : "";
    info.size = archive_entry_size_is_set(entry) ? static_cast<std::uint64_t>(archive_entry_size(entry)) : 0;
    info.regular = archive_entry_filetype(entry) == AE_IFREG;
    info.mtime = archive_entry_mtime(entry);
    TarData data;
    data.read = [&](std::uint64_t max_bytes) -> Result<std::string> {
      if (info.size > max_bytes)
        return fail(ErrorCode::input, fmt::format("{}: {} is {} bytes, more than the {} expected", path.string(),
                                                  info.name, info.size, max_bytes));
      std::string bytes(static_cast<size_t>(info.size), '\0');
      size_t got = 0;
      while (got < bytes.size()) {
        const la_ssize_t n = archive_read_data(a, bytes.data() + got, bytes.size() - got);
        if (n <= 0) return bad(fmt::format("cannot read {}", info.name));
        got += static_cast<size_t>(n);
      }
      return bytes;
    };
    data.stream = [&](const std::function<Result<void>(std::string_view)>& sink) -> Result<void> {
      std::vector<char> buffer(k_block);
      for (;;) {
        const la_ssize_t n = archive_read_data(a, buffer.data(), buffer.size());
        if (n < 0) return bad(fmt::format("cannot read {}", info.name));
        if (n == 0) return {};
        TRY(sink({buffer.data(), static_cast<size_t>(n)}));
      }
    };
    TRY_ASSIGN(const bool more, visit(info, data));
    if (!more) break;
  }
  return {};
}

namespace {
// zlib prefixes its message with the file name; the caller names the file.
std::string zlib_reason(const char* message) {
  std::string why = message ? message : "error";
  if (const size_t colon = why.rfind(": "); colon != std::string::npos) why.erase(0, colon + 2);
  return "damaged gzip stream (" + why + ")";
}
}  // namespace

Result<void> check_gzip(const fs::path& path) {
  struct GzClose {
    void operator()(gzFile_s* f) const { gzclose(f); }
  };
  std::unique_ptr<gzFile_s, GzClose> gz(gzopen(path.c_str(), "rb"));
  if (!gz) return fail(ErrorCode::input, fmt::format("{}: cannot open", path.string()));
  if (gzdirect(gz.get()) != 0) return fail(ErrorCode::input, fmt::format("{}: not gzip-compressed", path.string()));
  std::vector<char> buffer(k_block);
  for (;;) {
    const int n = gzread(gz.get(), buffer.data(), static_cast<unsigned>(buffer.size()));
    if (n == 0) break;
    if (n < 0) {
      int code = 0;
      return fail(ErrorCode::input, zlib_reason(gzerror(gz.get(), &code)));
    }
  }
  int code = 0;
  const char* why = gzerror(gz.get(), &code);
  if (code != Z_OK && code != Z_STREAM_END) return fail(ErrorCode::input, zlib_reason(why));
  return {};
}

}  // namespace packager::mbz
