#include "packager/archive/zip_sink.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "packager/util/sha256.hpp"

namespace packager::archive {
namespace fs = std::filesystem;
namespace {

constexpr size_t k_block = 1 << 20;  // bytes written (and hashed) at a time
constexpr size_t k_queued = 3;       // blocks waiting for the hash thread, at most
constexpr std::uint16_t k_utf8_flag = 1u << 11;
// Deflate's "maximum compression" option bits (1-2 = 10b), which libzip sets
// for the level 9 every deflated entry uses; set here too for entries
// deflated before zip_close (zip_deflate.hpp), which libzip copies as they
// are and marks "normal".
constexpr std::uint16_t k_deflate_max = 1u << 1;
constexpr std::uint16_t k_deflate = 8;
constexpr std::uint64_t k_open = std::numeric_limits<std::uint64_t>::max();

std::uint32_t le(const char* p, int bytes) {
  std::uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}
void put_le(char* p, std::uint32_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) p[i] = static_cast<char>((v >> (8 * i)) & 0xff);
}
bool signature(const char* p, std::uint32_t sig) { return le(p, 4) == sig; }
constexpr std::uint32_t k_local = 0x04034b50;
constexpr std::uint32_t k_central = 0x02014b50;

// A part of a block that belongs to an entry whose data is hashed.
struct Slice {
  size_t entry = 0;
  size_t offset = 0;
  size_t length = 0;
};
struct Block {
  std::vector<char> bytes;
  std::vector<Slice> slices;
};

}  // namespace

struct ZipSink::Impl {
  fs::path path;
  int fd = -1;
  zip_error_t error{};
  std::uint64_t pos = 0;  // where the next write goes
  std::uint64_t end = 0;  // bytes in the file (written or buffered)
  std::uint64_t buf_start = 0;
  std::vector<char> buf;  // the bytes [buf_start, end), not yet on disk nor hashed
  bool valid = true;      // the streamed hash follows the file's bytes
  bool committed = false;

  // Where the writes are in the zip's structure (see the header comment).
  bool expect_header = false;  // the next write follows a tell or a seek
  bool in_data = false;        // between an entry's first header and the seek back
  std::uint64_t data_from = 0;
  struct Pending {
    std::uint64_t pos = 0;
    std::uint32_t name_len = 0;
    std::uint32_t extra_len = 0;
  };
  std::optional<Pending> pending;  // a first local header waiting for its name
  std::uint64_t next_central = 0;  // where the next central header starts, 0: not in the directory

  std::map<std::string, std::pair<std::uint32_t, std::uint64_t>> known;
  std::map<std::string, size_t> wanted;  // name -> index in entry_hashes
  struct Range {
    std::uint64_t start = 0;
    std::uint64_t end = k_open;
    size_t entry = 0;
  };
  std::vector<Range> ranges;
  std::vector<util::Sha256> entry_hashes;
  std::vector<bool> entry_seen;
  std::map<std::string, std::string> entry_digests;
  std::string digest;

  // The hash thread and its queue.
  util::Sha256 total;
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<Block> queue;
  std::vector<std::vector<char>> spare;
  bool closing = false;
  std::thread hasher;

  ~Impl() {
    stop_hasher();
    if (fd >= 0) ::close(fd);
    if (!committed) {
      std::error_code ec;
      fs::remove(path, ec);
    }
    zip_error_fini(&error);
  }

  void start_hasher() {
    hasher = std::thread([this] {
      for (;;) {
        Block block;
        {
          std::unique_lock<std::mutex> lock(mutex);
          changed.wait(lock, [&] { return closing || !queue.empty(); });
          if (queue.empty()) return;
          block = std::move(queue.front());
          queue.pop_front();
        }
        changed.notify_all();
        total.update(block.bytes.data(), block.bytes.size());
        for (const Slice& s : block.slices) entry_hashes[s.entry].update(block.bytes.data() + s.offset, s.length);
        block.bytes.clear();
        std::lock_guard<std::mutex> lock(mutex);
        spare.push_back(std::move(block.bytes));
      }
    });
  }
  void stop_hasher() {
    if (!hasher.joinable()) return;
    {
      std::lock_guard<std::mutex> lock(mutex);
      closing = true;
    }
    changed.notify_all();
    hasher.join();
  }

  zip_int64_t failed(int zip_code, int sys) {
    zip_error_set(&error, zip_code, sys);
    return -1;
  }

  bool pwrite_all(const char* data, size_t size, std::uint64_t at) {
    while (size > 0) {
      const ssize_t put = ::pwrite(fd, data, size, static_cast<off_t>(at));
      if (put < 0 && errno == EINTR) continue;
      if (put <= 0) return false;
      data += put;
      size -= static_cast<size_t>(put);
      at += static_cast<std::uint64_t>(put);
    }
    return true;
  }

