// The write_report pass: build-report.json and SHA256SUMS beside the output.
#include "packager/pipeline/report.hpp"

#include <algorithm>
#include <map>

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
  } else if (b.caption_source) {
    j["captions"] = json{{"url", b.caption_source->url},
                         {"sha256", b.caption_source->sha256},
                         {"size", b.caption_source->size}};
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
    // A split video's sound came from its own file.
    if (b.audio_source)
      j["media"]["audio"] = json{{"url", b.audio_source->url},
                                 {"etag", b.audio_source->etag},
                                 {"last_modified", b.audio_source->last_modified},
                                 {"sha256", b.audio_source->sha256},
                                 {"size", b.audio_source->size}};
    j["probe"] = probe_json(b.info);
    j["media_settings"] = media_settings(state.options);
  }
  return j;
}

// Every staged output with its SHA-256 and size, sorted by path.
Result<std::vector<OutputRecord>> hash_outputs(const BuildState& state) {
  std::vector<std::string> rels = state.outputs;
  std::sort(rels.begin(), rels.end());
  rels.erase(std::unique(rels.begin(), rels.end()), rels.end());
  std::vector<OutputRecord> outputs;
  for (const auto& rel : rels) {
    const fs::path file = state.bundle / rel;
    std::error_code ec;
    const auto size = fs::file_size(file, ec);
    if (ec) return fail(ErrorCode::output, fmt::format("cannot read back {}", file.string()));
    if (auto known = state.known_sha256.find(rel); known != state.known_sha256.end()) {
      outputs.push_back({rel, known->second, size, {}});
      continue;
    }
    // Finished files are hashed in one streamed pass (1 MiB blocks).
    TRY_ASSIGN(std::string sha, util::sha256_file(file));
    outputs.push_back({rel, sha, size, {}});
  }
  return outputs;
}

// Decides, output by output, whether the file already in the output folder
// can stay: same bytes as the new one (the last report says so) and not
// touched since that build (its identity). Those keep their inode and date
// ("a rebuild rewrites nothing it need not"); the others are moved in by
// the commit. Files of the last build the new one does not have are
// removed by the commit. Fills each output's identity for the report.
util::CommitPlan plan_commit(BuildState& state, std::vector<OutputRecord>& outputs) {
  const fs::path& out = state.options.output_dir;
  std::map<std::string, OutputRecord> previous;
  bool same_course = false;
  std::error_code ec;
  if (fs::is_regular_file(out / k_report_file, ec))
    if (auto report = read_report(out / k_report_file)) {
      for (auto& o : report->outputs) previous[o.path] = o;
      same_course = report->course_id == state.course.identifier;
    }
  util::CommitPlan plan;
  for (auto& o : outputs) {
    auto it = previous.find(o.path);
    const bool unchanged = !state.options.force && it != previous.end() && it->second.sha256 == o.sha256 &&
                           it->second.identity && util::file_identity(out / o.path) == it->second.identity;
    if (unchanged) {
      fs::remove(state.bundle / o.path, ec);
      o.identity = it->second.identity;
      state.reused.push_back({"", "unchanged output", o.path});
    } else {
      // rename(2) keeps the inode and the date: this is what the file will be.
      o.identity = util::file_identity(state.bundle / o.path);
      plan.moves.push_back(o.path);
    }
  }
  // The files of this course's last build that this one no longer makes (a
  // removed lesson's pages, the zip of another SCORM version) go; another
  // course's files are not ours to delete.
  for (const auto& [path, o] : previous)
    if (same_course && !std::binary_search(outputs.begin(), outputs.end(), o,
                            [](const OutputRecord& a, const OutputRecord& b) { return a.path < b.path; }))
      plan.removes.push_back(path);
  return plan;
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
  report["lessons"] = std::move(lessons);
  TRY_ASSIGN(auto outputs, hash_outputs(state));
  util::CommitPlan plan = plan_commit(state, outputs);
  for (const auto& r : state.reused) reused.push_back({{"lesson", r.lesson}, {"what", r.what}, {"from", r.from}});
  json outputs_json = json::array();
  for (const auto& o : outputs) outputs_json.push_back({{"path", o.path}, {"sha256", o.sha256}, {"size", o.size}});
  report["outputs"] = std::move(outputs_json);
  report["warnings"] = state.warnings;
  // Everything below changes from run to run; `jq 'del(.run)'` gives the
  // reproducible part. The report's own pass cannot time itself.
  json timings = json::array();
  for (const auto& t : state.timings) timings.push_back({{"stage", t.name}, {"seconds", t.seconds}});
  json identities = json::array();
  for (const auto& o : outputs)
    if (o.identity) identities.push_back({{"path", o.path}, {"mtime_ns", o.identity->mtime_ns}, {"inode", o.identity->inode}});
  report["run"] = {{"timings", std::move(timings)}, {"reused", std::move(reused)}, {"outputs", std::move(identities)}};

  // Staged with everything else; the checksums and the report are moved in
  // last, so a reader never finds a report naming files not yet in place.
  TRY(util::write_file_atomically(state.bundle / k_sums_file, format_sums(outputs)));
  TRY(util::write_file_atomically(state.bundle / k_report_file, report.dump(2) + "\n"));
  plan.moves.push_back(k_sums_file);
  plan.moves.push_back(k_report_file);
  state.commit_plan = std::move(plan);
  return {};
}

}  // namespace packager::pipeline
