#include "packager/util/url.hpp"

#include <cctype>

#include "packager/util/text.hpp"

namespace packager::util {

std::optional<Url> parse_url(std::string_view text, std::string* why) {
  const auto reject = [&](const char* reason) -> std::optional<Url> {
    if (why != nullptr) *why = reason;
    return std::nullopt;
  };
  for (const char c : text)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
      return reject("it contains spaces or control characters");
  const size_t colon = text.find("://");
  if (colon == std::string_view::npos) return reject("expected an absolute URL such as https://host/path");
  Url url;
  url.scheme = to_lower_ascii(text.substr(0, colon));
  if (url.scheme != "http" && url.scheme != "https" && url.scheme != "file")
    return reject("the scheme must be http, https or file");
  std::string_view rest = text.substr(colon + 3);
  const size_t slash = rest.find('/');
  url.host = std::string(rest.substr(0, slash));
  std::string_view path = slash == std::string_view::npos ? "/" : rest.substr(slash);
  path = path.substr(0, path.find_first_of("?#"));
  url.path = std::string(path);
  if (url.scheme != "file" && url.host.empty()) return reject("the URL has no host");
  if (url.scheme == "file" && !url.host.empty() && url.host != "localhost")
    return reject("file:// URLs must name a local path (file:///path)");
  return url;
}

std::string url_file_name(std::string_view url) {
  std::string_view path = url.substr(0, url.find_first_of("?#"));
  const size_t slash = path.rfind('/');
  const std::string_view last = slash == std::string_view::npos ? path : path.substr(slash + 1);
  std::string out;
  for (size_t i = 0; i < last.size(); ++i) {
    if (last[i] == '%' && i + 2 < last.size() && std::isxdigit(static_cast<unsigned char>(last[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(last[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(last.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += last[i];
    }
  }
  return out;
}

}  // namespace packager::util
