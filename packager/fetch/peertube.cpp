#include "packager/fetch/peertube.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "packager/core/interrupt.hpp"
#include "packager/fetch/cache.hpp"
#include "packager/fetch/curl_handle.hpp"
#include "packager/fetch/retry.hpp"

namespace packager::fetch {
namespace {

constexpr size_t k_max_api_answer = 8 * 1024 * 1024;

struct TextBody {
  std::string text;
  bool too_large = false;
};

size_t on_text(char* data, size_t size, size_t count, void* user) {
  auto& body = *static_cast<TextBody*>(user);
  if (body.text.size() + size * count > k_max_api_answer) {
    body.too_large = true;
    return 0;
  }
  body.text.append(data, size * count);
  return size * count;
}

// GET of a small JSON document, retried like a download.
Result<std::string> get_json(const std::string& url, const FetchOptions& options) {
  ensure_curl_initialised();
  for (int attempt = 1;; ++attempt) {
    CurlEasy curl(curl_easy_init());
    if (!curl) return fail(ErrorCode::internal, "curl_easy_init failed");
    TextBody body;
    char error_buffer[CURL_ERROR_SIZE] = {0};
    CurlSlist headers(curl_slist_append(nullptr, "Accept: application/json"));
    CURL* h = curl.get();
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    apply_common_options(h, options, "http,https", error_buffer);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_text);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    const CURLcode rc = curl_easy_perform(h);
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    if (interrupted()) return fail(ErrorCode::interrupted, "interrupted");
    if (body.too_large)
      return fail(ErrorCode::network, fmt::format("{}: the answer is larger than {} bytes", url, k_max_api_answer));
    std::string error;
    bool retry = false;
    if (rc != CURLE_OK) {
      error = fmt::format("{}: {}", url, error_buffer[0] != 0 ? error_buffer : curl_easy_strerror(rc));
      retry = is_retryable(rc);
    } else if (status >= 300) {
      error = fmt::format("{}: HTTP {}", url, status);
      retry = is_retryable_status(status);
    } else {
      return std::move(body.text);
    }
    if (!retry) return fail(ErrorCode::network, error);
    if (attempt >= options.max_attempts)
      return fail(ErrorCode::network, fmt::format("{}; gave up after {} attempts", error, attempt));
    if (!sleep_unless_interrupted(backoff_delay(attempt + 1, options)))
      return fail(ErrorCode::interrupted, "interrupted");
  }
}

void collect(const nlohmann::json& files, bool fragmented, std::vector<PeerTubeFile>& out) {
  if (!files.is_array()) return;
  for (const auto& file : files) {
    if (!file.is_object()) continue;
    PeerTubeFile f;
    const auto& resolution = file.value("resolution", nlohmann::json::object());
    if (resolution.is_object()) f.height = resolution.value("id", 0);
    if (file.contains("fileDownloadUrl") && file["fileDownloadUrl"].is_string()) f.url = file["fileDownloadUrl"];
    if (f.url.empty() && file.contains("fileUrl") && file["fileUrl"].is_string()) f.url = file["fileUrl"];
    if (file.contains("size") && file["size"].is_number_unsigned()) f.size = file["size"];
    f.fragmented = fragmented;
    // Height 0 is PeerTube's audio-only rendition: not a video.
    if (f.height > 0 && !f.url.empty()) out.push_back(std::move(f));
  }
}

}  // namespace

std::string peertube_api_url(std::string_view url) {
  // The embed page, or PeerTube's short watch link "/w/ID".
  std::string_view marker = "/videos/embed/";
  size_t at = url.find(marker);
  if (at == std::string_view::npos) {
    marker = "/w/";
    at = url.find(marker);
  }
  const size_t scheme_end = url.find("://");
  if (at == std::string_view::npos || scheme_end == std::string_view::npos || at < scheme_end + 3) return {};
  std::string_view id = url.substr(at + marker.size());
  id = id.substr(0, id.find_first_of("?#/"));
  if (id.empty() || id.find_first_not_of("0123456789abcdefABCDEF-_"
                                         "ghijklmnopqrstuvwxyzGHIJKLMNOPQRSTUVWXYZ") != std::string_view::npos)
    return {};
  return fmt::format("{}/api/v1/videos/{}", url.substr(0, at), id);
}

Result<PeerTubeFile> pick_peertube_file(std::string_view json_text, int max_height, const std::string& api_url) {
  const auto json = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object())
    return fail(ErrorCode::network, fmt::format("{}: expected PeerTube's video JSON, got something else", api_url));
  std::vector<PeerTubeFile> files;
  collect(json.value("files", nlohmann::json::array()), false, files);
  const auto playlists = json.value("streamingPlaylists", nlohmann::json::array());
  if (playlists.is_array())
    for (const auto& playlist : playlists)
      if (playlist.is_object()) collect(playlist.value("files", nlohmann::json::array()), true, files);
  if (files.empty())
    return fail(ErrorCode::network, fmt::format("{}: the video lists no downloadable file (is it live, private or "
                                                "still being transcoded?)", api_url));
  const int limit = max_height > 0 ? max_height : 1080;
  const PeerTubeFile* best = nullptr;
  for (const auto& f : files) {
    if (f.height > limit) continue;
    if (best == nullptr || f.height > best->height || (f.height == best->height && best->fragmented && !f.fragmented))
      best = &f;
  }
  if (best == nullptr)
    for (const auto& f : files)
      if (best == nullptr || f.height < best->height) best = &f;
  return *best;
}

Result<PeerTubeFile> resolve_peertube_embed(const std::string& embed_url, int max_height,
                                            const FetchOptions& options) {
  const std::string api = peertube_api_url(embed_url);
  if (api.empty())
    return fail(ErrorCode::input, fmt::format("{}: not a PeerTube embed link (expected https://HOST/videos/embed/ID)",
                                              embed_url));
  // What this link resolved to last time, for --offline and for when the
  // instance cannot be reached.
  const Cache cache(options.cache_dir);
  const std::string key = fmt::format("{} max-height={}", embed_url, max_height > 0 ? max_height : 1080);
  const auto remembered = [&]() -> std::optional<PeerTubeFile> {
    auto target = cache.lookup_alias(key);
    if (!target) return std::nullopt;
    PeerTubeFile file;
    file.url = *target;
    return file;
  };
  if (options.offline) {
    if (auto file = remembered()) return *file;
    return fail(ErrorCode::network,
                fmt::format("{}: a PeerTube embed link needs the instance's API and --offline forbids asking it; "
                            "build once online, or add 'videoDownloadHref' or a --media-dir copy",
                            embed_url));
  }
  auto json = get_json(api, options);
  if (!json) {
    if (json.error().code != ErrorCode::interrupted)
      if (auto file = remembered()) return *file;
    return tl::unexpected(json.error());
  }
  TRY_ASSIGN(PeerTubeFile picked, pick_peertube_file(*json, max_height, api));
  cache.store_alias(key, picked.url);
  return picked;
}

}  // namespace packager::fetch
