#pragma once
// The hashes of a course's own input files, in the one form both the
// up-to-date fingerprint (pass_check_up_to_date.cpp) and the agreement of
// a distributed build's shards (shard.cpp) take them, as ccache's
// hash_common_info serves every kind of result.

#include <filesystem>

#include <nlohmann/json.hpp>

#include "packager/core/error.hpp"
#include "packager/lesson/model.hpp"

namespace packager::pipeline {

// [[relative path, sha256], ...] of every file of the templates folder,
// sorted, so an edited template or asset (or one added later) is seen.
// ErrorCode::output when a file cannot be read.
Result<nlohmann::json> templates_json(const std::filesystem::path& dir);

// {"slug", "source": sha256 of the lesson file, "captions" and "pdf":
// sha256 of the files in public/ it points at, or ""}. Fails as above.
Result<nlohmann::json> lesson_files_json(const lesson::Lesson& lesson);

}  // namespace packager::pipeline
