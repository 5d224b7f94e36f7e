#include "packager/scorm/xml_text.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace packager::scorm {

std::string clean_text(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u == '\t' || u == '\n' || u == '\r') out += ' ';
    else if (u >= 0x20 && u != 0x7f) out += c;
  }
  return out;
}

std::string clean_title(const std::string& title, size_t max_bytes) {
  std::string out = clean_text(title);
  if (out.size() <= max_bytes) return out;
  size_t cut = max_bytes;
  // Back up over continuation bytes so a multi-byte character is never split.
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
  return out.substr(0, cut);
}

std::string iso_duration(double seconds) {
  const auto total = static_cast<long>(std::lround(std::max(0.0, seconds)));
  const long h = total / 3600;
  const long m = (total % 3600) / 60;
  const long s = total % 60;
  std::string out = "PT";
  if (h > 0) out += fmt::format("{}H", h);
  if (m > 0) out += fmt::format("{}M", m);
  if (s > 0 || total == 0) out += fmt::format("{}S", s);
  return out;
}

}  // namespace packager::scorm
