#include "packager/core/error.hpp"

#include <set>

#include <gtest/gtest.h>

namespace packager {
namespace {

Result<int> half(int value) {
  if (value % 2 != 0) return fail(ErrorCode::input, "odd");
  return value / 2;
}

Result<int> quarter(int value) {
  TRY_ASSIGN(const int h, half(value));
  TRY_ASSIGN(const int q, half(h));
  return q;
}

TEST(Error, TryPropagatesTheFirstError) {
  EXPECT_EQ(*quarter(8), 2);
  const auto odd = quarter(6);
  ASSERT_FALSE(odd);
  EXPECT_EQ(odd.error().code, ErrorCode::input);
  EXPECT_EQ(odd.error().message, "odd");
}

TEST(Error, ExitCodesAreDistinct) {
  const ErrorCode all[] = {ErrorCode::usage,  ErrorCode::input,    ErrorCode::network,
                           ErrorCode::media,  ErrorCode::output,   ErrorCode::internal,
                           ErrorCode::interrupted};
  std::set<int> codes;
  for (auto code : all) {
    EXPECT_NE(exit_code_for(code), 0);
    codes.insert(exit_code_for(code));
  }
  EXPECT_EQ(codes.size(), std::size(all));
  EXPECT_EQ(exit_code_for(ErrorCode::interrupted), 130);
}

}  // namespace
}  // namespace packager
