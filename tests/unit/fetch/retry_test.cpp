// When to retry and how long to wait.
#include "packager/fetch/retry.hpp"

#include <ctime>

#include <gtest/gtest.h>

namespace packager::fetch {
namespace {
using std::chrono::milliseconds;

TEST(Retry, RetryAfterSecondsAndHttpDate) {
  EXPECT_EQ(parse_retry_after("120"), std::chrono::seconds(120));
  EXPECT_EQ(parse_retry_after(" 0 "), std::chrono::seconds(0));
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), std::chrono::seconds(0));  // in the past
  char future[64];
  const std::time_t in_a_minute = std::time(nullptr) + 60;
  std::tm tm{};
  gmtime_r(&in_a_minute, &tm);
  std::strftime(future, sizeof future, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  const auto wait = parse_retry_after(future);
  ASSERT_TRUE(wait);
  EXPECT_GE(*wait, std::chrono::seconds(58));
  EXPECT_LE(*wait, std::chrono::seconds(60));
  EXPECT_FALSE(parse_retry_after("soon"));
  EXPECT_FALSE(parse_retry_after(""));
  EXPECT_FALSE(parse_retry_after("99999999999999"));
}

TEST(Retry, BackoffGrowsThenCapsWithJitterInTheUpperHalf) {
  FetchOptions o;
  o.retry_base_delay = milliseconds(100);
  o.retry_max_delay = milliseconds(1000);
  for (int i = 0; i < 50; ++i) {
    const auto second = backoff_delay(2, o);
    EXPECT_GE(second, milliseconds(50));
    EXPECT_LE(second, milliseconds(100));
    const auto third = backoff_delay(3, o);
    EXPECT_GE(third, milliseconds(100));
    EXPECT_LE(third, milliseconds(200));
    const auto late = backoff_delay(30, o);
    EXPECT_GE(late, milliseconds(500));
    EXPECT_LE(late, milliseconds(1000));
  }
}

TEST(Retry, WhatIsWorthAnotherTry) {
  EXPECT_TRUE(is_retryable(CURLE_PARTIAL_FILE));
  EXPECT_TRUE(is_retryable(CURLE_OPERATION_TIMEDOUT));
  EXPECT_TRUE(is_retryable(CURLE_COULDNT_CONNECT));
  EXPECT_FALSE(is_retryable(CURLE_PEER_FAILED_VERIFICATION));
  EXPECT_FALSE(is_retryable(CURLE_TOO_MANY_REDIRECTS));
  EXPECT_TRUE(is_retryable_status(500));
  EXPECT_TRUE(is_retryable_status(503));
  EXPECT_TRUE(is_retryable_status(429));
  EXPECT_FALSE(is_retryable_status(404));
  EXPECT_FALSE(is_retryable_status(403));
}

}  // namespace
}  // namespace packager::fetch
