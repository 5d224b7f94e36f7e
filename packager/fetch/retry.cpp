#include "packager/fetch/retry.hpp"

#include <ctime>
#include <random>
#include <string>
#include <thread>

#include "packager/core/interrupt.hpp"
#include "packager/util/text.hpp"

namespace packager::fetch {

bool is_retryable(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:  // often a DNS hiccup on a flaky link
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SSL_CONNECT_ERROR:  // a reset during the handshake; certificate errors differ
      return true;
    default:
      return false;
  }
}

bool is_retryable_status(long status) { return status >= 500 || status == 429 || status == 408; }

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value) {
  const std::string text = util::trim(value);
  if (text.empty()) return std::nullopt;
  if (text.find_first_not_of("0123456789") == std::string::npos) {
    if (text.size() > 9) return std::nullopt;
    return std::chrono::seconds(std::stol(text));
  }
  // IMF-fixdate: "Wed, 21 Oct 2015 07:28:00 GMT".
  std::tm tm{};
  if (strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm) == nullptr) return std::nullopt;
  const std::time_t when = timegm(&tm);
  const std::time_t now = std::time(nullptr);
  return std::chrono::seconds(when > now ? when - now : 0);
}

std::chrono::milliseconds backoff_delay(int attempt, const FetchOptions& options) {
  using std::chrono::milliseconds;
  milliseconds delay = options.retry_base_delay;
  for (int i = 2; i < attempt && delay < options.retry_max_delay; ++i) delay *= 2;
  delay = std::min(delay, options.retry_max_delay);
  thread_local std::mt19937_64 random{std::random_device{}()};
  std::uniform_int_distribution<long long> jitter(delay.count() / 2, delay.count());
  return milliseconds(jitter(random));
}

bool sleep_unless_interrupted(std::chrono::milliseconds delay) {
  const auto until = std::chrono::steady_clock::now() + delay;
  while (std::chrono::steady_clock::now() < until) {
    if (interrupted()) return false;
    std::this_thread::sleep_for(std::min<std::chrono::nanoseconds>(std::chrono::milliseconds(50),
                                                                   until - std::chrono::steady_clock::now()));
  }
  return !interrupted();
}

}  // namespace packager::fetch
