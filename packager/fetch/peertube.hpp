#pragma once
// PeerTube embed links (https://HOST/videos/embed/UUID) resolved to a
// downloadable MP4 through the instance's REST API (/api/v1/videos/UUID).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "packager/core/error.hpp"
#include "packager/fetch/fetcher.hpp"

namespace packager::fetch {

struct PeerTubeFile {
  std::string url;  // fileDownloadUrl, else fileUrl
  int height = 0;   // resolution.id; 0 for the audio-only file
  std::uintmax_t size = 0;
  bool fragmented = false;  // from streamingPlaylists (HLS fragmented MP4)
  // hasAudio / hasVideo (PeerTube 7 stores split files: video-only ones
  // and one audio-only file). Older instances do not say: every file with
  // a height then has both.
  bool has_audio = true;
  bool has_video = true;
};

// What a video's files offer: the best video file, and the audio-only file
// when the instance lists one (resolution 0, or hasVideo false).
struct PeerTubeChoice {
  PeerTubeFile video;
  std::optional<PeerTubeFile> audio_only;
  // The video file is silent and there is an audio file to mux with it.
  bool needs_audio() const { return !video.has_audio && audio_only.has_value(); }
};

// "https://HOST/api/v1/videos/UUID" for an embed link; empty when `url` is
// not one ("/videos/embed/" or the short watch link's "/w/", followed by an id).
std::string peertube_api_url(std::string_view url);

// Picks from the API's JSON the tallest video file whose height is at most
// `max_height` (0 means 1080) among files[] and streamingPlaylists[].files[];
// on equal height a file with sound wins over a silent one, then a plain web
// video over a fragmented one. When every file is taller, the shortest is
// picked (the media stage scales it down). Also returns the audio-only file,
// if any (the best-listed one: a web file over an HLS one, the larger).
// ErrorCode::network naming `api_url` when the JSON is not a video or lists
// no video file.
Result<PeerTubeChoice> pick_peertube_files(std::string_view json, int max_height, const std::string& api_url);
// Only the video file of the above.
Result<PeerTubeFile> pick_peertube_file(std::string_view json, int max_height, const std::string& api_url);

// Asks the instance of `embed_url` for the video's files and picks (see
// above). The answer is remembered in the cache, so that --offline, or an
// unreachable instance, gives the same files (not with
// FetchOptions::only_if_unchanged). Errors name the API URL:
// "…/api/v1/videos/UUID: HTTP 404".
Result<PeerTubeChoice> resolve_peertube_embed(const std::string& embed_url, int max_height,
                                              const FetchOptions& options);

// The instance's caption of the video of `embed_url` in `language` ("fr";
// "fr" also matches "fr-CA" when no exact one exists), from
// /api/v1/videos/ID/captions: its URL (fileUrl, else the instance origin +
// captionPath), or nothing when the video has none in that language. The
// answer is remembered in the cache for --offline, which otherwise gives
// nothing. Errors (ErrorCode::network) name the captions API URL.
Result<std::optional<std::string>> resolve_peertube_caption(const std::string& embed_url, const std::string& language,
                                                            const FetchOptions& options);

// Picks the caption URL from the captions API's JSON (see above).
// ErrorCode::network naming `api_url` when the JSON is not that list.
Result<std::optional<std::string>> pick_peertube_caption(std::string_view json, const std::string& language,
                                                         const std::string& origin, const std::string& api_url);

// The GET of a small JSON document of a PeerTube API (at most 8 MiB),
// retried like a download. ErrorCode::network naming `url`.
Result<std::string> get_api_json(const std::string& url, const FetchOptions& options);

}  // namespace packager::fetch
