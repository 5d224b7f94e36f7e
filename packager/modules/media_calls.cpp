// The media stage's functions as the executable sees them: each loads the
// media module on first use (module_loader.hpp) and calls its copy. The
// stage's own library defines the same functions for its unit tests and
// the pipeline's; the executable links this instead.
#include "packager/modules/module_loader.hpp"

namespace packager::media {
namespace fs = std::filesystem;

Result<MediaInfo> probe(const fs::path& path) {
  TRY_ASSIGN(const auto* m, modules::media_module());
  return m->probe(path);
}

Result<MediaInfo> remux_to_faststart(const fs::path& input, const fs::path& output, std::uintmax_t reserve_from_bytes,
                                     std::optional<std::uint32_t>* crc32) {
  TRY_ASSIGN(const auto* m, modules::media_module());
  return m->remux_to_faststart(input, output, reserve_from_bytes, crc32);
}

Result<MediaInfo> mux_split_to_faststart(const fs::path& video, const fs::path& audio, const fs::path& output,
                                         std::uintmax_t reserve_from_bytes, std::optional<std::uint32_t>* crc32) {
  TRY_ASSIGN(const auto* m, modules::media_module());
  return m->mux_split_to_faststart(video, audio, output, reserve_from_bytes, crc32);
}

Result<MediaInfo> transcode(const fs::path& input, const fs::path& output, const TranscodeOptions& options,
                            const TranscodeProgress& progress) {
  TRY_ASSIGN(const auto* m, modules::media_module());
  return m->transcode(input, output, options, progress);
}

Result<Poster> make_poster(const fs::path& video, const fs::path& jpeg, double fraction, int max_width) {
  TRY_ASSIGN(const auto* m, modules::media_module());
  return m->make_poster(video, jpeg, fraction, max_width);
}

Result<std::string> make_illustration(const fs::path& image, int size) {
  TRY_ASSIGN(const auto* m, modules::media_module());
  return m->make_illustration(image, size);
}

Result<std::string> plain_illustration(unsigned rgb, int size) {
  TRY_ASSIGN(const auto* m, modules::media_module());
  return m->plain_illustration(rgb, size);
}

}  // namespace packager::media
