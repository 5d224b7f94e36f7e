#pragma once
// Shared by the fetch tests: a fake MP4 body and options with short delays.

#include <string>

#include "packager/fetch/fetcher.hpp"

namespace packager::fetch::test {

// An ISO-BMFF-looking body: an 'ftyp' box then varied filler (so a spliced
// or shifted file changes the hash). `seed` makes another version.
inline std::string fake_mp4(size_t size, char seed = 'a') {
  std::string body("\x00\x00\x00\x18" "ftypisom\x00\x00\x02\x00isomiso2", 24);
  body.reserve(size);
  for (size_t i = body.size(); i < size; ++i) body.push_back(static_cast<char>(seed + (i * 7 + i / 251) % 23));
  body.resize(size);
  return body;
}

// Retries in milliseconds so the fault matrix runs fast.
inline FetchOptions fast_options(const std::filesystem::path& cache_dir) {
  FetchOptions o;
  o.cache_dir = cache_dir;
  o.retry_base_delay = std::chrono::milliseconds(5);
  o.retry_max_delay = std::chrono::milliseconds(20);
  o.connect_timeout_seconds = 5;
  return o;
}

}  // namespace packager::fetch::test
