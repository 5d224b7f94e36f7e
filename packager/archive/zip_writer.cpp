#include "packager/archive/zip_writer.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <zip.h>

#include "packager/archive/zip_deflate.hpp"
#include "packager/archive/zip_flags.hpp"
#include "packager/archive/zip_sink.hpp"
#include "packager/core/interrupt.hpp"
#include "packager/util/atomic_file.hpp"
#include "packager/util/sha256.hpp"
#include "packager/util/size.hpp"
#include "packager/util/text.hpp"

namespace packager::archive {
namespace fs = std::filesystem;

namespace {
constexpr zip_uint32_t k_file_mode = 0100644;

struct ZipDiscarder {
  // Only ever discards: zip_close is the explicit commit in commit().
  void operator()(zip_t* zip) const { zip_discard(zip); }
};
using ZipHandle = std::unique_ptr<zip_t, ZipDiscarder>;

struct Entry {
  fs::path source;     // empty when the bytes are in memory
  std::string bytes;
  Compression compression = Compression::deflate;
};
}  // namespace

struct ZipWriter::Impl {
  fs::path destination;
  fs::path temp;
  std::int64_t mtime = 0;
  std::uint64_t size_limit = 0;
  std::size_t workers = 1;
  std::string display_name;  // how messages name the package
  std::string name() const { return display_name.empty() ? destination.string() : display_name; }
  std::map<std::string, Entry> entries;  // sorted by name: reproducible order
  std::map<std::string, std::pair<std::uint32_t, std::uint64_t>> expected;  // name -> CRC-32, size
  std::vector<std::string> hashed;       // entries whose SHA-256 is wanted
  std::string sha256;                    // of the zip, when streamed
  std::map<std::string, std::string> entry_sha256;
  std::map<std::string, std::uint32_t> entry_crc32;
  bool committed = false;
  ~Impl() {
    if (!committed) {
      std::error_code ec;
      fs::remove(temp, ec);
    }
  }
};

Compression compression_for(const std::string& name) {
  const std::string ext = util::to_lower_ascii(fs::path(name).extension().string());
  static const char* const k_stored[] = {".mp4", ".m4v", ".m4a", ".webm", ".mp3", ".jpg",
                                         ".jpeg", ".png", ".pdf", ".zip", ".gif", ".woff2"};
  for (const char* stored : k_stored)
    if (ext == stored) return Compression::store;
  return Compression::deflate;
}

bool is_safe_entry_name(const std::string& name) {
  if (name.empty() || name.front() == '/' || name.back() == '/') return false;
  for (const char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f) return false;
    if (std::string_view("&<>\"'|:\\`*?").find(c) != std::string_view::npos) return false;
  }
  size_t start = 0;
  while (start <= name.size()) {
    const size_t slash = name.find('/', start);
    const std::string part = name.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (part.empty() || part == "." || part == "..") return false;
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return true;
}

ZipWriter::ZipWriter(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
ZipWriter::ZipWriter(ZipWriter&&) noexcept = default;
ZipWriter& ZipWriter::operator=(ZipWriter&&) noexcept = default;
ZipWriter::~ZipWriter() = default;

Result<ZipWriter> ZipWriter::create(const fs::path& destination, std::int64_t mtime) {
  auto impl = std::make_unique<Impl>();
  impl->destination = destination;
  impl->temp = util::temp_sibling(destination);
  impl->mtime = mtime;
  return ZipWriter(std::move(impl));
}

void ZipWriter::set_size_limit(std::uint64_t max_bytes) { m_impl->size_limit = max_bytes; }
void ZipWriter::set_display_name(std::string name) { m_impl->display_name = std::move(name); }
void ZipWriter::set_workers(std::size_t workers) { m_impl->workers = std::max<std::size_t>(workers, 1); }

Result<void> ZipWriter::add_file(const std::string& name, const fs::path& source) {
  return add_file(name, source, compression_for(name));
}

Result<void> ZipWriter::add_file(const std::string& name, const fs::path& source,
                                 Compression compression) {
  if (!is_safe_entry_name(name))
    return fail(ErrorCode::internal, fmt::format("unsafe zip entry name '{}'", name));
  if (!m_impl->entries.emplace(name, Entry{source, {}, compression}).second)
    return fail(ErrorCode::internal, fmt::format("zip entry '{}' added twice", name));
  return {};
}

Result<void> ZipWriter::add_bytes(const std::string& name, std::string bytes) {
  if (!is_safe_entry_name(name))
    return fail(ErrorCode::internal, fmt::format("unsafe zip entry name '{}'", name));
  if (!m_impl->entries.emplace(name, Entry{{}, std::move(bytes), compression_for(name)}).second)
    return fail(ErrorCode::internal, fmt::format("zip entry '{}' added twice", name));
  return {};
}

void ZipWriter::expect(const std::string& name, std::uint32_t crc32, std::uint64_t size) {
  m_impl->expected[name] = {crc32, size};
}
void ZipWriter::hash_entry(const std::string& name) { m_impl->hashed.push_back(name); }

Result<std::string> ZipWriter::sha256() const {
  if (!m_impl->sha256.empty()) return m_impl->sha256;
  return util::sha256_file(m_impl->destination);
}
bool ZipWriter::sha256_streamed() const { return !m_impl->sha256.empty(); }
std::optional<std::uint32_t> ZipWriter::entry_crc32(const std::string& name) const {
  auto it = m_impl->entry_crc32.find(name);
  if (it == m_impl->entry_crc32.end()) return std::nullopt;
  return it->second;
}
std::string ZipWriter::entry_sha256(const std::string& name) const {
  auto it = m_impl->entry_sha256.find(name);
  return it == m_impl->entry_sha256.end() ? std::string() : it->second;
}

Result<void> ZipWriter::commit() {
  Impl& impl = *m_impl;
  // libzip writes through our sink, which hashes the bytes as they pass; it
  // must outlive the zip handle.
  ZipSink sink(impl.temp);
  for (const auto& [name, facts] : impl.expected) sink.expect(name, facts.first, facts.second);
  for (const auto& name : impl.hashed) sink.hash_entry(name);
  const auto cannot_create = [&](zip_error_t& error) {
    std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    return fail(ErrorCode::output, fmt::format("cannot create {}: {}", impl.temp.string(), message));
  };
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* sink_source = sink.source(&error);
  if (sink_source == nullptr) return cannot_create(error);
  ZipHandle zip(zip_open_from_source(sink_source, ZIP_CREATE | ZIP_TRUNCATE, &error));
  if (!zip) {
    zip_source_free(sink_source);
    return cannot_create(error);
  }
  zip_error_fini(&error);
  const auto zip_failure = [&](const std::string& what) {
    return fail(ErrorCode::output, fmt::format("cannot write {}: {}: {}", impl.name(),
                                               what, zip_strerror(zip.get())));
  };
  // The pages and manifests deflated up front, on the -j threads; libzip
  // copies them in (and deflates the rest itself, as before).
  const auto deflated_here = [](const Entry& e) { return e.source.empty() && e.compression == Compression::deflate; };
  std::vector<std::string_view> in_memory;
  for (const auto& [name, entry] : impl.entries)
    if (deflated_here(entry)) in_memory.push_back(entry.bytes);
  const auto deflated = deflate_entries(in_memory, impl.workers);
  std::size_t next_deflated = 0;
  for (const auto& [name, entry] : impl.entries) {
    const std::optional<Deflated>* ready = deflated_here(entry) ? &deflated[next_deflated++] : nullptr;
    zip_source_t* source =
        ready != nullptr && *ready ? deflated_source(zip.get(), **ready)
        : entry.source.empty()     ? zip_source_buffer(zip.get(), entry.bytes.data(), entry.bytes.size(), 0)
                                   : zip_source_file(zip.get(), entry.source.c_str(), 0, -1);
    if (source == nullptr) return zip_failure(name);
    const zip_int64_t index = zip_file_add(zip.get(), name.c_str(), source, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(source);
      return zip_failure(name);
    }
    const auto i = static_cast<zip_uint64_t>(index);
    const zip_int32_t method = entry.compression == Compression::store ? ZIP_CM_STORE : ZIP_CM_DEFLATE;
    if (zip_set_file_compression(zip.get(), i, method, entry.compression == Compression::store ? 0 : 9) < 0 ||
        zip_file_set_mtime(zip.get(), i, static_cast<time_t>(impl.mtime), 0) < 0 ||
        // One fixed mode (rw-r--r--): the checkout's umask must not leak
        // into the bytes.
        zip_file_set_external_attributes(zip.get(), i, 0, ZIP_OPSYS_UNIX, k_file_mode << 16) < 0)
      return zip_failure(name);
  }
  if (interrupted()) return fail(ErrorCode::interrupted, "interrupted");
  // zip_close writes all data: the explicit commit step. On failure libzip
  // leaves the handle open, and the discarder cleans up.
  if (zip_close(zip.get()) < 0) {
    // Most often a full disk: say how much room the package needs.
    std::uintmax_t needed = 0;
    for (const auto& [name, entry] : impl.entries) {
      std::error_code ec;
      needed += entry.source.empty() ? entry.bytes.size() : fs::file_size(entry.source, ec);
    }
    auto failure = zip_failure("close");
    failure.value().message += fmt::format(" (the package needs about {})", util::format_size_binary(needed));
    return failure;
  }
  zip.release();
  // A signal during zip_close must not let the package replace a good one.
  if (interrupted()) return fail(ErrorCode::interrupted, "interrupted");
  // The sink set the UTF-8 flags as the headers passed; this only checks
  // (and mends, dropping the streamed hash, should a header have escaped it).
  TRY_ASSIGN(const int mended, set_utf8_flags(impl.temp));
  if (mended == 0) impl.sha256 = sink.streamed_sha256();
  for (const auto& name : impl.hashed) impl.entry_sha256[name] = sink.entry_sha256(name);
  if (!impl.hashed.empty()) {
    // The CRC-32s libzip computed, from the central directory (a few KB).
    int code = 0;
    if (ZipHandle read(zip_open(impl.temp.c_str(), ZIP_RDONLY, &code)); read) {
      for (const auto& name : impl.hashed) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat(read.get(), name.c_str(), 0, &st) == 0 && (st.valid & ZIP_STAT_CRC) != 0)
          impl.entry_crc32[name] = st.crc;
      }
    }
  }
  if (impl.size_limit > 0) {
    std::error_code ec;
    const std::uintmax_t size = fs::file_size(impl.temp, ec);
    if (!ec && size > impl.size_limit)
      return fail(ErrorCode::output,
                  fmt::format("{}: the package would be {}, over the limit of {} (--max-package-size); "
                              "package per lesson (packaging: per-lesson) or lower --max-height",
                              impl.name(),
                              util::format_size_binary(size), util::format_size_binary(impl.size_limit)));
  }
  if (std::rename(impl.temp.c_str(), impl.destination.c_str()) != 0)
    return fail(ErrorCode::output, fmt::format("cannot rename {} to {}", impl.temp.string(),
                                               impl.destination.string()));
  impl.committed = true;
  return {};
}

}  // namespace packager::archive
