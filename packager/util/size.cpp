#include "packager/util/size.hpp"

#include <cctype>
#include <limits>

#include <fmt/format.h>

#include "packager/util/text.hpp"

namespace packager::util {

std::optional<std::uint64_t> parse_size(std::string_view text) {
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits])) != 0) ++digits;
  if (digits == 0 || digits > 19) return std::nullopt;
  std::uint64_t value = 0;
  for (size_t i = 0; i < digits; ++i) {
    const auto digit = static_cast<std::uint64_t>(text[i] - '0');
    if (value > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  const std::string unit = to_lower_ascii(trim(text.substr(digits)));
  std::uint64_t scale = 1;
  if (unit.empty() || unit == "b") scale = 1;
  else if (unit == "k" || unit == "kib") scale = 1ull << 10;
  else if (unit == "m" || unit == "mib") scale = 1ull << 20;
  else if (unit == "g" || unit == "gib") scale = 1ull << 30;
  else if (unit == "t" || unit == "tib") scale = 1ull << 40;
  else if (unit == "kb") scale = 1000ull;
  else if (unit == "mb") scale = 1000ull * 1000;
  else if (unit == "gb") scale = 1000ull * 1000 * 1000;
  else if (unit == "tb") scale = 1000ull * 1000 * 1000 * 1000;
  else return std::nullopt;
  if (value == 0 || value > std::numeric_limits<std::uint64_t>::max() / scale) return std::nullopt;
  return value * scale;
}

namespace {
std::string format_with(std::uint64_t bytes, double base, const char* const (&units)[4]) {
  if (static_cast<double>(bytes) < base) return fmt::format("{} B", bytes);
  double value = static_cast<double>(bytes) / base;
  int unit = 0;
  while (value >= base && unit < 3) {
    value /= base;
    ++unit;
  }
  return fmt::format("{:.1f} {}", value, units[unit]);
}
}  // namespace

std::string format_size_binary(std::uint64_t bytes) {
  static const char* const k_units[] = {"KiB", "MiB", "GiB", "TiB"};
  return format_with(bytes, 1024.0, k_units);
}

std::string format_size_decimal(std::uint64_t bytes) {
  static const char* const k_units[] = {"kB", "MB", "GB", "TB"};
  return format_with(bytes, 1000.0, k_units);
}

}  // namespace packager::util
