// Fuzz target: WebVTT captions, through the validator the media pass runs on
// every captionFilePath (media::check_webvtt). Built with libFuzzer
// (PACKAGER_FUZZ=ON) and with the replay runner for regressions/vtt/.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "packager/media/webvtt.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)packager::media::check_webvtt(text, "fuzz.vtt");
  return 0;
}
