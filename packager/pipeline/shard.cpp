// Sharded builds: `build --shard I/N` and `merge` (shard.hpp says what they
// promise; docs/scale.md how to run them on Slurm or Kubernetes).
#include "packager/pipeline/shard.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "packager/media/media_settings.hpp"
#include "packager/pipeline/build.hpp"
#include "packager/pipeline/input_hashes.hpp"
#include "packager/pipeline/layout.hpp"
#include "packager/pipeline/state.hpp"
#include "packager/pipeline/timing.hpp"
#include "packager/util/copy.hpp"
#include "packager/util/fs.hpp"
#include "packager/util/sha256.hpp"

namespace packager::pipeline {
namespace fs = std::filesystem;
using nlohmann::json;
namespace {

inline constexpr const char* k_shard_record = "shard.json";
inline constexpr const char* k_shard_format = "packager-shard/1";

fs::path absolute_path(const fs::path& p) {
  std::error_code ec;
  const fs::path a = fs::absolute(p, ec).lexically_normal();
  return ec ? p : a;
}

// Every setting that shapes the outputs, in the one form shards and the
// merge compare and the merge rebuilds its options from.
json settings_json(const BuildOptions& o) {
  return json{{"input", absolute_path(o.input).string()},
              {"templates_dir", absolute_path(o.templates_dir).string()},
              {"format", to_string(o.format)},
              {"media", media::serialise(o.media)},
              {"max_height", o.media.max_height},
              {"transcode", o.media.transcode_unplayable},
              {"crf", o.media.crf},
              {"preset", o.media.preset},
              {"max_package_bytes", o.max_package_bytes},
              {"oversize_warns", o.oversize_warns},
              {"target_size", o.target_size},
              {"require_audio", o.require_audio},
              {"max_file_bytes", o.max_file_bytes}};
}

Result<BuildOptions> options_from_settings(const json& s, const fs::path& origin) {
  BuildOptions o;
  try {
    o.input = s.at("input").get<std::string>();
    o.templates_dir = s.at("templates_dir").get<std::string>();
    TRY_ASSIGN(o.format, parse_formats(s.at("format").get<std::string>()));
    o.media.max_height = s.at("max_height").get<int>();
    o.media.transcode_unplayable = s.at("transcode").get<bool>();
    o.media.crf = s.at("crf").get<int>();
    o.media.preset = s.at("preset").get<std::string>();
    // A shard written with other media settings than this tool makes of
    // the same fields (codecs changed between versions) is not this build's.
    if (media::serialise(o.media) != s.at("media").get<std::string>())
      return fail(ErrorCode::input, fmt::format("{}: the shard's media settings ({}) are not this version's ({})",
                                                origin.string(), s.at("media").get<std::string>(),
                                                media::serialise(o.media)));
    o.max_package_bytes = s.at("max_package_bytes").get<std::uint64_t>();
    o.oversize_warns = s.at("oversize_warns").get<bool>();
    o.target_size = s.at("target_size").get<std::uintmax_t>();
    o.require_audio = s.at("require_audio").get<bool>();
    o.max_file_bytes = s.at("max_file_bytes").get<std::uint64_t>();
  } catch (const json::exception&) {
    return fail(ErrorCode::input, fmt::format("{}: the shard's settings are unreadable", origin.string()));
  }
  return o;
}

// What every shard of one build must agree on: the tool, the settings, the
// zip date, the course manifest, every lesson file with its captions and
// sheet, and every template. (Not the videos: a shard fetches only its own.)
Result<std::string> shard_inputs(const BuildState& state, int count) {
  const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
  json j{{"tool", PACKAGER_VERSION},
         {"source_date_epoch", epoch != nullptr ? epoch : ""},
         {"shards", count},
         {"settings", settings_json(state.options)}};
  TRY_ASSIGN(j["manifest"], util::sha256_file(state.course.source));
  json lessons = json::array();
  for (const auto& l : state.course.lessons) {
    TRY_ASSIGN(json lj, lesson_files_json(l));
    lessons.push_back(std::move(lj));
  }
  j["lessons"] = std::move(lessons);
  TRY_ASSIGN(j["templates"], templates_json(state.templates.dir));
  return util::sha256_hex(j.dump());
}

json source_json(const fetch::Fetched& f) {
  return json{{"url", f.url}, {"sha256", f.sha256}, {"size", f.size}, {"etag", f.etag},
              {"last_modified", f.last_modified}};
}

// Keeps only the shard's lessons in `state`.
void keep_lessons(BuildState& state, const std::vector<size_t>& keep) {
  std::vector<lesson::Lesson> lessons;
  std::vector<LessonBuild> builds;
  for (size_t i : keep) {
    lessons.push_back(state.course.lessons[i]);
    builds.push_back(state.lessons[i]);
  }
  state.course.lessons = std::move(lessons);
  state.lessons = std::move(builds);
}

// Stages the shard folder's media and record in the bundle, and plans its
// commit (the files of an earlier run of this shard that this one no longer
// has are removed).
Result<void> write_shard(BuildState& state, const ShardSpec& spec, const std::string& inputs,
                         const std::vector<RecordedWarning>& fetch_warnings) {
  json lessons = json::array();
  util::CommitPlan plan;
  for (size_t i = 0; i < state.course.lessons.size(); ++i) {
    const lesson::Lesson& l = state.course.lessons[i];
    LessonBuild& b = state.lessons[i];
    json lj{{"slug", l.slug}};
    if (b.source && !b.video.empty()) {
      const std::string rel = "media/" + l.slug + "/video.mp4";
      TRY(util::make_directories((state.bundle / rel).parent_path()));
      // The work folder's own file: never the cache's.
      std::error_code ec;
      fs::rename(b.video, state.bundle / rel, ec);
      if (ec) return fail(ErrorCode::output, fmt::format("cannot stage {}: {}", rel, ec.message()));
      std::string sha = b.video_sha256;
      if (sha.empty()) {
        TRY_ASSIGN(sha, util::sha256_file(state.bundle / rel));
      }
      lj["media"] = source_json(*b.source);
      lj["video"] = {{"path", rel}, {"sha256", sha}};
      lj["description"] = json::parse(describe_media(b));
      plan.moves.push_back(rel);
    }
    lessons.push_back(std::move(lj));
  }
  // What this shard's fetch warned of, for the merge's report.
  json warnings = json::array();
  for (const auto& w : fetch_warnings) warnings.push_back({{"lesson", w.lesson}, {"message", w.message}});
  const json record{{"format", k_shard_format},
                    {"shard", spec.index},
                    {"count", spec.count},
                    {"course", state.course.identifier},
                    {"inputs_sha256", inputs},
                    {"settings", settings_json(state.options)},
                    {"lessons", std::move(lessons)},
                    {"warnings", std::move(warnings)}};
  TRY(util::write_file_atomically(state.bundle / k_shard_record, record.dump(2) + "\n"));
  plan.moves.push_back(k_shard_record);
  // An earlier run of this shard (other inputs): its media that this run
  // does not have go.
  const fs::path& out = state.options.output_dir;
  if (auto text = util::read_text_file(out / k_shard_record)) {
    const json old = json::parse(*text, nullptr, false);
    if (old.is_object() && old.contains("lessons") && old["lessons"].is_array())
      for (const auto& l : old["lessons"])
        if (l.is_object() && l.contains("video") && l["video"].is_object()) {
          const std::string rel = l["video"].value("path", "");
          if (!rel.empty() && std::find(plan.moves.begin(), plan.moves.end(), rel) == plan.moves.end())
            plan.removes.push_back(rel);
        }
  }
  state.commit_plan = std::move(plan);
  return {};
}

struct ShardFolder {
  fs::path dir;
  json record;
};

Result<ShardFolder> read_shard(const fs::path& dir) {
  const fs::path path = dir / k_shard_record;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec))
    return fail(ErrorCode::input, fmt::format("{}: not a shard folder (no {}; was `packager build --shard` run "
                                              "into it, and did it finish?)", dir.string(), k_shard_record));
  TRY_ASSIGN(const std::string text, util::read_text_file(path));
  json record = json::parse(text, nullptr, false);
  if (!record.is_object() || record.value("format", "") != k_shard_format || !record.contains("shard") ||
      !record["shard"].is_number_integer() || !record.contains("count") || !record["count"].is_number_integer() ||
      !record.contains("lessons") || !record["lessons"].is_array() || !record.contains("settings"))
    return fail(ErrorCode::input, fmt::format("{}: not a packager shard record (expected \"format\": \"{}\")",
                                              path.string(), k_shard_format));
  return ShardFolder{dir, std::move(record)};
}

}  // namespace

