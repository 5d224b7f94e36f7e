#pragma once
// One HTTP(S)/file transfer with libcurl into a file, hashing as it goes.

#include <filesystem>
#include <string>

#include "packager/core/error.hpp"
#include "packager/fetch/fetcher.hpp"

namespace packager::fetch {

struct Downloaded {
  std::uintmax_t size = 0;
  std::string sha256;
  std::string etag;
  std::string last_modified;
  long status = 0;
};

// Downloads `url` into `destination` (written under a temporary name and
// renamed when complete). Fails with ErrorCode::network on transport errors
// and HTTP errors ("https://x/y.mp4: HTTP 404"), and ErrorCode::media as soon
// as the first bytes show the body is not media.
Result<Downloaded> download(const std::string& url, const std::filesystem::path& destination,
                            const FetchOptions& options);

}  // namespace packager::fetch
