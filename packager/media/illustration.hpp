#pragma once
// A small square PNG icon made from a lesson's poster: the illustration a
// Kiwix library shows for a ZIM file (Illustration_48x48@1).

#include <filesystem>
#include <string>

#include "packager/core/error.hpp"

namespace packager::media {

// Decodes `image` (the poster JPEG, or any picture or video libavformat
// reads; its first frame), crops the centre square, scales it to `size` x
// `size` pixels and returns it encoded as PNG (libavcodec). Same pixels in,
// same bytes out. ErrorCode::media when `image` cannot be decoded.
Result<std::string> make_illustration(const std::filesystem::path& image, int size = 48);

// A `size` x `size` PNG of one plain colour (0xRRGGBB), for a course
// without any poster.
Result<std::string> plain_illustration(unsigned rgb, int size = 48);

}  // namespace packager::media
