#include "packager/util/text.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

namespace packager::util {

std::string trim(std::string_view text) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && is_space(text[begin])) ++begin;
  while (end > begin && is_space(text[end - 1])) --end;
  return std::string(text.substr(begin, end - begin));
}

std::string to_lower_ascii(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && to_lower_ascii(text.substr(0, prefix.size())) ==
                                              to_lower_ascii(prefix);
}

namespace {
// Folds the Latin-1 supplement and œ/æ, which is what French titles use.
std::string_view fold_latin(unsigned code_point) {
  if (code_point >= 0xC0 && code_point <= 0xC5) return "a";
  if (code_point >= 0xE0 && code_point <= 0xE5) return "a";
  if (code_point == 0xC7 || code_point == 0xE7) return "c";
  if ((code_point >= 0xC8 && code_point <= 0xCB) || (code_point >= 0xE8 && code_point <= 0xEB))
    return "e";
  if ((code_point >= 0xCC && code_point <= 0xCF) || (code_point >= 0xEC && code_point <= 0xEF))
    return "i";
  if (code_point == 0xD1 || code_point == 0xF1) return "n";
  if ((code_point >= 0xD2 && code_point <= 0xD6) || (code_point >= 0xF2 && code_point <= 0xF6))
    return "o";
  if ((code_point >= 0xD9 && code_point <= 0xDC) || (code_point >= 0xF9 && code_point <= 0xFC))
    return "u";
  if (code_point == 0xDD || code_point == 0xFD || code_point == 0xFF) return "y";
  if (code_point == 0x152 || code_point == 0x153) return "oe";
  if (code_point == 0xC6 || code_point == 0xE6) return "ae";
  return "";
}
}  // namespace

std::string slugify(std::string_view text) {
  std::string out;
  bool dash = false;
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::string_view piece;
    char ascii[2] = {0, 0};
    if (c < 0x80) {
      if (std::isalnum(c)) {
        ascii[0] = static_cast<char>(std::tolower(c));
        piece = std::string_view(ascii, 1);
      }
      ++i;
    } else {
      unsigned cp = 0;
      size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
      if (len == 2 && i + 1 < text.size())
        cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3Fu);
      piece = fold_latin(cp);
      i += len;
    }
    if (piece.empty()) {
      dash = !out.empty();
      continue;
    }
    if (dash) out += '-';
    dash = false;
    out += piece;
  }
  return out.empty() ? "x" : out;
}

namespace {
// Most of a lesson is ASCII: its checks skip eight bytes at a time while a
// word holds nothing they look for (the bit tricks are exact for bytes
// below 0x80, and words with a byte above are never skipped).
constexpr std::uint64_t k_ones = 0x0101010101010101ull;
constexpr std::uint64_t k_highs = 0x8080808080808080ull;
std::uint64_t word_at(std::string_view text, size_t i) {
  std::uint64_t w;
  std::memcpy(&w, text.data() + i, sizeof w);
  return w;
}
bool all_ascii(std::uint64_t w) { return (w & k_highs) == 0; }
// Every byte in 0x20..0x7E: none below 0x20, none above 0x7E.
bool all_printable_ascii(std::uint64_t w) {
  const std::uint64_t below = (w - k_ones * 0x20) & ~w & k_highs;
  const std::uint64_t above = ((w + k_ones * (127 - 0x7E)) | w) & k_highs;
  return (below | above) == 0;
}
}  // namespace

std::optional<size_t> find_invalid_utf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    size_t len = 0;
    unsigned cp = 0;
    if (c < 0x80) {
      ++i;
      while (i + 8 <= text.size() && all_ascii(word_at(text, i))) i += 8;
      continue;
    }
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return i;
    if (i + len > text.size()) return i;
    for (size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are invalid too.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
      return i;
    i += len;
  }
  return std::nullopt;
}

namespace {
// Decodes the (valid) UTF-8 sequence at `i`; returns its length.
size_t decode(std::string_view text, size_t i, char32_t& cp) {
  const auto c = static_cast<unsigned char>(text[i]);
  size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
  if (i + len > text.size()) len = 1;
  cp = len == 1 ? c : len == 2 ? (c & 0x1Fu) : len == 3 ? (c & 0x0Fu) : (c & 0x07u);
  for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
  return len;
}

bool is_control(char32_t cp) {
  return (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF;
}

bool is_invisible(char32_t cp) {
  return is_control(cp) || cp == 0xA0 || cp == 0xAD || (cp >= 0x2000 && cp <= 0x200F) ||
         (cp >= 0x2028 && cp <= 0x202F) || (cp >= 0x2060 && cp <= 0x2064) || cp == 0x3000 || cp == 0xFEFF;
}
}  // namespace

std::optional<ControlCharacter> find_control_character(std::string_view utf8) {
  for (size_t i = 0; i < utf8.size();) {
    while (i + 8 <= utf8.size() && all_printable_ascii(word_at(utf8, i))) i += 8;
    if (i == utf8.size()) break;
    char32_t cp = 0;
    const size_t len = decode(utf8, i, cp);
    if (is_control(cp)) return ControlCharacter{i, cp};
    i += len;
  }
  return std::nullopt;
}

std::string code_point_name(char32_t code_point) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(code_point));
  return buffer;
}

std::string escape_invisible(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const size_t len = decode(text, i, cp);
    if (is_invisible(cp) && cp != '\t' && cp != '\n') {
      char buffer[16];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(cp));
      out += buffer;
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp == '\n') {
      out += "\\n";
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

}  // namespace packager::util
