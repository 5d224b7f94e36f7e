#include "packager/fetch/download.hpp"

#include <cstdio>
#include <cstring>
#include <memory>

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "packager/core/interrupt.hpp"
#include "packager/fetch/curl_handle.hpp"
#include "packager/fetch/pipelined_hash.hpp"
#include "packager/fetch/retry.hpp"
#include "packager/fetch/sniff.hpp"
#include "packager/util/atomic_file.hpp"
#include "packager/util/fs.hpp"
#include "packager/util/sha256.hpp"
#include "packager/util/text.hpp"

namespace packager::fetch {
namespace fs = std::filesystem;
namespace {

// The part file's descriptor, closed on every path out of an attempt.
class PartFile {
 public:
  PartFile() = default;
  PartFile(const PartFile&) = delete;
  PartFile& operator=(const PartFile&) = delete;
  ~PartFile() {
    if (m_fd >= 0) ::close(m_fd);
  }
  // Opens `path` to extend it (`append`) or to start it afresh; false with
  // errno set when it cannot be opened.
  bool open(const fs::path& path, bool append) {
    m_fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC), 0644);
    return m_fd >= 0;
  }
  bool is_open() const { return m_fd >= 0; }
  // Every byte or false (errno set): write(2) may take less than asked.
  bool write_all(const char* data, size_t size) {
    while (size > 0) {
      const ssize_t n = ::write(m_fd, data, size);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      data += n;
      size -= static_cast<size_t>(n);
    }
    return true;
  }
  bool truncate() { return ::ftruncate(m_fd, 0) == 0 && ::lseek(m_fd, 0, SEEK_SET) == 0; }
  // False (errno set) when close(2) reports a write that failed late (a
  // full quota, a network file system).
  bool close() {
    const int rc = ::close(m_fd);
    m_fd = -1;
    return rc == 0;
  }

 private:
  int m_fd = -1;
};

// The partial download carried between attempts (and between runs).
struct Part {
  fs::path path;       // <destination>.part
  fs::path info_path;  // <destination>.part.json
  std::uintmax_t size = 0;
  util::Sha256 hash;   // of the bytes in the part file
  std::string etag;    // the version the part belongs to
  std::string last_modified;

  // The If-Range value: a strong ETag, else Last-Modified ("" = cannot resume).
  std::string validator() const {
    if (!etag.empty() && !util::starts_with_ci(etag, "W/")) return etag;
    return last_modified;
  }
  void reset() {
    size = 0;
    hash = util::Sha256();
    etag.clear();
    last_modified.clear();
    std::error_code ec;
    fs::remove(path, ec);
    fs::remove(info_path, ec);
  }
};

// Adopts a part left by an earlier run when its record names the same URL
// and a validator; otherwise starts afresh.
void load_part(Part& part, const std::string& url) {
  std::error_code ec;
  const auto size = fs::file_size(part.path, ec);
  auto text = util::read_text_file(part.info_path, 64 * 1024);
  if (ec || !text) return part.reset();
  const auto json = nlohmann::json::parse(*text, nullptr, false);
  if (!json.is_object() || json.value("url", "") != url) return part.reset();
  part.etag = json.value("etag", "");
  part.last_modified = json.value("last_modified", "");
  if (part.validator().empty()) return part.reset();
  // The earlier run's hash state is gone: hash its bytes once.
  std::FILE* file = std::fopen(part.path.c_str(), "rb");
  if (file == nullptr) return part.reset();
  std::vector<char> buffer(1 << 20);
  for (size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), file)) > 0;) part.hash.update(buffer.data(), n);
  std::fclose(file);
  part.size = size;
}

