#include "packager/fetch/download.hpp"

#include <cstdio>
#include <cstring>

#include <fmt/format.h>

#include "packager/core/interrupt.hpp"
#include "packager/fetch/curl_handle.hpp"
#include "packager/fetch/sniff.hpp"
#include "packager/util/atomic_file.hpp"
#include "packager/util/sha256.hpp"
#include "packager/util/text.hpp"

namespace packager::fetch {
namespace {

// State shared with libcurl's callbacks for one transfer.
struct Transfer {
  CURL* curl = nullptr;
  const std::string* url = nullptr;
  util::AtomicFile* file = nullptr;
  util::Sha256 hash;
  std::string head;  // first bytes, kept for sniffing
  bool sniffed = false;
  std::uintmax_t size = 0;
  std::uintmax_t max_bytes = 0;
  std::string content_type;
  std::string etag;
  std::string last_modified;
  std::optional<Error> error;  // why a callback stopped the transfer
};

std::string header_value(std::string_view line, std::string_view name) {
  if (!util::starts_with_ci(line, name) || line.size() <= name.size() || line[name.size()] != ':')
    return {};
  return util::trim(line.substr(name.size() + 1));
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
  }
  if (auto v = header_value(line, "content-type"); !v.empty()) t.content_type = v;
  if (auto v = header_value(line, "etag"); !v.empty()) t.etag = v;
  if (auto v = header_value(line, "last-modified"); !v.empty()) t.last_modified = v;
  return size * count;
}

bool check_body_start(Transfer& t, bool final_chunk) {
  long status = 0;
  curl_easy_getinfo(t.curl, CURLINFO_RESPONSE_CODE, &status);
  if (status >= 400) return true;  // reported after the transfer with the status
  const Sniffed kind = sniff(t.head);
  if (kind == Sniffed::need_more && !final_chunk) return true;
  const bool html_type = util::starts_with_ci(t.content_type, "text/html");
  if (kind == Sniffed::media && !html_type) {
    t.sniffed = true;
    return true;
  }
  const std::string what = html_type || kind == Sniffed::html
                               ? fmt::format("an HTML page ({})", t.content_type.empty() ? "no Content-Type" : t.content_type)
                               : fmt::format("data that is not a video (starts with {})", describe_body(t.head));
  t.error = Error{ErrorCode::media,
                  fmt::format("{}: expected an MP4 video but the server sent {}; a login page or "
                              "a captive portal may be in the way",
                              *t.url, what)};
  return false;
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto& t = *static_cast<Transfer*>(user);
  const size_t bytes = size * count;
  if (interrupted()) {
    t.error = Error{ErrorCode::interrupted, "interrupted"};
    return 0;
  }
  if (!t.sniffed) {
    t.head.append(data, std::min(bytes, k_sniff_bytes * 4));
    if (!check_body_start(t, false)) return 0;
  }
  t.size += bytes;
  if (t.size > t.max_bytes) {
    t.error = Error{ErrorCode::network, fmt::format("{}: the download is larger than the limit of {} bytes",
                                                    *t.url, t.max_bytes)};
    return 0;
  }
  t.hash.update(data, bytes);
  if (auto written = t.file->write(std::string_view(data, bytes)); !written) {
    t.error = written.error();
    return 0;
  }
  return bytes;
}

int on_progress(void*, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  // Returning non-zero aborts promptly on Ctrl-C even while no data flows.
  return interrupted() ? 1 : 0;
}

}  // namespace

Result<Downloaded> download(const std::string& url, const std::filesystem::path& destination,
                            const FetchOptions& options) {
  ensure_curl_initialised();
  CurlEasy curl(curl_easy_init());
  if (!curl) return fail(ErrorCode::internal, "curl_easy_init failed");
  TRY_ASSIGN(auto file, util::AtomicFile::create(destination));

  Transfer t;
  t.curl = curl.get();
  t.url = &url;
  t.file = &file;
  t.max_bytes = options.max_bytes;
  char error_buffer[CURL_ERROR_SIZE] = {0};

  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https,file");
  curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(h, CURLOPT_MAXREDIRS, options.max_redirects);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, options.connect_timeout_seconds);
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, options.low_speed_limit_bytes);
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, options.low_speed_time_seconds);
  curl_easy_setopt(h, CURLOPT_USERAGENT, "packager/" PACKAGER_VERSION);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);

  const CURLcode rc = curl_easy_perform(h);
  if (t.error) return tl::unexpected(*t.error);
  if (interrupted()) return fail(ErrorCode::interrupted, "interrupted");
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  if (rc != CURLE_OK)
    return fail(ErrorCode::network, fmt::format("{}: {}", url, error_buffer[0] != 0 ? error_buffer : curl_easy_strerror(rc)));
  if (status >= 400) return fail(ErrorCode::network, fmt::format("{}: HTTP {}", url, status));
  if (!t.sniffed && !check_body_start(t, true)) return tl::unexpected(*t.error);
  TRY(file.commit());
  return Downloaded{t.size, t.hash.hex_digest(), t.etag, t.last_modified, status};
}

}  // namespace packager::fetch
