#include "packager/fetch/sniff.hpp"

#include <cctype>

namespace packager::fetch {

Sniffed sniff(std::string_view head) {
  size_t skip = 0;
  while (skip < head.size() && std::isspace(static_cast<unsigned char>(head[skip]))) ++skip;
  if (skip < head.size() && head[skip] == '<') return Sniffed::html;
  if (head.size() < 8) return Sniffed::need_more;
  if (head.substr(0, 4) == "\x1A\x45\xDF\xA3") return Sniffed::media;  // Matroska / WebM
  const std::string_view box = head.substr(4, 4);
  if (box == "ftyp" || box == "styp" || box == "moov" || box == "moof" || box == "free" ||
      box == "mdat" || box == "skip" || box == "wide")
    return Sniffed::media;
  return Sniffed::unknown;
}

std::string describe_body(std::string_view head) {
  std::string out;
  for (const char c : head.substr(0, 40)) {
    const auto u = static_cast<unsigned char>(c);
    out += (u >= 0x20 && u < 0x7f) ? c : '.';
  }
  return "\"" + out + "\"";
}

}  // namespace packager::fetch
