#pragma once
// When and how long to wait before trying a transfer again.

#include <chrono>
#include <optional>
#include <string_view>

#include <curl/curl.h>

#include "packager/fetch/fetcher.hpp"

namespace packager::fetch {

// True for transport failures worth another try: refused or reset
// connections, timeouts, bodies cut short. TLS, URL and redirect-limit
// errors are not retried: trying again cannot fix them.
bool is_retryable(CURLcode code);

// True for HTTP statuses worth another try: 5xx, 408 and 429.
bool is_retryable_status(long status);

// Parses a Retry-After value: delta-seconds or an HTTP date. nullopt when
// it is neither.
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value);

// The wait before attempt `attempt` (2, 3, ...): exponential from
// options.retry_base_delay, capped at options.retry_max_delay, with "full
// jitter" over its upper half so many clients do not retry in lockstep.
std::chrono::milliseconds backoff_delay(int attempt, const FetchOptions& options);

// Sleeps, waking early on Ctrl-C. Returns false when interrupted.
bool sleep_unless_interrupted(std::chrono::milliseconds delay);

}  // namespace packager::fetch