Result<ShardSpec> parse_shard(std::string_view text) {
  const auto slash = text.find('/');
  ShardSpec spec;
  const auto parse = [](std::string_view part, int& value) {
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    return ec == std::errc{} && end == part.data() + part.size();
  };
  if (slash == std::string_view::npos || !parse(text.substr(0, slash), spec.index) ||
      !parse(text.substr(slash + 1), spec.count) || spec.count < 1 || spec.count > 10000 || spec.index < 1 ||
      spec.index > spec.count)
    return fail(ErrorCode::usage, fmt::format("--shard: '{}' is not I/N with 1 <= I <= N <= 10000 (e.g. 2/3)",
                                              text));
  return spec;
}

std::vector<size_t> shard_lessons(const lesson::Course& course, const ShardSpec& spec) {
  std::vector<std::pair<std::string, size_t>> keyed;
  for (size_t i = 0; i < course.lessons.size(); ++i)
    keyed.emplace_back(util::sha256_hex(course.identifier + "/" + course.lessons[i].slug), i);
  std::sort(keyed.begin(), keyed.end());
  std::vector<size_t> mine;
  for (size_t p = 0; p < keyed.size(); ++p)
    if (static_cast<int>(p % static_cast<size_t>(spec.count)) == spec.index - 1) mine.push_back(keyed[p].second);
  std::sort(mine.begin(), mine.end());  // course order
  return mine;
}

