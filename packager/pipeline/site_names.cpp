#include "packager/pipeline/site_names.hpp"

#include <algorithm>
#include <string_view>

#include <fmt/format.h>

#include "packager/util/text.hpp"

namespace packager::pipeline {
namespace {

bool is_device_name(std::string part) {
  // "CON.txt" is as reserved as "CON": the stem decides.
  part = util::to_lower_ascii(part.substr(0, part.find('.')));
  static const char* const k_devices[] = {"con", "prn", "aux", "nul"};
  for (const char* device : k_devices)
    if (part == device) return true;
  return part.size() == 4 && (part.rfind("com", 0) == 0 || part.rfind("lpt", 0) == 0) && part[3] >= '1' &&
         part[3] <= '9';
}

}  // namespace

std::string fat_path_problem(const std::string& path) {
  if (path.size() > k_max_site_path)
    return fmt::format("is {} characters long; the limit is {}", path.size(), k_max_site_path);
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    const std::string part = path.substr(start, end - start);
    start = end + 1;
    if (part.empty() || part == "." || part == "..") return "has an empty, '.' or '..' part";
    if (part.size() > 255) return fmt::format("has a part of {} bytes; the limit is 255", part.size());
    for (const char c : part) {
      if (static_cast<unsigned char>(c) < 0x20) return "holds a control character";
      if (std::string_view("\"*:<>?\\|").find(c) != std::string_view::npos)
        return fmt::format("holds '{}', which FAT32 and exFAT forbid", c);
    }
    if (part.back() == '.' || part.back() == ' ') return fmt::format("has '{}', ending in a dot or space", part);
    if (is_device_name(part)) return fmt::format("has '{}', a reserved device name on Windows", part);
  }
  return {};
}

std::vector<std::string> case_collision(std::vector<std::string> paths) {
  std::sort(paths.begin(), paths.end(), [](const std::string& a, const std::string& b) {
    return util::to_lower_ascii(a) < util::to_lower_ascii(b);
  });
  for (size_t i = 1; i < paths.size(); ++i)
    if (util::to_lower_ascii(paths[i - 1]) == util::to_lower_ascii(paths[i]) && paths[i - 1] != paths[i])
      return {paths[i - 1], paths[i]};
  return {};
}

std::uintmax_t on_stick_size(std::uintmax_t size) {
  return (size + k_cluster_size - 1) / k_cluster_size * k_cluster_size;
}

}  // namespace packager::pipeline
