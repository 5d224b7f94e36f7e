#include "packager/cli/cli.hpp"

#include <cctype>
#include <csignal>
#include <cstdint>
#include <optional>
#include <string>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <iostream>
#include <map>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "packager/cli/size_option.hpp"
#include "packager/cli/validate_command.hpp"
#include "packager/cli/cache_command.hpp"
#include "packager/cli/merge_command.hpp"
#include "packager/cli/verify_command.hpp"
#include "packager/core/interrupt.hpp"
#include "packager/pipeline/build.hpp"
#include "packager/pipeline/shard.hpp"
#include "packager/pipeline/check.hpp"
#include "packager/render/templates.hpp"
#include "packager/util/size.hpp"

namespace packager::cli {
namespace fs = std::filesystem;
namespace {

struct CommonFlags {
  bool quiet = false;
  bool verbose = false;
  Verbosity verbosity() const {
    return quiet ? Verbosity::quiet : verbose ? Verbosity::verbose : Verbosity::normal;
  }
};

int report_failure(const Reporter& reporter, const Error& error) {
  // A signal can also surface as another failure (a read cut short by
  // EINTR); the user asked to stop, so report that.
  if (error.code == ErrorCode::interrupted || interrupted()) {
    reporter.error("interrupted; temporary files removed, earlier packages untouched");
    return interrupt_signal() == SIGTERM ? 143 : 130;
  }
  reporter.error(error.message);
  return exit_code_for(error.code);
}

int run_build(const pipeline::BuildOptions& options, const CommonFlags& flags) {
  const Reporter reporter(flags.verbosity());
  auto result = pipeline::build(options, reporter);
  if (!result) return report_failure(reporter, result.error());
  // Package paths are the command's result: stdout, one per line.
  for (const auto& path : result->packages) std::cout << path.string() << '\n';
  if (!result->site_index.empty()) std::cout << result->site_index.string() << '\n';
  for (const auto& path : result->zim_files) std::cout << path.string() << '\n';
  return 0;
}

int run_check(const fs::path& input, const CommonFlags& flags) {
  const Reporter reporter(flags.verbosity());
  auto summary = pipeline::check(input, reporter);
  if (!summary) return report_failure(reporter, summary.error());
  return summary->errors > 0 ? exit_code_for(ErrorCode::input) : 0;
}

int run_parsed(int argc, char** argv) {
  CLI::App app{"packager: turns video lessons into offline learning packages (SCORM)", "packager"};
  app.set_version_flag("--version", "packager " PACKAGER_VERSION);
  app.require_subcommand(1);
  // Global flags (-q, -v) also work after the command name.
  app.fallthrough();
  CommonFlags flags;
  app.add_flag("-q,--quiet", flags.quiet, "Only print errors and the results");
  app.add_flag("-v,--verbose", flags.verbose, "Print every step");

  pipeline::BuildOptions build;
  fs::path templates;
  fs::path cache_dir;
  auto* build_cmd = app.add_subcommand("build", "Package a course manifest or a lesson file as SCORM zip(s)");
  build_cmd->add_option("input", build.input, "Course manifest (.yaml) or lesson file (.md)")->required();
  build_cmd->add_option("-o,--output", build.output_dir, "Output folder")->capture_default_str();
  build_cmd->add_option("--templates", templates, "Folder of templates overriding the defaults");
  build_cmd->add_option("--cache-dir", cache_dir, "Download cache (default $XDG_CACHE_HOME/packager)");
  build_cmd->add_option("--media-dir", build.fetch.media_dirs,
                        "Folder holding videos you already have, named as in their URL (repeatable)");
  build_cmd->add_flag("--offline", build.fetch.offline, "Never download: use local copies and the cache only");
  build_cmd->add_option("--max-height", build.max_height,
                        "Tallest video wanted, e.g. 480 for a low-bandwidth variant (0: no limit)")
      ->check(CLI::NonNegativeNumber);
  std::string max_size;
  std::string oversize = "fail";
  build_cmd->add_option("--max-package-size", max_size,
                        "Largest zip wanted, e.g. 100M for a Moodle upload limit (K, M, G: powers of 1024)")
      ->transform(size_option());
  build_cmd->add_option("--oversize", oversize, "What a package over --max-package-size does: fail or warn")
      ->check(CLI::IsMember({"fail", "warn"}))
      ->capture_default_str();

  ValidateFlags validate;
  auto* validate_cmd = add_validate_command(app, validate);
  build_cmd->add_flag("--require-audio", build.require_audio,
                      "Fail on a video without sound instead of warning (a link to a video-only file)");
  build_cmd->add_flag("--transcode", build.transcode,
                      "Re-encode videos browsers cannot play in MP4 (HEVC, VP9...) to H.264 instead of failing");
  build_cmd->add_option("--crf", build.crf, "x264 quality when transcoding: 0 (best) to 51 (smallest)")
      ->capture_default_str()->check(CLI::Range(0, 51));
  build_cmd->add_option("--preset", build.preset, "x264 speed/size trade-off when transcoding")
      ->capture_default_str()
      ->check(CLI::IsMember({"ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower",
                             "veryslow", "placebo"}));
  build_cmd->add_option("-j,--jobs", build.jobs, "Videos downloaded, and then remuxed, at the same time")
      ->capture_default_str()->check(CLI::Range(1, 16));
  build_cmd->add_option("--max-download-size", build.fetch.max_bytes,
                        "Refuse videos larger than this (e.g. 800MB, 2GB)")
      ->transform(size_option());
  std::string formats = "zip";
  build_cmd->add_option("--format", formats,
                        "Outputs, comma-separated: zip (SCORM, the default), site (offline site for USB sticks), "
                        "zim (Kiwix), mbz (Moodle course backup); both = zip,site")
      ->check([](const std::string& text) {
        auto parsed = pipeline::parse_formats(text);
        return parsed ? std::string{} : parsed.error().message;
      });
  std::string shard;
  build_cmd->add_option("--shard", shard,
                        "I/N: build only shard I of N (fetch and remux a share of the lessons) for `packager merge`")
      ->check([](const std::string& text) {
        auto parsed = pipeline::parse_shard(text);
        return parsed ? std::string{} : parsed.error().message;
      });
  build_cmd->add_flag("--force", build.force,
                      "Rebuild and rewrite every output even when nothing changed (repairs a damaged bundle)");
  build_cmd->add_option("--target-size", build.target_size, "Fail unless the site fits a stick this big (e.g. 8GB, 4GiB)")
      ->transform(size_option());

  std::string max_file_size;
  build_cmd->add_option("--max-file-size", max_file_size,
                        "Largest ZIM file wanted; a larger course gives one ZIM per area (default 4G less 64M, "
                        "for FAT32)")
      ->transform(size_option());

  fs::path check_input;
  auto* check_cmd = app.add_subcommand("check", "Validate lesson files and course manifests without building");
  check_cmd->add_option("input", check_input, "Folder of lessons, course manifest or lesson file")->required();

  CLI::App* cache_cmd = nullptr;
  auto run_cache = add_cache_command(app, cache_cmd);
  VerifyCommand verify;
  add_verify_command(app, verify);
  DiffCommand diff;
  add_diff_command(app, diff);
  MergeCommand merge;
  add_merge_command(app, merge);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : exit_code_for(ErrorCode::usage);
  }

