#include "packager/pipeline/build_date.hpp"

#include <cstdlib>
#include <ctime>

#include <fmt/format.h>

namespace packager::pipeline {

std::int64_t build_epoch() {
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
    char* end = nullptr;
    const long long value = std::strtoll(epoch, &end, 10);
    if (end != epoch && *end == '\0' && value >= 315532800) return value;
  }
  return 946684800;  // 2000-01-01T00:00:00Z
}

std::string build_date() {
  // gmtime_r: UTC whatever TZ says, so the date is the same everywhere.
  const std::time_t t = static_cast<std::time_t>(build_epoch());
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

}  // namespace packager::pipeline