  // Writes the buffer and hands it to the hash thread.
  bool flush() {
    if (buf.empty()) return true;
    if (!pwrite_all(buf.data(), buf.size(), buf_start)) return false;
    Block block;
    const std::uint64_t block_end = buf_start + buf.size();
    for (const Range& r : ranges) {
      const std::uint64_t from = std::max(r.start, buf_start);
      const std::uint64_t to = std::min(r.end, block_end);
      if (from < to)
        block.slices.push_back({r.entry, static_cast<size_t>(from - buf_start), static_cast<size_t>(to - from)});
    }
    buf_start = block_end;
    std::unique_lock<std::mutex> lock(mutex);
    changed.wait(lock, [&] { return queue.size() < k_queued; });
    block.bytes = std::move(buf);
    queue.push_back(std::move(block));
    if (!spare.empty()) {
      buf = std::move(spare.back());
      spare.pop_back();
    } else {
      buf = {};
    }
    lock.unlock();
    changed.notify_all();
    buf.reserve(k_block + 64 * 1024);
    return true;
  }

  // The first header of an entry is complete in the buffer: the known CRC
  // and size go in, and the entry's data is hashed from here on.
  void header_complete(const Pending& p) {
    char* h = buf.data() + (p.pos - buf_start);
    const std::string name(h + 30, p.name_len);
    if (auto it = known.find(name); it != known.end() && le(h + 8, 2) == 0 && it->second.second < 0xFFFFFFFFu &&
                                    le(h + 18, 4) != 0xFFFFFFFFu && le(h + 22, 4) != 0xFFFFFFFFu) {
      put_le(h + 14, it->second.first, 4);
      put_le(h + 18, static_cast<std::uint32_t>(it->second.second), 4);
      put_le(h + 22, static_cast<std::uint32_t>(it->second.second), 4);
    }
    if (auto it = wanted.find(name); it != wanted.end() && !entry_seen[it->second]) {
      entry_seen[it->second] = true;
      ranges.push_back({data_from, k_open, it->second});
    }
  }

  zip_int64_t write(const char* data, std::uint64_t length) {
    if (pos > end) return failed(ZIP_ER_INTERNAL, 0);
    std::string patched;
    const bool after_move = expect_header;
    expect_header = false;
    const bool in_entry_data = in_data && pos >= data_from;
    if (after_move && !in_entry_data && length >= 30 && signature(data, k_local)) {
      patched.assign(data, length);
      put_le(patched.data() + 6, le(data + 6, 2) | k_utf8_flag | (le(data + 8, 2) == k_deflate ? k_deflate_max : 0), 2);
      if (pos == end) {
        // The first header: its data follows the name and the extra field.
        pending = Pending{pos, le(data + 26, 2), le(data + 28, 2)};
        in_data = true;
        data_from = pos + 30 + pending->name_len + pending->extra_len;
      }
    } else if (!in_entry_data && length >= 46 && signature(data, k_central) &&
               ((after_move && pos == end) || (next_central != 0 && pos == next_central))) {
      patched.assign(data, length);
      put_le(patched.data() + 8, le(data + 8, 2) | k_utf8_flag | (le(data + 10, 2) == k_deflate ? k_deflate_max : 0), 2);
      next_central = pos + 46 + le(data + 28, 2) + le(data + 30, 2) + le(data + 32, 2);
    }
    if (!patched.empty()) data = patched.data();

    std::uint64_t at = pos;
    std::uint64_t left = length;
    if (at < buf_start) {
      // A rewrite of bytes already on disk and hashed: fine if they are the
      // same bytes, else written and the streamed hash dropped.
      const auto n = static_cast<size_t>(std::min<std::uint64_t>(left, buf_start - at));
      std::vector<char> old(n);
      ssize_t got = 0;
      do got = ::pread(fd, old.data(), n, static_cast<off_t>(at));
      while (got < 0 && errno == EINTR);
      if (got != static_cast<ssize_t>(n) || std::memcmp(old.data(), data, n) != 0) {
        valid = false;
        if (!pwrite_all(data, n, at)) return failed(ZIP_ER_WRITE, errno);
      }
      at += n;
      left -= n;
      data += n;
    }
    if (left > 0) {
      const auto offset = static_cast<size_t>(at - buf_start);
      if (buf.size() < offset + left) buf.resize(offset + static_cast<size_t>(left));
      std::memcpy(buf.data() + offset, data, static_cast<size_t>(left));
    }
    pos += length;
    end = std::max(end, pos);
    if (pending && end >= pending->pos + 30 + pending->name_len) {
      header_complete(*pending);
      pending.reset();
    }
    if (!pending && pos == end && buf.size() >= k_block && !flush()) return failed(ZIP_ER_WRITE, errno);
    return static_cast<zip_int64_t>(length);
  }