// State shared with libcurl's callbacks for one attempt.
struct Transfer {
  CURL* curl = nullptr;
  const std::string* url = nullptr;
  const FetchOptions* options = nullptr;
  Part* part = nullptr;
  // Opened at the first body byte of a 2xx answer: a revalidation answered
  // 304 (every video of a build with nothing new) creates no file.
  PartFile* file = nullptr;
  PipelinedHash* hasher = nullptr;  // feeds part->hash
  std::uintmax_t resumed_from = 0;  // part size when this attempt started
  bool body_started = false;        // begin_body() ran for the final response
  bool sniffed = false;
  bool restart = false;             // the answer cannot extend the part: start over
  std::string head;                 // first bytes, kept for sniffing
  std::string content_type, etag, last_modified, content_range, retry_after;
  std::string location;             // the last redirect's target, to explain a refused one
  std::optional<Error> error;       // why a callback stopped the transfer (final)
};

std::string header_value(std::string_view line, std::string_view name) {
  if (!util::starts_with_ci(line, name) || line.size() <= name.size() || line[name.size()] != ':')
    return {};
  return util::trim(line.substr(name.size() + 1));
}

long response_code(CURL* curl) {
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  return status;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto& t = *static_cast<Transfer*>(user);
  const std::string_view line(data, size * count);
  // A new status line starts a new response (after a redirect): forget the
  // previous response's headers.
  if (util::starts_with_ci(line, "HTTP/")) {
    t.content_type.clear();
    t.etag.clear();
    t.last_modified.clear();
    t.content_range.clear();
    t.retry_after.clear();
  }
  if (auto v = header_value(line, "content-type"); !v.empty()) t.content_type = v;
  if (auto v = header_value(line, "etag"); !v.empty()) t.etag = v;
  if (auto v = header_value(line, "last-modified"); !v.empty()) t.last_modified = v;
  if (auto v = header_value(line, "content-range"); !v.empty()) t.content_range = v;
  if (auto v = header_value(line, "retry-after"); !v.empty()) t.retry_after = v;
  if (auto v = header_value(line, "location"); !v.empty()) t.location = v;
  // The end of an answer's headers. Only revalidating: a new version (2xx)
  // is not ours to download; stop before its body (redirects, 304 and
  // errors go on as usual).
  if (t.options->only_if_unchanged && (line == "\r\n" || line == "\n")) {
    const long status = response_code(t.curl);
    if (status >= 200 && status < 300) {
      t.error = Error{ErrorCode::network, fmt::format("{}: changed on the server (HTTP {})", *t.url, status)};
      return 0;
    }
  }
  return size * count;
}

bool fail_transfer(Transfer& t, ErrorCode code, std::string message) {
  t.error = Error{code, std::move(message)};
  return false;
}

// The first body bytes of a 2xx answer: decide whether they extend the part
// or replace it, and check size limits before anything is written.
bool begin_body(Transfer& t) {
  t.body_started = true;
  Part& part = *t.part;
  const long status = response_code(t.curl);
  if (!t.file->open(part.path, part.size > 0))
    return fail_transfer(t, ErrorCode::output,
                         fmt::format("{}: cannot write: {}", part.path.string(), std::strerror(errno)));
  if (status == 206) {
    // Only "bytes START-..." continuing exactly where the part ends will do.
    const std::string expected = fmt::format("bytes {}-", part.size);
    const bool same_version = t.etag.empty() || part.etag.empty() || t.etag == part.etag;
    if (part.size == 0 || !util::starts_with_ci(t.content_range, expected) || !same_version) {
      t.restart = true;
      return false;
    }
  } else if (part.size > 0) {
    // 200 to a Range request: the server ignored Range, or If-Range saw a
    // new version. This body is the whole file: start the part again.
    part.size = 0;
    t.hasher->drain();
    part.hash = util::Sha256();
    if (!t.file->truncate())
      return fail_transfer(t, ErrorCode::output, fmt::format("{}: cannot truncate", part.path.string()));
    t.resumed_from = 0;
  }
  if (part.size == 0) {
    part.etag = t.etag;
    part.last_modified = t.last_modified;
    // Recorded now so a later run can resume what this one receives.
    if (!part.validator().empty()) {
      const nlohmann::json info = {{"url", *t.url}, {"etag", part.etag}, {"last_modified", part.last_modified}};
      // No fsync: the part's bytes are not synced either; a record lost to
      // a power cut only means the download starts again.
      if (auto written = util::write_file_atomically(part.info_path, info.dump() + "\n", util::Sync::no_fsync);
          !written)
        return fail_transfer(t, written.error().code, written.error().message);
    }
  }
  curl_off_t remaining = -1;
  curl_easy_getinfo(t.curl, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &remaining);
  if (remaining >= 0) {
    const auto total = part.size + static_cast<std::uintmax_t>(remaining);
    if (total > t.options->max_bytes)
      return fail_transfer(t, ErrorCode::network,
                           fmt::format("{}: the video is {} bytes, more than --max-download-size ({} bytes)",
                                       *t.url, total, t.options->max_bytes));
    std::error_code ec;
    const auto space = fs::space(part.path.parent_path(), ec);
    if (t.options->check_disk_space && !ec && space.available < static_cast<std::uintmax_t>(remaining))
      return fail_transfer(t, ErrorCode::output,
                           fmt::format("{}: not enough free disk space in {} ({} bytes needed, {} free)",
                                       *t.url, part.path.parent_path().string(), remaining, space.available));
  }
  return true;
}

