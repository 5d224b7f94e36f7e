#include "packager/fetch/curl_handle.hpp"

#include <mutex>

#include "packager/fetch/fetcher.hpp"

namespace packager::fetch {

void ensure_curl_initialised() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

void apply_common_options(CURL* h, const FetchOptions& options, const char* protocols, char* error_buffer) {
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
