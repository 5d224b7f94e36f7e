#include "packager/media/illustration.hpp"

#include <gtest/gtest.h>

#include "packager/media/poster.hpp"
#include "packager/media/probe.hpp"
#include "tests/support/test_support.hpp"

namespace packager::media {
namespace {
using packager::testing::Fixture;
using packager::testing::make_fixture;
using packager::testing::ScratchDir;
using packager::testing::write_file;

// Width and height from a PNG's IHDR chunk (big-endian, bytes 16..23).
std::pair<int, int> png_size(const std::string& png) {
  const auto be32 = [&](size_t at) {
    return (static_cast<unsigned char>(png[at]) << 24) | (static_cast<unsigned char>(png[at + 1]) << 16) |
           (static_cast<unsigned char>(png[at + 2]) << 8) | static_cast<unsigned char>(png[at + 3]);
  };
  return {be32(16), be32(20)};
}

TEST(Illustration, A48PixelPngOfThePosterCentre) {
  ScratchDir dir;
  const auto video = make_fixture(Fixture::progressive_h264_aac, dir.path(), 2.0);
  ASSERT_TRUE(make_poster(video, dir / "poster.jpg"));
  auto png = make_illustration(dir / "poster.jpg", 48);
  ASSERT_TRUE(png) << png.error().message;
  ASSERT_GT(png->size(), 33u);
  EXPECT_EQ(png->substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(png->substr(12, 4), "IHDR");
  EXPECT_EQ(png_size(*png), std::make_pair(48, 48));
  // libavformat reads it back as a 48x48 picture.
  write_file(dir / "icon.png", *png);
  auto info = probe(dir / "icon.png");
  ASSERT_TRUE(info) << info.error().message;
  EXPECT_EQ(info->width, 48);
  EXPECT_EQ(info->height, 48);
  // Same poster, same bytes (the ZIM must be reproducible).
  EXPECT_EQ(*make_illustration(dir / "poster.jpg", 48), *png);
}

TEST(Illustration, PlainColourWhenThereIsNoPoster) {
  auto png = plain_illustration(0x1f4e79, 48);
  ASSERT_TRUE(png) << png.error().message;
  EXPECT_EQ(png_size(*png), std::make_pair(48, 48));
}

TEST(Illustration, NotAPictureIsAMediaError) {
  ScratchDir dir;
  write_file(dir / "poster.jpg", "<html>not a picture</html>");
  auto png = make_illustration(dir / "poster.jpg", 48);
  ASSERT_FALSE(png);
  EXPECT_EQ(png.error().code, ErrorCode::media);
}

}  // namespace
}  // namespace packager::media
