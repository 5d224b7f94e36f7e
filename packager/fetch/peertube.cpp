#include "packager/fetch/peertube.hpp"

#include <algorithm>
#include <cctype>

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

}  // namespace

Result<std::string> get_api_json(const std::string& url, const FetchOptions& options) {
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

namespace {

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
    // Height 0 is PeerTube's audio-only rendition.
    f.has_video = f.height > 0;
    if (file.contains("hasVideo") && file["hasVideo"].is_boolean()) f.has_video = f.has_video && file["hasVideo"];
    if (file.contains("hasAudio") && file["hasAudio"].is_boolean()) f.has_audio = file["hasAudio"];
    if (!f.url.empty() && (f.has_video || f.has_audio)) out.push_back(std::move(f));
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

Result<PeerTubeChoice> pick_peertube_files(std::string_view json_text, int max_height, const std::string& api_url) {
  const auto json = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object())
    return fail(ErrorCode::network, fmt::format("{}: expected PeerTube's video JSON, got something else", api_url));
  std::vector<PeerTubeFile> files;
  collect(json.value("files", nlohmann::json::array()), false, files);
  const auto playlists = json.value("streamingPlaylists", nlohmann::json::array());
  if (playlists.is_array())
    for (const auto& playlist : playlists)
      if (playlist.is_object()) collect(playlist.value("files", nlohmann::json::array()), true, files);
  PeerTubeChoice choice;
  for (const auto& f : files) {
    if (f.has_video || !f.has_audio) continue;
    const auto& a = choice.audio_only;
    if (!a || (a->fragmented && !f.fragmented) || (a->fragmented == f.fragmented && f.size > a->size))
      choice.audio_only = f;
  }
  files.erase(std::remove_if(files.begin(), files.end(), [](const PeerTubeFile& f) { return !f.has_video; }),
              files.end());
  if (files.empty())
    return fail(ErrorCode::network, fmt::format("{}: the video lists no downloadable file (is it live, private or "
                                                "still being transcoded?)", api_url));
  const int limit = max_height > 0 ? max_height : 1080;
  const PeerTubeFile* best = nullptr;
  for (const auto& f : files) {
    if (f.height > limit) continue;
    const bool better =
        best == nullptr || f.height > best->height ||
        (f.height == best->height && (f.has_audio != best->has_audio ? f.has_audio : best->fragmented && !f.fragmented));
    if (better) best = &f;
  }
  if (best == nullptr)
    for (const auto& f : files)
      if (best == nullptr || f.height < best->height || (f.height == best->height && f.has_audio && !best->has_audio))
        best = &f;
  choice.video = *best;
  return choice;
}

Result<PeerTubeFile> pick_peertube_file(std::string_view json_text, int max_height, const std::string& api_url) {
  TRY_ASSIGN(PeerTubeChoice choice, pick_peertube_files(json_text, max_height, api_url));
  return choice.video;
}

Result<PeerTubeChoice> resolve_peertube_embed(const std::string& embed_url, int max_height,
                                              const FetchOptions& options) {
  const std::string api = peertube_api_url(embed_url);
  if (api.empty())
    return fail(ErrorCode::input, fmt::format("{}: not a PeerTube embed link (expected https://HOST/videos/embed/ID)",
                                              embed_url));
  // What this link resolved to last time, for --offline and for when the
  // instance cannot be reached.
  const Cache cache(options.cache_dir);
  const std::string key = fmt::format("{} max-height={}", embed_url, max_height > 0 ? max_height : 1080);
  // The choice is remembered as JSON; a record written before split files
  // were known holds the bare URL of the video file.
  const auto remembered = [&]() -> std::optional<PeerTubeChoice> {
    auto target = cache.lookup_alias(key);
    if (!target) return std::nullopt;
    PeerTubeChoice choice;
    const auto json = nlohmann::json::parse(*target, nullptr, /*allow_exceptions=*/false);
    if (!json.is_object()) {
      choice.video.url = *target;
      return choice;
    }
    choice.video.url = json.value("video", "");
    choice.video.height = json.value("height", 0);
    choice.video.has_audio = json.value("video_has_audio", true);
    if (const std::string audio = json.value("audio", ""); !audio.empty())
      choice.audio_only = PeerTubeFile{audio, 0, 0, false, true, false};
    if (choice.video.url.empty()) return std::nullopt;
    return choice;
  };
  if (options.offline) {
    if (auto file = remembered()) return *file;
    return fail(ErrorCode::network,
                fmt::format("{}: a PeerTube embed link needs the instance's API and --offline forbids asking it; "
                            "build once online, or add 'videoDownloadHref' or a --media-dir copy",
                            embed_url));
  }
  auto json = get_api_json(api, options);
  if (!json) {
    // Only revalidating: a normal fetch asks again and decides.
    if (json.error().code != ErrorCode::interrupted && !options.only_if_unchanged)
      if (auto file = remembered()) return *file;
    return tl::unexpected(json.error());
  }
  TRY_ASSIGN(PeerTubeChoice picked, pick_peertube_files(*json, max_height, api));
  const nlohmann::json record = {{"video", picked.video.url},
                                 {"height", picked.video.height},
                                 {"video_has_audio", picked.video.has_audio},
                                 {"audio", picked.audio_only ? picked.audio_only->url : ""}};
  cache.store_alias(key, record.dump());
  return picked;
}

Result<std::optional<std::string>> pick_peertube_caption(std::string_view json_text, const std::string& language,
                                                         const std::string& origin, const std::string& api_url) {
  const auto json = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object() || !json.contains("data") || !json["data"].is_array())
    return fail(ErrorCode::network,
                fmt::format("{}: expected PeerTube's list of captions, got something else", api_url));
  const auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  const std::string wanted = lower(language);
  std::optional<std::string> exact, regional;
  for (const auto& caption : json["data"]) {
    if (!caption.is_object()) continue;
    const auto& lang = caption.value("language", nlohmann::json::object());
    if (!lang.is_object() || !lang.contains("id") || !lang["id"].is_string()) continue;
    const std::string id = lower(lang["id"].get<std::string>());
    std::string url;
    if (caption.contains("fileUrl") && caption["fileUrl"].is_string()) url = caption["fileUrl"];
    if (url.empty() && caption.contains("captionPath") && caption["captionPath"].is_string()) {
      const std::string path = caption["captionPath"];
      if (!path.empty() && path.front() == '/') url = origin + path;
    }
    if (url.empty()) continue;
    if (id == wanted && !exact) exact = url;
    if (id.rfind(wanted + "-", 0) == 0 && !regional) regional = url;
  }
  return exact ? exact : regional;
}

