#include "packager/pipeline/source_date.hpp"

#include <cstdlib>

namespace packager::pipeline {

std::int64_t source_date_epoch() {
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
    char* end = nullptr;
    const long long value = std::strtoll(epoch, &end, 10);
    if (end != epoch && *end == '\0' && value >= 315532800) return value;
  }
  return 946684800;  // 2000-01-01T00:00:00Z
}

}  // namespace packager::pipeline
