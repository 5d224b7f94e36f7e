#pragma once
// What a build is asked to do, as the CLI parsed it.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "packager/core/error.hpp"

#include "packager/core/reporter.hpp"
#include "packager/fetch/fetcher.hpp"
#include "packager/media/media_settings.hpp"

namespace packager::pipeline {

// --format: which outputs a build writes, any combination of
//   zip   the SCORM zip(s)
//   site  an offline site (index.html at the output folder's root, for a USB
//         stick; with zip, the zips go in its scorm/ folder)
//   zim   a Kiwix ZIM file
//   mbz   a Moodle course backup
// Every output writer reads the same list of a lesson's package files
// (package_files.hpp).
struct OutputFormats {
  bool zip = true;
  bool site = false;
  bool zim = false;
  bool mbz = false;
  bool operator==(const OutputFormats&) const = default;
};

// The valid --format words, in their canonical order.
inline constexpr const char* k_format_names = "zip, site, zim, mbz (or both = zip,site)";

// Parses --format: a comma-separated list of zip, site, zim, mbz; "both"
// stands for zip,site. ErrorCode::usage naming the bad word and listing the
// valid ones.
Result<OutputFormats> parse_formats(std::string_view text);
// The one serialisation (report, fingerprint): the chosen formats in the
// order zip, site, zim, mbz, joined by ','.
std::string to_string(const OutputFormats& formats);

// --max-file-size default: FAT32 holds files up to 4 GiB - 1 byte; the
// margin keeps a ZIM under it when its estimate (see pass_zim.cpp) is short.
inline constexpr std::uint64_t k_default_max_file_bytes = 4ULL * 1024 * 1024 * 1024 - 64ULL * 1024 * 1024;
// A lesson's media as a shard built it (`packager merge`, shard.hpp).
struct ShardMedia {
  fetch::Fetched source;             // the video as fetched (path unused)
  std::filesystem::path video;       // the remuxed video in the shard folder
  std::string video_sha256;
  std::string description;           // probe results (describe_media)
};

struct BuildOptions {
  std::filesystem::path input;  // course manifest (.yaml) or one lesson file
  std::filesystem::path output_dir = "dist";
  std::filesystem::path templates_dir;
  fetch::FetchOptions fetch;    // cache, media folders, offline, timeouts
  // --max-height, --transcode, --crf, --preset: what the packaged videos
  // are (media/media_settings.hpp). PeerTube links pick the best file at or
  // below media.max_height (0: up to 1080p); taller videos are transcoded down.
  media::MediaSettings media;
  // --max-package-size: an LMS's upload limit (Moodle: often 100M). A zip
  // over it is refused (nothing written), or only warned about with
  // --oversize warn. 0 = no limit.
  std::uint64_t max_package_bytes = 0;
  bool oversize_warns = false;
  // --require-audio: a video without sound (a direct link to a video-only
  // file, say) is an error instead of a warning.
  bool require_audio = false;
  // -j: how many videos download at the same time.
  int jobs = 1;
  OutputFormats format;
  // `packager merge`: each lesson's media (by slug) from the shard folders;
  // empty for an ordinary build.
  std::map<std::string, ShardMedia> shard_media;
  // `packager merge`: the warnings the shards printed while fetching, in
  // shard order; the merge prints them again and its report
  // records them.
  std::vector<RecordedWarning> shard_warnings;
  // --force: rebuild and rewrite every output, even when nothing changed.
  bool force = false;
  // --target-size: the stick's capacity in bytes; the site must fit. 0 = no check.
  std::uintmax_t target_size = 0;
  // --max-file-size: the largest ZIM file wanted (--format zim). A course
  // that would be larger is split into one ZIM per area.
  std::uint64_t max_file_bytes = k_default_max_file_bytes;
};

struct BuildResult {
  std::vector<std::filesystem::path> packages;  // the zips written
  std::filesystem::path site_index;             // --format site: its index.html
  std::vector<std::filesystem::path> zim_files; // --format zim: the ZIM file(s)
};

}  // namespace packager::pipeline
