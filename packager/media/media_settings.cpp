#include "packager/media/media_settings.hpp"

#include <fmt/format.h>

namespace packager::media {

const char* to_string(MediaOperation operation) {
  return operation == MediaOperation::transcode ? "transcode" : "remux";
}

std::string serialise(const MediaSettings& s) {
  return fmt::format("{} max_height={} transcode_unplayable={} crf={} preset={} video={} audio={} audio_bit_rate={}",
                     to_string(s.operation), s.max_height, s.transcode_unplayable ? "yes" : "no", s.crf, s.preset,
                     s.video_codec, s.audio_codec, s.audio_bit_rate);
}

MediaSettings applied(MediaSettings build, bool transcoded) {
  build.operation = transcoded ? MediaOperation::transcode : MediaOperation::remux;
  return build;
}

}  // namespace packager::media
