#pragma once
// PeerTube embed links (https://HOST/videos/embed/UUID) resolved to a
// downloadable MP4 through the instance's REST API (/api/v1/videos/UUID).

#include <string>
#include <string_view>
#include <vector>

#include "packager/core/error.hpp"
#include "packager/fetch/fetcher.hpp"

namespace packager::fetch {

struct PeerTubeFile {
  std::string url;  // fileDownloadUrl, else fileUrl
  int height = 0;   // resolution.id
  std::uintmax_t size = 0;
  bool fragmented = false;  // from streamingPlaylists (HLS fragmented MP4)
};

// "https://HOST/api/v1/videos/UUID" for an embed link; empty when `url` is
// not one ("/videos/embed/" or the short watch link's "/w/", followed by an id).
std::string peertube_api_url(std::string_view url);

// Picks from the API's JSON the tallest file whose height is at most
// `max_height` (0 means 1080) among files[] and streamingPlaylists[].files[];
// on equal height a plain web video wins over a fragmented one. When every
// file is taller, the shortest is picked (the media stage scales it down).
// ErrorCode::network naming `api_url` when the JSON is not a video or lists
// no video file.
Result<PeerTubeFile> pick_peertube_file(std::string_view json, int max_height, const std::string& api_url);

// Asks the instance of `embed_url` for the video's files and picks one (see
// above). Errors name the API URL: "…/api/v1/videos/UUID: HTTP 404".
Result<PeerTubeFile> resolve_peertube_embed(const std::string& embed_url, int max_height,
                                            const FetchOptions& options);

}  // namespace packager::fetch
