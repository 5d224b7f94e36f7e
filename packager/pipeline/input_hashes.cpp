#include "packager/pipeline/input_hashes.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "packager/util/sha256.hpp"

namespace packager::pipeline {
namespace fs = std::filesystem;
using nlohmann::json;
namespace {

Result<std::string> sha_if(const fs::path& path) {
  if (path.empty()) return std::string{};
  return util::sha256_file(path);
}

}  // namespace

Result<json> templates_json(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file()) files.push_back(it->path());
  std::sort(files.begin(), files.end());
  json j = json::array();
  for (const auto& f : files) {
    TRY_ASSIGN(std::string sha, util::sha256_file(f));
    j.push_back({f.lexically_relative(dir).generic_string(), sha});
  }
  return j;
}

Result<json> lesson_files_json(const lesson::Lesson& l) {
  json j{{"slug", l.slug}};
  TRY_ASSIGN(j["source"], util::sha256_file(l.source));
  TRY_ASSIGN(j["captions"], sha_if(l.caption_file));
  TRY_ASSIGN(j["pdf"], sha_if(l.pdf_file));
  return j;
}

}  // namespace packager::pipeline
