#pragma once
// One HTTP(S)/file download with libcurl into a file: retried with backoff,
// resumed from a ".part" file, hashed while the bytes stream.

#include <filesystem>
#include <string>

#include "packager/core/error.hpp"
#include "packager/fetch/fetcher.hpp"

namespace packager::fetch {

// What a cached copy was stored with; sent as If-None-Match and
// If-Modified-Since to ask the server whether it changed.
struct Validators {
  std::string etag;
  std::string last_modified;
  bool empty() const { return etag.empty() && last_modified.empty(); }
};

struct Downloaded {
  std::uintmax_t size = 0;
  std::string sha256;
  std::string etag;
  std::string last_modified;
  long status = 0;
  bool not_modified = false;       // 304: `destination` was not touched
  int attempts = 0;
  std::uintmax_t resumed_bytes = 0;  // bytes kept from earlier attempts (not re-sent)
};

// Downloads `url` into `destination`. Bytes go to "<destination>.part"
// (with "<destination>.part.json" recording the URL and its ETag /
// Last-Modified); the part is renamed to `destination` when complete. An
// interrupted transfer resumes with Range + If-Range, in this call or a
// later one; when the server ignores Range or the file changed, the part is
// dropped and the download restarts, so two versions are never spliced.
// Network errors, 5xx and 429 are retried (FetchOptions::max_attempts,
// honouring Retry-After); other statuses fail at once.
// With `revalidate` set, a 304 answer returns not_modified.
// Errors: ErrorCode::network naming the URL ("https://x/y.mp4: HTTP 404"),
// ErrorCode::media as soon as the first bytes show the body is not media,
// ErrorCode::output when the disk is full, ErrorCode::interrupted.
Result<Downloaded> download(const std::string& url, const std::filesystem::path& destination,
                            const FetchOptions& options, const Validators& revalidate = {});

}  // namespace packager::fetch