Result<void> build_shard(const BuildOptions& options, const ShardSpec& spec, const Reporter& reporter) {
  BuildState state(options, reporter);
  // Every lesson is read and checked, as in any build: a problem in one is
  // every task's problem, found before anything is downloaded.
  TRY(run_pass(state, "load_course", load_course));
  TRY(run_pass(state, "load_templates", load_templates));
  TRY_ASSIGN(const std::string inputs, shard_inputs(state, spec.count));
  // This task's share of the lessons, the same whichever machine computes it.
  keep_lessons(state, shard_lessons(state.course, spec));
  reporter.info(fmt::format("shard {}/{}: {} of the course's lessons", spec.index, spec.count,
                            state.course.lessons.size()));
  // The heavy, per-lesson part: fetch (through the shared cache, which
  // takes turns between tasks) and remux.
  const size_t before_fetch = reporter.warnings().size();
  TRY(run_pass(state, "fetch_media", fetch_media));
  // The shard's record keeps what only its fetch can warn of (a cached copy
  // used after an HTTP error, ...): the merge reads the lesson files and
  // checks the media again itself, and warns of those once.
  const auto all = reporter.warnings();
  const std::vector<RecordedWarning> fetch_warnings(all.begin() + static_cast<std::ptrdiff_t>(before_fetch), all.end());
  TRY(run_pass(state, "open_output", open_output));
  TRY(run_pass(state, "open_work_folder", open_work_folder));
  TRY(run_pass(state, "reuse_media", reuse_media));
  TRY(run_pass(state, "prepare_media", prepare_media));
  TRY(run_pass(state, "store_media", store_media));
  // The shard folder, committed whole.
  TRY(write_shard(state, spec, inputs, fetch_warnings));
  TRY(util::commit_staged(options.output_dir, state.bundle, state.commit_plan));
  reporter.info(fmt::format("wrote shard {}/{} to {}", spec.index, spec.count, options.output_dir.string()));
  return {};
}