Result<std::optional<std::string>> resolve_peertube_caption(const std::string& embed_url, const std::string& language,
                                                            const FetchOptions& options) {
  const std::string api = peertube_api_url(embed_url);
  if (api.empty())
    return fail(ErrorCode::input, fmt::format("{}: not a PeerTube embed link (expected https://HOST/videos/embed/ID)",
                                              embed_url));
  const std::string captions_api = api + "/captions";
  const std::string origin = api.substr(0, api.find("/api/v1/videos/"));
  const Cache cache(options.cache_dir);
  // "" records that the video has no caption in that language.
  const std::string key = fmt::format("{} captions={}", embed_url, language);
  const auto remembered = [&]() -> std::optional<std::string> {
    auto json = cache.lookup_alias(key);
    if (!json) return std::nullopt;
    const auto record = nlohmann::json::parse(*json, nullptr, /*allow_exceptions=*/false);
    if (!record.is_object()) return std::nullopt;
    return record.value("url", "");
  };
  if (options.offline) {
    if (auto url = remembered(); url && !url->empty()) return std::optional<std::string>(*url);
    return std::optional<std::string>{};
  }
  auto json = get_api_json(captions_api, options);
  if (!json) {
    if (json.error().code != ErrorCode::interrupted)
      if (auto url = remembered()) return url->empty() ? std::optional<std::string>{} : std::optional<std::string>(*url);
    return tl::unexpected(json.error());
  }
  TRY_ASSIGN(auto picked, pick_peertube_caption(*json, language, origin, captions_api));
  cache.store_alias(key, nlohmann::json{{"url", picked ? *picked : ""}}.dump());
  return picked;
}

}  // namespace packager::fetch
