// Reading build reports and SHA256SUMS back, for verify and diff.
#include <cctype>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "packager/pipeline/report.hpp"
#include "packager/util/fs.hpp"

namespace packager::pipeline {
using nlohmann::json;
namespace {

std::string string_at(const json& j, const char* key) {
  if (!j.is_object()) return {};
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

bool is_sha256(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace

Result<ReportSummary> read_report(const std::filesystem::path& path) {
  TRY_ASSIGN(std::string text, util::read_text_file(path, 256u * 1024 * 1024));
  // Parse without exceptions: a broken report is a user-facing input error.
  const json j = json::parse(text, nullptr, false);
  if (j.is_discarded())
    return fail(ErrorCode::input, fmt::format("{}: not valid JSON", path.string()));
  if (string_at(j, "format") != k_report_format)
    return fail(ErrorCode::input, fmt::format("{}: not a packager build report (expected \"format\": \"{}\")",
                                              path.string(), k_report_format));
  ReportSummary summary;
  summary.inputs_sha256 = string_at(j, "inputs_sha256");
  if (auto c = j.find("course"); c != j.end()) {
    summary.course_id = string_at(*c, "id");
    summary.course_version = string_at(*c, "version");
  }
  if (auto lessons = j.find("lessons"); lessons != j.end() && lessons->is_array()) {
    for (const auto& l : *lessons) {
      LessonRecord r;
      r.slug = string_at(l, "slug");
      r.title = string_at(l, "title");
      if (auto s = l.find("source"); s != l.end()) r.source_sha256 = string_at(*s, "sha256");
      if (auto m = l.find("media"); m != l.end()) {
        r.media_url = string_at(*m, "url");
        r.media_sha256 = string_at(*m, "sha256");
      }
      if (auto s = l.find("media_settings"); s != l.end()) r.settings = s->dump();
      summary.lessons.push_back(std::move(r));
    }
  }
  if (auto outputs = j.find("outputs"); outputs != j.end() && outputs->is_array()) {
    for (const auto& o : *outputs) {
      OutputRecord r{string_at(o, "path"), string_at(o, "sha256"), 0, std::nullopt};
      if (auto s = o.find("size"); s != o.end() && s->is_number_unsigned()) r.size = s->get<std::uintmax_t>();
      if (r.path.empty() || !is_sha256(r.sha256))
        return fail(ErrorCode::input, fmt::format("{}: an output has no path or no valid sha256", path.string()));
      summary.outputs.push_back(std::move(r));
    }
  }
  // What each output's file was when the build committed it.
  const json* run_outputs = nullptr;
  if (auto run = j.find("run"); run != j.end() && run->is_object())
    if (auto o = run->find("outputs"); o != run->end() && o->is_array()) run_outputs = &*o;
  if (run_outputs != nullptr) {
    std::map<std::string, util::FileIdentity> identities;
    for (const auto& o : *run_outputs) {
      if (!o.is_object() || !o.contains("mtime_ns") || !o.contains("inode")) continue;
      identities[string_at(o, "path")] = {0, o.value("mtime_ns", std::int64_t{0}), o.value("inode", std::uint64_t{0})};
    }
    for (auto& r : summary.outputs)
      if (auto it = identities.find(r.path); it != identities.end())
        r.identity = util::FileIdentity{r.size, it->second.mtime_ns, it->second.inode};
  }
  return summary;
}

Result<std::vector<OutputRecord>> parse_sums(const std::string& text, const std::string& origin) {
  std::vector<OutputRecord> records;
  size_t start = 0;
  int line_no = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    start = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    // "<hash>  <path>" (text mode) or "<hash> *<path>" (binary mode).
    if (line.size() < 67 || !is_sha256(line.substr(0, 64)) || line[64] != ' ' ||
        (line[65] != ' ' && line[65] != '*'))
      return fail(ErrorCode::input,
                  fmt::format("{}:{}: expected '<sha256>  <file>' as written by sha256sum", origin, line_no));
    std::string sha = line.substr(0, 64);
    for (auto& c : sha) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    records.push_back({line.substr(66), sha, 0, std::nullopt});
  }
  return records;
}

}  // namespace packager::pipeline
