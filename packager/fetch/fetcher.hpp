#pragma once
// Getting a lesson's media onto local disk: from the user's own copy (a
// media folder), from the download cache, or over http(s)/file with libcurl.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "packager/core/error.hpp"

namespace packager::fetch {

struct FetchOptions {
  std::filesystem::path cache_dir;                 // content cache root
  std::vector<std::filesystem::path> media_dirs;   // user copies, matched by URL file name
  bool offline = false;                            // never touch the network
  long connect_timeout_seconds = 30;
  long low_speed_limit_bytes = 1024;               // abort below this rate...
  long low_speed_time_seconds = 60;                // ...sustained this long
  long max_redirects = 10;
  std::uintmax_t max_bytes = 8ull * 1024 * 1024 * 1024;  // --max-download-size
  bool check_disk_space = true;                    // refuse a body larger than the free space
  // What the body must be: a video (its first bytes are checked: MP4,
  // WebM), or a text file such as WebVTT captions (only an HTML page is
  // refused, and --media-dir copies are not looked for).
  enum class Expect { media, text } expect = Expect::media;
  // Retries on network errors, 5xx and 429: up to max_attempts tries in all,
  // waiting retry_base_delay, then twice that... (with jitter) up to
  // retry_max_delay, or what Retry-After says if it is at most max_retry_after.
  int max_attempts = 6;
  std::chrono::milliseconds retry_base_delay{1000};
  std::chrono::milliseconds retry_max_delay{30000};
  std::chrono::milliseconds max_retry_after{300000};
  // Only what is at hand: the user's copy, or a cached copy that the server
  // confirms unchanged (304) or that has nothing to revalidate with. Any
  // other outcome (not cached, a new version, the server cannot be asked, a
  // cached copy that changed) fails with ErrorCode::network without
  // downloading a body, leaving the cache as it was, so that a normal fetch
  // can do it. For asking many URLs at once before the -j downloads.
  // resolve_peertube_embed() then gives no remembered answer in place of
  // one the instance could not give.
  bool only_if_unchanged = false;
  // Called from the downloading thread as bytes arrive (total 0 = unknown),
  // and before each retry. Must be thread-safe when downloads run in parallel.
  std::function<void(const std::string& url, std::uintmax_t received, std::uintmax_t total)> on_progress;
  std::function<void(const std::string& url, const std::string& why, std::chrono::milliseconds wait)> on_retry;
  // Called when another build sharing the cache is fetching `url` and this
  // one waits for it to finish.
  std::function<void(const std::string& url)> on_wait;
};

enum class Origin { local_copy, cache, network };

struct Fetched {
  std::filesystem::path path;  // where the bytes are now; owned by cache or user
  std::string url;
  std::string sha256;
  std::uintmax_t size = 0;
  std::string etag;
  std::string last_modified;
  Origin origin = Origin::network;
  std::uintmax_t bytes_downloaded = 0;  // body bytes this fetch transferred
  std::vector<std::string> notes;       // warnings for the user (a cache entry discarded...)
};

// Fetches `url` and returns the local file: a user's copy in a media folder
// (matched by the URL's file name), else the cache (its identity checked
// against the record: a changed blob is dropped and fetched again, with a
// note; then revalidated with If-None-Match / If-Modified-Since unless offline),
// else a download into the cache. Errors name the URL: network failures and
// HTTP errors are ErrorCode::network (also a cache miss with --offline); a
// body that is not media (an HTML login page...) is ErrorCode::media. With
// FetchOptions::expect text (captions), media folders are not searched and
// only an HTML body is refused, with ErrorCode::input.
Result<Fetched> fetch_media(const std::string& url, const FetchOptions& options);

// The default cache root: $XDG_CACHE_HOME/packager, else ~/.cache/packager.
std::filesystem::path default_cache_dir();

const char* to_string(Origin origin);

}  // namespace packager::fetch
