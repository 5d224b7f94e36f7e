#include "packager/util/size.hpp"

#include <gtest/gtest.h>

namespace packager::util {
namespace {

TEST(ParseSize, OneConventionForEveryOption) {
  EXPECT_EQ(parse_size("512"), 512u);
  EXPECT_EQ(parse_size("100M"), 100u * 1024 * 1024);  // as PHP's upload_max_filesize
  EXPECT_EQ(parse_size("100m"), 100u * 1024 * 1024);
  EXPECT_EQ(parse_size("8GB"), 8'000'000'000u);        // as a stick's label
  EXPECT_EQ(parse_size("700 MB"), 700'000'000u);
  EXPECT_EQ(parse_size("4GiB"), 4ull << 30);
  EXPECT_EQ(parse_size("2kb"), 2000u);
  EXPECT_EQ(parse_size("1T"), 1ull << 40);
}

TEST(ParseSize, RefusesWhatIsNotASize) {
  EXPECT_FALSE(parse_size(""));
  EXPECT_FALSE(parse_size("M"));
  EXPECT_FALSE(parse_size("0"));
  EXPECT_FALSE(parse_size("-5M"));
  EXPECT_FALSE(parse_size("10 parsecs"));
  EXPECT_FALSE(parse_size("1.5G"));
  EXPECT_FALSE(parse_size("99999999999999999999"));
  EXPECT_FALSE(parse_size("20000000T"));  // overflows
}

TEST(FormatSize, ForPeople) {
  EXPECT_EQ(format_size_decimal(999), "999 B");
  EXPECT_EQ(format_size_decimal(254'173), "254.2 kB");
  EXPECT_EQ(format_size_decimal(16'000'000'000), "16.0 GB");
  EXPECT_EQ(format_size_binary(100), "100 B");
  EXPECT_EQ(format_size_binary(282'828), "276.2 KiB");
  EXPECT_EQ(format_size_binary(100u << 20), "100.0 MiB");
}

}  // namespace
}  // namespace packager::util
