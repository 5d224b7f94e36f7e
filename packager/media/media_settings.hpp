#pragma once
// What a packaged video is: stream-copied (remux) or re-encoded
// (transcode), and every setting that shapes the bytes of a transcode. One
// value with one serialisation, which the up-to-date fingerprint, the
// remux-cache key, the build report and the transcoder all use, so a change
// of --max-height, --crf, --preset or --transcode is seen by each of them.

#include <string>

namespace packager::media {

enum class MediaOperation { remux, transcode };

struct MediaSettings {
  // For one lesson's video, what was done to it. For a build's settings
  // (BuildOptions::media), remux: each video is stream-copied unless
  // max_height or transcode_unplayable asks for a transcode.
  MediaOperation operation = MediaOperation::remux;
  int max_height = 0;                 // --max-height: taller videos are scaled down; 0 = no limit
  bool transcode_unplayable = false;  // --transcode: re-encode HEVC/VP9/MPEG-2 instead of refusing them
  int crf = 26;                       // --crf: x264 constant rate factor, lower is better and bigger
  std::string preset = "medium";      // --preset: x264 preset, ultrafast ... placebo
  // What a transcode writes (transcode.cpp). Fixed today; part of the value
  // so that changing them is a change of settings too.
  std::string video_codec = "h264";  // libx264, main profile, yuv420p
  std::string audio_codec = "aac";   // mono
  int audio_bit_rate = 64000;        // as Kolibri does for low-connectivity schools
};

// "remux" or "transcode".
const char* to_string(MediaOperation operation);

// The one serialisation, every field in a fixed order:
// "remux max_height=480 transcode_unplayable=no crf=26 preset=medium video=h264 audio=aac audio_bit_rate=64000".
std::string serialise(const MediaSettings& settings);

// `build`'s settings with the operation one lesson's video went through.
MediaSettings applied(MediaSettings build, bool transcoded);

}  // namespace packager::media
