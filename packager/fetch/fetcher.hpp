#pragma once
// Getting a lesson's media onto local disk: from the user's own copy (a
// media folder), from the download cache, or over http(s)/file with libcurl.

#include <cstdint>
#include <filesystem>
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
  std::uintmax_t max_bytes = 8ull * 1024 * 1024 * 1024;
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
};

// Fetches `url` and returns the local file. Errors name the URL: network
// failures and HTTP errors are ErrorCode::network; a body that is not media
// (an HTML login page...) is ErrorCode::media.
Result<Fetched> fetch_media(const std::string& url, const FetchOptions& options);

// The default cache root: $XDG_CACHE_HOME/packager, else ~/.cache/packager.
std::filesystem::path default_cache_dir();

const char* to_string(Origin origin);

}  // namespace packager::fetch