// Whether the first bytes are media; fails the transfer when they are not.
bool check_body_start(Transfer& t, bool final_chunk) {
  const Sniffed kind = sniff(t.head);
  if (kind == Sniffed::need_more && !final_chunk) return true;
  const bool html_type = util::starts_with_ci(t.content_type, "text/html");
  const bool text = t.options->expect == FetchOptions::Expect::text;
  if ((kind == Sniffed::media || (text && kind != Sniffed::html)) && !html_type) {
    t.sniffed = true;
    return true;
  }
  if (text)
    return fail_transfer(t, ErrorCode::input,
                         fmt::format("{}: expected a WebVTT caption file but the server sent an HTML page ({}); a "
                                     "login page or a captive portal may be in the way",
                                     *t.url, t.content_type.empty() ? "no Content-Type" : t.content_type));
  const std::string what =
      html_type || kind == Sniffed::html
          ? fmt::format("an HTML page ({})", t.content_type.empty() ? "no Content-Type" : t.content_type)
          : fmt::format("data that is not a video (starts with {})", describe_body(t.head));
  return fail_transfer(t, ErrorCode::media,
                       fmt::format("{}: expected an MP4 video but the server sent {}; a login page or "
                                   "a captive portal may be in the way",
                                   *t.url, what));
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto& t = *static_cast<Transfer*>(user);
  const size_t bytes = size * count;
  if (interrupted()) {
    fail_transfer(t, ErrorCode::interrupted, "interrupted");
    return 0;
  }
  const long status = response_code(t.curl);
  // Error pages and redirect bodies are not the file: skip them.
  if (status >= 300) return bytes;
  if (!t.body_started && !begin_body(t)) return 0;
  Part& part = *t.part;
  if (part.size == 0 && !t.sniffed) {
    t.head.append(data, std::min(bytes, k_sniff_bytes * 4));
    if (!check_body_start(t, false)) return 0;
  } else if (!t.sniffed && util::starts_with_ci(t.content_type, "text/html")) {
    // A resumed body has no signature to check, but its type still counts.
    return check_body_start(t, true) ? bytes : 0;
  }
  if (part.size + bytes > t.options->max_bytes) {
    fail_transfer(t, ErrorCode::network,
                  fmt::format("{}: the video is more than --max-download-size ({} bytes)", *t.url,
                              t.options->max_bytes));
    return 0;
  }
  // Straight from libcurl's buffer to the file: no stdio buffer to copy
  // into (a write(2) per callback, up to CURLOPT_BUFFERSIZE bytes).
  if (!t.file->write_all(data, bytes)) {
    fail_transfer(t, ErrorCode::output, fmt::format("{}: cannot write: {}", part.path.string(), std::strerror(errno)));
    return 0;
  }
  t.hasher->update(std::string_view(data, bytes));
  part.size += bytes;
  return bytes;
}

