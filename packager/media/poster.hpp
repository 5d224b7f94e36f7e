#pragma once
// The poster image of a lesson video: shown by <video poster> before play
// and used as the lesson's thumbnail.

#include <filesystem>

#include "packager/core/error.hpp"

namespace packager::media {

struct Poster {
  int width = 0;
  int height = 0;
  double at_seconds = 0;  // where in the video the frame was taken
};

// Decodes the first frame at or after `fraction` of the video's duration
// (about 10%: past a black fade-in, still on topic), or the keyframe after
// it when that comes before twice that point (one frame to decode instead
// of a GOP), scales it to at most
// `max_width` pixels wide keeping its aspect ratio, and writes it as a JPEG
// (libavcodec mjpeg) to `jpeg`, atomically but not fsynced (it is staged for
// a bundle commit). Seeks, so only the packets near
// that point are read. ErrorCode::media when no frame can be decoded.
Result<Poster> make_poster(const std::filesystem::path& video, const std::filesystem::path& jpeg,
                           double fraction = 0.1, int max_width = 1280);

}  // namespace packager::media
