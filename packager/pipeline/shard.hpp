#pragma once
// Builds spread over many machines (a Slurm job array, a Kubernetes Indexed
// Job): each task builds one shard — the fetching and remuxing of a
// deterministic share of the lessons, the heavy part — into a folder of its
// own, and `packager merge` assembles the shard folders into exactly what a
// one-machine build writes (see docs/scale.md).
//
// A shard folder holds shard.json (the shard's index and count, the course
// manifest and the settings, a fingerprint of every input the outputs
// depend on, and each of its lessons' media records) and
// media/<lesson>/video.mp4, the packaged video. It is committed whole, like
// any bundle (util/bundle_commit.hpp), so a task killed half-way leaves
// either its earlier folder or nothing new; re-running the task redoes it.

#include <filesystem>
#include <string_view>
#include <vector>

#include "packager/core/error.hpp"
#include "packager/core/reporter.hpp"
#include "packager/lesson/model.hpp"
#include "packager/pipeline/options.hpp"

namespace packager::pipeline {

struct ShardSpec {
  int index = 0;  // 1-based, as Slurm's SLURM_ARRAY_TASK_ID
  int count = 0;
};

// Parses "I/N" (1 <= I <= N <= 10000). ErrorCode::usage saying what was
// expected.
Result<ShardSpec> parse_shard(std::string_view text);

// The lessons (indexes into course.lessons) shard `spec` builds. Lessons are
// ordered by the SHA-256 of their stable identifier (course id and lesson
// file name, never the title) and dealt out in turn, so every task computes
// the same split, each lesson is in exactly one shard, and shards differ by
// at most one lesson.
std::vector<size_t> shard_lessons(const lesson::Course& course, const ShardSpec& spec);

// `packager build --shard I/N -o DIR`: fetches and remuxes the shard's
// lessons (through the shared cache) and commits DIR. Fails like build.
Result<void> build_shard(const BuildOptions& options, const ShardSpec& spec, const Reporter& reporter);

// `packager merge DIR... -o OUT`: checks that the folders are shards 1..N of
// one build (same inputs and settings; none missing, none twice) and then
// builds OUT from their media, as `packager build` would have. Refusals are
// ErrorCode::input naming the shard folder and the cause.
// `cache_dir` is where captions the shards fetched by URL are found (offline).
Result<BuildResult> merge_shards(const std::vector<std::filesystem::path>& dirs,
                                 const std::filesystem::path& output_dir, const std::filesystem::path& cache_dir,
                                 const Reporter& reporter);

}  // namespace packager::pipeline
