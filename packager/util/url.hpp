#pragma once
// Just enough URL parsing to check what lesson files say and to name files
// after URLs. Downloads themselves go through libcurl's parser.

#include <optional>
#include <string>
#include <string_view>

namespace packager::util {

struct Url {
  std::string scheme;  // lower case: "https"
  std::string host;    // empty for file://
  std::string path;    // "/videos/x.mp4", without query or fragment
};

// Parses an absolute http, https or file URL. Returns nullopt, with `why`
// set, for anything else (spaces, a missing host, another scheme).
std::optional<Url> parse_url(std::string_view text, std::string* why = nullptr);

// The last path segment, percent-decoded: ".../a-1080-fragmented.mp4" gives
// "a-1080-fragmented.mp4". Empty when the path ends in '/'.
std::string url_file_name(std::string_view url);

}  // namespace packager::util
