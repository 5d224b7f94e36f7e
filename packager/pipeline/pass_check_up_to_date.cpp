// Incremental builds, first part: when no input changed since the build
// already in the output folder, nothing is rewritten.
#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "packager/pipeline/input_hashes.hpp"
#include "packager/pipeline/report.hpp"
#include "packager/pipeline/state.hpp"
#include "packager/util/file_identity.hpp"
#include "packager/util/fs.hpp"
#include "packager/util/sha256.hpp"

namespace packager::pipeline {
namespace fs = std::filesystem;
using nlohmann::json;
namespace {

// What the outputs depend on: the tool, the options that shape them, the
// zip date, the templates, the course manifest, every lesson file and the
// bytes of every video. Not the output folder, the clock or the locale.
Result<std::string> inputs_fingerprint(const BuildState& state) {
  const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
  json j{{"tool", PACKAGER_VERSION},
         {"source_date_epoch", epoch != nullptr ? epoch : ""},
         {"format", to_string(state.options.format)},
         {"media", media::serialise(state.options.media)},
         // Not inputs of the bytes, but of success: a smaller stick or a
         // lower upload limit must be checked again.
         {"target_size", state.options.target_size},
         {"max_package_bytes", state.options.max_package_bytes},
         {"oversize_warns", state.options.oversize_warns},
         // Where a ZIM is split into one file per area.
         {"max_file_bytes", state.options.max_file_bytes}};
  // Only when set, so earlier reports still match: a build that warned of a
  // silent video must be checked again with --require-audio.
  if (state.options.require_audio) j["require_audio"] = true;
  TRY_ASSIGN(j["templates"], templates_json(state.templates.dir));
  TRY_ASSIGN(j["manifest"], util::sha256_file(state.course.source));
  json lessons = json::array();
  for (size_t i = 0; i < state.course.lessons.size(); ++i) {
    const lesson::Lesson& l = state.course.lessons[i];
    const auto& source = state.lessons[i].source;
    TRY_ASSIGN(json lj, lesson_files_json(l));
    lj["media"] = source ? source->sha256 : "";
    if (const auto& audio = state.lessons[i].audio_source) lj["audio"] = audio->sha256;
    if (const auto& caption = state.lessons[i].caption_source) lj["captions"] = caption->sha256;
    lessons.push_back(std::move(lj));
  }
  j["lessons"] = std::move(lessons);
  return util::sha256_hex(j.dump());
}

}  // namespace

Result<void> check_up_to_date(BuildState& state) {
  TRY_ASSIGN(state.inputs_sha256, inputs_fingerprint(state));
  if (state.options.force) return {};
  const fs::path& out = state.options.output_dir;
  std::error_code ec;
  if (!fs::is_regular_file(out / k_report_file, ec) || !fs::is_regular_file(out / k_sums_file, ec)) return {};
  auto report = read_report(out / k_report_file);
  if (!report || report->inputs_sha256 != state.inputs_sha256 || report->outputs.empty()) return {};
  // Each output exactly as the build left it (one stat() each): an output
  // edited, truncated or replaced since is rebuilt, so a damaged bundle is
  // repaired by building again. Damage that leaves no trace in the file's
  // identity (bit rot) is `packager verify`'s to find, and `--force`'s to
  // repair.
  for (const auto& o : report->outputs) {
    if (!o.identity) return {};
    if (const std::string why = util::identity_change(*o.identity, util::file_identity(out / o.path)); !why.empty()) {
      state.reporter.info(fmt::format("{}: {} since the last build; rebuilding", (out / o.path).string(), why));
      return {};
    }
  }
  // The checksum list is part of the bundle too.
  auto sums = util::read_text_file(out / k_sums_file, 64u * 1024 * 1024);
  if (!sums || *sums != format_sums(report->outputs)) {
    state.reporter.info(fmt::format("{} changed since the last build; rebuilding", (out / k_sums_file).string()));
    return {};
  }
  state.up_to_date = true;
  for (const auto& o : report->outputs)
    if (const auto ext = fs::path(o.path).extension(); ext == ".zip" || ext == ".mbz")
      state.existing_packages.push_back(o.path);
    else if (ext == ".zim")
      state.existing_zim_files.push_back(o.path);
  state.reporter.info(fmt::format("up to date: no input changed since {} was built; nothing rewritten",
                                  (out / k_report_file).string()));
  return {};
}

}  // namespace packager::pipeline
