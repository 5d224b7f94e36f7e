// A small driver for tests/bench/remux_bench.sh: runs one media operation on
// real files so the script can time it and read its peak RSS with
// /usr/bin/time. Not a test; built only on request (target media_bench).
//
//   media_bench probe IN
//   media_bench remux IN OUT
//   media_bench transcode IN OUT MAX_HEIGHT PRESET CRF
//   media_bench poster IN OUT.jpg
#include <cstdio>
#include <cstdlib>
#include <string>

#include "packager/media/poster.hpp"
#include "packager/media/remux.hpp"
#include "packager/media/transcode.hpp"

int main(int argc, char** argv) {
  using namespace packager::media;
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "remux" && argc == 4) {
    auto info = remux_to_faststart(argv[2], argv[3]);
    if (!info) return std::fprintf(stderr, "%s\n", info.error().message.c_str()), 1;
    std::printf("packets %lld duration %.3f\n", static_cast<long long>(info->packet_count), info->duration_seconds);
    return 0;
  }
  if (mode == "probe" && argc == 3) {
    auto info = probe(argv[2]);
    if (!info) return std::fprintf(stderr, "%s\n", info.error().message.c_str()), 1;
    std::printf("%s %dx%d %.3f s\n", info->video_codec.c_str(), info->width, info->height, info->duration_seconds);
    return 0;
  }
  if (mode == "poster" && argc == 4) {
    auto poster = make_poster(argv[2], argv[3]);
    if (!poster) return std::fprintf(stderr, "%s\n", poster.error().message.c_str()), 1;
    std::printf("%dx%d at %.3f s\n", poster->width, poster->height, poster->at_seconds);
    return 0;
  }
  if (mode == "transcode" && argc == 7) {
    TranscodeOptions options;
    options.max_height = std::atoi(argv[4]);
    options.preset = argv[5];
    options.crf = std::atoi(argv[6]);
    auto info = transcode(argv[2], argv[3], options);
    if (!info) return std::fprintf(stderr, "%s\n", info.error().message.c_str()), 1;
    std::printf("%dx%d duration %.3f\n", info->width, info->height, info->duration_seconds);
    return 0;
  }
  std::fprintf(stderr, "usage: media_bench probe IN | remux IN OUT | poster IN OUT.jpg | transcode IN OUT MAX_HEIGHT PRESET "
                       "CRF\n");
  return 2;
}
