// `packager build`: a course manifest or a lesson file into SCORM zip(s),
// an offline site, ... (pipeline/build.hpp).
#include <iostream>
#include <memory>
#include <string>

#include "packager/cli/command.hpp"
#include "packager/pipeline/build.hpp"
#include "packager/pipeline/shard.hpp"
#include "packager/render/templates.hpp"
#include "packager/util/size.hpp"

namespace packager::cli {
namespace fs = std::filesystem;
namespace {

// What the command line gives, before it becomes BuildOptions.
struct BuildFlags {
  pipeline::BuildOptions build;
  fs::path templates;
  fs::path cache_dir;
  std::string max_size;
  std::string oversize = "fail";
  std::string formats = "zip";
  std::string shard;          // --shard I/N; empty: the whole course
  std::string max_file_size;  // --max-file-size (ZIM)
};

int run_build(const pipeline::BuildOptions& options, const GlobalFlags& global) {
  const Reporter reporter(global.verbosity());
  auto result = pipeline::build(options, reporter);
  if (!result) return report_failure(reporter, result.error());
  // Package paths are the command's result: stdout, one per line.
  for (const auto& path : result->packages) std::cout << path.string() << '\n';
  if (!result->site_index.empty()) std::cout << result->site_index.string() << '\n';
  for (const auto& path : result->zim_files) std::cout << path.string() << '\n';
  return 0;
}

}  // namespace

Command add_build_command(CLI::App& app, const GlobalFlags& global, const char* argv0) {
  auto f = std::make_shared<BuildFlags>();
  auto* cmd = app.add_subcommand("build", "Package a course manifest or a lesson file as SCORM zip(s)");
  cmd->add_option("input", f->build.input, "Course manifest (.yaml) or lesson file (.md)")->required();
  cmd->add_option("-o,--output", f->build.output_dir, "Output folder")->capture_default_str();
  cmd->add_option("--templates", f->templates, "Folder of templates overriding the defaults");
  cmd->add_option("--cache-dir", f->cache_dir, "Download cache (default $XDG_CACHE_HOME/packager)");
  cmd->add_option("--media-dir", f->build.fetch.media_dirs,
                        "Folder holding videos you already have, named as in their URL (repeatable)");
  cmd->add_flag("--offline", f->build.fetch.offline, "Never download: use local copies and the cache only");
  cmd->add_option("--max-height", f->build.media.max_height,
                        "Tallest video wanted, e.g. 480 for a low-bandwidth variant (0: no limit)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--max-package-size", f->max_size,
                        "Largest zip wanted, e.g. 100M for a Moodle upload limit (K, M, G: powers of 1024)")
      ->transform(size_option());
  cmd->add_option("--oversize", f->oversize, "What a package over --max-package-size does: fail or warn")
      ->check(CLI::IsMember({"fail", "warn"}))
      ->capture_default_str();
  cmd->add_flag("--require-audio", f->build.require_audio,
                "Fail on a video without sound instead of warning (a link to a video-only file)");
  cmd->add_flag("--transcode", f->build.media.transcode_unplayable,
                      "Re-encode videos browsers cannot play in MP4 (HEVC, VP9...) to H.264 instead of failing");
  cmd->add_option("--crf", f->build.media.crf, "x264 quality when transcoding: 0 (best) to 51 (smallest)")
      ->capture_default_str()->check(CLI::Range(0, 51));
  cmd->add_option("--preset", f->build.media.preset, "x264 speed/size trade-off when transcoding")
      ->capture_default_str()
      ->check(CLI::IsMember({"ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower",
                             "veryslow", "placebo"}));
  cmd->add_option("-j,--jobs", f->build.jobs, "Videos downloaded, and then remuxed, at the same time")
      ->capture_default_str()->check(CLI::Range(1, 16));
  cmd->add_option("--max-download-size", f->build.fetch.max_bytes,
                        "Refuse videos larger than this (e.g. 800MB, 2GB)")
      ->transform(size_option());
  cmd->add_option("--format", f->formats,
                        "Outputs, comma-separated: zip (SCORM, the default), site (offline site for USB sticks), "
                        "zim (Kiwix), mbz (Moodle course backup); both = zip,site")
      ->check([](const std::string& text) {
        auto parsed = pipeline::parse_formats(text);
        if (parsed) return std::string{};
        // CLI11 puts "--format: " in front of the message itself.
        std::string message = parsed.error().message;
        if (message.rfind("--format: ", 0) == 0) message.erase(0, 10);
        return message;
      });
  cmd->add_option("--shard", f->shard,
                  "I/N: build only shard I of N (fetch and remux a share of the lessons) for `packager merge`")
      ->check([](const std::string& text) {
        auto parsed = pipeline::parse_shard(text);
        return parsed ? std::string{} : parsed.error().message;
      });
  cmd->add_flag("--force", f->build.force,
                "Rebuild and rewrite every output even when nothing changed (repairs a damaged bundle)");
  cmd->add_option("--target-size", f->build.target_size, "Fail unless the site fits a stick this big (e.g. 8GB, 4GiB)")
      ->transform(size_option());
  cmd->add_option("--max-file-size", f->max_file_size,
                  "Largest ZIM file wanted; a larger course gives one ZIM per area (default 4G less 64M, for FAT32)")
      ->transform(size_option());

  return {cmd, [f, &global, argv0] {
            pipeline::BuildOptions build = f->build;
            build.templates_dir = f->templates.empty() ? render::default_templates_dir(argv0) : f->templates;
            build.fetch.cache_dir = f->cache_dir.empty() ? fetch::default_cache_dir() : f->cache_dir;
            if (!f->max_size.empty()) build.max_package_bytes = *util::parse_size(f->max_size);
            build.oversize_warns = f->oversize == "warn";
            build.format = *pipeline::parse_formats(f->formats);
            if (!f->max_file_size.empty()) build.max_file_bytes = *util::parse_size(f->max_file_size);
            if (!f->shard.empty()) {
              const Reporter reporter(global.verbosity());
              auto built = pipeline::build_shard(build, *pipeline::parse_shard(f->shard), reporter);
              return built ? 0 : report_failure(reporter, built.error());
            }
            return run_build(build, global);
          }};
}

}  // namespace packager::cli
