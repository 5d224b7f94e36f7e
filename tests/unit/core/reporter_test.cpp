#include "packager/core/reporter.hpp"

#include <unistd.h>

#include <gtest/gtest.h>

namespace packager {
namespace {

// Under ctest stderr is a file, not a terminal: a live progress line would
// fill logs with carriage returns, so nothing is written.
TEST(Reporter, ProgressIsSilentOffATerminal) {
  if (isatty(STDERR_FILENO) == 1) GTEST_SKIP() << "stderr is a terminal";
  Reporter reporter(Verbosity::normal);
  ASSERT_FALSE(reporter.is_terminal());
  ::testing::internal::CaptureStderr();
  reporter.progress("transcoding a: 42%");
  reporter.progress_end();
  reporter.info("transcoded a");
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "transcoded a\n");
}

}  // namespace
}  // namespace packager