Result<BuildResult> merge_shards(const std::vector<fs::path>& dirs, const fs::path& output_dir,
                                 const fs::path& cache_dir, const Reporter& reporter) {
  std::vector<ShardFolder> shards;
  for (const auto& dir : dirs) {
    TRY_ASSIGN(ShardFolder shard, read_shard(dir));
    shards.push_back(std::move(shard));
  }
  if (shards.empty()) return fail(ErrorCode::usage, "merge: no shard folder given");
  const ShardFolder& first = shards.front();
  const int count = first.record["count"].get<int>();
  std::map<int, fs::path> seen;
  for (const auto& s : shards) {
    if (s.record["count"].get<int>() != count)
      return fail(ErrorCode::input, fmt::format("{}: shard of a {}-way split, but {} is of a {}-way split",
                                                s.dir.string(), s.record["count"].get<int>(), first.dir.string(),
                                                count));
    if (s.record.value("inputs_sha256", "") != first.record.value("inputs_sha256", "") ||
        s.record["settings"] != first.record["settings"])
      return fail(ErrorCode::input, fmt::format("{}: built from other inputs or settings than {} (a lesson, the "
                                                "course, a template or an option differs); rebuild it",
                                                s.dir.string(), first.dir.string()));
    const int index = s.record["shard"].get<int>();
    if (auto [it, fresh] = seen.emplace(index, s.dir); !fresh)
      return fail(ErrorCode::input, fmt::format("shard {} of {} given twice: {} and {}", index, count,
                                                it->second.string(), s.dir.string()));
  }
  for (int i = 1; i <= count; ++i)
    if (seen.count(i) == 0)
      return fail(ErrorCode::input, fmt::format("shard {} of {} is missing (run `packager build --shard {}/{}` "
                                                "and give its folder)", i, count, i, count));

  TRY_ASSIGN(BuildOptions options, options_from_settings(first.record["settings"], first.dir / k_shard_record));
  options.output_dir = output_dir;
  options.fetch.offline = true;  // everything comes from the shards
  options.fetch.cache_dir = cache_dir;
  for (const auto& s : shards)
    for (const auto& l : s.record["lessons"]) {
      if (!l.contains("media")) continue;
      ShardMedia m;
      const json& media = l["media"];
      m.source.url = media.value("url", "");
      m.source.sha256 = media.value("sha256", "");
      m.source.size = media.value("size", std::uintmax_t{0});
      m.source.etag = media.value("etag", "");
      m.source.last_modified = media.value("last_modified", "");
      m.source.origin = fetch::Origin::cache;
      m.video = s.dir / l["video"].value("path", "");
      m.video_sha256 = l["video"].value("sha256", "");
      m.description = l.value("description", json::object()).dump();
      options.shard_media[l.value("slug", "")] = std::move(m);
    }
  std::sort(shards.begin(), shards.end(), [](const ShardFolder& a, const ShardFolder& b) {
    return a.record["shard"].get<int>() < b.record["shard"].get<int>();
  });
  for (const auto& s : shards)
    if (s.record.contains("warnings") && s.record["warnings"].is_array())
      for (const auto& w : s.record["warnings"])
        if (w.is_object()) options.shard_warnings.push_back({w.value("lesson", ""), w.value("message", "")});
  reporter.detail(fmt::format("merging {} shards into {}", count, output_dir.string()));
  return build(options, reporter);
}

Result<void> shard_sources(BuildState& state) {
  // What the shards warned of while fetching: printed and recorded as if
  // this build had fetched.
  for (const auto& w : state.options.shard_warnings) state.reporter.replay(w);
  for (size_t i = 0; i < state.course.lessons.size(); ++i) {
    const lesson::Lesson& l = state.course.lessons[i];
    if (!l.video_url.present() && !l.embed_url.present()) continue;  // a PDF lesson has no video
    auto it = state.options.shard_media.find(l.slug);
    if (it == state.options.shard_media.end())
      return fail(ErrorCode::input, fmt::format("{}: no shard holds this lesson's video", l.source.string()));
    state.lessons[i].source = it->second.source;
  }
  return {};
}

Result<void> take_shard_media(BuildState& state) {
  for (size_t i = 0; i < state.course.lessons.size(); ++i) {
    const lesson::Lesson& l = state.course.lessons[i];
    LessonBuild& b = state.lessons[i];
    if (!b.source) continue;
    const ShardMedia& m = state.options.shard_media.at(l.slug);
    if (!take_media_description(m.description, b))
      return fail(ErrorCode::input, fmt::format("{}: the shard's record of this lesson's video is unreadable",
                                                m.video.string()));
    // A copy: the shard folder stays as it was, and nothing the merge
    // writes shares an inode with it.
    const fs::path video = state.work->path() / lesson_video_path(l);
    TRY(util::make_directories(video.parent_path()));
    TRY_ASSIGN(const std::string sha, util::clone_or_copy(m.video, video, /*want_sha256=*/true));
    if (sha != m.video_sha256)
      return fail(ErrorCode::input, fmt::format("{}: damaged (its SHA-256 is not the one its shard recorded); "
                                                "rebuild that shard", m.video.string()));
    b.video = video;
    b.video_sha256 = sha;
    state.reused.push_back({l.slug, "remuxed media", "shard"});
  }
  return {};
}

}  // namespace packager::pipeline
