#include "packager/util/parallel.hpp"

#include <chrono>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include <gtest/gtest.h>

namespace packager::util {
namespace {

// Results come back at their index whatever order the items finished in:
// the first items sleep longest, so they finish last.
TEST(ParallelFor, ResultsInCourseOrder) {
  std::mutex mutex;
  std::set<std::thread::id> threads;
  const auto results = parallel_for(
      8, 4,
      [&](size_t i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5 * (8 - static_cast<int>(i))));
        const std::lock_guard<std::mutex> lock(mutex);
        threads.insert(std::this_thread::get_id());
        return std::to_string(i * i);
      },
      [](const std::string&) { return false; });
  ASSERT_EQ(results.size(), 8u);
  for (size_t i = 0; i < results.size(); ++i) {
    ASSERT_TRUE(results[i]) << i;
    EXPECT_EQ(*results[i], std::to_string(i * i));
  }
  EXPECT_GT(threads.size(), 1u);
  EXPECT_LE(threads.size(), 4u);
}

// After a failing item nothing new starts; what never started is nullopt.
TEST(ParallelFor, StopsStartingAfterAFailure) {
  const auto results = parallel_for(
      100, 1, [](size_t i) { return i != 3; }, [](bool ok) { return !ok; });
  for (size_t i = 0; i <= 3; ++i) EXPECT_TRUE(results[i]) << i;
  EXPECT_FALSE(*results[3]);
  for (size_t i = 4; i < results.size(); ++i) EXPECT_FALSE(results[i]) << i;
}

TEST(ParallelFor, NothingToDo) {
  const auto results = parallel_for(0, 4, [](size_t) { return 1; }, [](int) { return false; });
  EXPECT_TRUE(results.empty());
}

}  // namespace
}  // namespace packager::util
