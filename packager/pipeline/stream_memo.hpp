#pragma once
// Whether a fetched video has sound, remembered per content. The fetch pass
// asks it of every direct link beside a PeerTube embed link (a video without
// sound may have its audio in a separate file); probing decodes a keyframe,
// which cost half of a build with nothing to do (92 lessons). The answer is
// a property of the bytes, so it is kept under their SHA-256 in the cache
// (<cache>/media-streams/<sha256>.json) and is never stale.

#include <filesystem>
#include <optional>

#include "packager/fetch/fetcher.hpp"

namespace packager::pipeline {

struct StreamLayout {
  bool has_video = false;
  bool has_audio = false;
};

// The layout of `video` (its path and SHA-256 as fetched): from the record
// in `cache_dir` when there is one written by this version of packager,
// else by probing the file (then recorded; a record that cannot be written
// is only a lost shortcut). nullopt when the file is not media libavformat
// can read: the media pass reports that.
std::optional<StreamLayout> stream_layout(const fetch::Fetched& video, const std::filesystem::path& cache_dir);

}  // namespace packager::pipeline