int on_progress(void* user, curl_off_t dltotal, curl_off_t dlnow, curl_off_t, curl_off_t) {
  auto& t = *static_cast<Transfer*>(user);
  if (t.options->on_progress && response_code(t.curl) < 300)
    t.options->on_progress(*t.url, t.resumed_from + static_cast<std::uintmax_t>(dlnow),
                           dltotal > 0 ? t.resumed_from + static_cast<std::uintmax_t>(dltotal) : 0);
  // Returning non-zero aborts promptly on Ctrl-C even while no data flows.
  return interrupted() ? 1 : 0;
}

enum class Outcome { done, not_modified, retry, failed };

struct Attempt {
  Outcome outcome = Outcome::failed;
  Error error;                                  // for retry (the last one is reported) and failed
  std::optional<std::chrono::milliseconds> wait;  // Retry-After
  long status = 0;
  std::uintmax_t resumed_from = 0;  // bytes of the part this answer extended
};

Attempt attempt(const std::string& url, Part& part, const FetchOptions& options, const Validators& revalidate) {
  Attempt result;
  CurlEasy curl(curl_easy_init());
  if (!curl) return {Outcome::failed, Error{ErrorCode::internal, "curl_easy_init failed"}, {}, 0};
  if (part.size > 0 && part.validator().empty()) part.reset();  // unsafe to resume
  PartFile file;

  Transfer t;
  t.curl = curl.get();
  t.url = &url;
  t.options = &options;
  t.part = &part;
  t.file = &file;
  t.resumed_from = part.size;
  char error_buffer[CURL_ERROR_SIZE] = {0};

  CurlSlist headers;
  auto add_header = [&headers](const std::string& line) {
    headers.reset(curl_slist_append(headers.release(), line.c_str()));
  };
  if (part.size > 0) {
    add_header(fmt::format("Range: bytes={}-", part.size));
    add_header("If-Range: " + part.validator());
  } else if (!revalidate.empty()) {
    if (!revalidate.etag.empty()) add_header("If-None-Match: " + revalidate.etag);
    if (!revalidate.last_modified.empty()) add_header("If-Modified-Since: " + revalidate.last_modified);
  }

  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  apply_common_options(h, options, "http,https,file", error_buffer);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(h, CURLOPT_XFERINFODATA, &t);
  curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_BUFFERSIZE, 512L * 1024);

  PipelinedHash hasher(part.hash);
  t.hasher = &hasher;
  const CURLcode rc = curl_easy_perform(h);
  hasher.finish();  // part.hash now covers every byte written
  // What was received stays in the part (written as it came) for the next
  // attempt.
  result.status = response_code(h);
  if (t.restart) {
    part.reset();
    return {Outcome::retry, Error{ErrorCode::network, fmt::format("{}: the server sent another range", url)}, {}, 0};
  }
  if (t.error) return {Outcome::failed, *t.error, {}, result.status};
  if (interrupted()) return {Outcome::failed, Error{ErrorCode::interrupted, "interrupted"}, {}, 0};
  if (rc != CURLE_OK) {
    std::string why = error_buffer[0] != 0 ? error_buffer : curl_easy_strerror(rc);
    if (rc == CURLE_TOO_MANY_REDIRECTS)
      why = fmt::format("too many redirects (more than {}); the links may go round in a loop", options.max_redirects);
    // libcurl only says "Protocol "file" not supported": say what was
    // refused and why (curl_handle.cpp allows redirects to http(s) only).
    if (rc == CURLE_UNSUPPORTED_PROTOCOL && !t.location.empty())
      why = fmt::format("the server redirects to {}, which is refused: a download may only be redirected to http or "
                        "https, so that no server can make packager read this machine's files or other services",
                        t.location);
    return {is_retryable(rc) ? Outcome::retry : Outcome::failed,
            Error{ErrorCode::network, fmt::format("{}: {}", url, why)}, {}, result.status};
  }
  const long status = result.status;
  if (status == 304 && !revalidate.empty() && part.size == 0) return {Outcome::not_modified, {}, {}, status};
  if (status == 416 && t.resumed_from > 0) {
    part.reset();  // the part no longer fits the file: fetch it whole
    return {Outcome::retry, Error{ErrorCode::network, fmt::format("{}: HTTP 416", url)}, {}, status};
  }
  if (status >= 300) {
    const bool retry = is_retryable_status(status);
    return {retry ? Outcome::retry : Outcome::failed, Error{ErrorCode::network, fmt::format("{}: HTTP {}", url, status)},
            retry ? parse_retry_after(t.retry_after) : std::nullopt, status};
  }
  if (!t.sniffed && t.resumed_from == 0 && !check_body_start(t, true))
    return {Outcome::failed, *t.error, {}, status};
  // An empty body (an empty caption file) opened no file: the part is empty.
  if (!file.is_open() && !file.open(part.path, part.size > 0))
    return {Outcome::failed,
            Error{ErrorCode::output, fmt::format("{}: cannot write: {}", part.path.string(), std::strerror(errno))},
            {}, status};
  if (!file.close())
    return {Outcome::failed,
            Error{ErrorCode::output, fmt::format("{}: cannot write: {}", part.path.string(), std::strerror(errno))},
            {}, status};
  // No fsync: it would make every download wait for the disk (half the
  // throughput on a fast link) and buys nothing here. Cache entries are
  // size-checked and re-hashed before every use, so a file torn by a power
  // cut is fetched again, never packaged; and a part that lost its tail
  // resumes from where its data really ends.
  return {Outcome::done, {}, {}, status, status == 206 ? t.resumed_from : 0};
}

}  // namespace

