// The write_report pass: build-report.json and SHA256SUMS beside the output.
#include "packager/pipeline/report.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "packager/pipeline/state.hpp"
#include "packager/util/atomic_file.hpp"
#include "packager/util/sha256.hpp"

namespace packager::pipeline {
namespace fs = std::filesystem;
using nlohmann::json;
namespace {

// Paths in the report are relative (to the manifest's folder for inputs, to
// the output folder for outputs) so the same build elsewhere gives the same
// report.
std::string relative_to(const fs::path& path, const fs::path& base) {
  std::error_code ec;
  const fs::path abs_path = fs::absolute(path, ec).lexically_normal();
  const fs::path abs_base = fs::absolute(base, ec).lexically_normal();
  fs::path rel = abs_path.lexically_relative(abs_base);
  return (rel.empty() ? path : rel).generic_string();
}

Result<json> file_entry(const fs::path& path, const fs::path& base) {
  TRY_ASSIGN(std::string sha, util::sha256_file(path));
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  return json{{"path", relative_to(path, base)}, {"sha256", sha}, {"size", ec ? 0 : size}};
}

json probe_json(const media::MediaInfo& info) {
  return json{{"container", info.container},         {"duration_seconds", info.duration_seconds},
              {"bit_rate", info.bit_rate},           {"video_codec", info.video_codec},
              {"video_profile", info.video_profile}, {"width", info.width},
              {"height", info.height},               {"frame_rate", info.frame_rate},
              {"audio_codec", info.audio_codec},     {"audio_channels", info.audio_channels},
              {"audio_sample_rate", info.audio_sample_rate}, {"packet_count", info.packet_count}};
}

// The media settings a lesson's video went through. Today every video is
// stream-copied (remux); a transcode would record its codec settings here.
json media_settings(const BuildOptions& options) {
  return json{{"operation", "remux"}, {"max_height", options.max_height}};
}

Result<json> lesson_json(const BuildState& state, size_t i, const fs::path& base) {
  const lesson::Lesson& l = state.course.lessons[i];
  const LessonBuild& b = state.lessons[i];
  json j{{"slug", l.slug}, {"title", l.title}, {"area", l.area}};
  TRY_ASSIGN(j["source"], file_entry(l.source, base));
  if (!l.caption_file.empty()) {
    TRY_ASSIGN(j["captions"], file_entry(l.caption_file, base));
  }
  if (!l.pdf_file.empty()) {
    TRY_ASSIGN(j["pdf"], file_entry(l.pdf_file, base));
  }
  if (b.source) {
    j["media"] = json{{"url", b.source->url},
                      {"etag", b.source->etag},
                      {"last_modified", b.source->last_modified},
                      {"sha256", b.source->sha256},
                      {"size", b.source->size}};
    j["probe"] = probe_json(b.info);
    j["media_settings"] = media_settings(state.options);
  }
  return j;
}

Result<std::vector<OutputRecord>> hash_outputs(const BuildState& state) {
  std::vector<OutputRecord> outputs;
  std::vector<fs::path> files = state.packages;
  files.insert(files.end(), state.site_files.begin(), state.site_files.end());
  files.insert(files.end(), state.zim_files.begin(), state.zim_files.end());
  for (const auto& file : files) {
    const std::string rel = relative_to(file, state.options.output_dir);
    std::error_code ec;
    if (auto known = state.known_sha256.find(rel); known != state.known_sha256.end()) {
      outputs.push_back({rel, known->second, fs::file_size(file, ec)});
      continue;
    }
    // Finished files are hashed in one streamed pass (1 MiB blocks).
    TRY_ASSIGN(std::string sha, util::sha256_file(file));
    outputs.push_back({rel, sha, fs::file_size(file, ec)});
  }
  std::sort(outputs.begin(), outputs.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  return outputs;
}

}  // namespace

std::string format_sums(std::vector<OutputRecord> outputs) {
  std::sort(outputs.begin(), outputs.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  std::string text;
  for (const auto& o : outputs) text += fmt::format("{}  {}\n", o.sha256, o.path);
  return text;
}

Result<void> write_report(BuildState& state) {
  const lesson::Course& course = state.course;
  const fs::path base = course.source.parent_path();
  json report{{"format", k_report_format}, {"tool", {{"name", "packager"}, {"version", PACKAGER_VERSION}}}};
  json course_json{{"id", course.identifier},
                   {"title", course.title},
                   {"version", course.version},
                   {"scorm", course.scorm == lesson::ScormVersion::scorm12 ? "1.2" : "2004-4th"}};
  TRY_ASSIGN(course_json["manifest"], file_entry(course.source, base));
  report["course"] = std::move(course_json);
  report["settings"] = media_settings(state.options);
  report["inputs_sha256"] = state.inputs_sha256;
  report["settings"]["format"] = to_string(state.options.format);
  json lessons = json::array();
  json reused = json::array();
  for (size_t i = 0; i < course.lessons.size(); ++i) {
    TRY_ASSIGN(json l, lesson_json(state, i, base));
    lessons.push_back(std::move(l));
    const auto& source = state.lessons[i].source;
    if (source && source->origin != fetch::Origin::network)
      reused.push_back({{"lesson", course.lessons[i].slug}, {"what", "media"}, {"from", fetch::to_string(source->origin)}});
  }
  for (const auto& r : state.reused) reused.push_back({{"lesson", r.lesson}, {"what", r.what}, {"from", r.from}});
  report["lessons"] = std::move(lessons);
  TRY_ASSIGN(auto outputs, hash_outputs(state));
  json outputs_json = json::array();
  for (const auto& o : outputs) outputs_json.push_back({{"path", o.path}, {"sha256", o.sha256}, {"size", o.size}});
  report["outputs"] = std::move(outputs_json);
  report["warnings"] = state.warnings;
  // Everything below changes from run to run; `jq 'del(.run)'` gives the
  // reproducible part. The report's own pass cannot time itself.
  json timings = json::array();
  for (const auto& t : state.timings) timings.push_back({{"stage", t.name}, {"seconds", t.seconds}});
  report["run"] = {{"timings", std::move(timings)}, {"reused", std::move(reused)}};

  const fs::path& out = state.options.output_dir;
  TRY(util::write_file_atomically(out / k_sums_file, format_sums(outputs)));
  TRY(util::write_file_atomically(out / k_report_file, report.dump(2) + "\n"));
  state.reporter.detail(fmt::format("wrote {} and {}", (out / k_report_file).string(), k_sums_file));
  return {};
}

}  // namespace packager::pipeline
