// fetch_once URL CACHE_DIR: downloads URL with packager's fetcher into an
// (empty) cache, as a build does, and prints the SHA-256. Used by
// fetch_bench.sh to compare with the curl CLI; not a test.
#include <cstdio>

#include "packager/fetch/fetcher.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: fetch_once URL CACHE_DIR\n");
    return 2;
  }
  packager::fetch::FetchOptions options;
  options.cache_dir = argv[2];
  auto got = packager::fetch::fetch_media(argv[1], options);
  if (!got) {
    std::fprintf(stderr, "%s\n", got.error().message.c_str());
    return 1;
  }
  std::printf("%s\n", got->sha256.c_str());
  return 0;
}