  zip_int64_t seek(void* data, std::uint64_t length) {
    const zip_int64_t to = zip_source_seek_compute_offset(pos, end, data, length, &error);
    if (to < 0) return -1;
    const auto target = static_cast<std::uint64_t>(to);
    if (target < end && in_data) {
      // Back to the entry's header: its data ends where the file ends.
      in_data = false;
      for (Range& r : ranges)
        if (r.end == k_open) r.end = end;
    }
    pos = target;
    expect_header = true;
    return 0;
  }

  zip_int64_t begin() {
    // Read and write: a rewrite is compared with the bytes on disk.
    fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return failed(ZIP_ER_OPEN, errno);
    buf.reserve(k_block + 64 * 1024);
    start_hasher();
    return 0;
  }

  zip_int64_t commit() {
    const bool ok = flush();
    const int err = errno;
    stop_hasher();
    if (!ok) return failed(ZIP_ER_WRITE, err);
    if (::close(fd) != 0) {
      fd = -1;
      return failed(ZIP_ER_CLOSE, errno);
    }
    fd = -1;
    committed = true;
    if (valid) digest = total.hex_digest();
    for (const auto& [name, index] : wanted)
      if (entry_seen[index]) entry_digests[name] = entry_hashes[index].hex_digest();
    return 0;
  }

  zip_int64_t rollback() {
    stop_hasher();
    if (fd >= 0) ::close(fd);
    fd = -1;
    std::error_code ec;
    fs::remove(path, ec);
    return 0;
  }
};

namespace {

zip_int64_t sink_callback(void* userdata, void* data, zip_uint64_t length, zip_source_cmd_t command) {
  auto& impl = *static_cast<ZipSink::Impl*>(userdata);
  switch (command) {
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                            ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, ZIP_SOURCE_SEEK, ZIP_SOURCE_TELL,
                                            ZIP_SOURCE_SUPPORTS, ZIP_SOURCE_BEGIN_WRITE, ZIP_SOURCE_COMMIT_WRITE,
                                            ZIP_SOURCE_ROLLBACK_WRITE, ZIP_SOURCE_WRITE, ZIP_SOURCE_SEEK_WRITE,
                                            ZIP_SOURCE_TELL_WRITE, ZIP_SOURCE_REMOVE, -1);
    case ZIP_SOURCE_STAT:
      // A new archive: nothing to read. libzip takes a read error with
      // ENOENT as "no such file" and creates one.
      return impl.failed(ZIP_ER_READ, ENOENT);
    case ZIP_SOURCE_ERROR: return zip_error_to_data(&impl.error, data, length);
    case ZIP_SOURCE_FREE: return 0;
    case ZIP_SOURCE_BEGIN_WRITE: return impl.begin();
    case ZIP_SOURCE_WRITE: return impl.write(static_cast<const char*>(data), length);
    case ZIP_SOURCE_SEEK_WRITE: return impl.seek(data, length);
    case ZIP_SOURCE_TELL_WRITE:
      impl.expect_header = true;
      return static_cast<zip_int64_t>(impl.pos);
    case ZIP_SOURCE_COMMIT_WRITE: return impl.commit();
    case ZIP_SOURCE_ROLLBACK_WRITE: return impl.rollback();
    case ZIP_SOURCE_REMOVE: return impl.rollback();
    default:
      // Reading: the sink only ever writes a new zip.
      return impl.failed(ZIP_ER_OPNOTSUPP, 0);
  }
}

}  // namespace

ZipSink::ZipSink(fs::path path) : m_impl(std::make_unique<Impl>()) {
  m_impl->path = std::move(path);
  zip_error_init(&m_impl->error);
}
ZipSink::~ZipSink() = default;

void ZipSink::expect(const std::string& name, std::uint32_t crc32, std::uint64_t size) {
  m_impl->known[name] = {crc32, size};
}

void ZipSink::hash_entry(const std::string& name) {
  if (m_impl->wanted.count(name) != 0) return;
  m_impl->wanted[name] = m_impl->entry_hashes.size();
  m_impl->entry_hashes.emplace_back();
  m_impl->entry_seen.push_back(false);
}

zip_source_t* ZipSink::source(zip_error_t* error) { return zip_source_function_create(sink_callback, m_impl.get(), error); }

std::string ZipSink::streamed_sha256() const { return m_impl->digest; }

std::string ZipSink::entry_sha256(const std::string& name) const {
  auto it = m_impl->entry_digests.find(name);
  return it == m_impl->entry_digests.end() ? std::string() : it->second;
}

}  // namespace packager::archive
