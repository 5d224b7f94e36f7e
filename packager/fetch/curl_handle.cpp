#include "packager/fetch/curl_handle.hpp"

#include <memory>
#include <mutex>

#include "packager/fetch/fetcher.hpp"

namespace packager::fetch {

void ensure_curl_initialised() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

namespace {

struct CurlShareDeleter {
  void operator()(CURLSH* share) const { curl_share_cleanup(share); }
};
using CurlShare = std::unique_ptr<CURLSH, CurlShareDeleter>;

// What the transfers of one thread share: open connections (kept alive
// between requests to one host: a build that revalidates 92 videos on one
// PeerTube instance makes one TCP and TLS handshake, not 92), resolved
// names and TLS sessions. One per thread, never shared across threads:
// libcurl's shared connection cache is not safe for concurrent use (curl
// issue 4915), and without concurrent use it needs no lock callbacks.
// Destroyed (connections closed) when the thread ends; a worker's
// transfers run one after the other on it.
CURLSH* thread_share() {
  thread_local const CurlShare share = [] {
    CurlShare s(curl_share_init());
    if (s) {
      curl_share_setopt(s.get(), CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
      curl_share_setopt(s.get(), CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
      curl_share_setopt(s.get(), CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    }
    return s;
  }();
  return share.get();
}

}  // namespace

void apply_common_options(CURL* h, const FetchOptions& options, const char* protocols, char* error_buffer) {
  // Without a share (out of memory) every transfer opens its own connection.
  if (CURLSH* share = thread_share()) curl_easy_setopt(h, CURLOPT_SHARE, share);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, protocols);
  curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(h, CURLOPT_MAXREDIRS, options.max_redirects);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, options.connect_timeout_seconds);
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, options.low_speed_limit_bytes);
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, options.low_speed_time_seconds);
  curl_easy_setopt(h, CURLOPT_USERAGENT, "packager/" PACKAGER_VERSION);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer);
}

}  // namespace packager::fetch
