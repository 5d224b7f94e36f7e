// The hashing thread gives the same digest as hashing in line, whatever the
// piece sizes, and drain() makes the hash complete so it can be reset.
#include "packager/fetch/pipelined_hash.hpp"

#include <gtest/gtest.h>

#include "tests/unit/fetch/fetch_support.hpp"

namespace packager::fetch {
namespace {

TEST(PipelinedHash, SameDigestAsHashingInLine) {
  const std::string body = test::fake_mp4(3 * 1024 * 1024 + 12345);
  util::Sha256 hash;
  {
    PipelinedHash hasher(hash);
    size_t step = 1;
    for (size_t at = 0; at < body.size(); at += step, step = step * 3 % 700001 + 1)
      hasher.update(std::string_view(body).substr(at, step));
    hasher.finish();
  }
  EXPECT_EQ(hash.hex_digest(), util::sha256_hex(body));
}

TEST(PipelinedHash, DrainThenResetStartsOver) {
  const std::string first = test::fake_mp4(2 * 1024 * 1024, 'a');
  const std::string second = test::fake_mp4(1500000, 'k');
  util::Sha256 hash;
  PipelinedHash hasher(hash);
  hasher.update(first);
  hasher.drain();
  hash = util::Sha256();  // what a restarted download does
  hasher.update(second);
  hasher.finish();
  EXPECT_EQ(hash.hex_digest(), util::sha256_hex(second));
}

}  // namespace
}  // namespace packager::fetch