Result<Downloaded> download(const std::string& url, const fs::path& destination, const FetchOptions& options,
                            const Validators& revalidate) {
  ensure_curl_initialised();
  Part part;
  part.path = fs::path(destination.string() + ".part");
  part.info_path = fs::path(destination.string() + ".part.json");
  load_part(part, url);
  Downloaded got;
  for (int n = 1;; ++n) {
    Attempt a = attempt(url, part, options, revalidate);
    got.attempts = n;
    if (a.outcome == Outcome::not_modified) {
      part.reset();
      got.not_modified = true;
      got.status = a.status;
      got.etag = revalidate.etag;
      got.last_modified = revalidate.last_modified;
      return got;
    }
    if (a.outcome == Outcome::done) {
      got.status = a.status;
      got.size = part.size;
      got.sha256 = part.hash.hex_digest();
      got.etag = part.etag;
      got.last_modified = part.last_modified;
      got.resumed_bytes = a.resumed_from;
      std::error_code ec;
      fs::rename(part.path, destination, ec);
      if (ec)
        return fail(ErrorCode::output,
                    fmt::format("{}: cannot rename to {}: {}", part.path.string(), destination.string(), ec.message()));
      fs::remove(part.info_path, ec);
      return got;
    }
    if (a.outcome == Outcome::failed) {
      // A part stays for a later run after Ctrl-C or a lost network; not
      // when the answer itself was wrong (HTML, 404, over the size limit).
      // An empty part is worth nothing: no file is left for it.
      const bool keep = part.size > 0 &&
                        (a.error.code == ErrorCode::interrupted ||
                         (a.error.code == ErrorCode::network && a.status < 400 && part.size < options.max_bytes));
      if (!keep) part.reset();
      return tl::unexpected(std::move(a.error));
    }
    // Outcome::retry.
    if (n >= options.max_attempts)
      return fail(ErrorCode::network, fmt::format("{}; gave up after {} attempts", a.error.message, n));
    auto wait = backoff_delay(n + 1, options);
    if (a.wait) {
      if (*a.wait > options.max_retry_after)
        return fail(ErrorCode::network,
                    fmt::format("{}; the server asks to retry in {} s, longer than packager waits ({} s)",
                                a.error.message, std::chrono::duration_cast<std::chrono::seconds>(*a.wait).count(),
                                std::chrono::duration_cast<std::chrono::seconds>(options.max_retry_after).count()));
      wait = *a.wait;
    }
    if (options.on_retry) options.on_retry(url, a.error.message, wait);
    if (!sleep_unless_interrupted(wait)) return fail(ErrorCode::interrupted, "interrupted");
  }
}

}  // namespace packager::fetch
