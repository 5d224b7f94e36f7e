#include "packager/pipeline/stream_memo.hpp"

#include <nlohmann/json.hpp>

#include "packager/media/probe.hpp"
#include "packager/util/atomic_file.hpp"
#include "packager/util/fs.hpp"
#include "packager/util/sha256.hpp"

namespace packager::pipeline {
namespace fs = std::filesystem;

std::optional<StreamLayout> stream_layout(const fetch::Fetched& video, const fs::path& cache_dir) {
  // The hash names a file: nothing but 64 hex digits.
  const bool memo = !cache_dir.empty() && util::is_sha256_hex(video.sha256);
  const fs::path record = cache_dir / "media-streams" / (video.sha256 + ".json");
  if (memo) {
    if (auto text = util::read_text_file(record, 64 * 1024)) {
      const auto j = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
      // Another version's libavformat may see other streams: probe again.
      if (j.is_object() && j.value("sha256", "") == video.sha256 && j.value("tool", "") == PACKAGER_VERSION &&
          j.contains("has_video") && j.contains("has_audio"))
        return StreamLayout{j.value("has_video", false), j.value("has_audio", false)};
    }
  }
  const auto info = media::probe(video.path);
  if (!info) return std::nullopt;
  const StreamLayout layout{info->has_video, info->has_audio};
  if (memo && util::make_directories(record.parent_path())) {
    const nlohmann::json j{{"sha256", video.sha256},
                           {"tool", PACKAGER_VERSION},
                           {"has_video", layout.has_video},
                           {"has_audio", layout.has_audio}};
    // Checked on every read (hash, version): a torn record is probed again.
    (void)util::write_file_atomically(record, j.dump(2) + "\n", util::Sync::no_fsync);
  }
  return layout;
}

}  // namespace packager::pipeline