  if (*build_cmd) {
    build.templates_dir = templates.empty() ? render::default_templates_dir(argv[0]) : templates;
    build.fetch.cache_dir = cache_dir.empty() ? fetch::default_cache_dir() : cache_dir;
    if (!max_size.empty()) build.max_package_bytes = *util::parse_size(max_size);
    build.oversize_warns = oversize == "warn";
    build.format = *pipeline::parse_formats(formats);
    if (!max_file_size.empty()) build.max_file_bytes = *util::parse_size(max_file_size);
    if (!shard.empty()) {
      const Reporter reporter(flags.verbosity());
      auto built = pipeline::build_shard(build, *pipeline::parse_shard(shard), reporter);
      return built ? 0 : report_failure(reporter, built.error());
    }
    return run_build(build, flags);
  }
  if (*validate_cmd) return run_validate(validate, flags.quiet);
  if (*cache_cmd) return run_cache();
  if (*verify.app) return run_verify(verify, flags.verbosity());
  if (*diff.app) return run_diff(diff, flags.verbosity());
  if (*merge.app) return run_merge(merge, flags.verbosity());
  return run_check(check_input, flags);
}

}  // namespace

int run(int argc, char** argv) {
  install_interrupt_handlers();
  // Zip timestamps are DOS local time; working in UTC makes package bytes
  // independent of the machine's time zone.
  setenv("TZ", "UTC", 1);
  tzset();
  try {
    return run_parsed(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "packager: internal error: %s\n", e.what());
    return exit_code_for(ErrorCode::internal);
  }
}

}  // namespace packager::cli
